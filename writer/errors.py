"""The project's own error types and the exit codes they map to.

Every error a user can cause (a bad path, a broken profile, a draft that is not
text) is raised as a ``StmtError`` subclass carrying one line of explanation, so
the CLI can print that line and exit with a documented code instead of a
traceback.
"""

from __future__ import annotations

# Exit codes, documented in `stmt --help` and the README.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class StmtError(Exception):
    """A user-facing error: ``str(err)`` is the one line stmt prints."""

    exit_code = EXIT_USAGE


class InputError(StmtError):
    """A draft could not be read: missing, not text, empty, too large…"""


class ProfileError(StmtError):
    """The profile TOML is missing, malformed or has impossible values."""


class ConfigError(StmtError):
    """A stmt.toml / [tool.stmt] configuration is malformed."""


class TemplateError(StmtError):
    """A message template is missing, broken or refers to missing data."""
