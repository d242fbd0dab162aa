"""Rules for the personal statement.

Guide, "Tailoring Your Personal Statement for Anesthesiology With Low Scores"
and FAQ 4, "Should I mention my low scores directly in my personal statement?"
"""

from __future__ import annotations

import re

from writer.rules.base import Finding, Rule, RuleContext, rule

ERAS_CHARACTER_LIMIT = 28_000
ONE_PAGE_WORDS = 850
MAX_EXAM_SENTENCES = 3
EPIGRAPH_WORDS = 30  # a quotation or title this short, alone in the first paragraph

_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019-][A-Za-z0-9\u00C0-\u024F]+)*")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


# -- the score -------------------------------------------------------------------


@rule(
    "score-not-addressed",
    "error",
    "The profile has a red flag (a failed or low Step score) and no sentence addresses the exams.",
    guide='FAQ 4: "Yes, but briefly and strategically. Avoid ignoring a clear red flag; program '
    "directors will notice. Use 2-3 sentences to: Acknowledge the score. Take responsibility "
    'without overexplaining or blaming. Emphasize what changed afterward."',
    good="I did not pass Step 1 on my first attempt. I rebuilt my preparation around daily "
    "questions and faculty feedback, and scored 238 on Step 2 CK.",
    bad="(a statement that never mentions the failed Step 1 the program director can see on the application)",
)
def score_not_addressed(r: Rule, ctx: RuleContext) -> list[Finding]:
    if any(_addresses_result(ctx, s) for s in ctx.tagged("exam")):
        return []
    if ctx.profile is None:
        return [
            ctx.at_document(
                r,
                "no sentence addresses your exam scores; if you have a failed or low Step score, "
                "acknowledge it in 2-3 sentences (pass --profile to check against your scores)",
                severity="info",
            )
        ]
    flags = ctx.profile.red_flags()
    if not flags:
        return []
    return [
        ctx.at_document(
            r,
            f"your profile has a red flag ({'; '.join(flags)}) and no sentence addresses it: "
            "acknowledge it in 2-3 sentences, take responsibility, and show what changed",
        )
    ]


def _addresses_result(ctx: RuleContext, sentence) -> bool:
    """An exam sentence that speaks of the result: an exam's name ("Step 1", "the USMLE"),
    a score, or a result word ("failed", "my first attempt"); preparation alone ("while I
    prepared for the exams") addresses nothing."""
    if "exam.score_number" in sentence.cues:
        return True
    lexicon = ctx.lexicons.get("exam")
    sets = lexicon.sets if lexicon else {}
    words = set(re.findall(r"[a-z]+", sentence.text.lower()))
    if not sets.get("result_words", frozenset()).isdisjoint(words):
        return True
    # the exam named, unless only as what is being prepared for ("preparing for Step 3")
    return "exam.exam_name" in sentence.cues and sets.get(
        "preparation_words", frozenset()
    ).isdisjoint(words)


@rule(
    "score-overemphasized",
    "warning",
    "More than three sentences are about exam scores.",
    guide='"Address - but not obsess over - your low Step scores." "Scores and growth: Briefly '
    'acknowledge low Step score: 2-3 sentences maximum." FAQ 4: "The bulk of your personal '
    "statement should still be about your motivation for anesthesiology, your clinical strengths, "
    'and your future goals - not just your exam history."',
    good="Two or three sentences on the score, then back to patients and anesthesia.",
    bad="A paragraph walking through Step 1, each NBME practice test, the retake and the study schedule.",
)
def score_overemphasized(r: Rule, ctx: RuleContext) -> list[Finding]:
    exam = ctx.tagged("exam")
    if len(exam) <= MAX_EXAM_SENTENCES:
        return []
    first_extra = exam[MAX_EXAM_SENTENCES]
    return [
        ctx.at_sentence(
            r,
            first_extra,
            f"{len(exam)} sentences are about exams (the guide says 2-3 at most): keep the "
            "acknowledgement, the lesson and the improvement, cut the rest",
        )
    ]


_REFRAME = (
    'state the fact, then what you did about it: "I underestimated X; I changed Y; my Step 2 CK / '
    'clinical evaluations show Z."'
)


