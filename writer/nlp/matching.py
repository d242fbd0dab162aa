"""spaCy Matcher patterns answered once per distinct token, not once per token.

spaCy's Matcher tries every pattern at every token, and a condition with a
Python predicate (IN, NOT_IN, REGEX) costs a Python call per token for each
pattern that starts with one. But whether a token satisfies a condition
depends only on the token's values of the attributes it tests, and few
values matter: a value no condition names answers every equality and
IN/NOT_IN like any other unnamed value. ``TokenConditions`` keys each token
by those values (unnamed ones grouped, and split by the regular expressions
that match them), asks spaCy's own Matcher once per key which conditions
hold, and remembers it. A fixed-length pattern (no "OP") matches where each
of its tokens satisfies its condition; a pattern with "?", "*" or "+" where
its conditions, read as a regular expression, match the tokens from a start
to an end (every such pair, as spaCy reports them). ``PatternMatcher`` gives,
for any patterns, the matches of spaCy's Matcher: those this way, the rest
(other operators, extension attributes, sentence starts) by spaCy's Matcher.
(spaCy's Matcher asked its Python predicates again at every token for the
lexicons' eight patterns with operators: 5 µs a word, 60% of the cue search.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

# Attributes whose values are string ids: a value no condition names behaves
# like any other value no condition names, for equality and IN/NOT_IN.
_STRING_VALUED = (
    "ORTH",
    "LOWER",
    "NORM",
    "SHAPE",
    "PREFIX",
    "SUFFIX",
    "LEMMA",
    "TAG",
    "DEP",
    "POS",
)
_PLAIN_PREDICATES = frozenset({"IN", "NOT_IN"})
# annotations whose absence spaCy's Matcher refuses (unless allow_missing)
_ANNOTATIONS = ("TAG", "POS", "MORPH", "LEMMA", "DEP")
MAX_KEYS = 200_000


class Unsupported(Exception):
    """A condition this module cannot key; spaCy's Matcher must answer it."""


class Entry(NamedTuple):
    """What is known of one key: the conditions that hold, and what follows from them."""

    holds: frozenset[int]
    starts: tuple[tuple[Any, tuple[int, ...]], ...]  # (label, conditions) of sequences it may start
    data: Any  # what ``describe(holds)`` made of it
    quantified: tuple[_Quantified, ...] = ()  # the patterns with operators it may start


