"""The memoized lemmatizer gives every token the lemma spaCy's rule lemmatizer gives it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.nlp.lemmatizer import MemoizedLemmatizer, can_memoize, use_memoized_lemmatizer

WORDS = ["running", "ran", "better", "cats", "was", "I", "Lagos", "intubated", "data", "n't"]
POS = ["NOUN", "VERB", "ADJ", "PROPN", "AUX", "PRON", "PART", "SPACE"]
MORPHS = ["", "Number=Sing", "Number=Plur", "VerbForm=Inf", "Tense=Past|VerbForm=Fin", "Degree=Pos"]


@pytest.fixture(scope="module")
def model_lemmatizer(analyzer):
    component = analyzer.nlp.get_pipe("lemmatizer")
    assert isinstance(component, MemoizedLemmatizer)
    return component.original


def _memoized(original) -> MemoizedLemmatizer:
    memoized = MemoizedLemmatizer()
    memoized.original = original
    return memoized


def _doc(vocab, tokens):
    from spacy.tokens import Doc

    doc = Doc(vocab, words=[w for w, _, _, _ in tokens])
    for token, (_, pos, morph, lemma) in zip(doc, tokens, strict=True):
        if pos:
            token.pos_ = pos
        if morph:
            token.set_morph(morph)
        if lemma:
            token.lemma_ = lemma
    return doc


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(WORDS),
            st.sampled_from(POS),
            st.sampled_from(MORPHS),
            st.sampled_from(["", "", "", "preset"]),
        ),
        max_size=10,
    ),
    st.booleans(),
)
def test_any_token_gets_the_rule_lemmatizers_lemma(model_lemmatizer, tokens, overwrite):
    memoized = _memoized(model_lemmatizer)
    doc = _doc(model_lemmatizer.vocab, tokens)
    before = model_lemmatizer.overwrite
    model_lemmatizer.overwrite = overwrite
    try:
        expected = [t.lemma_ for t in model_lemmatizer(doc.copy())]
        for _ in range(2):  # the second time from what it remembered
            assert [t.lemma_ for t in memoized(doc.copy())] == expected
    finally:
        model_lemmatizer.overwrite = before


def test_a_token_without_pos_is_asked_every_time(model_lemmatizer):
    doc = _doc(model_lemmatizer.vocab, [("Cats", "NOUN", "Number=Plur", ""), ("cats", "", "", "")])
    memoized = _memoized(model_lemmatizer)
    with pytest.warns(UserWarning, match="W108"):
        got = [t.lemma_ for t in memoized(doc.copy())]
        expected = [t.lemma_ for t in model_lemmatizer(doc.copy())]
    assert got == expected
    assert memoized._lemmas and all(pos for _, pos, _ in memoized._lemmas)


def test_other_lemmatizers_are_kept(model_lemmatizer):
    from spacy.lang.en import English
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    assert can_memoize(model_lemmatizer)
    nlp = English()
    lookup = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not can_memoize(lookup)
    assert not use_memoized_lemmatizer(nlp)
    assert nlp.get_pipe("lemmatizer") is lookup

    class Mine(EnglishLemmatizer):
        def is_base_form(self, token) -> bool:  # may read anything
            return token.i == 0

    assert not can_memoize(Mine(model_lemmatizer.vocab, None, mode="rule"))


def test_the_memoized_lemmatizer_takes_the_originals_place():
    from spacy.lang.en import English

    nlp = English()
    nlp.add_pipe("sentencizer")
    original = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    nlp.add_pipe("doc_cleaner")
    assert use_memoized_lemmatizer(nlp)
    assert nlp.pipe_names == ["sentencizer", "lemmatizer", "doc_cleaner"]
    assert nlp.get_pipe("lemmatizer").original is original
