"""`anecdote`: part of a concrete anesthesia, perioperative or critical-care scene.

Guide: "Opening: A specific anesthesiology-related story (intubation in the
ED, OR crisis, ICU resuscitation) that changed your perspective." A scene
needs the field's things (an airway, propofol, the PACU…) and the marks of a
story: it happened (past tense, or a narrated present), to someone in
particular, at a moment. A list of the field's virtues is not a scene.
"""

from __future__ import annotations

from writer.nlp.detectors.context import Context, FromContext
from writer.nlp.features import SentenceFeatures, overlaps

# Scene words that are also everyday words: they count only in their clinical form.
_AMBIGUOUS = {
    "or": lambda t: t.text == "OR",
    "ed": lambda t: t.text == "ED",
    "er": lambda t: t.text == "ER",
    "map": lambda t: t.text == "MAP",
    "bp": lambda t: t.text.upper() == "BP",
    "code": lambda t: t.pos_ == "NOUN" or t.lower_ == "coded",
    "block": lambda t: t.pos_ == "NOUN",
    "bag": lambda t: True,
    "fall": lambda t: False,
    "shock": lambda t: t.pos_ == "NOUN",
    "crash": lambda t: t.pos_ in ("NOUN", "VERB"),
    "position": lambda t: False,
    "sat": lambda t: t.tag_ != "VBD" or t.head.lower_ in ("sats", "saturation"),
    "sleep": lambda t: (
        any(c.lower_ in ("to", "asleep") for c in t.head.children) or t.head.lemma_ in ("put", "go")
    ),
    "labor": lambda t: True,
    "delivery": lambda t: True,
    "monitor": lambda t: t.pos_ == "NOUN",
    "pressure": lambda t: True,
    "mask": lambda t: t.pos_ == "NOUN",
    "resident": lambda t: t.pos_ == "NOUN",
    "attending": lambda t: t.pos_ == "NOUN",
}

_GENERIC_SUBJECTS = {
    "anesthesiology",
    "anesthesia",
    "anesthesiologists",
    "anesthesiologist",
    "field",
    "specialty",
    "it",
    "this",
    "medicine",
    "one",
    "everyone",
    "they",
}


def scene_tokens(sent: SentenceFeatures, key: str = "anecdote.scene", strict: bool = False):
    """The sentence's scene words in their clinical sense. ``strict`` also reads an
    inflected everyday form by its lemma ("whether I had slept" is no patient asleep):
    the test of whether a ward or clinic paragraph holds anything of the field."""
    out = []
    for tok in sent.tokens_of(key):
        check = _AMBIGUOUS.get(tok.lower_)
        if check is None and strict:
            check = _AMBIGUOUS.get(tok.lemma_.lower())
        if check is None or check(tok):
            out.append(tok)
    return out


def _definite(tokens) -> bool:
    """ "the ventilator", "her saturation": a particular thing in a particular room."""
    nodes = {t for t in tokens} | {t.head for t in tokens if t.dep_ in ("compound", "amod")}
    return any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "her", "his", "their", "its", "our")
        for t in nodes
        for c in t.children
    )


def _elsewhere(sent: SentenceFeatures, ctx: Context) -> bool:
    """The sentence's paragraph is set in a clinic, on a medical ward or on a home visit,
    and nothing in it belongs to anesthesia, the OR or critical care (no strong scene
    cue): another specialty's story, however vivid ("his blood pressure was 168/94")."""
    key = ("anecdote.elsewhere", sent.paragraph)
    if key not in ctx.memo:
        paragraph = ctx.paragraph(sent)
        ctx.memo[key] = any(_other_setting(s) for s in paragraph) and not any(
            scene_tokens(s, strict=True) for s in paragraph
        )
    return ctx.memo[key]


def _other_setting(sent: SentenceFeatures) -> bool:
    field_clinics = sent.hits("anecdote.perioperative_setting")
    return any(not overlaps(h, field_clinics) for h in sent.hits("anecdote.other_setting"))


def detect_anecdote(sent: SentenceFeatures, ctx: Context) -> list[str]:
    if _elsewhere(sent, ctx):
        return []
    strong = scene_tokens(sent)
    weak = scene_tokens(sent, "anecdote.scene_weak")
    if not strong and len({t.lemma_.lower() for t in weak}) < 2:
        return _continues_scene(sent, ctx)
    if "exam" in sent.tags or sent.has("anecdote.not_scene"):
        return []
    scene = strong + weak
    particular = sent.hit_texts("anecdote.particular")
    if sent.has("anecdote.lesson") and not particular and len({t.lemma_ for t in strong}) < 2:
        return []
    if not strong and not (particular or sent.has("anecdote.narrative")):
        return []  # "My father, a general surgeon, hoped I would follow him into surgery"
    narrative = sent.hit_texts("anecdote.narrative")
    generic = sent.hit_texts("anecdote.generic")
    people = any(w in ("she", "he", "her", "him", "his", "we") for w in sent.words)
    happened = sent.past or bool(narrative)
    concrete = bool(particular or narrative or people or _definite(scene))
    root_subj = next((c for c in sent.span.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    generic_subject = (
        root_subj is not None and root_subj.lower_ in _GENERIC_SUBJECTS and not sent.past
    )
    if generic_subject or (generic and not happened):
        return []
    names = ", ".join(sorted({t.text for t in scene})[:4])
    if happened and (concrete or len({t.lemma_ for t in strong}) >= 2):
        return [f"scene: {names}"]
    if (
        not happened
        and strong
        and (particular or people)
        and len(scene) >= 2
        and sent.present_progressive_or_simple
    ):
        # the narrated present: "The monitor alarms; her saturation is 82%."
        return [f"scene (present): {names}"]
    return []


def rejects_anecdote(sent: SentenceFeatures, ctx: Context) -> bool:
    """A firm no: nothing of anesthesia, the OR or critical care in the sentence, and no
    scene it continues (guide: "a specific anesthesiology-related story"; a medicine-ward
    or clinic story is another specialty's)."""
    if _elsewhere(sent, ctx):
        return True
    if scene_tokens(sent) or scene_tokens(sent, "anecdote.scene_weak"):
        return False
    prev = ctx.previous(sent)
    return not (prev is not None and "anecdote" in prev.tags)


def _continues_scene(sent: SentenceFeatures, ctx: Context) -> list[str]:
    """ "She squeezed my hand." after a scene sentence continues that scene."""
    prev = ctx.previous(sent)
    if prev is None or "anecdote" not in prev.tags or not sent.past:
        return []
    if sent.has("anecdote.not_scene"):
        return []
    if (
        sent.has("anecdote.particular")
        or sent.has("anecdote.narrative")
        or any(w in ("she", "he", "her", "him", "we") for w in sent.words)
    ):
        return [FromContext("continues the scene")]
    return []
