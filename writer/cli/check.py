"""`stmt check`: analyse drafts and report findings."""

from __future__ import annotations

import glob
import os
import sys
from pathlib import Path

import click

from writer.cli import main
from writer.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, InputError

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".text")
KINDS = ("statement",)


def expand_paths(paths: tuple[str, ...]) -> list[str]:
    """Files as given; directories recurse into drafts; globs are expanded.

    A path that does not exist is kept so that it is reported as an error
    alongside the others; the same file given twice is checked once.
    """
    out: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        if os.path.isdir(raw):
            found = sorted(
                str(p)
                for p in Path(raw).rglob("*")
                if p.suffix.lower() in DRAFT_SUFFIXES and p.is_file() and not any(part.startswith(".") for part in p.relative_to(raw).parts)
            )
            if not found:
                raise InputError(f"{raw}: directory holds no drafts ({', '.join(DRAFT_SUFFIXES)})")
            for p in found:
                add(p)
        elif not os.path.lexists(raw) and glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                raise InputError(f"{raw}: no file matches this pattern")
            for p in matches:
                add(p)
        else:
            add(raw)
    return out


@main.command("check")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--profile", "profile_path", type=click.Path(dir_okay=False), help="Applicant profile (TOML): scores, IMG status. Enables score-not-addressed and missing-img-perspective.")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Document kind (default: statement).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error", "never"]), default="error", show_default=True, help="Exit 1 when a finding reaches this severity.")
@click.option("--quiet", "-q", is_flag=True, help="Findings only: no summary, no suggestions.")
@click.option("--select", default=None, help="Comma-separated rule ids to run (default: all).")
@click.option("--ignore", default="", help="Comma-separated rule ids to skip.")
def check_command(paths, profile_path, kind, fmt, fail_on, quiet, select, ignore):
    """Check personal statements (and other drafts) against the advising guide.

    PATH may be a file, a directory (its .txt/.md/.docx drafts) or a glob.
    Findings print as `path:line:col: severity rule-id message`, then a
    summary of the statement's structure. Nothing is ever written to PATH.
    """
    from writer.api import check_files
    from writer.rules import RULES
    from writer.rules.base import severity_rank

    profile = None
    if profile_path:
        from writer.profile import load_profile

        profile = load_profile(profile_path)
        for warning in profile.warnings:
            click.echo(f"stmt: warning: {warning}", err=True)
    selected = _rule_ids(select, RULES) if select else None
    ignored = _rule_ids(ignore, RULES) if ignore else set()
    files = expand_paths(paths)
    results = check_files(files, profile=profile, kind=kind, select=selected, ignore=ignored)

    from writer.reports import REPORTERS

    color = fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    output = REPORTERS[fmt](results, color=color, quiet=quiet)
    if output:
        click.echo(output)
    if any(r.error for r in results):
        for r in results:
            if r.error and fmt != "text":
                click.echo(f"stmt: error: {r.error}", err=True)
        sys.exit(EXIT_USAGE)
    if fail_on != "never":
        threshold = severity_rank(fail_on)
        if any(severity_rank(f.severity) >= threshold for r in results for f in r.findings):
            sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _rule_ids(value: str, rules) -> set[str]:
    ids = {v.strip() for v in value.split(",") if v.strip()}
    unknown = sorted(ids - set(rules))
    if unknown:
        raise click.BadParameter(f"unknown rule id(s): {', '.join(unknown)} (see `stmt rules`)")
    return ids
