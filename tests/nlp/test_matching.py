"""PatternMatcher finds exactly what spaCy's Matcher finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.nlp.matching import PatternMatcher

WORDS = ["Step", "1", "the", "patient", "was", "Lagos", "in", "My", "scored", "238", "CK", "."]
TAGS = ["NN", "CD", "DT", "VBD", "NNP", "IN", "PRP$", "."]
POS = ["NOUN", "NUM", "DET", "VERB", "PROPN", "ADP", "PRON", "PUNCT"]

SPECS = st.one_of(
    st.sampled_from(WORDS).map(lambda w: {"LOWER": w.lower()}),
    st.sampled_from(WORDS).map(lambda w: {"TEXT": w}),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(
        lambda ws: {"LOWER": {"IN": [w.lower() for w in ws]}}
    ),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(
        lambda ws: {"LOWER": {"NOT_IN": [w.lower() for w in ws]}}
    ),
    st.sampled_from(["^[0-9]+$", "^s", "t$", "^[A-Z]"]).map(lambda r: {"TEXT": {"REGEX": r}}),
    st.sampled_from(TAGS).map(lambda t: {"TAG": t}),
    st.lists(st.sampled_from(POS), min_size=1, max_size=3).map(lambda p: {"POS": {"IN": p}}),
    st.lists(st.sampled_from(["step", "be", "score"]), min_size=1).map(
        lambda ls: {"LEMMA": {"IN": ls}}
    ),
    st.sampled_from([{"IS_TITLE": True}, {"LIKE_NUM": True}, {"IS_ALPHA": False}, {}]),
    st.sampled_from([{"IS_SENT_START": True}, {"LENGTH": {">=": 3}}]),
)
TOKEN_SPECS = st.tuples(SPECS, SPECS, st.sampled_from([None, None, None, "?", "*", "+"])).map(
    lambda t: {**t[0], **t[1], **({"OP": t[2]} if t[2] else {})}
)
PATTERNS = st.lists(st.lists(TOKEN_SPECS, min_size=1, max_size=3), min_size=1, max_size=4)
TOKENS = st.lists(st.tuples(st.sampled_from(WORDS), st.integers(0, len(TAGS) - 1)), max_size=14)


def _doc(vocab, tokens):
    from spacy.tokens import Doc

    words = [w for w, _ in tokens]
    return Doc(
        vocab,
        words=words,
        tags=[TAGS[t] for _, t in tokens],
        pos=[POS[t] for _, t in tokens],
        lemmas=["score" if w == "scored" else w.lower() for w in words],
        sent_starts=[i == 0 or w == "My" for i, w in enumerate(words)],
    )


@pytest.fixture(scope="module")
def vocab():
    from spacy.lang.en import English

    return English().vocab


def _both(vocab, groups):
    from spacy.matcher import Matcher

    spacy_matcher, ours = Matcher(vocab), PatternMatcher(vocab)
    for n, patterns in enumerate(groups):
        spacy_matcher.add(f"key{n}", patterns)
        ours.add(f"key{n}", patterns)
    return spacy_matcher, ours


@settings(max_examples=400, deadline=None)
@given(st.lists(PATTERNS, min_size=1, max_size=3), st.lists(TOKENS, min_size=1, max_size=3))
def test_the_same_matches_as_spacys_matcher(vocab, groups, docs):
    spacy_matcher, ours = _both(vocab, groups)
    for tokens in docs:  # several docs: the second is answered from what the first taught it
        doc = _doc(vocab, tokens)
        assert set(ours(doc)) == set(spacy_matcher(doc))


def test_optional_and_repeated_tokens_are_matched_without_spacys_matcher(vocab):
    patterns = [
        [{"LOWER": {"IN": ["the", "my"]}}, {"POS": "PROPN", "OP": "*"}, {"LOWER": "patient"}],
        [{"LIKE_NUM": True}, {"TEXT": "-", "OP": "?"}, {"LOWER": "ck", "OP": "+"}],
    ]
    spacy_matcher, ours = _both(vocab, [patterns])
    assert len(ours.others) == 0
    words = ["the", "Lagos", "Lagos", "patient", "238", "CK", "CK", "My", "patient"]
    doc = _doc(vocab, [(w, 4 if w == "Lagos" else 0) for w in words])
    assert sorted(ours(doc)) == sorted(spacy_matcher(doc))
    assert len(set(ours(doc))) == 4  # the...patient, 238 CK, 238 CK CK, My patient


def test_a_doc_without_the_annotation_a_pattern_reads_is_refused_alike(vocab):
    from spacy.tokens import Doc

    spacy_matcher, ours = _both(vocab, [[[{"LEMMA": "step"}, {"LIKE_NUM": True}]]])
    doc = Doc(vocab, words=["Step", "1"])
    with pytest.raises(ValueError) as theirs:
        spacy_matcher(doc)
    with pytest.raises(ValueError) as mine:
        ours(doc)
    assert str(mine.value) == str(theirs.value)


def test_the_lookups_stay_bounded(vocab, monkeypatch):
    import writer.nlp.matching as matching

    monkeypatch.setattr(matching, "MAX_KEYS", 3)
    spacy_matcher, ours = _both(
        vocab, [[[{"LOWER": {"IN": ["step"]}}, {"TEXT": {"REGEX": "^[0-9]"}}]]]
    )
    for words in (WORDS, WORDS[::-1], WORDS):
        doc = _doc(vocab, [(w, 0) for w in words])
        assert set(ours(doc)) == set(spacy_matcher(doc))
        assert len(ours.conditions._by_key) <= len(words)


@pytest.mark.parametrize("patterns", [[[]], [[{"NOT_AN_ATTRIBUTE": "x"}]], [[{"LOWER": 3.5}]]])
def test_a_bad_pattern_is_refused_alike(vocab, patterns):
    from spacy.matcher import Matcher

    with pytest.raises(ValueError) as theirs:
        Matcher(vocab).add("bad", patterns)
    with pytest.raises(ValueError) as mine:
        PatternMatcher(vocab).add("bad", patterns)
    assert str(mine.value) == str(theirs.value)
