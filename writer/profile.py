"""The applicant profile: one TOML file → validated, frozen dataclasses.

The profile holds what the advising guide (``shared/guide.txt``) asks an
applicant to be "brutally honest" about ("Objectively Assess Where You Stand":
scores, attempts, graduation year, visa need) plus the people the messages go
to: letter writers ("Letters of Recommendation") and programs ("Strategic
Communication With Programs").

Every mistake a user can make in the file is a ``ProfileError`` with one line
that names the file and, where it can be found, the line and column::

    profile.toml:9:1: scores.step2ck must be a number between 1 and 300,
    or "pass"/"fail" (got "abc")

Unknown keys are not errors: they become ``Profile.warnings`` with a
did-you-mean, so a typo never silently drops a deadline.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from writer.errors import ProfileError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

__all__ = [
    "Applicant",
    "CONNECTIONS",
    "Program",
    "Profile",
    "Scores",
    "Writer",
    "load_profile",
    "parse_profile",
]

#: A USMLE / COMLEX result: a three-digit score, "pass", "fail", or not taken.
Score = int | str | None

#: The three real connections the guide accepts for an interest email
#: ("Strategic Communication With Programs").
CONNECTIONS = ("past_observer", "shared_research", "program_strength")

#: What an observership request asks a department for (guide: "Reach out to
#: anesthesiology departments about observerships or research").
SEEKING = ("observership", "research", "either")

# USMLE three-digit scores run to 300; COMLEX to 999. Since 2021 the USMLE
# allows four attempts per Step (six before), so more than six is impossible.
USMLE_MAX = 300
COMLEX_MAX = 999
MAX_ATTEMPTS = 6

# The guide's thresholds ("What 'low' means").
STEP1_LOW_BELOW = 220
STEP2CK_LOW_AT_OR_BELOW = 225


# ---------------------------------------------------------------------------
# The data
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Applicant:
    """The person applying; every message is signed with these fields."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    medical_school: str | None = None
    graduation_year: int | None = None
    country: str | None = None
    img: bool = True
    visa: str | None = None
    aamc_id: str | None = None
    current_role: str | None = None
    availability: str | None = None
    reapply_plan: str | None = None


@dataclass(frozen=True)
class Scores:
    """Board results; each score is an int, "pass", "fail" or None (not taken)."""

    step1: Score = None
    step1_attempts: int | None = None
    step2ck: Score = None
    step2ck_attempts: int | None = None
    step3: Score = None
    step3_attempts: int | None = None
    comlex1: Score = None
    comlex1_attempts: int | None = None
    comlex2: Score = None
    comlex2_attempts: int | None = None

    def red_flags(self) -> list[str]:
        """Reasons the guide would call this score profile "low".

        Guide, "What 'low' means": "Step 2 CK scores in the low 220s or below
        are often considered 'low'"; "If you have a numeric Step 1 < 220 or
        failed an attempt, that becomes an additional red flag."
        """
        flags: list[str] = []
        exams = (
            ("Step 1", self.step1, self.step1_attempts),
            ("Step 2 CK", self.step2ck, self.step2ck_attempts),
            ("Step 3", self.step3, self.step3_attempts),
            ("COMLEX Level 1", self.comlex1, self.comlex1_attempts),
            ("COMLEX Level 2-CE", self.comlex2, self.comlex2_attempts),
        )
        for exam, score, attempts in exams:
            if score == "fail":
                flags.append(f"{exam}: a failed attempt")
            if attempts is not None and attempts > 1:
                flags.append(f"{exam}: taken {attempts} times")
        if isinstance(self.step1, int) and self.step1 < STEP1_LOW_BELOW:
            flags.append(f"Step 1: numeric score {self.step1} is below {STEP1_LOW_BELOW}")
        if isinstance(self.step2ck, int) and self.step2ck <= STEP2CK_LOW_AT_OR_BELOW:
            flags.append(f"Step 2 CK: score {self.step2ck} is in the low 220s or below")
        return flags


@dataclass(frozen=True)
class Writer:
    """A letter writer (guide, "Letters of Recommendation")."""

    id: str
    name: str | None = None
    title: str | None = None
    institution: str | None = None
    specialty: str | None = None
    us: bool | None = None
    email: str | None = None
    worked_together: str | None = None
    observed: tuple[str, ...] = ()
    deadline: date | None = None
    relationship: str | None = None
    asked_on: date | None = None
    agreed: bool = False
    salutation: str | None = None


