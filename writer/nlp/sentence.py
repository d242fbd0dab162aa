"""A tagged sentence: what the NLP layer hands to rules, reports and the cache.

Kept apart from the pipeline so that reading results back (the cache, a
report) never imports the analysis machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Sentence:
    """One sentence of a draft, with offsets into the original text."""

    index: int
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    paragraph: int
    text: str
    tags: list[str] = field(default_factory=list)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    cues: dict[str, list[str]] = field(default_factory=dict)  # "lexicon.group" -> texts
