"""``--statistics``: how many findings each rule produced, most frequent first."""

from __future__ import annotations

from collections import Counter


def statistics(results) -> list[tuple[str, str, int]]:
    """(rule, severity, count) over every file, most frequent first."""
    counts: Counter[tuple[str, str]] = Counter(
        (f.rule, f.severity) for r in results for f in r.findings
    )
    return [
        (rule, sev, n) for (rule, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def render_statistics(results, **_options) -> str:
    rows = statistics(results)
    if not rows:
        return ""
    width = max(len(str(n)) for _, _, n in rows)
    rule_width = max(len(rule) for rule, _, _ in rows)
    return "\n".join(f"{n:>{width}}  {rule:<{rule_width}}  [{sev}]" for rule, sev, n in rows)