@rule(
    "blame",
    "error",
    "A sentence moves responsibility for a setback onto others, circumstances or the exam, or pities yourself.",
    guide='"Never blame others, life events, or the exam system; focus on ownership and improvement." '
    'Interviews: "Insight, not excuses. Growth, not self-pity."',
    good="I underestimated the shift to systems-based study and did not seek practice testing early.",
    bad="Due to circumstances beyond my control and a curriculum that did not prepare us, my Step 1 "
    "score does not reflect my ability.",
    # Emails too: a letter request, an interest or feedback email is no place for excuses either.
    kinds=(
        "statement",
        "interest-email",
        "letter-request",
        "observership-request",
        "thank-you",
        "feedback-request",
        "reminder",
    ),
)
def blame(r: Rule, ctx: RuleContext) -> list[Finding]:
    from writer.rules.email import (
        defended_scores,
    )  # an email's score defence is reported once, there

    defended = {s.start for s in defended_scores(ctx, with_defences=True)}
    return [
        ctx.at_sentence(
            r,
            s,
            "this reads as blame or an excuse ("
            + "; ".join(s.evidence.get("blame", [])[:2])
            + "): take ownership instead",
            suggestion=_REFRAME,
        )
        for s in ctx.tagged("blame")
        if s.start not in defended
    ]


# -- the story -------------------------------------------------------------------


@rule(
    "no-anesthesia-anecdote",
    "warning",
    "No concrete anesthesia, perioperative or critical-care scene anywhere in the statement.",
    guide='"Opening: A specific anesthesiology-related story (intubation in the ED, OR crisis, ICU '
    'resuscitation) that changed your perspective." "Journey: How your clinical experiences, '
    'especially in perioperative and critical care, solidified your interest."',
    good="At 3 a.m. the 62-year-old desaturated to 78% during induction; the attending handed me the bag.",
    bad="Anesthesiology combines physiology, pharmacology and calm decision-making.",
)
def no_anesthesia_anecdote(r: Rule, ctx: RuleContext) -> list[Finding]:
    if ctx.tagged("anecdote"):
        return []
    return [
        ctx.at_document(
            r,
            "no anesthesia, OR or ICU scene: tell one specific story (a patient, an airway, a crisis) that shaped you",
        )
    ]


def _quote_marks(ctx: RuleContext) -> frozenset[str]:
    lexicon = ctx.lexicons.get("opening")
    return lexicon.sets.get("quote_marks", frozenset()) if lexicon else frozenset()


TITLE_WORDS = 12  # a first paragraph this short, with no sentence end, is a title (HEADING_WORDS)
_SENTENCE_END = ".!?\"'\u201d"  # how a paragraph of prose ends (a quotation's close included)


#: What makes a line a moment of a story: it happened ("arrived"), then, to someone.
_STORY_CUES = ("anecdote.narrative", "anecdote.particular", "anecdote.scene")


def _first_paragraph(sentences: list) -> tuple[list, str]:
    """The sentences of the first paragraph among ``sentences``, and its text."""
    first = sentences[0].paragraph
    paragraph = [s for s in sentences if s.paragraph == first]
    return paragraph, " ".join(s.text for s in paragraph).strip()


def _after_titles(ctx: RuleContext) -> list:
    """The sentences from the first paragraph that is not a title line on: "My Path to
    Anesthesiology" or "PERSONAL STATEMENT - ANESTHESIOLOGY" above the statement is
    not its opening (a quotation is, whatever its length)."""
    sentences = ctx.sentences
    quote_marks = _quote_marks(ctx)
    while sentences:
        paragraph, text = _first_paragraph(sentences)
        later = len(paragraph) < len(sentences)
        title = (
            later
            and "\n" not in text
            and count_words(text) <= TITLE_WORDS
            and text[:1] not in quote_marks
            and text[-1:] not in _SENTENCE_END + ":"
        )
        if not title:
            break
        sentences = sentences[len(paragraph) :]
    return sentences


def _first_sentence(ctx: RuleContext):
    sentences = _after_titles(ctx)
    return sentences[0] if sentences else None


@rule(
    "generic-opening",
    "warning",
    "The statement opens with a quotation, a dictionary definition, a childhood dream or a rhetorical question.",
    guide='"Opening: A specific anesthesiology-related story (intubation in the ED, OR crisis, ICU '
    'resuscitation) that changed your perspective."',
    good="The monitor's tone dropped as the child's saturation fell to 80% during induction.",
    bad='"Ever since I was a child, I dreamed of becoming a doctor." / "What does it mean to be an anesthesiologist?"',
)
def generic_opening(r: Rule, ctx: RuleContext) -> list[Finding]:
    first = _first_sentence(ctx)
    if first is None:
        return []
    text = first.text.strip()
    why = None
    quote_marks = _quote_marks(ctx)
    if "opening.quotation_attribution" in first.cues or (
        # a patient's words inside the scene ("'Tell my granddaughter I was not afraid,' Mr.
        # Kazlauskas said, while I was taping the arterial line") are dialogue, not an epigraph
        text[:1] in quote_marks and "anecdote" not in first.tags
    ):
        why = "a quotation"
    elif "opening.definition" in first.cues:
        why = "a dictionary definition"
    elif "opening.childhood" in first.cues:
        why = "a childhood dream"
    elif text.endswith("?"):
        why = "a rhetorical question"
    if why is None:
        return []
    return [
        ctx.at_sentence(
            r,
            first,
            f"the statement opens with {why}: open with a specific anesthesia or critical-care story instead",
        )
    ]