class TokenConditions:
    """One-token Matcher conditions and the fixed-length sequences made of them.

    ``describe(holds)`` (optional) is computed once per key as ``Entry.data``.
    """

    def __init__(self, vocab, describe: Callable[[frozenset[int]], Any] | None = None) -> None:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        self.vocab = vocab
        self._ids = IDS
        self._string_valued = {IDS[a] for a in _STRING_VALUED}
        self._describe = describe or (lambda holds: None)
        self._matcher = Matcher(vocab)  # one pattern per condition
        self._condition_of: dict[int, int] = {}  # match id -> condition number
        self._tested: dict[int, _Tested] = {}  # attribute id -> what conditions ask of it
        self.sequences: list[tuple[Any, tuple[int, ...]]] = []
        self.quantified: list[_Quantified] = []
        self._by_key: dict[tuple, Entry] = {}
        self._columns: list[_Tested] = []
        self.key_attrs: list[int] = []

    def __len__(self) -> int:
        return len(self._condition_of)

    # -- building ------------------------------------------------------------------------
    def condition(self, spec: dict) -> int:
        """Add a token condition (one token of a pattern, without "OP"); its number."""
        tested = [(attr, value) for attr, value in attribute_ids(spec, self._ids)]
        for attr, value in tested:
            column = self._tested.setdefault(attr, _Tested(self.vocab.strings))
            column.note(value, string_valued=attr in self._string_valued)
        number = len(self._condition_of)
        key = f"stmt_condition_{number}"
        self._condition_of[self.vocab.strings.add(key)] = number
        self._matcher.add(key, [[spec]])
        self.key_attrs = sorted(self._tested)
        self._columns = [self._tested[attr] for attr in self.key_attrs]
        self._by_key.clear()
        return number

    def sequence(self, label: Any, pattern: list[dict]) -> tuple[int, ...]:
        """Add a fixed-length pattern, reported as ``label``; its conditions."""
        if any(_name(a) == "OP" for spec in pattern for a in spec):
            raise Unsupported("operators")
        for spec in pattern:
            attribute_ids(spec, self._ids)  # refuse before adding any of them
        conditions = tuple(self.condition(spec) for spec in pattern)
        if conditions:
            self.sequences.append((label, conditions))
            self._by_key.clear()
        return conditions

    def quantified_pattern(self, label: Any, pattern: list[dict]) -> None:
        """Add a pattern with "?", "*" or "+" operators, reported as ``label``.

        spaCy's Matcher (no ``greedy``) reports every (start, end) whose tokens the
        pattern matches as a regular expression over token conditions would, so
        that is what ``matches`` finds: "+" is one token then "*", and a pattern
        whose every token is optional is left to spaCy.
        """
        ops = [next((v for k, v in spec.items() if _name(k) == "OP"), None) for spec in pattern]
        if any(op not in (None, "?", "*", "+") for op in ops):
            raise Unsupported("operators other than ?, * and +")
        if all(op in ("?", "*") for op in ops):
            raise Unsupported("a pattern whose every token is optional")
        for spec in pattern:
            attribute_ids(spec, self._ids)  # refuse before adding any of them
        steps: list[tuple[int, str | None]] = []
        for spec, op in zip(pattern, ops, strict=True):
            condition = self.condition({k: v for k, v in spec.items() if _name(k) != "OP"})
            steps += [(condition, None), (condition, "*")] if op == "+" else [(condition, op)]
        self.quantified.append(_Quantified(label, tuple(steps)))
        self._by_key.clear()

    # -- matching ------------------------------------------------------------------------
    def entries(self, doc) -> list[Entry]:
        """Each token's entry, looked up by its key (computed for keys not seen yet)."""
        n = len(doc)
        if not self.key_attrs:
            keys: Iterable[tuple] = [()] * n
        else:
            values = doc.to_array(self.key_attrs).reshape(n, len(self.key_attrs))
            columns = (c.group(values[:, i]) for i, c in enumerate(self._columns))
            keys = zip(*columns, strict=True)
        by_key = self._by_key
        # bounded: a long-running server meets new words for ever
        if len(by_key) > MAX_KEYS or any(len(c.classes) > MAX_KEYS for c in self._columns):
            by_key.clear()
            for column in self._columns:
                column.classes.clear()
        entries = []
        for i, key in enumerate(keys):
            entry = by_key.get(key)
            if entry is None:
                entry = by_key[key] = self._entry(doc, i)
            entries.append(entry)
        return entries

    def matches(self, entries: list[Entry]) -> list[tuple[Any, int, int]]:
        """(label, start, end) of every sequence that matches, by start."""
        n = len(entries)
        found = []
        for i, entry in enumerate(entries):
            for label, conditions in entry.starts:
                end = i + len(conditions)
                if end <= n and all(
                    c in entries[j].holds
                    for j, c in zip(range(i + 1, end), conditions[1:], strict=True)
                ):
                    found.append((label, i, end))
        if self.quantified:
            for i, entry in enumerate(entries):
                for pattern in entry.quantified:
                    found.extend(pattern.ends(entries, i))
        return found

    def _entry(self, doc, i: int) -> Entry:
        holds: frozenset[int] = frozenset()
        if len(self._condition_of):
            found = self._matcher(doc[i : i + 1], allow_missing=True)
            holds = frozenset(self._condition_of[match_id] for match_id, _, _ in found)
        starts = tuple((label, seq) for label, seq in self.sequences if seq[0] in holds)
        quantified = tuple(p for p in self.quantified if not p.first.isdisjoint(holds))
        return Entry(holds, starts, self._describe(holds), quantified)


class _Quantified:
    """A pattern with optional and repeated tokens, run as a set of states per token."""

    def __init__(self, label: Any, steps: tuple[tuple[int, str | None], ...]) -> None:
        self.label = label
        self.steps = steps
        n = len(steps)
        # reach[j]: the states j leads to without a token (skipping "?" and "*" steps)
        self.reach: list[frozenset[int]] = [frozenset()] * (n + 1)
        for j in range(n, -1, -1):
            skip = j < n and steps[j][1] in ("?", "*")
            self.reach[j] = frozenset({j}) | (self.reach[j + 1] if skip else frozenset())
        # after a token satisfies step j: the next step, or j again for "*"
        self.after = [self.reach[j if op == "*" else j + 1] for j, (_, op) in enumerate(steps)]
        self.first = frozenset(steps[j][0] for j in self.reach[0] if j < n)

    def ends(self, entries: list[Entry], start: int) -> list[tuple[Any, int, int]]:
        """(label, start, end) of every match that starts at ``start``."""
        n, steps, after = len(self.steps), self.steps, self.after
        states = self.reach[0]
        found = []
        for k in range(start, len(entries)):
            holds = entries[k].holds
            following: set[int] = set()
            for j in states:
                if j < n and steps[j][0] in holds:
                    following |= after[j]
            if not following:
                break
            states = following
            if n in states:
                found.append((self.label, start, k + 1))
        return found


