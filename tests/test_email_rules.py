"""Email drafts: the header block, kind detection, and every interest-email and letter-request rule.

The labeled set in tests/data/emails/ was written blind to these rules; the
one-flaw variants below are new emails (other people, programs and phrasings)
so that a rule tuned to the labeled set alone would fail here.
"""

# The emails below keep one paragraph per line, as mail programs want.
# ruff: noqa: E501

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from writer.api import analyze_documents, check, check_files
from writer.cli import main
from writer.config import document_kinds
from writer.documents.email import (
    blank_headers,
    detect_kind,
    looks_like_email,
    parse_headers,
    recipients,
)
from writer.documents.reader import make_document
from writer.drafting.render import find_placeholder
from writer.errors import InputError
from writer.rules import RULES, rules_for_kind
from writer.rules.email import EMAIL_KINDS, today, today_is

EMAILS = Path(__file__).parent / "data" / "emails"
STATEMENTS = Path(__file__).parent / "data" / "statements"
LABELED = sorted(EMAILS.glob("*.expected.json"))
#: The labeled emails were written in early June 2027 ("August 15, 2027, about ten weeks from now").
WRITTEN_ON = date(2027, 6, 1)

INTEREST_RULES = (
    "generic-salutation",
    "mass-email",
    "no-program-name",
    "unfilled-placeholder",
    "no-connection",
    "email-too-long",
    "begging",
    "defensive-score-mention",
    "blame",
    "asks-for-position",
)
LETTER_RULES = (
    "no-strong-letter-ask",
    "no-context",
    "no-purpose",
    "no-deadline",
    "short-notice",
    "no-materials",
    "demanding-tone",
    "asks-to-exaggerate",
    "ghostwritten-letter",
    "unprofessional-tone",
)


def judge(texts: list[str], kind: str | None, on: date = WRITTEN_ON):
    docs = [make_document(t, f"draft{i}.txt", kind=kind) for i, t in enumerate(texts)]
    with today_is(on):
        return analyze_documents(docs)


def fired(result, include_info: bool = False) -> set[str]:
    return {f.rule for f in result.findings if include_info or f.severity != "info"}


# -- the header block ---------------------------------------------------------------------

HEADED = (
    'To: "Omar Khalil, MBBS" <o.khalil@juh.example.jo>,\n'
    "  Dr. Sara Levi <slevi@juh.example.jo>\n"
    "cc: gme@juh.example.jo\n"
    "Subject: Letter of recommendation\n"
    "\n"
    "Dear Dr. Khalil,\n"
)


def test_headers_are_parsed_with_offsets_continuations_and_quoted_commas() -> None:
    block = parse_headers(HEADED)
    assert [f.key for f in block.fields] == ["to", "cc", "subject"]
    to = block.fields[0]
    assert HEADED[to.start : to.end].startswith("To: ") and "Levi" in to.value
    assert block.as_dict()["Cc"] == "gme@juh.example.jo"
    assert block.as_dict()["Subject"] == "Letter of recommendation"
    assert HEADED[block.end :].startswith("\nDear")
    found = recipients(block)
    assert [r.header for r in found] == ["To", "To", "Cc"]
    assert found[0].text.startswith('"Omar Khalil, MBBS"')
    assert {r.domain for r in found} == {"juh.example.jo"}


def test_headers_are_blanked_in_the_prose_and_offsets_hold() -> None:
    doc = make_document(HEADED + "\nI hope you are well.\n", "x.txt")
    assert len(doc.prose) == len(doc.text)
    assert doc.prose.lstrip().startswith("Dear Dr. Khalil,")
    assert doc.headers["Subject"] == "Letter of recommendation"
    block = parse_headers(doc.text)
    assert blank_headers(doc.text, block)[: block.end].strip() == ""


@pytest.mark.parametrize(
    "text",
    [
        "Dear Dr. Park,\n\nTo: the point.\n",  # a header name later in the text is prose
        "To whom it may concern,\n\nI applied.\n",  # no colon: a salutation, not a header
        "Note: this is my statement.\n\nIt is.\n",  # not a recognised header name
    ],
)
def test_only_a_real_header_block_at_the_top_counts(text: str) -> None:
    assert parse_headers(text).fields == ()
    assert make_document(text, "x.txt").headers == {}


def test_a_draft_of_headers_only_is_refused() -> None:
    with pytest.raises(InputError, match="only email headers"):
        make_document("To: a@b.org\nSubject: hi\n", "x.txt")


# -- which kind of message ----------------------------------------------------------------


#: Recognised as another kind still, and why.
KIND_MISSES: set[str] = set()


@pytest.mark.parametrize(
    "expected",
    [
        pytest.param(
            p,
            id=p.name.replace(".expected.json", ""),
            marks=[pytest.mark.xfail(strict=True, reason="known kind miss")]
            if p.name in KIND_MISSES
            else [],
        )
        for p in LABELED
    ],
)
def test_labeled_emails_are_detected_as_their_kind(expected: Path) -> None:
    draft = expected.with_name(expected.name.replace(".expected.json", ".txt"))
    kind = json.loads(expected.read_text(encoding="utf-8"))["kind"]
    assert detect_kind(draft.read_text(encoding="utf-8")) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        # a letter someone else agreed to write is news, not a request or a reminder
        "Dr. Desai has kindly agreed to write one of my letters of recommendation.",
        # "comfortable" with a skill is not "would you be comfortable writing"
        "Before the observership I became comfortable with vascular access in small children.",
    ],
)
def test_an_interest_email_stays_one(sentence: str) -> None:
    text = interest("EXTRA", sentence)
    assert detect_kind(text) == "interest-email"
    observed = interest("Subject: Bayshore", "Subject: Interest in Bayshore - observership in")
    assert detect_kind(observed.replace("EXTRA", sentence)) == "interest-email"


def test_a_letter_already_agreed_or_offered_is_no_request() -> None:
    remind = (
        "Dear Dr. Brooks,\n\nThank you for agreeing last month to write my letter of "
        "recommendation. I need the letter uploaded to ERAS by June 30, 2027.\n"
    )
    assert detect_kind(remind) == "reminder"
    thanks = (
        "To: a@b.org\nSubject: Thank you for the observership in May\n\nDear Dr. Singh,\n\n"
        "Thank you for the four weeks I spent with your team, and for kindly offering to write "
        "a letter for me.\n"
    )
    assert detect_kind(thanks) == "thank-you"


def test_a_letter_request_and_a_reminder_are_still_recognised() -> None:
    ask = "Dear Dr. Brooks,\n\nWould you feel comfortable writing a strong letter for me?\n"
    assert detect_kind(ask) == "letter-request"
    remind = (
        "Dear Dr. Brooks,\n\nThis is about the letter of recommendation you very kindly "
        "agreed to write for me in June.\n"
    )
    assert detect_kind(remind) == "reminder"


def test_thanks_for_a_letter_written_and_a_rec_letter_reminder_are_their_kinds() -> None:
    """A subject that thanks for the letter makes a thank-you, even with "letter of
    recommendation" in it; "rec letter" is a letter."""
    thanks = (
        "To: a@b.org\nSubject: Thank you for the letter of recommendation\n\nDear Dr. Li,\n\n"
        "I saw this morning that your letter of recommendation was uploaded, and I thank you "
        "sincerely for writing it. Kindly give my regards to the residents.\n"
    )
    assert detect_kind(thanks) == "thank-you"
    asked = thanks.replace("Thank you for the letter", "Request for a letter")
    assert detect_kind(asked) == "letter-request"
    remind = (
        "To: a@b.org\nSubject: quick reminder\n\nHey Dr. Lin,\n\nJust a reminder about the rec "
        "letter you kindly agreed to write, hoping to have it in by June 23.\n"
    )
    assert detect_kind(remind) == "reminder"


def test_a_past_observer_who_thanks_and_has_applied_writes_an_interest_email() -> None:
    text = (
        "To: a@b.org\nSubject: Thank you, and my application to the Northfield residency\n\n"
        "Dear Dr. Lindqvist,\n\nThank you for the four weeks I spent as an observer in your "
        "department. I have submitted my application to the Northfield Anesthesiology "
        "Residency Program through ERAS.\n"
    )
    assert detect_kind(text) == "interest-email"
    thanks = text.replace(
        "I have submitted my application to the Northfield Anesthesiology Residency Program "
        "through ERAS.",
        "I learned a great deal from your residents.",
    )
    assert detect_kind(thanks) == "thank-you"
    known = (
        "To: a@b.org\nSubject: Fairmont Health Anesthesiology\n\nDear Ms. Carter,\n\nI am "
        "writing to let the Fairmont Health Anesthesiology Residency Program know of my strong "
        "interest.\n"
    )
    assert detect_kind(known) == "interest-email"


def test_an_observership_as_a_way_into_residency_asks_for_a_position() -> None:
    base = (
        "To: a@b.org\nSubject: Observership request, anesthesiology\n\nDear Dr. Moreau,\n\n"
        "Could your department host me as an observer for four weeks from September 13, 2027? "
        "I admire your regional anesthesia service. EXTRA\n\nRespectfully,\nAmal\n"
    )
    ways_in = [
        "I hope it will lead to a residency position in your program.",
        "I hope this observership can turn into an interview invitation.",
    ]
    for sentence in ways_in:
        result = check(base.replace("EXTRA", sentence), kind="observership-request")
        assert "asks-for-position" in {f.rule for f in result.findings}, sentence
    # being accepted for the observership is what an observership request asks for
    weeks = base.replace("EXTRA", "Please accept me for these four weeks.")
    result = check(weeks, kind="observership-request")
    assert "asks-for-position" not in {f.rule for f in result.findings}
    result = check(weeks, kind="interest-email")
    assert "asks-for-position" in {f.rule for f in result.findings}
    polite = base.replace("EXTRA", "I hope it will lead to a joint publication.")
    result = check(polite, kind="observership-request")
    assert "asks-for-position" not in {f.rule for f in result.findings}
    assert detect_kind(polite) == "observership-request"


def test_statements_stay_statements() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(STATEMENTS.glob("*.txt"))]
    assert texts
    assert all(detect_kind(t) is None for t in texts)
    # a statement that mentions letters of recommendation is still a statement
    assert detect_kind("My letters of recommendation from Dr. Smith describe my work.\n") is None


def test_detection_without_headers_and_the_note_it_leaves() -> None:
    letter = (
        "Dear Dr. Brooks,\n\nCould you write a strong letter of recommendation for my "
        "anesthesiology residency application?\n\nBest regards,\nLayla\n"
    )
    doc = make_document(letter, "x.txt")
    assert doc.kind == "letter-request"
    assert any("letter-request" in n for n in doc.notes)
    assert make_document(letter, "x.txt", kind="statement").kind == "statement"
    interest = (
        "Dear Ms. Raman,\n\nI have applied to the Lakeshore Medical Center Anesthesiology "
        "Residency through ERAS.\n\nKind regards,\nAmara\n"
    )
    assert make_document(interest, "x.txt").kind == "interest-email"


def test_check_files_detects_the_kind_when_none_is_given(tmp_path: Path) -> None:
    src = EMAILS / "letter-good-brief.txt"
    target = tmp_path / "request.txt"
    target.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    with today_is(WRITTEN_ON):
        (result,) = check_files([target])
    assert result.kind == "letter-request"
    assert not fired(result)


# -- the registry -------------------------------------------------------------------------


def test_every_email_kind_is_a_document_kind_with_rules() -> None:
    kinds = document_kinds()
    for kind in EMAIL_KINDS:
        assert kind in kinds
        ids = {r.id for r in rules_for_kind(kind)}
        assert {"unfilled-placeholder", "generic-salutation", "unprofessional-tone", "blame"} <= ids
    assert set(INTEREST_RULES) <= {r.id for r in rules_for_kind("interest-email")}
    letter = {r.id for r in rules_for_kind("letter-request")}
    assert set(LETTER_RULES) <= letter
    assert "no-program-name" not in letter
    # statements are judged exactly as before: no email rule but blame
    assert not {r.id for r in rules_for_kind("statement")} & (
        set(INTEREST_RULES + LETTER_RULES) - {"blame"}
    )


