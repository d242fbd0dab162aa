"""stmt: a writing assistant for IMGs applying to US anesthesiology residency.

The library API (``writer.check``) is what the CLI calls; a test or another
program can call it directly. Importing ``writer`` is cheap: spaCy is only
loaded when text is analyzed.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "check", "check_files"]


def __getattr__(name: str):
    # Lazy so that `import writer` (and `stmt --help`) never imports spaCy.
    if name in ("check", "check_files"):
        from writer import api

        return getattr(api, name)
    raise AttributeError(name)
