"""writer.profile: TOML → validated dataclasses, errors that name file:line:column."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from writer.errors import EXIT_USAGE, ProfileError
from writer.profile import Profile, Scores, load_profile, parse_profile

PROFILES = Path(__file__).parent / "data" / "profiles"


def error_of(text: str) -> str:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "p.toml")
    message = str(caught.value)
    assert "\n" not in message, "errors are one line"
    assert caught.value.exit_code == EXIT_USAGE
    return message


# --- the shipped fixtures load -------------------------------------------------


@pytest.mark.parametrize("path", sorted(PROFILES.glob("*.toml")), ids=lambda p: p.name)
def test_every_fixture_profile_loads_without_warnings(path: Path) -> None:
    profile = load_profile(path)
    assert profile.source == str(path)
    assert profile.warnings == ()


def test_okafor_profile_fields() -> None:
    profile = load_profile(PROFILES / "okafor.toml")
    assert profile.applicant.name == "Amara Okafor"
    assert profile.is_img
    assert profile.scores.step1 == "fail"
    assert profile.scores.step2ck == 221
    smith = profile.writer("smith")
    assert smith.deadline == date(2027, 8, 15)
    assert smith.us is True
    assert isinstance(smith.observed, tuple) and len(smith.observed) == 2
    assert [p.connection for p in profile.programs] == [
        "past_observer",
        "shared_research",
        "program_strength",
        None,
    ]


def test_non_ascii_names_survive() -> None:
    profile = load_profile(PROFILES / "nunez.toml")
    assert profile.applicant.name == "José Núñez"
    assert profile.writer("garcia").observed == ()
    assert profile.program("mercy").contact == "Dr. Hannah Weiß"


def test_profile_is_frozen() -> None:
    profile = load_profile(PROFILES / "minimal.toml")
    with pytest.raises(dataclasses.FrozenInstanceError):
        profile.applicant.name = "someone else"  # type: ignore[misc]


# --- red flags follow the guide's thresholds ----------------------------------


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        (Scores(), []),
        (Scores(step1="pass", step2ck=238), []),
        (Scores(step1="fail"), ["Step 1: a failed attempt"]),
        (Scores(step1=219), ["numeric score 219 is below 220"]),
        (Scores(step1=220), []),
        (Scores(step2ck=225), ["score 225 is in the low 220s or below"]),
        (Scores(step2ck=226), []),
        (Scores(step2ck_attempts=2, step2ck=240), ["Step 2 CK: taken 2 times"]),
        (Scores(step3="fail"), ["Step 3: a failed attempt"]),
        (Scores(comlex2="fail"), ["COMLEX Level 2-CE: a failed attempt"]),
    ],
)
def test_red_flags(scores: Scores, expected: list[str]) -> None:
    flags = Profile(scores=scores).red_flags()
    assert len(flags) == len(expected)
    for flag, fragment in zip(flags, expected, strict=True):
        assert fragment in flag


def test_okafor_has_three_red_flags() -> None:
    assert len(load_profile(PROFILES / "okafor.toml").red_flags()) == 3


def test_scores_accept_case_and_quoted_numbers() -> None:
    profile = parse_profile('[scores]\nstep1 = "PASS"\nstep2ck = "231"\n')
    assert profile.scores.step1 == "pass"
    assert profile.scores.step2ck == 231


def test_img_defaults_to_true_and_can_be_false() -> None:
    assert parse_profile("").is_img
    assert not parse_profile("[applicant]\nimg = false\n").is_img


# --- errors name the file, line and column ------------------------------------


def test_wrong_type_names_key_line_and_column() -> None:
    message = error_of('[applicant]\nname = "A"\n\n[scores]\nstep1 = "pass"\n  step2ck = "abc"\n')
    assert message == (
        'p.toml:6:3: scores.step2ck must be a number between 1 and 300, or "pass"/"fail" '
        '(got "abc")'
    )


def test_a_value_with_a_newline_or_a_long_value_is_shown_on_one_line() -> None:
    # found by tests/test_properties.py: the raw value used to break the error line in two
    assert error_of('[scores]\nstep1 = "\\n"\n') == (
        'p.toml:2:1: scores.step1 must be a number between 1 and 300, or "pass"/"fail" (got "\\n")'
    )
    long = error_of(f'[scores]\nstep1 = "{"x" * 200}"\n')
    assert "\n" not in long and len(long) < 150 and long.endswith('..."' + ")")


def test_impossible_score() -> None:
    assert error_of("[scores]\nstep2ck = 400\n").startswith("p.toml:2:1: scores.step2ck")


@pytest.mark.parametrize("value", ["0", "-5", "true", "221.5", "[221]"])
def test_other_impossible_scores(value: str) -> None:
    assert "scores.step1 must be a number" in error_of(f"[scores]\nstep1 = {value}\n")


def test_attempts_must_be_plausible() -> None:
    assert "step1_attempts must be a whole number from 1 to 6" in error_of(
        "[scores]\nstep1_attempts = 9\n"
    )


def test_toml_syntax_error_has_line_and_column() -> None:
    message = error_of('[applicant]\nname = "A"\n[scores\n')
    assert message.startswith("p.toml:3:")
    assert "invalid TOML" in message


def test_writer_without_id() -> None:
    message = error_of('[[writers]]\nid = "a"\n\n[[writers]]\nname = "Dr. B"\n')
    assert message.startswith("p.toml:4:")
    assert "2nd [[writers]] entry has no id" in message


def test_duplicate_program_ids() -> None:
    message = error_of('[[programs]]\nid = "x"\n[[programs]]\nname = "Y"\nid = "x"\n')
    assert message.startswith("p.toml:5:1:")
    assert "used twice (first used on line 2)" in message


def test_bad_field_in_second_writer_points_at_its_line() -> None:
    text = (
        '[[writers]]\nid = "a"\ndeadline = 2027-01-01\n\n'
        '[[writers]]\nid = "b"\ndeadline = "next week"\n'
    )
    message = error_of(text)
    assert message.startswith("p.toml:7:1: writer 'b': deadline must be a date")


def test_bad_connection_suggests_the_right_one() -> None:
    message = error_of('[[programs]]\nid = "p"\nconnection = "past observr"\n')
    assert "did you mean 'past_observer'" in message


def test_bad_email_and_year() -> None:
    assert "applicant.email must be an email address" in error_of('[applicant]\nemail = "nobody"\n')
    assert "applicant.graduation_year must be a year" in error_of(
        "[applicant]\ngraduation_year = 20221\n"
    )


def test_writers_must_be_tables() -> None:
    assert "writers must be tables" in error_of('writers = ["smith"]\n')


def test_unknown_keys_are_warnings_with_did_you_mean() -> None:
    profile = parse_profile(
        '[applicant]\nnmae = "A"\n[[writers]]\nid = "a"\ndedline = 2027-01-01\n[extra]\n',
        "p.toml",
    )
    assert len(profile.warnings) == 3
    assert "p.toml:2: unknown key applicant.nmae (did you mean 'name'?)" in profile.warnings[1]
    assert "'dedline' in writer 'a' (did you mean 'deadline'?)" in profile.warnings[2]


def test_connection_none_and_dates_as_strings() -> None:
    profile = parse_profile(
        '[[programs]]\nid = "p"\nconnection = "none"\ninterviewed_on = "2027-11-02"\n'
    )
    assert profile.programs[0].connection is None
    assert profile.programs[0].interviewed_on == date(2027, 11, 2)


# --- file problems ------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="no such file"):
        load_profile(tmp_path / "nope.toml")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="is a directory"):
        load_profile(tmp_path)


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('[applicant]\nname = "José"\n'.encode("latin-1"))
    with pytest.raises(ProfileError, match=r"latin1.toml:2: not UTF-8"):
        load_profile(path)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes('[applicant]\nname = "José"\n'.encode("utf-8-sig"))
    assert load_profile(path).applicant.name == "José"


# --- lookups ------------------------------------------------------------------


def test_unknown_writer_lists_known_ids() -> None:
    profile = load_profile(PROFILES / "okafor.toml")
    with pytest.raises(ProfileError) as caught:
        profile.writer("smiht")
    message = str(caught.value)
    assert "did you mean 'smith'" in message
    assert "known writers: smith, lee, mensah" in message


def test_unknown_program_when_there_are_none() -> None:
    with pytest.raises(ProfileError, match=r"no programs in the profile"):
        load_profile(PROFILES / "minimal.toml").program("x")