@pytest.mark.parametrize("rule_id", sorted(set(INTEREST_RULES + LETTER_RULES)))
def test_every_email_rule_cites_the_guide_and_is_explained(rule_id: str) -> None:
    r = RULES[rule_id]
    assert '"' in r.guide and len(r.good) > 10 and len(r.bad) > 10
    out = CliRunner().invoke(main, ["explain", rule_id])
    assert out.exit_code == 0
    assert "What the guide says:" in out.output and "Bad:" in out.output and "Good:" in out.output


def test_check_accepts_the_email_kinds(tmp_path: Path) -> None:
    draft = tmp_path / "email.txt"
    draft.write_text(
        (EMAILS / "interest-good-past-observer.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    ok = CliRunner().invoke(
        main, ["check", "--no-cache", "--isolated", "--kind", "interest-email", str(draft)]
    )
    assert ok.exit_code == 0, ok.output
    bad = CliRunner().invoke(
        main, ["check", "--no-cache", "--isolated", "--kind", "interest-mail", str(draft)]
    )
    assert bad.exit_code == 2 and "interest-email" in bad.output


# -- the labeled set ----------------------------------------------------------------------


def _labeled():
    out = []
    for expected in LABELED:
        data = json.loads(expected.read_text(encoding="utf-8"))
        draft = expected.with_name(expected.name.replace(".expected.json", ".txt"))
        out.append((draft, data))
    return out


@pytest.fixture(scope="module")
def labeled_results():
    pairs = _labeled()
    docs = [make_document(p.read_text(encoding="utf-8"), str(p), kind=d["kind"]) for p, d in pairs]
    with today_is(WRITTEN_ON):
        results = analyze_documents(docs)
    return {p.name: (d, r) for (p, d), r in zip(pairs, results, strict=True)}


#: Judged wrong still, and why: tests/test_accuracy.py, KNOWN_EMAIL_MISSES.
KNOWN_MISSES: set[str] = set()


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=[pytest.mark.xfail(strict=True, reason="known miss")]
            if name in KNOWN_MISSES
            else [],
        )
        for name in (p.name.replace(".expected.json", ".txt") for p in LABELED)
    ],
)
def test_labeled_email_is_judged_as_expected(labeled_results, name: str) -> None:
    expected, result = labeled_results[name]
    got = fired(result)
    assert set(expected["must"]) <= got, f"missed {set(expected['must']) - got}"
    assert not got & set(expected["must_not"]), f"unexpected {got & set(expected['must_not'])}"


# -- new one-flaw interest emails ---------------------------------------------------------

INTEREST = """To: Dr. Linh Nguyen <lnguyen@bayshore.example.org>
Subject: Bayshore Medical Center Anesthesiology Residency

Dear Dr. Nguyen,

I have applied to the Bayshore Medical Center Anesthesiology Residency through ERAS. Dr. Kim and I published a case report on malignant hyperthermia last year, and I would be glad to keep working with your department.

EXTRA

Thank you for your time.

Sincerely,
Ana Souza
"""


def interest(old: str = "EXTRA", new: str = "") -> str:
    text = INTEREST.replace(old, new)
    return text.replace("EXTRA\n\n", "").replace("\n\n\n", "\n\n")


INTEREST_CASES = [
    (interest(), None),
    (interest("Dear Dr. Nguyen,", "Dear Selection Committee,"), "generic-salutation"),
    (interest("Dear Dr. Nguyen,", "Hello,"), "generic-salutation"),
    (interest("Dear Dr. Nguyen,", "Respected Sir,"), "generic-salutation"),
    (interest("Dear Dr. Nguyen,", "Dear Dr. Nguyen and the Selection Committee,"), None),
    (interest("Subject:", "Bcc: gme@a.example.org, gme@b.example.org\nSubject:"), "mass-email"),
    (interest("Subject:", "Cc: Coordinator <gme@bayshore.example.org>\nSubject:"), None),
    (interest("last year", "in [month, year]"), "unfilled-placeholder"),
    (interest("Ana Souza", "{{ applicant.name }}"), "unfilled-placeholder"),
    (
        interest(
            "EXTRA",
            "Your program is one of the best in the country, and I would love to be part of it.",
        ),
        None,
    ),
    (interest("EXTRA", "Please, I have no other option; this is my last chance."), "begging"),
    # the pleading register of South Asian English
    (interest("EXTRA", "With folded hands I request you, do not refuse me."), "begging"),
    (interest("EXTRA", "Kindly give me just one opportunity to prove myself."), "begging"),
    (interest("EXTRA", "Kindly find my CV attached for your perusal."), None),
    (
        interest(
            "EXTRA",
            "Although my Step 2 CK score of 219 is lower than most applicants', I hope you will "
            "consider me.",
        ),
        "defensive-score-mention",
    ),
    (interest("EXTRA", "My Step 3 score of 240 was released last week."), None),
    (
        interest("EXTRA", "I would be very grateful if you could grant me an interview."),
        "asks-for-position",
    ),
    (
        interest("EXTRA", "I request you to kindly consider me for an interview."),
        "asks-for-position",
    ),
    (interest("EXTRA", "I hope to meet your residents one day."), None),
    (
        interest(
            "EXTRA",
            "The hospital administration in my country never supported us, which is why my "
            "application is weak.",
        ),
        "blame",
    ),
    (interest("EXTRA", "hope u have a gr8 day!!"), "unprofessional-tone"),
    (
        interest(
            "Dr. Kim and I published a case report on malignant hyperthermia last year, and I "
            "would be glad to keep working with your department.",
            "I believe your prestigious program would be a perfect fit for me.",
        ),
        "no-connection",
    ),
    # an observership or papers elsewhere are the applicant's record, not a connection
    (
        interest(
            "Dr. Kim and I published a case report on malignant hyperthermia last year, and I "
            "would be glad to keep working with your department.",
            "I spent three months observing in an academic anesthesiology department in Ohio "
            "and co-authored two papers on sepsis resuscitation.",
        ),
        "no-connection",
    ),
    # ... and tied to the program by its faculty, its name or shared work, they are one
    (
        interest(
            "Dr. Kim and I published a case report on malignant hyperthermia last year, and I "
            "would be glad to keep working with your department.",
            "During my observership in April I spent most days in the pediatric rooms with "
            "Dr. Anita Desai.",
        ),
        None,
    ),
    (
        interest(
            "Dr. Kim and I published a case report on malignant hyperthermia last year, and I "
            "would be glad to keep working with your department.",
            "Since January we presented our abstract on recovery-room nausea at the state meeting.",
        ),
        None,
    ),
    (
        interest(
            "to the Bayshore Medical Center Anesthesiology Residency", "to your residency program"
        ).replace("Subject: Bayshore Medical Center Anesthesiology Residency", "Subject: ERAS"),
        "no-program-name",
    ),
    (
        interest(
            "EXTRA", " ".join(["In those weeks I learned how your team plans every case."] * 25)
        ),
        "email-too-long",
    ),
]


@pytest.fixture(scope="module")
def interest_results():
    return judge([t for t, _ in INTEREST_CASES], "interest-email")


@pytest.mark.parametrize(
    "index", range(len(INTEREST_CASES)), ids=lambda i: INTEREST_CASES[i][1] or f"good-{i}"
)
def test_one_flaw_interest_emails(interest_results, index: int) -> None:
    _, flaw = INTEREST_CASES[index]
    assert fired(interest_results[index]) == ({flaw} if flaw else set())


def test_a_score_defence_is_reported_once_not_also_as_blame() -> None:
    text = interest(
        "EXTRA", "I know my Step 1 score does not reflect my true abilities, and it was unfair."
    )
    (result,) = judge([text], "interest-email")
    rules = [f.rule for f in result.findings]
    assert rules.count("defensive-score-mention") == 1 and "blame" not in rules


# -- new one-flaw letter requests ---------------------------------------------------------

LETTER = """To: Dr. Paul Becker <pbecker@stlukes.example.org>
Subject: Letter of recommendation

Dear Dr. Becker,

I hope you are well. You supervised my sub-internship in the surgical ICU at St. Luke's in October 2026, including the central lines I placed with you.

I am applying to anesthesiology residency through ERAS. Would you be comfortable writing a strong letter about my clinical skills and my potential in anesthesia? I understand completely if not.

I hope to have my letters uploaded by August 20, 2027. I can send my CV, personal statement and the letter request form.

EXTRA

Best regards,
Ana Souza
"""
DEADLINE = "I hope to have my letters uploaded by August 20, 2027."


def letter(old: str = "EXTRA", new: str = "") -> str:
    text = LETTER.replace(old, new)
    return text.replace("EXTRA\n\n", "").replace("\n\n\n", "\n\n")


CONTEXT = (
    "You supervised my sub-internship in the surgical ICU at St. Luke's in October 2026, "
    "including the central lines I placed with you."
)

LETTER_CASES = [
    (letter(), None),
    # an observership with another doctor reminds this one of nothing
    (
        letter(
            CONTEXT,
            "I also completed a six-week observership at Presbyterian Hospital with Dr. Alan "
            "Mercer, who is writing one of my other letters.",
        ),
        "no-context",
    ),
    (letter(CONTEXT, "I did the pre-op assessments every morning of my observership."), None),
    # a "you must" that guesses is no order; one that orders is
    (letter("EXTRA", "I know you must get many requests at this time of year."), None),
    (letter("EXTRA", "You must be very busy, so thank you for reading this."), None),
    (letter("EXTRA", "You must upload it before the end of August."), "demanding-tone"),
    (letter(DEADLINE, "I hope to have my letters uploaded by 2027-08-20."), None),
    (letter(DEADLINE, "I hope to have my letters uploaded by 8/20/2027."), None),
    (letter(DEADLINE, "My letters are due on 20 August."), None),
    (letter(DEADLINE, "I hope to have my letters uploaded by June 10, 2027."), "short-notice"),
    (
        letter(DEADLINE, "I hope to have my letters uploaded by the end of next week."),
        "short-notice",
    ),
    (letter(DEADLINE, "The letter is due within 10 days."), "short-notice"),
    (letter(DEADLINE, "I would need it by Monday."), "short-notice"),
    (
        letter(DEADLINE, "I hope to have my letters uploaded by May 20, 2027."),
        "short-notice",
    ),  # passed
    (letter(DEADLINE, "I hope to have my letters uploaded soon."), "no-deadline"),
    (letter("EXTRA", "I need you to submit it before then."), "demanding-tone"),
    (letter("EXTRA", "Send it to me as soon as you can."), "demanding-tone"),
    (
        letter("EXTRA", "Feel free to embellish a little; it would help a lot."),
        "asks-to-exaggerate",
    ),
    (
        letter("EXTRA", "Could you write that I was the top student you have ever taught?"),
        "asks-to-exaggerate",
    ),
    (letter("EXTRA", "I have drafted a letter that you can edit and sign."), "ghostwritten-letter"),
    (
        letter("EXTRA", "To save your time, I attached a draft you may edit and sign."),
        "ghostwritten-letter",
    ),
    (letter("EXTRA", "You can sign in to the ERAS portal with the link in the form."), None),
    (letter("EXTRA", "Thanks a ton!!! :)"), "unprofessional-tone"),
    (letter("EXTRA", "Kindly revert at your convenience; I will be highly obliged."), None),
    (
        letter(
            "Would you be comfortable writing a strong letter about my clinical skills and my "
            "potential in anesthesia?",
            "Would you be able to write me a letter of recommendation?",
        ),
        "no-strong-letter-ask",
    ),
    (
        letter(
            "You supervised my sub-internship in the surgical ICU at St. Luke's in October 2026, "
            "including the central lines I placed with you.",
            "I have always admired your teaching.",
        ),
        "no-context",
    ),
    (
        letter(
            "I am applying to anesthesiology residency through ERAS.",
            "I am getting my documents ready.",
        ),
        "no-purpose",
    ),
    # "my application" alone does not say what it is for; anesthesiology programs do
    (
        letter(
            "I am applying to anesthesiology residency through ERAS.",
            "I am now completing my application.",
        ),
        "no-purpose",
    ),
    (
        letter(
            "I am applying to anesthesiology residency through ERAS.",
            "I am now completing my application to anesthesiology programs.",
        ),
        None,
    ),
    # the date of the work the request recalls is no deadline; a bare date of its own is
    (
        letter(
            DEADLINE,
            "You also saw me present my QI results at your department meeting on "
            "November 18, 2026.",
        ),
        "no-deadline",
    ),
    (letter(DEADLINE, "Letters for my application to anesthesiology: August 20, 2027."), None),
    (
        letter(" I can send my CV, personal statement and the letter request form.", ""),
        "no-materials",
    ),
    (
        letter(
            "EXTRA", "The faculty at my school never taught us anything, so my scores suffered."
        ),
        "blame",
    ),
    (
        letter(
            "EXTRA",
            "Given that my Step scores are not as strong as I had hoped, your letter matters a "
            "great deal.",
        ),
        None,
    ),
]


