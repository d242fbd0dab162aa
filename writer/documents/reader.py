"""Reading a draft from disk: refuse what is not a draft, decode what is.

Drafts arrive from Word, Google Docs, phones and email clients, so the bytes
may be UTF-8 (with or without BOM), UTF-16, Windows-1252 or Latin-1. Every
failure is an ``InputError`` with one line that says what is wrong and what
to do; nothing here writes to the file.
"""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata
from pathlib import Path

from writer.documents.markdown import is_markdown, markdown_prose
from writer.documents.model import Document, prose_view
from writer.errors import InputError

# Ten times the ERAS limit (28,000 characters) leaves room for notes and
# UTF-16, and keeps a batch well inside the memory target.
MAX_BYTES = 2_000_000

_SIGNATURES = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\xd0\xcf\x11\xe0": "an old Word (.doc) file",
    b"{\\rtf": "an RTF file",
}
_EXPORT_HINT = "export it as plain text (.txt) or .docx"


def read_bytes(path: str | Path) -> bytes:
    """Return the raw bytes of the draft at ``path`` (for the cache and ``read_document_bytes``)."""
    p = Path(path)
    _check_file(p, path)
    try:
        # Read one byte past the limit: a file that grew since stat() is still refused.
        with p.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None
    if len(data) > MAX_BYTES:
        raise _too_large(path, len(data))
    return data


def read_text(path: str | Path) -> tuple[str, str]:
    """Return (text, encoding name) for the draft at ``path``."""
    p = Path(path)
    if p.suffix.lower() == ".docx":
        from writer.documents.docx import read_docx

        _check_file(p, path)
        return read_docx(p), "docx"
    return decode(read_bytes(p), str(path))


def _check_file(p: Path, path: str | Path) -> None:
    """Refuse what cannot be a draft before reading it: folders, missing or huge files."""
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a directory, not a draft")
        info = p.stat()
    except FileNotFoundError:
        if p.is_symlink():
            raise InputError(f"{path}: broken symbolic link") from None
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None
    if not stat.S_ISREG(info.st_mode):
        # Reading a FIFO waits forever for a writer; a device may never end.
        raise InputError(
            f"{path}: not a regular file (a pipe, socket or device); save the draft to a file"
        )
    if info.st_size > MAX_BYTES:
        raise _too_large(path, info.st_size)


def _too_large(path: str | Path, size: int) -> InputError:
    return InputError(
        f"{path}: {size:,} bytes is too large for a draft (limit {MAX_BYTES:,}); "
        "a personal statement fits in 28,000 characters"
    )


