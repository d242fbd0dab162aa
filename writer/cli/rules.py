"""`stmt rules` and `stmt explain RULE`: the rule documentation (no spaCy)."""

from __future__ import annotations

import textwrap

import click

from writer.cli import main


def _kinds_label(kinds: tuple[str, ...]) -> str:
    """ "statement+emails" rather than seven kind names when a rule covers every email kind."""
    from writer.rules.email import EMAIL_KINDS

    if set(EMAIL_KINDS) <= set(kinds):
        rest = [k for k in kinds if k not in EMAIL_KINDS]
        return "+".join([*rest, "emails"])
    return ",".join(kinds)


@main.command("rules")
@click.option(
    "--kind",
    default=None,
    help="Only the rules for this document kind (statement, interest-email…).",
)
def rules_command(kind):
    """List every rule: id, severity, document kinds and what it checks."""
    from writer.rules import RULES

    rules = [r for r in RULES.values() if kind is None or kind in r.kinds]
    if not rules:
        from writer.errors import StmtError

        kinds = sorted({k for r in RULES.values() for k in r.kinds})
        raise StmtError(f"no rules for kind {kind!r}; kinds: {', '.join(kinds)}")
    width = max(len(r.id) for r in rules)
    labels = {r.id: _kinds_label(r.kinds) for r in rules}
    kind_width = min(20, max(len(v) for v in labels.values()))  # a long list may overflow
    for r in rules:
        click.echo(f"{r.id:<{width}}  {r.severity:<7}  {labels[r.id]:<{kind_width}}  {r.summary}")


@main.command("explain")
@click.argument("rule_id")
def explain_command(rule_id):
    """Show a rule's rationale from the guide, with a good and a bad example."""
    from difflib import get_close_matches

    from writer.errors import StmtError
    from writer.rules import RULES

    r = RULES.get(rule_id)
    if r is None:
        near = get_close_matches(rule_id, list(RULES), n=1)
        hint = f"; did you mean {near[0]}?" if near else "; see `stmt rules`"
        raise StmtError(f"unknown rule {rule_id!r}{hint}")
    wrap = lambda s: textwrap.fill(s, width=88, initial_indent="  ", subsequent_indent="  ")  # noqa: E731
    click.echo(f"{r.id} ({r.severity}; {', '.join(r.kinds)})\n")
    click.echo(wrap(r.summary) + "\n")
    click.echo("What the guide says:")
    click.echo(wrap(r.guide) + "\n")
    click.echo("Bad:")
    click.echo(wrap(r.bad) + "\n")
    click.echo("Good:")
    click.echo(wrap(r.good))
