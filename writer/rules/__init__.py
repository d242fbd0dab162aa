"""Rules: judgements on an analysed draft, each citing the guide passage it enforces.

A rule is a small function registered with ``@rule(...)``; its metadata (id,
severity, the guide's words, a good and a bad example) is what `stmt rules`
and `stmt explain` print. Rules never print; they return ``Finding``s.
"""

from writer.rules.base import RULES, Finding, Rule, RuleContext, get_rule, rules_for_kind

# Importing the modules registers their rules.
from writer.rules import statement as _statement  # noqa: E402,F401  isort:skip
from writer.rules import email as _email  # noqa: E402,F401  isort:skip

__all__ = ["RULES", "Finding", "Rule", "RuleContext", "get_rule", "rules_for_kind"]
