"""The `stmt` command line: a thin layer over the library.

Each command family lives in its own module; this one builds the group and
turns the project's errors into one line and a documented exit code.
Nothing here imports spaCy: only commands that analyze text pay for it.
"""

from __future__ import annotations

import sys

import click

from writer import __version__
from writer.errors import EXIT_INTERRUPTED, EXIT_USAGE, StmtError

EXIT_CODES_HELP = """\b
Exit codes:
  0  no finding at or above --fail-on
  1  a finding at or above --fail-on
  2  usage or input error (bad path, unreadable draft, broken profile...)
  130 interrupted (Ctrl-C)"""


class StmtGroup(click.Group):
    """A group whose commands report StmtError as one line, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except StmtError as err:
            click.echo(f"stmt: error: {err}", err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("stmt: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            sys.exit(EXIT_USAGE)


@click.group(cls=StmtGroup, epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stmt")
def main() -> None:
    """stmt: check personal statements and draft messages for anesthesiology residency.

    Built for international medical graduates and their advisors; every rule
    cites the advising guide it enforces (see `stmt rules`, `stmt explain RULE`).
    """


def _register() -> None:
    # Imported here so that each module can import `main`-independent helpers
    # without a cycle; registration order is the order `stmt --help` shows.
    from writer.cli import check as _check  # noqa: F401
    from writer.cli import rules as _rules  # noqa: F401

    try:
        from writer.cli import draft as _draft  # noqa: F401
    except ImportError:  # drafting not built yet in this checkout
        pass


_register()
