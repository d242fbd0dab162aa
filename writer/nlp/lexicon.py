"""Loading lexicons (the English the detectors know) from TOML data files.

The shipped folder comes first; each extra folder (a user's own lexicons)
extends lists of the same name, or replaces them with ``replace = true``.

A lexicon's top-level ``documents`` key says where its cue groups are
matched: ``"all"`` (the default) or ``"messages"``: only in emails and letter
requests, never in statements, for cues that only the message rules read
(``lexicons/email.toml``). A statement then skips their matching, the
costliest part of finding cues. A later file may set it again.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from writer.errors import ConfigError
from writer.resources import data_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass
class CueGroup:
    """One named group of cues: phrases, lemmas and Matcher patterns."""

    phrases: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    patterns: list[list[dict]] = field(default_factory=list)


#: The values of a lexicon's ``documents`` key.
DOCUMENTS = ("all", "messages")


@dataclass
class Lexicon:
    name: str
    cues: dict[str, CueGroup] = field(default_factory=dict)
    sets: dict[str, frozenset[str]] = field(default_factory=dict)
    documents: str = "all"  # "messages": cue groups matched in emails, never in statements


def _read(path: Path, parsed: dict[str, dict] | None = None, used: set | None = None) -> dict:
    """The lexicon file's data.

    ``parsed``: data parsed before, by digest of the file's bytes (this file's is
    added); ``used``: collects the digests read.
    """
    try:
        with path.open("rb") as fh:
            raw = fh.read()
    except OSError as err:
        raise ConfigError(f"{path}: cannot read lexicon ({err.strerror or err})") from None
    digest = _digest(raw)
    if used is not None:
        used.add(digest)
    if parsed is not None and isinstance(parsed.get(digest), dict):
        return parsed[digest]
    try:
        data = tomllib.loads(raw.decode())  # what tomllib.load does with the file
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid lexicon: {err}") from None
    if parsed is not None:
        parsed[digest] = data
    return data


def _digest(raw: bytes) -> str:
    import hashlib

    return hashlib.sha256(raw).hexdigest()


_PARSED = "lexicons-parsed"


def _parsed_lexicons() -> dict[str, dict]:
    """Lexicon files parsed before, by digest of their bytes, from the build cache.

    Parsing the shipped TOML files took 20-30 ms of every start; their parsed
    form (marshal) takes 1 ms to read. A file whose bytes changed has another
    digest and is parsed again; the data go through the same checks either way.
    """
    from writer.cache import read_built

    stored = read_built(_PARSED, "toml", binary=True)
    return dict(stored) if isinstance(stored, dict) else {}


def _keep_parsed(parsed: dict[str, dict], used: set[str]) -> None:
    from writer.cache import write_built

    try:
        write_built(_PARSED, "toml", {d: parsed[d] for d in used if d in parsed}, binary=True)
    except Exception:  # data marshal cannot store (dates): parsed every time
        pass


def _merge(lex: Lexicon, data: dict, source: Path) -> None:
    if "documents" in data:
        if data["documents"] not in DOCUMENTS:
            raise ConfigError(
                f"{source}: documents = {data['documents']!r}: use "
                + " or ".join(repr(d) for d in DOCUMENTS)
            )
        lex.documents = data["documents"]
    for group_name, group in (data.get("cues") or {}).items():
        if not isinstance(group, dict):
            raise ConfigError(f"{source}: cues.{group_name} must be a table")
        target = lex.cues.setdefault(group_name, CueGroup())
        if group.get("replace"):
            target.phrases, target.lemmas, target.patterns = [], [], []
        for key in ("phrases", "lemmas", "patterns"):
            values = group.get(key, [])
            if not isinstance(values, list):
                raise ConfigError(f"{source}: cues.{group_name}.{key} must be a list")
            getattr(target, key).extend(values)
    sets = data.get("sets") or {}
    replace_sets = bool(sets.get("replace"))
    for set_name, values in sets.items():
        if set_name == "replace":
            continue
        if not isinstance(values, list):
            raise ConfigError(f"{source}: sets.{set_name} must be a list")
        base = frozenset() if replace_sets else lex.sets.get(set_name, frozenset())
        lex.sets[set_name] = base | {str(v).lower() for v in values}


def load_lexicons(extra_dirs: tuple[Path, ...] = ()) -> dict[str, Lexicon]:
    """Load every ``*.toml`` lexicon, shipped first, then each extra folder."""
    lexicons: dict[str, Lexicon] = {}
    parsed = _parsed_lexicons()
    known = set(parsed)
    used: set[str] = set()
    for folder in (data_dir("lexicons"), *extra_dirs):
        folder = Path(folder)
        if not folder.is_dir():
            raise ConfigError(f"{folder}: lexicon folder not found")
        for path in sorted(folder.glob("*.toml")):
            lex = lexicons.setdefault(path.stem, Lexicon(path.stem))
            _merge(lex, _read(path, parsed, used), path)
    if used - known:
        _keep_parsed(parsed, used)
    return lexicons


def lexicon_fingerprint(extra_dirs: tuple[Path, ...] = ()) -> str:
    """A digest of every lexicon file in use (for cache keys)."""
    import hashlib

    digest = hashlib.sha256()
    for folder in (data_dir("lexicons"), *extra_dirs):
        for path in sorted(Path(folder).glob("*.toml")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
