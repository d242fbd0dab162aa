"""Word drafts (.docx, also what Google Docs exports), read with python-docx."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from writer.errors import InputError


def read_docx(path: Path | BinaryIO, name: str | None = None) -> str:
    """Return the paragraphs of a .docx as text, one blank line between them.

    ``path`` may be an open binary file (standard input); ``name`` then names it.
    """
    name = name or str(path)
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - it is a core dependency
        raise InputError(f"{name}: reading .docx needs python-docx") from None
    try:
        document = docx.Document(path if hasattr(path, "read") else str(path))
    except Exception as err:  # python-docx raises several unrelated types
        raise InputError(f"{name}: not a readable .docx file ({type(err).__name__})") from None
    paragraphs = [p.text.strip() for p in document.paragraphs]
    return "\n\n".join(p for p in paragraphs if p) + "\n"
