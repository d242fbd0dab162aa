"""Where the shipped data folders (lexicons/, templates/) live.

In a wheel they are packaged as ``writer/_data/<name>``; in a source checkout
or an editable install they are the top-level folders of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the shipped folder ``name`` ("lexicons" or "templates")."""
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name
