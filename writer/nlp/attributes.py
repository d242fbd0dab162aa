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

from writer.nlp.matching import TokenConditions, Unsupported, attribute_ids

COMPONENT = "attribute_ruler"
_FACTORY = "stmt_compiled_attribute_ruler"

# Attributes a rule may write: plain fields of the token, so writing one never
# changes another, and rules can be merged (the last value of each wins).
_WRITABLE = ("POS", "TAG", "MORPH", "LEMMA", "DEP")


class CompiledRules:
    """An AttributeRuler's rules as lookups per distinct token.

    Every token condition of every pattern (a pattern of three tokens has
    three) is answered once per distinct key (``writer.nlp.matching``); per
    key is remembered which one-token rules match and what they write, and
    where a multi-token pattern may start. Patterns with operators ("OP") go
    to a Matcher of their own.
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
        self.conditions = TokenConditions(self.vocab, describe=self._describe)
        self.with_operators = Matcher(self.vocab)  # run on every Doc, as AttributeRuler does
        self.attrs: list[dict] = []  # per rule, normalized as AttributeRuler stores them
        self.indices: list[int] = []
        self._rule_of: dict[int, int] = {}  # match id (with_operators) -> rule number
        self._single_rule: dict[int, int] = {}  # condition of a one-token pattern -> its rule
        self._merged: dict[tuple[int, ...], dict | None] = {}
        for number, rule in enumerate(ruler.patterns):
            attrs = normalize_token_attrs(self.vocab, dict(rule["attrs"]))
            if not set(attrs) <= writable:
                raise Unsupported(f"rule {number} writes {sorted(rule['attrs'])}")
            index = rule.get("index", 0)
            with_operators = []
            for pattern in rule["patterns"]:
                if any(isinstance(a, str) and a.upper() == "OP" for spec in pattern for a in spec):
                    for spec in pattern:
                        attribute_ids(spec, IDS)  # no extensions, no sentence starts
                    with_operators.append(pattern)
                elif len(pattern) == 1:
                    if index not in (0, -1):
                        raise Unsupported(f"rule {number}: index {index} of a one-token pattern")
                    self._single_rule[self.conditions.condition(pattern[0])] = number
                else:
                    self.conditions.sequence(number, pattern)
            if with_operators:
                key = f"stmt_attribute_rule_{number}"
                self._rule_of[self.vocab.strings.add(key)] = number
                self.with_operators.add(key, with_operators)
            self.attrs.append(attrs)
            self.indices.append(index)

    def writes(self, doc) -> list[tuple[int, dict]] | None:
        """(token index, attributes) to set, in token order; None if spaCy would raise."""
        if not len(doc):
            return []
        entries = self.conditions.entries(doc)
        extra: dict[int, set[int]] = {}
        for number, start, end in self.conditions.matches(entries):
            if not self._target(extra, number, start, end):
                return None
        if len(self.with_operators):
            for match_id, start, end in self.with_operators(doc, allow_missing=True):
                if not self._target(extra, self._rule_of[match_id], start, end):
                    return None
        out = []
        for i, entry in enumerate(entries):
            rules, attrs = entry.data
            if i in extra:
                attrs = self._merge(tuple(sorted(extra[i].union(rules))))
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

    def _describe(self, holds: frozenset[int]) -> tuple[tuple[int, ...], dict | None]:
        """The one-token rules a key matches, in order, and what they write."""
        rules = tuple(sorted({self._single_rule[c] for c in holds if c in self._single_rule}))
        return rules, self._merge(rules)

    def _merge(self, rules: tuple[int, ...]) -> dict | None:
        """What the rules write, applied in order (a later rule wins); None for nothing."""
        if rules not in self._merged:
            merged: dict = {}
            for number in rules:
                merged.update(self.attrs[number])
            self._merged[rules] = merged or None
        return self._merged[rules]


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
