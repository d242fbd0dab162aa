"""Finding lexicon cues in a parsed Doc: built once per pipeline, run once per Doc.

Every cue group of every lexicon becomes a match key ``"lexicon.group"``;
single-word lemma lists are looked up per token (lemma or surface form,
lowercased), multi-word entries and patterns go through spaCy's Matcher and
PhraseMatcher. The result is, for each sentence, the groups that fired and
where. A statement is not searched for the cues of message-only lexicons
(``documents = "messages"``, see ``writer.nlp.lexicon``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from writer.nlp.lexicon import Lexicon

Hit = tuple[int, int]  # token start, token end (doc positions)


@dataclass
class CueIndex:
    """Cue hits of one Doc, grouped by key; query them per token range."""

    hits: dict[str, list[Hit]]

    def within(self, start: int, end: int) -> dict[str, list[Hit]]:
        """Each key's hits inside the token range (keys without one left out), in key order.

        The same as ``in_range`` for every key, in one scan of the doc's hits
        sorted by position, not one search per key.
        """
        flat, rank = self._by_position
        found: dict[str, list[Hit]] = {}
        for i in range(bisect_left(flat, (start,)), len(flat)):
            a, b, key = flat[i]
            if a >= end:
                break
            if b <= end:
                found.setdefault(key, []).append((a, b))
        return {key: found[key] for key in sorted(found, key=rank.__getitem__)}

    @cached_property
    def _by_position(self) -> tuple[list[tuple[int, int, str]], dict[str, int]]:
        flat = sorted((a, b, key) for key, hits in self.hits.items() for a, b in hits)
        return flat, {key: n for n, key in enumerate(self.hits)}

    def in_range(self, key: str, start: int, end: int) -> list[Hit]:
        hits = self.hits.get(key, ())
        out = []
        # hits are sorted: skip to the first that starts inside the range
        for h in hits[bisect_left(hits, (start, start)) :]:
            if h[0] >= end:
                break
            if h[1] <= end:
                out.append(h)
        return out


class CueFinder:
    """Every cue of every lexicon, compiled into as few matchers as possible.

    Lexicons whose cues only messages need (``documents = "messages"``) get
    matchers of their own, which ``find`` skips for a statement.
    """

    def __init__(self, nlp, lexicons: dict[str, Lexicon]) -> None:
        self.lexicons = lexicons
        everywhere = [lex for lex in lexicons.values() if lex.documents != "messages"]
        messages = [lex for lex in lexicons.values() if lex.documents == "messages"]
        self.everywhere = LexiconMatchers(nlp, everywhere)
        self.messages = LexiconMatchers(nlp, messages)

    def find(self, doc, kind: str | None = None) -> CueIndex:
        """The cues in ``doc``, a document of ``kind`` (None: every cue, whatever the kind).

        A statement gets no cue of a message-only lexicon.
        """
        hits: dict[str, set[Hit]] = defaultdict(set)
        self.everywhere.find(doc, hits)
        if kind != "statement":
            self.messages.find(doc, hits)
        return CueIndex({k: sorted(v) for k, v in hits.items()})


class LexiconMatchers:
    """The cues of some lexicons, compiled into as few matchers as possible.

    spaCy's Matcher tries each of its patterns at every token, so its cost
    grows with the number of patterns; a PhraseMatcher costs a hash lookup
    per token whatever its size. So a multi-word lemma entry ("fail to
    pass") does not become two Matcher patterns: its lowercase form is a
    phrase, and the form ending in the lemma ("failed to pass" is not it,
    "did not manage to pass" neither; "fail to passed" would be) is its
    lowercase prefix as a phrase followed by a token with that lemma. The
    hits are exactly those of the patterns ``[{"LOWER": w}, ...]`` and
    ``[{"LOWER": w}, ..., {"LEMMA": last}]``; only the lexicons' own
    patterns run in a Matcher, ``writer.nlp.matching.PatternMatcher``: the
    hits of spaCy's, with the token conditions of fixed-length patterns
    answered once per distinct token.
    """

    def __init__(self, nlp, lexicons: list[Lexicon]) -> None:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        from writer.nlp.matching import PatternMatcher

        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.prefix_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = PatternMatcher(nlp.vocab)  # spaCy's Matcher's hits, fewer Python calls
        self.single_lemmas: dict[str, set[str]] = defaultdict(set)
        # lowercase prefix -> (cue key, lemma the next token must have)
        self.prefix_tails: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for lex in lexicons:
            for group_name, group in lex.cues.items():
                key = f"{lex.name}.{group_name}"
                docs = []
                if group.phrases:
                    docs = list(nlp.tokenizer.pipe(sorted({p.lower() for p in group.phrases})))
                for lemma in group.lemmas:
                    words = lemma.lower().split()
                    if len(words) == 1 and len(split := nlp.tokenizer(words[0])) > 1:
                        # "c-section", "end-tidal": the tokenizer splits them, so
                        # match them as words, not as one lemma
                        docs.append(split)
                    elif len(words) == 1:
                        self.single_lemmas[words[0]].add(key)
                    else:
                        docs.append(Doc(nlp.vocab, words=words))
                        prefix = " ".join(words[:-1])
                        if prefix not in self.prefix_tails:
                            self.prefix_matcher.add(prefix, [Doc(nlp.vocab, words=words[:-1])])
                        self.prefix_tails[prefix].add((key, words[-1]))
                if docs:
                    self.phrase_matcher.add(key, docs)
                if group.patterns:
                    self.matcher.add(key, [list(p) for p in group.patterns])

    def find(self, doc, hits: dict[str, set[Hit]]) -> None:
        """Add the hits in ``doc`` to ``hits``."""
        strings = doc.vocab.strings
        for match_id, start, end in _run(self.phrase_matcher, doc):
            hits[strings[match_id]].add((start, end))
        for match_id, start, end in _run(self.prefix_matcher, doc):
            if end < len(doc):
                lemma = doc[end].lemma_
                for key, tail in self.prefix_tails[strings[match_id]]:
                    if lemma == tail:
                        hits[key].add((start, end + 1))
        for match_id, start, end in _run(self.matcher, doc):
            hits[strings[match_id]].add((start, end))
        lemmas = self.single_lemmas
        if not lemmas:
            return
        for tok in doc:
            lower = tok.lower_
            lemma = tok.lemma_.lower()
            for key in lemmas.get(lower, ()):
                hits[key].add((tok.i, tok.i + 1))
            if lemma != lower:
                for key in lemmas.get(lemma, ()):
                    hits[key].add((tok.i, tok.i + 1))


def _run(matcher, doc) -> list:
    """A matcher's hits; none from one without patterns."""
    return matcher(doc) if len(matcher) else []
