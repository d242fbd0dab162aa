"""The baseline: findings accepted once, so later runs report only new ones.

Plain text cannot carry a suppression comment, so an advisor who accepts a
sentence as it is records it: ``stmt check --add-baseline`` writes every
current finding to ``.stmt-baseline.json``; later runs drop the findings it
lists and ``--show-baselined`` shows them again, marked.

A finding is identified by its rule and a fingerprint of the sentence it is
about (case, spacing and quote style normalised), never by its line, so an
edit elsewhere in the file (a new paragraph above, a rewrapped line) keeps it
baselined, while rewriting the sentence itself brings it back. A finding
about the whole draft (``missing-why-now``) is identified by its rule alone.
The same fingerprint twice in one file is counted: a baseline that accepted
two such sentences reports the third.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path

from writer.errors import ConfigError

BASELINE_VERSION = 1
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", text).strip()


def anchor(finding, sentences) -> str:
    """The text that identifies ``finding``: its sentence (and its own words, if narrower)."""
    whole_draft = finding.end - finding.start <= 1 and (
        not sentences or finding.start <= sentences[0].start
    )
    if whole_draft:
        return ""
    for s in sentences:
        if s.start <= finding.start < s.end:
            if (finding.start, finding.end) == (s.start, s.end):
                return s.text
            inner = s.text[finding.start - s.start : finding.end - s.start]
            return f"{s.text}\x00{inner}"
    return ""


def fingerprint(finding, sentences) -> str:
    digest = hashlib.sha256(normalise(anchor(finding, sentences)).encode()).hexdigest()[:16]
    return f"{finding.rule}:{digest}"


class Baseline:
    """The accepted findings per file; file paths are relative to the baseline's folder."""

    def __init__(self, path: Path, entries: dict[str, list[dict]] | None = None) -> None:
        self.path = Path(path)
        self.entries: dict[str, list[dict]] = entries or {}

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        """Read the baseline at ``path``; a missing file is an empty baseline."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise ConfigError(
                f"{path}: not a readable stmt baseline ({err}); delete it and run --add-baseline"
            ) from None
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, dict) or data.get("version") != BASELINE_VERSION:
            raise ConfigError(
                f"{path}: not a stmt baseline (version {BASELINE_VERSION}); "
                "delete it and run --add-baseline"
            )
        return cls(path, files)

    def key(self, file_path: str) -> str:
        absolute = os.path.abspath(file_path)
        try:
            return Path(absolute).relative_to(os.path.abspath(self.path.parent)).as_posix()
        except ValueError:
            return Path(absolute).as_posix()

    def split(self, result) -> tuple[list, list]:
        """(new findings, baselined findings) of ``result``, in document order."""
        allowed = Counter(
            {
                e["fingerprint"]: e.get("count", 1)
                for e in self.entries.get(self.key(result.path), [])
            }
        )
        new, old = [], []
        for finding in result.findings:
            fp = fingerprint(finding, result.sentences)
            if allowed[fp] > 0:
                allowed[fp] -= 1
                old.append(finding)
            else:
                new.append(finding)
        return new, old

    def record(self, results) -> int:
        """Replace the entries of these files with their current findings; return how many."""
        total = 0
        for result in results:
            if result.error:
                continue
            counts: Counter[str] = Counter()
            sample: dict[str, str] = {}
            for finding in result.findings:
                fp = fingerprint(finding, result.sentences)
                counts[fp] += 1
                sample.setdefault(
                    fp, normalise(anchor(finding, result.sentences).split("\x00")[0])[:80]
                )
            key = self.key(result.path)
            if counts:
                self.entries[key] = [
                    {
                        "rule": fp.split(":")[0],
                        "fingerprint": fp,
                        "count": n,
                        "sentence": sample[fp],
                    }
                    for fp, n in sorted(counts.items())
                ]
            else:
                self.entries.pop(key, None)
            total += sum(counts.values())
        return total

    def write(self) -> None:
        """Write the baseline atomically (sorted, so its git diff reads well)."""
        data = {"version": BASELINE_VERSION, "files": dict(sorted(self.entries.items()))}
        tmp = self.path.with_name(f".{self.path.name}.tmp{os.getpid()}")
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)
