"""Rules for emails: interest emails to programs, letter requests to writers, and the
other messages `stmt draft` writes.

Guide, "Strategic Communication With Programs": "Send short, respectful interest
emails to program coordinators or PDs only where you have a real connection:
Past observer. Shared research project. Specific interest in their program's
strengths (cardiac, regional, critical care). Avoid mass, generic emails; these
are often ignored." Guide, "Letters of Recommendation": "Ask for honest, strong
letters, not just polite ones."

Everything these rules know about English is in ``lexicons/email.toml`` (cue
groups ``email.*`` matched on the parse, and word sets); the header block is
read from ``writer.documents.email``. What is purely lexical (placeholders,
header addresses, word counts, dates) is read from the text directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime

from writer.documents.email import (
    MASKED_PLACEHOLDER,
    MERGE_FIELD,
    HeaderBlock,
    _has_phrase,
    blank_quoted,
    initials_of_name_before,
    parse_headers,
    recipients,
)
from writer.rules.base import Finding, Rule, RuleContext, rule
from writer.rules.statement import count_words

INTEREST = "interest-email"
LETTER = "letter-request"
#: Every message kind `stmt draft` writes; each is checked as itself.
EMAIL_KINDS = (
    INTEREST,
    LETTER,
    "observership-request",
    "thank-you",
    "feedback-request",
    "reminder",
)

#: Messages to programs, where a score has no place at all.
DEFENSIVE_KINDS = (INTEREST, "observership-request", "thank-you")

#: "Short, respectful interest emails": the drafting helper keeps them under this.
MAX_INTEREST_WORDS = 250
#: Fewer days than this before a letter deadline is short notice (as in writer.drafting).
SHORT_NOTICE_DAYS = 28

# -- "today", injectable for tests ------------------------------------------------------

_TODAY: ContextVar[date | None] = ContextVar("stmt_today", default=None)


def today() -> date:
    """The day deadlines are measured from (``today_is`` overrides it)."""
    return _TODAY.get() or date.today()


def written_on(ctx: RuleContext) -> date:
    """The day the message was written: its own ``Date:`` header when it has one that
    reads as a date ("Tue, 1 Jun 2027 10:22:31 +0300", "Mon, May 24, 2027 at 2:10 PM"),
    else today. A saved message is judged from when it was sent, so "by June 11" in a
    request sent on June 1 stays short notice however late it is checked."""
    headers = parts(ctx).headers
    for field in [*headers.get("date"), *headers.get("sent")]:
        value = field.value.strip()
        try:
            return parsedate_to_datetime(value).date()
        except (TypeError, ValueError, IndexError):
            pass
        for pattern, months in _date_patterns(ctx):
            m = pattern.search(value)
            if m and m.group("year"):
                day = _to_date(m, months, today())
                if day is not None:
                    return day
    return today()


@contextmanager
def today_is(day: date) -> Iterator[None]:
    """Judge deadlines as if today were ``day`` (tests, reproducible benchmarks)."""
    token = _TODAY.set(day)
    try:
        yield
    finally:
        _TODAY.reset(token)


# -- reading an email ------------------------------------------------------------------


@dataclass(frozen=True)
class Parts:
    """Where the salutation, body and signature of a message are (offsets into the text)."""

    headers: HeaderBlock
    salutation: tuple[int, int] | None  # the salutation line
    body_start: int
    body_end: int  # where the closing line ("Kind regards,") starts, or the end
    closing_end: int  # where the closing line ends (the signature follows), or the end
    postscript_start: int | None = None  # where a "P.S." after the signature starts


def _sets(ctx: RuleContext, name: str) -> frozenset[str]:
    lexicon = ctx.lexicons.get("email")
    return lexicon.sets.get(name, frozenset()) if lexicon is not None else frozenset()


#: "P.S.", "PS", "P.P.S." at the start of a line or a sentence
_PS_MARK = r"p\.?\s?p?\.?\s?s\b"


def parts(ctx: RuleContext) -> Parts:
    text = ctx.analysis.document.text
    block = parse_headers(text)
    openers = _sets(ctx, "salutation_openers")
    generic = _sets(ctx, "generic_salutation")
    closings = _sets(ctx, "closings")
    salutation = None
    body_start = block.end
    body_end = len(text)
    for m in re.finditer(r"[^\r\n]*", text[block.end :]):
        line = m.group()
        if not line.strip():
            continue
        start = block.end + m.start()
        lowered = line.strip().lower()
        words = lowered.split()
        if salutation is None and body_start == block.end:
            first = words[0].strip(",:!") if words else ""
            if (first in openers and len(words) <= 12) or any(g in lowered for g in generic):
                salutation = (start, start + len(line))
                body_start = start + len(line)
                continue
            body_start = start
        if line.rstrip() == "--":  # the "-- " line that starts a signature
            body_end = closing_end = start
            break
        if re.sub(r"[\s,.!;:-]+$", "", lowered) in closings:
            body_end = start
            closing_end = start + len(line)
            break
    else:
        closing_end = len(text)
    ps = re.search(rf"(?im)^[ \t]*{_PS_MARK}", text[closing_end:])
    postscript = closing_end + ps.start() if ps else None
    return Parts(block, salutation, body_start, body_end, closing_end, postscript)


def body_sentences(ctx: RuleContext, p: Parts | None = None):
    """The sentences a reader reads as the message: after the salutation, before the
    closing, and a postscript after the signature ("P.S. Could you grant me an interview?")."""
    p = p or parts(ctx)
    return [
        s
        for s in ctx.sentences
        if (s.end > p.body_start and s.start < p.body_end) or _postscript(s, p)
    ]


_PS = re.compile(_PS_MARK + r"\.?", re.IGNORECASE)


def _postscript(sentence, p: Parts) -> bool:
    """A sentence of a postscript after the signature: the "P.S." line and the sentences
    that follow it in its paragraph ("P.S. I will apply in September. I would be so
    grateful if you could offer me an interview.")."""
    if sentence.start < p.closing_end:
        return False
    if _PS.match(sentence.text.strip()):
        return True
    return p.postscript_start is not None and sentence.start >= p.postscript_start


def _with(sentences, *keys: str):
    return [s for s in sentences if all(k in s.cues for k in keys)]


def _cue_text(sentence, key: str, limit: int = 2) -> str:
    return ", ".join(repr(t) for t in sentence.cues.get(key, [])[:limit])


# -- shared by every message -----------------------------------------------------------

_PLACEHOLDERS = [
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL),
    re.compile(MERGE_FIELD),
    re.compile(r"(?<![\w\]])\[([^\[\]\n]{1,60})\](?!\()"),
    re.compile(r"<([A-Z][^<>@\n]{0,60})>"),
    re.compile(r"\b[Xx]{3,}\b|_{3,}|\bTBD\b|\bTK\b"),
    re.compile(MASKED_PLACEHOLDER),  # "XX/XX/2027", "[ ]"
]