def decode(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode draft bytes, refusing binary data; returns (text, encoding)."""
    for signature, what in _SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{name}: this is {what}, not a text draft; {_EXPORT_HINT}")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), "utf-16"
    if b"\x00" in data:
        raise InputError(f"{name}: binary data (NUL bytes), not a text draft; {_EXPORT_HINT}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess_legacy(data)
    text = data.decode(encoding, errors="replace")
    if _looks_binary(text):
        raise InputError(f"{name}: binary data, not a text draft; {_EXPORT_HINT}")
    return text, encoding


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not valid {encoding} at byte {err.start}") from None


def _guess_legacy(data: bytes) -> str:
    """Pick the 8-bit encoding of a file that is not UTF-8.

    Word's "Save as plain text" on Windows writes cp1252 (smart quotes as
    0x91-0x94) and older tools write Latin-1; when the bytes read as Western
    European text, one of those is right (cp1252 when bytes 0x80-0x9F occur,
    which are control characters in Latin-1). Anything else (Cyrillic,
    Greek, Asian code pages) is left to charset-normalizer.
    """
    has_c1 = any(0x80 <= b <= 0x9F for b in data)
    try:
        western = data.decode("cp1252") if has_c1 else data.decode("latin-1")
    except UnicodeDecodeError:
        western = None
    if western is not None and _reads_as_western(western):
        return "cp1252" if has_c1 else "latin-1"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None and best.encoding:
            return best.encoding
    except Exception:  # pragma: no cover - detection is best effort
        pass
    return "cp1252" if western is not None else "latin-1"


# Quotes, dashes, ellipsis, bullet, NBSP, degree, middle dot, (c), (R), euro, one half.
_TYPOGRAPHIC = (
    "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u00a0\u00b0\u00b7\u00a9\u00ae\u20ac\u00bd"
)


def _reads_as_western(text: str) -> bool:
    """Most non-ASCII characters are accented Latin letters or typographic marks."""
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return True
    ok = sum(1 for ch in non_ascii if ch.isalpha() and ord(ch) < 0x250 or ch in _TYPOGRAPHIC)
    return ok / len(non_ascii) >= 0.9


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls / len(text) > 0.05


def read_document(path: str | Path, kind: str | None = None) -> Document:
    """Read and prepare the draft at ``path`` (see ``make_document``)."""
    return read_document_bytes(read_bytes(path), str(path), kind)


def read_document_bytes(data: bytes, path: str, kind: str | None = None) -> Document:
    """Prepare a draft given as bytes (standard input); ``path`` names it.

    The name decides the format, as a file on disk would: ``.docx`` is read
    as Word, ``.md`` as Markdown, anything else as plain text.
    """
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{path}: {len(data):,} bytes is too large for a draft (limit {MAX_BYTES:,})"
        )
    if path.lower().endswith(".docx"):
        import io

        from writer.documents.docx import read_docx_with_notes

        text, notes = read_docx_with_notes(io.BytesIO(data), name=path)
        doc = make_document(text, path, kind=kind, encoding="docx")
        doc.notes += notes
        return doc
    text, encoding = decode(data, path)
    return make_document(text, path, kind=kind, encoding=encoding)


def make_document(
    text: str, path: str = "<text>", kind: str | None = None, encoding: str = "utf-8"
) -> Document:
    """Build a Document from decoded text; refuses an empty draft."""
    if not _has_visible(text):
        raise InputError(f"{path}: empty draft")
    doc = Document(path=path, text=text, encoding=encoding, kind=kind or "statement")
    if is_markdown(path):
        doc.prose = prose_view(markdown_prose(text))
        if not doc.prose.strip():
            raise InputError(f"{path}: no prose (only Markdown markup, code or comments)")
    else:
        doc.prose = prose_view(text)
    doc.notes = []
    _email_headers(doc, kind)
    if encoding not in ("utf-8", "utf-8-sig", "docx"):
        doc.notes.append(f"decoded as {encoding}")
    return doc


def _email_headers(doc: Document, kind: str | None) -> None:
    """Blank an email's To/Cc/Subject block in the prose; name the message kind if not given."""
    from writer.documents.email import blank_headers, blank_quoted, detect_kind, parse_headers

    block = parse_headers(doc.text)
    if block.fields or block.preamble:
        doc.headers = block.as_dict()
        doc.prose = blank_headers(doc.prose, block)
        if not doc.prose.strip():
            raise InputError(f"{doc.path}: only email headers, no message")
    if kind is None:
        detected = detect_kind(doc.text, block)
        if detected:
            doc.kind = detected
            doc.notes.append(f"checked as {detected} (from its content; --kind to choose)")
    if doc.kind != "statement":
        # a reply's quoted earlier message is the other person's words, not the draft's
        doc.prose = blank_quoted(doc.prose, doc.text)


def _has_visible(text: str) -> bool:
    """Anything but whitespace and invisible format or control characters.

    A file of zero-width spaces and BOMs (pasted from a web form) looks empty to
    its author, so it is refused as one rather than reported as a missing story.
    """
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc") for ch in text)


def is_readable_draft(path: Path) -> bool:
    return path.suffix.lower() in (".txt", ".md", ".markdown", ".docx", ".text") and os.access(
        path, os.R_OK
    )
