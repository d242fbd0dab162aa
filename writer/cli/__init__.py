"""The `stmt` command line: a thin layer over the library.

Each command family lives in its own module; this one builds the group and
turns the project's errors into one line and a documented exit code.
Nothing here imports spaCy: only commands that analyze text pay for it.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from writer import __version__
from writer.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, StmtError
from writer.interrupts import caught

EXIT_CODES_HELP = """\b
Exit codes:
  0  no finding at or above --fail-on
  1  a finding at or above --fail-on
  2  usage or input error (bad path, unreadable draft, broken profile...)
  3  internal error (a bug in stmt; STMT_DEBUG=1 shows the traceback)
  130 interrupted (Ctrl-C)"""


class StmtGroup(click.Group):
    """A group whose commands report StmtError as one line, never a traceback."""

    def get_command(self, ctx: click.Context, name: str):
        if name not in self.commands:
            # A command missing from the table may be registered by any module.
            modules = (
                [COMMAND_MODULES[name]] if name in COMMAND_MODULES else COMMAND_MODULES.values()
            )
            _import_commands(*modules)
        return super().get_command(ctx, name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        _import_commands(*COMMAND_MODULES.values())
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context):
        try:
            with caught():
                return super().invoke(ctx)
        except StmtError as err:
            click.echo(f"stmt: error: {err}", err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("stmt: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            sys.exit(EXIT_USAGE)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as err:  # a bug: say so in one line; STMT_DEBUG=1 shows the traceback
            if os.environ.get("STMT_DEBUG"):
                raise
            click.echo(
                f"stmt: internal error: {type(err).__name__}: {err} "
                "(a bug in stmt: please report it; STMT_DEBUG=1 shows the traceback)",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)


@click.group(
    cls=StmtGroup, epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="stmt")
def main() -> None:
    """stmt: check personal statements and draft messages for anesthesiology residency.

    Built for international medical graduates and their advisors; every rule
    cites the advising guide it enforces (see `stmt rules`, `stmt explain RULE`).
    """


# Each command module is imported only when its command runs (all of them for
# `stmt --help`): `stmt rules` does not pay for Jinja2, nor `stmt check` for the
# drafting package; only the commands that analyse text import spaCy.
COMMAND_MODULES = {
    "check": "writer.cli.check",
    "rules": "writer.cli.rules",
    "explain": "writer.cli.rules",
    "draft": "writer.cli.draft",
    "init": "writer.cli.draft",
    "server": "writer.cli.server",
}


def _import_commands(*modules: str) -> None:
    for module in dict.fromkeys(modules):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as err:
            if err.name != module:  # a missing dependency, not a command not built yet
                raise
