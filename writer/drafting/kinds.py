"""The message kinds `stmt draft` can write, each tied to the guide passage it follows.

A kind is data: its template file, whom it is addressed to (a letter writer, a
program, or either), the profile fields it cannot do without, and the rule
that says when it must not be written at all (an interest email with no real
connection). Wording lives in ``templates/``; this module only describes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from writer.profile import Program, Writer

__all__ = ["KINDS", "Kind", "NO_CONNECTION_QUOTE", "get_kind"]

#: The guide's own words, quoted when an interest email is refused.
NO_CONNECTION_QUOTE = (
    "Send short, respectful interest emails to program coordinators or PDs "
    "only where you have a real connection"
)

Target = Writer | Program
Refusal = Callable[[Target], "str | None"]


@dataclass(frozen=True)
class Kind:
    """One message kind.

    ``targets`` is what ``--writer`` / ``--program`` / ``--all`` iterate over
    ("writer", "program", or both); ``needs`` lists the profile fields without
    which the message cannot be written, as "table.field"; ``refuse`` returns
    why a given writer or program must not get this message, or None.
    """

    name: str
    description: str
    template: str
    targets: tuple[str, ...]
    needs: tuple[str, ...]
    guide: str
    refuse: Refusal | None = None

    def needs_for(self, target: str | None) -> tuple[str, ...]:
        """The needed fields that apply to a message for ``target``."""
        tables = {"applicant", "scores", target}
        return tuple(need for need in self.needs if need.split(".")[0] in tables)


def _no_connection(program: Target) -> str | None:
    if isinstance(program, Program) and program.connection is None:
        return (
            f"no interest email for program {program.id!r}: it has no connection, and the "
            f'guide says to "{NO_CONNECTION_QUOTE}" (past observer, shared research, or a '
            "specific interest in the program's strengths); set connection and "
            "connection_detail, or skip this program"
        )
    if isinstance(program, Program) and program.connection == "program_strength":
        if not program.strengths:
            return (
                f"no interest email for program {program.id!r}: a program_strength connection "
                "must name the strengths (the guide: \"specific interest in their program's "
                'strengths (cardiac, regional, critical care)"); set strengths = [...]'
            )
    return None


def _nothing_to_thank(target: Target) -> str | None:
    if isinstance(target, Program) and not (
        target.interviewed_on or target.connection == "past_observer"
    ):
        return (
            f"no thank-you for program {target.id!r}: the guide's thank-you follows an "
            "interview or an observership; set interviewed_on, or connection = "
            '"past_observer"'
        )
    return None


def _not_interviewed(target: Target) -> str | None:
    if isinstance(target, Program) and not target.interviewed_on:
        return (
            f"no feedback request for program {target.id!r}: the guide asks for feedback "
            '"from any programs where you interviewed"; set interviewed_on if you did'
        )
    return None


KINDS: tuple[Kind, ...] = (
    Kind(
        name="letter-request",
        description="ask a writer for an honest, strong letter of recommendation via ERAS",
        template="letter-request.txt.j2",
        targets=("writer",),
        needs=(
            "applicant.name",
            "applicant.email",
            "writer.name",
            "writer.worked_together",
            "writer.deadline",
        ),
        guide='Letters of Recommendation: "Ask for honest, strong letters, not just polite ones."',
    ),
    Kind(
        name="reminder",
        description="a polite reminder to a writer before the letter deadline",
        template="reminder.txt.j2",
        targets=("writer",),
        needs=("applicant.name", "applicant.email", "writer.name", "writer.deadline"),
        guide='Application Timing: submit ERAS on opening day with "at least 3 letters uploaded".',
    ),
    Kind(
        name="interest-email",
        description="a short interest email to a program where you have a real connection",
        template="interest-email.txt.j2",
        targets=("program",),
        needs=(
            "applicant.name",
            "applicant.email",
            "program.name",
            "program.contact",
            "program.connection",
            "program.connection_detail",
        ),
        guide=f'Strategic Communication With Programs: "{NO_CONNECTION_QUOTE}".',
        refuse=_no_connection,
    ),
    Kind(
        name="observership-request",
        description="ask a department about an observership or research, 6-12 months ahead",
        template="observership-request.txt.j2",
        targets=("program",),
        needs=(
            "applicant.name",
            "applicant.email",
            "applicant.medical_school",
            "applicant.graduation_year",
            "program.name",
            "program.contact",
        ),
        guide=(
            "Strategic Communication With Programs: before application season (6-12 months "
            'ahead), "reach out to anesthesiology departments about observerships or research".'
        ),
    ),
    Kind(
        name="thank-you",
        description="thanks after an interview or an observership (to a program or a writer)",
        template="thank-you.txt.j2",
        targets=("writer", "program"),
        needs=(
            "applicant.name",
            "applicant.email",
            "writer.name",
            "writer.worked_together",
            "program.name",
            "program.contact",
        ),
        guide='Strategic Communication With Programs: "Build genuine relationships with faculty."',
        refuse=_nothing_to_thank,
    ),
    Kind(
        name="feedback-request",
        description="after an unsuccessful Match, ask writers and interviewing programs for advice",
        template="feedback-request.txt.j2",
        targets=("writer", "program"),
        needs=(
            "applicant.name",
            "applicant.email",
            "writer.name",
            "program.name",
            "program.contact",
            "program.interviewed_on",
        ),
        guide=(
            "If You Don't Match the First Time: \"Request feedback from: Faculty letter "
            'writers. Any programs where you interviewed."'
        ),
        refuse=_not_interviewed,
    ),
)


def get_kind(name: str) -> Kind | None:
    """The kind called ``name``, or None."""
    for kind in KINDS:
        if kind.name == name:
            return kind
    return None
