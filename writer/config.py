"""Configuration: found by walking up from each draft, validated, errors with file:line.

An essay repo configures stmt the way a code repo configures ruff: a
``stmt.toml``, a ``.stmt.toml`` or a ``[tool.stmt]`` table in
``pyproject.toml``, found by walking up from each checked file (the nearest
wins; in one folder, that order). No file is fine: the defaults apply.

    profile = "profile.toml"            # paths are relative to the config file
    select = ["blame", "too-long"]      # default: every rule
    ignore = ["eras-characters"]
    fail-on = "warning"                 # info | warning | error | never
    exclude = ["archive/**"]            # globs, relative to the config file
    lexicons = ["my-lexicons"]          # folders of lexicon TOML that extend the shipped ones
    baseline = ".stmt-baseline.json"

    [severity]                          # per-rule severity
    too-long = "error"

    [kinds]                             # document kind per glob
    "letters/*.txt" = "letter-request"

    [per-file-ignores]                  # rules to skip per glob
    "emails/*.md" = ["eras-characters"]

Every mistake is a ``ConfigError`` naming the file, the line and the key,
with a did-you-mean for a misspelt key, rule id or kind.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from writer.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = ("stmt.toml", ".stmt.toml", "pyproject.toml")
DEFAULT_BASELINE = ".stmt-baseline.json"
FAIL_ON = ("info", "warning", "error", "never")
SEVERITIES = ("info", "warning", "error")

_TOP_KEYS = (
    "profile",
    "select",
    "ignore",
    "fail-on",
    "exclude",
    "lexicons",
    "baseline",
    "severity",
    "kinds",
    "per-file-ignores",
)


@dataclass(frozen=True)
class Config:
    """Settings for the drafts under one configuration file (or the defaults)."""

    root: Path
    source: Path | None = None
    profile: Path | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    fail_on: str | None = None
    exclude: tuple[str, ...] = ()
    lexicons: tuple[Path, ...] = ()
    baseline: Path | None = None
    severity: tuple[tuple[str, str], ...] = ()
    kinds: tuple[tuple[str, str], ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    _patterns: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def baseline_path(self) -> Path:
        return self.baseline or self.root / DEFAULT_BASELINE

    def kind_for(self, path: str | Path) -> str | None:
        """The kind of the first ``[kinds]`` glob that matches ``path``, or None."""
        for pattern, kind in self.kinds:
            if self._matches(pattern, path):
                return kind
        return None

    def ignores_for(self, path: str | Path) -> frozenset[str]:
        """Rules skipped for ``path``: ``ignore`` plus every matching per-file entry."""
        out = set(self.ignore)
        for pattern, rules in self.per_file_ignores:
            if self._matches(pattern, path):
                out |= rules
        return frozenset(out)

    def is_excluded(self, path: str | Path) -> bool:
        """True when ``path`` or one of its folders matches an ``exclude`` glob."""
        rel = self._relative(path)
        if rel is None:
            return False
        parts = rel.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return any(
            self._matches(pattern, prefix, relative=True)
            for pattern in self.exclude
            for prefix in prefixes
        )

    def fingerprint(self) -> str:
        """A digest of every setting that changes findings (for cache keys)."""
        data = {
            "select": sorted(self.select) if self.select is not None else None,
            "ignore": sorted(self.ignore),
            "severity": sorted(self.severity),
            "kinds": list(self.kinds),
            "per_file_ignores": [(p, sorted(r)) for p, r in self.per_file_ignores],
            "lexicons": [str(p) for p in self.lexicons],
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]

    # -- globs -------------------------------------------------------------------------
    def _relative(self, path: str | Path) -> str | None:
        try:
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return None

    def _matches(self, pattern: str, path: str | Path, relative: bool = False) -> bool:
        rel = str(path) if relative else self._relative(path)
        if rel is None:
            return False
        regex = self._patterns.get(pattern)
        if regex is None:
            regex = self._patterns[pattern] = glob_regex(pattern)
        if "/" not in pattern.rstrip("/"):
            # Like .gitignore: a pattern without a slash matches a name at any depth.
            return bool(regex.fullmatch(rel.rsplit("/", 1)[-1]))
        return bool(regex.fullmatch(rel))


def default_config(root: Path | None = None) -> Config:
    return Config(root=Path(os.path.abspath(root or os.getcwd())))


def glob_regex(pattern: str) -> re.Pattern[str]:
    """Compile a glob (``*``, ``?``, ``[...]``, ``**`` for any folders) to a regex."""
    pattern = pattern.strip().removeprefix("./")
    pattern = pattern.rstrip("/")
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif ch == "*":
            out.append("[^/]*")
            i += 1
        elif ch == "?":
            out.append("[^/]")
            i += 1
        elif ch == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(ch))
                i += 1
            else:
                body = pattern[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end + 1
        else:
            out.append(re.escape(ch))
            i += 1
    return re.compile("".join(out))


# -- discovery ---------------------------------------------------------------------------


class ConfigFinder:
    """Finds (and remembers) the configuration that governs each path."""

    def __init__(self) -> None:
        self._by_dir: dict[Path, Config] = {}
        self._loaded: dict[Path, Config] = {}

    def for_path(self, path: str | Path) -> Config:
        start = Path(os.path.abspath(path))
        folder = start if start.is_dir() else start.parent
        return self.for_dir(folder)

    def for_dir(self, folder: Path) -> Config:
        folder = Path(os.path.abspath(folder))
        visited = []
        current = folder
        config = None
        while True:
            if current in self._by_dir:
                config = self._by_dir[current]
                break
            visited.append(current)
            source = _config_file_in(current)
            if source is not None:
                config = self.load(source)
                break
            if current.parent == current:
                config = default_config()
                break
            current = current.parent
        for d in visited:
            self._by_dir[d] = config
        return config

    def load(self, source: Path) -> Config:
        source = Path(os.path.abspath(source))
        if source not in self._loaded:
            self._loaded[source] = load_config(source)
        return self._loaded[source]


def find_config_file(folder: str | Path) -> Path | None:
    """The nearest configuration file at or above ``folder``, or None."""
    current = Path(os.path.abspath(folder))
    while True:
        found = _config_file_in(current)
        if found is not None:
            return found
        if current.parent == current:
            return None
        current = current.parent


def _config_file_in(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if not candidate.is_file():
            continue
        if name != "pyproject.toml" or _has_tool_stmt(candidate):
            return candidate
    return None


def _has_tool_stmt(pyproject: Path) -> bool:
    try:
        raw = pyproject.read_bytes()
    except OSError:
        return False
    if b"stmt" not in raw:  # cheap: most pyproject files never mention stmt
        return False
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return b"tool.stmt" in raw  # broken and ours: load_config reports where
    return isinstance(data.get("tool"), dict) and "stmt" in data["tool"]


# -- loading and validation ---------------------------------------------------------------


def load_config(path: str | Path) -> Config:
    """Read and validate the configuration file at ``path``."""
    path = Path(os.path.abspath(path))
    source = _display(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{source}: no such configuration file") from None
    except IsADirectoryError:
        raise ConfigError(f"{source}: is a directory, not a configuration file") from None
    except OSError as err:
        raise ConfigError(f"{source}: cannot read: {err.strerror or err}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ConfigError(f"{source}:{line}: not UTF-8 text; save the file as UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(_syntax_message(str(err), source, text)) from None
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        prefix = ("tool", "stmt")
        data = data.get("tool", {}).get("stmt", {})
    return _Validator(path, source, text, prefix).config(data)


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _syntax_message(message: str, source: str, text: str) -> str:
    match = re.search(r"\s*\(at line (\d+), column \d+\)$", message)
    if match:
        return f"{source}:{match[1]}: invalid TOML: {message[: match.start()]}"
    match = re.search(r"\s*\(at end of document\)$", message)
    if match:
        last = max(1, len(text.splitlines()))
        return f"{source}:{last}: invalid TOML: {message[: match.start()]} (at the end of the file)"
    return f"{source}: invalid TOML: {message}"


class _Validator:
    def __init__(self, path: Path, source: str, text: str, prefix: tuple[str, ...]) -> None:
        self.path = path
        self.root = path.parent
        self.source = source
        self.lines = text.splitlines()
        self.prefix = prefix

    def config(self, data: dict[str, Any]) -> Config:
        from writer.rules import RULES

        self.rules = RULES
        for key in data:
            if key not in _TOP_KEYS:
                raise self.error(
                    (key,),
                    f"unknown key{_did_you_mean(key, _TOP_KEYS)}; "
                    f"known keys: {', '.join(_TOP_KEYS)}",
                )
        select = data.get("select")
        return Config(
            root=self.root,
            source=self.path,
            profile=self._file(data, "profile"),
            select=frozenset(self._rule_list(data, ("select",))) if select is not None else None,
            ignore=frozenset(self._rule_list(data, ("ignore",))),
            fail_on=self._choice(data, "fail-on", FAIL_ON),
            exclude=tuple(self._strings(data, ("exclude",))),
            lexicons=tuple(self._folders(data, "lexicons")),
            baseline=self._path(data, "baseline"),
            severity=tuple(self._severity(data)),
            kinds=tuple(self._kinds(data)),
            per_file_ignores=tuple(self._per_file_ignores(data)),
        )

    # -- fields ----------------------------------------------------------------------------
    def _strings(self, data: dict, key: tuple[str, ...]) -> list[str]:
        value = data.get(key[-1], [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(
                key, f'must be a list of strings, like ["a", "b"] (got {_shown(value)})'
            )
        return value

    def _rule_list(self, data: dict, key: tuple[str, ...]) -> list[str]:
        ids = self._strings(data, key)
        for rule_id in ids:
            if rule_id not in self.rules:
                raise self.error(
                    key,
                    f"unknown rule id {rule_id!r}{_did_you_mean(rule_id, self.rules)} "
                    "(see `stmt rules`)",
                )
        return ids

    def _choice(self, data: dict, key: str, choices: tuple[str, ...]) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if value not in choices:
            raise self.error((key,), f"{_shown(value)} is not one of {', '.join(choices)}")
        return value

    def _path(self, data: dict, key: str) -> Path | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error((key,), f"must be a path in quotes (got {_shown(value)})")
        return (self.root / value).resolve()

    def _file(self, data: dict, key: str) -> Path | None:
        path = self._path(data, key)
        if path is not None and not path.is_file():
            raise self.error(
                (key,), f"{data[key]!r}: no such file (relative to {_display(self.root) or '.'})"
            )
        return path

    def _folders(self, data: dict, key: str) -> list[Path]:
        out = []
        for value in self._strings(data, (key,)):
            folder = (self.root / value).resolve()
            if not folder.is_dir():
                raise self.error(
                    (key,), f"{value!r}: no such folder (relative to {_display(self.root) or '.'})"
                )
            out.append(folder)
        return out

    def _table(self, data: dict, key: str) -> dict:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise self.error(
                (key,), f"must be a table: write [{'.'.join((*self.prefix, key))}] on its own line"
            )
        return value

    def _severity(self, data: dict):
        for rule_id, value in self._table(data, "severity").items():
            key = ("severity", rule_id)
            if rule_id not in self.rules:
                raise self.error(
                    key, f"unknown rule id{_did_you_mean(rule_id, self.rules)} (see `stmt rules`)"
                )
            if value not in SEVERITIES:
                raise self.error(
                    key, f"{_shown(value)} is not a severity; use {', '.join(SEVERITIES)}"
                )
            yield rule_id, value

    def _kinds(self, data: dict):
        table = self._table(data, "kinds")
        known = None
        for pattern, value in table.items():
            key = ("kinds", pattern)
            if not isinstance(value, str):
                raise self.error(key, f"must be a document kind in quotes (got {_shown(value)})")
            if value != "statement":
                known = known or document_kinds()
                if value not in known:
                    raise self.error(
                        key,
                        f"unknown document kind {value!r}{_did_you_mean(value, known)}; "
                        f"known kinds: {', '.join(known)}",
                    )
            yield pattern, value

    def _per_file_ignores(self, data: dict):
        for pattern in self._table(data, "per-file-ignores"):
            yield (
                pattern,
                frozenset(
                    self._rule_list(
                        self._table(data, "per-file-ignores"), ("per-file-ignores", pattern)
                    )
                ),
            )

    # -- errors ----------------------------------------------------------------------------
    def error(self, key: tuple[str, ...], message: str) -> ConfigError:
        line = self.line_of(key)
        where = f"{self.source}:{line}" if line else self.source
        shown = ".".join(
            k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else json.dumps(k) for k in (*self.prefix, *key)
        )
        return ConfigError(f"{where}: {shown}: {message}")

    def line_of(self, key: tuple[str, ...]) -> int | None:
        """1-based line where ``key`` (a path of TOML keys) is set, or None.

        Looks for ``name =`` under the table ``[prefix.key[:-1]]``, then for a
        dotted ``a.b =`` or an inline table in the parent, then for the table
        header itself, so an error always points somewhere useful.
        """
        full = (*self.prefix, *key)
        for depth in range(len(full) - 1, len(self.prefix) - 1, -1):
            table, rest = full[:depth], full[depth:]
            line = self._assignment_line(table, rest)
            if line:
                return line
        for depth in range(len(full), len(self.prefix), -1):
            line = self._header_line(full[:depth])
            if line:
                return line
        return None

    def _assignment_line(self, table: tuple[str, ...], rest: tuple[str, ...]) -> int | None:
        current: tuple[str, ...] = ()
        dotted = r"\s*\.\s*".join(_key_regex(k) for k in rest)
        exact = re.compile(rf"^\s*{dotted}\s*=")
        for number, line in enumerate(self.lines, 1):
            header = _header(line)
            if header is not None:
                current = header
            elif current == table and exact.match(line):
                return number
        return None

    def _header_line(self, table: tuple[str, ...]) -> int | None:
        for number, line in enumerate(self.lines, 1):
            if _header(line) == table:
                return number
        return None


_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")


def _header(line: str) -> tuple[str, ...] | None:
    match = _HEADER.match(line)
    if not match:
        return None
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)', match[1])
    return tuple(a or b or c for a, b, c in parts)


def _key_regex(key: str) -> str:
    escaped = re.escape(key)
    return (
        rf"(?:{escaped}|\"{escaped}\"|'{escaped}')"
        if re.fullmatch(r"[A-Za-z0-9_-]+", key)
        else rf"(?:\"{escaped}\"|'{escaped}')"
    )


def _did_you_mean(word: str, known) -> str:
    hint = difflib.get_close_matches(str(word).replace("_", "-"), list(known), n=1, cutoff=0.6)
    return f" (did you mean {hint[0]!r}?)" if hint else ""


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    return str(value)


def document_kinds() -> tuple[str, ...]:
    """Kinds a draft may be checked as: the personal statement and each message kind."""
    from writer.rules import RULES

    kinds = ["statement"]
    for r in RULES.values():
        kinds.extend(k for k in r.kinds if k not in kinds)
    try:
        from writer.drafting.kinds import KINDS
    except ImportError:  # pragma: no cover - drafting is optional in a partial checkout
        KINDS = ()
    kinds.extend(k.name for k in KINDS if k.name not in kinds)
    return tuple(kinds)
