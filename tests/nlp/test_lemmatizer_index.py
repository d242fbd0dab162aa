"""The lemmatizer's word lists answer ``in`` from a set: the same lists, the same answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from writer.nlp.lemmatizer import WordIndex, index_words

WORDS = ["anesthesia", "intubate", "Zürich", "", "co2", "pass", "pass"]


@given(st.lists(st.text(max_size=6), max_size=30), st.text(max_size=6))
@settings(max_examples=200, deadline=None)
def test_a_word_index_is_its_list(words, probe):
    index = WordIndex(words)
    assert list(index) == words and len(index) == len(words)
    assert (probe in index) == (probe in words)
    for word in words:
        assert word in index


def test_the_models_word_lists_keep_their_contents_and_still_serialize(analyzer):
    lemmatizer = analyzer.nlp.get_pipe("lemmatizer").original
    table = lemmatizer.lookups.get_table("lemma_index")
    assert table and all(type(words) is WordIndex for words in table.values())
    before = {key: list(words) for key, words in table.items()}
    index_words(lemmatizer)  # twice changes nothing
    assert {key: list(words) for key, words in table.items()} == before
    from spacy.lookups import Lookups

    again = Lookups().from_bytes(lemmatizer.lookups.to_bytes())
    assert {k: list(v) for k, v in again.get_table("lemma_index").items()} == before


def test_lemmas_are_spacys(analyzer):
    """The lemmatizer with indexed word lists gives the lemmas of one without."""
    import copy

    from spacy.lookups import Lookups

    lemmatizer = analyzer.nlp.get_pipe("lemmatizer").original
    plain = copy.copy(lemmatizer)
    plain.lookups = Lookups().from_bytes(lemmatizer.lookups.to_bytes())  # plain lists
    plain.cache = {}
    assert all(type(w) is list for w in plain.lookups.get_table("lemma_index").values())
    doc = analyzer.nlp(
        "The residents were intubating patients faster than the attendings had hoped; "
        "she taught me to stay calm, and I studied harder for the boards."
    )
    for token in doc:
        if token.pos_:
            assert lemmatizer.rule_lemmatize(token) == plain.rule_lemmatize(token)