def _looks_like_placeholder(inner: str, words: frozenset[str], images=frozenset()) -> bool:
    """ "[Program Name]" is; what a mail client leaves of a signature's logo or a link
    ("[Logo]", "[https://.../logo.png]", ``images``) is not."""
    tokens = re.findall(r"[A-Za-z]+", inner)
    if not tokens or tokens[0].lower() in images or re.match(r"\s*(https?:|www\.)", inner):
        return False
    if re.search(r"\d", inner):
        return False  # "[ERAS 2028]", "[1]": a bracket with a number names something real
    if any(t.lower() in words for t in tokens):
        return True
    return all(t[0].isupper() for t in tokens)


@rule(
    "unfilled-placeholder",
    "error",
    "A template placeholder is still in the message: [Program Name], {{ ... }}, XXX.",
    guide='"Avoid mass, generic emails; these are often ignored." (Strategic Communication With '
    "Programs). A placeholder left in shows the reader a form letter, and names no one.",
    good="I have applied to the Mercy Regional Anesthesiology Residency through ERAS.",
    bad="I have applied to the [Program Name] through ERAS. I observed in your ORs in XXX 2027.",
    kinds=EMAIL_KINDS,
)
def unfilled_placeholder(r: Rule, ctx: RuleContext) -> list[Finding]:
    # the other person's quoted or forwarded words are theirs: "{{first_name}}" left in a
    # coordinator's template below the reply is not the applicant's placeholder
    text = blank_quoted(ctx.analysis.document.text)
    words = _sets(ctx, "placeholder_words")
    images = _sets(ctx, "image_words")
    findings = []
    seen: set[int] = set()
    for pattern in _PLACEHOLDERS:
        for m in pattern.finditer(text):
            if m.start() in seen:
                continue
            if m.groups() and (
                not _looks_like_placeholder(m.group(1), words, images)
                or initials_of_name_before(text, m.start(), m.group(1))
            ):
                continue
            seen.add(m.start())
            findings.append(
                ctx.at_offsets(
                    r,
                    m.start(),
                    m.end(),
                    f"unfilled placeholder {m.group()!r}: fill it in or delete it",
                )
            )
    return findings


@rule(
    "generic-salutation",
    "warning",
    'The salutation names no one: "Dear Sir/Madam", "To whom it may concern", "Dear Program '
    'Director".',
    guide='"Send short, respectful interest emails to program coordinators or PDs only where you '
    'have a real connection" and "Avoid mass, generic emails; these are often ignored." Address '
    "the coordinator or program director by name.",
    good="Dear Dr. Park,",
    bad="Dear Sir/Madam, / To whom it may concern, / Dear Program Director,",
    kinds=EMAIL_KINDS,
)
def generic_salutation(r: Rule, ctx: RuleContext) -> list[Finding]:
    p = parts(ctx)
    if p.salutation is None:
        return []
    start, end = p.salutation
    line = ctx.analysis.document.text[start:end]
    lowered = line.strip().lower()
    generic = any(g in lowered for g in _sets(ctx, "generic_salutation"))
    if not generic:
        addressee = re.split(r"[,:;!\n]", lowered, maxsplit=1)[0].split()[1:]
        words = [w for w in re.split(r"[\s/]+", " ".join(addressee)) if w]
        generic = all(
            w.strip(".") in _sets(ctx, "generic_addressee") or w in _sets(ctx, "generic_addressee")
            for w in words
        )
    if not generic:
        return []
    return [
        ctx.at_offsets(
            r,
            start + len(line) - len(line.lstrip()),
            end,
            f"{line.strip()!r} names no one: address the coordinator or program director by name "
            "(the program website lists them)",
        )
    ]


def _org(recipient) -> str:
    return recipient.domain or recipient.text.lower()


@rule(
    "mass-email",
    "warning",
    "The message goes to several programs at once (To, Cc or Bcc).",
    guide='"Avoid mass, generic emails; these are often ignored." Interest emails go "to program '
    'coordinators or PDs only where you have a real connection": one program, one email.',
    good="To: Dr. Alan Park <apark@riverside.example.edu>",
    bad="To: residency@riverside.example.edu, gme@lakeshore.example.org, "
    "anesthesia@mercy.example.org",
    kinds=EMAIL_KINDS,
)
def mass_email(r: Rule, ctx: RuleContext) -> list[Finding]:
    block = parse_headers(ctx.analysis.document.text)
    found = recipients(block)
    if not found:
        return []
    to_orgs = {_org(x) for x in found if x.header == "To"}
    all_orgs = {_org(x) for x in found}
    bcc = [x for x in found if x.header == "Bcc"]
    if len(to_orgs) < 2 and len(all_orgs) < 3 and len(bcc) < 2:
        return []
    lines = [f for f in block.fields if f.key in ("to", "cc", "bcc")]
    start, end = lines[0].start, lines[-1].end
    return [
        ctx.at_offsets(
            r,
            start,
            end,
            f"this goes to {len(all_orgs)} different addresses ({', '.join(sorted(all_orgs)[:4])}"
            f"{', ...' if len(all_orgs) > 4 else ''}): write one email per program, to one named "
            "person",
        )
    ]


#: A word in capitals; not part of a hyphenated name ("the PROTECT-AKI trial", "COVID-19").
_SHOUTED = re.compile(r"(?<![\w-])[A-Z]{4,}(?![\w-])(?!\s+\d{4}\b)")  # not "SLEEP 2027"


