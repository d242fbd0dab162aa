"""The report for people: ``path:line:col: severity rule-id message`` and a summary."""

from __future__ import annotations

from writer.rules.statement import ERAS_CHARACTER_LIMIT, MAX_EXAM_SENTENCES, ONE_PAGE_WORDS

_STRUCTURE = [
    ("anecdote", "anesthesia story"),
    ("why_specialty", "why anesthesiology"),
    ("why_me", "why you"),
    ("why_now", "why now"),
    ("img_perspective", "IMG perspective"),
    ("future_goals", "future goals"),
]

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render_text(
    results, color: bool = False, quiet: bool = False, summary: bool = True, **_options
) -> str:
    import click

    out: list[str] = []
    for result in results:
        if result.error:
            continue  # the CLI reports unreadable files on stderr, as "stmt: error: …"
        baselined = {id(f) for f in result.baselined}
        for f in result.findings:
            sev = (
                click.style(f.severity, fg=_COLOURS[f.severity], bold=True) if color else f.severity
            )
            mark = " (baselined)" if id(f) in baselined else ""
            where = _position(result, f)
            out.append(f"{result.path}:{where}: {sev} {f.rule}{mark} {f.message}")
            if f.suggestion and not quiet and f.rule != "eras-characters":
                out.append(f"    suggestion: {f.suggestion}")
        if summary and not quiet:
            out.extend(_summary(result))
    return "\n".join(out)


def _position(result, finding) -> str:
    """``line:col``; in a .docx (no lines a writer can see), ``paragraph N, sentence M``."""
    if not result.path.lower().endswith(".docx"):
        return f"{finding.line}:{finding.column}"
    for s in result.sentences:
        if s.start <= finding.start < s.end:
            nth = sum(
                1 for o in result.sentences if o.paragraph == s.paragraph and o.start <= s.start
            )
            return f"paragraph {s.paragraph + 1}, sentence {nth}"
    return "paragraph 1"


def _summary(result) -> list[str]:
    stats = result.stats
    if result.kind != "statement":
        notes = f" [{'; '.join(result.notes)}]" if result.notes else ""
        return [
            f"  {result.path} ({result.kind}): {stats.get('words', 0)} words, "
            f"{len(result.findings)} finding(s){notes}"
        ]
    lines_by_tag = stats.get("structure_lines", {})
    parts = []
    for tag, label in _STRUCTURE:
        where = lines_by_tag.get(tag, [])
        mark = f"yes (line {where[0]})" if where else "MISSING"
        parts.append(f"{label}: {mark}")
    exam = stats.get("exam_sentences", 0)
    read = stats.get("readability", {})
    notes = f" [{'; '.join(result.notes)}]" if result.notes else ""
    return [
        f"  {result.path}{notes}",
        "    structure: " + ", ".join(parts),
        f"    exam sentences: {exam} (guide: 2-{MAX_EXAM_SENTENCES})"
        f"   words: {stats.get('words', 0)}/{ONE_PAGE_WORDS}"
        f"   characters: {stats.get('characters', 0):,}/{ERAS_CHARACTER_LIMIT:,}"
        f"   reading ease: {read.get('flesch_reading_ease', '-')}"
        f"   grade: {read.get('flesch_kincaid_grade', '-')}",
    ]
