"""What a detector asks of a parsed sentence: cue hits, person, tense, negation."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from writer.nlp.cues import CueIndex, Hit


@dataclass
class Columns:
    """Each token's strings in one Doc, read once with ``Doc.to_array``.

    Detectors scan every sentence a dozen times for a word, a lemma or a
    part of speech; asking spaCy each time makes a Token object and looks its
    strings up again (about a fifth of the analysis after parsing). These
    are the same strings as ``Token.lower_``, ``Token.lemma_.lower()``,
    ``Token.pos_``, ``Token.tag_`` and ``Token.dep_``, one list each, indexed
    by the token's position in the Doc.
    """

    lower: list[str]
    lemma: list[str]  # lowercased
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int] = field(default_factory=list)  # the head's position in the Doc
    tense: list[str] = field(default_factory=list)  # ",".join(Token.morph.get("Tense"))
    skip: list[bool] = field(default_factory=list)  # Token.is_punct or Token.is_space

    @classmethod
    def of(cls, doc) -> Columns:
        from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG

        if not len(doc):
            return cls([], [], [], [], [])
        strings = doc.vocab.strings
        array = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, HEAD, MORPH, IS_PUNCT, IS_SPACE])
        rows = array.T.tolist()
        offsets = array[:, 5].astype("int64").tolist()  # HEAD is relative, stored unsigned

        def column(ids: list[int], lower: bool = False) -> list[str]:
            # one string lookup per distinct value, not per token
            text = {i: strings[i].lower() if lower else strings[i] for i in set(ids)}
            return [text[i] for i in ids]

        tenses = {m: _tense(strings[m]) if m else "" for m in set(rows[6])}
        return cls(
            column(rows[0]),
            column(rows[1], lower=True),
            column(rows[2]),
            column(rows[3]),
            column(rows[4]),
            [i + offset for i, offset in enumerate(offsets)],
            [tenses[m] for m in rows[6]],
            [bool(p or s) for p, s in zip(rows[7], rows[8], strict=True)],
        )


def _tense(morph: str) -> str:
    """The Tense value(s) of a morphology string ("Mood=Ind|Tense=Past|VerbForm=Fin"), as
    ``",".join(Token.morph.get("Tense"))`` gives them."""
    for feature in morph.split("|"):
        name, _, value = feature.partition("=")
        if name == "Tense":
            return value
    return ""


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
    #: the Doc's ``Columns`` (shared by its sentences); read from the Doc when not given
    columns: Columns | None = None

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

    # -- the sentence's tokens, as strings -------------------------------------
    # Lists over the sentence's tokens, in order: ``words[k]`` is ``span[k].lower_``.
    @cached_property
    def _columns(self) -> Columns:
        return self.columns if self.columns is not None else Columns.of(self.span.doc)

    @cached_property
    def words(self) -> list[str]:
        """Each token's ``lower_``."""
        return self._columns.lower[self.span.start : self.span.end]

    @cached_property
    def lemmas(self) -> list[str]:
        """Each token's ``lemma_.lower()``."""
        return self._columns.lemma[self.span.start : self.span.end]

    @cached_property
    def pos(self) -> list[str]:
        """Each token's ``pos_``."""
        return self._columns.pos[self.span.start : self.span.end]

    @cached_property
    def fine_tags(self) -> list[str]:
        """Each token's ``tag_`` (fine-grained part of speech; ``tags`` are the sentence's labels)."""
        return self._columns.tag[self.span.start : self.span.end]

    @cached_property
    def deps(self) -> list[str]:
        """Each token's ``dep_``."""
        return self._columns.dep[self.span.start : self.span.end]

    def tokens_with(self, column: list[str], values) -> list:
        """The sentence's Tokens whose string in ``column`` (``words``, ``pos``...) is
        one of ``values``."""
        doc, start = self.span.doc, self.span.start
        return [doc[start + k] for k, value in enumerate(column) if value in values]

    def tokens_with_either(self, values) -> list:
        """The sentence's Tokens whose ``lower_`` or lowercased lemma is one of ``values``."""
        doc, start = self.span.doc, self.span.start
        pairs = enumerate(zip(self.words, self.lemmas, strict=True))
        return [doc[start + k] for k, (word, lemma) in pairs if word in values or lemma in values]

    # -- grammar ------------------------------------------------------------
    # Cached: every detector asks, and a sentence does not change once parsed.
    @cached_property
    def lowers(self) -> frozenset[str]:
        return frozenset(self.words)

    @cached_property
    def first_person(self) -> bool:
        return not FIRST_PERSON.isdisjoint(self.words)

    @cached_property
    def past(self) -> bool:
        """A finite past-tense verb that is not a modal ("would", "could")."""
        for tag, word in zip(self.fine_tags, self.words, strict=True):
            if tag == "VBD" and word not in ("would", "could", "should", "might"):
                return True
        return False

    @cached_property
    def present_progressive_or_simple(self) -> bool:
        return any(
            tag in ("VBZ", "VBP") or (tag == "VBG" and dep == "ROOT")
            for tag, dep in zip(self.fine_tags, self.deps, strict=True)
        )

    @cached_property
    def future(self) -> bool:
        return any(
            word in ("will", "'ll", "shall") and tag == "MD"
            for word, tag in zip(self.words, self.fine_tags, strict=True)
        )


#: Objects that are the subject of the verb after them: "asked *me* to give a talk".
_CONTROLLERS = frozenset({"me", "us", "you", "him", "her", "them"})


def subject_of(token):
    """The grammatical subject of ``token``'s clause, following conjunctions; for a verb
    whose subject is its governor's object, that object ("the residents asked *me* to give
    a talk")."""
    head = token
    for _ in range(4):
        for child in head.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if head.dep_ == "xcomp":
            controller = next(
                (c for c in head.head.children if c.dep_ == "dobj" and c.lower_ in _CONTROLLERS),
                None,
            )  # "spent four years teaching", "used it to design": the years, it, do nothing
            if controller is not None:
                return controller
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


def has_my(token) -> bool:
    """ "my X": the applicant's own (not "our", which may be the team's)."""
    return any(c.dep_ == "poss" and c.lower_ == "my" for c in token.children)


def overlaps(hit: Hit, others: list[Hit]) -> bool:
    return any(hit[0] < b and a < hit[1] for a, b in others)