class PatternMatcher:
    """The matches spaCy's Matcher would give for these patterns (no callbacks, no greedy)."""

    def __init__(self, vocab) -> None:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        self.vocab = vocab
        self._ids = IDS
        self.conditions = TokenConditions(vocab)
        self.others = Matcher(vocab)  # patterns with operators, extensions, sentence starts
        # every pattern, as spaCy has it: it refuses bad patterns when they are added, and
        # Docs without an annotation the patterns read when they are matched
        self.full = Matcher(vocab)
        self._needs: set[int] = set()  # annotations the patterns read

    def __len__(self) -> int:
        return len(self.full)

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        self.full.add(key, patterns)
        match_id = self.vocab.strings.add(key)
        others = []
        for pattern in patterns:
            self._needs |= _annotations_read(pattern, self._ids)
            try:
                self.conditions.sequence(match_id, pattern)
            except Unsupported:
                try:
                    self.conditions.quantified_pattern(match_id, pattern)
                except Unsupported:
                    others.append(pattern)
        if others:
            self.others.add(key, others)

    def __call__(self, doc) -> list[tuple[int, int, int]]:
        """(match id, start, end) of every match; duplicates possible, order not spaCy's."""
        if any(not doc.has_annotation(attr) for attr in self._needs):
            return self.full(doc)  # spaCy's Matcher may refuse such a Doc: let it
        found = self.conditions.matches(self.conditions.entries(doc)) if len(doc) else []
        if len(self.others):
            found.extend(self.others(doc))
        return found


def attribute_ids(spec: dict, ids) -> list[tuple[int, Any]]:
    """(attribute id, value) of a token spec; Unsupported for what a key cannot hold."""
    out = []
    for name, value in spec.items():
        upper = _name(name)
        if upper == "OP":
            continue
        if upper == "_":
            raise Unsupported("extension attributes")
        upper = {"TEXT": "ORTH", "IS_SENT_START": "SENT_START"}.get(upper, upper)
        attr = name if isinstance(name, int) else ids.get(upper)
        # the Matcher reads a sentence start differently from Doc.to_array
        if attr is None or attr == ids["SENT_START"]:
            raise Unsupported(f"pattern attribute {name!r}")
        out.append((attr, value))
    return out


def _annotations_read(pattern: list[dict], ids) -> set[int]:
    """The annotations a pattern reads (spaCy's Matcher checks fewer: a superset is safe)."""
    needed = {ids[a] for a in _ANNOTATIONS}
    found = set()
    for spec in pattern:
        for name in spec:
            upper = _name(name)
            attr = name if isinstance(name, int) else ids.get(upper or "")
            if attr in needed:
                found.add(attr)
    return found


class _Tested:
    """What the conditions ask of one attribute: which of its values answer alike.

    Equality and IN/NOT_IN only tell the values they name from the rest; a
    regular expression splits the rest by whether it matches. Values that
    answer every condition alike share a key; comparisons and fuzzy matches
    are not grouped (every value is its own key).
    """

    def __init__(self, strings) -> None:
        self.strings = strings
        self.named: set[int] = set()
        self.regexes: list[re.Pattern] = []
        self.every_value = False
        self.classes: dict[int, tuple] = {}  # unnamed value -> which regexes match it

    def note(self, value, string_valued: bool) -> None:
        from spacy.strings import get_string_id

        if not string_valued:
            self.every_value = True  # flags, lengths: few values anyway
        elif isinstance(value, (str, int)):
            self.named.add(get_string_id(value))
        elif isinstance(value, dict) and all(_plain(p, v) for p, v in value.items()):
            for predicate, values in value.items():
                if _name(predicate) == "REGEX":
                    self.regexes.append(re.compile(values))
                    self.classes.clear()
                else:
                    self.named.update(get_string_id(x) for x in values)
        else:
            self.every_value = True

    def group(self, column) -> list:
        """The key part of each value of a ``Doc.to_array`` column."""
        if self.every_value:
            return column.tolist()
        classes, named = self.classes, self.named
        if not self.regexes:
            # None is never a value: it stands for every value no condition names. (A set
            # lookup per value: numpy.isin imported numpy.ma on first use, 26 ms of a cold check.)
            return [v if v in named else None for v in column.tolist()]
        return [v if v in named else (classes.get(v) or self._classify(v)) for v in column.tolist()]

    def _classify(self, value: int) -> tuple:
        text = self.strings[value]
        found = self.classes[value] = (None, *(bool(r.search(text)) for r in self.regexes))
        return found


def _plain(predicate, value) -> bool:
    """Equality-like (IN, NOT_IN over plain values) or a plain regular expression."""
    name = _name(predicate)
    if name == "REGEX":
        return isinstance(value, str)
    return name in _PLAIN_PREDICATES and (
        isinstance(value, list) and all(isinstance(x, (str, int)) for x in value)
    )


def _name(attr) -> str | None:
    return attr.upper() if isinstance(attr, str) else None
