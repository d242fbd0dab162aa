"""Detectors: each reads a sentence's features and returns evidence for one tag.

A detector is a function ``(sentence, context) -> list[str]``; a non-empty
list tags the sentence and says why. They run in ``DETECTORS`` order, so later
ones may read earlier tags (blame reads exam and anecdote). Where a detector
finds nothing, the learned model (``writer.nlp.learned``) may still give the
tag, before the next detector runs.
"""

from __future__ import annotations

from writer.nlp.detectors.anecdote import detect_anecdote, rejects_anecdote
from writer.nlp.detectors.blame import detect_blame, rejects_blame
from writer.nlp.detectors.context import Firm, FromContext
from writer.nlp.detectors.exam import detect_exam, rejects_exam
from writer.nlp.detectors.structure import (
    detect_future_goals,
    detect_img_perspective,
    detect_why_me,
    detect_why_now,
    detect_why_specialty,
    rejects_img_perspective,
    rejects_why_me,
    rejects_why_now,
    rejects_why_specialty,
)

DETECTORS = {
    "exam": detect_exam,
    "anecdote": detect_anecdote,
    "blame": detect_blame,
    "why_now": detect_why_now,
    "why_specialty": detect_why_specialty,
    "img_perspective": detect_img_perspective,
    "why_me": detect_why_me,
    "future_goals": detect_future_goals,
}

# The public order of tags (the JSON contract); detectors run in DETECTORS order
# because later ones read earlier tags (why_me reads why_now and img_perspective).
TAGS = (
    "exam",
    "blame",
    "anecdote",
    "why_specialty",
    "why_me",
    "img_perspective",
    "why_now",
    "future_goals",
)

#: Firm reasons to refuse a tag, ``(sentence, context) -> bool``: where one holds, the
#: learned model may not give the tag that the detector did not give.
REJECTIONS = {
    "exam": rejects_exam,
    "anecdote": rejects_anecdote,
    "blame": rejects_blame,
    "img_perspective": rejects_img_perspective,
    "why_specialty": rejects_why_specialty,
    "why_me": rejects_why_me,
    "why_now": rejects_why_now,
}


def run_detectors(sentences, context, model=None) -> None:
    """Tag every sentence: each detector in turn, then the model.

    The model may add a tag the detector did not give (probability at or above
    its threshold), unless the detector's ``REJECTIONS`` entry refuses it; it
    overrules a detector's tag only when it is nearly sure the tag is wrong
    (probability below its tag's floor). A tag the detector read from the sentences
    around this one (``FromContext``), which the model cannot see, is overruled only
    below the model's base floor, never a tag's raised one. A heading
    (``Context.is_heading``) gets no tag.
    """
    from writer.nlp.learned import sentence_features

    probabilities = []
    if model is not None:
        for f in sentences:
            keys = [k for k in f.cue_index.hits if f.has(k)]
            feats = sentence_features(f.span, keys, f.columns)
            probabilities.append((feats, model.predict(feats)))
    headings = {f.index for f in sentences if context.is_heading(f)}
    for tag, detect in DETECTORS.items():
        for f in sentences:
            if f.index in headings:
                continue
            evidence = detect(f, context)
            if model is not None and tag in model.tags:
                feats, probs = probabilities[f.index]
                from_context = any(isinstance(e, FromContext) for e in evidence)
                floor = model.floor if from_context else model.floor_for(tag)
                firm = any(isinstance(e, Firm) for e in evidence)
                if evidence and probs[tag] < floor and not firm:
                    evidence = []
                elif not evidence and probs[tag] >= model.threshold_for(tag):
                    rejects = REJECTIONS.get(tag)
                    if not (rejects and rejects(f, context)):
                        evidence = [model.evidence(tag, feats, probs[tag])]
            if evidence:
                f.tags.add(tag)
                f.evidence[tag] = evidence
