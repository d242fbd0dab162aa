"""The build cache (``writer.cache``): what every start rebuilds from the same data.

Each cached thing must give exactly what building it gives, be rebuilt when
what it was built from changes (a lexicon, the tokenizer, Python, pyphen),
and cost only the build when its file is missing, corrupt or unwritable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from writer.cache import build_cache_dir, build_key, read_built, write_built


@pytest.fixture
def build_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "build"
    monkeypatch.setenv("STMT_BUILD_CACHE_DIR", str(folder))
    return folder


def _entry(folder: Path, name: str, suffix: str = "json") -> Path:
    return folder / "build-v1" / f"{name}.{suffix}"


# -- the store ------------------------------------------------------------------------------


def test_a_value_is_read_back_only_with_the_key_it_was_built_from(build_dir):
    write_built("thing", build_key("a", b"b"), {"x": [1, 2]})
    assert read_built("thing", build_key("a", b"b")) == {"x": [1, 2]}
    assert read_built("thing", build_key("a", b"c")) is None
    assert read_built("other", build_key("a", b"b")) is None


def test_binary_values_keep_their_tuples(build_dir):
    value = {"a": (1, (2, 3))}
    write_built("thing", "k", value, binary=True)
    assert read_built("thing", "k", binary=True) == value
    assert read_built("thing", "other", binary=True) is None
    assert read_built("thing", "k") is None  # the JSON entry is another file
    _entry(build_dir, "thing", "marshal").write_bytes(b"\xffnot marshal")
    assert read_built("thing", "k", binary=True) is None


def test_build_keys_do_not_run_parts_together():
    assert build_key("ab", "c") != build_key("a", "bc")


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]", b'{"value": 1}', b"\xff\xfe"])
def test_a_corrupt_entry_is_a_miss(build_dir, content):
    write_built("thing", "k", 1)
    _entry(build_dir, "thing").write_bytes(content)
    assert read_built("thing", "k") is None


def test_an_empty_setting_turns_the_build_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("STMT_BUILD_CACHE_DIR", "")
    assert build_cache_dir() is None
    write_built("thing", "k", 1)
    assert read_built("thing", "k") is None


def test_the_default_is_the_users_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("STMT_BUILD_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert build_cache_dir() == tmp_path / "stmt"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_folder_is_skipped_silently(monkeypatch, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    monkeypatch.setenv("STMT_BUILD_CACHE_DIR", str(locked / "sub"))
    write_built("thing", "k", 1)
    assert read_built("thing", "k") is None


def test_a_cache_path_that_is_a_file_is_skipped_silently(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STMT_BUILD_CACHE_DIR", str(blocker))
    write_built("thing", "k", 1)
    assert read_built("thing", "k") is None


# -- the lexicons' tokens -------------------------------------------------------------------


def test_cached_tokens_are_the_tokenizers(analyzer, build_dir):
    from writer.nlp.cues import _texts_to_tokenize, tokenized

    texts = _texts_to_tokenize(list(analyzer.lexicons.values()))
    built = tokenized(analyzer.nlp, texts)
    assert _entry(build_dir, "lexicon-tokens").exists()
    again = tokenized(analyzer.nlp, texts)
    assert again == built
    for text in sorted(texts)[::7]:
        assert built[text] == [t.text for t in analyzer.nlp.tokenizer(text)]


def test_a_new_lexicon_string_is_tokenized_and_kept(analyzer, build_dir):
    from writer.nlp.cues import tokenized

    tokenized(analyzer.nlp, {"c-section"})
    assert tokenized(analyzer.nlp, {"c-section", "end-tidal co2"}) == {
        "c-section": ["c", "-", "section"],
        "end-tidal co2": ["end", "-", "tidal", "co2"],
    }
    stored = json.loads(_entry(build_dir, "lexicon-tokens").read_text())["value"]
    assert set(stored) == {"c-section", "end-tidal co2"}


def test_wrong_or_corrupt_cached_tokens_are_redone(analyzer, build_dir):
    from writer.nlp.cues import tokenized

    tokenized(analyzer.nlp, {"c-section"})
    entry = _entry(build_dir, "lexicon-tokens")
    record = json.loads(entry.read_text())
    record["value"]["c-section"] = [1, 2]  # not strings
    entry.write_text(json.dumps(record))
    assert tokenized(analyzer.nlp, {"c-section"}) == {"c-section": ["c", "-", "section"]}
    # another tokenizer (another key): the stored tokens are not used
    record["key"] = "another tokenizer"
    record["value"]["c-section"] = ["wrong"]
    entry.write_text(json.dumps(record))
    assert tokenized(analyzer.nlp, {"c-section"}) == {"c-section": ["c", "-", "section"]}


def _doc_built_hits(nlp, lexicons, doc) -> dict:
    """The cue hits of matchers built the way spaCy's documentation builds them: from Docs."""
    from collections import defaultdict

    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    prefixes = PhraseMatcher(nlp.vocab, attr="LOWER")
    tails = defaultdict(set)
    for lex in lexicons.values():
        for group_name, group in lex.cues.items():
            key = f"{lex.name}.{group_name}"
            docs = [nlp.make_doc(p.lower()) for p in group.phrases]
            for lemma in group.lemmas:
                words = lemma.lower().split()
                if len(words) == 1 and len(nlp.make_doc(words[0])) > 1:
                    docs.append(nlp.make_doc(words[0]))
                elif len(words) > 1:
                    docs.append(Doc(nlp.vocab, words=words))
                    prefix = " ".join(words[:-1])
                    prefixes.add(prefix, [Doc(nlp.vocab, words=words[:-1])])
                    tails[prefix].add((key, words[-1]))
            if docs:
                matcher.add(key, docs)
    hits = defaultdict(set)
    strings = nlp.vocab.strings
    for match_id, start, end in matcher(doc):
        hits[strings[match_id]].add((start, end))
    for match_id, start, end in prefixes(doc):
        for key, tail in tails[strings[match_id]]:
            if end < len(doc) and doc[end].lemma_ == tail:
                hits[key].add((start, end + 1))
    return hits