@rule(
    "opening-not-anesthesia",
    "warning",
    "The first paragraph is not an anesthesia or critical-care story.",
    guide='"Opening: A specific anesthesiology-related story (intubation in the ED, OR crisis, ICU '
    'resuscitation) that changed your perspective."',
    good="A first paragraph set in the OR, the PACU, the ICU or a resuscitation, with one patient.",
    bad="A first paragraph about growing up, a relative's illness or an internal-medicine ward.",
)
def opening_not_anesthesia(r: Rule, ctx: RuleContext) -> list[Finding]:
    sentences = _after_titles(ctx)
    if not sentences:
        return []
    first = sentences[0].paragraph
    opening = {first}
    paragraph, first_text = _first_paragraph(sentences)
    later = [s.paragraph for s in sentences if s.paragraph != first]
    epigraph = (
        first_text[:1] in _quote_marks(ctx)
        or first_text[-1:] not in _SENTENCE_END
        # a lead line of the story alone: "The truck arrived at four in the morning with
        # eleven wounded." ("I grew up in Lagos." tells no moment: it is the opening)
        or (
            len(paragraph) == 1
            and any(k in paragraph[0].cues for k in _STORY_CUES)
            and "anecdote.other_setting" not in paragraph[0].cues  # "On the medicine ward ..."
        )
    )
    if later and epigraph and count_words(first_text) <= EPIGRAPH_WORDS:
        # a one-line quotation, title or lead: the opening story is the paragraph after it
        opening.add(later[0])
    told = [s for s in ctx.sentences if s.paragraph in opening]
    scene = [s for s in told if "anecdote" in s.tags]
    # the story the opening tells, not one clinical word in another story ("for eight months
    # I cared for my father at home ... we could not find morphine"): a quarter of it at least
    if scene and len(scene) * 4 >= len(told):
        return []
    return [
        ctx.at_sentence(
            r,
            sentences[0],
            "the first paragraph is not an anesthesia, OR or ICU story: open with one",
        )
    ]


# -- the structure ------------------------------------------------------------------


def _missing(tag: str, what: str, advice: str):
    def check(r: Rule, ctx: RuleContext) -> list[Finding]:
        if ctx.tagged(tag):
            return []
        return [ctx.at_document(r, f"no sentence says {what}: {advice}")]

    return check


_STRUCTURE = [
    (
        "missing-why-anesthesiology",
        "why_specialty",
        "why anesthesiology",
        "say what draws you to anesthesiology, in terms of what you have seen and done",
        '"Clearly answer: Why anesthesiology? Why you? Why now?"',
        "Anesthesiology lets me use physiology and pharmacology minute by minute, at the bedside.",
        "A statement about medicine in general that could be sent to any specialty.",
    ),
    (
        "missing-why-me",
        "why_me",
        "why you",
        "give evidence: USCE, observerships, research, evaluations, letters",
        '"Clearly answer: Why anesthesiology? Why you? Why now?" and "Emphasize resilience, self-awareness, and growth."',
        "During my observership at Riverside I presented pre-operative assessments to the attending daily.",
        "I am hardworking, passionate and a team player.",
    ),
    (
        "missing-why-now",
        "why_now",
        "why now",
        "say why you are ready to start residency this cycle",
        '"Clearly answer: Why anesthesiology? Why you? Why now?"',
        "Two years of US research and a stronger Step 3 have prepared me to begin residency now.",
        "(nothing on readiness or timing)",
    ),
    (
        "missing-future-goals",
        "future_goals",
        "what your future goals are",
        "name them: fellowship, academic or community practice, teaching, global health",
        '"Future goals: Academic anesthesia, critical care, pain, cardiac, or community practice."',
        "After residency I hope to pursue a critical care fellowship and teach in an academic department.",
        "(the statement ends without a word on where you are going)",
    ),
]

for _id, _tag, _what, _advice, _guide, _good, _bad in _STRUCTURE:
    rule(_id, "warning", f"No sentence says {_what}.", _guide, _good, _bad)(
        _missing(_tag, _what, _advice)
    )