def _tone_signals(ctx: RuleContext):
    """(sentence, strong signals, casual signals) for each sentence with any, up to the
    closing line ("Thx!!" counts; the signature after it, "CONFIDENTIALITY NOTICE: ...",
    a phone icon before the number, does not, even where the sentence runs on into it).
    A bracketed placeholder ("[INTERVIEW DATE]") is its own finding, not shouting."""
    acronyms = _sets(ctx, "acronyms")
    p = parts(ctx)
    text = ctx.analysis.document.text
    mirrored = _their_emoticons(text)
    out = []
    for s in ctx.sentences:
        postscript = _postscript(s, p)
        if s.start >= p.closing_end and not postscript:
            continue
        end = s.end if postscript else min(s.end, p.closing_end)
        visible = text[s.start : end]
        lowered = visible.lower()
        strong = [
            t
            for t in s.cues.get("email.textspeak", [])
            if t.lower() in lowered and t not in mirrored
        ]
        unbracketed = re.sub(r"\[[^\[\]\n]{1,80}\]", " ", visible)
        strong += [
            w
            for w in _SHOUTED.findall(unbracketed)
            # a word in capitals that is no English word is an acronym: "PONV", "LVAD"
            if w.lower() not in acronyms and (ctx.is_word is None or ctx.is_word(w))
        ]
        casual = [t for t in s.cues.get("email.casual", []) if t.lower() in lowered]
        if strong or casual:
            out.append((s, strong, casual))
    return out


def _their_emoticons(text: str) -> set[str]:
    """The smileys and emoji the other person used first, in the message quoted below a
    reply ("just Priya -- 'Dr. Raman' makes me feel ancient :)"): answering one in kind is
    not the applicant's slang. Words ("u", "thx") are never mirrored."""
    theirs = blank_quoted(text)
    if theirs == text:
        return set()
    quoted = "".join(c if c != kept else " " for c, kept in zip(text, theirs, strict=True))
    return {t for t in quoted.split() if not re.search(r"[A-Za-z0-9]", t) or t in _LETTER_FACES}


_LETTER_FACES = frozenset({":D", ":-D", ":P", ":p", "xD", "XD"})


@rule(
    "unprofessional-tone",
    "warning",
    "Text-message register to faculty or a program: slang, emoji, 'u', '!!', shouting in capitals.",
    guide='"Send short, respectful interest emails" (Strategic Communication With Programs); a '
    'letter writer is asked for "honest, strong letters" (Letters of Recommendation), a favour '
    "from a busy clinician. Write as you would to an attending.",
    good="Dear Dr. Cho, I hope you are well. Would you feel comfortable writing a strong letter "
    "...?",
    bad="Hey Erin!! hope ur doing awesome :) could u write me a letter?? thx",
    kinds=EMAIL_KINDS,
)
def unprofessional_tone(r: Rule, ctx: RuleContext) -> list[Finding]:
    signals = _tone_signals(ctx)
    strong = [x for _, xs, _ in signals for x in xs]
    casual = [x for _, _, xs in signals for x in xs]
    if not strong and len(casual) < 2:
        return []
    first = signals[0][0]
    shown = ", ".join(repr(x) for x in (strong + casual)[:4])
    return [
        ctx.at_sentence(
            r,
            first,
            f"too casual for a message to faculty or a program ({shown}): write in full sentences, "
            "without slang, emoji or repeated punctuation",
        )
    ]


# -- interest emails ---------------------------------------------------------------------


@rule(
    "no-program-name",
    "warning",
    "The interest email never names the program (only 'your program').",
    guide='"Send short, respectful interest emails to program coordinators or PDs only where you '
    'have a real connection"; "Avoid mass, generic emails." Naming the program shows this email '
    "was written for them.",
    good="I recently submitted my ERAS application to the Riverside University Hospital "
    "Anesthesiology Residency.",
    bad="I recently submitted my ERAS application to your program.",
    kinds=(INTEREST,),
)
def no_program_name(r: Rule, ctx: RuleContext) -> list[Finding]:
    if _program_names(ctx, body_sentences(ctx)) or _subject_program_name(ctx):
        return []
    return [
        ctx.at_document(
            r, "the email never names the program: say which residency you applied to, by its name"
        )
    ]


_SUBJECT_NAME = re.compile(
    r"(?:[A-Z][\w'.&-]*\s+){1,6}(?:Medical Center|Medical Centre|Hospital|University|Health|Clinic|"
    r"Residency|Program|Programme|Anesthesiology|Anesthesia|Anaesthesia)\b"
)


def _subject_program_name(ctx: RuleContext) -> str | None:
    """A program named in the subject line ("Interest in the Baystate Medical Center
    anesthesiology residency (Springfield)"): the first thing the reader sees, so the body
    may say "your residency"."""
    subject = " ".join(f.value for f in parts(ctx).headers.get("subject"))
    generic = _sets(ctx, "generic_program_words") | _sets(ctx, "subject_words")
    for m in _SUBJECT_NAME.finditer(subject):
        if any(w.lower() not in generic for w in re.findall(r"[A-Za-z'-]+", m.group())):
            return m.group().strip()
    return None


def _program_names(ctx: RuleContext, sentences) -> list[str]:
    """The names of a program the sentences give: a name with a word of its own (not only
    "Medical Center"), and not the applicant's own school ("a graduate of Hacettepe
    University")."""
    generic = _sets(ctx, "generic_program_words")
    out = []
    for s in sentences:
        schools = " ".join(s.cues.get("email.own_school", []))
        words = set(re.findall(r"[a-z]+", s.text.lower()))
        if "our" in words and not words & {"you", "your"}:
            continue  # "the ICU at Mother Teresa University Hospital Center ... our cardiologist"
        own = _sets(ctx, "own_place_words")
        lowered = s.text.lower()
        for name in s.cues.get("email.program_name", []):
            at = lowered.find(name.lower())
            if at > 0 and _has_phrase(lowered[max(0, at - 80) : at], own):
                continue  # "a research fellowship ... at Henry Ford Hospital": their own place
            after = lowered[at + len(name) : at + len(name) + 25] if at >= 0 else ""
            if re.match(
                r"\W*(?:\w+\s+)?(?:meeting|congress|conference|symposium|journal)\b", after
            ):
                continue  # "the ASRA Pain Medicine spring meeting": a meeting, not a program
            if name not in schools and any(
                w.lower() not in generic for w in re.findall(r"[\w'-]+", name)
            ):
                out.append(name)
    return out


