"""writer.drafting: every kind over varied profiles, the sandbox, strictness, safe output."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from writer.drafting import KINDS, DraftRefused, OutputError, draft, draft_all, write_drafts
from writer.drafting.context import salutation
from writer.drafting.filters import join_and, longdate, mailbox, sentence, with_article
from writer.drafting.kinds import NO_CONNECTION_QUOTE
from writer.drafting.output import draft_filename, slug
from writer.drafting.render import Draft, find_placeholder
from writer.errors import EXIT_USAGE, ProfileError, StmtError, TemplateError
from writer.profile import load_profile, parse_profile

PROFILES = Path(__file__).parent / "data" / "profiles"
TODAY = date(2027, 6, 1)
ALL_PROFILES = sorted(PROFILES.glob("*.toml"))


def body_of(text: str) -> str:
    """The message after the header lines, without the signature."""
    headers, _, body = text.partition("\n\n")
    assert headers.startswith("To: ") and "\nSubject: " in headers
    closing = re.search(r"\n\n(With best regards|Kind regards),\n", body)
    assert closing, "every message ends with a closing and a signature"
    return body[: closing.start()]


def every_draft() -> list[tuple[str, str, Draft]]:
    """(profile name, kind, draft) for every kind, profile and eligible target."""
    found = []
    for path in ALL_PROFILES:
        profile = load_profile(path)
        for kind in KINDS:
            drafts, _ = (
                draft_all(profile, kind.name, today=TODAY)
                if _has_targets(profile, kind.targets)
                else ([], [])
            )
            found.extend((path.stem, kind.name, d) for d in drafts)
    return found


def _has_targets(profile, targets) -> bool:
    return ("writer" in targets and profile.writers) or ("program" in targets and profile.programs)


DRAFTS = every_draft()


def test_the_fixtures_cover_every_kind() -> None:
    assert {kind for _, kind, _ in DRAFTS} == {k.name for k in KINDS}
    assert len(DRAFTS) >= 25


@pytest.mark.parametrize(
    ("profile", "kind", "result"),
    DRAFTS,
    ids=[f"{p}-{k}-{d.target_id}" for p, k, d in DRAFTS],
)
def test_every_draft_is_complete_and_clean(profile: str, kind: str, result: Draft) -> None:
    text = result.text
    assert find_placeholder(text) is None
    for leftover in ("{{", "}}", "{%", "[", "]", "XXX", "None", "  ", " ,", " ."):
        assert leftover not in text, f"{leftover!r} in {kind} for {result.target_id}"
    assert text.endswith("\n") and not text.endswith("\n\n")
    body = body_of(text)
    assert body.startswith("Dear ") and body.split("\n", 1)[0].endswith(",")
    assert 40 <= len(body.split()) <= 380


def _drafts(kind: str) -> list[tuple[str, Draft]]:
    return [(p, d) for p, k, d in DRAFTS if k == kind]


def test_letter_requests_follow_the_guide() -> None:
    for name, result in _drafts("letter-request"):
        profile = load_profile(PROFILES / f"{name}.toml")
        writer = profile.writer(result.target_id)
        text = result.text
        assert writer.worked_together in text
        for seen in writer.observed:
            assert seen in text
        assert longdate(writer.deadline) in text
        assert "strong letter" in text and "honestly" in text
        assert "clinical strengths, reliability, and potential as a resident" in text
        assert "ERAS Letter of Recommendation Portal" in text and "Letter ID" in text
        assert "CV" in text and "personal statement" in text and "letter request form" in text
        assert "please just tell me" in text  # an easy way to decline
        assert "anesthesiology residency" in text
        if writer.title:
            assert writer.title in text
        low = bool(profile.red_flags())
        assert ("not as strong as I had hoped" in text) == low


def test_letter_request_wording_depends_on_the_writers_specialty() -> None:
    profile = load_profile(PROFILES / "okafor.toml")
    smith = draft(profile, "letter-request", writer_id="smith", today=TODAY).text
    mensah = draft(profile, "letter-request", writer_id="mensah", today=TODAY).text
    assert "resident in anesthesia?" in smith
    assert "resident in anesthesia or critical care?" in mensah
    assert "procedural skills" in mensah and "procedural skills" not in smith


def test_interest_emails_are_short_named_and_about_the_connection() -> None:
    emails = _drafts("interest-email")
    assert len(emails) >= 4
    bodies = set()
    for name, result in emails:
        program = load_profile(PROFILES / f"{name}.toml").program(result.target_id)
        text = result.text
        body = body_of(text)
        assert len(body.split()) <= 250
        assert program.name in body
        assert body.split("\n", 1)[0] in (
            f"Dear {program.contact},",
            f"Dear Dr. {program.contact.split()[-1]},",
            f"Dear Ms. {program.contact.split()[-1]},",
        )
        detail = program.connection_detail.rstrip(".")
        assert detail[0].upper() + detail[1:] in body
        for banned in (
            r"\bStep\b",
            "score",
            "interview",
            "please consider",
            r"\bbeg(?!in)",
            "desperate",
        ):
            assert not re.search(banned, body, re.IGNORECASE), banned
        bodies.add(body.split("\n\n")[1][:60])
    assert len(bodies) == len(emails), "each connection reads differently"


def test_interest_email_refuses_a_program_with_no_connection() -> None:
    profile = load_profile(PROFILES / "okafor.toml")
    with pytest.raises(DraftRefused) as caught:
        draft(profile, "interest-email", program_id="summit", today=TODAY)
    assert NO_CONNECTION_QUOTE in str(caught.value)
    assert "only where you have a real connection" in str(caught.value)
    assert caught.value.exit_code == EXIT_USAGE


def test_draft_all_skips_programs_without_connection() -> None:
    profile = load_profile(PROFILES / "okafor.toml")
    drafts, skipped = draft_all(profile, "interest-email", today=TODAY)
    assert [d.target_id for d in drafts] == ["riverside", "lakeshore", "northfield"]
    assert len(skipped) == 1 and "'summit'" in skipped[0]


def test_program_strength_needs_named_strengths() -> None:
    profile = parse_profile(
        '[applicant]\nname = "A B"\nemail = "a@b.org"\n[[programs]]\nid = "p"\nname = "P"\n'
        'contact = "Dr. C"\nconnection = "program_strength"\nconnection_detail = "x"\n'
    )
    with pytest.raises(DraftRefused, match="must name the strengths"):
        draft(profile, "interest-email", program_id="p", today=TODAY)


def test_thank_you_and_feedback_need_an_interview_or_observership() -> None:
    profile = load_profile(PROFILES / "okafor.toml")
    with pytest.raises(DraftRefused, match="interview or an observership"):
        draft(profile, "thank-you", program_id="lakeshore", today=TODAY)
    with pytest.raises(DraftRefused, match="where you interviewed"):
        draft(profile, "feedback-request", program_id="lakeshore", today=TODAY)
    thanks = draft(profile, "thank-you", program_id="riverside", today=TODAY).text
    assert "November 12, 2027" in thanks and "perioperative echo curriculum" in thanks


def test_reminder_wording_depends_on_whether_the_writer_agreed() -> None:
    profile = load_profile(PROFILES / "okafor.toml")
    agreed = draft(profile, "reminder", writer_id="lee", today=TODAY).text
    asked = draft(profile, "reminder", writer_id="smith", today=TODAY).text
    assert "Thank you again for agreeing" in agreed and "in 11 weeks" in agreed
    assert "following up" in asked and "please do not worry" in asked
    assert "LoR Portal" in agreed and "LoR Portal" in asked


def test_non_ascii_names_render() -> None:
    profile = load_profile(PROFILES / "nunez.toml")
    text = draft(profile, "letter-request", writer_id="garcia", today=TODAY).text
    assert "Dear Dr. García Ortega," in text and "José Núñez" in text
    email = draft(profile, "interest-email", program_id="mercy", today=TODAY).text
    assert "Dear Dr. Weiß," in email


# --- timing ------------------------------------------------------------------


def test_short_notice_is_acknowledged_and_noted() -> None:
    profile = load_profile(PROFILES / "okafor.toml")
    result = draft(profile, "letter-request", writer_id="smith", today=date(2027, 8, 1))
    assert "shorter notice" in result.text
    assert any("only 14 days away" in note for note in result.notes)


def test_past_deadline_is_refused() -> None:
    profile = load_profile(PROFILES / "okafor.toml")
    with pytest.raises(DraftRefused, match="already passed"):
        draft(profile, "letter-request", writer_id="smith", today=date(2027, 9, 1))


def test_writer_without_observed_gets_a_note() -> None:
    result = draft(
        load_profile(PROFILES / "nunez.toml"), "letter-request", writer_id="garcia", today=TODAY
    )
    assert any("no `observed` list" in note for note in result.notes)


# --- missing data and unknown ids ---------------------------------------------


def test_missing_needed_field_names_field_writer_and_profile() -> None:
    profile = parse_profile(
        '[applicant]\nname = "A B"\nemail = "a@b.org"\n[[writers]]\nid = "w1"\nname = "Dr. X"\n'
        'worked_together = "my ICU rotation"\n',
        "me.toml",
    )
    with pytest.raises(TemplateError) as caught:
        draft(profile, "letter-request", writer_id="w1", today=TODAY)
    message = str(caught.value)
    assert "writer.deadline" in message and "'w1'" in message and "me.toml" in message


def test_unknown_id_lists_known_ones() -> None:
    with pytest.raises(ProfileError, match="known writers: smith, lee, mensah"):
        draft(load_profile(PROFILES / "okafor.toml"), "letter-request", writer_id="nobody")


def test_wrong_target_and_unknown_kind() -> None:
    profile = load_profile(PROFILES / "okafor.toml")
    with pytest.raises(StmtError, match="use --writer"):
        draft(profile, "letter-request", program_id="riverside")
    with pytest.raises(StmtError, match="known kinds: letter-request"):
        draft(profile, "love-letter", writer_id="smith")


def test_profile_value_that_looks_like_a_placeholder_is_refused() -> None:
    profile = parse_profile(
        '[applicant]\nname = "[Your name]"\nemail = "a@b.org"\n[[writers]]\nid = "w"\n'
        'name = "Dr. X"\nworked_together = "my rotation"\ndeadline = 2027-08-01\n'
    )
    with pytest.raises(TemplateError, match=r"still contains '\[Your name\]'"):
        draft(profile, "letter-request", writer_id="w", today=TODAY)


# --- user templates, strictness and the sandbox --------------------------------


def _user_template(tmp_path: Path, text: str, kind: str = "letter-request") -> Path:
    (tmp_path / f"{kind}.txt.j2").write_text(text, encoding="utf-8")
    return tmp_path


def test_user_template_overrides_the_shipped_one(tmp_path: Path) -> None:
    folder = _user_template(
        tmp_path, "To: {{ writer.name }}\nSubject: Hi\n\nDear {{ writer.salutation }},\n"
    )
    result = draft(
        load_profile(PROFILES / "okafor.toml"),
        "letter-request",
        writer_id="smith",
        templates=folder,
        today=TODAY,
    )
    assert result.text == "To: Dr. Jane Smith\nSubject: Hi\n\nDear Dr. Smith,\n"


def test_user_template_can_include_the_shipped_signature(tmp_path: Path) -> None:
    folder = _user_template(tmp_path, 'Thanks,\n{% include "_signature.txt.j2" %}')
    result = draft(
        load_profile(PROFILES / "okafor.toml"),
        "letter-request",
        writer_id="smith",
        templates=folder,
        today=TODAY,
    )
    assert "Amara Okafor" in result.text and "AAMC ID: 14567890" in result.text


def test_undefined_field_names_field_writer_and_profile(tmp_path: Path) -> None:
    folder = _user_template(tmp_path, "Dear {{ writer.nickname }},\n")
    profile = load_profile(PROFILES / "okafor.toml")
    with pytest.raises(TemplateError) as caught:
        draft(profile, "letter-request", writer_id="smith", templates=folder, today=TODAY)
    message = str(caught.value)
    assert "writer.nickname" in message and "writer 'smith'" in message
    assert str(PROFILES / "okafor.toml") in message


@pytest.mark.parametrize(
    "expression", ["writer.email < 3", "writer.email | upper", "applicant.visa"]
)
def test_undefined_is_strict_in_every_use(tmp_path: Path, expression: str) -> None:
    folder = _user_template(tmp_path, "{{ " + expression + " }}\n")
    profile = load_profile(PROFILES / "okafor.toml")  # mensah has no email
    profile_without_visa = load_profile(PROFILES / "minimal.toml")
    target = (profile, "mensah") if "writer" in expression else (profile_without_visa, "wong")
    with pytest.raises(TemplateError, match="needs (writer.email|applicant.visa)"):
        draft(target[0], "letter-request", writer_id=target[1], templates=folder, today=TODAY)


def test_unknown_top_level_name(tmp_path: Path) -> None:
    folder = _user_template(tmp_path, "{{ mentor.name }}\n")
    with pytest.raises(TemplateError, match="'mentor', which stmt does not provide"):
        draft(
            load_profile(PROFILES / "okafor.toml"),
            "letter-request",
            writer_id="smith",
            templates=folder,
            today=TODAY,
        )


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    folder = _user_template(tmp_path, "To: x\n\n{% if writer.name %}\nno endif\n")
    with pytest.raises(TemplateError) as caught:
        draft(
            load_profile(PROFILES / "okafor.toml"),
            "letter-request",
            writer_id="smith",
            templates=folder,
            today=TODAY,
        )
    message = str(caught.value)
    assert message.startswith(str(folder / "letter-request.txt.j2") + ":")
    assert "template syntax error" in message


@pytest.mark.parametrize(
    "attack",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ writer.__class__.__init__.__globals__ }}",
        "{{ joiner.__init__.__globals__.os }}",
        "{{ (writer.deadline).__class__.__subclasses__() }}",
    ],
)
def test_sandbox_refuses_python_internals(tmp_path: Path, attack: str) -> None:
    folder = _user_template(tmp_path, attack + "\n")
    with pytest.raises(TemplateError, match="tried to reach Python internals"):
        draft(
            load_profile(PROFILES / "okafor.toml"),
            "letter-request",
            writer_id="smith",
            templates=folder,
            today=TODAY,
        )


def test_missing_templates_folder(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="must be a folder"):
        draft(
            load_profile(PROFILES / "okafor.toml"),
            "letter-request",
            writer_id="smith",
            templates=tmp_path / "nope",
            today=TODAY,
        )


# --- filters and salutations -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "doctor", "expected"),
    [
        ("Dr. Jane Smith", True, "Dr. Smith"),
        ("Kwame Mensah, MD", True, "Dr. Mensah"),
        ("Kwame Mensah, M.D.", False, "Dr. Mensah"),
        ("Prof. Ana Lima", True, "Professor Lima"),
        ("Ms. Priya Raman", False, "Ms. Raman"),
        ("Priya Raman", False, "Priya Raman"),
        ("Anthony Wong", True, "Dr. Wong"),
        ("Dra. Lucía García", True, "Dr. García"),
    ],
)
def test_salutation(name: str, doctor: bool, expected: str) -> None:
    assert salutation(name, assume_doctor=doctor) == expected


def test_filters() -> None:
    assert longdate(date(2027, 8, 5)) == "August 5, 2027"
    assert join_and(["a"]) == "a" and join_and(["a", "b"]) == "a and b"
    assert join_and(["a", "b", "c"]) == "a, b, and c"
    assert sentence("i observed in March") == "I observed in March."
    assert sentence("Done!") == "Done!"
    assert mailbox("Kwame Mensah, MD", "k@x.org") == '"Kwame Mensah, MD" <k@x.org>'
    assert mailbox("Dr. Jane Smith") == "Dr. Jane Smith"
    assert with_article("University of Lagos") == "the University of Lagos"
    assert with_article("Universidad Nacional Autónoma de México") == (
        "Universidad Nacional Autónoma de México"
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Dear [Program Name],", "[Program Name]"),
        ("Dear {{ name }},", "{{"),
        ("Dear Dr. XXX,", "XXX"),
        ("Dear <insert name>,", "<insert name>"),
        ("To: Dr. A <a@b.org>\n\nDear Dr. A,", None),
    ],
)
def test_find_placeholder(text: str, found: str | None) -> None:
    assert find_placeholder(text) == found


# --- output: names, atomicity, overwrite protection ---------------------------


def _fake(target_id: str, text: str = "hello\n", target: str = "writer") -> Draft:
    return Draft(kind="letter-request", target=target, target_id=target_id, text=text)


@pytest.mark.parametrize(
    ("target_id", "expected"),
    [
        ("smith", "letter-request-smith.txt"),
        ("../../etc/passwd", "letter-request-etc-passwd.txt"),
        ("/abs/path", "letter-request-abs-path.txt"),
        ("José Núñez", "letter-request-jose-nunez.txt"),
        ("a\x00b", "letter-request-a-b.txt"),
        ("..\\..\\win", "letter-request-win.txt"),
    ],
)
def test_file_names_never_leave_the_folder(target_id: str, expected: str) -> None:
    name = draft_filename(_fake(target_id))
    assert name == expected
    assert "/" not in name and "\\" not in name and "\x00" not in name


def test_id_without_letters_is_rejected() -> None:
    with pytest.raises(OutputError, match="no letters or digits"):
        draft_filename(_fake("../.."))
    assert slug("---") == ""


def test_traversal_ids_are_written_inside_out_dir(tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = write_drafts([_fake("../../evil"), _fake("/etc/passwd")], out)
    assert [p.parent for p in written] == [out, out]
    assert sorted(os.listdir(tmp_path)) == ["out"]


def test_colliding_ids_are_an_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="would both be written"):
        write_drafts([_fake("a b"), _fake("a-b")], tmp_path)
    assert os.listdir(tmp_path) == []


def test_no_overwrite_without_force_and_nothing_written(tmp_path: Path) -> None:
    (tmp_path / "letter-request-b.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        write_drafts([_fake("a"), _fake("b")], tmp_path)
    assert "letter-request-b.txt" in str(caught.value) and "nothing was written" in str(
        caught.value
    )
    assert sorted(os.listdir(tmp_path)) == ["letter-request-b.txt"]
    assert (tmp_path / "letter-request-b.txt").read_text(encoding="utf-8") == "mine"
    write_drafts([_fake("a", "new a\n"), _fake("b", "new b\n")], tmp_path, force=True)
    assert (tmp_path / "letter-request-b.txt").read_text(encoding="utf-8") == "new b\n"


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    write_drafts([_fake(f"w{i}", "é\n" * 100) for i in range(5)], tmp_path)
    names = sorted(os.listdir(tmp_path))
    assert names == [f"letter-request-w{i}.txt" for i in range(5)]
    assert (tmp_path / "letter-request-w0.txt").read_bytes() == "é\n".encode() * 100


def test_failed_write_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", boom)
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OutputError, match="No space left"):
        write_drafts([_fake("a")], tmp_path)
    assert os.listdir(tmp_path) == []


def test_out_dir_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="not a folder"):
        write_drafts([_fake("a")], tmp_path / "f")


def test_two_target_kinds_name_the_target(tmp_path: Path) -> None:
    profile = load_profile(PROFILES / "okafor.toml")
    drafts, _ = draft_all(profile, "feedback-request", today=TODAY)
    names = [p.name for p in write_drafts(drafts, tmp_path)]
    assert "feedback-request-writer-smith.txt" in names
    assert "feedback-request-program-riverside.txt" in names
