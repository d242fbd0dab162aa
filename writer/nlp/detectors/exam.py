"""`exam`: the sentence is about the applicant's own licensing-exam performance.

Guide, "Tailoring Your Personal Statement": "Scores and growth: Briefly
acknowledge low Step score: 2-3 sentences maximum." To count those sentences
we must find them even when they never say "score" ("I sat for Step 1 twice",
"my 214 on CK") and skip look-alikes (TOEFL, "step by step", CK levels, a
second attempt at intubation, a sibling's exam).
"""

from __future__ import annotations

from writer.nlp.detectors.context import Context, FromContext
from writer.nlp.features import FIRST_PERSON_ANY, SentenceFeatures, overlaps

_STRONG_NOUNS = {"exam", "test", "score", "attempt", "percentile", "board", "retake", "boards"}
_OTHER_PEOPLE = {
    "brother",
    "sister",
    "cousin",
    "friend",
    "father",
    "mother",
    "son",
    "daughter",
    "husband",
    "wife",
    "colleague",
    "classmate",
    "roommate",
    "he",
    "she",
    "his",
    "her",
}


def _owned_by_someone_else(sent: SentenceFeatures, hit) -> bool:
    """ "my brother's Step 1", "her USMLE score", "my friend failed Step 1"."""
    doc = sent.span.doc
    for i in range(*hit):
        tok = doc[i]
        for node in [tok, *tok.ancestors][:3]:
            for child in node.children:
                if child.dep_ == "poss" and child.lower_ not in FIRST_PERSON_ANY:
                    return True
    if any(_mine(node) for i in range(*hit) for node in [doc[i], *doc[i].ancestors][:2]):
        return False  # "three months before my Step 2 CK", whoever the sentence's subject is
    root = sent.span.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ in _OTHER_PEOPLE:
        # "My brother failed Step 1" (but "My brother and I both sat Step 1" is mine too)
        return not any(c.dep_ == "conj" and c.lower_ in ("i", "me") for c in subj.children)
    return False


def detect_exam(sent: SentenceFeatures, ctx: Context) -> list[str]:
    not_exam = sent.hits("exam.not_exam")
    strong = [
        h
        for h in sent.hits("exam.exam_name")
        if not overlaps(h, not_exam) and not _owned_by_someone_else(sent, h)
    ]
    if strong:
        doc = sent.span.doc
        return [f"names the exam: {doc[a:b].text!r}" for a, b in strong]

    if not_exam:
        return []
    procedure = ctx.words("exam", "procedure_words")
    if sent.lowers & procedure:
        return []

    nouns = [
        t
        for t in sent.tokens_of("exam.exam_noun")
        if t.pos_ in ("NOUN", "PROPN") and not _owned_by_someone_else(sent, (t.i, t.i + 1))
    ]
    verbs = [t for t in sent.tokens_of("exam.exam_verb") if t.pos_ in ("VERB", "AUX")]
    doc = sent.span.doc
    numbers = [
        doc[a:b].text for a, b in sent.hits("exam.score_number") if not _counts_things(doc[a])
    ]
    strong_nouns = [t for t in nouns if t.lemma_.lower() in _STRONG_NOUNS]
    if numbers and (nouns or verbs) and sent.first_person:
        return [f"a score of {numbers[0]}"]
    owned = _owned(strong_nouns)
    if owned:
        # "my score", "my retake", "my first attempt": the applicant's own exam
        return [f"talks about {owned.text!r}"]
    if sent.first_person and strong_nouns and verbs:
        return [f"talks about {strong_nouns[0].text!r}"]
    prev = ctx.previous(sent)
    if (
        prev is not None
        and "exam" in prev.tags
        and sent.first_person
        and (verbs or strong_nouns or sent.has("exam.exam_prep"))
    ):
        return [FromContext("continues the previous exam sentence")]
    return []


def rejects_exam(sent: SentenceFeatures, ctx: Context) -> bool:
    """A firm no: a look-alike exam (TOEFL, "step by step"), a procedure's attempt,
    or an exam that belongs to someone else ("My brother failed Step 1")."""
    if sent.has("exam.not_exam"):
        return True
    names = sent.hits("exam.exam_name")
    if not names and sent.lowers & ctx.words("exam", "procedure_words"):
        return True
    mentions = names + [(t.i, t.i + 1) for t in sent.tokens_of("exam.exam_noun")]
    return bool(mentions) and all(_owned_by_someone_else(sent, h) for h in mentions)


_SCORE_NOUNS = {"score", "point", "mark", "percentile", "result"}


def _counts_things(number) -> bool:
    """ "about 150 anaesthetics", "200 beds": a number that counts the noun it stands before,
    not a score ("my 214 on CK", "a 198 on the NBME", "scored 221 points")."""
    return number.dep_ == "nummod" and number.head.lemma_.lower() not in _SCORE_NOUNS


def _mine(tok) -> bool:
    """``tok`` has a first-person owner: "my Step 2 CK", "our boards"."""
    return any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in tok.children)


def _owned(tokens):
    """The first exam noun the applicant owns ("my score"), or None."""
    for t in tokens:
        if _mine(t):
            return t
    return None
