"""Ctrl-C that is never lost.

Python turns SIGINT into a ``KeyboardInterrupt`` raised in whatever Python code
runs next. If that code was called from C that discards errors, the exception
is dropped and the program goes on: measured here, a Ctrl-C that lands while
spaCy is being imported (an ``abc`` registration check in its import) was lost
in about 1 run in 15, and a check of 120 drafts ran four more seconds to the end
and exited 0. The dropped exception had an empty traceback: it never left the
handler's caller.

While a command runs, ``caught()`` puts in a handler that also notes the
Ctrl-C, and ``raise_if_interrupted()`` raises it again at points where an
exception cannot be lost (between drafts, after the pipeline loads, when the
command ends), so a lost Ctrl-C costs at most one draft's work.

C code that discards an error first reports it through ``sys.unraisablehook``,
which prints "Exception ignored in ..." and a traceback: CI saw it once in a
check of 120 drafts, a Ctrl-C that landed inside spaCy's compiled code. While a
command runs, that report is dropped for the ``KeyboardInterrupt`` this module
raised (it is noted and raised again); any other report goes on as before.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator

_pending = False


def _on_sigint(signum, frame) -> None:
    global _pending
    _pending = True
    raise KeyboardInterrupt


def _unraisable(previous):
    def hook(report) -> None:
        if _pending and isinstance(report.exc_value, KeyboardInterrupt):
            return  # noted in _pending: raised again where it cannot be lost
        previous(report)

    return hook


def raise_if_interrupted() -> None:
    """Raise ``KeyboardInterrupt`` if a Ctrl-C came and its exception was lost."""
    if _pending:
        raise KeyboardInterrupt


@contextlib.contextmanager
def caught() -> Iterator[None]:
    """Note every Ctrl-C while the block runs, where Python's own handler is in place.

    A program that put in its own SIGINT handler keeps it; so does any thread but
    the main one (only it may set handlers).
    """
    global _pending
    _pending = False
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _unraisable(previous_hook)
    signal.signal(signal.SIGINT, _on_sigint)
    try:
        yield
        raise_if_interrupted()
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.unraisablehook = previous_hook
        _pending = False
