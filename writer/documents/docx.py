"""Word drafts (.docx, also what Google Docs exports), read with python-docx."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from writer.errors import InputError


def read_docx(path: Path | BinaryIO, name: str | None = None) -> str:
    """Return the paragraphs of a .docx as text, one blank line between them.

    ``path`` may be an open binary file (standard input); ``name`` then names it.
    """
    return read_docx_with_notes(path, name)[0]


#: WordprocessingML's namespace.
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Text that a tracked change took out: not part of the draft with its changes accepted.
_REMOVED = (f"{_W}del", f"{_W}moveFrom")


def read_docx_with_notes(path: Path | BinaryIO, name: str | None = None) -> tuple[str, list[str]]:
    """The text of a .docx (as ``read_docx``) and notes on how it was read.

    A draft an advisor edited with Track Changes is read as if every change were
    accepted: inserted text is in, deleted text is out (python-docx's ``Paragraph.text``
    leaves out both), and a note says so. Tabs and line breaks inside a paragraph are
    kept as a tab and a line break."""
    name = name or str(path)
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - it is a core dependency
        raise InputError(f"{name}: reading .docx needs python-docx") from None
    try:
        document = docx.Document(path if hasattr(path, "read") else str(path))
    except Exception as err:  # python-docx raises several unrelated types
        raise InputError(f"{name}: not a readable .docx file ({type(err).__name__})") from None
    changes = [0, 0]
    paragraphs = [_paragraph_text(p._p, changes).strip() for p in document.paragraphs]
    notes = []
    if any(changes):
        notes.append(
            f"tracked changes read as accepted ({changes[0]} insertion(s), "
            f"{changes[1]} deletion(s)): accept or reject them in Word to check the other version"
        )
    return "\n\n".join(p for p in paragraphs if p) + "\n", notes


def _paragraph_text(p, changes: list[int]) -> str:
    """A ``w:p``'s text with tracked insertions and without tracked deletions; counts
    the changes into ``changes`` (insertions, deletions)."""
    out = []
    for el in p.iter(
        f"{_W}t",
        f"{_W}tab",
        f"{_W}br",
        f"{_W}cr",
        f"{_W}noBreakHyphen",
        f"{_W}ins",
        f"{_W}del",
        f"{_W}moveTo",
        f"{_W}moveFrom",
    ):
        tag = el.tag
        if tag in (f"{_W}ins", f"{_W}moveTo"):
            changes[0] += 1
            continue
        if tag in _REMOVED:
            changes[1] += 1
            continue
        if any(a.tag in _REMOVED for a in el.iterancestors()):
            continue
        if tag == f"{_W}t":
            out.append(el.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        else:
            out.append("\n")
    return "".join(out)
