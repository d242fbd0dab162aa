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
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterable


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
            return _forwarder(real_name, attr)
        return getattr(importlib.import_module(real_name), attr)


def _forwarder(module: str, attr: str):
    def forward(*args, **kwargs):
        return getattr(importlib.import_module(module), attr)(*args, **kwargs)

    forward.__name__ = forward.__qualname__ = attr
    forward.__doc__ = f"{module}.{attr}, imported on first call"
    return forward


def import_deferring(name: str, deferred: Iterable[str]) -> types.ModuleType:
    """Import module ``name`` with the modules in ``deferred`` imported on first use.

    If the library turns out to need a deferred module at import time (a
    future version might), the placeholders are dropped and it is imported
    the ordinary way.
    """
    if name in sys.modules:
        return sys.modules[name]
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
