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
from itertools import islice

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
        starts, flat, rank = self._by_position
        found: dict[str, list[Hit]] = {}
        for a, b, key, hit in islice(flat, bisect_left(starts, start), None):
            if a >= end:
                break
            if b <= end:
                hits = found.get(key)
                if hits is None:
                    found[key] = [hit]
                else:
                    hits.append(hit)
        if len(found) < 2:
            return found
        return {key: found[key] for key in sorted(found, key=rank.__getitem__)}

    @cached_property
    def _by_position(self) -> tuple[list[int], list[tuple[int, int, str, Hit]], dict[str, int]]:
        """Every hit by position (with its key), their starts, and each key's rank."""
        flat = sorted((a, b, key, (a, b)) for key, hits in self.hits.items() for a, b in hits)
        return [a for a, _, _, _ in flat], flat, {key: n for n, key in enumerate(self.hits)}

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
        self._nlp = nlp
        self._tokens = tokenized(nlp, _texts_to_tokenize(list(lexicons.values())))
        everywhere = [lex for lex in lexicons.values() if lex.documents != "messages"]
        self.everywhere = LexiconMatchers(nlp, everywhere, self._tokens)

    @cached_property
    def messages(self) -> LexiconMatchers:
        """The message-only cues' matchers, built when the first message is checked."""
        messages = [lex for lex in self.lexicons.values() if lex.documents == "messages"]
        return LexiconMatchers(self._nlp, messages, self._tokens)

    def find(self, doc, kind: str | None = None, columns=None) -> CueIndex:
        """The cues in ``doc``, a document of ``kind`` (None: every cue, whatever the kind).

        A statement gets no cue of a message-only lexicon. ``columns``: the Doc's
        ``writer.nlp.features.Columns``, if already read.
        """
        if columns is None:
            from writer.nlp.features import Columns

            columns = Columns.of(doc)
        hits: dict[str, set[Hit]] = defaultdict(set)
        self.everywhere.find(doc, hits, columns)
        if kind != "statement":
            self.messages.find(doc, hits, columns)
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

    def __init__(
        self, nlp, lexicons: list[Lexicon], tokens: dict[str, list[str]] | None = None
    ) -> None:
        """``tokens``: ``tokenized(nlp, ...)`` of at least these lexicons' strings."""
        from spacy.matcher import PhraseMatcher
        from spacy.strings import get_string_id

        from writer.nlp.matching import PatternMatcher

        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.prefix_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher = PatternMatcher(nlp.vocab)  # spaCy's Matcher's hits, fewer Python calls
        self.single_lemmas: dict[str, set[str]] = defaultdict(set)
        # lowercase prefix -> (cue key, lemma the next token must have)
        self.prefix_tails: dict[str, set[tuple[str, str]]] = defaultdict(set)

        def lowers(words) -> list[int]:
            # A pattern is the LOWER ids of its tokens, what the PhraseMatcher keeps of a
            # Doc: the same trie and hits, without a Doc (and its lexemes) for each entry.
            return [get_string_id(w.lower()) for w in words]

        if tokens is None:
            tokens = tokenized(nlp, _texts_to_tokenize(lexicons))
        for lex in lexicons:
            for group_name, group in lex.cues.items():
                key = f"{lex.name}.{group_name}"
                patterns = []
                if group.phrases:
                    patterns = [
                        lowers(tokens[p]) for p in sorted({p.lower() for p in group.phrases})
                    ]
                for lemma in group.lemmas:
                    words = lemma.lower().split()
                    if len(words) == 1 and len(split := tokens[words[0]]) > 1:
                        # "c-section", "end-tidal": the tokenizer splits them, so
                        # match them as words, not as one lemma
                        patterns.append(lowers(split))
                    elif len(words) == 1:
                        self.single_lemmas[words[0]].add(key)
                    else:
                        patterns.append(lowers(words))
                        prefix = " ".join(words[:-1])
                        if prefix not in self.prefix_tails:
                            self.prefix_matcher.add(prefix, [lowers(words[:-1])])
                        self.prefix_tails[prefix].add((key, words[-1]))
                if patterns:
                    self.phrase_matcher.add(key, patterns)
                if group.patterns:
                    self.matcher.add(key, [list(p) for p in group.patterns])

    def find(self, doc, hits: dict[str, set[Hit]], columns) -> None:
        """Add the hits in ``doc`` (its ``Columns``: ``columns``) to ``hits``."""
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
        for i, (lower, lemma) in enumerate(zip(columns.lower, columns.lemma, strict=True)):
            for key in lemmas.get(lower, ()):
                hits[key].add((i, i + 1))
            if lemma != lower:
                for key in lemmas.get(lemma, ()):
                    hits[key].add((i, i + 1))


def _texts_to_tokenize(lexicons: list[Lexicon]) -> set[str]:
    """The phrases and one-word lemmas whose tokens the matchers are built from."""
    texts: set[str] = set()
    for lex in lexicons:
        for group in lex.cues.values():
            texts.update(p.lower() for p in group.phrases)
            for lemma in group.lemmas:
                words = lemma.lower().split()
                if len(words) == 1:
                    texts.add(words[0])
    return texts


_TOKENIZED = "lexicon-tokens"
_MAX_TOKENIZED = 100_000  # the build cache keeps every lexicon string seen, up to this many


def tokenized(nlp, texts: set[str]) -> dict[str, list[str]]:
    """Each text's tokens as ``nlp``'s tokenizer splits it, remembered in the build cache.

    Tokenizing the lexicons' 3,000 phrases was most of the cost of building the
    matchers at start-up (a cold tokenizer, a new lexeme for every word). The
    cache is keyed by spaCy's version and the tokenizer's serialized rules, so
    another model or spaCy re-tokenizes; a lexicon edit tokenizes just the
    strings that are new.
    """
    import spacy

    from writer.cache import build_key, read_built, write_built

    key = build_key(spacy.__version__, nlp.tokenizer.to_bytes(exclude=["vocab"]))
    known = read_built(_TOKENIZED, key)
    if not isinstance(known, dict):
        known = {}
    missing = sorted(t for t in texts if not _is_tokens(known.get(t)))
    if missing:
        for text, doc in zip(missing, nlp.tokenizer.pipe(missing), strict=True):
            known[text] = [tok.text for tok in doc]
        if len(known) > _MAX_TOKENIZED:
            known = {t: known[t] for t in texts}
        write_built(_TOKENIZED, key, known)
    return {t: known[t] for t in texts}


def _is_tokens(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _run(matcher, doc) -> list:
    """A matcher's hits; none from one without patterns."""
    return matcher(doc) if len(matcher) else []