@rule(
    "no-connection",
    "warning",
    "The interest email has no real connection: no observership, shared research or specific "
    "program strength.",
    guide='"Send short, respectful interest emails to program coordinators or PDs only where you '
    "have a real connection: Past observer. Shared research project. Specific interest in their "
    "program's strengths (cardiac, regional, critical care).\"",
    good="I observed in your cardiac operating rooms in March 2027.",
    bad="I have always admired your prestigious program and its excellent reputation.",
    kinds=(INTEREST,),
)
def no_connection(r: Rule, ctx: RuleContext) -> list[Finding]:
    # what anyone can read on the program's website is no connection to it
    body = [s for s in body_sentences(ctx) if "email.program_publicity" not in s.cues]
    # the program's own name, as the email gives it elsewhere ("the Penn anesthesiology
    # residency" ... "made me sure that Penn is the place"): it ties a sentence to them
    generic = _sets(ctx, "generic_program_words")
    told = (
        _with(body, "email.connection_observed")
        + _with(body, "email.connection_research")
        + _with(body, "email.connection_contact")
    )
    # the program written to, as the subject and the other sentences name it: a connection
    # told of another hospital ("an observership at Cleveland Clinic Akron General", to
    # Heartland) is no connection to this one
    others = [s for s in body if s not in told]
    names = {
        w
        for n in _program_names(ctx, others) + [_subject_program_name(ctx) or ""]
        for w in re.findall(r"[A-Z][\w'-]+", n)
        if w.lower() not in generic
    }

    def named(s) -> bool:
        return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", s.text) for w in names)

    def elsewhere(s) -> bool:
        """Only another program is named: the sentence's names share no word with this one's."""
        return bool(names) and bool(_program_names(ctx, [s])) and not named(s)

    if any((_tied_to_program(ctx, s) and not elsewhere(s)) or named(s) for s in told):
        return []
    if any(_strengths(s) for s in _with(body, "email.strength", "email.program_reference")):
        return []
    interest = _sets(ctx, "own_interest_words")
    if any(_strength_of(s, named, interest) for s in _with(body, "email.strength")):
        return []
    return [
        ctx.at_document(
            r,
            "no real connection to this program: say where you observed, what research you "
            "share, or which of its strengths (cardiac, regional, critical care) draws you; "
            "without one, the guide says not to send it",
        )
    ]


_TIES = (
    "email.program_reference",
    "email.program_name",
    "email.faculty_named",
    "email.shared_with_program",
)


def _strengths(sentence) -> list[str]:
    """The sentence's strength words that are not part of a program's name ("Regional" in
    "Crestview Regional Medical Center" names the hospital, not its regional service)."""
    names = [n.lower() for n in sentence.cues.get("email.program_name", [])]
    return [
        t for t in sentence.cues.get("email.strength", []) if not any(t.lower() in n for n in names)
    ]


def _strength_of(sentence, named, interest: frozenset[str]) -> bool:
    """A strength said of the program, by its name, in the sentence; not the applicant's
    own interest (``own_interest_words`` just before it: "I am very interested in
    anesthesiology and critical care since my internship, and I believe Bayside is an
    excellent program")."""
    if not named(sentence):
        return False
    lowered = sentence.text.lower()
    for t in _strengths(sentence):
        at = lowered.find(t.lower())
        if not _has_phrase(lowered[max(0, at - 40) : at] if at >= 0 else "", interest):
            return True
    return False


def _tied_to_program(ctx: RuleContext, sentence) -> bool:
    """An observership or a study said to be theirs: "in your department", "at Lakeview
    Community Hospital", "with Dr. Lee", "our abstract". "Three months observing in a
    department in Ohio" is a record, not a connection to the program written to; nor is
    the applicant's own hospital ("since my internship at Cho Ray Hospital")."""
    if "email.program_name" in sentence.cues and not _program_names(ctx, [sentence]):
        return any(k in sentence.cues for k in _TIES if k != "email.program_name")
    return any(k in sentence.cues for k in _TIES)


@rule(
    "email-too-long",
    "warning",
    f"The message body is longer than {MAX_INTEREST_WORDS} words.",
    guide='"Send short, respectful interest emails to program coordinators or PDs." A '
    "coordinator reads hundreds; one connection and one reason fit in a short paragraph or two.",
    good="Three short paragraphs: the application, the connection, thanks (about 120 words).",
    bad="Five paragraphs retelling every day of the observership (400 words).",
    kinds=(INTEREST, "thank-you"),
)
def email_too_long(r: Rule, ctx: RuleContext) -> list[Finding]:
    p = parts(ctx)
    words = count_words(ctx.analysis.document.prose[p.body_start : p.body_end])
    if words <= MAX_INTEREST_WORDS:
        return []
    return [
        ctx.at_document(
            r,
            f"{words} words in the body (keep it under {MAX_INTEREST_WORDS}): the connection, one "
            "reason, thanks",
        )
    ]


@rule(
    "begging",
    "warning",
    "Pleading: 'I am begging you', 'my only hope', 'please give me a chance'.",
    guide='"Send short, respectful interest emails" (Strategic Communication With Programs); at '
    'interview the guide asks for "Growth, not self-pity." Pleading reads as desperation, not '
    "fit.",
    good="Watching your residents plan each induction is the main reason I hope to train with you.",
    bad="I am begging you to please give me a chance. Your program is my only hope.",
    kinds=(INTEREST, "observership-request"),
)
def begging(r: Rule, ctx: RuleContext) -> list[Finding]:
    body = body_sentences(ctx)
    findings = [
        ctx.at_sentence(
            r,
            s,
            f"this pleads ({_cue_text(s, 'email.begging')}): state your connection and your "
            "interest, respectfully",
        )
        for s in _with(body, "email.begging")
    ]
    # one soft plea is warmth; several in one message are begging
    soft = [(s, t) for s in body for t in s.cues.get("email.begging_soft", [])]
    if not findings and len(soft) >= 2:
        said = ", ".join(repr(t) for _, t in soft[:3])
        findings.append(
            ctx.at_sentence(
                r,
                soft[0][0],
                f"the message pleads again and again ({said}): one warm line is enough; "
                "state your connection and your interest, respectfully",
            )
        )
    return findings