@pytest.fixture(scope="module")
def letter_results():
    return judge([t for t, _ in LETTER_CASES], "letter-request")


@pytest.mark.parametrize(
    "index", range(len(LETTER_CASES)), ids=lambda i: LETTER_CASES[i][1] or f"good-{i}"
)
def test_one_flaw_letter_requests(letter_results, index: int) -> None:
    _, flaw = LETTER_CASES[index]
    assert fired(letter_results[index]) == ({flaw} if flaw else set())


# -- short notice and "today" -------------------------------------------------------------


def test_short_notice_is_measured_from_an_injectable_today() -> None:
    text = letter()  # "by August 20, 2027"
    (early,) = judge([text], "letter-request", on=date(2027, 6, 1))
    (late,) = judge([text], "letter-request", on=date(2027, 8, 6))
    assert "short-notice" not in fired(early)
    assert "short-notice" in fired(late)
    notice = next(f for f in late.findings if f.rule == "short-notice")
    assert "14 days away" in notice.message
    with today_is(date(2030, 1, 2)):
        assert today() == date(2030, 1, 2)
    assert today() == date.today()


def test_a_date_without_a_year_is_the_next_one() -> None:
    text = letter(DEADLINE, "I hope to have my letters uploaded by June 12.")
    (soon,) = judge([text], "letter-request", on=date(2027, 6, 1))
    (next_year,) = judge([text], "letter-request", on=date(2027, 6, 20))
    assert "short-notice" in fired(soon)
    assert "short-notice" not in fired(next_year)


def test_short_notice_acknowledged_with_a_later_date_offered_is_advice_only() -> None:
    text = letter(
        DEADLINE,
        "I hope to have my letters uploaded by June 10, 2027. I realize this is shorter notice "
        "than I would "
        "have liked; if that date is difficult, please tell me what would work for you.",
    )
    (result,) = judge([text], "letter-request")
    assert not fired(result)
    assert [f.severity for f in result.findings if f.rule == "short-notice"] == ["info"]


def test_an_apology_alone_does_not_excuse_short_notice() -> None:
    text = letter(DEADLINE, "I am so sorry for the late request: I need it by tomorrow evening.")
    (result,) = judge([text], "letter-request")
    assert "short-notice" in fired(result)


def test_findings_point_into_the_original_text() -> None:
    text = interest("Subject:", "Cc: a@x.example.org, b@y.example.org, c@z.example.org\nSubject:")
    (result,) = judge([text], "interest-email")
    (mass,) = [f for f in result.findings if f.rule == "mass-email"]
    assert text[mass.start : mass.end].startswith("To: Dr. Linh Nguyen")
    assert mass.line == 1 and mass.end_line == 2
    text = interest("last year", "in [Month Year]")
    (result,) = judge([text], "interest-email")
    (placeholder,) = [f for f in result.findings if f.rule == "unfilled-placeholder"]
    assert text[placeholder.start : placeholder.end] == "[Month Year]"


# --- the labeled email set itself: well formed, and covering every rule once ----------


def _labels() -> list[tuple[Path, dict]]:
    return [
        (path, json.loads(path.with_suffix("").with_suffix(".expected.json").read_text("utf-8")))
        for path in sorted(EMAILS.glob("*.txt"))
    ]


def test_labeled_emails_are_well_formed_and_cover_every_rule() -> None:
    labels = _labels()
    good = [p for p, e in labels if not e["must"]]
    flawed = [p for p, e in labels if e["must"]]
    assert len(good) >= 12 and len(flawed) >= 24
    covered: set[str] = set()
    for path, expected in labels:
        kind = expected["kind"]
        if kind in ("interest-email", "letter-request"):
            # labeled against the kind's own rules (and, from blind11c on, the shared ones)
            rules = {r.id for r in rules_for_kind(kind)}
        else:  # the blind9 kinds: labeled against every rule of their kind
            rules = {r.id for r in rules_for_kind(kind)}
            # every rule, but for an overlap left out of both lists, which the note names
            left_out = rules - set(expected["must"]) - set(expected["must_not"])
            assert len(left_out) <= 1 and all(r in expected["note"] for r in left_out), path.name
        assert set(expected) == {"kind", "must", "must_not", "note"}, path.name
        assert len(expected["must"]) <= 1 and expected["note"], path.name
        assert set(expected["must"]) | set(expected["must_not"]) <= rules, path.name
        assert not set(expected["must"]) & set(expected["must_not"]), path.name
        text = path.read_text(encoding="utf-8")
        # headers, a web form or a portal's fields, or at least a salutation, then a body
        block = parse_headers(text)
        assert looks_like_email(text[block.end :], block), path.name
        assert text[block.end :].strip(), path.name
        covered |= set(expected["must"])
    assert covered >= set(INTEREST_RULES + LETTER_RULES)


def test_placeholder_finder_agrees_with_the_labels() -> None:
    from writer.documents.email import blank_quoted

    for path, expected in _labels():
        # the applicant's own words: a quoted message's placeholder is the other person's
        own = blank_quoted(path.read_text(encoding="utf-8"))
        has_placeholder = find_placeholder(own) is not None
        assert has_placeholder == ("unfilled-placeholder" in expected["must"]), path.name


# --- emails as they are pasted: replies, signatures, bullets ----------------------------

QUOTED_REPLY = """To: Dr. Anita Raman <araman@holycrossmc.org>
Subject: Re: Letter of recommendation

Dear Dr. Raman,

Thank you again for agreeing in May to write a letter for my anesthesiology residency application. This is just a gentle reminder: it would be ideal if the letter could be uploaded by August 27, 2027, about twelve weeks from now.

With thanks and best wishes,
Jonathan Mercer, MBBS

On May 3, 2027, Anita Raman, MD
wrote:
> Jonathan,
>
> Sure, I'll write it. You must send me your updated CV. Make sure the
> form has my correct email.
"""


def test_a_quoted_earlier_message_is_the_other_persons_words() -> None:
    from writer.documents.email import blank_quoted

    doc = make_document(QUOTED_REPLY, "reply.txt")
    assert doc.kind == "reminder"  # thanks for agreeing, and "a gentle reminder"
    assert len(doc.prose) == len(QUOTED_REPLY)
    assert "You must" not in doc.prose and "wrote:" not in doc.prose
    assert "Jonathan Mercer" in doc.prose and "gentle reminder" in doc.prose
    (result,) = analyze_documents([doc])
    assert "demanding-tone" not in {f.rule for f in result.findings}
    outlook = "Dear Dr. Li,\n\nThank you.\n\n-----Original Message-----\nYou must reply.\n"
    assert blank_quoted(outlook).rstrip().endswith("Thank you.")
    assert blank_quoted("No quote here.\n") == "No quote here.\n"


def test_a_name_with_its_degrees_is_one_recipient() -> None:
    block = parse_headers("To: Harold Lindqvist, MD <hl@sgmc.org>\nSubject: Hi\n\nDear Dr. L,\n")
    assert len(recipients(block)) == 1
    block = parse_headers("To: a@x.org, Harold Lindqvist, MD <hl@sgmc.org>\n\nDear Dr. L,\n")
    assert len(recipients(block)) == 2


def test_the_signature_and_clinical_acronyms_are_not_shouting() -> None:
    text = letter(
        "EXTRA",
        "I still remember the VATS lobectomy where you added CPAP to the upper lung.",
    ).replace(
        "Ana Souza\n",
        "Ana Souza\nPhone: +1 555 0100\n\nCONFIDENTIALITY NOTICE: This email is intended only "
        "for the named recipient.\n",
    )
    (result,) = judge([text], "letter-request")
    assert "unprofessional-tone" not in fired(result)
    (shouting,) = judge([letter("EXTRA", "I REALLY need this LETTER.")], "letter-request")
    assert "unprofessional-tone" in fired(shouting)


def test_a_deadline_in_a_bullet_and_a_reply_date_are_read_for_what_they_are() -> None:
    bullet = letter(DEADLINE, "Here are the details:\n\n- Letter needed by: June 18, 2027\n")
    (result,) = judge([bullet], "letter-request")
    assert "short-notice" in fired(result)
    reply = letter("EXTRA", "I expect a reply confirming you will do it by the end of this week.")
    (result,) = judge([reply], "letter-request")
    assert "short-notice" not in fired(result)


def test_a_reply_to_a_thank_you_note_is_read_by_its_own_words() -> None:
    text = (
        "To: Dr. Evelyn Marsh <em@nlhs.org>\nSubject: Re: Thank you for visiting\n\n"
        "Dear Dr. Marsh,\n\nThank you for your kind note. I have now submitted my ERAS "
        "application, and your residency is the one I most hope to join.\n"
    )
    assert detect_kind(text) == "interest-email"


def test_outlook_and_forwarded_messages_below_a_reply_are_not_the_senders() -> None:
    from writer.documents.email import blank_quoted

    reply = (
        "Dear Dr. Li,\n\nThank you.\n\nFrom: Li <li@x.org>\nSent: Friday, May 28, 2027\n"
        "To: me\nSubject: RE: hi\n\nYou must send your CV.\n"
    )
    assert "You must" not in blank_quoted(reply) and "Thank you." in blank_quoted(reply)
    forwarded = "Dear Dr. Li,\n\nSee below.\n\n---------- Forwarded message ---------\nUrgent!!\n"
    assert "Urgent" not in blank_quoted(forwarded)
    # "From:" in the sender's own text, with no "Sent:" after it, is kept
    own = "Dear Dr. Li,\n\nFrom: the start I wanted this.\nThank you.\n"
    assert blank_quoted(own) == own


def test_a_signature_after_dashes_and_a_postscript_after_it() -> None:
    text = (
        "To: a@b.org\nSubject: Interest in the Lakeshore Anesthesiology Residency\n\n"
        "Dear Dr. Raman,\n\nI have applied to the Lakeshore Medical Center Anesthesiology "
        "Residency through ERAS, after my observership with Dr. Ode in your pain clinic.\n\n"
        "Thank you for your time.\n\n-- \nAmara Obi, MD\nDIRECTOR OF NOTHING IMPORTANT\n"
        "[cid:image001.png@01DA3C2F]\n\nP.S. Could you please grant me an interview?\n"
    )
    (result,) = judge([text], "interest-email")
    assert fired(result) == {"asks-for-position"}  # the P.S. is read, the signature is not
    assert find_placeholder("Best,\nAmara\n[cid:image001.png@01DA3C2F]\n") is None


