"""The compiled attribute ruler writes exactly what spaCy's AttributeRuler writes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.nlp.attributes import (
    CompiledAttributeRuler,
    compile_rules,
    use_compiled_attribute_ruler,
)


def _attributes(doc) -> list[tuple]:
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def _both(ruler, doc):
    """``doc`` through the original ruler and through its compiled form."""
    compiled = CompiledAttributeRuler()
    compiled.rules, compiled.original = compile_rules(ruler), ruler
    assert compiled.rules is not None
    return ruler(doc.copy()), compiled(doc.copy())


# -- the model's own rules on every text we have: tests/nlp/test_pipeline.py -----------------


def test_the_pipeline_runs_the_compiled_ruler(analyzer):
    component = analyzer.nlp.get_pipe("attribute_ruler")
    assert isinstance(component, CompiledAttributeRuler)
    assert (
        analyzer.nlp.pipe_names.index("attribute_ruler")
        == analyzer.nlp.pipe_names.index("lemmatizer") - 1
    )


# -- rules of our own: every kind of pattern, rule order, operators ------------------------

TAGS = ["NN", "VB", "VBZ", "DT", "_SP", "IN"]
DEPS = ["nsubj", "ROOT", "dobj", "det", "prep", "expl"]
WORDS = ["the", "dog", "runs", "is", "gon", "na", "Y'", "all", "ai", "n't", "Walk", "on", "there"]

RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["VB", "VBZ"]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "_SP"}], [{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
    # a later one-token rule overrides an earlier multi-token one, and the other way round
    {"patterns": [[{"LOWER": "na"}]], "attrs": {"LEMMA": "na-later", "POS": "PART"}},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {
        "patterns": [[{"TAG": {"IN": ["VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
        "attrs": {"LEMMA": "be"},
    },
    {
        "patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]],
        "attrs": {"POS": "VERB"},
        "index": 1,
    },
    {
        "patterns": [[{"LOWER": {"NOT_IN": ["the", "dog"]}, "TAG": "DT"}]],
        "attrs": {"MORPH": "Definite=Ind"},
    },
    {
        "patterns": [[{"ORTH": "Walk"}], [{"TEXT": "on"}]],
        "attrs": {"TAG": "VB", "DEP": "dep", "LEMMA": "walk"},
    },
    # operators: these run in a Matcher of their own
    {
        "patterns": [[{"TAG": "DT"}, {"TAG": "NN", "OP": "+"}]],
        "attrs": {"LEMMA": "np"},
        "index": -1,
    },
    {
        "patterns": [[{"LOWER": "the", "OP": "?"}, {"LOWER": "dog"}]],
        "attrs": {"MORPH": "Animacy=Anim"},
    },
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"MORPH": "Number=Plur"}},
]


@pytest.fixture(scope="module")
def blank():
    from writer.nlp.pipeline import import_spacy

    return import_spacy().blank("en")


def _ruler(nlp, rules):
    from spacy.pipeline import AttributeRuler

    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(rules)
    return ruler


def _doc(nlp, words, tags, deps):
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(WORDS + [" "]), st.sampled_from(TAGS), st.sampled_from(DEPS)),
        max_size=12,
    )
)
def test_any_sequence_gets_what_attribute_ruler_gives(blank, tokens):
    doc = _doc(
        blank, [w for w, _, _ in tokens], [t for _, t, _ in tokens], [d for _, _, d in tokens]
    )
    expected, got = _both(_ruler(blank, RULES), doc)
    assert _attributes(got) == _attributes(expected)


def test_rule_order_and_targets(blank):
    doc = _doc(
        blank,
        ["gon", "na", "Y'", "all", "there", "is"],
        ["VB", "IN", "NN", "DT", "DT", "VBZ"],
        ["ROOT", "prep", "nsubj", "det", "expl", "ROOT"],
    )
    expected, got = _both(_ruler(blank, RULES), doc)
    assert _attributes(got) == _attributes(expected)
    assert [t.lemma_ for t in got][:3] == ["go", "na-later", "you"]
    assert got[5].pos_ == "VERB" and got[2].morph.get("Number") == ["Plur"]


# -- what it does not reproduce stays with spaCy -------------------------------------------


@pytest.mark.parametrize(
    "rule",
    [
        {"patterns": [[{"_": {"flagged": True}}]], "attrs": {"POS": "X"}},  # extension attribute
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"NORM": "thing"}},  # writes more than a field
        {"patterns": [[{"IS_SENT_START": True}]], "attrs": {"POS": "X"}},  # read differently
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 1},  # out of the span
    ],
)
def test_a_ruler_it_cannot_reproduce_is_kept(blank, rule):
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Token

    Token.set_extension("flagged", default=False, force=True)
    assert compile_rules(_ruler(blank, [*RULES, rule])) is None
    nlp = blank.__class__()  # a fresh blank English pipeline
    nlp.add_pipe("attribute_ruler").add_patterns([*RULES, rule])
    assert not use_compiled_attribute_ruler(nlp)
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler


def test_the_compiled_ruler_takes_the_originals_place(blank):
    nlp = blank.__class__()
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("attribute_ruler").add_patterns(RULES)
    nlp.add_pipe("doc_cleaner")
    assert use_compiled_attribute_ruler(nlp)
    assert nlp.pipe_names == ["sentencizer", "attribute_ruler", "doc_cleaner"]
    assert isinstance(nlp.get_pipe("attribute_ruler"), CompiledAttributeRuler)


def test_a_match_outside_its_span_raises_as_spacy_does(blank):
    rule = {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "x"}, "index": 2}
    doc = _doc(blank, ["gon", "na"], ["VB", "IN"], ["ROOT", "prep"])
    ruler = _ruler(blank, [rule])
    with pytest.raises(ValueError) as original_error:
        ruler(doc.copy())
    compiled = CompiledAttributeRuler()
    compiled.rules, compiled.original = compile_rules(ruler), ruler
    with pytest.raises(ValueError) as compiled_error:
        compiled(doc.copy())
    assert str(compiled_error.value) == str(original_error.value)


def test_the_lookups_stay_bounded(blank, monkeypatch):
    import writer.nlp.matching as matching

    monkeypatch.setattr(matching, "MAX_KEYS", 2)
    ruler = _ruler(blank, RULES)
    compiled = CompiledAttributeRuler()
    compiled.rules, compiled.original = compile_rules(ruler), ruler
    words = ["gon", "na", "Y'", "all", "the", "dog", "runs", "Walk", "on", "there", "is"]
    for _ in range(3):
        doc = _doc(blank, words, ["VB", "IN", "NN", "DT"] * 2 + ["VB", "DT", "VBZ"], ["ROOT"] * 11)
        assert _attributes(compiled(doc.copy())) == _attributes(ruler(doc.copy()))
        assert len(compiled.rules.conditions._by_key) <= 11