@rule(
    "defensive-score-mention",
    "warning",
    "The email apologises for, explains or defends a Step score.",
    guide='"Send short, respectful interest emails ... only where you have a real connection." '
    "The score is already on the application; the guide keeps it to 2-3 sentences in the "
    'personal statement ("Address - but not obsess over - your low Step scores"), not in emails.',
    good="(no word about the score: the connection and the interest only)",
    bad="I know my Step 1 score is below your cutoff, but I assure you it does not reflect my "
    "abilities.",
    kinds=DEFENSIVE_KINDS,
)
def defensive_score_mention(r: Rule, ctx: RuleContext) -> list[Finding]:
    return [
        ctx.at_sentence(
            r,
            s,
            "an interest email is no place to defend a score: the program already sees it; use "
            "the space for your connection to the program",
        )
        for s in defended_scores(ctx)
    ]


def defended_scores(ctx: RuleContext, with_defences: bool = False) -> list:
    """Exam sentences that apologise for or explain away a score (next to a defence cue),
    and, ``with_defences``, the sentences after them that defend the score they name.

    Empty for kinds without ``defensive-score-mention``: there the ``blame`` rule
    judges such sentences alone (it leaves these to this, more specific, rule).
    """
    if ctx.analysis.document.kind not in DEFENSIVE_KINDS:
        return []
    body = body_sentences(ctx)
    anaphora = _sets(ctx, "score_anaphora")
    out = []
    for i, s in enumerate(body):
        if "exam" not in s.tags:
            continue
        near = [x for x in body[max(0, i - 1) : i + 2] if "exam" in x.tags or x is s]
        after = body[i + 1 : i + 2]
        # "... my Step 2 CK score of 214 is lower than the average. I want to assure you
        # that this number does not reflect my true level": the defence refers back
        referring = [x for x in after if _has_phrase(x.text.lower(), anaphora)]
        if any("email.score_defence" in x.cues for x in near + referring):
            out.append(s)
            if with_defences:
                out += [x for x in referring if "email.score_defence" in x.cues]
    return out


@rule(
    "asks-for-position",
    "warning",
    "The email asks outright for an interview, a position or to be selected.",
    guide='"Send short, respectful interest emails ... only where you have a real connection." '
    'The aim is to become "a known, trusted name"; the interview invitation is the program\'s '
    "decision.",
    good="Thank you for your time and for considering my application.",
    bad="Could you please send me an interview invitation? / Please select me for one of your "
    "PGY-1 spots.",
    kinds=(INTEREST, "observership-request", "thank-you"),
)
def asks_for_position(r: Rule, ctx: RuleContext) -> list[Finding]:
    findings = []
    wanted = ["email.position"]
    if ctx.analysis.document.kind != "observership-request":
        wanted.append("email.selection")
    for s in body_sentences(ctx):
        found = [k for k in wanted if k in s.cues and "email.courtesy" not in s.cues]
        if found and (
            "email.request_strong" in s.cues
            or ("email.request" in s.cues and "email.ask_verb" in s.cues)
        ):
            findings.append(
                ctx.at_sentence(
                    r,
                    s,
                    f"this asks outright for {_cue_text(s, found[0], 1)}: say why you are "
                    "interested and thank them for considering your application instead",
                )
            )
    return findings


# -- letter requests -----------------------------------------------------------------------

LETTER_LIKE = (LETTER, "reminder")


def _missing(keys: tuple[str, ...], message: str, counts=None):
    """A check that reports ``message`` when no body sentence has any of the cue ``keys``
    (and, with ``counts``, passes that test)."""

    def check(r: Rule, ctx: RuleContext) -> list[Finding]:
        body = body_sentences(ctx)
        found = [s for key in keys for s in _with(body, key)]
        if any(counts is None or counts(ctx, s) for s in found):
            return []
        return [ctx.at_document(r, message)]

    return check


def _not_someone_elses(ctx: RuleContext, sentence) -> bool:
    """Work shared with the reader, not with another doctor or at another place: "a six-week
    observership at Presbyterian Hospital with Dr. Alan Mercer, who is writing one of my
    other letters" or "an observership at Harbor Point Medical Center in Baltimore", with no
    "you" in it, reminds the reader of nothing; "my observership with you" and "the
    observership at Riverside, I did the pre-op assessments" do."""
    lowered = sentence.text.lower()
    shared_cues = sentence.cues.get("email.shared_work", [])
    shared = {t.lower() for t in shared_cues}
    gratitude = _sets(ctx, "gratitude_only")
    if shared_cues and all(
        any(t.lower() in g and g in lowered for g in gratitude) for t in shared_cues
    ):
        return False  # "thank you for everything you taught me": thanks, not a reminder
    readers = {t.lower() for t in sentence.cues.get("email.reader", [])}
    if not readers and shared <= _sets(ctx, "record_of_experiences"):
        return False  # "I completed two observerships in Ohio": a record, not a reminder
    elsewhere = "email.faculty_named" in sentence.cues or "email.program_name" in sentence.cues
    if not elsewhere:
        return True
    # "Dr. Sofia Herrera, my mentor, completed her fellowship at your hospital": the applicant's
    # mentor, named, at the reader's place; no work with the reader ("you") in it
    if (
        "email.faculty_named" in sentence.cues
        and shared <= _sets(ctx, "third_party_work")
        and "you" not in readers
    ):
        return False
    return "email.reader" in sentence.cues