def test_a_reply_is_read_by_its_own_words_not_the_subject_it_answers() -> None:
    ask = (
        "To: a@b.org\nSubject: RE: Following up after your observership\n\nDear Dr. Solberg,"
        "\n\nI am writing to ask whether you would be willing to write a letter of "
        "recommendation for me. I observed with you in the trauma rooms in March.\n"
    )
    assert detect_kind(ask) == "letter-request"
    (result,) = judge([ask], "letter-request")
    assert "no-context" not in fired(result)  # "I observed with you"
    thanks = (
        "To: a@b.org\nSubject: RE: Observership evaluation\n\nDear Dr. Whitaker,\n\nI am "
        "writing to thank you for the time you gave me during my observership in May.\n"
    )
    assert detect_kind(thanks) == "thank-you"


def test_applying_for_an_observership_asks_for_one() -> None:
    text = (
        "To: a@b.org\nSubject: RE: Application form\n\nDear Dr. El-Sayed,\n\nThank you for "
        "sending the form. I would like to apply for a 4-week observership in your department "
        "in January 2028.\n\nSofia\n\nGet Outlook for Android\n"
    )
    assert detect_kind(text) == "observership-request"


# -- messages from forms, portals and notes apps (blind batch 12) -------------------------

CONTACT_FORM = """NAME: Dr. Lina Haddad
EMAIL: lina.haddad.md@example.com
PHONE (optional):
PROGRAM NAME: Bayshore Anesthesiology Residency
MESSAGE:
Dear Dr. Nguyen,

I submitted my ERAS application to the Bayshore Anesthesiology Residency in September, after my four-week observership with Dr. Ode in your pain clinic.

Thank you for your time.

Lina Haddad
"""


def test_a_web_forms_fields_are_not_the_message() -> None:
    block = parse_headers(CONTACT_FORM)
    assert block.preamble and CONTACT_FORM[block.end :].startswith("Dear Dr. Nguyen,")
    assert detect_kind(CONTACT_FORM) == "interest-email"
    (result,) = judge([CONTACT_FORM], None)
    assert result.kind == "interest-email"
    assert fired(result) == set()  # the capitals are form labels, not shouting
    # a "Message:" field with no salutation after it: the message starts on the next line
    bare = "Name: Lina Haddad\nAAMC ID: 1234\nYour message:\nI applied to your residency.\n"
    assert bare[parse_headers(bare).end :] == "I applied to your residency.\n"
    # a title line and a notes app's date above the headers; "to:" is still a header
    notes = "Draft - email to Dr. Patel (letter)\nedited 9 June 2027\n\nto: mp@x.org\n\nDear Dr. Patel,\n"
    assert [f.value for f in parse_headers(notes).get("to")] == ["mp@x.org"]
    # prose before the salutation is no preamble: a statement stays a statement
    prose = "My Path\n\nI was nineteen when I first saw an induction.\nDear reader, it was calm.\n"
    assert parse_headers(prose).end == 0 and detect_kind(prose) is None


def test_a_portal_to_line_with_a_role_is_one_recipient() -> None:
    block = parse_headers("To: Dr. Jonathan Reyes, Program Director\n\nDear Dr. Reyes,\n")
    assert len(recipients(block)) == 1
    block = parse_headers("To: Dr. Ana Ruiz, Dr. Tom Lee\n\nDear Drs. Ruiz and Lee,\n")
    assert len(recipients(block)) == 2


def test_an_abbreviation_does_not_end_the_sentence_that_names_the_program() -> None:
    text = (
        "To: a@b.org\nSubject: ERAS applicant\n\nDear Dr. Lind,\n\nI am Anil, who observed "
        "with you in May. I have submitted my ERAS application to the St. Luke's Duluth "
        "Anesthesiology Residency.\n"
    )
    assert detect_kind(text) == "interest-email"


def test_the_applicants_own_promise_and_a_past_date_are_not_the_letters_deadline() -> None:
    promise = letter(
        "EXTRA", "I will make sure my CV and the form reach you by the end of this week."
    )
    (result,) = judge([promise], "letter-request")
    assert "short-notice" not in fired(result)
    needed = letter("EXTRA", "I will be grateful, and I need the letter by the end of this week.")
    (result,) = judge([needed], "letter-request")
    assert "short-notice" in fired(result)
    no_date = letter(DEADLINE, "I was with your ICU team from February 6 to March 3, 2027.")
    (result,) = judge([no_date], "letter-request")
    assert "no-deadline" in fired(result)  # a date already past dates the work
    ahead = letter(DEADLINE, "The letters should be in ERAS on September 20, 2027.")
    (result,) = judge([ahead], "letter-request")
    assert "no-deadline" not in fired(result)


def test_a_signatures_logo_and_a_trial_name_are_not_placeholders_or_shouting() -> None:
    text = letter(
        "EXTRA", "I was the coordinator of the PROTECT-AKI trial at your site in 2026."
    ).replace("Ana Souza\n", "Ana Souza\n[Logo]\n[https://www.example.org/logo.png]\n")
    (result,) = judge([text], "letter-request")
    assert not fired(result) & {"unfilled-placeholder", "unprofessional-tone"}
    (placeholder,) = judge([letter("EXTRA", "I loved [Hospital Name].")], "letter-request")
    assert "unfilled-placeholder" in fired(placeholder)
    assert find_placeholder("Best,\nAna\n[Logo]\n") is None


def test_would_it_be_possible_to_recommend_me_for_a_position_asks_for_one() -> None:
    text = interest(
        "EXTRA",
        "Would it be possible for you to recommend me for one of the categorical PGY-1 positions?",
    )
    (result,) = judge([text], "interest-email")
    assert "asks-for-position" in fired(result)


def test_a_letter_pasted_in_the_writers_voice_is_ghostwritten() -> None:
    text = letter(
        "EXTRA",
        "A few talking points you may use as they are:\n\nDear Program Director,\n\nIt is my "
        "pleasure to recommend Dr. Ana Souza, who rotated with me in the surgical ICU. I "
        "recommend her to your program.",
    )
    (result,) = judge([text], "letter-request")
    assert "ghostwritten-letter" in fired(result)
    (own,) = judge(
        [letter("EXTRA", "Dr. Ode was kind enough to recommend me to you.")], "letter-request"
    )
    assert "ghostwritten-letter" not in fired(own)


def test_advice_asked_in_the_subject_after_not_matching_is_a_feedback_request() -> None:
    text = (
        "To: a@b.org\nSubject: Match result and a request for your advice\n\nDear Dr. Hale,\n\n"
        "I did not match this year. Thank you for the letter you wrote for me. I would be "
        "grateful for your view of my application to programs next year.\n"
    )
    assert detect_kind(text) == "feedback-request"


def test_opening_thanks_for_time_together_is_a_thank_you_and_thanks_for_a_reply_is_not() -> None:
    thanks = (
        "To: Dr. Laura Bennett\n\nDear Dr. Bennett,\n\nThank you very much for the four weeks "
        "I spent observing with you in the Hillcrest ORs. I have now submitted my ERAS "
        "application, and Hillcrest is the program I most hope to join.\n"
    )
    assert detect_kind(thanks) == "thank-you"
    reply = thanks.replace(
        "for the four weeks I spent observing", "for your kind reply about my time"
    )
    assert detect_kind(reply) == "interest-email"
    hoping = thanks.replace("Thank you very much", "I hope you are well. Thank you very much")
    assert detect_kind(hoping) == "thank-you"


# -- drafts that passed through other tools first (blind batch 12c) -----------------------


def test_icons_in_a_signature_are_not_the_messages_tone() -> None:
    signed = letter().replace(
        "Ana Souza\n", "Ana Souza\n\U0001f4f1 +1 555 0100\n\u2709\ufe0f ana@example.org\n"
    )
    (result,) = judge([signed], "letter-request")
    assert "unprofessional-tone" not in fired(result)
    (body,) = judge([letter("EXTRA", "Thanks so much \U0001f60a\U0001f60a")], "letter-request")
    assert "unprofessional-tone" in fired(body)


def test_a_placeholder_in_capitals_is_a_placeholder_not_shouting() -> None:
    (result,) = judge(
        [letter("EXTRA", "We met on [INTERVIEW DATE] in the pre-op clinic.")], "letter-request"
    )
    assert "unfilled-placeholder" in fired(result) and "unprofessional-tone" not in fired(result)


def test_letterhead_asked_for_is_not_a_ready_made_letter() -> None:
    (asked,) = judge(
        [letter("EXTRA", "The portal asks that the letter be on your hospital letterhead.")],
        "letter-request",
    )
    assert "ghostwritten-letter" not in fired(asked)
    (ready,) = judge(
        [letter("EXTRA", "I attach my draft; kindly print it on your department letterhead.")],
        "letter-request",
    )
    assert "ghostwritten-letter" in fired(ready)


def test_initials_after_the_name_are_no_placeholder() -> None:
    (result,) = judge([letter().replace("Ana Souza\n", "Ana Souza, MBBS [AS]\n")], "letter-request")
    assert "unfilled-placeholder" not in fired(result)
    (other,) = judge([letter().replace("Ana Souza\n", "Ana Souza, MBBS [XY]\n")], "letter-request")
    assert "unfilled-placeholder" in fired(other)


def test_a_translated_salutation_and_request_are_read() -> None:
    text = (
        "To: obs@greenfield.example.edu\nSubject: Request of observership\n\nMadam, Sir,\n\n"
        "I have the honor to solicit an observership of four weeks in the Department of "
        "Anesthesiology of Greenfield University Hospital, before applying to residency.\n"
    )
    assert detect_kind(text) == "observership-request"
    (result,) = judge([text], "observership-request")
    assert "generic-salutation" in fired(result)


def test_a_defence_of_the_score_named_just_before_is_defensive_not_blame() -> None:
    text = interest(
        "EXTRA",
        "I am conscious that my Step 2 CK score of 214 is lower than the average of your "
        "residents. I want to assure you that this number does not reflect my true level.",
    )
    (result,) = judge([text], "interest-email")
    assert fired(result) == {"defensive-score-mention"}


def test_asking_the_letter_to_claim_what_the_applicant_did_not_do_is_exaggeration() -> None:
    claim = (
        "During the observership I was only observing. I would like that the letter "
        "mentions that I have hands-on experience with intubation."
    )
    (result,) = judge([letter("EXTRA", claim)], "letter-request")
    assert "asks-to-exaggerate" in fired(result) and "blame" not in fired(result)
    honest = "I would like that the letter mentions that I presented the morning cases."
    (fine,) = judge([letter("EXTRA", honest)], "letter-request")
    assert "asks-to-exaggerate" not in fired(fine)


# -- follow-ups and replies to silence (blind batch 12d) ----------------------------------


def test_thanks_for_a_reply_and_nothing_else_is_a_thank_you() -> None:
    text = (
        "Dear Dr. Mensah,\n\nThank you for your reply of May 28, 2027, and for explaining "
        "that the department cannot host observers this year. Your advice was very helpful.\n\n"
        "Best wishes,\nKwame\n"
    )
    assert detect_kind(text) == "thank-you"
    update = (
        "To: a@b.org\nSubject: Update\n\nDear Dr. Marsh,\n\nI passed Step 3 in May. Your "
        "Lakeshore Anesthesiology Residency is at the top of my list.\n"
    )
    assert detect_kind(update) == "interest-email"


# -- specialty corners and unusual writers (blind batch 12e) ------------------------------


def test_capitals_that_are_no_english_word_are_acronyms_not_shouting() -> None:
    text = letter("EXTRA", "You let me write the PONV plan and watch the LVAD and ESPA cases.")
    (result,) = judge([text], "letter-request")
    assert "unprofessional-tone" not in fired(result)
    (shouting,) = judge([letter("EXTRA", "This is URGENT and I REALLY need it.")], "letter-request")
    assert "unprofessional-tone" in fired(shouting)


def test_a_residency_already_done_names_no_purpose() -> None:
    past = letter("I am applying to anesthesiology residency through ERAS. ", "").replace(
        "You supervised", "After my two years of pediatrics residency at home, you supervised"
    )
    (result,) = judge([past], "letter-request")
    assert "no-purpose" in fired(result)


