"""What a detector asks of a parsed sentence: cue hits, person, tense, negation."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from writer.nlp.cues import CueIndex, Hit

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PERSON_ANY = FIRST_PERSON | {"we", "us", "our", "ours", "ourselves"}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


@dataclass
class SentenceFeatures:
    """One sentence of a Doc, with its cue hits and the tags detectors gave it."""

    index: int
    span: object  # spacy.tokens.Span
    paragraph: int
    cue_index: CueIndex
    tags: set[str] = field(default_factory=set)
    evidence: dict[str, list[str]] = field(default_factory=dict)

    # -- cues ---------------------------------------------------------------
    @cached_property
    def cues(self) -> dict[str, list[Hit]]:
        """The sentence's hits by cue key: looked up once, then asked hundreds of times."""
        return self.cue_index.within(self.span.start, self.span.end)

    def hits(self, key: str) -> list[Hit]:
        return list(self.cues.get(key, ()))

    def has(self, key: str) -> bool:
        return key in self.cues

    def hit_texts(self, key: str) -> list[str]:
        doc = self.span.doc
        return [doc[a:b].text for a, b in self.hits(key)]

    def tokens_of(self, key: str):
        doc = self.span.doc
        return [doc[i] for a, b in self.hits(key) for i in range(a, b)]

    # -- grammar ------------------------------------------------------------
    # Cached: every detector asks, and a sentence does not change once parsed.
    @cached_property
    def lowers(self) -> frozenset[str]:
        return frozenset(t.lower_ for t in self.span)

    @cached_property
    def first_person(self) -> bool:
        return any(t.lower_ in FIRST_PERSON for t in self.span)

    @cached_property
    def past(self) -> bool:
        """A finite past-tense verb that is not a modal ("would", "could")."""
        for t in self.span:
            if t.tag_ in ("VBD",) and t.lower_ not in ("would", "could", "should", "might"):
                return True
        return False

    @cached_property
    def present_progressive_or_simple(self) -> bool:
        return any(
            t.tag_ in ("VBZ", "VBP") or (t.tag_ == "VBG" and t.dep_ == "ROOT") for t in self.span
        )

    @cached_property
    def future(self) -> bool:
        return any(t.lower_ in ("will", "'ll", "shall") and t.tag_ == "MD" for t in self.span)


def subject_of(token):
    """The grammatical subject of ``token``'s clause, following conjunctions."""
    head = token
    for _ in range(4):
        for child in head.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if head.dep_ in ("conj", "xcomp", "advcl", "ccomp") and head.head is not head:
            head = head.head
        else:
            break
    return None


def is_negated(token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    return any(c.lower_ in ("never", "hardly", "barely") for c in token.children)


def is_first_person(token) -> bool:
    return token is not None and token.lower_ in FIRST_PERSON_ANY


def overlaps(hit: Hit, others: list[Hit]) -> bool:
    return any(hit[0] < b and a < hit[1] for a, b in others)