def test_matchers_built_from_cached_tokens_find_what_doc_built_ones_find(
    analyzer, build_dir, strong_text
):
    """Symbol ids included: "meta" of "meta-analysis" is one of spaCy's symbols, not a hash."""
    from writer.nlp.cues import CueFinder

    root = Path(__file__).resolve().parent.parent
    texts = [strong_text, "A 2019 meta-analysis showed that it failed to pass. I fail to pass."]
    texts += [p.read_text() for p in sorted((root / "samples").glob("*.txt"))]
    cold = CueFinder(analyzer.nlp, analyzer.lexicons)  # builds the cache
    warm = CueFinder(analyzer.nlp, analyzer.lexicons)  # reads it
    pattern_keys = {
        f"{lex.name}.{g}"
        for lex in analyzer.lexicons.values()
        for g, c in lex.cues.items()
        if c.patterns or c.lemmas
    }
    for doc in analyzer.nlp.pipe(texts):
        found = cold.find(doc).hits
        assert warm.find(doc).hits == found
        expected = _doc_built_hits(analyzer.nlp, analyzer.lexicons, doc)
        for key, hits in expected.items():
            assert set(hits) <= set(found.get(key, ())), key
        for key, hits in found.items():  # anything else came from lemmas or patterns
            extra = set(hits) - expected.get(key, set())
            assert not extra or key in pattern_keys, key
    meta = analyzer.nlp("A 2019 meta-analysis showed it.")
    assert (2, 5) in warm.find(meta).hits["anecdote.not_scene"]


def test_message_matchers_are_built_only_for_a_message(analyzer):
    from writer.nlp.cues import CueFinder

    finder = CueFinder(analyzer.nlp, analyzer.lexicons)
    doc = analyzer.nlp("Could you please send me a strong letter by March 3?")
    finder.find(doc, "statement")
    assert "messages" not in vars(finder)
    assert any(k.startswith("email.") for k in finder.find(doc, "interest-email").hits)
    assert "messages" in vars(finder)


# -- the tokenizer's regular expressions and pyphen's dictionary (fresh processes) -----------------

_LOAD = """
import json, re, sys
from writer.nlp import pipeline
nlp = pipeline.load_model("{model}")
tok = nlp.tokenizer
patterns = [f.__self__ for f in (tok.prefix_search, tok.suffix_search, tok.infix_finditer,
            tok.token_match, tok.url_match) if f is not None]
re.purge()
same = all(p == re.compile(p.pattern) for p in patterns)
words = [t.text for t in nlp.make_doc("Dr. O'Neil's ICU-based ($5,000) work, e.g. at 3:30pm!")]
print(json.dumps({{"same": same, "words": words, "n": len(patterns)}}))
"""


def _model_name() -> str:
    from importlib.util import find_spec

    from writer.nlp.pipeline import MODEL_PREFERENCE

    for name in MODEL_PREFERENCE:
        if find_spec(name) is not None:
            return name
    pytest.skip("no spaCy model installed")


def _run(code: str, build_dir: Path) -> dict:
    env = {**os.environ, "STMT_BUILD_CACHE_DIR": str(build_dir)}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_tokenizers_expressions_come_from_the_build_cache_unchanged(build_dir):
    code = _LOAD.format(model=_model_name())
    first = _run(code, build_dir)  # compiles them and stores them
    entry = _entry(build_dir, "tokenizer-regexes")
    assert entry.exists()
    assert len(json.loads(entry.read_text())["value"]) == first["n"]
    second = _run(code, build_dir)  # finds them
    assert first == second and second["same"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda v: "garbage",
        lambda v: [{**item, "code": [0, 1, 2]} for item in v],  # code _sre refuses
        lambda v: [{**item, "groups": "x"} for item in v],
        lambda v: [{k: x for k, x in item.items() if k != "code"} for item in v],
    ],
)
def test_corrupt_stored_expressions_are_compiled_again(build_dir, damage):
    code = _LOAD.format(model=_model_name())
    first = _run(code, build_dir)
    entry = _entry(build_dir, "tokenizer-regexes")
    record = json.loads(entry.read_text())
    record["value"] = damage(record["value"])
    entry.write_text(json.dumps(record))
    assert _run(code, build_dir) == first


