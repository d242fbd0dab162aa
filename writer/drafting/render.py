"""Render one message (or one per writer/program) from a profile.

The order of checks is the order a careful advisor would go in: is this the
right message for this person at all (an interest email needs a real
connection), is the data there (a letter request needs a deadline), is the
timing still possible (a deadline not already past), and only then the
template. The result is checked once more for anything that looks like an
unfilled placeholder, so no draft can go out with "[Program Name]" in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

from writer.documents.email import MASKED_PLACEHOLDER, MERGE_FIELD
from writer.drafting.context import build_context
from writer.drafting.engine import make_environment, render_template
from writer.drafting.kinds import KINDS, Kind, get_kind
from writer.errors import StmtError, TemplateError
from writer.profile import Profile, Program, Writer

__all__ = ["Draft", "DraftRefused", "draft", "draft_all", "find_placeholder"]

#: Fewer days than this between today and a letter deadline is short notice.
#: Writers are busy clinicians; four weeks is the courtesy most advisors quote.
SHORT_NOTICE_DAYS = 28


class DraftRefused(StmtError):
    """The guide says this message should not be sent to this person."""


@dataclass(frozen=True)
class Draft:
    """One rendered message and any advice about it (printed by the CLI)."""

    kind: str
    target: str | None
    target_id: str | None
    text: str
    notes: tuple[str, ...] = ()


def draft(
    profile: Profile,
    kind_name: str,
    *,
    writer_id: str | None = None,
    program_id: str | None = None,
    templates: str | Path | None = None,
    today: date | None = None,
    env: SandboxedEnvironment | None = None,
) -> Draft:
    """Render ``kind_name`` for one writer or program of ``profile``."""
    kind = _kind(kind_name)
    if writer_id is not None and program_id is not None:
        raise StmtError("give --writer or --program, not both")
    target, record = _target(profile, kind, writer_id, program_id)
    return _render(profile, kind, target, record, env or make_environment(templates), today)


def draft_all(
    profile: Profile,
    kind_name: str,
    *,
    templates: str | Path | None = None,
    today: date | None = None,
) -> tuple[list[Draft], list[str]]:
    """One draft per writer and/or program the kind addresses.

    Returns the drafts and, separately, why any writer or program was skipped
    (a program with no connection gets no interest email). Missing data is an
    error, not a skip: the user asked for everything.
    """
    kind = _kind(kind_name)
    env = make_environment(templates)
    drafts: list[Draft] = []
    skipped: list[str] = []
    records: list[tuple[str, Writer | Program]] = []
    if "writer" in kind.targets:
        records.extend(("writer", w) for w in profile.writers)
    if "program" in kind.targets:
        records.extend(("program", p) for p in profile.programs)
    if not kind.targets:
        drafts.append(_render(profile, kind, None, None, env, today))
    for target, record in records:
        reason = kind.refuse(record) if kind.refuse else None
        if reason:
            skipped.append(reason)
            continue
        drafts.append(_render(profile, kind, target, record, env, today))
    if not drafts and not skipped:
        wanted = " or ".join(f"[[{t}s]]" for t in kind.targets)
        raise StmtError(f"{profile.source}: no {wanted} to write a {kind.name} for")
    return drafts, skipped


def _kind(name: str) -> Kind:
    kind = get_kind(name)
    if kind is None:
        known = ", ".join(k.name for k in KINDS)
        raise StmtError(f"unknown message kind {name!r}; known kinds: {known}")
    return kind


def _target(
    profile: Profile, kind: Kind, writer_id: str | None, program_id: str | None
) -> tuple[str | None, Writer | Program | None]:
    if writer_id is not None:
        if "writer" not in kind.targets:
            raise StmtError(f"{kind.name} is written to a program: use --program ID")
        return "writer", profile.writer(writer_id)
    if program_id is not None:
        if "program" not in kind.targets:
            raise StmtError(f"{kind.name} is written to a letter writer: use --writer ID")
        return "program", profile.program(program_id)
    if kind.targets:
        options = " or ".join(f"--{t} ID" for t in kind.targets)
        raise StmtError(f"{kind.name}: say whom it is for with {options}, or use --all")
    return None, None


def _render(
    profile: Profile,
    kind: Kind,
    target: str | None,
    record: Writer | Program | None,
    env: SandboxedEnvironment,
    today: date | None,
) -> Draft:
    today = today or date.today()
    about = f"{target} {record.id!r}" if record is not None else "the applicant"
    if record is not None and kind.refuse is not None:
        reason = kind.refuse(record)
        if reason:
            raise DraftRefused(reason)
    _require(profile, kind, target, record, about)
    notes = _timing(kind, record, today)
    context = build_context(
        profile,
        kind=kind.name,
        writer=record if isinstance(record, Writer) else None,
        program=record if isinstance(record, Program) else None,
        today=today,
    )
    text = render_template(env, kind.template, context, about=about, profile_source=profile.source)
    text = tidy(text)
    found = find_placeholder(text)
    if found:
        raise TemplateError(
            f"the {kind.name} for {about} still contains {found!r}; fill in that field "
            f"in {profile.source} (or fix the template) before sending"
        )
    return Draft(
        kind=kind.name,
        target=target,
        target_id=record.id if record is not None else None,
        text=text,
        notes=tuple(notes) + _advice(kind, record),
    )


def _require(profile: Profile, kind: Kind, target: str | None, record: object, about: str) -> None:
    tables = {"applicant": profile.applicant, "scores": profile.scores, target: record}
    missing = []
    for need in kind.needs_for(target):
        table, field = need.split(".")
        if getattr(tables[table], field, None) in (None, "", ()):
            missing.append(need)
    if missing:
        fields = ", ".join(missing)
        raise TemplateError(
            f"a {kind.name} for {about} needs {fields}, missing in {profile.source}"
        )


def _timing(kind: Kind, record: object, today: date) -> list[str]:
    """Deadline checks for the messages that carry one."""
    if kind.name not in ("letter-request", "reminder") or not isinstance(record, Writer):
        return []
    deadline = record.deadline
    if deadline is None:
        return []
    if deadline < today:
        raise DraftRefused(
            f"writer {record.id!r}: the deadline {deadline.isoformat()} has already passed; "
            "agree a new date with the writer and update deadline"
        )
    days = (deadline - today).days
    if kind.name == "letter-request" and days < SHORT_NOTICE_DAYS:
        return [
            f"writer {record.id!r}: the deadline is only {days} days away; writers need "
            "several weeks for a strong, specific letter, so ask now and offer a later date"
        ]
    return []


def _advice(kind: Kind, record: object) -> tuple[str, ...]:
    if kind.name == "letter-request" and isinstance(record, Writer) and not record.observed:
        return (
            f"writer {record.id!r} has no `observed` list: the guide warns against "
            '"generic letters ... with no anecdotes", so remind them what they saw you do',
        )
    return ()


_PLACEHOLDERS = re.compile(
    r"\{\{|\}\}|\{%|%\}|\{#|#\}"  # template syntax that leaked through
    r"|\bX{3,}\b|\bTODO\b|\bTBD\b|\bFIXME\b"
    rf"|{MASKED_PLACEHOLDER}"  # XX/XX/2027, [ ]
    rf"|{MERGE_FIELD}"  # <<faculty name>>
    # [Program Name]; not what a mail client leaves of an image or a link: [cid:...],
    # [image: ...], [Logo], [https://.../logo.png]
    # [PDF], [sic], a reference [1]: no placeholder either (as the rule reads them)
    r"|\[(?!(?i:cid:|image|logo|photo|picture|icon|banner|attach|https?:|www\.|pdf\b|sic\b|link\b"
    r"|doi\b|video\b|slides\b|poster\b))(?=[^\]\n]*[A-Za-z])(?![^\]\n]*\d)[^\]\n]{1,80}\]"
    r"|(?i:<(?:insert|your|program|name)\b[^>@\n]*>)"  # <insert name>
)


def find_placeholder(text: str) -> str | None:
    """The first thing in ``text`` that looks like an unfilled placeholder (not the
    writer's initials after their name: "Ana Souza [AS]")."""
    from writer.documents.email import initials_of_name_before

    for match in _PLACEHOLDERS.finditer(text):
        found = match.group(0)
        if not (
            found.startswith("[") and initials_of_name_before(text, match.start(), found[1:-1])
        ):
            return found
    return None


def tidy(text: str) -> str:
    """Trailing spaces, doubled spaces and runs of blank lines left by templates."""
    lines = [re.sub(r"(?<=\S) {2,}", " ", line).rstrip() for line in text.splitlines()]
    tidied = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return tidied + "\n"
