"""Silencing findings in Markdown with HTML comments.

    <!-- stmt: disable=blame -->        rules off from here (no ``=``: every rule)
    <!-- stmt: enable=blame -->         back on (no ``=``: every rule)
    <!-- stmt: disable-next-line -->    the next non-blank line only (``=rule,rule`` allowed)

A finding about the whole draft (``missing-why-now``, ``too-long``...) is
silenced by a ``disable`` placed before the first paragraph. Comments are
blanked from the prose (``writer.documents.markdown``), so they are never
analysed as sentences. A comment that names an unknown rule or action is not
ignored silently: it becomes a note on the file.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from writer.documents.markdown import is_markdown, markdown_comments

ACTIONS = ("disable", "enable", "disable-next-line")
_DIRECTIVE = re.compile(r"^\s*stmt\s*:\s*([A-Za-z-]+)\s*(?:=\s*(.*?))?\s*$", re.DOTALL)


@dataclass(frozen=True)
class Directive:
    action: str
    rules: frozenset[str] | None  # None: every rule
    start: int
    end: int
    line: int


def parse_directives(document) -> tuple[list[Directive], list[str]]:
    """The ``stmt:`` comments of a Markdown document, and notes on malformed ones."""
    from writer.rules import RULES

    directives: list[Directive] = []
    notes: list[str] = []
    for comment in markdown_comments(document.text):
        match = _DIRECTIVE.match(comment.body)
        if not match:
            continue
        line = document.lines.position(comment.start)[0]
        action, listed = match[1].lower(), match[2]
        if action not in ACTIONS:
            hint = difflib.get_close_matches(action, ACTIONS, n=1)
            maybe = f" (did you mean {hint[0]!r}?)" if hint else ""
            notes.append(f"line {line}: unknown stmt comment {action!r}{maybe}; ignored")
            continue
        rules = None
        if listed:
            rules = frozenset(r.strip() for r in listed.split(",") if r.strip())
            for unknown in sorted(rules - set(RULES)):
                hint = difflib.get_close_matches(unknown, list(RULES), n=1)
                maybe = f" (did you mean {hint[0]!r}?)" if hint else ""
                notes.append(f"line {line}: unknown rule {unknown!r} in a stmt comment{maybe}")
        directives.append(Directive(action, rules, comment.start, comment.end, line))
    return directives, notes


def apply_suppressions(findings: list, document) -> tuple[list, list[str]]:
    """Drop the findings a Markdown document's comments silence; return (kept, notes)."""
    if not is_markdown(document.path) or "stmt" not in document.text:
        return findings, []
    directives, notes = parse_directives(document)
    if not directives:
        return findings, notes
    first_prose = len(document.prose) - len(document.prose.lstrip())
    next_lines = _next_line_targets(document, directives)
    kept = []
    for finding in findings:
        position = max(finding.start, first_prose)
        if _disabled_at(directives, finding.rule, position):
            continue
        if any(
            finding.line <= target <= finding.end_line and (rules is None or finding.rule in rules)
            for target, rules in next_lines
        ):
            continue
        kept.append(finding)
    return kept, notes


def _disabled_at(directives: list[Directive], rule: str, position: int) -> bool:
    everything = False
    only: dict[str, bool] = {}
    for d in directives:
        if d.start > position:
            break
        if d.action == "disable-next-line":
            continue
        off = d.action == "disable"
        if d.rules is None:
            everything, only = off, {}
        else:
            only.update(dict.fromkeys(d.rules, off))
    return only.get(rule, everything)


def _next_line_targets(
    document, directives: list[Directive]
) -> list[tuple[int, frozenset[str] | None]]:
    lines = document.text.splitlines()
    targets = []
    for d in directives:
        if d.action != "disable-next-line":
            continue
        end_line = document.lines.position(max(d.start, d.end - 1))[0]
        target = end_line + 1
        while target <= len(lines) and not lines[target - 1].strip():
            target += 1
        targets.append((target, d.rules))
    return targets