def test_what_the_programs_website_says_is_no_connection() -> None:
    text = (
        "To: a@hv.org\nSubject: Applicant\n\nDear Dr. Okafor,\n\nI am applying through ERAS to "
        "the Hollis Valley Anesthesiology Residency. I read your program's website, and its "
        "resident profiles show several residents who did research before residency, as I did."
        "\n\nThank you for your time.\n\nFarzaneh\n"
    )
    assert detect_kind(text) == "interest-email"
    (result,) = judge([text], "interest-email")
    assert "no-connection" in fired(result)


def test_a_claim_asked_for_against_the_role_told_just_after_is_exaggeration() -> None:
    text = letter(
        "EXTRA",
        "Could you please mention that I performed the nerve blocks myself? I know that I "
        "mostly held the ultrasound probe and watched you place them.",
    )
    (result,) = judge([text], "letter-request")
    assert "asks-to-exaggerate" in fired(result)


def test_grateful_for_an_observership_asks_for_one_and_thanks_anywhere_is_a_thank_you() -> None:
    ask = (
        "To: a@b.org\nSubject: Request\n\nDear Dr. Whitfield,\n\nI plan to apply to "
        "anesthesiology residency. I would be very grateful for a four-week observership in "
        "your Division of Pain Medicine.\n"
    )
    assert detect_kind(ask) == "observership-request"
    thanks = (
        "Dear Dr. Okonkwo,\n\nI am writing from my phone. I got home on Saturday, and I wanted "
        "to thank you for the four weeks in the block room.\n\nMaricel\n"
    )
    assert detect_kind(thanks) == "thank-you"


# -- dates and deadlines as the world writes them (blind batch 12f) -----------------------


def test_deadlines_in_words_in_the_subject_and_beside_other_dates() -> None:
    ten_days = letter(
        DEADLINE, "Would it be possible for the letter to be uploaded within the next ten days?"
    )
    (result,) = judge([ten_days], "letter-request")
    assert "short-notice" in fired(result)
    result_due = letter(
        DEADLINE, "I sat for Step 3 in May and the result is expected in about four weeks."
    )
    (result,) = judge([result_due], "letter-request")
    assert "no-deadline" in fired(result)  # the result's time, not the letter's
    subject = letter(DEADLINE, "Would the date in the subject line work for you?").replace(
        "Subject: Letter of recommendation",
        "Subject: Letter of recommendation - needed by 2027-08-31",
    )
    (result,) = judge([subject], "letter-request")
    assert "no-deadline" not in fired(result)


def test_releasing_the_writer_from_a_date_is_not_a_demand() -> None:
    text = letter(
        "EXTRA", "There is no rush; please do not feel you must write it before the end of July."
    )
    (result,) = judge([text], "letter-request")
    assert "demanding-tone" not in fired(result)
    (order,) = judge(
        [letter("EXTRA", "You must write it before the end of July.")], "letter-request"
    )
    assert "demanding-tone" in fired(order)


@pytest.mark.parametrize(
    "deadline, short",
    [
        ("15/08/2027", False),  # day first, as most applicants write: 75 days away
        ("06/07/2027", False),  # June 7 to an American, 6 July to most: short only one way
        ("05/06/2027", True),  # May 6 (past) or 5 June (4 days): short either way
        ("11.06.2027", True),  # dotted, day first: 10 days away
        ("10-Jun-2027", True),
        ("15-Aug-2027", False),
    ],
)
def test_dates_written_day_first_are_read_both_ways(deadline, short) -> None:
    text = letter(DEADLINE, f"I hope to have my letters uploaded by {deadline}.")
    (result,) = judge([text], "letter-request")
    assert ("short-notice" in fired(result)) == short
    assert "no-deadline" not in fired(result)


def test_another_date_in_the_draft_shows_how_it_writes_dates() -> None:
    us = letter(
        DEADLINE,
        "I observed with you from 03/15/2027. I hope to have the letter uploaded by 06/10/2027.",
    )
    (result,) = judge([us], "letter-request")
    assert "short-notice" in fired(result)  # June 10: the draft writes month first
    world = letter(
        DEADLINE,
        "I observed with you from 15/03/2027. I hope to have the letter uploaded by 06/10/2027.",
    )
    (result,) = judge([world], "letter-request")
    assert "short-notice" not in fired(result)  # 6 October


def test_a_meetings_date_is_not_the_letters_deadline() -> None:
    text = letter(
        DEADLINE,
        "Our abstract was accepted as a poster at the regional meeting on September 18, 2027.",
    )
    (result,) = judge([text], "letter-request")
    assert "no-deadline" in fired(result)


# -- who the email goes to, and how the program is named (blind batch 12g) ----------------


@pytest.mark.parametrize(
    "sentence, named",
    [
        (
            "I have applied to the St. Brendan's Hospital Anesthesiology Residency through ERAS.",
            True,
        ),
        ("I will apply to the Mount Sinai program this September.", True),
        ("I will apply to the Penn anesthesiology residency this September.", True),
        (
            "I am a 2024 graduate of Hacettepe University, and I will apply to your residency.",
            False,
        ),
    ],
)
def test_program_names_as_applicants_write_them(sentence, named) -> None:
    text = (
        "To: a@b.org\nSubject: Applicant\n\nDear Dr. Lee,\n\n" + sentence + " I observed in "
        "your operating rooms in March 2027.\n\nThank you.\n\nAmal\n"
    )
    (result,) = judge([text], "interest-email")
    assert ("no-program-name" not in fired(result)) == named


def test_the_programs_name_given_elsewhere_ties_a_strength_to_it() -> None:
    text = (
        "To: a@b.org\nSubject: Interest\n\nDear Ms. Adeyemi,\n\nI will apply to the Penn "
        "anesthesiology residency in September 2027. Seeing the residents teach ultrasound on "
        "every block made me sure that Penn is where I want to train.\n\nLucas\n"
    )
    (result,) = judge([text], "interest-email")
    assert "no-connection" not in fired(result)


def test_a_kindness_told_is_no_ask_and_writing_to_ask_about_one_is() -> None:
    told = (
        "To: a@b.org\nSubject: Future applicant\n\nDear Ms. Whitaker,\n\nIn February 2027 I was "
        "an observer in your operating rooms, and Dr. Brandt kindly let me follow his block "
        "list. I will apply to your anesthesiology residency in September 2027.\n"
    )
    assert detect_kind(told) == "interest-email"
    ask = told.replace(
        "I will apply to your anesthesiology residency in September 2027.",
        "I have applied to anesthesiology through ERAS, and I am writing to ask about a second "
        "observership this fall.",
    )
    assert detect_kind(ask) == "observership-request"


# -- letter writers of every kind; the very short and the very long (batches 12h, 12i) ----


def test_a_choice_after_so_is_no_setback_and_a_conference_in_capitals_is_a_name() -> None:
    text = letter(
        "EXTRA",
        "My clinical letters come from my observership, so I would not ask you to comment on "
        "clinical work you did not see. I hope the SLEEP 2027 meeting went well.",
    )
    (result,) = judge([text], "letter-request")
    assert not fired(result) & {"blame", "unprofessional-tone", "asks-to-exaggerate"}


def test_work_at_another_place_is_no_context_for_this_writer() -> None:
    text = letter(
        "You supervised my sub-internship in the surgical ICU at St. Luke's in October 2026, "
        "including the central lines I placed with you.",
        "Since we last spoke I completed a six-week observership at Harbor Point Medical Center.",
    )
    (result,) = judge([text], "letter-request")
    assert "no-context" in fired(result)


@pytest.mark.parametrize(
    "extra, rule",
    [
        ("I also joined your virtual Q&A on XX/XX/2027.", "unfilled-placeholder"),
        ("Attached: [ ] CV.", "unfilled-placeholder"),
        ("I would be grateful if you ranked me highly.", "asks-for-position"),
    ],
)
def test_masked_dates_empty_boxes_and_a_ranking_asked_for(extra, rule) -> None:
    (result,) = judge([interest("EXTRA", extra)], "interest-email")
    assert rule in fired(result)


def test_a_soft_ask_to_describe_what_the_writer_did_not_see_is_exaggeration() -> None:
    text = letter(
        "EXTRA",
        "Could you also say a few words about my clinical judgement, even if it is based more "
        "on what you know of me than on what you saw?",
    )
    (result,) = judge([text], "letter-request")
    assert "asks-to-exaggerate" in fired(result)


def test_a_form_asking_whether_an_observer_spot_is_available_asks_for_one() -> None:
    text = (
        "Observer Program Inquiry\n\nName: Oleksandr\nMessage:\nDear Dr. Novak,\nWould an "
        "observer spot be available for two weeks in October 2027? Thank you for your time.\n"
    )
    assert detect_kind(text) == "observership-request"
    generic = "To: a@b.org\nSubject: Feedback\n\nGood morning Sir/Madam,\n\nI did not match.\n"
    (result,) = judge([generic], "feedback-request")
    assert "generic-salutation" in fired(result)


# -- messages inside threads; very formal English (batches 12j, 12k) ----------------------


def test_a_placeholder_in_the_quoted_message_is_not_the_applicants() -> None:
    text = (
        letter()
        + "\nOn Tue, May 25, 2027 at 9:14 AM Coordinator <c@x.org> wrote:\n> Dear {{first_name}}, fill in [SURVEY LINK].\n"
    )
    (result,) = judge([text], "letter-request")
    assert "unfilled-placeholder" not in fired(result)


def test_a_formal_closing_ends_the_message_before_a_surname_in_capitals() -> None:
    text = letter().replace(
        "Best regards,\nAna Souza\n", "With utmost respect,\n\nPARK Ji-won, MD\nSeoul\n"
    )
    (result,) = judge([text], "letter-request")
    assert "unprofessional-tone" not in fired(result)


def test_kind_in_threads_and_introductions() -> None:
    reapply = (
        "To: a@b.org\nSubject: Re: Match result\n\nDear Dr. Whitaker,\n\nThank you for the "
        "letter you wrote for me. I would be grateful for your honest feedback before I "
        "reapply in September 2027.\n"
    )
    assert detect_kind(reapply) == "feedback-request"
    stranger = (
        "To: a@b.org\nSubject: Re: Open house\n\nDear Ms. Whitfield,\n\nThank you for "
        "organising the open house on May 25, 2027. I am Dr. Mariana Costa, and I will apply "
        "to the Lakeshore Anesthesiology Residency in September 2027.\n"
    )
    assert detect_kind(stranger) == "interest-email"


# -- before and after time in a department; the second and third writer (12l, 12m) --------


def test_a_weekday_with_its_date_is_as_far_as_the_date() -> None:
    far = letter(DEADLINE, "I hope to have all letters uploaded by Friday, August 20, 2027.")
    (result,) = judge([far], "letter-request")
    assert "short-notice" not in fired(result)
    near = letter(DEADLINE, "I hope to have all letters uploaded by Friday.")
    (result,) = judge([near], "letter-request")
    assert "short-notice" in fired(result)


@pytest.mark.parametrize(
    "extra, rule",
    [
        (
            'Would it be all right to round this up and write "about 50 cases" in the letter?',
            "asks-to-exaggerate",
        ),
        (
            "I attach a paragraph written so that you can paste it directly into your letter.",
            "ghostwritten-letter",
        ),
    ],
)
def test_rounding_up_and_a_paragraph_to_paste(extra, rule) -> None:
    (result,) = judge([letter("EXTRA", extra)], "letter-request")
    assert rule in fired(result)


def test_observerships_by_other_names_and_a_demand_for_answers() -> None:
    elective = (
        "To: a@b.org\nSubject: Visiting elective\n\nDear Dr. Osei,\n\nI am writing about a "
        "four-week visiting elective in your anesthesiology department in September 2027.\n"
    )
    assert detect_kind(elective) == "observership-request"
    inquiry = (
        "To: a@b.org\nSubject: Virtual observership inquiry - October 2027\n\nDear Ms. Okafor,"
        "\n\nI will apply to anesthesiology residency in 2028, and I would like to ask whether "
        "there is a place for me in your October cohort.\n"
    )
    assert detect_kind(inquiry) == "observership-request"
    answers = (
        "To: a@b.org\nSubject: Feedback\n\nDear Dr. Hale,\n\nI did not match this year. I need "
        "your answers to these five questions by Friday, June 4, 2027.\n"
    )
    (result,) = judge([answers], "feedback-request")
    assert "demanding-tone" in fired(result)


