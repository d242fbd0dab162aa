"""The structure tags: why anesthesiology, why me, IMG perspective, why now, future goals.

Guide, "Tailoring Your Personal Statement": "Clearly answer: Why
anesthesiology? Why you? Why now?"; "Non-US citizen IMG perspective:
Highlight adaptability, cross-cultural communication, and the value of your
international training"; "Future goals: Academic anesthesia, critical care,
pain, cardiac, or community practice."
"""

from __future__ import annotations

from writer.nlp.detectors.context import Context
from writer.nlp.features import SentenceFeatures


def _texts(sent: SentenceFeatures, *keys: str) -> list[str]:
    return [t for key in keys for t in sent.hit_texts(key)]


def detect_why_specialty(sent: SentenceFeatures, ctx: Context) -> list[str]:
    specialty = _texts(sent, "structure.specialty")
    if not specialty:
        return []
    attraction = _texts(sent, "structure.attraction")
    if attraction:
        return [f"{specialty[0]!r} with {attraction[0]!r}"]
    qualities = _texts(sent, "structure.field_quality")
    if qualities and (sent.first_person or _field_is_subject(sent)):
        return [f"{specialty[0]!r}: {qualities[0]!r}"]
    return []


def _field_is_subject(sent: SentenceFeatures) -> bool:
    root = sent.span.root
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in ("anesthesiology", "anesthesia", "anesthesiologist", "specialty", "field")
        for c in root.children
    )


def detect_why_me(sent: SentenceFeatures, ctx: Context) -> list[str]:
    evidence = _texts(sent, "structure.evidence")
    if not evidence:
        return []
    if not (sent.first_person or _praise_of_me(sent)):
        return []
    if sent.future and not sent.past:
        return []
    return [f"evidence: {evidence[0]!r}"]


def _praise_of_me(sent: SentenceFeatures) -> bool:
    return any(t.lower_ in ("me", "my") for t in sent.span)


def detect_img_perspective(sent: SentenceFeatures, ctx: Context) -> list[str]:
    international = _texts(sent, "structure.international")
    places = _texts(sent, "structure.place")
    if international:
        return [f"international: {international[0]!r}"]
    if places and sent.first_person:
        return [f"place: {places[0]!r}"]
    return []


def detect_why_now(sent: SentenceFeatures, ctx: Context) -> list[str]:
    readiness = _texts(sent, "structure.readiness")
    if not readiness:
        return []
    start = _texts(sent, "structure.residency_start")
    if start or sent.first_person:
        return [f"readiness: {readiness[0]!r}"]
    return []


def detect_future_goals(sent: SentenceFeatures, ctx: Context) -> list[str]:
    career = _texts(sent, "structure.career")
    if not career:
        return []
    marker = _texts(sent, "structure.future_marker")
    if marker or sent.future:
        return [f"future: {(marker or ['will'])[0]!r} + {career[0]!r}"]
    return []
