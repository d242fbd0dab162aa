"""SentenceFeatures' token columns are spaCy's own token strings, read in bulk."""

from __future__ import annotations

from pathlib import Path

from writer.nlp.features import Columns, SentenceFeatures

ROOT = Path(__file__).resolve().parents[2]


def _texts() -> list[str]:
    paths = [*ROOT.glob("samples/*.txt"), *ROOT.glob("tests/data/*/*.txt")]
    return [p.read_text(encoding="utf-8") for p in sorted(paths)]


def test_columns_are_the_tokens_strings(analyzer):
    for doc in analyzer.nlp.pipe(_texts()):
        columns = Columns.of(doc)
        assert columns.lower == [t.lower_ for t in doc]
        assert columns.lemma == [t.lemma_.lower() for t in doc]
        assert columns.pos == [t.pos_ for t in doc]
        assert columns.tag == [t.tag_ for t in doc]
        assert columns.dep == [t.dep_ for t in doc]
        assert columns.head == [t.head.i for t in doc]
        assert columns.tense == [",".join(t.morph.get("Tense")) for t in doc]
        assert columns.skip == [t.is_punct or t.is_space for t in doc]


def test_columns_of_an_empty_doc(analyzer):
    assert Columns.of(analyzer.nlp("")) == Columns([], [], [], [], [])


def test_a_sentences_lists_are_its_tokens(analyzer):
    doc = analyzer.nlp("I failed Step 1. Then she will pass it.")
    cues = analyzer.cues.find(doc)
    for span in doc.sents:
        given = SentenceFeatures(0, span, 0, cues, columns=Columns.of(doc))
        read = SentenceFeatures(0, span, 0, cues)  # reads the Doc itself
        for f in (given, read):
            assert f.words == [t.lower_ for t in span]
            assert f.lemmas == [t.lemma_.lower() for t in span]
            assert f.pos == [t.pos_ for t in span]
            assert f.fine_tags == [t.tag_ for t in span]
            assert f.deps == [t.dep_ for t in span]
            assert f.tokens_with(f.pos, ("VERB", "AUX")) == [
                t for t in span if t.pos_ in ("VERB", "AUX")
            ]
            assert f.tokens_with_either({"fail", "she"}) == [
                t
                for t in span
                if t.lower_ in ("fail", "she") or t.lemma_.lower() in ("fail", "she")
            ]
