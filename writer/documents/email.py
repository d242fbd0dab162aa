"""Email drafts: the header block at the top, and what kind of message this is.

A message drafted by ``stmt draft`` (or pasted from a mail client) starts with
``To:``, ``Cc:`` and ``Subject:`` lines and a blank line. A program director
reads the body, not the headers, so the header block is blanked in the prose
view (offsets still slice the original) and kept in ``Document.headers`` for
the rules that read it (``mass-email`` counts the programs in To and Cc).

``detect_kind`` names the message a draft clearly is (a letter request asks a
writer for a letter of recommendation; an interest email tells a program the
applicant applied), or None: then the draft is checked as a statement. The
phrases it looks for are data, in ``lexicons/email.toml`` (the ``detect_*``
sets); this module holds only the mechanism, and it never loads spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: The header names recognised at the top of a draft (case-insensitive).
HEADER_NAMES = (
    "to",
    "cc",
    "bcc",
    "from",
    "subject",
    "date",
    "reply-to",
    # what a mail client saves with a message ("Message-ID:", "MIME-Version:", Outlook's "Sent:")
    "sent",
    "sender",
    "message-id",
    "in-reply-to",
    "references",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "content-language",
    "importance",
    "priority",
    "user-agent",
    "thread-topic",
    "thread-index",
    "return-path",
    "delivered-to",
)


def is_header_name(name: str) -> bool:
    """A header a message may carry: one of ``HEADER_NAMES`` or an "X-" extension
    ("X-Mailer:", "X-Priority:")."""
    name = name.lower()
    return name in HEADER_NAMES or name.startswith("x-")


_HEADER_LINE = re.compile(r"(?P<name>[A-Za-z][A-Za-z-]*)[ \t]*:[ \t]*(?P<value>.*)")
_ADDRESS = re.compile(r"[\w.+'-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)")


@dataclass(frozen=True)
class HeaderField:
    """One header line (with its continuation lines): name as written, value, offsets."""

    name: str
    value: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class HeaderBlock:
    """The header lines at the top of a draft; ``end`` is where the body may begin."""

    fields: tuple[HeaderField, ...] = ()
    end: int = 0
    #: the body starts after a form or a title, not right after headers (``_preamble``)
    preamble: bool = False

    def as_dict(self) -> dict[str, str]:
        """Canonical names ("To", "Cc", "Subject"); repeated headers are joined with ", "."""
        out: dict[str, str] = {}
        for f in self.fields:
            name = _canonical(f.key)
            out[name] = f"{out[name]}, {f.value}" if name in out else f.value
        return out

    def get(self, key: str) -> list[HeaderField]:
        return [f for f in self.fields if f.key == key.lower()]


@dataclass(frozen=True)
class Recipient:
    """One address in To/Cc/Bcc, with the header it came from."""

    header: str
    text: str
    domain: str | None


def _canonical(key: str) -> str:
    return {"cc": "Cc", "bcc": "Bcc", "reply-to": "Reply-To"}.get(key, key.capitalize())


def parse_headers(text: str) -> HeaderBlock:
    """The header block at the very top of ``text`` (leading blank lines allowed).

    Header lines are ``Name: value`` with a recognised name; a line starting
    with whitespace continues the previous header (long Cc lists wrap). The
    block ends at the first blank line, or at the first line that is neither a
    header nor a continuation (a draft that forgot the blank line).
    """
    fields: list[HeaderField] = []
    end = 0
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        line = match.group()
        if not line:
            break
        body = line.rstrip("\r\n")
        if not body.strip():
            if fields:
                break
            continue
        if fields and body[:1] in (" ", "\t"):
            last = fields[-1]
            fields[-1] = HeaderField(
                last.name,
                f"{last.value} {body.strip()}".strip(),
                last.start,
                match.start() + len(body),
            )
            end = match.end()
            continue
        header = _HEADER_LINE.fullmatch(body)
        if header is None or not is_header_name(header.group("name")):
            break
        fields.append(
            HeaderField(
                header.group("name"),
                header.group("value").strip(),
                match.start(),
                match.start() + len(body),
            )
        )
        end = match.end()
    return _preamble(text, HeaderBlock(tuple(fields), end if fields else 0))


#: "AAMC ID: 16204831", "Phone (optional):", "Statement of purpose / message to the department:"
_FORM_FIELD = re.compile(r"(?P<label>[A-Za-z][\w ./()&'#-]{0,60}?)[ \t]*:(?:[ \t]+(?P<value>.*))?")
FORM_FIELD_WORDS = 8
TITLE_LINE_WORDS = 12
PREAMBLE_LINES = 30
#: A form field whose label ends with one of these, left empty, is followed by the message.
_MESSAGE_LABELS = frozenset(
    "message comments comment question questions inquiry enquiry details text body".split()
)


def _preamble(text: str, block: HeaderBlock) -> HeaderBlock:
    """``block`` extended over what a web form, a portal or a notes app puts above the
    message: field lines ("Name: ...", "AAMC ID: ...", "Message:"), short title lines
    ("Thalamus | Messages", "Draft - email to Dr. Patel (letter)") and blank lines, up
    to the salutation (or after a "Message:" field). Header fields among them ("to:",
    "subject:") join the block. The reader reads the message, not the form, so the
    preamble is blanked like headers. With no salutation within ``PREAMBLE_LINES``
    lines, or a line of prose before it, there is no preamble and ``block`` is returned."""
    extra: list[HeaderField] = []
    seen = 0
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text[block.end :]):
        line = match.group()
        if not line or seen > PREAMBLE_LINES:
            break
        body = line.rstrip("\r\n")
        start = block.end + match.start()
        if not body.strip():
            continue
        if is_salutation(body):
            if not seen:
                break
            return HeaderBlock(block.fields + tuple(extra), start, preamble=True)
        seen += 1
        field = _FORM_FIELD.fullmatch(body.strip())
        if field and len(field.group("label").split()) <= FORM_FIELD_WORDS:
            label, value = field.group("label").lower(), (field.group("value") or "").strip()
            if label in HEADER_NAMES and value:
                at = start + body.index(field.group("label"))
                extra.append(HeaderField(field.group("label"), value, at, start + len(body)))
            if not value and label.split()[-1] in _MESSAGE_LABELS:
                return HeaderBlock(block.fields + tuple(extra), start + len(line), preamble=True)
            continue
        if len(body.split()) <= TITLE_LINE_WORDS and not body.rstrip().endswith((".", "!", "?")):
            continue
        break
    return block


def blank_headers(prose: str, block: HeaderBlock) -> str:
    """``prose`` with the header block blanked; line breaks are kept, so offsets hold."""
    if not block.end:
        return prose
    head = re.sub(r"[^\n]", " ", prose[: block.end])
    return head + prose[block.end :]


_WROTE = re.compile(r"\bwrote:\s*$", re.IGNORECASE)
_EARLIER_MESSAGE = re.compile(
    r"^\s*-{2,}\s*(original message|forwarded message)\s*-{2,}", re.IGNORECASE
)


#: A line drawn across: the rule a mail client puts above the earlier message.
_RULE_LINE = re.compile(r"\s*(_{8,}|-{8,})\s*$")


def _outlook_header(lines: list[str], i: int) -> bool:
    """An earlier message as Outlook pastes it below a reply, with no ">" marks: a "From:"
    line followed within four lines by "Sent:" or "Date:"."""
    if not re.match(r"\s*from:\s*\S", lines[i], re.IGNORECASE):
        return False
    return any(
        re.match(r"\s*(sent|date):\s*\S", line, re.IGNORECASE) for line in lines[i + 1 : i + 5]
    )


def blank_quoted(prose: str, text: str | None = None) -> str:
    """``prose`` with an earlier message quoted in a reply blanked: lines that start with
    ">", the "On May 3, 2027, Dr. Li wrote:" line (or two) above them, and everything
    from an "-----Original Message-----" or "---------- Forwarded message ---------" line
    or an Outlook "From: ... Sent: ..." block on. They are the other person's words: "You
    must send me your CV" in the quote is not the sender's tone. The lines are found in
    ``text`` (the draft as written, by default ``prose`` itself), which ``prose`` mirrors
    offset for offset; line breaks are kept, so offsets hold."""
    text = prose if text is None else text
    lines = text.split("\n")
    blank = [False] * len(lines)
    # the message's own header block ("From: ... Date: ..." at the top, as a mail client
    # saves it) is not an earlier message pasted below a reply
    own = text[: parse_headers(text).end].count("\n")
    for i, line in enumerate(lines):
        if i < own:
            continue
        if _EARLIER_MESSAGE.match(line) or _outlook_header(lines, i):
            above = i - 1
            while above >= own and not lines[above].strip():
                above -= 1
            if above >= own and _RULE_LINE.match(lines[above]):
                i = above  # Outlook's "________________________________" above "From:"
            blank[i:] = [True] * (len(lines) - i)
            break
        if line.lstrip().startswith(">"):
            blank[i] = True
            above = i - 1
            while above >= 0 and not lines[above].strip():
                above -= 1
            # the attribution: "On ..., X wrote:", which a mail client may wrap in two
            if above >= 0 and not blank[above] and _WROTE.search(lines[above]):
                blank[above] = True
                if above >= 1 and lines[above - 1].lstrip().lower().startswith("on "):
                    blank[above - 1] = True
    if not any(blank):
        return prose
    chars, offset = list(prose), 0
    for line, gone in zip(lines, blank, strict=True):
        if gone:
            for i in range(offset, offset + len(line)):
                if not chars[i].isspace():
                    chars[i] = " "
        offset += len(line) + 1
    return "".join(chars)


#: Placeholders no name or bracket test needs: a date left as a mask ("XX/XX/2027") and an
#: empty box ("[ ]"). Shared by the unfilled-placeholder rule and ``stmt draft``'s check.
MASKED_PLACEHOLDER = r"\b[Xx]{2}[/.-][Xx]{2}(?:[/.-](?:\d{2,4}|[Xx]{2,4}))?\b|\[\s*\]"
#: A mail-merge field in double angle brackets ("Dr. <<faculty name>>"), in both as well.
MERGE_FIELD = r"<<[^<>\n]{1,60}>>"


def initials_of_name_before(text: str, at: int, inner: str) -> bool:
    """ "Adaeze Okafor, MBBS [AO]": ``inner`` (bracketed at ``at``) is the initials of the
    name before it on the same line, a sign-off, not a placeholder."""
    inner = inner.strip()
    if not (2 <= len(inner) <= 4 and inner.isalpha() and inner.isupper()):
        return False
    line = text[text.rfind("\n", 0, at) + 1 : at]
    names = re.findall(r"\b[A-Z][a-z]+", line)
    return any(
        "".join(n[0] for n in names[i : i + len(inner)]) == inner
        for i in range(len(names) - len(inner) + 1)
    )


def recipients(block: HeaderBlock) -> list[Recipient]:
    """Every address in To, Cc and Bcc, in order."""
    out = []
    for f in block.fields:
        if f.key not in ("to", "cc", "bcc"):
            continue
        for part in _split_addresses(f.value):
            part = part.strip()
            if not part:
                continue
            address = _ADDRESS.search(part)
            out.append(
                Recipient(
                    _canonical(f.key), part, address.group("domain").lower() if address else None
                )
            )
    return out


def _split_addresses(value: str) -> list[str]:
    """Split at commas and semicolons outside quotes and angle brackets ("Khalil, MBBS" <...>),
    keeping an unquoted name together with its degrees (Harold Lindqvist, MD <h@x.org>) and,
    where no address is given (a portal's "To:" line), with its role."""
    parts = _split_outside_quotes(value)
    merged: list[str] = []
    for part in parts:
        first = part.strip().split(" ", 1)[0].strip(".,").lower() if part.strip() else ""
        if (
            merged
            and "@" not in merged[-1]
            and (
                first in _DEGREES
                # "Dr. Jonathan Reyes, Program Director": with no address on either side, a
                # part that does not start with a title is the same person's role
                or ("@" not in part and part.strip() and first not in _TITLES)
                # "Hayes, Robert <rhayes@x.edu>": Outlook's "Last, First" before one address
                or (_SURNAME.fullmatch(merged[-1].strip()) and _NAMED_ADDRESS.match(part))
            )
        ):
            merged[-1] += "," + part
        else:
            merged.append(part)
    return merged


#: One unquoted word: the surname of Outlook's "Last, First <address>".
_SURNAME = re.compile(r"[A-Z][\w'-]*")
#: A display name with no comma of its own, then the address: " Robert <rhayes@x.edu>".
_NAMED_ADDRESS = re.compile(r"\s*[A-Z][^,<@]*<[^<>@\s]+@[^<>\s]+>\s*$")
_TITLES = {"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "dean"}
_DEGREES = {
    "md", "m.d", "do", "d.o", "phd", "ph.d", "mbbs", "mbchb", "mbbch", "frca", "frcpc", "mph",
    "ms", "msc", "mba", "fasa", "fccm", "faap", "facs", "jr", "sr", "ii", "iii", "rn", "crna",
}  # fmt: skip


def _split_outside_quotes(value: str) -> list[str]:
    parts, current, quoted, angled = [], [], False, False
    for ch in value:
        if ch == '"':
            quoted = not quoted
        elif ch == "<" and not quoted:
            angled = True
        elif ch == ">" and not quoted:
            angled = False
        elif ch in ",;" and not quoted and not angled:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return parts


# -- what kind of message is this? ------------------------------------------------


@lru_cache(maxsize=1)
def _detection_sets() -> dict[str, frozenset[str]]:
    """The shipped ``detect_*`` phrase sets of lexicons/email.toml."""
    from writer.nlp.lexicon import load_lexicons  # TOML only: no spaCy

    lexicon = load_lexicons().get("email")
    return dict(lexicon.sets) if lexicon is not None else {}


def _phrase(p: str) -> str:
    """A regex for ``p`` as whole words."""
    return rf"(?<![\w]){re.escape(p)}(?![\w])"


def _without(text: str, phrases: frozenset[str]) -> str:
    """``text`` with each of ``phrases`` read as "form"."""
    for p in sorted(phrases, key=len, reverse=True):
        text = re.sub(_phrase(p), "form", text)
    return text


def _has_phrase(text: str, phrases: frozenset[str]) -> bool:
    return any(re.search(_phrase(p), text) for p in phrases)


#: Words whose full stop does not end a sentence ("St. Luke's", "Dr. Rao").
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms st mt prof jr sr vs no nos dept univ hosp approx e.g i.e u.s etc".split()
)


def _clauses(text: str) -> list[str]:
    """``text`` cut into sentences (roughly) and paragraphs, never after an abbreviation
    or an initial ("submitted my application to St. Luke's Anesthesiology Residency")."""
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?])\s+|\n\s*\n", text):
        before = text[start : m.start()].rsplit(None, 1)
        word = before[-1].lower().rstrip(".") if before else ""
        if (
            text[m.start() - 1] == "."
            and (word.lstrip("(\"'") in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))
            and "\n\n" not in m.group().replace(" ", "")
        ):
            continue
        out.append(text[start : m.start()])
        start = m.end()
    out.append(text[start:])
    return [c for c in out if c.strip()]


