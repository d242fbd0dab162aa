"""Properties that must hold for any input, found by hypothesis rather than imagined.

* ``writer.check`` on any Unicode text returns a result (or, for a draft with
  nothing visible in it, raises the project's ``InputError``); every sentence's
  offsets slice the original text back to that sentence, and every finding
  points inside the text.
* ``parse_profile`` on any TOML document (random tables serialised to TOML,
  and random text) either returns a Profile or raises ``ProfileError`` with a
  message; never another exception.

spaCy is slow, so the text property runs a modest number of examples through
one session-scoped analyzer; the TOML property needs no model and runs more.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import unicodedata

import pytest
import tomllib
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from writer.errors import InputError, ProfileError
from writer.profile import Profile, parse_profile

TEXT_EXAMPLES = 60
TOML_EXAMPLES = 300

# ---------------------------------------------------------------------------
# writer.check on any text
# ---------------------------------------------------------------------------

# Mostly prose-like text (letters, punctuation, spaces, newlines, CR), with the
# whole of Unicode mixed in: what Word, phones and email clients produce.
_prose_alphabet = st.characters(
    categories=("Lu", "Ll", "Nd", "Po", "Pi", "Pf", "Zs", "Cf", "Mn", "So"),
) | st.sampled_from(list(" \n\n\r\r\n\t.?!\u2019\u201c\u201d\u00a0\u200b\u2028\ufeff"))
_words = st.lists(
    st.sampled_from(
        [
            "I",
            "failed",
            "Step",
            "1",
            "due",
            "to",
            "anesthesia",
            "Dr.",
            "U.S.",
            "attending",
            "airway",
            "because",
            "my",
            "school",
            "never",
            "CK",
            "218.",
            "\n\n",
            "\r\n",
            "\u2014",
        ]
    ),
    max_size=40,
).map(" ".join)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=_prose_alphabet, max_size=400),
    _words,
    st.tuples(_words, st.text(max_size=40), _words).map("".join),
)


def _has_visible_text(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


@pytest.fixture(scope="module")
def check(analyzer):
    """writer.check, after the session analyzer has loaded spaCy once."""
    import writer

    return writer.check


@settings(
    max_examples=TEXT_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=TEXTS)
@example(text="")
@example(text=" \n\t\r\n ")
@example(text="\u200b\u200b\n\ufeff")
@example(text="Dr.\r\rU.S.\r\n\r\nI failed Step 1 due to my school.\x00\x01")
@example(text="\ufeffI love anesthesia.\u2028Due to bad luck, I failed.")
@example(text="a\u0301\u0301\u0301. " * 3 + "\U0001f600 \U000e0001")
def test_check_never_crashes_and_offsets_slice_the_text(check, text: str) -> None:
    try:
        result = check(text)
    except InputError as err:
        assert "empty draft" in str(err), err
        assert not _has_visible_text(text), f"refused a draft with text in it: {err}"
        return
    assert text.strip(), "whitespace-only text must raise InputError"
    assert result.error is None
    previous_end = 0
    for sentence in result.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= previous_end, "sentences overlap or go backwards"
        previous_end = sentence.end
        assert (
            sentence.line
            == text.count("\n", 0, sentence.start) + _bare_cr(text, sentence.start) + 1
        )
    lines = _line_count(text)
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert 1 <= finding.line <= lines, finding
        assert finding.column >= 1, finding
    json.dumps(result.to_dict())  # the JSON report can always be written


def _bare_cr(text: str, upto: int) -> int:
    """Lines ended by a lone CR (old Mac files) before ``upto``."""
    head = text[:upto]
    return head.count("\r") - head.count("\r\n")


def _line_count(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1


# ---------------------------------------------------------------------------
# parse_profile on any TOML
# ---------------------------------------------------------------------------


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes and backslashes escaped, control characters as \\uXXXX."""
    escaped = "".join(
        "\\" + c if c in '"\\' else f"\\u{ord(c):04x}" if ord(c) < 0x20 or ord(c) == 0x7F else c
        for c in text
    )
    return f'"{escaped}"'