# -- setbacks, register, what a writer needs (batches 13, 13b, 13c) -----------------------


def test_materials_still_being_worked_on_are_not_offered() -> None:
    offer = "I can send my CV, personal statement and the letter request form."
    unready = letter(offer, "I am still revising my personal statement this month.")
    (result,) = judge([unready], "letter-request")
    assert "no-materials" in fired(result)
    promised = letter(
        offer, "I am still revising my personal statement. I will send it to you next week."
    )
    (result,) = judge([promised], "letter-request")
    assert "no-materials" not in fired(result)


def test_a_because_that_explains_a_choice_is_no_blame() -> None:
    choice = letter(
        "EXTRA",
        "My first letter is from the doctor who directed my observership, and I hope the "
        "second can come from critical care, because programs want to know how an applicant "
        "manages acutely ill patients.",
    )
    (result,) = judge([choice], "letter-request")
    assert "blame" not in fired(result)
    excuse = letter(
        "EXTRA",
        "I could not get an observership last year because programs only want applicants "
        "who already have US experience.",
    )
    (result,) = judge([excuse], "letter-request")
    assert "blame" in fired(result)


@pytest.mark.parametrize(
    "setback, denial, blamed",
    [
        # the setback a paragraph before; ownership words do not undo the denial
        (
            "I did not match this year.",
            "Looking back, I think there was very little I could have done about it.",
            True,
        ),
        (
            "I did not match this year.",
            "I take full responsibility. But honestly, I do not think anything could have "
            "been done differently.",
            True,
        ),
        # asking whether anything could have been done is the feedback the guide wants
        (
            "I did not match this year.",
            "I would be grateful to know whether anything could have been done differently.",
            False,
        ),
        # no setback anywhere: a clinical sorrow
        (
            "I spent four weeks in your ICU.",
            "When the patient arrested, there was nothing more I could have done for him.",
            False,
        ),
    ],
)
def test_denying_any_part_in_a_setback_is_blame(setback, denial, blamed) -> None:
    text = (
        "To: a@b.org\nSubject: Feedback after the Match\n\nDear Dr. Hale,\n\n"
        f"{setback} Thank you for interviewing me in November.\n\n{denial}\n\n"
        "Kind regards,\nAna Souza\n"
    )
    (result,) = judge([text], "feedback-request")
    assert ("blame" in fired(result)) is blamed


def test_explaining_a_score_no_one_asked_about_is_defensive() -> None:
    text = interest(
        "EXTRA",
        "I also would like to explain my Step 2 CK score of 216, which I know is below the "
        "average of your residents.",
    )
    (result,) = judge([text], "interest-email")
    assert "defensive-score-mention" in fired(result)


@pytest.mark.parametrize(
    "sentence",
    [
        "Please address each point separately; a general reply will not be useful to me.",
        "If I have not heard back by that date, I will follow up with the GME office.",
    ],
)
def test_a_reply_judged_before_it_is_written_or_a_threat_is_demanding(sentence) -> None:
    text = (
        "To: a@b.org\nSubject: Feedback\n\nDear Dr. Hale,\n\nI did not match this year. I "
        f"would be grateful for your feedback by March 26, 2027. {sentence}\n\nThank you,\nAna\n"
    )
    (result,) = judge([text], "feedback-request")
    assert "demanding-tone" in fired(result)


def test_conditions_and_without_delay_are_demands() -> None:
    for kind, sentence in [
        ("letter-request", "Please ensure it is uploaded without delay."),
        ("letter-request", "My conditions are as follows: four weeks, OR and ICU time."),
    ]:
        (result,) = judge([letter("EXTRA", sentence)], kind)
        assert "demanding-tone" in fired(result), sentence


def test_one_warm_plea_is_warmth_and_several_are_begging() -> None:
    one = interest("EXTRA", "Any chance to learn from your team would mean the world to me.")
    (result,) = judge([one], "interest-email")
    assert "begging" not in fired(result)
    several = interest(
        "EXTRA",
        "I would be so grateful for any opportunity at all. I hope with all my heart that "
        "you can find a small place for me, and I promise I will not let you down.",
    )
    (result,) = judge([several], "interest-email")
    assert "begging" in fired(result)


def test_a_smiley_the_other_person_used_first_is_not_slang() -> None:
    body = (
        "To: Priya Raman <p@x.org>\nSubject: Re: Thank you\n\nHi Priya,\n\nThank you for "
        "everything this month in the PACU. Let's keep in touch :)\n\nBest,\nChidinma\n"
    )
    quote = (
        "\nOn Fri, May 28, 2027 at 6:42 PM Priya Raman <p@x.org> wrote:\n"
        "> It was so nice having you with us. And please, just Priya :)\n"
    )
    (alone,) = judge([body], "thank-you")
    assert "unprofessional-tone" in fired(alone)
    (mirrored,) = judge([body + quote], "thank-you")
    assert "unprofessional-tone" not in fired(mirrored)
    (words,) = judge([body.replace("Thank you", "thx u") + quote], "thank-you")
    assert "unprofessional-tone" in fired(words)


@pytest.mark.parametrize(
    "deadline, fires",
    [
        ("I would like my letters uploaded before ERAS opens in early September.", set()),
        ("I hope to have them uploaded by mid-August.", set()),
        (
            "I hope to have all letters uploaded by August 31, 2027, about thirteen weeks "
            "from today (June 1).",
            set(),
        ),
        (
            "Please send it whenever you can, as long as it is before the season starts.",
            {"no-deadline"},
        ),
    ],
)
def test_deadlines_told_by_an_event_a_part_of_a_month_or_a_count(deadline, fires) -> None:
    (result,) = judge([letter(DEADLINE, deadline)], "letter-request")
    assert fired(result) & {"no-deadline", "short-notice"} == fires


def test_asking_for_what_the_writer_was_not_there_to_see_is_exaggeration() -> None:
    text = letter(
        "EXTRA",
        "Could you please mention that I ran the unit during the last week of my rotation? "
        "You were on service only in the first two weeks, but the fellows can confirm it.",
    )
    (result,) = judge([text], "letter-request")
    assert "asks-to-exaggerate" in fired(result)


def test_a_first_written_request_after_a_spoken_yes_and_a_reminder_after_a_written_one() -> None:
    spoken = (
        "To: a@b.org\nSubject: Following up on our conversation - letter of recommendation\n\n"
        "Dear Dr. Kaplan,\n\nThank you for saying yes when I asked you outside the PACU. As "
        "you suggested, I am sending the request properly in writing. Would you feel "
        "comfortable writing a strong letter about my work?\n"
    )
    assert detect_kind(spoken) == "letter-request"
    written = (
        "To: a@b.org\nSubject: Re: Letter of recommendation - gentle reminder\n\nDear Dr. "
        "Harrington,\n\nThank you again for your reply on May 10 agreeing to write my letter. "
        "This is just a gentle reminder that the date we agreed on, August 31, is now about "
        "five weeks away.\n"
    )
    assert detect_kind(written) == "reminder"


def test_a_program_named_in_the_subject_or_after_residency_at_is_named() -> None:
    body_only = interest(
        "to the Bayshore Medical Center Anesthesiology Residency", "to your residency program"
    )
    (result,) = judge([body_only], "interest-email")
    assert "no-program-name" not in fired(result)  # the subject names it
    generic = body_only.replace(
        "Subject: Bayshore Medical Center Anesthesiology Residency",
        "Subject: ERAS Applicant Anesthesiology Residency",
    )
    (result,) = judge([generic], "interest-email")
    assert "no-program-name" in fired(result)
    at = generic.replace(
        "to your residency program", "to the anesthesiology residency at mount sinai"
    )
    (result,) = judge([at], "interest-email")
    assert "no-program-name" not in fired(result)
    own = generic.replace(
        "I have applied",
        "In our ICU at Mother Teresa University Hospital Center I read echocardiograms. I have applied",
    )
    (result,) = judge([own], "interest-email")
    assert "no-program-name" in fired(result)  # the applicant's own hospital


def test_a_conversation_with_the_programs_faculty_is_a_connection() -> None:
    base = INTEREST.replace(
        "Dr. Kim and I published a case report on malignant hyperthermia last year, and I would "
        "be glad to keep working with your department.",
        "EXTRA2",
    )
    talk = base.replace(
        "EXTRA2",
        "At the PostGraduate Assembly I asked Dr. Raman from your department how your team "
        "monitors patients with sleep apnea, and she later sent me the protocol you use.",
    )
    (result,) = judge([talk.replace("EXTRA\n\n", "")], "interest-email")
    assert "no-connection" not in fired(result)
    ranked = base.replace("EXTRA2", "Your program is highly ranked and I admire its reputation.")
    (result,) = judge([ranked.replace("EXTRA\n\n", "")], "interest-email")
    assert "no-connection" in fired(result)


def test_asking_to_receive_an_interview_and_a_thanks_subject_alone() -> None:
    ask = interest("EXTRA", "Would it be possible for me to receive an interview invitation?")
    (result,) = judge([ask], "interest-email")
    assert "asks-for-position" in fired(result)
    thanks = (
        "To: a@b.org\nSubject: Thank you for the observership\n\nDear Dr. Fontenot,\n\n"
        "Namaste and warm greetings from Kathmandu. I returned home last week, and I wanted to "
        "thank you for your guidance. I have applied to the Ochsner anesthesiology residency "
        "this season.\n"
    )
    assert detect_kind(thanks) == "thank-you"
    confirmed = (
        "To: a@b.org\nSubject: Re: Application received\n\nDear Ms. Alvarez,\n\nThank you "
        "for confirming that my application is complete. I would like to add a short note "
        "about why your program is my top choice.\n"
    )
    assert detect_kind(confirmed) == "interest-email"


def test_a_neutral_setback_word_needs_a_lack_and_a_foreseen_cost_is_owned(bare) -> None:
    tags = bare.tag_sentences(
        [
            "Several program directors mentioned your letter in my interviews, and one told me "
            "it was the reason she invited me.",
            "It was the right decision for my family, and I made it knowing it would cost me "
            "time in my career.",
            "The pandemic took away my chance to gain US experience.",
        ]
    )
    assert "blame" not in tags[0] and "blame" not in tags[1]
    assert "blame" in tags[2]


def test_work_in_the_writers_group_is_context_and_others_did_it_is_no_claim() -> None:
    group = letter(
        CONTEXT,
        "Since October 2026 I have worked as a research fellow in your regional anesthesia "
        "outcomes group, where I built the database for the trial.",
    )
    (result,) = judge([group], "letter-request")
    assert "no-context" not in fired(result)
    claim = letter(
        "EXTRA",
        "Could you say that I managed the ICU patients on my own? I know the residents were "
        "responsible for the orders, but it would make my application stronger.",
    )
    (result,) = judge([claim], "letter-request")
    assert "asks-to-exaggerate" in fired(result)


def test_a_letter_declined_outright_and_a_match_missed_without_apostrophes() -> None:
    observe = (
        "To: a@b.org\nSubject: Observership request\n\nDear Dr. Otieno,\n\nI would like to "
        "observe in your department for four weeks in October 2027. I understand that a letter "
        "of recommendation has to be earned over time, so I am not asking for one.\n"
    )
    assert detect_kind(observe) == "observership-request"
    phone = (
        "To: a@b.org\nSubject: feedback??\n\nhi dr kessler\n\ndidnt match this yr "
        "unfortunately. pls could u tell me what i should improve for next time?\n"
    )
    assert detect_kind(phone) == "feedback-request"