rule(
    "no-strong-letter-ask",
    "warning",
    "The request never asks for a strong (or honest) letter, only for 'a letter'.",
    guide='"Ask for honest, strong letters, not just polite ones. You can phrase the request as: '
    "... Would you feel comfortable writing a strong letter that addresses my clinical "
    'strengths, reliability, and potential as a resident in anesthesia or critical care?"',
    good="Would you feel comfortable writing a strong letter that addresses my clinical "
    "strengths, reliability, and potential as a resident in anesthesia?",
    bad="Could you write a few words for me? Any letter at all would be fine.",
    kinds=(LETTER,),
)(
    _missing(
        ("email.strong_letter",),
        "the request never asks for a strong letter: ask whether they feel comfortable writing a "
        "strong letter about your clinical strengths, reliability and potential (which lets them "
        "decline a weak one)",
    )
)

rule(
    "no-context",
    "warning",
    "The request never reminds the writer when and where you worked together or what they saw.",
    guide="\"Red flags to avoid: Generic letters: 'hardworking, pleasant' with no anecdotes.\" "
    "\"When programs see 'matching with low scores' as a risk, they look for strong, specific "
    'clinical recommendations": remind the writer of what they observed so the letter can be '
    "specific.",
    good="I worked with you during my four-week anesthesiology observership in March 2027, "
    "presenting the pre-operative assessments each morning.",
    bad="I hope you are doing well. (and straight to the request)",
    kinds=(LETTER,),
)(
    _missing(
        ("email.shared_work",),
        "the writer is not reminded when and where you worked together: name the rotation or "
        "project, the dates, and what they saw you do",
        counts=_not_someone_elses,
    )
)

rule(
    "no-purpose",
    "warning",
    "The request never says what the letter is for (anesthesiology residency, ERAS).",
    guide='"At least 2 letters from US anesthesiologists" for the residency application, '
    'uploaded through ERAS ("Submit ERAS on opening day with ... At least 3 letters uploaded").',
    good="I am applying to anesthesiology residency through ERAS this season.",
    bad="Would you be willing to write a strong letter of recommendation about my clinical work?",
    kinds=(LETTER,),
)(
    _missing(
        ("email.purpose",),
        "the request never says what the letter is for: anesthesiology residency, through ERAS",
        counts=lambda ctx, s: _a_purpose(s),
    )
)


def _a_purpose(sentence) -> bool:
    """A purpose named for the letter, not a residency already done ("after my two years
    of pediatrics residency at home"; ``email.past_training``)."""
    past = " ".join(sentence.cues.get("email.past_training", [])).lower()
    return any(p.lower() not in past for p in sentence.cues.get("email.purpose", []))


def _a_deadline(ctx: RuleContext, sentence) -> bool:
    """A date after "by", "due"... is a deadline; a bare date is one unless it dates the work
    the request reminds the writer of ("You saw me present the results at your group
    meeting on November 18") or a time already past ("who joined your ICU team from
    February 6 to March 3, 2027")."""
    if "email.deadline" in sentence.cues:
        prose = ctx.analysis.document.prose[sentence.start : sentence.end].lower()
        hits = sentence.cues["email.deadline"]
        lasting = "|".join(map(re.escape, sorted(_sets(ctx, "period_words"))))
        if all(
            h.lower().startswith(("until", "till"))
            and (
                re.search(rf"\bfrom\b[^.;]*\b{re.escape(h.lower())}", prose)
                # "an externship that runs until July 16", "I will be away till June 30"
                or re.search(rf"\b(?:{lasting})\W+(?:\w+\W+){{0,3}}{re.escape(h.lower())}", prose)
            )
            for h in hits
        ):
            return False  # "from September 2026 until April 2027": a period, not a deadline
        # "in about four weeks" is the letter's time only where the letter or the reader
        # is in the sentence ("the result is expected in about four weeks" is not)
        relative = all(
            h.lower().startswith(("in ", "within ")) for h in sentence.cues["email.deadline"]
        )
        return not relative or any(k in sentence.cues for k in ("email.letter_due", "email.reader"))
    # a bare date: the letter's only where the letter is ("letters uploaded August 15"),
    # not the date of a meeting or of the work the request recalls
    return (
        "email.letter_due" in sentence.cues
        and "email.shared_work" not in sentence.cues
        and not _dates_the_past(ctx, sentence)
    )


def _dates_the_past(ctx: RuleContext, sentence) -> bool:
    """The sentence gives a full date (with its year) that has already passed."""
    prose = ctx.analysis.document.prose[sentence.start : sentence.end]
    now = written_on(ctx)
    for pattern, months in _date_patterns(ctx):
        for m in pattern.finditer(prose):
            when = _to_date(m, months, now) if m.group("year") else None
            if when is not None and when < now:
                return True
    return False


_no_deadline_in_body = _missing(
    ("email.deadline", "email.date"),
    "no deadline: say by when the letter should be uploaded (a date, several weeks away)",
    counts=_a_deadline,
)


@rule(
    "no-deadline",
    "warning",
    "The request gives no date by which the letter is needed.",
    guide='"Submit ERAS on opening day with ... At least 3 letters uploaded." A writer can only '
    "plan around a date they know.",
    good="I hope to have all letters uploaded by August 15, 2027, about ten weeks from now.",
    bad="(no date anywhere in the request)",
    kinds=(LETTER,),
)
def no_deadline(r: Rule, ctx: RuleContext) -> list[Finding]:
    # "Subject: LOR request - needed by 2027-08-31": the date the writer reads first
    subject = " ".join(f.value for f in parts(ctx).headers.get("subject"))
    if any(p.search(subject) for p, _ in _date_patterns(ctx)):
        return []
    return _no_deadline_in_body(r, ctx)


def _materials_offered(ctx: RuleContext, sentence) -> bool:
    """Materials named are offered unless they are still being worked on, or named only as
    where the applicant tells something, with no offer in the sentence or the next one: "I
    am still revising my personal statement" and "In my personal statement I am writing
    about that night" give the writer nothing; "... and will send it next week" does."""
    if not any(k in sentence.cues for k in ("email.materials_unready", "email.materials_as_topic")):
        return True
    body = body_sentences(ctx)
    at = next((i for i, s in enumerate(body) if s.start == sentence.start), None)
    near = body[at : at + 2] if at is not None else [sentence]
    return any("email.materials_offered" in s.cues for s in near)


