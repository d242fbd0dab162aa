"""Markdown drafts: keep the prose, blank everything else, keep every offset.

A statement kept in an essay repo is often Markdown: front matter for a
static site, headings per program, links, the odd code span, and HTML comments
that carry notes and ``stmt`` suppression comments. None of that is prose a
program director reads, so it must not be split into sentences or tagged.

``markdown_prose`` returns a copy of the text of the same length in which
every character that is not prose is a space (line breaks are kept), so each
offset the pipeline reports still slices the original file. A list item
starts its own paragraph: its marker becomes a line break, which keeps items
without a final full stop from running together into one sentence.

Deliberately not handled: indented code blocks. Drafts pasted from Word often
indent the first line of each paragraph; treating those as code would drop
the prose. Use a fenced block (```) for anything that is not prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKDOWN_SUFFIXES = (".md", ".markdown")

_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FRONT_MATTER = {"---": ("---", "..."), "+++": ("+++",)}
_COMMENT = re.compile(r"<!--(.*?)(?:-->|\Z)", re.DOTALL)
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S")
_BLOCKQUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_TABLE_DELIMITER = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$"
)

_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_INLINE_LINK = re.compile(r"(\[)([^\]\n]+)(\]\([^)\n]*\))")
_REFERENCE_LINK = re.compile(r"(\[)([^\]\n]+)(\]\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>|<[^@>\s]+@[^>\s]+>")
_BARE_URL = re.compile(r"\bhttps?://[^\s<>()]+")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_EMPHASIS = re.compile(
    r"(?<![\w*])(\*{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])|(?<![\w_])(_{1,3})(?=\S)(.+?)(?<=\S)\3(?![\w_])"
)
_STRIKE = re.compile(r"(~~)(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")


@dataclass(frozen=True)
class Comment:
    """An HTML comment outside code: ``text[start:end]`` is ``<!--body-->``."""

    start: int
    end: int
    body: str


@dataclass(frozen=True)
class MarkdownLayout:
    prose: str
    comments: tuple[Comment, ...]


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def markdown_prose(text: str) -> str:
    """Same-length copy of ``text`` with everything but prose blanked."""
    return parse_markdown(text).prose


def markdown_comments(text: str) -> tuple[Comment, ...]:
    """The HTML comments of ``text`` that are not inside code or front matter."""
    return parse_markdown(text).comments


def parse_markdown(text: str) -> MarkdownLayout:
    chars = list(text)
    lines = _lines(text)
    _blank_front_matter(chars, lines)
    _blank_fences(chars, lines)
    comments = _blank_comments(chars)
    _blank_blocks(chars, lines)
    _blank_inline(chars)
    return MarkdownLayout("".join(chars), tuple(comments))


# -- helpers -------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, the line break excluded."""
    out = []
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if match.start() == len(text) and out:
            break
        body = match.group().rstrip("\r\n")
        out.append((match.start(), match.start() + len(body)))
    return out


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def _line_text(chars: list[str], span: tuple[int, int]) -> str:
    return "".join(chars[span[0] : span[1]])


def _blank_front_matter(chars: list[str], lines: list[tuple[int, int]]) -> None:
    if not lines:
        return
    opener = _line_text(chars, lines[0]).rstrip()
    closers = _FRONT_MATTER.get(opener)
    if closers is None:
        return
    for number in range(1, len(lines)):
        if _line_text(chars, lines[number]).rstrip() in closers:
            _blank(chars, lines[0][0], lines[number][1])
            return


def _blank_fences(chars: list[str], lines: list[tuple[int, int]]) -> None:
    open_fence: str | None = None
    open_at = 0
    for start, end in lines:
        line = "".join(chars[start:end])
        if open_fence is None:
            match = _FENCE_OPEN.match(line)
            if match and not (match.group(1)[0] == "`" and "`" in line[match.end() :]):
                open_fence, open_at = match.group(1), start
        elif re.match(rf"^ {{0,3}}{re.escape(open_fence[0])}{{{len(open_fence)},}}[ \t]*$", line):
            _blank(chars, open_at, end)
            open_fence = None
    if open_fence is not None:  # an unclosed fence runs to the end, as in CommonMark
        _blank(chars, open_at, len(chars))


def _blank_comments(chars: list[str]) -> list[Comment]:
    masked = "".join(chars)
    comments = []
    for match in _COMMENT.finditer(masked):
        comments.append(Comment(match.start(), match.end(), match.group(1)))
        _blank(chars, match.start(), match.end())
    return comments


def _blank_blocks(chars: list[str], lines: list[tuple[int, int]]) -> None:
    previous_blank = True
    for number, (start, end) in enumerate(lines):
        line = _line_text(chars, (start, end))
        if not line.strip():
            previous_blank = True
            continue
        quote = _BLOCKQUOTE.match(line)
        if quote:
            _blank(chars, start, start + quote.end())
            line = _line_text(chars, (start, end))
        if _SETEXT_UNDERLINE.match(line) and not previous_blank:
            # The line above is a heading's text: blank both.
            _blank(chars, lines[number - 1][0], end)
        elif (
            _ATX_HEADING.match(line)
            or _THEMATIC_BREAK.match(line)
            or _REFERENCE_DEFINITION.match(line)
            or _TABLE_DELIMITER.match(line)
        ):
            _blank(chars, start, end)
        else:
            marker = _LIST_MARKER.match(line)
            if marker:
                _blank(chars, start, start + marker.end())
                if not previous_blank:
                    # A line break here (same length) makes the item its own paragraph.
                    chars[start] = "\n"
        previous_blank = False


def _blank_inline(chars: list[str]) -> None:
    text = "".join(chars)
    for match in _CODE_SPAN.finditer(text):
        _blank(chars, match.start(), match.end())
    for pattern in (_IMAGE, _AUTOLINK, _BARE_URL, _HTML_TAG):
        for match in pattern.finditer("".join(chars)):
            _blank(chars, match.start(), match.end())
    for pattern in (_INLINE_LINK, _REFERENCE_LINK):
        for match in pattern.finditer("".join(chars)):
            _blank(chars, match.start(1), match.end(1))
            _blank(chars, match.start(3), match.end(3))
    for _ in range(2):  # nested emphasis: ***both***, **bold _and italic_**
        for match in _EMPHASIS.finditer("".join(chars)):
            group = 1 if match.group(1) else 3
            _blank(chars, match.start(group), match.end(group))
            _blank(chars, match.end() - len(match.group(group)), match.end())
    for match in _STRIKE.finditer("".join(chars)):
        _blank(chars, match.start(), match.start() + 2)
        _blank(chars, match.end() - 2, match.end())
    for match in _ESCAPE.finditer("".join(chars)):
        _blank(chars, match.start(), match.end())