def test_deadlines_are_judged_from_the_messages_own_date_header() -> None:
    sent = letter(DEADLINE, "I hope to have all letters uploaded by June 11, 2027.")
    dated = sent.replace("Subject:", "Date: Tue, 1 Jun 2027 10:22:31 +0300\nSubject:", 1)
    later = date(2027, 9, 1)
    (result,) = judge([dated], "letter-request", on=later)
    (finding,) = [f for f in result.findings if f.rule == "short-notice"]
    assert "10 days away" in finding.message  # from June 1, not from September
    (result,) = judge([sent], "letter-request", on=later)
    (finding,) = [f for f in result.findings if f.rule == "short-notice"]
    assert "already passed" in finding.message  # no header: from today
    far = dated.replace("June 11, 2027", "August 20, 2027")
    (result,) = judge([far], "letter-request", on=later)
    assert "short-notice" not in fired(result)


def test_a_message_saved_from_a_mail_client_keeps_its_body() -> None:
    saved = (
        "From: Nino Beridze <nino@example.com>\nTo: Dr. Catherine Moreau <c@example.org>\n"
        "Subject: Letter of recommendation\nDate: Tue, 4 May 2027 10:22:31 +0400\n"
        "Message-ID: <CAKx7b2F9qN3sW0m@mail.example.com>\nMIME-Version: 1.0\n"
        'Content-Type: text/plain; charset="UTF-8"\nX-Mailer: Example Mail 2.1\n\n'
        + letter().split("\n\n", 1)[1]
    )
    block = parse_headers(saved)
    assert [f.name for f in block.fields][-1] == "X-Mailer"
    (result,) = judge([saved], "letter-request")
    assert result.sentences and fired(result) == set()
    assert detect_kind(saved) == "letter-request"


def test_asking_to_observe_somewhere_is_an_observership_request() -> None:
    peer = (
        "To: a@b.org\nSubject: Regional anesthesia\n\nDear Daniel,\n\nI would like to spend "
        "two weeks observing your acute pain service in October 2027, if your department "
        "allows it.\n"
    )
    assert detect_kind(peer) == "observership-request"
    spent = (
        "To: a@b.org\nSubject: Thank you\n\nDear Dr. Okonjo,\n\nThank you, and please pass my "
        "thanks to the whole team, for the four weeks I spent observing at Ashford Health.\n"
    )
    assert detect_kind(spent) == "thank-you"


def test_a_defence_that_refers_back_to_the_failure_and_a_senior_s_orders() -> None:
    text = (
        "To: a@b.org\nSubject: Observership request\n\nDear Dr. Lindqvist,\n\nI would like to "
        "ask if I may observe in your department for four weeks in November 2027. I failed "
        "Step 1 on my first attempt in 2025. I know this is a red flag, and I want to assure "
        "you that it does not reflect my knowledge.\n\nSincerely,\nPutri\n"
    )
    assert detect_kind(text) == "observership-request"
    (result,) = judge([text], "observership-request")
    assert "defensive-score-mention" in fired(result) and "blame" not in fired(result)
    orders = text.replace(
        "I failed Step 1 on my first attempt in 2025. I know this is a red flag, and I want "
        "to assure you that it does not reflect my knowledge.",
        "Please arrange for me to be in the cardiac rooms only. Kindly make sure the "
        "paperwork is processed by the end of June.",
    )
    (result,) = judge([orders], "observership-request")
    assert "demanding-tone" in fired(result)


def test_a_postscript_s_second_sentence_and_links_in_brackets() -> None:
    text = (
        "To: a@b.org\nSubject: Thank you\n\nDear Dr. Ortega,\n\nThank you for the three weeks "
        "in the obstetric suite in May 2027.\n\nWarm regards,\nOluwaseun\n+234 803 555 7719\n\n"
        "P.S. I will apply to the Bayside Anesthesiology Residency in September. I would be so "
        "grateful if you could offer me an interview.\n"
    )
    (result,) = judge([text], "thank-you")
    assert "asks-for-position" in fired(result)
    linked = text.replace(
        "I would be so grateful if you could offer me an interview.",
        "Our poster is here [PDF]: https://example.org/poster.pdf, and the case report [1].",
    )
    (result,) = judge([linked], "thank-you")
    assert fired(result) == set()


def test_rankings_and_looking_programs_up_are_no_connection() -> None:
    ranked = interest(
        "Dr. Kim and I published a case report on malignant hyperthermia last year, and I would "
        "be glad to keep working with your department.",
        "While researching programs, several things about Bayshore stood out to me: it is "
        "ranked among the top 25 programs on Doximity.",
    )
    (result,) = judge([ranked], "interest-email")
    assert "no-connection" in fired(result)


def test_a_period_worked_an_acronym_and_the_portal_s_words() -> None:
    period = letter(
        DEADLINE,
        "I worked as a research volunteer in your group from September 2026 until April 2027.",
    )
    (result,) = judge([period], "letter-request")
    assert "no-deadline" in fired(result)
    aaa = letter("EXTRA", "I helped set up the arterial line for the open AAA repair.")
    (result,) = judge([aaa], "letter-request")
    assert "unprofessional-tone" not in fired(result)
    portal = (
        "To: a@b.org\nSubject: ERAS letter still not uploaded\n\nDear Dr. Feldman,\n\nI am "
        "writing again about my letter of recommendation. The portal still shows your letter "
        'as "not yet received".\n'
    )
    assert detect_kind(portal) == "reminder"
    chance = (
        "To: a@b.org\nSubject: Regional anesthesia, Ridgecrest\n\nDear Dr. Strand,\n\nI would "
        "be grateful for the chance to observe on your regional anesthesia service for two "
        "weeks in November 2027.\n"
    )
    assert detect_kind(chance) == "observership-request"


def test_after_the_interview_updates_rankings_courtesies_and_ones_own_places() -> None:
    update = (
        "To: a@b.org\nSubject: Application update\n\nDear Dr. Morrison,\n\nThank you again "
        "for the interview on December 11. I am writing with an update to my application: "
        "I passed Step 3 in January.\n"
    )
    assert detect_kind(update) == "interest-email"
    ranked = interest(
        "EXTRA",
        "Could you please let me know whether I will be ranked to match at Bayshore? I do "
        "not want to go through the SOAP again.",
    )
    (result,) = judge([ranked], "interest-email")
    assert "asks-for-position" in fired(result) and "unprofessional-tone" not in fired(result)
    wishes = interest("EXTRA", "Kindly accept my best wishes for the rest of the interview season.")
    (result,) = judge([wishes], "interest-email")
    assert "asks-for-position" not in fired(result)
    unnamed = (
        interest("to the Bayshore Medical Center Anesthesiology Residency", "to your program")
        .replace("Subject: Bayshore Medical Center Anesthesiology Residency", "Subject: Update")
        .replace(
            "EXTRA",
            "I have started a research fellowship in perioperative outcomes at Henry Ford "
            "Hospital, and my abstract was accepted at the ASRA Pain Medicine spring meeting.",
        )
    )
    (result,) = judge([unnamed.replace("EXTRA\n\n", "")], "interest-email")
    assert "no-program-name" in fired(result)


def test_a_worth_to_be_shown_is_no_self_pity(bare) -> None:
    aspire, pity = bare.tag_sentences(
        [
            "I am ready to do anything to prove that I deserve it.",
            "After everything I have suffered, I deserve this chance more than anyone.",
        ]
    )
    assert "blame" not in aspire and "blame" in pity


def test_people_who_are_not_the_reader_and_a_name_that_holds_a_strength() -> None:
    friend = (
        "To: a@b.org\nSubject: Crestview\n\nDear Ms. Sullivan,\n\nI am preparing my "
        "application to the Crestview Regional Medical Center Anesthesiology Residency. My "
        "friend Dr. Yaw Darko matched into your program last year and speaks warmly of it.\n"
    )
    (result,) = judge([friend], "interest-email")
    assert "no-connection" in fired(result)  # "Regional" is the hospital's name
    mentor = letter(
        CONTEXT,
        "Dr. Sofia Herrera, my mentor in anesthesiology, completed her fellowship at Summit "
        "University Hospital, your hospital.",
    )
    (result,) = judge([mentor], "letter-request")
    assert "no-context" in fired(result)
    listed = interest("EXTRA", "Could you please put me on the interview list for September?")
    (result,) = judge([listed], "interest-email")
    assert "asks-for-position" in fired(result)
    since = interest(
        "Dr. Kim and I published a case report on malignant hyperthermia last year, and I would "
        "be glad to keep working with your department.",
        "I am interested in critical care since my internship at Cho Ray Hospital, and I "
        "believe Bayshore is an excellent program.",
    )
    (result,) = judge([since], "interest-email")
    assert "no-connection" in fired(result)


def test_an_outcome_said_to_have_little_to_do_with_me_and_a_terse_thanks() -> None:
    text = (
        "To: a@b.org\nSubject: Feedback\n\nDear Ms. Ortiz,\n\nUnfortunately, I did not match "
        "this year. I am quite sure the outcome had little to do with my application itself.\n"
    )
    (result,) = judge([text], "feedback-request")
    assert "blame" in fired(result)
    thx = "Hi Dr. Mensah,\n\nthx so much for the letter!! u are the best.\n\nBilal\n"
    assert detect_kind(thx) == "thank-you"


def test_outlook_last_first_names_are_one_recipient_each() -> None:
    block = parse_headers(
        "To: Okoro, Adaeze <aokoro@fairmont.example.edu>\n"
        "Cc: Lindqvist, Harold <hlindqvist@fairmont.example.edu>\nSubject: Hello\n\nDear Dr. Okoro,\n"
    )
    assert [r.domain for r in recipients(block)] == ["fairmont.example.edu"] * 2
    two = parse_headers("To: Okoro, jlee@other.example.org\nSubject: Hi\n\nDear Dr. Okoro,\n")
    assert len(recipients(two)) == 2  # a bare address after a name is a second recipient
    text = interest().replace(
        "To: Dr. Linh Nguyen <lnguyen@bayshore.example.org>",
        "To: Nguyen, Linh <lnguyen@bayshore.example.org>\nCc: Park, Eun <epark@bayshore.example.org>",
    )
    (result,) = judge([text], "interest-email")
    assert "mass-email" not in fired(result)


def test_the_rule_a_mail_client_draws_above_the_earlier_message_is_quoted() -> None:
    quoted = (
        "\n\n________________________________\nFrom: Residency Office <res@bayshore.example.org>\n"
        "Sent: Monday, May 3, 2027 9:00 AM\nTo: Applicants <all@bayshore.example.org>\n"
        "Subject: Open house\n\nDear {{first_name}}, join us on May 20.\n"
    )
    (result,) = judge([interest() + quoted], "interest-email")
    assert "unfilled-placeholder" not in fired(result)
    assert "mass-email" not in fired(result)


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        # thanks for an invitation opens a reply; the application makes it an interest email
        (
            "Thank you for the invitation to your residents' research evening on October 8. "
            "I registered today. I applied to the Fairmont anesthesiology residency in "
            "September, and your obstetric anesthesia service is why.",
            "interest-email",
        ),
        # a yes in principle, then the request itself
        (
            "Thank you for agreeing in principle to write my letter. Would you be "
            "comfortable writing a strong letter about my four weeks in your pain clinic? My "
            "letters are due by September 1, 2027.",
            "letter-request",
        ),
        # the letters' due date and a reminder, in one sentence
        (
            "Thank you for your quick answer. As the ERAS letters are due on August 25, I "
            "wanted to remind you gently. The ERAS Letter Request Form is attached again.",
            "reminder",
        ),
        # taking up an observership the reader offered
        (
            "Thank you for replying so quickly. I would love to do the March observership "
            "block in your cardiac rooms if a place is still free.",
            "observership-request",
        ),
    ],
)
def test_replies_are_recognised_by_what_they_ask(body: str, kind: str) -> None:
    text = f"To: a@b.org\nSubject: Re: your message\n\nDear Dr. Alvarez,\n\n{body}\n\nBest,\nNour\n"
    assert detect_kind(text) == kind