rule(
    "no-materials",
    "warning",
    "The request offers nothing to help the writer: no CV, personal statement or ERAS letter "
    "request form.",
    guide='"Ask for honest, strong letters" that are "strong, specific clinical '
    'recommendations": offer the CV, the personal statement and the ERAS Letter Request Form so '
    "the writer can be specific.",
    good="I would be glad to send my CV, personal statement and the ERAS letter request form.",
    bad="(the request ends at the deadline)",
    kinds=(LETTER,),
)(
    _missing(
        ("email.materials",),
        "offer what the writer needs: your CV, your personal statement and the ERAS Letter "
        "Request Form (Letter ID)",
        counts=_materials_offered,
    )
)


_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:(?:,?\s+|-)(?P<year>\d{4}))?"


def _date_patterns(ctx: RuleContext) -> list[tuple[re.Pattern, dict[str, int]]]:
    months: dict[str, int] = {}
    for n in range(1, 13):
        for name in _sets(ctx, f"month_{n}"):
            months[name] = n
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    return [
        (re.compile(rf"(?P<month>{names})\.?\s+{_DAY}\b{_YEAR}", re.I), months),
        # "15 August", "15th of August", "15-Aug-2027"
        (re.compile(rf"{_DAY}(?:\s+|-)(?:of\s+)?(?P<month>{names})\.?{_YEAR}", re.I), months),
        (re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"), {}),
        # "8/15/2027" in the US, "15/08/2027" in most of the world: ``_readings``
        (re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})\b"), {}),
        # "15.08.2027": day first, as where dots are written
        (re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\b"), {}),
    ]


def _date_order(text: str) -> str | None:
    """How the draft writes numeric dates, where one of them shows it: "md" (US: a
    "03/15/2027" somewhere), "dm" ("15/03/2027"), or None (no telling)."""
    orders = set()
    for a, b in re.findall(r"\b(\d{1,2})/(\d{1,2})/(?:\d{4}|\d{2})\b", text):
        if int(a) > 12 >= int(b):
            orders.add("dm")
        elif int(b) > 12 >= int(a):
            orders.add("md")
    return orders.pop() if len(orders) == 1 else None


def _readings(
    m: re.Match, months: dict[str, int], now: date, order: str | None = None
) -> list[date]:
    """The dates ``m`` may mean. "06/08/2027" is June 8 to an American and 6 August to
    most applicants: both readings, unless another date in the draft shows its order
    (``_date_order``), or one reading is no date ("15/08/2027")."""
    first = _to_date(m, months, now)
    if not months and "/" in m.group() and order == "md":
        return [first] if first is not None else []
    out = [first] if first is not None and order != "dm" else []
    if not months and "/" in m.group():
        year_text = m.group("year")
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        try:
            swapped = date(year, int(m.group("day")), int(m.group("month")))
        except ValueError:
            swapped = None
        if swapped is not None and swapped not in out:
            out.append(swapped)
    return out


def _to_date(m: re.Match, months: dict[str, int], now: date) -> date | None:
    month_text = m.group("month").lower()
    month = months.get(month_text) if months else int(month_text)
    year_text = m.group("year")
    try:
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            return date(year, month, int(m.group("day")))
        found = date(now.year, month, int(m.group("day")))
        return found if found >= now else date(now.year + 1, month, int(m.group("day")))
    except (TypeError, ValueError):
        return None


_NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}


def _lead_days(ctx: RuleContext, phrase: str) -> int | None:
    """Roughly how many days "ten weeks" or "three days" is; None when it is long (months)."""
    words = phrase.lower().split()
    count, unit = words[0], words[-1]
    if unit.startswith("month"):
        return None
    per = 7 if unit.startswith("week") else 1
    if count.isdigit():
        return int(count) * per
    if count in _NUMBER_WORDS:  # "within the next ten days"
        return _NUMBER_WORDS[count] * per
    return per * 3 if count in _sets(ctx, "short_counts") else SHORT_NOTICE_DAYS * 2


def _clause_before(text: str, at: int) -> str:
    """The clause of ``text`` that ends at ``at``: from the last ";" or ", and", ", but",
    ", so" (or the start) on."""
    cut = max((m.end() for m in re.finditer(r";|,\s+(?:and|but|so)\s", text[:at])), default=0)
    return text[cut:at]


def _deadline_problems(ctx: RuleContext, sentence) -> list[str]:
    """Why this sentence's deadline is short notice (empty when it is not)."""
    prose = ctx.analysis.document.prose[sentence.start : sentence.end]
    lowered = prose.lower()
    now = written_on(ctx)
    reasons: list[str] = []
    soon = [t.lower() for t in sentence.cues.get("email.soon", [])]
    patterns = _date_patterns(ctx)
    promises = _sets(ctx, "own_promise")
    order = _date_order(ctx.analysis.document.prose)
    for hit in sentence.cues.get("email.deadline", []):
        at = lowered.find(hit.lower())
        if at < 0 or _has_phrase(_clause_before(lowered, at), promises):
            continue  # "... and I will make sure they reach you by the end of this week"
        if hit.lower().endswith(("from now", "from today")):
            continue  # "thirteen weeks from today (June 1)": as far as its count (lead_time)
        window = lowered[at : at + len(hit) + 30]
        dated = False
        for pattern, months in patterns:
            m = pattern.search(prose, at)
            if m is None or m.start() > at + len(hit) + 2:  # "by Friday, August 20"
                continue
            readings = _readings(m, months, now, order)
            if not readings:
                continue
            dated = True
            # a date that may be read two ways is short notice only if it is either way
            days = max((when - now).days for when in readings)
            if days < 0:
                reasons.append(f"{m.group()!r} has already passed")
            elif days < SHORT_NOTICE_DAYS:
                reasons.append(f"{m.group()!r} is {days} days away")
            break
        if not dated:
            # "by Friday", "this week": short by themselves; "by Friday, August 20, 2027" is
            # as far as its date
            reasons += [f"{hit!r}" for t in soon if t in window][:1]
    for phrase in sentence.cues.get("email.lead_time", []):
        days = _lead_days(ctx, phrase)
        if days is not None and days < SHORT_NOTICE_DAYS:
            reasons.append(f"{phrase!r}")
    return reasons