def _toml_key(key: str) -> str:
    bare = key and all(c.isascii() and (c.isalnum() or c in "_-") for c in key)
    return key if bare else _toml_string(key)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, (int, dt.date, dt.datetime)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def to_toml(document: dict[str, object]) -> str:
    """A small TOML writer: scalars first, then [tables] and [[arrays of tables]]."""
    lines: list[str] = []
    tables: list[str] = []
    for key, value in document.items():
        name = _toml_key(key)
        if isinstance(value, dict):
            tables.append(f"[{name}]")
            tables.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for entry in value:
                tables.append(f"[[{name}]]")
                tables.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in entry.items())
        else:
            lines.append(f"{name} = {_toml_value(value)}")
    return "\n".join(lines + tables) + "\n"


_FIELD_NAMES = [
    "name",
    "email",
    "img",
    "graduation_year",
    "step1",
    "step1_attempts",
    "step2ck",
    "step3",
    "comlex1",
    "comlex2_attempts",
    "id",
    "deadline",
    "observed",
    "agreed",
    "us",
    "connection",
    "strengths",
    "seeking",
    "interviewed_on",
    "asked_on",
    "salutation",
    "nmae",
    "stpe1",
]
_scalars = st.one_of(
    st.none().map(lambda _: "x"),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([0, 1, 6, 7, 219, 220, 225, 300, 301, 400, 999, 1000, 1949, 2030]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "pass",
            "fail",
            " FAIL ",
            "218",
            "abc",
            "",
            "past_observer",
            "either",
            "a@b.co",
            "not an email",
            "2027-08-15",
            "2027-02-30",
        ]
    ),
    st.dates(),
    st.datetimes(),
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(_FIELD_NAMES), inner, max_size=3)
    ),
    max_leaves=6,
)
_tables = st.dictionaries(st.sampled_from(_FIELD_NAMES) | st.text(max_size=8), _values, max_size=6)
_entries = st.lists(_tables, max_size=3)
DOCUMENTS = st.fixed_dictionaries(
    {},
    optional={
        "applicant": _tables | _values,
        "scores": _tables | _values,
        "writers": _entries | _values,
        "programs": _entries | _values,
        "aplicant": _tables,
        "extra": _values,
    },
)


def _expect_profile_or_error(text: str) -> None:
    try:
        profile = parse_profile(text, "p.toml")
    except ProfileError as err:
        message = str(err)
        assert message.startswith("p.toml"), message
        assert "\n" not in message.strip(), "a profile error is one line"
        return
    assert isinstance(profile, Profile)
    for warning in profile.warnings:
        assert warning.startswith("p.toml") and "unknown key" in warning


@settings(max_examples=TOML_EXAMPLES, deadline=None)
@given(document=DOCUMENTS)
@example(document={"writers": [{"id": "a"}, {"id": "a"}]})
@example(document={"writers": [{"name": "no id"}]})
@example(document={"scores": {"step2ck": 400}})
@example(document={"scores": {"step1": float("nan")}})
@example(document={"applicant": {"graduation_year": 10**30}})
def test_any_toml_profile_loads_or_raises_profile_error(document: dict[str, object]) -> None:
    text = to_toml(document)
    tomllib.loads(text)  # the generator writes valid TOML: this tests validation, not syntax
    _expect_profile_or_error(text)


@settings(max_examples=TOML_EXAMPLES // 3, deadline=None)
@given(
    text=st.text(max_size=200)
    | st.tuples(
        st.sampled_from(["[applicant]\n", "[[writers]]\n", "[scores]\n"]), st.text(max_size=60)
    ).map("".join)
)
@example(text="[applicant\nname = 1\n")
@example(text='x = """unterminated')
@example(text="\ufeff[applicant]\nname = 'A'\n")
def test_any_text_as_profile_loads_or_raises_profile_error(text: str) -> None:
    _expect_profile_or_error(text)


def test_generated_toml_round_trips() -> None:
    """The test's own TOML writer is faithful, so the property tests what it claims."""
    document = {
        "applicant": {"name": 'A "quoted"\nname', "img": True},
        "scores": {"step1": 218},
        "writers": [{"id": "w", "deadline": dt.date(2027, 1, 2)}],
    }
    assert tomllib.loads(to_toml(document)) == document


def test_visible_text_predicate() -> None:
    assert not _has_visible_text("\u200b \n")
    assert _has_visible_text("a")
    assert unicodedata.category("\u200b") == "Cf"
