"""The library API under the CLI: ``check`` a text, ``check_files`` paths.

Both return plain data (``FileResult``), the same the CLI prints; a test or
another program can call them directly. The analyzer (spaCy pipeline,
lexicons, matchers) is built once per process and per lexicon set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from writer.documents import Document
from writer.documents.reader import make_document, read_bytes, read_document_bytes
from writer.errors import StmtError
from writer.imports import import_deferring
from writer.interrupts import raise_if_interrupted
from writer.rules import RULES, Finding, RuleContext, rules_for_kind
from writer.rules.base import severity_rank
from writer.rules.statement import count_characters, count_words

_ANALYZERS: dict[tuple, Any] = {}


def get_analyzer(lexicon_dirs: tuple[Path, ...] = ()):
    """The process-wide Analyzer for this set of lexicon folders."""
    key = tuple(str(p) for p in lexicon_dirs)
    if key not in _ANALYZERS:
        from writer.nlp.analyze import Analyzer

        _ANALYZERS[key] = Analyzer(lexicon_dirs=tuple(lexicon_dirs))
    return _ANALYZERS[key]


@dataclass
class FileResult:
    path: str
    kind: str = "statement"
    stats: dict[str, Any] = field(default_factory=dict)
    sentences: list[Any] = field(default_factory=list)  # writer.nlp.analyze.Sentence
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    # Findings a baseline accepted (writer.baseline): reported only with --show-baselined.
    baselined: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": self.kind,
            "stats": self.stats,
            "sentences": [
                {
                    "index": s.index,
                    "start": s.start,
                    "end": s.end,
                    "line": s.line,
                    "column": s.column,
                    "paragraph": s.paragraph,
                    "text": s.text,
                    "tags": list(s.tags),
                }
                for s in self.sentences
            ],
            "findings": [f.to_dict() for f in self.findings],
            "error": self.error,
            "notes": self.notes,
            "baselined": [f.to_dict() for f in self.baselined],
        }

    def worst(self) -> str | None:
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=severity_rank)


def _stats(analysis) -> dict[str, Any]:
    # textstat imports pkg_resources (0.1-0.2 s) for a word list Flesch never reads.
    textstat = import_deferring("textstat", ("pkg_resources",))

    prose = analysis.document.prose
    exam = sum(1 for s in analysis.sentences if "exam" in s.tags)
    structure = {
        tag: [s.line for s in analysis.sentences if tag in s.tags]
        for tag in (
            "why_specialty",
            "why_me",
            "why_now",
            "img_perspective",
            "future_goals",
            "anecdote",
        )
    }
    return {
        "words": count_words(prose),
        "characters": count_characters(prose),
        "sentences": len(analysis.sentences),
        "paragraphs": len(analysis.paragraphs),
        "exam_sentences": exam,
        "blame_sentences": sum(1 for s in analysis.sentences if "blame" in s.tags),
        "structure_lines": structure,
        "readability": {
            "flesch_reading_ease": round(float(textstat.flesch_reading_ease(prose)), 1),
            "flesch_kincaid_grade": round(float(textstat.flesch_kincaid_grade(prose)), 1),
        },
        "model": analysis.model,
    }


def _judge(analysis, profile, analyzer, select=None, ignore=(), severity=None) -> list[Finding]:
    ctx = RuleContext(analysis, profile, analyzer.lexicons, is_word=analyzer.is_english_word)
    findings: list[Finding] = []
    for r in rules_for_kind(analysis.document.kind):
        if select is not None and r.id not in select:
            continue
        if r.id in ignore:
            continue
        found = r.check(r, ctx)
        if severity and r.id in severity:  # per-rule severity from the configuration
            for f in found:
                f.severity = severity[r.id]
        findings.extend(found)
    findings.sort(key=lambda f: (f.start, f.rule))
    return findings


def analyze_documents(
    documents: list[Document], profile=None, lexicon_dirs=(), select=None, ignore=(), severity=None
) -> list[FileResult]:
    """Analyse already-read Documents as one batch through the pipeline.

    ``severity`` maps rule ids to the severity their findings get; Markdown
    suppression comments (``<!-- stmt: disable=RULE -->``) are applied here.
    """
    from writer.suppress import apply_suppressions

    analyzer = get_analyzer(tuple(lexicon_dirs))
    results = []
    for analysis in analyzer.analyze(documents):
        raise_if_interrupted()  # a Ctrl-C whose exception was lost (writer.interrupts)
        doc = analysis.document
        findings = _judge(analysis, profile, analyzer, select, ignore, severity)
        findings, notes = apply_suppressions(findings, doc)
        results.append(
            FileResult(
                path=doc.path,
                kind=doc.kind,
                stats=_stats(analysis),
                sentences=analysis.sentences,
                findings=findings,
                notes=list(doc.notes) + notes,
            )
        )
    return results


def check(text: str, profile=None, kind: str = "statement", path: str = "<text>") -> FileResult:
    """Check one draft given as text; raises InputError for an empty draft."""
    return analyze_documents([make_document(text, path, kind=kind)], profile)[0]


def check_files(
    paths: list[str | Path],
    profile=None,
    kind: str | None = None,
    *,
    cache=None,
    contents: Mapping[str, bytes] | None = None,
    **options,
) -> list[FileResult]:
    """Check drafts on disk as one batch; an unreadable file gets ``error`` set.

    ``cache`` (a ``writer.cache.Cache``) answers unchanged drafts without the
    pipeline; ``contents`` gives the bytes of drafts that are not on disk
    (standard input), by path. ``options`` are ``analyze_documents``'s.
    """
    settings = ""
    if cache is not None:
        settings = cache.settings_key(profile=profile, kind=kind, **options)
    documents: list[Document] = []
    pending: list[bytes] = []
    slots: list[FileResult | None] = []
    for p in paths:
        name = str(p)
        try:
            data = contents[name] if contents and name in contents else read_bytes(p)
            hit = cache.get(name, data, settings) if cache is not None else None
            if hit is not None:
                slots.append(hit)
                continue
            documents.append(read_document_bytes(data, name, kind=kind))
            pending.append(data)
            slots.append(None)
        except StmtError as err:
            slots.append(FileResult(path=name, kind=kind or "statement", error=str(err)))
    analysed = analyze_documents(documents, profile, **options) if documents else []
    if cache is not None:
        for result, data in zip(analysed, pending, strict=True):
            cache.put(result.path, data, settings, result)
    fresh = iter(analysed)
    return [slot if slot is not None else next(fresh) for slot in slots]


def needs_analysis(
    paths: list[str | Path],
    profile=None,
    kind: str | None = None,
    *,
    cache=None,
    contents: Mapping[str, bytes] | None = None,
    **options,
) -> bool:
    """Would ``check_files`` with these arguments run the pipeline (a draft the cache
    does not answer)? An unreadable draft needs none."""
    if cache is None:
        return bool(paths)
    settings = cache.settings_key(profile=profile, kind=kind, **options)
    for p in paths:
        name = str(p)
        try:
            data = contents[name] if contents and name in contents else read_bytes(p)
        except StmtError:
            continue
        if cache.get(name, data, settings) is None:
            return True
    return False


__all__ = ["check", "check_files", "analyze_documents", "FileResult", "RULES"]