@rule(
    "short-notice",
    "warning",
    "The letter is needed in less than about four weeks (tomorrow, by Friday, a date this month).",
    guide='"Ask for honest, strong letters, not just polite ones": a strong, specific letter '
    'takes a busy clinician time, and letters must be uploaded for "ERAS on opening day". Ask '
    "early; at short notice, say so and offer the writer a later date.",
    good="I hope to have all letters uploaded by August 15, 2027, about ten weeks from now.",
    bad="The letter would need to be uploaded by tomorrow evening.",
    kinds=(LETTER,),
)
def short_notice(r: Rule, ctx: RuleContext) -> list[Finding]:
    body = body_sentences(ctx)
    acknowledged = bool(_with(body, "email.notice_acknowledged")) and bool(
        _with(body, "email.offers_later_date")
    )
    findings = []
    for s in _with(body, "email.deadline"):
        if "email.reply_due" in s.cues and "email.letter_due" not in s.cues:
            continue  # "I expect a reply by the end of this week": an answer, not the letter
        reasons = _deadline_problems(ctx, s)
        if not reasons:
            continue
        if acknowledged:
            # The drafted letter at short notice says so and offers the writer another date:
            # the courtesy the guide asks for is there, so this is advice, not a warning.
            finding = ctx.at_sentence(
                r,
                s,
                f"short notice ({'; '.join(reasons)}), which the letter acknowledges and offers a "
                "later date: send it today, and follow up politely",
            )
            finding.severity = "info"
        else:
            finding = ctx.at_sentence(
                r,
                s,
                f"short notice ({'; '.join(reasons)}): writers need several weeks for a strong "
                "letter; ask for a date at least four weeks away, or acknowledge the short "
                "notice and offer a later date",
            )
        findings.append(finding)
    return findings


@rule(
    "demanding-tone",
    "warning",
    "The request orders the writer ('you must', 'I expect you to', 'make sure', 'without fail').",
    guide='"Ask for honest, strong letters": a letter is a favour the writer may decline. The '
    "guide's own phrasing is a question: \"Would you feel comfortable writing a strong letter "
    '...?"',
    good="Would you feel comfortable writing a strong letter? If not, I completely understand.",
    bad="You must upload it by August 25, and I expect you to mention my ventilator work.",
    kinds=(LETTER, "reminder", "feedback-request", "observership-request"),
)
def demanding_tone(r: Rule, ctx: RuleContext) -> list[Finding]:
    return [
        ctx.at_sentence(
            r,
            s,
            f"this reads as an order ({_cue_text(s, 'email.demand')}): ask, and leave the writer "
            "room to decline",
        )
        for s in _with(body_sentences(ctx), "email.demand")
        if not _only_a_guess(ctx, s)
    ]


def _only_a_guess(ctx: RuleContext, sentence) -> bool:
    """The sentence's only demand is a "you must" that guesses or releases: "I know you
    must get many requests", "you must be very busy", "please do not feel you must write
    it before July" (``guess_openers``, ``guess_verbs``)."""
    if any(hit.lower() != "you must" for hit in sentence.cues["email.demand"]):
        return False
    text = sentence.text.lower()
    openers = _sets(ctx, "guess_openers")
    verbs = _sets(ctx, "guess_verbs")
    musts = list(
        re.finditer(r"\byou\s+must\b(?:\s+(?:not|also|surely|already))?\s*([a-z']*)", text)
    )
    return bool(musts) and all(
        m.group(1) in verbs or _has_phrase(text[: m.start()], openers) for m in musts
    )


@rule(
    "asks-to-exaggerate",
    "error",
    "The request asks the writer to say more than they saw.",
    guide='"Ask for honest, strong letters, not just polite ones." Program directors look for '
    '"strong, specific clinical recommendations" from those who "directly observed you".',
    good="Would you be willing to write a strong, honest letter about what you saw of my "
    "clinical work?",
    bad="Could you say that I was the best student you have ever supervised, even if you did not "
    "see that yourself?",
    kinds=LETTER_LIKE,
)
def asks_to_exaggerate(r: Rule, ctx: RuleContext) -> list[Finding]:
    findings = []
    body = body_sentences(ctx)
    for i, s in enumerate(body):
        # what the request asks the letter to claim, against what the applicant says they
        # did not do, here, in the sentence before or after, or earlier in its paragraph
        near = body[max(0, i - 1) : i + 2] + [x for x in body[:i] if x.paragraph == s.paragraph]
        limited = [x for x in near if "email.limited_role" in x.cues]
        if "email.exaggerate" in s.cues or (
            "email.claim_request" in s.cues and ("email.superlative" in s.cues or limited)
        ):
            shown = (
                s.cues.get("email.exaggerate")
                or s.cues.get("email.superlative")
                or limited[0].cues["email.limited_role"]
            )
            findings.append(
                ctx.at_sentence(
                    r,
                    s,
                    f"this asks the writer to overstate ({', '.join(map(repr, shown[:2]))}): ask "
                    "only for an honest letter about what they saw",
                )
            )
    return findings


@rule(
    "ghostwritten-letter",
    "error",
    "The request offers a ready-made letter for the writer to sign.",
    guide='"Ask for honest, strong letters, not just polite ones"; programs want "strong, '
    'specific clinical recommendations" in the writer\'s own words, from someone who "directly '
    'observed you".',
    good="I would be glad to send my CV, personal statement and the ERAS letter request form.",
    bad="I have already written the letter for you; you only need to sign it on your letterhead.",
    kinds=LETTER_LIKE,
)
def ghostwritten_letter(r: Rule, ctx: RuleContext) -> list[Finding]:
    return [
        ctx.at_sentence(
            r,
            s,
            f"a letter you wrote for the writer to sign ({_cue_text(s, 'email.ghostwritten')}) is "
            "not their letter: offer your CV and statement instead",
        )
        for s in _with(body_sentences(ctx), "email.ghostwritten")
    ]


__all__ = [
    "DEFENSIVE_KINDS",
    "EMAIL_KINDS",
    "defended_scores",
    "MAX_INTEREST_WORDS",
    "SHORT_NOTICE_DAYS",
    "parts",
    "today",
    "today_is",
]
