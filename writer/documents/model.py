"""The in-memory draft: its text, its paragraphs and a line/column index."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# A paragraph ends at a blank line (a line holding only whitespace), or at a line break
# that the layout shows to be one (``prose_view`` marks it with a form feed).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\f\v]*\n\s*|\f\s*")
_BLANK_LINES = re.compile(r"\n(?:[ \t\f\v]*\n)+")
#: A line this long was not wrapped by hand or by a mail client: its block's line breaks
#: end paragraphs (a word processor's "one paragraph a line" export).
UNWRAPPED_LINE = 200
#: A first-line indent: two spaces or a tab before the first word.
_INDENT = re.compile(r"(?: {2,}|\t)[ \t]*\S")
_ENDS_SENTENCE = (".", "!", "?", '"', "'", ")", "\u201d", "\u2019")


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int


class LineIndex:
    """Maps character offsets to 1-based (line, column) in the original text."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


@dataclass
class Document:
    """A draft ready for analysis.

    ``text`` is the decoded file exactly as written (line endings kept), so
    every offset stmt reports slices the original. ``prose`` has the same
    length: line breaks inside a paragraph become spaces and regions that are
    not prose (email headers, Markdown markup) become spaces, so the NLP
    pipeline sees clean sentences while offsets stay valid.
    """

    path: str
    text: str
    encoding: str = "utf-8"
    kind: str = "statement"
    prose: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.prose:
            self.prose = self.text
        self.lines = LineIndex(self.text)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return list(split_paragraphs(self.prose))


def split_paragraphs(text: str):
    """Yield the non-blank paragraphs of ``text`` with their offsets."""
    index = 0
    pos = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        if text[pos : brk.start()].strip():
            start, end = _trim(text, pos, brk.start())
            yield Paragraph(index, start, end)
            index += 1
        pos = brk.end()
    if text[pos:].strip():
        start, end = _trim(text, pos, len(text))
        yield Paragraph(index, start, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def prose_view(text: str) -> str:
    """Same-length copy of ``text`` where single line breaks become spaces.

    Hard-wrapped paragraphs then read as one run of prose; blank lines (the
    paragraph breaks) are kept so sentences never cross a paragraph. CRLF and
    CR endings are normalised without changing the length, so offsets hold.
    Where a block with no blank line in it is laid out as paragraphs all the
    same (``layout_breaks``), those line breaks become form feeds, which
    ``split_paragraphs`` reads as paragraph breaks.
    """
    norm = text.replace("\r\n", " \n").replace("\r", "\n").replace("\f", " ")
    out = []
    pos = 0
    for brk in _BLANK_LINES.finditer(norm):
        out.append(_join_lines(norm[pos : brk.start()]))
        out.append(brk.group())
        pos = brk.end()
    out.append(_join_lines(norm[pos:]))
    return "".join(out)


def _join_lines(block: str) -> str:
    lines = block.split("\n")
    breaks = layout_breaks(lines)
    return "".join(
        (("\f" if i in breaks else " ") if i else "") + line for i, line in enumerate(lines)
    )


def layout_breaks(lines: list[str]) -> set[int]:
    """Which lines of a block with no blank line start a new paragraph (their indexes).

    - One paragraph a line: a line longer than ``UNWRAPPED_LINE`` characters shows
      the writer (or the tool that saved the file) does not wrap lines, so every line
      break in the block is deliberate and ends a paragraph.
    - First-line indents: an indented line after an unindented one that ends a
      sentence starts a paragraph ("...last year.\n    During my externship...").
      A block indented throughout (a quotation, an address) is not split.
    """
    if sum(1 for line in lines if line.strip()) < 2:
        return set()
    if max(len(line.strip()) for line in lines) > UNWRAPPED_LINE:
        return {i for i in range(1, len(lines)) if lines[i].strip()}
    return {
        i
        for i in range(1, len(lines))
        if _INDENT.match(lines[i])
        and not _INDENT.match(lines[i - 1])
        and lines[i - 1].rstrip().endswith(_ENDS_SENTENCE)
    }