@dataclass(frozen=True)
class Program:
    """A residency program or department (guide, "Strategic Communication")."""

    id: str
    name: str | None = None
    contact: str | None = None
    contact_role: str | None = None
    email: str | None = None
    connection: str | None = None
    connection_detail: str | None = None
    strengths: tuple[str, ...] = ()
    city: str | None = None
    state: str | None = None
    ties: str | None = None
    seeking: str | None = None
    interviewed_on: date | None = None
    interview_detail: str | None = None
    salutation: str | None = None


@dataclass(frozen=True)
class Profile:
    """A whole profile file. ``source`` is the path it came from."""

    applicant: Applicant = field(default_factory=Applicant)
    scores: Scores = field(default_factory=Scores)
    writers: tuple[Writer, ...] = ()
    programs: tuple[Program, ...] = ()
    source: str = "<profile>"
    warnings: tuple[str, ...] = ()

    @property
    def is_img(self) -> bool:
        """True for an international medical graduate (the default)."""
        return self.applicant.img

    def red_flags(self) -> list[str]:
        """The score red flags the guide names; empty when there are none."""
        return self.scores.red_flags()

    def writer(self, writer_id: str) -> Writer:
        """The writer with ``writer_id``; a ProfileError lists the known ids."""
        for writer in self.writers:
            if writer.id == writer_id:
                return writer
        raise ProfileError(
            _unknown_id("writer", writer_id, [w.id for w in self.writers], self.source)
        )

    def program(self, program_id: str) -> Program:
        """The program with ``program_id``; a ProfileError lists the known ids."""
        for program in self.programs:
            if program.id == program_id:
                return program
        raise ProfileError(
            _unknown_id("program", program_id, [p.id for p in self.programs], self.source)
        )


def _unknown_id(what: str, wanted: str, known: list[str], source: str) -> str:
    if not known:
        return f"{source}: no {what}s in the profile; add a [[{what}s]] table with id = {wanted!r}"
    hint = difflib.get_close_matches(wanted, known, n=1)
    maybe = f" (did you mean {hint[0]!r}?)" if hint else ""
    return f"{source}: unknown {what} id {wanted!r}{maybe}; known {what}s: {', '.join(known)}"


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