def looks_like_email(body: str, block: HeaderBlock) -> bool:
    """A header block with To or Subject, a form above the message, or a first line
    that is a salutation."""
    if block.get("to") or block.get("subject") or block.preamble:
        return True
    return is_salutation(body.strip().split("\n", 1)[0])


def is_salutation(line: str) -> bool:
    """``line`` greets the reader: "Dear Dr. Patel,", "Good day, Dr. Okonkwo!"."""
    first = line.strip().lower()
    words = first.split()
    openers = _detection_sets().get("detect_salutation", frozenset())
    if not words:
        return False
    if words[0].strip(",:!") in openers and len(words) > 1 and words[1].strip(".,!") in _TITLES:
        return True  # "hey dr whitaker!! its Brian ..." on one line, as a phone sends it
    return len(words) <= 10 and (words[0].strip(",:!") in openers or _has_phrase(first, openers))


def detect_kind(text: str, block: HeaderBlock | None = None) -> str | None:
    """The message kind ``text`` clearly is, or None (check it as a statement).

    Only drafts that look like email are considered. The order matters: a
    reminder and a feedback request also mention letters, so they are
    recognised first; a letter request asks for a letter in one sentence; an
    interest email says the applicant applied to, or is interested in, a program.
    """
    block = block if block is not None else parse_headers(text)
    body = blank_quoted(text[block.end :])  # a reply's quoted message is not this one
    if not looks_like_email(body, block):
        return None
    sets = _detection_sets()
    subject = " ".join(f.value for f in block.get("subject")).lower()
    lowered = body.lower()
    clauses = _clauses(lowered)

    def together(a: str, b: str, unless: str = "", within=None) -> bool:
        return any(
            _has_phrase(c, sets.get(a, frozenset()))
            and _has_phrase(c, sets.get(b, frozenset()))
            and not (unless and _has_phrase(c, sets.get(unless, frozenset())))
            for c in (within or clauses)
        )

    paperwork = sets.get("detect_letter_paperwork", frozenset())
    # the clauses with the letter's paperwork read as "the form" ("to remind you", beside
    # "the ERAS Letter Request Form", says nothing of the letter itself)
    unpapered = [_without(c, paperwork) for c in clauses]

    # "Re: Following up after your observership" is the other person's subject: the
    # reply is read by its own words
    replying = bool(re.match(r"\s*(re|aw|sv)\s*:", subject))
    if replying:
        subject = ""
    letter = sets.get("detect_letter", frozenset())
    # "... and a letter from my head of department upon your request" offers, asks nothing
    offers = sets.get("detect_on_request", frozenset())
    asks_for_letter = together(
        "detect_letter",
        "detect_ask",
        unless="detect_arranged",
        within=[_without(c, offers) for c in clauses],
    )
    agreed = together("detect_agreed", "detect_letter")
    if asks_for_letter and _has_phrase(lowered, sets.get("detect_first_written", frozenset())):
        return "letter-request"
    if (
        together("detect_reminder", "detect_letter", within=unpapered)
        # "Thank you again for agreeing to write a letter ... This is a gentle reminder."
        or (agreed and _has_phrase(lowered, sets.get("detect_reminder", frozenset())))
        or (
            _has_phrase(subject, sets.get("detect_reminder", frozenset()))
            and _has_phrase(subject + " " + lowered, letter)
        )
        or (agreed and asks_for_letter)
    ):
        return "reminder"
    if _has_phrase(lowered, sets.get("detect_unmatched", frozenset())) and _has_phrase(
        subject + " " + lowered, sets.get("detect_feedback", frozenset())
    ):
        return "feedback-request"
    if _has_phrase(subject + " " + lowered, sets.get("detect_update", frozenset())):
        return "interest-email"
    thanks_subject = _has_phrase(subject, sets.get("detect_thanks", frozenset()))
    if asks_for_letter or (
        # "Letter of recommendation - anesthesiology", not "Thank you for the letter"
        not thanks_subject and _has_phrase(subject, letter) and _has_phrase(lowered, letter)
    ):
        return "letter-request"
    # "Subject: Interest in Lakeshore Medical Center Anesthesiology Residency"
    interest = together("detect_program", "detect_interest") or all(
        _has_phrase(subject, sets.get(k, frozenset()))
        for k in ("detect_program", "detect_interest")
    )
    subject_applied = _has_phrase(subject, sets.get("detect_applied", frozenset()))
    if _has_phrase(lowered, sets.get("detect_thanks_interview", frozenset())) or (
        # "Thank you, and my application to the Northfield residency": a past observer
        # thanks the program and tells it they applied, which is an interest email; under
        # "Thank you for the observership" alone, the thanks is the message, whatever the
        # body adds about the application
        thanks_subject and (not together("detect_program", "detect_applied") or not subject_applied)
    ):
        return "thank-you"
    observership = sets.get("detect_observership", frozenset())
    if (
        _has_phrase(subject, sets.get("detect_observership_subject_ask", frozenset()))
        or together("detect_observership", "detect_ask", unless="detect_thanks_opening")
        or together("detect_observership", "detect_observership_ask")
        or together("detect_observe_verb", "detect_observership_ask")
        # "I would be grateful for the chance to observe on your regional anesthesia service"
        or together("detect_observe_to", "detect_ask", unless="detect_thanks_opening")
    ) or (
        # "Interest in Baystate Anesthesiology - observership in obstetric anesthesia", from
        # someone who applied there, tells of a past observership: an interest email
        not interest
        and _has_phrase(subject, sets.get("detect_observership_subject", frozenset()))
        and _has_phrase(lowered, observership)
    ):
        return "observership-request"
    if _opens_with_thanks(clauses, sets) and not _has_phrase(
        subject, sets.get("detect_applied", frozenset())
    ):
        # "Thank you very much for the four weeks I spent observing with you": a thank-you,
        # whatever it goes on to say about an application, unless the subject names the
        # application ("Thank you, and my application to the Northfield residency")
        return "thank-you"
    if interest:
        return "interest-email"
    if _opens_with_thanks(clauses, sets, for_a_message=True) or any(
        _has_phrase(c, sets.get("detect_thanks_opening", frozenset())) for c in clauses
    ):
        # "Thank you for your reply of May 28, and for explaining that ...", or "I got home
        # on Saturday, and I wanted to thank you for the four weeks", and nothing asked or
        # announced: the thanks is the message
        return "thank-you"
    return None