def test_pyphens_dictionary_from_the_build_cache_is_the_parsed_one(build_dir):
    code = (
        "import json, pyphen\n"
        "from writer.imports import import_deferring\n"
        "textstat = import_deferring('textstat', ('pkg_resources',))\n"
        "path = pyphen.LANGUAGES[pyphen.language_fallback('en_US')]\n"
        "cached = pyphen.hdcache[path]\n"
        "fresh = pyphen.HyphDict(path)\n"
        "text = 'Anesthesiology residency demands extraordinary vigilance. I intubated him.'\n"
        "print(json.dumps({'same': cached.patterns == fresh.patterns and "
        "cached.maxlen == fresh.maxlen, "
        "'score': textstat.flesch_reading_ease(text), 'grade': textstat.flesch_kincaid_grade(text)}))\n"
    )
    first = _run(code, build_dir)
    entry = _entry(build_dir, "pyphen-en_US", "marshal")
    assert entry.exists()
    second = _run(code, build_dir)
    assert first == second and second["same"]
    import marshal

    key, patterns = marshal.loads(entry.read_bytes())
    for damage in (
        b"\x00garbage",
        marshal.dumps(("another key", patterns)),
        marshal.dumps((key, {"ab": ("not a number", (1,))})),
        marshal.dumps((key, {"ab": (0, [1])})),
        marshal.dumps((key, {})),
    ):
        entry.write_bytes(damage)
        assert _run(code, build_dir) == first


def test_entry_points_grouped_for_spacys_registries_are_the_same():
    code = (
        "import importlib.metadata as m\n"
        "before = m.entry_points()\n"
        "from writer.nlp.pipeline import import_spacy\n"
        "import_spacy()\n"
        "import catalogue\n"
        "grouped = catalogue.AVAILABLE_ENTRY_POINTS\n"
        "groups = {ep.group for g in dict.values(before) for ep in g} if isinstance(before, dict)"
        " else {ep.group for ep in before}\n"
        "assert set(grouped) == groups\n"
        "assert all(list(before.select(group=g)) == grouped[g] for g in groups)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_writability_is_known_before_building_something_costly(monkeypatch, tmp_path):
    from writer.cache import build_cache_writable

    monkeypatch.setenv("STMT_BUILD_CACHE_DIR", str(tmp_path / "not" / "yet"))
    assert build_cache_writable()  # created on the first write
    monkeypatch.setenv("STMT_BUILD_CACHE_DIR", "")
    assert not build_cache_writable()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("STMT_BUILD_CACHE_DIR", str(blocker / "sub"))
    assert not build_cache_writable()


def test_without_a_build_cache_the_expressions_are_not_put_in_storable_form(monkeypatch):
    from writer.nlp import pipeline

    monkeypatch.setenv("STMT_BUILD_CACHE_DIR", "")
    calls = []
    monkeypatch.setattr(pipeline, "_compiled_form", lambda p: calls.append(p))

    class Tokenizer:
        prefix_search = suffix_search = infix_finditer = token_match = url_match = None

    tokenizer = Tokenizer()
    import re

    tokenizer.prefix_search = re.compile("[a-z]+").search
    pipeline._store_compiled_regexes(tokenizer, set())
    assert calls == []


# -- the lexicons' parsed TOML ------------------------------------------------------------------


def test_lexicons_from_the_build_cache_are_the_parsed_ones(build_dir, tmp_path):
    from writer.nlp.lexicon import load_lexicons

    first = load_lexicons()  # parses, stores
    entry = _entry(build_dir, "lexicons-parsed", "marshal")
    assert entry.exists()
    assert load_lexicons() == first  # from the cache
    entry.write_bytes(b"\x00corrupt")
    assert load_lexicons() == first  # parsed again


def test_an_edited_lexicon_is_parsed_again_and_a_broken_one_still_refused(build_dir, tmp_path):
    from writer.errors import ConfigError
    from writer.nlp.lexicon import load_lexicons

    mine = tmp_path / "mine"
    mine.mkdir()
    extra = mine / "blame.toml"
    extra.write_text('[cues.excuse]\nphrases = ["the bus was late"]\n')
    assert "the bus was late" in load_lexicons((mine,))["blame"].cues["excuse"].phrases
    extra.write_text('[cues.excuse]\nphrases = ["the train was late"]\n')
    phrases = load_lexicons((mine,))["blame"].cues["excuse"].phrases
    assert "the train was late" in phrases and "the bus was late" not in phrases
    extra.write_text("[cues.excuse\nphrases = [")
    with pytest.raises(ConfigError, match="invalid lexicon"):
        load_lexicons((mine,))
    extra.write_text('documents = "nowhere"\n')
    with pytest.raises(ConfigError, match="documents"):
        load_lexicons((mine,))
