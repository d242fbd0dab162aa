"""`stmt rules` and `stmt explain RULE`: the rule documentation (no spaCy)."""

from __future__ import annotations

import textwrap

import click

from writer.cli import main


@main.command("rules")
def rules_command():
    """List every rule: id, severity, document kinds and what it checks."""
    from writer.rules import RULES

    width = max(len(r) for r in RULES)
    for r in RULES.values():
        click.echo(f"{r.id:<{width}}  {r.severity:<7}  {','.join(r.kinds):<10}  {r.summary}")


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
