"""The model's attribute ruler, compiled into lookups: the same attributes, a fraction of the time.

``en_core_web_sm``'s ``attribute_ruler`` sets ``pos_``, ``morph`` and some
``lemma_`` from 179 Matcher patterns, and spaCy's Matcher tries every pattern
at every token: about a sixth of a warm batch check. But 171 of the patterns
are one token long, so which of them match a token depends only on that
token's own values of the attributes they test (TAG, LOWER, DEP, IS_SPACE).
``CompiledRules`` asks spaCy's own Matcher once per distinct combination of
those values and remembers what the rules then write; only the few longer
patterns ("gon na", "ai n't") still run through a (much smaller) Matcher on
every Doc.

It does exactly what ``spacy.pipeline.AttributeRuler`` does: every match is
found on the Doc as the previous component left it, then the rules are
applied in the order they were added (a later rule wins), each to
``span[index]`` with ``set_token_attrs``. A ruler this cannot reproduce
exactly (extension attributes, an attribute whose writing touches more than
its own field, a pattern on sentence starts) is left in the pipeline
unchanged: ``compile_rules`` returns None.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

COMPONENT = "attribute_ruler"
_FACTORY = "stmt_compiled_attribute_ruler"

# Attributes a rule may write: plain fields of the token, so writing one never
# changes another, and rules can be merged (the last value of each wins).
_WRITABLE = ("POS", "TAG", "MORPH", "LEMMA", "DEP")
# Attributes whose values are string ids: a value no pattern names behaves
# like any other value no pattern names, for equality and IN/NOT_IN.
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
_MAX_KEYS = 200_000


class Unsupported(Exception):
    """A ruler feature this module does not reproduce; the original stays."""


class CompiledRules:
    """An AttributeRuler's rules as lookups per distinct token.

    Every token condition of every pattern (a pattern of three tokens has
    three) becomes a one-token pattern of ``self.conditions``, a spaCy
    Matcher asked once per distinct *key*: the token's values of the
    attributes the conditions test. A value no condition names (most words:
    only a few dozen LOWER values are named) stands for all such values, as
    they satisfy the same conditions. Per key is remembered which conditions
    hold, so which rules match a single token and where a multi-token pattern
    may start; such a pattern then matches where each following token
    satisfies its condition. Patterns with operators ("OP") go to a Matcher
    of their own.
    """

    def __init__(self, ruler) -> None:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher
        from spacy.pipeline import AttributeRuler
        from spacy.tokens._retokenize import normalize_token_attrs

        if type(ruler) is not AttributeRuler:
            raise Unsupported(f"{type(ruler).__name__} is not spaCy's AttributeRuler")
        self.vocab = ruler.vocab
        writable = {IDS[a] for a in _WRITABLE}
        self._string_valued = {IDS[a] for a in _STRING_VALUED}
        self._ids = IDS
        self.conditions = Matcher(self.vocab)  # one pattern per token condition
        self.with_operators = Matcher(self.vocab)  # run on every Doc, as AttributeRuler does
        self.attrs: list[dict] = []  # per rule, normalized as AttributeRuler stores them
        self.indices: list[int] = []
        self._rule_of: dict[int, int] = {}  # match id (with_operators) -> rule number
        self._condition_of: dict[int, int] = {}  # match id (conditions) -> condition number
        self._single_rule: dict[int, int] = {}  # condition of a one-token pattern -> its rule
        # multi-token patterns: (rule, conditions in order)
        self._sequences: list[tuple[int, tuple[int, ...]]] = []
        # attribute id -> what the conditions ask of it
        self._tested: dict[int, _Tested] = {}
        for number, rule in enumerate(ruler.patterns):
            attrs = normalize_token_attrs(self.vocab, dict(rule["attrs"]))
            if not set(attrs) <= writable:
                raise Unsupported(f"rule {number} writes {sorted(rule['attrs'])}")
            index = rule.get("index", 0)
            with_operators = []
            for pattern in rule["patterns"]:
                if any(_name(a) == "OP" for spec in pattern for a in spec):
                    for spec in pattern:
                        self._attribute_ids(spec)  # no extensions, no sentence starts
                    with_operators.append(pattern)
                    continue
                conditions = tuple(self._add_condition(spec) for spec in pattern)
                if len(conditions) == 1:
                    if index not in (0, -1):
                        raise Unsupported(f"rule {number}: index {index} of a one-token pattern")
                    self._single_rule[conditions[0]] = number
                else:
                    self._sequences.append((number, conditions))
            if with_operators:
                key = f"stmt_attribute_rule_{number}"
                self._rule_of[self.vocab.strings.add(key)] = number
                self.with_operators.add(key, with_operators)
            self.attrs.append(attrs)
            self.indices.append(index)
        self.key_attrs = sorted(self._tested)
        self._columns = [self._tested[attr] for attr in self.key_attrs]
        self._by_key: dict[tuple, _Entry] = {}
        self._merged: dict[tuple[int, ...], dict | None] = {}

    # -- compiling -------------------------------------------------------------------------
    def _add_condition(self, spec: dict) -> int:
        for attr, value in self._attribute_ids(spec):
            tested = self._tested.setdefault(attr, _Tested(self.vocab.strings))
            tested.note(value, string_valued=attr in self._string_valued)
        number = len(self._condition_of)
        key = f"stmt_attribute_condition_{number}"
        self._condition_of[self.vocab.strings.add(key)] = number
        self.conditions.add(key, [[spec]])
        return number

    def _attribute_ids(self, spec: dict) -> list[tuple[int, Any]]:
        out = []
        for name, value in spec.items():
            upper = _name(name)
            if upper == "OP":
                continue
            if upper == "_":
                raise Unsupported("extension attributes")
            upper = {"TEXT": "ORTH", "IS_SENT_START": "SENT_START"}.get(upper, upper)
            attr = name if isinstance(name, int) else self._ids.get(upper)
            # the Matcher reads a sentence start differently from Doc.to_array
            if attr is None or attr == self._ids["SENT_START"]:
                raise Unsupported(f"pattern attribute {name!r}")
            out.append((attr, value))
        return out

    # -- applying --------------------------------------------------------------------------
    def writes(self, doc) -> list[tuple[int, dict]] | None:
        """(token index, attributes) to set, in token order; None if spaCy would raise."""
        n = len(doc)
        if not n:
            return []
        entries = self._entries(doc)
        extra: dict[int, set[int]] = {}
        for i, entry in enumerate(entries):
            for number, conditions in entry.starts:
                end = i + len(conditions)
                if end <= n and all(
                    c in entries[j].holds
                    for j, c in zip(range(i + 1, end), conditions[1:], strict=True)
                ):
                    if not self._target(extra, number, i, end):
                        return None
        if len(self.with_operators):
            for match_id, start, end in self.with_operators(doc, allow_missing=True):
                if not self._target(extra, self._rule_of[match_id], start, end):
                    return None
        out = []
        for i, entry in enumerate(entries):
            attrs = entry.attrs
            if i in extra:
                attrs = self._merge(tuple(sorted(extra[i].union(entry.rules))))
            if attrs:
                out.append((i, attrs))
        return out

    def _target(self, extra: dict[int, set[int]], number: int, start: int, end: int) -> bool:
        """Note that rule ``number`` applies to ``span[index]``; False if out of the span."""
        index = self.indices[number]
        target = start + index if index >= 0 else end + index
        if not start <= target < end:
            return False  # AttributeRuler raises E1001 here: let it
        extra.setdefault(target, set()).add(number)
        return True

    def _entries(self, doc) -> list[_Entry]:
        n = len(doc)
        if not self.key_attrs:
            keys = [()] * n
        else:
            values = doc.to_array(self.key_attrs).reshape(n, len(self.key_attrs))
            keys = zip(*(c.group(values[:, i]) for i, c in enumerate(self._columns)), strict=True)
        by_key = self._by_key
        # bounded: a long-running server meets new words for ever
        if len(by_key) > _MAX_KEYS or any(len(c.classes) > _MAX_KEYS for c in self._columns):
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

    def _entry(self, doc, i: int) -> _Entry:
        holds: frozenset[int] = frozenset()
        if len(self.conditions):
            found = self.conditions(doc[i : i + 1], allow_missing=True)
            holds = frozenset(self._condition_of[match_id] for match_id, _, _ in found)
        rules = tuple(sorted({self._single_rule[c] for c in holds if c in self._single_rule}))
        starts = tuple((r, seq) for r, seq in self._sequences if seq[0] in holds)
        return _Entry(holds, rules, self._merge(rules), starts)

    def _merge(self, rules: tuple[int, ...]) -> dict | None:
        """What the rules write, applied in order (a later rule wins); None for nothing."""
        if rules not in self._merged:
            merged: dict = {}
            for number in rules:
                merged.update(self.attrs[number])
            self._merged[rules] = merged or None
        return self._merged[rules]


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
        self._named_array = None

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
                else:
                    self.named.update(get_string_id(x) for x in values)
        else:
            self.every_value = True

    def group(self, column) -> list:
        """The key part of each value of a ``Doc.to_array`` column."""
        import numpy

        if self.every_value:
            return column.tolist()
        if not self.regexes:
            if self._named_array is None:
                self._named_array = numpy.array(sorted(self.named), dtype=numpy.uint64)
            # None is never a value: it stands for every value no condition names
            named = numpy.isin(column, self._named_array).tolist()
            return [
                v if is_named else None for v, is_named in zip(column.tolist(), named, strict=True)
            ]
        classes, named = self.classes, self.named
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


class _Entry(NamedTuple):
    """What the rules make of one key."""

    holds: frozenset[int]  # conditions the token satisfies
    rules: tuple[int, ...]  # one-token rules that match, in order
    attrs: dict | None  # what they write
    starts: tuple[tuple[int, tuple[int, ...]], ...]  # multi-token patterns it may start


class CompiledAttributeRuler:
    """The pipeline component: compiled rules, or the original ruler where spaCy would raise."""

    def __init__(self, name: str = COMPONENT) -> None:
        self.name = name
        self.rules: CompiledRules | None = None
        self.original = None

    def __call__(self, doc):
        from spacy.tokens._retokenize import set_token_attrs

        writes = self.rules.writes(doc)
        if writes is None:
            return self.original(doc)
        for i, attrs in writes:
            set_token_attrs(doc[i], attrs)
        return doc


def compile_rules(ruler) -> CompiledRules | None:
    """The ruler's rules compiled, or None if it uses something this does not reproduce."""
    try:
        return CompiledRules(ruler)
    except Unsupported:
        return None


def use_compiled_attribute_ruler(nlp) -> bool:
    """Replace the pipeline's attribute ruler, in place, by its compiled form; False if kept."""
    if COMPONENT not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(COMPONENT)
    rules = compile_rules(ruler)
    if rules is None:
        return False
    _register_factory()
    component = nlp.replace_pipe(COMPONENT, _FACTORY)
    component.rules, component.original = rules, ruler
    return True


def _register_factory() -> None:
    from spacy.language import Language

    if not Language.has_factory(_FACTORY):
        Language.factory(_FACTORY, func=_make_component)


def _make_component(nlp, name: str) -> CompiledAttributeRuler:
    """An empty component; ``use_compiled_attribute_ruler`` gives it its rules."""
    return CompiledAttributeRuler(name)


def _name(attr) -> str | None:
    return attr.upper() if isinstance(attr, str) else None
