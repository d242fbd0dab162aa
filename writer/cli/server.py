"""`stmt server`: a warm pipeline for editors (Language Server Protocol over stdio)."""

from __future__ import annotations

import click

from writer.cli import main


@main.command("server")
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(dir_okay=False),
    help="Applicant profile (TOML) used for every draft the editor sends.",
)
@click.option("--stdio", is_flag=True, help="Talk over standard input/output (the default).")
def server_command(profile_path, stdio):
    """Keep the pipeline warm and check drafts as an editor edits them.

    Speaks the Language Server Protocol over standard input and output: an
    editor starts `stmt server` once and gets findings as diagnostics on
    open, change and save (see README, "Editors"). Also answers `stmt/check`
    requests for scripts.
    """
    from writer.nlp.pipeline import quiet_gc_while_loading
    from writer.server import serve_stdio

    quiet_gc_while_loading()  # this process is stmt's own: load without collections

    profile = None
    if profile_path:
        from writer.profile import load_profile

        profile = load_profile(profile_path)
        for warning in profile.warnings:
            click.echo(f"stmt: warning: {warning}", err=True)
    serve_stdio(profile=profile)  # exits with LSP's exit code