@rule(
    "missing-img-perspective",
    "warning",
    "The profile says IMG and no sentence draws on the international perspective.",
    guide='"Non-US citizen IMG perspective: Highlight adaptability, cross-cultural communication, '
    'and the value of your international training."',
    good="Training in Lagos with one monitor for four theatres taught me to anticipate, not react.",
    bad="(an IMG's statement that never mentions where or how they trained)",
)
def missing_img_perspective(r: Rule, ctx: RuleContext) -> list[Finding]:
    if ctx.profile is None or not ctx.profile.is_img or ctx.tagged("img_perspective"):
        return []
    return [
        ctx.at_document(
            r,
            "no sentence draws on your international training: adaptability, "
            "cross-cultural communication, languages, what your training taught you",
        )
    ]


# -- length and ERAS -------------------------------------------------------------------


@rule(
    "too-long",
    "warning",
    f"The statement is longer than one page (more than {ONE_PAGE_WORDS} words).",
    guide='"Address - but not obsess over - your low Step scores." Program directors read hundreds '
    "of statements; ERAS prints about one page.",
    good="A statement of 600-800 words.",
    bad="A statement of 1,100 words that recounts every rotation.",
)
def too_long(r: Rule, ctx: RuleContext) -> list[Finding]:
    words = count_words(ctx.analysis.document.prose)
    if words <= ONE_PAGE_WORDS:
        return []
    return [
        ctx.at_document(
            r,
            f"{words} words is more than one page ({ONE_PAGE_WORDS}): cut to the story, the evidence and the goals",
        )
    ]


@rule(
    "eras-limit",
    "error",
    f"ERAS refuses a personal statement over {ERAS_CHARACTER_LIMIT:,} characters (spaces included).",
    guide='"Submit ERAS on opening day with: Completed personal statement."',
    good="Under 28,000 characters including spaces.",
    bad="A draft that ERAS truncates or refuses.",
)
def eras_limit(r: Rule, ctx: RuleContext) -> list[Finding]:
    chars = count_characters(ctx.analysis.document.prose)
    if chars <= ERAS_CHARACTER_LIMIT:
        return []
    return [
        ctx.at_document(
            r, f"{chars:,} characters is over the ERAS limit of {ERAS_CHARACTER_LIMIT:,}"
        )
    ]


def count_characters(text: str) -> int:
    return len(text.replace("\r\n", "\n").strip())


ERAS_REPLACEMENTS = {
    "\u201c": ('"', "a curly opening quote"),
    "\u201d": ('"', "a curly closing quote"),
    "\u2018": ("'", "a curly opening apostrophe"),
    "\u2019": ("'", "a curly apostrophe"),
    "\u2014": (" - ", "an em dash"),
    "\u2013": ("-", "an en dash"),
    "\u2026": ("...", "an ellipsis character"),
    "\t": (" ", "a tab"),
    "\u00a0": (" ", "a non-breaking space"),
    "\u2022": ("-", "a bullet"),
    "\u00ad": ("", "a soft hyphen"),
    "\u200b": ("", "a zero-width space"),
}


EMOJI_RANGES = "\U0001f000-\U0001faff\u2600-\u27bf\ufe0f"
# Every character the rule reports: one regular-expression scan instead of a
# Python step per character.
_ERAS_CHARACTERS = re.compile(
    "[" + "".join(re.escape(ch) for ch in ERAS_REPLACEMENTS) + EMOJI_RANGES + "]"
)


@rule(
    "eras-characters",
    "warning",
    "Characters that paste badly into ERAS's plain-text box (smart quotes, dashes, tabs, emoji).",
    guide='"Submit ERAS on opening day with: Completed personal statement." ERAS\'s box is plain '
    "text: curly quotes and dashes can arrive as question marks or garbage.",
    good='He said "breathe" - and she did.',
    bad="He said \u201cbreathe\u201d \u2014 and she did.",
)
def eras_characters(r: Rule, ctx: RuleContext) -> list[Finding]:
    text = ctx.analysis.document.text
    findings = []
    seen: set[tuple[int, str]] = set()
    for found in _ERAS_CHARACTERS.finditer(text):
        i, ch = found.start(), found.group()
        replacement, name = ERAS_REPLACEMENTS.get(ch, ("", "an emoji"))
        line = ctx.analysis.document.lines.position(i)[0]
        if (line, ch) in seen:  # one finding per character per line is enough
            continue
        seen.add((line, ch))
        shown = repr(replacement) if replacement else "nothing"
        findings.append(
            ctx.at_offsets(
                r,
                i,
                i + 1,
                f"{name} (U+{ord(ch):04X}) may not paste into ERAS: use {shown}",
                suggestion=replacement,
            )
        )
    return findings
