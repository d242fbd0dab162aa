"""Profile data → the fields a message template sees.

Only fields with a value become keys (see ``engine.Record``), plus a few that
are derived so templates do not have to: how to greet someone
(``salutation``), where the writer and applicant worked together
(``setting``), whether the scores call for the guide's "not as strong as I had
hoped" framing (``low_scores``).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from writer.drafting.engine import Record
from writer.profile import Profile, Program, Writer

__all__ = ["build_context", "salutation"]

_DOCTOR = {"dr", "dra", "doctor"}
_PROFESSOR = {"prof", "professor"}
_COURTESY = {"mr": "Mr.", "ms": "Ms.", "mrs": "Mrs.", "mx": "Mx."}
_DOCTOR_DEGREES = {"md", "do", "mbbs", "mbchb", "phd", "frca", "frcpc"}


def salutation(name: str, *, assume_doctor: bool) -> str:
    """How a letter opens to ``name``: "Dr. Smith", "Ms. Raman", or the full name.

    Letter writers are physicians (guide: avoid "letters from non-physicians"),
    so a bare name becomes "Dr. <last name>"; a program contact with no title
    is greeted by full name rather than guessed at. A profile can override this
    with ``salutation = "..."`` (compound surnames: "Dr. García Ortega").
    """
    core, _, suffix = name.partition(",")
    words = core.split()
    if not words:
        return name.strip()
    first = words[0].rstrip(".").lower()
    last = words[-1]
    degrees = {part.strip().rstrip(".").replace(".", "").lower() for part in suffix.split(",")}
    if first in _DOCTOR and len(words) > 1:
        return f"Dr. {last}"
    if first in _PROFESSOR and len(words) > 1:
        return f"Professor {last}"
    if first in _COURTESY and len(words) > 1:
        return f"{_COURTESY[first]} {last}"
    if degrees & _DOCTOR_DEGREES or assume_doctor:
        return f"Dr. {last}"
    return core.strip()


def _fields(record: Any) -> dict[str, Any]:
    """The dataclass's fields that have a value (None, "" and () are left out)."""
    values = dataclasses.asdict(record)
    return {key: value for key, value in values.items() if value not in (None, "", ())}


def _writer_record(writer: Writer, today: date) -> Record:
    fields = _fields(writer)
    if writer.deadline is not None:
        fields["days_left"] = (writer.deadline - today).days
    if writer.name and not writer.salutation:
        fields["salutation"] = salutation(writer.name, assume_doctor=True)
    if writer.worked_together:
        setting = writer.worked_together
        if writer.institution and writer.institution.lower() not in setting.lower():
            setting = f"{setting} at {writer.institution}"
        fields["setting"] = setting
    specialty = (writer.specialty or "").lower()
    fields["anesthesiologist"] = "anesth" in specialty
    return Record(f"writer {writer.id!r}", fields)


def _program_record(program: Program) -> Record:
    fields = _fields(program)
    if program.contact and not program.salutation:
        fields["salutation"] = salutation(program.contact, assume_doctor=False)
    if program.city and program.state:
        fields["location"] = f"{program.city}, {program.state}"
    return Record(f"program {program.id!r}", fields)


def build_context(
    profile: Profile,
    *,
    kind: str,
    writer: Writer | None = None,
    program: Program | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """Everything a template can use for one message."""
    today = today or date.today()
    context: dict[str, Any] = {
        "kind": kind,
        "today": today,
        "applicant": Record("applicant", _fields(profile.applicant)),
        "scores": Record("scores", _fields(profile.scores)),
        "red_flags": profile.red_flags(),
        # The guide's letter-request framing applies when scores are "low".
        "low_scores": bool(profile.red_flags()),
    }
    if writer is not None:
        context["writer"] = _writer_record(writer, today)
    if program is not None:
        context["program"] = _program_record(program)
    return context
