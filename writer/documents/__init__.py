"""Reading drafts: bytes on disk → one ``Document`` with offsets into the original."""

from writer.documents.model import Document, LineIndex, Paragraph
from writer.documents.reader import MAX_BYTES, read_document, read_text

__all__ = ["Document", "LineIndex", "Paragraph", "MAX_BYTES", "read_document", "read_text"]
