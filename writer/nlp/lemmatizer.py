"""The model's rule lemmatizer, asked once per distinct word form: the same lemmas, less time.

spaCy's rule lemmatizer computes a token's lemma from its text, its POS and
its morphology, through Python code per token: building the token's
MorphAnalysis, a dictionary of its features for ``is_base_form`` (whose
answers it does not cache), then its own cache. ``MemoizedLemmatizer`` reads
those three values of every token at once (``Doc.to_array``), asks the
original ``lemmatize`` once per distinct combination and sets the remembered
lemma, exactly as ``Lemmatizer.__call__`` would (tokens that have a lemma
keep it, unless the lemmatizer overwrites). A lemmatizer whose answer may
depend on anything else (another mode, a subclass, a token without a POS,
for which spaCy warns) is asked per token as before, or left in place.

Each form it is asked about costs spaCy's lemmatizer a search of its word
list for the part of speech (``form in index``, a Python list of up to 57,000
words): 0.1 ms a form, 50 ms of the first page. ``use_memoized_lemmatizer``
gives those lists a set to answer ``in`` with (``WordIndex``: the same list,
the same items, the same answers).
"""

from __future__ import annotations

COMPONENT = "lemmatizer"
_FACTORY = "stmt_memoized_lemmatizer"
_MAX_FORMS = 200_000


class MemoizedLemmatizer:
    """The pipeline component: ``original.lemmatize`` remembered per (text, POS, morphology)."""

    def __init__(self, name: str = COMPONENT) -> None:
        self.name = name
        self.original = None
        self._lemmas: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc):
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        original = self.original
        if not getattr(original, "_validated", False):  # spaCy checks its tables once
            return original(doc)
        lemmas = self._lemmas
        if len(lemmas) > _MAX_FORMS:  # bounded: a long-running server meets new words for ever
            lemmas.clear()
        overwrite = original.overwrite
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).reshape(len(doc), 4).tolist()
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                continue
            token = doc[i]
            if not pos:  # spaCy warns about each of these: ask it every time
                token.lemma_ = original.lemmatize(token)[0]
                continue
            key = (orth, pos, morph)
            found = lemmas.get(key)
            if found is None:
                found = lemmas[key] = original.lemmatize(token)[0]
            token.lemma_ = found
        return doc


class WordIndex(list):
    """A list of words whose ``in`` is a set lookup: for strings, the same answer as the list's."""

    __slots__ = ("_members",)

    def __init__(self, words) -> None:
        super().__init__(words)
        self._members = frozenset(self)

    def __contains__(self, word) -> bool:
        return word in self._members


def index_words(lemmatizer) -> None:
    """Give the lemmatizer's word lists (``lemma_index``, one per POS) a set for ``in``.

    Only lists of strings are replaced (equality and hashing agree for them);
    the table keeps its keys, its order and its values' contents.
    """
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if type(words) is list and not set(map(type, words)) - {str}:  # 2 ms, not 6
            table[key] = WordIndex(words)


def can_memoize(lemmatizer) -> bool:
    """True for spaCy's own rule lemmatizers, whose answer depends on text, POS and morphology only."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    return (
        type(lemmatizer) in (Lemmatizer, EnglishLemmatizer)
        and lemmatizer.mode == "rule"
        and lemmatizer.lemmatize == lemmatizer.rule_lemmatize
    )


def use_memoized_lemmatizer(nlp) -> bool:
    """Replace the pipeline's lemmatizer, in place, by its memoized form; False if kept."""
    if COMPONENT not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(COMPONENT)
    if not can_memoize(lemmatizer):
        return False
    _register_factory()
    component = nlp.replace_pipe(COMPONENT, _FACTORY)
    component.original = lemmatizer
    index_words(lemmatizer)
    return True


def _register_factory() -> None:
    from spacy.language import Language

    if not Language.has_factory(_FACTORY):
        Language.factory(_FACTORY, func=_make_component)


def _make_component(nlp, name: str) -> MemoizedLemmatizer:
    """An empty component; ``use_memoized_lemmatizer`` gives it the original."""
    return MemoizedLemmatizer(name)