def _opens_with_thanks(
    clauses: list[str], sets: dict[str, frozenset[str]], for_a_message: bool = False
) -> bool:
    """The message's first sentence, after the salutation and any "I hope you are well",
    thanks the reader for something they gave, not for a message ("Thank you for your
    kind reply" opens a reply to whatever it was about), or, ``for_a_message``, for
    anything."""
    pleasantries = sets.get("detect_pleasantry", frozenset())
    if not for_a_message and any(
        _has_phrase(c, sets.get("detect_introduction", frozenset())) for c in clauses[:4]
    ):
        return False  # "Thank you for the open house. I am Dr. Mariana Costa, ...": a stranger
    for clause in clauses:
        clause = clause.strip()
        if is_salutation(clause) or _has_phrase(clause[:40], pleasantries):
            continue
        opening = clause[:60]
        return any(clause.startswith(t) for t in sets.get("detect_thanks_opening", ())) and (
            for_a_message or not _has_phrase(opening, sets.get("detect_thanks_reply", frozenset()))
        )
    return False


__all__ = [
    "HEADER_NAMES",
    "HeaderBlock",
    "HeaderField",
    "Recipient",
    "blank_headers",
    "detect_kind",
    "MASKED_PLACEHOLDER",
    "initials_of_name_before",
    "is_salutation",
    "looks_like_email",
    "parse_headers",
    "recipients",
]
