"""Importing a dependency without the parts of it that stmt never uses.

Some libraries import, at top level, modules they only need for features
stmt does not touch: ``import spacy`` imports spaCy's whole command line
(typer, weasel, requests, httpx) to re-export ``spacy.info``, and
``import textstat`` imports ``pkg_resources`` to read a word list that the
Flesch formulas never read. Together that is about 0.4 s of a 1 s start.

``import_deferring`` imports a library while placeholders stand in for those
modules. A name the library takes from a placeholder at import time is a
function that imports the real module on its first call; a placeholder the
library keeps as a module imports the real module on first attribute access.
The placeholders leave ``sys.modules`` as soon as the import finishes, so
anyone importing the deferred module afterwards gets the real one.

A library may take a *class* from a deferred module only to test other
classes against it: confection imports ``pydantic.v1`` (45 ms) for
``issubclass(schema, pydantic.v1.BaseModel)``, and spaCy's schemas are all
pydantic 2 models. Names listed in ``CLASSES`` get a stand-in class instead
of a function: ``isinstance`` and ``issubclass`` against it ask the real class
when its module has been imported by then, and are false when it has not
(nothing can be an instance or a subclass of a class never imported).

Some libraries also build data at import time that never changes between
runs: ``import textstat`` parses pyphen's English hyphenation dictionary
(11,000 patterns, about 60 ms). ``PREPARE`` runs a step before such an import
(see ``_hyphenation_from_build_cache``); a step that fails changes nothing,
the library then builds its data itself.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable, Iterable


class _Placeholder(types.ModuleType):
    """Stands in for a module while another one imports; resolves lazily after."""

    def __init__(self, name: str) -> None:
        super().__init__(name, f"placeholder for {name}, imported on first use")
        self.__dict__["_stmt_open"] = True

    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        real_name = self.__name__
        if self.__dict__["_stmt_open"]:
            if attr in CLASSES.get(real_name, ()):
                return _class_stand_in(real_name, attr, CLASSES[real_name][attr])
            return _forwarder(real_name, attr)
        return getattr(importlib.import_module(real_name), attr)


def _forwarder(module: str, attr: str):
    def forward(*args, **kwargs):
        return getattr(importlib.import_module(module), attr)(*args, **kwargs)

    forward.__name__ = forward.__qualname__ = attr
    forward.__doc__ = f"{module}.{attr}, imported on first call"
    return forward


class _StandInMeta(type):
    """``isinstance``/``issubclass`` against a stand-in ask the real class, if imported."""

    def _real(cls):
        module = sys.modules.get(cls._stmt_module)
        if module is None or isinstance(module, _Placeholder):
            return None
        return getattr(module, cls.__name__, None)

    def __instancecheck__(cls, instance) -> bool:
        real = cls._real()
        return real is not None and isinstance(instance, real)

    def __subclasscheck__(cls, subclass) -> bool:
        real = cls._real()
        return real is not None and issubclass(subclass, real)


def _class_stand_in(module: str, attr: str, base: type) -> type:
    return _StandInMeta(
        attr,
        (base,),
        {"_stmt_module": module, "__doc__": f"stands in for {module}.{attr} until it is imported"},
    )


def import_deferring(name: str, deferred: Iterable[str]) -> types.ModuleType:
    """Import module ``name`` with the modules in ``deferred`` imported on first use.

    If the library turns out to need a deferred module at import time (a
    future version might), the placeholders are dropped and it is imported
    the ordinary way.
    """
    if name in sys.modules:
        return sys.modules[name]
    _prepare(name)
    placeholders = {mod: _Placeholder(mod) for mod in deferred if mod not in sys.modules}
    sys.modules.update(placeholders)
    try:
        return importlib.import_module(name)
    except Exception:
        _close(placeholders)
        for mod in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[mod]
        return importlib.import_module(name)
    finally:
        _close(placeholders)


def _close(placeholders: dict[str, _Placeholder]) -> None:
    for mod, placeholder in placeholders.items():
        placeholder.__dict__["_stmt_open"] = False
        if sys.modules.get(mod) is placeholder:
            del sys.modules[mod]


# -- steps before an import -------------------------------------------------------------------


def _prepare(name: str) -> None:
    step = PREPARE.get(name)
    if step is None:
        return
    try:
        step()
    except Exception:  # an optimisation only: the library builds its data itself
        pass


_HYPHENATION = "pyphen-en_US"


def _hyphenation_from_build_cache() -> None:
    """Put pyphen's parsed en_US dictionary in pyphen's own cache, read from the build cache.

    textstat builds ``Pyphen(lang="en_US")`` when imported; pyphen keeps each
    parsed dictionary in ``pyphen.hdcache`` by path and reuses it. The parsed
    patterns are stored in the build cache (``writer.cache``, with ``marshal``:
    5-8 ms to read, against 70-120 ms to parse), keyed by pyphen's version and
    the dictionary file's bytes, and only when every value is a plain number (a
    dictionary with nonstandard hyphenation is parsed by pyphen every time).
    """
    import pyphen

    from writer.cache import build_key, read_built, write_built

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    if path in pyphen.hdcache:
        return
    key = build_key(pyphen.__version__, path.read_bytes())
    stored = read_built(_HYPHENATION, key, binary=True)
    if _is_patterns(stored) and stored:
        built = pyphen.HyphDict.__new__(pyphen.HyphDict)
        built.patterns = stored
        built.cache = {}
        built.maxlen = max(len(k) for k in stored)
        pyphen.hdcache[path] = built
        return
    parsed = pyphen.HyphDict(path)
    pyphen.hdcache[path] = parsed
    if _is_patterns(parsed.patterns):  # a dictionary with nonstandard hyphenation is not stored
        write_built(_HYPHENATION, key, parsed.patterns, binary=True)


def _is_patterns(patterns) -> bool:
    """``{pattern: (start, (value, ...))}``, every value a plain ``int``, as pyphen parses them.

    (Types gathered with ``map``, not a Python test per value: 2 ms, not 20.)
    """
    from itertools import chain

    if not isinstance(patterns, dict):
        return False
    pairs = list(patterns.values())
    if set(map(type, patterns)) - {str} or set(map(type, pairs)) - {tuple}:
        return False
    if set(map(len, pairs)) - {2}:
        return False
    starts, values = zip(*pairs, strict=True) if pairs else ((), ())
    return not (
        set(map(type, starts)) - {int}
        or set(map(type, values)) - {tuple}
        or set(map(type, chain.from_iterable(values))) - {int}
    )


#: Classes a library takes from a deferred module at import time, only to test against:
#: module -> {name: base of the stand-in}. An exception class gets an exception base, so it
#: can stand in an ``except`` tuple (it then catches nothing: the real one can only be
#: raised once the real module is imported, by code that means to use it).
CLASSES: dict[str, dict[str, type]] = {
    "pydantic.v1": {"BaseModel": object, "ValidationError": ValueError},
}

#: Steps run before importing a module (by name) with ``import_deferring``.
PREPARE: dict[str, Callable[[], None]] = {"textstat": _hyphenation_from_build_cache}