def test_a_subject_of_interest_and_an_applicant_to_the_program() -> None:
    text = (
        "To: a@b.org\nSubject: Interest in Fairmont University Anesthesiology Residency\n\n"
        "Respected Dr. Osei,\n\nGreetings from Accra. I observed in your department in "
        "March. Thank you for your time and for considering my application.\n"
    )
    assert detect_kind(text) == "interest-email"
    body = (
        "To: a@b.org\nSubject: Greetings\n\nDear Dr. Osei,\n\nGreetings from Accra. I am an "
        "applicant to the Fairmont anesthesiology residency this cycle. Thank you for your time.\n"
    )
    assert detect_kind(body) == "interest-email"


def test_a_connection_to_another_hospital_is_none_to_this_program() -> None:
    elsewhere = interest(
        "Dr. Kim and I published a case report on malignant hyperthermia last year, and I would "
        "be glad to keep working with your department.",
        "Last year I completed a four-week anesthesiology observership at Lakeridge General "
        "Hospital.",
    )
    (result,) = judge([elsewhere], "interest-email")
    assert "no-connection" in fired(result)
    here = elsewhere.replace("Lakeridge General Hospital", "Bayshore Medical Center")
    (result,) = judge([here], "interest-email")
    assert "no-connection" not in fired(result)


def test_until_after_something_that_lasts_is_no_deadline() -> None:
    lasting = letter(
        DEADLINE,
        "For your planning: my research elective in Boston runs until July 30, and I will be "
        "away until August 2.",
    )
    (result,) = judge([lasting], "letter-request")
    assert "no-deadline" in fired(result)
    due = letter(DEADLINE, "Kindly upload the letter in ERAS until August 20, 2027.")
    (result,) = judge([due], "letter-request")
    assert "no-deadline" not in fired(result)


def test_what_an_observer_was_not_allowed_to_do_is_no_excuse(bare) -> None:
    rules, unfair, untrained = bare.tag_sentences(
        [
            "As a visiting observer I was not allowed to perform procedures, so I watched.",
            "I was never given fair chance in my interviews, because every one was by video.",
            "We were never taught for the USMLE at my school, so I failed.",
        ]
    )
    assert "blame" not in rules
    assert "blame" in unfair and "blame" in untrained


def test_a_claim_asked_for_after_saying_the_writer_did_not_see_it() -> None:
    text = letter(
        "EXTRA",
        "As an observer I could not do any procedure, so you did not see my hands-on skills. "
        "At home I placed many arterial lines. Could you write in the letter that my line "
        "skills are excellent?",
    )
    (result,) = judge([text], "letter-request")
    assert "asks-to-exaggerate" in fired(result)


def test_reminders_in_the_writers_own_language_and_paperwork_that_reminds() -> None:
    reminder = (
        "Prezado Dr. Albuquerque,\n\nThank you again for accepting, in March, to write my "
        "letter of recommendation. I write only to remind you, with respect, that the date "
        "is July 15, 2027.\n\nCom gratidao,\nLuiza\n"
    )
    assert detect_kind(reminder) == "reminder"
    request = (
        "To: a@b.org\nSubject: Recommendation\n\nDear Professor Adeyemi,\n\nI was your "
        "house officer in the ICU in 2024. Would you write a letter of recommendation for my "
        "anesthesiology residency application? I will send the ERAS Letter Request Form and "
        "my CV, and a list of our cases to remind you.\n"
    )
    assert detect_kind(request) == "letter-request"


def test_pleading_for_one_chance_is_begging() -> None:
    text = (
        "To: a@b.org\nSubject: Observership request\n\nDear Dr. Whitmore,\n\nI would like to "
        "observe in your pediatric anesthesia division this autumn. Please, I am asking you "
        "for this one chance. Please do not let my request go unanswered.\n\nAyesha\n"
    )
    (result,) = judge([text], "observership-request")
    assert "begging" in fired(result)


def test_thanks_passed_on_to_the_residents_is_no_excuse() -> None:
    text = (
        "To: a@b.org\nSubject: Thank you\n\nDear Dr. Kim,\n\nThank you for interviewing me "
        "on Thursday. Our talk about the transplant service stayed with me.\n\nPlease pass my "
        "thanks to Ms. Grant for organising such a smooth day, and to the residents who stayed "
        "late to answer our questions.\n\nSincerely,\nYoussef\n"
    )
    (result,) = judge([text], "thank-you")
    assert "blame" not in fired(result)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "To: a@b.org\nSubject: Feedback for my next application\n\nDear Dr. Coleman,\n\nThis "
            "is my second year without a match. Could you tell me what in my application "
            "concerned the committee? Thank you for the interview in January.\n",
            "feedback-request",
        ),
        (
            "To: a@b.org\nSubject: Cardiac anesthesia\n\nDear Dr. Marchetti,\n\nI applied to "
            "anesthesiology this cycle. I would like to ask whether I could observe in your "
            "cardiac ORs for four weeks in July.\n",
            "observership-request",
        ),
        (
            "Hey Dr. Brennan!!\n\nit's Marcus from the ASA poster session. any chance I could "
            "come shadow in ur department for 2 weeks in July?? thx\n",
            "observership-request",
        ),
    ],
)
def test_unmatched_for_years_and_asking_to_come_and_observe(text: str, kind: str) -> None:
    assert detect_kind(text) == kind


def test_thanks_for_teaching_reminds_of_nothing_and_work_told_with_the_reader_does() -> None:
    generic = letter(CONTEXT, "As you may remember, I am the graduate from Guadalajara.").replace(
        "EXTRA", "Thank you for everything you taught me."
    )
    (result,) = judge([generic], "letter-request")
    assert "no-context" in fired(result)
    joined = letter(
        CONTEXT,
        "I am the observer who spent four weeks with you in the cardiac ORs in February, and "
        "you asked me to follow the TEE during the redo sternotomy.",
    )
    (result,) = judge([joined], "letter-request")
    assert "no-context" not in fired(result)


def test_a_bracket_with_a_number_is_no_placeholder_and_thanks_for_an_observership() -> None:
    tagged = interest().replace(
        "Subject: Bayshore Medical Center Anesthesiology Residency",
        "Subject: Bayshore Medical Center Anesthesiology Residency [ERAS 2028]",
    )
    (result,) = judge([tagged], "interest-email")
    assert "unfilled-placeholder" not in fired(result)
    assert find_placeholder("Subject: Request [ERAS 2028]") is None
    assert find_placeholder("Dear [Dr. Last Name],") == "[Dr. Last Name]"
    thanks = (
        "To: a@b.org\nSubject: Baywood\n\nDear Ms. Torres,\n\nI have submitted my ERAS "
        "application to the Baywood University Anesthesiology Residency, where I did my "
        "observership in January. Thank you very much for your help during the observership, "
        "and please give my regards to Dr. Lindqvist.\n"
    )
    assert detect_kind(thanks) == "interest-email"


def test_a_letter_of_intent_that_hopes_to_be_ranked() -> None:
    text = (
        "To: a@b.org\nSubject: Letter of intent - Harbor View Anesthesiology Residency\n\n"
        "Dear Dr. Whitfield,\n\nI interviewed with your residency on January 12, after my ICU "
        "externship at Harbor View in August. I will rank Harbor View first, and I sincerely "
        "hope you will do the same and rank me to match at your program.\n\nThank you for "
        "your time.\n"
    )
    assert detect_kind(text) == "interest-email"
    (result,) = judge([text], "interest-email")
    assert "asks-for-position" in fired(result)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "hey dr okafor!! its Amina, i interviewed w u in january. didnt match this yr so "
            "wanted to ask wat i cud do better?? thx\n\nSent from my iPhone\n",
            "feedback-request",
        ),
        (
            "Hi Dr. Brooks,\n\nI was your SICU externship student at Valley Regional in January. "
            "I am applying to anesthesiology residency this ERAS season - would you be "
            "comfortable writing me a strong, honest letter?\n",
            "letter-request",
        ),
    ],
)
def test_messages_sent_from_a_phone(text: str, kind: str) -> None:
    assert detect_kind(text) == kind


def test_the_observer_who_followed_you_is_context() -> None:
    text = letter(
        CONTEXT,
        "I am the observer from Brazil who followed you in the PACU at Mercy Northfield in "
        "February.",
    )
    (result,) = judge([text], "letter-request")
    assert "no-context" not in fired(result)


# -- a second purpose, another language's courtesy (batches 15, 15b) ----------------------


def test_materials_named_only_as_where_one_tells_something_are_not_offered() -> None:
    offer = "I can send my CV, personal statement and the letter request form."
    topic = letter(
        offer, "I describe the night of the massive transfusion in my personal statement."
    )
    (result,) = judge([topic], "letter-request")
    assert "no-materials" in fired(result)
    told = letter(offer, "In my personal statement, I write about that night in your unit.")
    (result,) = judge([told], "letter-request")
    assert "no-materials" in fired(result)
    attached = letter(
        offer, "In my personal statement, which I have attached, I write about that night."
    )
    (result,) = judge([attached], "letter-request")
    assert "no-materials" not in fired(result)


FEEDBACK = (
    "To: a@b.org\nSubject: Feedback on my application\n\nDear Dr. Hale,\n\nI interviewed "
    "at Riverside in December and did not match this year. EXTRA\n\nThank you for your "
    "time.\n\nSincerely,\nLina Haddad\n"
)


@pytest.mark.parametrize(
    ("sentence", "demanding"),
    [
        ("I expect a written reply by April 15.", True),
        ("I will expect your answer before the end of the month.", True),
        (
            "Please send me the list of weaknesses, and make sure it also says where I was ranked.",
            True,
        ),
        ("I do not expect a long reply; two lines would help me a great deal.", False),
        ("Please send me any advice you can, and make sure to take your time.", False),
        ("Any advice you could share would mean a lot, whenever you have a moment.", False),
    ],
)
def test_an_expected_reply_and_a_second_order_are_demands(sentence, demanding) -> None:
    (result,) = judge([FEEDBACK.replace("EXTRA", sentence)], "feedback-request")
    assert ("demanding-tone" in fired(result)) is demanding


def test_a_letter_offered_on_request_does_not_make_a_letter_request() -> None:
    text = (
        "To: a@b.org\nSubject: Observership request - regional anesthesia\n\nDear Dr. Moss,"
        "\n\nI am a graduate of Cairo University, and I would like to ask whether I could "
        "join your regional anesthesia service as an observer for four weeks this autumn. I "
        "can provide my CV and a reference letter from my head of department upon your "
        "request.\n\nRespectfully,\nOmar Said\n"
    )
    assert detect_kind(text) == "observership-request"
    asked = text.replace(
        "I can provide my CV and a reference letter from my head of department upon your request.",
        "Could you also write a letter of recommendation for me?",
    )
    assert detect_kind(asked) == "letter-request"


# -- unusual recipients and long silences (batch 15c) -------------------------------------


def test_a_record_of_experiences_elsewhere_is_no_context() -> None:
    record = letter(CONTEXT, "Since we last spoke I completed three observerships in Texas.")
    (result,) = judge([record], "letter-request")
    assert "no-context" in fired(result)
    with_you = letter(CONTEXT, "I completed three observerships, the first of them with you.")
    (result,) = judge([with_you], "letter-request")
    assert "no-context" not in fired(result)
    one = letter(CONTEXT, "I did my anesthesiology observership at St. Luke's in March 2026.")
    (result,) = judge([one], "letter-request")
    assert "no-context" not in fired(result)


@pytest.mark.parametrize(
    ("sentence", "exaggerate"),
    [
        ("Could you also describe my first week, as if you had been there that week?", True),
        ("Please write about the night shifts as though you had seen them yourself.", True),
        ("Please write only about what you saw during the two weeks we worked together.", False),
    ],
)
def test_writing_as_if_the_reader_had_been_there(sentence, exaggerate) -> None:
    (result,) = judge([letter("EXTRA", sentence)], "letter-request")
    assert ("asks-to-exaggerate" in fired(result)) is exaggerate