def load_profile(path: str | Path) -> Profile:
    """Read and validate the profile at ``path``."""
    path = Path(path)
    source = str(path)
    if path.is_dir():
        raise ProfileError(f"{source}: is a directory, not a profile file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError(f"{source}: no such file (create one with `stmt init`)") from None
    except OSError as err:
        raise ProfileError(f"{source}: cannot read: {err.strerror or err}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ProfileError(
            f"{source}:{line}: not UTF-8 text (byte 0x{raw[err.start]:02x}); "
            "save the profile as UTF-8"
        ) from None
    return parse_profile(text, source)


def parse_profile(text: str, source: str = "<profile>") -> Profile:
    """Validate profile TOML ``text``; ``source`` names it in messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ProfileError(_syntax_message(str(err), text, source)) from None
    return _Validator(text, source).profile(data)


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)$")


def _syntax_message(message: str, text: str, source: str) -> str:
    match = _TOML_POSITION.search(message)
    if match:
        reason = message[: match.start()]
        return f"{source}:{match[1]}:{match[2]}: invalid TOML: {reason}"
    match = _TOML_AT_END.search(message)
    if match:
        last_line = max(1, len(text.splitlines()))
        return f"{source}:{last_line}: invalid TOML: {message[: match.start()]} (at end of file)"
    return f"{source}: invalid TOML: {message}"


# ---------------------------------------------------------------------------
# Field validators: (value, label) -> clean value, or ValueError(reason).
# The label is how the user refers to the field ("scores.step2ck").
# ---------------------------------------------------------------------------


def _text(value: Any, label: str) -> str | None:
    if not isinstance(value, str):
        raise ValueError(f"{label} must be text in quotes (got {_shown(value)})")
    value = value.strip()
    return value or None


def _flag(value: Any, label: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{label} must be true or false (got {_shown(value)})")
    return value


def _email(value: Any, label: str) -> str | None:
    address = _text(value, label)
    if address is not None and not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", address):
        raise ValueError(
            f"{label} must be an email address like name@example.org (got {_shown(value)})"
        )
    return address


def _year(value: Any, label: str) -> int:
    latest = date.today().year + 6
    if isinstance(value, bool) or not isinstance(value, int) or not 1950 <= value <= latest:
        raise ValueError(f"{label} must be a year between 1950 and {latest} (got {_shown(value)})")
    return value


def _date(value: Any, label: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{label} must be a date like 2027-08-15 (got {_shown(value)})")


def _texts(value: Any, label: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f'{label} must be a list of text, like ["a", "b"] (got {_shown(value)})')
    return tuple(item.strip() for item in value if item.strip())


def _score(maximum: int) -> Callable[[Any, str], Score]:
    def check(value: Any, label: str) -> Score:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, str) and value.strip().lower() in ("pass", "fail"):
            return value.strip().lower()
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= maximum:
            return value
        raise ValueError(
            f'{label} must be a number between 1 and {maximum}, or "pass"/"fail" '
            f"(got {_shown(value)})"
        )

    return check


def _attempts(value: Any, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ATTEMPTS:
        raise ValueError(
            f"{label} must be a whole number from 1 to {MAX_ATTEMPTS} (got {_shown(value)})"
        )
    return value


def _choice(choices: tuple[str, ...]) -> Callable[[Any, str], str | None]:
    def check(value: Any, label: str) -> str | None:
        if isinstance(value, str):
            cleaned = value.strip().lower().replace("-", "_").replace(" ", "_")
            if cleaned in ("", "none"):
                return None
            if cleaned in choices:
                return cleaned
            hint = difflib.get_close_matches(cleaned, choices, n=1)
            maybe = f" (did you mean {hint[0]!r}?)" if hint else ""
        else:
            maybe = ""
        allowed = " | ".join(f'"{c}"' for c in choices)
        raise ValueError(f"{label} must be one of {allowed} (got {_shown(value)}){maybe}")

    return check


def _shown(value: Any) -> str:
    if isinstance(value, str):
        # as TOML writes it, so a newline or a tab in the value keeps the error on one line
        import json

        shown = value if len(value) <= 60 else value[:57] + "..."
        return json.dumps(shown, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a table"
    return str(value)


_usmle = _score(USMLE_MAX)
_comlex = _score(COMLEX_MAX)

_APPLICANT_FIELDS: dict[str, Callable[[Any, str], Any]] = {
    "name": _text,
    "email": _email,
    "phone": _text,
    "medical_school": _text,
    "graduation_year": _year,
    "country": _text,
    "img": _flag,
    "visa": _text,
    "aamc_id": _text,
    "current_role": _text,
    "availability": _text,
    "reapply_plan": _text,
}

_SCORE_FIELDS: dict[str, Callable[[Any, str], Any]] = {
    "step1": _usmle,
    "step1_attempts": _attempts,
    "step2ck": _usmle,
    "step2ck_attempts": _attempts,
    "step3": _usmle,
    "step3_attempts": _attempts,
    "comlex1": _comlex,
    "comlex1_attempts": _attempts,
    "comlex2": _comlex,
    "comlex2_attempts": _attempts,
}

_WRITER_FIELDS: dict[str, Callable[[Any, str], Any]] = {
    "id": _text,
    "name": _text,
    "title": _text,
    "institution": _text,
    "specialty": _text,
    "us": _flag,
    "email": _email,
    "worked_together": _text,
    "observed": _texts,
    "deadline": _date,
    "relationship": _text,
    "asked_on": _date,
    "agreed": _flag,
    "salutation": _text,
}

_PROGRAM_FIELDS: dict[str, Callable[[Any, str], Any]] = {
    "id": _text,
    "name": _text,
    "contact": _text,
    "contact_role": _text,
    "email": _email,
    "connection": _choice(CONNECTIONS),
    "connection_detail": _text,
    "strengths": _texts,
    "city": _text,
    "state": _text,
    "ties": _text,
    "seeking": _choice(SEEKING),
    "interviewed_on": _date,
    "interview_detail": _text,
    "salutation": _text,
}

_TOP_LEVEL = ("applicant", "scores", "writers", "programs")


class _Validator:
    """Walks the parsed TOML, turning each table into its dataclass."""

    def __init__(self, text: str, source: str) -> None:
        self.lines = text.splitlines()
        self.source = source
        self.warnings: list[str] = []

    def profile(self, data: dict[str, Any]) -> Profile:
        for key in data:
            if key not in _TOP_LEVEL:
                self._warn_unknown(key, _TOP_LEVEL, table=None, index=None, label=key)
        applicant = Applicant(**self._table(data, "applicant", _APPLICANT_FIELDS))
        scores = Scores(**self._table(data, "scores", _SCORE_FIELDS))
        writers = tuple(Writer(**entry) for entry in self._array(data, "writers", _WRITER_FIELDS))
        programs = tuple(
            Program(**entry) for entry in self._array(data, "programs", _PROGRAM_FIELDS)
        )
        return Profile(
            applicant=applicant,
            scores=scores,
            writers=writers,
            programs=programs,
            source=self.source,
            warnings=tuple(self.warnings),
        )

    def _table(
        self, data: dict[str, Any], name: str, fields: dict[str, Callable[[Any, str], Any]]
    ) -> dict[str, Any]:
        table = data.get(name, {})
        if not isinstance(table, dict):
            message = f"{name} must be a table: write [{name}] on its own line"
            raise self._error(message, name, None, None)
        return self._fields(table, fields, table_name=name, index=None, owner=None)

    def _array(
        self, data: dict[str, Any], name: str, fields: dict[str, Callable[[Any, str], Any]]
    ) -> list[dict[str, Any]]:
        entries = data.get(name, [])
        if isinstance(entries, dict):
            entries = [entries]  # [writers] written once instead of [[writers]]
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise self._error(f"{name} must be tables written [[{name}]]", name, None, None)
        singular = name[:-1]
        cleaned: list[dict[str, Any]] = []
        seen: dict[str, int] = {}
        for index, entry in enumerate(entries):
            if not isinstance(entry.get("id"), str) or not entry["id"].strip():
                problem = "has no id" if "id" not in entry else "has an empty or non-text id"
                raise self._error(
                    f'the {_ordinal(index + 1)} [[{name}]] entry {problem}; add id = "short-name"',
                    "id" if "id" in entry else None,
                    name,
                    index,
                )
            entry_id = entry["id"].strip()
            if entry_id in seen:
                first = self._line_of("id", name, seen[entry_id])
                where = f" (first used on line {first})" if first else ""
                raise self._error(
                    f"{singular} id {entry_id!r} is used twice{where}; ids must be unique",
                    "id",
                    name,
                    index,
                )
            seen[entry_id] = index
            owner = f"{singular} {entry_id!r}"
            cleaned.append(self._fields(entry, fields, table_name=name, index=index, owner=owner))
        return cleaned

    def _fields(
        self,
        table: dict[str, Any],
        fields: dict[str, Callable[[Any, str], Any]],
        *,
        table_name: str,
        index: int | None,
        owner: str | None,
    ) -> dict[str, Any]:
        """Validate each key; ``owner`` ("writer 'smith'") names an array entry."""
        values: dict[str, Any] = {}
        for key, value in table.items():
            check = fields.get(key)
            if check is None:
                label = f"{table_name}.{key}" if owner is None else f"{key!r} in {owner}"
                self._warn_unknown(key, tuple(fields), table_name, index, label)
                continue
            try:
                cleaned = check(value, f"{table_name}.{key}" if owner is None else key)
            except ValueError as err:
                message = str(err) if owner is None else f"{owner}: {err}"
                raise self._error(message, key, table_name, index) from None
            if cleaned is not None:
                values[key] = cleaned
        return values

    def _warn_unknown(
        self, key: str, known: tuple[str, ...], table: str | None, index: int | None, label: str
    ) -> None:
        hint = difflib.get_close_matches(key, known, n=1)
        maybe = f" (did you mean {hint[0]!r}?)" if hint else ""
        line = self._line_of(key, table, index)
        where = f"{self.source}:{line}" if line else self.source
        self.warnings.append(f"{where}: unknown key {label}{maybe}; it is ignored")

    def _error(
        self, message: str, key: str | None, table: str | None, index: int | None
    ) -> ProfileError:
        line = self._line_of(key, table, index)
        if not line:
            return ProfileError(f"{self.source}: {message}")
        column = 1
        if key is not None:
            found = re.search(rf"(?<![\w-]){re.escape(key)}\s*=", self.lines[line - 1])
            column = found.start() + 1 if found else 1
        return ProfileError(f"{self.source}:{line}:{column}: {message}")

    def _line_of(self, key: str | None, table: str | None, index: int | None) -> int | None:
        """1-based line where ``key`` is set in ``table`` (entry ``index``), or None.

        A search of the text, not a TOML parser: the first assignment of the
        key after the table's header is good enough to point the user at it.
        """
        start, end = 0, len(self.lines)
        if table is not None:
            name = re.escape(table)
            header = rf"^\s*\[\[\s*{name}\s*\]\]" if index is not None else rf"^\s*\[\s*{name}\s*\]"
            hits = [n for n, line in enumerate(self.lines) if re.match(header, line)]
            position = index or 0
            if position < len(hits):
                start = hits[position]
                end = next(
                    (n for n in range(start + 1, end) if re.match(r"^\s*\[", self.lines[n])), end
                )
                if key is None:
                    return start + 1
        if key is None:
            return None
        pattern = re.compile(rf"^\s*(?:[\w-]+\.)*{re.escape(key)}\s*=|[{{,]\s*{re.escape(key)}\s*=")
        for number in range(start, end):
            if pattern.search(self.lines[number]):
                return number + 1
        return None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
