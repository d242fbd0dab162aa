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


def test_special_cases_read_plainly_give_spacys_attributes(analyzer):
    """writer/nlp/pipeline.py reads the tokenizer's special cases with a plain reader for
    ORTH and NORM while the model loads: spaCy's attributes for every piece of every
    special case, spaCy's own reader for anything else, and spaCy's put back after."""
    import spacy.attrs
    import spacy.tokenizer
    import spacy.vocab

    from writer.nlp.pipeline import _plain_intify_attrs

    strings = analyzer.nlp.vocab.strings
    pieces = [p for pieces in analyzer.nlp.tokenizer.rules.values() for p in pieces]
    assert len(pieces) > 2000
    for piece in pieces:
        for kwargs in ({"_do_deprecated": True}, {"strings_map": strings, "_do_deprecated": True}):
            assert _plain_intify_attrs(dict(piece), **kwargs) == spacy.attrs.intify_attrs(
                dict(piece), **kwargs
            )
    other = {"ORTH": "x", "LEMMA": "y", "F": "z"}
    assert _plain_intify_attrs(dict(other), _do_deprecated=True) == spacy.attrs.intify_attrs(
        dict(other), _do_deprecated=True
    )
    assert spacy.tokenizer.intify_attrs is spacy.attrs.intify_attrs
    assert spacy.vocab.intify_attrs is spacy.attrs.intify_attrs


def test_the_tokenizer_loaded_plainly_splits_as_spacys_own(analyzer):
    from spacy.tokenizer import Tokenizer

    mine = analyzer.nlp.tokenizer
    theirs = Tokenizer(analyzer.nlp.vocab).from_bytes(mine.to_bytes())  # spaCy's reader
    for text in _texts():
        assert [(t.text, t.norm_, t.whitespace_) for t in mine(text)] == [
            (t.text, t.norm_, t.whitespace_) for t in theirs(text)
        ]


def test_the_models_layers_multiply_with_numpy_and_the_backend_is_put_back(analyzer):
    """writer/nlp/pipeline.py builds the model's layers on thinc's numpy backend with
    blis off (numpy's BLAS was 2.5-4x faster), and leaves the process's backend as it was."""
    from thinc.api import NumpyOps, get_current_ops

    models = [c.model for _, c in analyzer.nlp.pipeline if getattr(c, "model", None) is not None]
    # the parser's upper layer, which spaCy builds on a CPU backend of its own and its
    # Cython loop multiplies with thinc's blis, whatever the layer's backend
    upper = [m.get_ref("upper") for m in models if m.has_ref("upper")]
    layers = [layer for m in models for layer in m.walk() if not any(layer is u for u in upper)]
    assert len(layers) > 20
    assert all(type(layer.ops) is NumpyOps and not layer.ops.use_blis for layer in layers)
    assert get_current_ops().use_blis  # thinc's default for everything else


def test_numpy_products_annotate_as_thincs_blis_does(analyzer, monkeypatch):
    """The model loaded as stmt loads it (numpy) and with thinc's blis gives every token
    of the statements, emails and samples the same annotation (all 19,212 texts of
    tests/data and samples/ were compared when the change was made)."""
    import contextlib

    from writer.nlp import pipeline

    name = analyzer.nlp.meta["stmt_model"]
    mine = pipeline.load_model(name)
    monkeypatch.setattr(pipeline, "numpy_matrix_products", contextlib.nullcontext)
    theirs = pipeline.load_model(name)
    assert theirs.get_pipe("tok2vec").model.ops.use_blis
    assert not mine.get_pipe("tok2vec").model.ops.use_blis
    texts = [t for t in _texts() if len(t) > 300]
    assert len(texts) > 60

    def annotations(docs):
        return [
            [(t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start) for t in d]
            for d in docs
        ]

    assert annotations(mine.pipe(texts)) == annotations(theirs.pipe(texts))


def test_registry_listings_while_loading_are_catalogues_own(analyzer):
    """writer/nlp/pipeline.py lists a registry with a tuple comparison while the model
    loads: the same names, values and order as catalogue's get_all for every registry
    spaCy, thinc and srsly use, and catalogue's own method is back after loading."""
    import catalogue
    import spacy
    from srsly.msgpack import msgpack_decoders

    from writer.nlp.pipeline import _listed, quick_registry_listings

    registries = [msgpack_decoders]
    registries += [getattr(spacy.registry, n) for n in spacy.registry.get_registry_names()]
    non_empty = [r for r in registries if catalogue.Registry.get_all(r)]
    assert len(non_empty) > 10
    for registry in registries:
        theirs = catalogue.Registry.get_all(registry)
        mine = _listed(registry)
        assert list(mine.items()) == list(theirs.items()), registry.namespace
    # nested namespaces: a registry lists its own names, not those of the one inside it
    outer, inner = catalogue.create("stmt_test", "a"), catalogue.create("stmt_test", "a", "b")
    try:
        outer.register("one", func=len)
        inner.register("two", func=str)
        catalogue.create("stmt_test", "ab").register("three", func=int)
        assert _listed(outer) == catalogue.Registry.get_all(outer) == {"one": len}
        assert _listed(inner) == catalogue.Registry.get_all(inner) == {"two": str}
    finally:
        for key in [k for k in catalogue.REGISTRY if k[0] == "stmt_test"]:
            del catalogue.REGISTRY[key]
    original = catalogue.Registry.get_all
    with quick_registry_listings():
        assert catalogue.Registry.get_all is _listed
        assert spacy.registry.factories.get_all() == original(spacy.registry.factories)
    assert catalogue.Registry.get_all is original
