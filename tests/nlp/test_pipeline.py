"""The pipeline as stmt runs it annotates every token as the model's own components do."""

from __future__ import annotations

import json

from conftest import DATA, SAMPLES


def _texts() -> list[str]:
    texts = [
        json.loads(line)["text"]
        for path in sorted(DATA.glob("sentences*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for folder in (DATA / "statements", DATA / "emails", SAMPLES):
        texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    # the model's multi-token rules ("ai n't", "gon na", "y' all", "let 's"...)
    texts.append("Y'all ain't gonna believe it, I gotta say: c'mon, let's go, ya all!")
    return texts


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_every_token_of_every_text_is_annotated_as_by_the_models_components(analyzer):
    """The compiled attribute ruler (writer/nlp/attributes.py), then the memoized
    lemmatizer (writer/nlp/lemmatizer.py), against spaCy's own, on every text of
    tests/data and samples/."""
    nlp = analyzer.nlp
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    before = nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]
    texts = _texts()
    assert len(texts) > 3000
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe(texts, batch_size=64))
    differ = []
    for doc in docs:
        ruled = ruler.original(doc.copy())
        for name, expected, got in (
            ("attribute_ruler", ruled, ruler(doc.copy())),
            ("lemmatizer", lemmatizer.original(ruled.copy()), lemmatizer(ruled.copy())),
        ):
            if _annotations(expected) != _annotations(got):
                differ.append((name, doc.text[:80], _annotations(expected), _annotations(got)))
    assert not differ, differ[:3]
