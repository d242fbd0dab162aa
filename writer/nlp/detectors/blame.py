"""`blame`: the sentence moves responsibility for a setback off the applicant.

Guide: "Never blame others, life events, or the exam system; focus on
ownership and improvement." Interviews: "Insight, not excuses. Growth, not
self-pity." The parse decides who did what: a setback whose cause (the
subject of a harming verb, the object of "due to", the subject of a
"because" clause) is someone or something other than the applicant is
blame; the same hardship followed by "I should have…" is ownership.
"""

from __future__ import annotations

from writer.nlp.detectors.context import Context
from writer.nlp.features import SentenceFeatures, is_first_person, is_negated, subject_of

_SELF_FAULT = {
    "lack", "mistake", "error", "choice", "decision", "strategy", "approach", "underestimation",
    "overconfidence", "complacency", "procrastination", "habit", "planning", "method", "methods",
    "preparation", "inexperience", "misjudgment", "misjudgement", "ignorance", "naivety",
}


def _setback_in_view(sent: SentenceFeatures, ctx: Context) -> bool:
    if "exam" in sent.tags:
        return True
    setback = ctx.words("blame", "setback_words")
    if any(t.lower_ in setback or t.lemma_.lower() in setback for t in sent.span):
        return True
    prev = ctx.previous(sent)
    return prev is not None and "exam" in prev.tags


def _cause_is_self(sent: SentenceFeatures, hit) -> bool:
    """ "due to my poor strategy" is ownership; "due to the war" is not."""
    doc = sent.span.doc
    end = hit[1]
    window = doc[end : min(end + 4, sent.span.end)]
    words = {t.lower_ for t in window} | {t.lemma_.lower() for t in window}
    if words & _SELF_FAULT and any(t.lower_ in ("my", "own") for t in window):
        return True
    return bool(window) and window[0].lower_ in ("me", "myself", "i")


def _agent_blame(sent: SentenceFeatures, ctx: Context) -> list[str]:
    agents = ctx.words("blame", "external_agents")
    harm = ctx.words("blame", "harm_verbs")
    helping = ctx.words("blame", "help_verbs")
    found = []
    for tok in sent.span:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        subj = subject_of(tok)
        if subj is None or is_first_person(subj) or subj.lower_ in ("it", "this", "that", "which"):
            continue
        subj_words = {subj.lower_, subj.lemma_.lower()} | {c.lower_ for c in subj.children if c.dep_ == "compound"}
        if not subj_words & agents:
            continue
        lemma = tok.lemma_.lower()
        if lemma in harm and not is_negated(tok):
            found.append(f"{subj.text!r} {tok.text} …")
        elif lemma in helping and is_negated(tok):
            found.append(f"{subj.text!r} did not {lemma} …")
    return found


def _because_clause(sent: SentenceFeatures) -> list[str]:
    """ "I failed because the proctors were late": the cause's subject is not me."""
    found = []
    for tok in sent.span:
        if tok.lower_ in ("because", "since") and tok.dep_ == "mark":
            verb = tok.head
            subj = subject_of(verb)
            if subj is not None and not is_first_person(subj) and subj.lower_ not in ("it",):
                found.append(f"because {subj.text} …")
    return found


def detect_blame(sent: SentenceFeatures, ctx: Context) -> list[str]:
    self_pity = sent.hit_texts("blame.self_pity")
    critique = sent.hit_texts("blame.system_critique")
    ownership = sent.hit_texts("blame.ownership")
    setback = _setback_in_view(sent, ctx)

    evidence: list[str] = []
    if self_pity:
        evidence += [f"self-pity: {t!r}" for t in self_pity]
    if critique and (setback or _about_exam_system(sent)) and not _own_result_acknowledged(sent):
        evidence += [f"criticises the exam or system: {t!r}" for t in critique]
    if setback:
        shifted = [
            sent.span.doc[a:b].text
            for a, b in sent.hits("blame.external_cause") + sent.hits("blame.beyond_control")
            if not _cause_is_self(sent, (a, b))
        ]
        evidence += [f"shifts the cause: {t!r}" for t in shifted]
        evidence += [f"pins the setback on {t}" for t in _agent_blame(sent, ctx)]
        evidence += _because_clause(sent)
    if ownership and not self_pity:
        # "Although my father was ill, I should have postponed" is ownership.
        return []
    return evidence


def _about_exam_system(sent: SentenceFeatures) -> bool:
    words = {t.lemma_.lower() for t in sent.span}
    return bool(words & {"exam", "test", "usmle", "system", "examination", "score", "standardized"})


def _own_result_acknowledged(sent: SentenceFeatures) -> bool:
    """The guide's own wording: "My Step 1 score did not reflect my capabilities"."""
    for tok in sent.span:
        if tok.lemma_.lower() in ("reflect", "define", "capture", "measure", "represent"):
            subj = subject_of(tok)
            if subj is not None and any(c.lower_ == "my" for c in subj.children):
                return True
    return False
