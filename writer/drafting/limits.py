"""Size and time limits for user templates, which Jinja2's sandbox does not impose.

``SandboxedEnvironment`` stops a template reaching Python internals, but not
``{{ 'a' * 10**9 }}``, a doubling loop or ``{{ '{:>999999999}'.format(x) }}``:
each exhausts memory before anything is written. ``LimitedSandbox`` checks the
size of what an operator, call or filter would build *before* building it,
``render_limited`` stops rendering once the message passes ``MAX_CHARS``, and
a wall-clock limit ends a template that only loops. Every refusal is a
``TemplateLimitError``; the engine turns it into one line naming the template.

The limits are generous: the longest message stmt drafts is a few thousand
characters, and the ERAS personal statement itself is at most 28,000.
"""

from __future__ import annotations

import functools
import math
import re
import signal
import string
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Concat
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

__all__ = ["MAX_CHARS", "RENDER_SECONDS", "LimitedSandbox", "TemplateLimitError", "render_limited"]

#: The most characters a rendered message, or any value built on the way, may have.
MAX_CHARS = 200_000
#: The most bits an integer built by a template may have (about 300 digits).
MAX_INT_BITS = 1_000
#: Wall-clock seconds a template may take to render (main thread only: it uses SIGALRM).
RENDER_SECONDS = 10.0


class TemplateLimitError(Exception):
    """A template would build something too large, or ran too long."""


def _too_big(what: str) -> TemplateLimitError:
    return TemplateLimitError(f"{what} would exceed the limit of {MAX_CHARS:,} characters")


def _size(value: Any) -> int | None:
    """Length of a string or sequence, None for anything else."""
    if isinstance(value, (str, bytes, list, tuple)):
        return len(value)
    return None


