"""Finding lexicon cues in a parsed Doc: built once per pipeline, run once per Doc.

Every cue group of every lexicon becomes a match key ``"lexicon.group"``;
single-word lemma lists are looked up per token (lemma or surface form,
lowercased), multi-word entries and patterns go through spaCy's Matcher and
PhraseMatcher. The result is, for each sentence, the groups that fired and
where.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from writer.nlp.lexicon import Lexicon

Hit = tuple[int, int]  # token start, token end (doc positions)


@dataclass
class CueIndex:
    """Cue hits of one Doc, grouped by key; query them per token range."""

    hits: dict[str, list[Hit]]

    def in_range(self, key: str, start: int, end: int) -> list[Hit]:
        return [h for h in self.hits.get(key, ()) if h[0] >= start and h[1] <= end]


class CueFinder:
    def __init__(self, nlp, lexicons: dict[str, Lexicon]) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        self.lexicons = lexicons
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = Matcher(nlp.vocab)
        self.single_lemmas: dict[str, set[str]] = defaultdict(set)
        for lex in lexicons.values():
            for group_name, group in lex.cues.items():
                key = f"{lex.name}.{group_name}"
                if group.phrases:
                    docs = list(nlp.tokenizer.pipe(sorted({p.lower() for p in group.phrases})))
                    self.phrase_matcher.add(key, docs)
                patterns = [list(p) for p in group.patterns]
                for lemma in group.lemmas:
                    words = lemma.lower().split()
                    if len(words) == 1:
                        self.single_lemmas[words[0]].add(key)
                    else:
                        patterns.append(
                            [{"LOWER": w} for w in words[:-1]] + [{"LEMMA": words[-1]}]
                        )
                        patterns.append([{"LOWER": w} for w in words])
                if patterns:
                    self.matcher.add(key, patterns)

    def find(self, doc) -> CueIndex:
        hits: dict[str, set[Hit]] = defaultdict(set)
        strings = doc.vocab.strings
        for match_id, start, end in self.phrase_matcher(doc):
            hits[strings[match_id]].add((start, end))
        for match_id, start, end in self.matcher(doc):
            hits[strings[match_id]].add((start, end))
        lemmas = self.single_lemmas
        for tok in doc:
            for form in {tok.lemma_.lower(), tok.lower_}:
                for key in lemmas.get(form, ()):
                    hits[key].add((tok.i, tok.i + 1))
        return CueIndex({k: sorted(v) for k, v in hits.items()})
