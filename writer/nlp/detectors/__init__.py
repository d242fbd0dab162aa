"""Detectors: each reads a sentence's features and returns evidence for one tag.

A detector is a function ``(sentence, context) -> list[str]``; a non-empty
list tags the sentence and says why. They run in ``DETECTORS`` order, so later
ones may read earlier tags (blame reads exam and anecdote).
"""

from writer.nlp.detectors.anecdote import detect_anecdote
from writer.nlp.detectors.blame import detect_blame
from writer.nlp.detectors.exam import detect_exam
from writer.nlp.detectors.structure import (
    detect_future_goals,
    detect_img_perspective,
    detect_why_me,
    detect_why_now,
    detect_why_specialty,
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
