"""`stmt draft` and `stmt init`: write the messages the guide recommends.

Thin commands over ``writer.drafting`` and ``writer.profile``: parse options,
call the library, print drafts to stdout and advice to stderr. Nothing here
imports spaCy, so drafting stays instant.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from writer.cli import main
from writer.drafting import KINDS, Draft, draft, draft_all, write_drafts
from writer.drafting.output import OutputError, write_file
from writer.errors import StmtError
from writer.profile import Profile, load_profile
from writer.resources import data_dir

DEFAULT_PROFILE = "profile.toml"

DRAFT_EPILOG = """\b
Examples:
  stmt draft --list
  stmt draft letter-request --profile profile.toml --writer smith
  stmt draft interest-email --profile profile.toml --program riverside
  stmt draft letter-request --profile profile.toml --all --out-dir drafts

\b
Exit codes: 0 drafted; 2 usage or data error (unknown id, missing field,
an interest email for a program with no real connection, a file in the way)."""


@main.command("draft", epilog=DRAFT_EPILOG)
@click.argument("kind", required=False, metavar="KIND")
@click.option(
    "--profile",
    "-p",
    "profile_path",
    metavar="FILE",
    help="Your profile (TOML) with applicant, writers and programs; `stmt init` writes one.",
)
@click.option(
    "--writer",
    "writer_id",
    metavar="ID",
    help="Draft for the letter writer with this id (a [[writers]] id in the profile).",
)
@click.option(
    "--program",
    "program_id",
    metavar="ID",
    help="Draft for the program with this id (a [[programs]] id in the profile).",
)
@click.option(
    "--all",
    "all_targets",
    is_flag=True,
    help="Draft one message per writer or program into --out-dir, skipping those the "
    "guide says not to write to (e.g. programs with no real connection).",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Folder for --all (created if missing); one .txt file per message.",
)
@click.option(
    "--force",
    is_flag=True,
    help="With --all, replace files that already exist in --out-dir (otherwise nothing is "
    "written if any exists).",
)
@click.option(
    "--templates",
    "templates_dir",
    metavar="DIR",
    help="A folder of your own KIND.txt.j2 templates, used before the shipped ones.",
)
@click.option(
    "--list",
    "list_kinds",
    is_flag=True,
    help="List the message kinds, whom each is for and the profile fields it needs.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    hidden=True,
    help="Pretend today is this date (for reproducible drafts and tests).",
)
def draft_command(
    kind: str | None,
    profile_path: str | None,
    writer_id: str | None,
    program_id: str | None,
    all_targets: bool,
    out_dir: Path | None,
    force: bool,
    templates_dir: str | None,
    list_kinds: bool,
    today: datetime | None,
) -> None:
    """Draft KIND (letter-request, interest-email, ...) from your profile.

    One draft is printed to stdout, ready to paste into an email; --all writes
    one file per writer or program. Every message follows the advising guide
    (see `stmt draft --list`), and stmt refuses the ones the guide says not to
    send, such as an interest email where you have no real connection.
    """
    if list_kinds:
        click.echo(kinds_listing(), nl=False)
        return
    if kind is None:
        raise click.UsageError("say which message to draft (KIND), or use --list")
    if kind not in {k.name for k in KINDS}:
        known = ", ".join(k.name for k in KINDS)
        raise click.UsageError(f"unknown message kind {kind!r}; choose one of: {known}")
    if profile_path is None:
        raise click.UsageError("--profile FILE is required (create one with `stmt init`)")
    chosen = [name for name, on in (("--writer", writer_id), ("--program", program_id)) if on]
    if all_targets:
        chosen.append("--all")
    if len(chosen) > 1:
        raise click.UsageError(
            f"give only one of --writer, --program, --all (got {' '.join(chosen)})"
        )
    if all_targets and out_dir is None:
        raise click.UsageError("--all needs --out-dir DIR to write the drafts into")
    if (out_dir is not None or force) and not all_targets:
        raise click.UsageError("--out-dir and --force go with --all")

    profile = _load(profile_path)
    on_date = today.date() if today else date.today()
    if all_targets:
        assert out_dir is not None
        _draft_all(profile, kind, out_dir, force, templates_dir, on_date)
        return
    result = draft(
        profile,
        kind,
        writer_id=writer_id,
        program_id=program_id,
        templates=templates_dir,
        today=on_date,
    )
    _notes([result])
    click.echo(result.text, nl=False)


def _load(path: str) -> Profile:
    profile = load_profile(path)
    for warning in profile.warnings:
        click.echo(f"stmt: warning: {warning}", err=True)
    return profile


def _notes(drafts: list[Draft]) -> None:
    for result in drafts:
        for note in result.notes:
            click.echo(f"stmt: note: {note}", err=True)


def _draft_all(
    profile: Profile,
    kind: str,
    out_dir: Path,
    force: bool,
    templates_dir: str | None,
    on_date: date,
) -> None:
    drafts, skipped = draft_all(profile, kind, templates=templates_dir, today=on_date)
    for reason in skipped:
        click.echo(f"stmt: skipped: {reason}", err=True)
    if not drafts:
        raise StmtError(f"no {kind} drafts written: every writer or program was skipped")
    _notes(drafts)
    for path in write_drafts(drafts, out_dir, force=force):
        click.echo(str(path))


def kinds_listing() -> str:
    """The text of `stmt draft --list`."""
    lines: list[str] = []
    for kind in KINDS:
        lines.append(f"{kind.name}: {kind.description}")
        audience = " or ".join(f"--{t} ID" for t in kind.targets) or "(no target)"
        lines.append(f"  for: {audience}, or --all")
        for target in kind.targets or (None,):
            label = f"needs ({target}):" if len(kind.targets) > 1 else "needs:"
            lines.append(f"  {label} {', '.join(kind.needs_for(target))}")
        lines.append(f"  guide: {kind.guide}")
        lines.append("")
    return "\n".join(lines)


@main.command("init")
@click.argument(
    "path",
    required=False,
    default=DEFAULT_PROFILE,
    type=click.Path(path_type=Path),
    metavar="[PATH]",
)
@click.option("--force", is_flag=True, help="Replace PATH if it already exists.")
def init_command(path: Path, force: bool) -> None:
    """Write a commented starter profile to PATH (default: profile.toml).

    Fill in the [bracketed] values, then draft with `stmt draft KIND --profile PATH`.
    An existing file is never replaced without --force.
    """
    if path.is_dir():
        raise StmtError(f"{path}: is a folder; give a file name such as {path / DEFAULT_PROFILE}")
    if path.exists() and not force:
        raise StmtError(f"{path}: already exists; use --force to replace it")
    starter = (data_dir("templates") / "starter-profile.toml").read_text(encoding="utf-8")
    if not path.parent.is_dir():
        raise OutputError(f"{path.parent}: no such folder")
    write_file(path, starter, force=force)
    click.echo(f"wrote {path}: fill in the [bracketed] values and your email, then run", err=True)
    click.echo(f"  stmt draft letter-request --profile {path} --writer first-writer", err=True)
