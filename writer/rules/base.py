"""The rule registry, the Finding a rule returns, and what a rule may read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    start: int = 0
    end: int = 0
    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "suggestion": self.suggestion,
        }


@dataclass
class RuleContext:
    """What a rule may read: the analysis, the profile (or None), shipped lexicons."""

    analysis: Any  # writer.nlp.analyze.Analysis
    profile: Any = None  # writer.profile.Profile | None
    lexicons: dict = field(default_factory=dict)
    cues: Any = None  # CueFinder, for rules that look at raw text
    #: word -> is it an English word (``Analyzer.is_english_word``); None: not known
    is_word: Any = None

    @property
    def sentences(self):
        return self.analysis.sentences

    def tagged(self, tag: str):
        return [s for s in self.analysis.sentences if tag in s.tags]

    def at_sentence(
        self, rule: Rule, sentence, message: str, suggestion: str | None = None
    ) -> Finding:
        return Finding(
            rule=rule.id,
            severity=rule.severity,
            message=message,
            start=sentence.start,
            end=sentence.end,
            line=sentence.line,
            column=sentence.column,
            end_line=sentence.end_line,
            end_column=sentence.end_column,
            suggestion=suggestion,
        )

    def at_offsets(
        self, rule: Rule, start: int, end: int, message: str, suggestion: str | None = None
    ) -> Finding:
        lines = self.analysis.document.lines
        line, col = lines.position(start)
        end_line, end_col = lines.position(max(start, end - 1))
        return Finding(
            rule.id,
            rule.severity,
            message,
            start,
            end,
            line,
            col,
            end_line,
            end_col + 1,
            suggestion,
        )

    def at_document(self, rule: Rule, message: str, severity: str | None = None) -> Finding:
        """A finding about the whole draft, placed at its first character."""
        text = self.analysis.document.text
        start = len(text) - len(text.lstrip())
        finding = self.at_offsets(rule, start, start + 1 if text else 0, message)
        if severity:
            finding.severity = severity
        return finding


@dataclass
class Rule:
    id: str
    severity: str
    kinds: tuple[str, ...]
    summary: str
    guide: str
    good: str
    bad: str
    check: Callable[[Rule, RuleContext], list[Finding]]


RULES: dict[str, Rule] = {}


def rule(
    id: str,
    severity: str,
    summary: str,
    guide: str,
    good: str,
    bad: str,
    kinds: tuple[str, ...] = ("statement",),
):
    """Register the decorated ``check(rule, ctx) -> list[Finding]`` as a rule."""
    if severity not in SEVERITIES:
        raise ValueError(severity)

    def wrap(fn):
        if id in RULES:
            raise ValueError(f"duplicate rule id {id}")
        RULES[id] = Rule(id, severity, kinds, summary, guide, good, bad, fn)
        return fn

    return wrap


def get_rule(rule_id: str) -> Rule | None:
    return RULES.get(rule_id)


def rules_for_kind(kind: str) -> list[Rule]:
    return [r for r in RULES.values() if kind in r.kinds]