def _check_int_args(args: tuple[Any, ...], kwargs: dict[str, Any], what: str) -> None:
    # Widths, counts and repeats are the arguments that make a call's result huge.
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_CHARS:
            raise TemplateLimitError(
                f"{what} was given {value:,}; numbers above {MAX_CHARS:,} are refused"
            )


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_format_string(fmt: str) -> None:
    """Refuse ``{:>999999999}`` and ``%999999999d``: widths that allocate huge strings."""
    try:
        specs = [spec for _, _, spec, _ in string.Formatter().parse(fmt) if spec]
    except ValueError:
        specs = []
    for spec in specs:
        if "{" in spec:
            raise TemplateLimitError("a format width taken from a value is not allowed")
        for digits in re.findall(r"\d+", spec):
            if int(digits) > MAX_CHARS:
                raise _too_big(f"format width {int(digits):,}")
    for match in _PERCENT_SPEC.finditer(fmt):
        for width in match.groups():
            if width == "*":
                raise TemplateLimitError("a %-format width taken from a value ('*') is not allowed")
            if width and int(width) > MAX_CHARS:
                raise _too_big(f"format width {int(width):,}")


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "+":
        sizes = (_size(left), _size(right))
        if None not in sizes and sum(sizes) > MAX_CHARS:  # type: ignore[arg-type]
            raise _too_big("joining these values")
    elif operator == "*":
        for sequence, count in ((left, right), (right, left)):
            n = _size(sequence)
            if n is not None and isinstance(count, int) and n * max(count, 0) > MAX_CHARS:
                raise _too_big(f"repeating a value {count:,} times")
        if _is_int(left) and _is_int(right):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise TemplateLimitError("this multiplication builds a number too large")
    elif operator == "**":
        if _is_int(left) and _is_int(right) and abs(left) > 1 and right > 0:
            if right * math.log2(abs(left)) > MAX_INT_BITS:
                raise TemplateLimitError("this power builds a number too large")
    elif operator == "%" and isinstance(left, str):
        _check_format_string(left)
        values = right if isinstance(right, tuple) else (right,)
        total = len(left) + sum(_size(v) or 0 for v in values)
        if total > MAX_CHARS:
            raise _too_big("this %-format")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Bound methods of strings and lists whose result size follows from their arguments."""
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    if isinstance(owner, str) and name in ("format", "format_map"):
        _check_format_string(owner)
        values = [*args, *kwargs.values()]
        if args and name == "format_map" and isinstance(args[0], dict):
            values = list(args[0].values())
        if len(owner) + sum(len(str(v)) for v in values if isinstance(v, str)) > MAX_CHARS:
            raise _too_big("this format")
    elif isinstance(owner, str) and name == "join" and args:
        _check_join(args[0], owner)
    elif isinstance(owner, str) and name == "replace" and len(args) >= 2:
        old, new = args[0], args[1]
        if isinstance(old, str) and isinstance(new, str):
            count = owner.count(old) if old else len(owner) + 1
            if len(owner) + count * len(new) > MAX_CHARS:
                raise _too_big("this replace")


class _LimitedCodeGenerator(CodeGenerator):
    """Routes ``a ~ b`` through the environment, which the sandbox cannot intercept."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.limited_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class LimitedSandbox(SandboxedEnvironment):
    """A ``SandboxedEnvironment`` that refuses to build values over ``MAX_CHARS``."""

    code_generator_class = _LimitedCodeGenerator
    # Intercepting also stops the optimizer from folding ``'a' * 10**9`` at compile time.
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Placeholder Latin has no place in a message, and lipsum(10**6) is slow.
        self.globals.pop("lipsum", None)
        self.filters = _LimitedFilters(self.filters)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        method = getattr(__obj, "__wrapped__", __obj)  # str.format arrives wrapped
        name = getattr(method, "__name__", None)
        _check_int_args(args, kwargs, f"{name}()" if isinstance(name, str) else "a call")
        _check_method(method, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def limited_concat(self, values: tuple[Any, ...]) -> str:
        parts = [str(v) for v in values]
        if sum(map(len, parts)) > MAX_CHARS:
            raise _too_big("joining these values with ~")
        return "".join(parts)


class _LimitedFilters(dict):
    """Filters wrapped so that a huge width or count (``center(10**9)``) is refused."""

    def __init__(self, filters: dict[str, Callable[..., Any]]) -> None:
        super().__init__({name: _limited_filter(name, f) for name, f in filters.items()})

    def __setitem__(self, name: str, func: Callable[..., Any]) -> None:
        super().__setitem__(name, _limited_filter(name, func))

    def update(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        for name, func in dict(*args, **kwargs).items():
            self[name] = func


def _limited_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    if getattr(func, "_stmt_limited", False):
        return func

    # A filter that takes the context or environment gets it first; skip it.
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(func)  # keeps jinja_pass_arg, so context-taking filters still work
    def limited(*args: Any, **kwargs: Any) -> Any:
        _check_int_args(args[skip:], kwargs, f"filter {name}")
        value, rest = (args[skip], args[skip + 1 :]) if len(args) > skip else (None, ())
        if name == "format" and isinstance(value, str):
            _check_format_string(value)
        elif name == "join":
            separator = rest[0] if rest and isinstance(rest[0], str) else kwargs.get("d", "")
            _check_join(value, separator if isinstance(separator, str) else "")
        return func(*args, **kwargs)

    limited._stmt_limited = True  # type: ignore[attr-defined]
    return limited


def _check_join(items: Any, separator: str) -> None:
    # Only sized sequences: counting a generator would consume it.
    if isinstance(items, (list, tuple)):
        total = sum(len(i) for i in items if isinstance(i, str)) + len(separator) * len(items)
        if total > MAX_CHARS:
            raise _too_big("joining these values")


def render_limited(chunks: Iterator[str]) -> str:
    """Join a template's output as it streams, stopping past ``MAX_CHARS``."""
    parts: list[str] = []
    total = 0
    with _deadline(RENDER_SECONDS):
        for chunk in chunks:
            total += len(chunk)
            if total > MAX_CHARS:
                raise TemplateLimitError(
                    f"the message would be longer than {MAX_CHARS:,} characters"
                )
            parts.append(chunk)
    return "".join(parts)


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise TemplateLimitError after ``seconds``; a no-op off the main thread or
    where SIGALRM does not exist (Windows), or when something else owns the alarm."""
    usable = (
        hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TemplateLimitError(f"the template ran for more than {seconds:g} seconds")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
