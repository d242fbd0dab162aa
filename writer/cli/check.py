"""`stmt check`: analyse drafts and report findings.

The command parses options, finds each draft's configuration, calls
``writer.api.check_files`` once per group of drafts that share settings (the
pipeline is loaded once for all of them), applies the baseline, picks a
reporter and chooses the exit code.
"""

from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from writer.cli import main
from writer.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, InputError

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".text")
FORMATS = ("text", "json", "github", "sarif")
STDIN = "-"

CHECK_EPILOG = """\b
Configuration: the nearest stmt.toml, .stmt.toml or [tool.stmt] in
pyproject.toml above each draft (see the README); --config FILE instead;
--isolated for none.
\b
Silencing: in Markdown, <!-- stmt: disable=RULE --> ... <!-- stmt: enable=RULE -->
or <!-- stmt: disable-next-line -->; in any draft, --add-baseline.
\b
Exit codes:
  0  no finding at or above --fail-on (baselined findings never count)
  1  a finding at or above --fail-on
  2  usage or input error (bad path, unreadable draft, broken config or profile)"""


def expand_paths(paths: tuple[str, ...]) -> list[str]:
    """Files as given; directories recurse into drafts; globs are expanded.

    A path that does not exist is kept so that it is reported as an error
    alongside the others; the same file given twice is checked once. ``-``
    (standard input) is kept as it is.
    """
    out: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        key = p if p == STDIN else os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        if os.path.isdir(raw):
            found = sorted(
                str(p)
                for p in Path(raw).rglob("*")
                if p.suffix.lower() in DRAFT_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(raw).parts)
            )
            if not found:
                raise InputError(f"{raw}: directory holds no drafts ({', '.join(DRAFT_SUFFIXES)})")
            for p in found:
                add(p)
        elif not os.path.lexists(raw) and glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                raise InputError(f"{raw}: no file matches this pattern")
            for p in matches:
                add(p)
        else:
            add(raw)
    return out


@dataclass(frozen=True)
class _Job:
    """One draft and the settings it is checked with."""

    path: str
    config: object  # writer.config.Config
    kind: str | None
    ignore: frozenset[str]


@main.command("check", epilog=CHECK_EPILOG)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(dir_okay=False),
    help="Applicant profile (TOML): scores, IMG status. Overrides the config's `profile`.",
)
@click.option(
    "--kind",
    default=None,
    metavar="KIND",
    help="Document kind for every draft (default: statement, or the config's [kinds]).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people; json (the README's contract); github (workflow annotations); "
    "sarif (2.1.0, for code scanning).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error", "never"]),
    default=None,
    help="Exit 1 when a finding reaches this severity.  "
    "[default: the config's fail-on, else error]",
)
@click.option("--quiet", "-q", is_flag=True, help="Findings only: no summary, no suggestions.")
@click.option(
    "--statistics",
    is_flag=True,
    help="Count findings per rule: printed instead of the findings (text) or added (json).",
)
@click.option(
    "--select",
    default=None,
    help="Comma-separated rule ids to run (default: the config's, else all).",
)
@click.option(
    "--ignore", default="", help="Comma-separated rule ids to skip (added to the config's)."
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Use this configuration file for every draft instead of searching.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option(
    "--stdin-filename",
    default=None,
    metavar="NAME",
    help="Name (and format, by suffix) of the draft read from `-`; "
    "also used to find its configuration.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Do not read or write the cache (.stmt_cache/, or $STMT_CACHE_DIR).",
)
@click.option(
    "--jobs",
    "-j",
    "workers",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes for big batches (0: one per core).",
)
@click.option(
    "--add-baseline",
    is_flag=True,
    help="Accept every current finding: write them to the baseline file and exit 0.",
)
@click.option(
    "--show-baselined",
    is_flag=True,
    help="Also report findings the baseline accepted (marked; they never fail the run).",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Baseline file.  [default: the config's baseline, "
    "else .stmt-baseline.json beside the config or here]",
)
def check_command(
    paths,
    profile_path,
    kind,
    fmt,
    fail_on,
    quiet,
    statistics,
    select,
    ignore,
    config_path,
    isolated,
    stdin_filename,
    no_cache,
    workers,
    add_baseline,
    show_baselined,
    baseline_path,
):
    """Check personal statements (and other drafts) against the advising guide.

    PATH may be a file, a directory (its .txt/.md/.docx drafts), a glob, or
    `-` for standard input (name it with --stdin-filename). Findings print as
    `path:line:col: severity rule-id message`, then a summary of the
    statement's structure. Nothing is ever written to PATH.
    """
    from writer.nlp.pipeline import quiet_gc_while_loading
    from writer.rules import RULES

    quiet_gc_while_loading()  # this process is stmt's own: load without collections

    if statistics and fmt not in ("text", "json"):
        raise click.BadParameter(
            "--statistics works with --format text or json", param_hint="--statistics"
        )
    if paths.count(STDIN) > 1:
        raise click.BadParameter("standard input (-) can be read once", param_hint="PATH")
    cli_select = _rule_ids(select, RULES) if select else None
    cli_ignore = frozenset(_rule_ids(ignore, RULES)) if ignore else frozenset()
    if kind is not None:
        _check_kind(kind)

    config_for = _config_source(config_path, isolated)
    contents: dict[str, bytes] = {}
    jobs = []
    for path in expand_paths(paths):
        if path == STDIN:
            path = stdin_filename or "<stdin>"
            contents[path] = _read_stdin()
            config = config_for(stdin_filename or os.path.join(os.getcwd(), "<stdin>"))
        else:
            config = config_for(path)
            if config.is_excluded(path):
                continue
        jobs.append(
            _Job(path, config, kind or config.kind_for(path), config.ignores_for(path) | cli_ignore)
        )

    results = _run(
        jobs, contents, profile_path, cli_select, use_cache=not no_cache, workers=workers
    )
    baselines = _baselines(jobs, baseline_path)

    if add_baseline:
        _write_baselines(results, jobs, baselines, baseline_path)
        sys.exit(EXIT_USAGE if any(r.error for r in results) else EXIT_OK)
    for result, job in zip(results, jobs, strict=True):
        if not result.error:
            new, old = baselines[_baseline_file(job, baseline_path)].split(result)
            result.findings = sorted(new + old, key=_order) if show_baselined else new
            result.baselined = old

    _report(results, fmt, quiet, statistics)
    sys.exit(_exit_code(results, jobs, fail_on))


# -- steps -------------------------------------------------------------------------------


def _read_stdin() -> bytes:
    from writer.documents.reader import MAX_BYTES

    if sys.stdin is None:  # started with standard input closed (cron, some CI runners)
        raise InputError("-: standard input is closed; give a file instead")
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    # One byte past the limit is enough to refuse it; `yes | stmt check -` must not fill memory.
    data = stream.read(MAX_BYTES + 1)
    return data if isinstance(data, bytes) else data.encode("utf-8")


def _config_source(config_path: str | None, isolated: bool):
    """A function from a draft's path to its Config."""
    from writer.config import ConfigFinder, default_config, load_config

    if config_path:
        fixed = load_config(config_path)
        return lambda _path: fixed
    if isolated:
        fixed = default_config()
        return lambda _path: fixed
    return ConfigFinder().for_path


def _run(
    jobs: list[_Job], contents, profile_path, cli_select, use_cache: bool, workers: int = 1
) -> list:
    """Check every job, one ``check_files`` call per group of shared settings."""
    from writer.cache import Cache, cache_dir
    from writer.parallel import check_files

    profiles: dict[Path | None, object] = {}
    groups: dict[tuple, list[int]] = {}
    for index, job in enumerate(jobs):
        groups.setdefault((job.config, job.kind, job.ignore), []).append(index)
    results: list = [None] * len(jobs)
    for (config, kind, ignored), indexes in groups.items():
        profile = _profile(Path(profile_path) if profile_path else config.profile, profiles)
        cache = Cache(cache_dir(config.root if config.source else None)) if use_cache else None
        group = check_files(
            [jobs[i].path for i in indexes],
            jobs=workers,
            profile=profile,
            kind=kind,
            cache=cache,
            contents=contents,
            select=cli_select if cli_select is not None else config.select,
            ignore=ignored,
            severity=dict(config.severity),
            lexicon_dirs=config.lexicons,
        )
        for i, result in zip(indexes, group, strict=True):
            results[i] = result
    return results


def _profile(path: Path | None, loaded: dict):
    if path not in loaded:
        loaded[path] = None
        if path is not None:
            from writer.profile import load_profile

            profile = load_profile(path)
            for warning in profile.warnings:
                click.echo(f"stmt: warning: {warning}", err=True)
            loaded[path] = profile
    return loaded[path]


def _baseline_file(job: _Job, baseline_path: str | None) -> Path:
    return Path(os.path.abspath(baseline_path or job.config.baseline_path))


def _baselines(jobs: list[_Job], baseline_path: str | None) -> dict:
    from writer.baseline import Baseline

    return {
        path: Baseline.load(path) for path in {_baseline_file(job, baseline_path) for job in jobs}
    }


def _write_baselines(results, jobs, baselines, baseline_path: str | None) -> None:
    for path, baseline in baselines.items():
        pairs = zip(results, jobs, strict=True)
        count = baseline.record(
            [r for r, job in pairs if _baseline_file(job, baseline_path) == path]
        )
        baseline.write()
        click.echo(f"stmt: baselined {count} finding(s) in {os.path.relpath(path)}", err=True)
    for result in results:
        if result.error:
            click.echo(f"stmt: error: {result.error}", err=True)


def _order(finding) -> tuple:
    return (finding.start, finding.rule)


def _report(results, fmt: str, quiet: bool, statistics: bool) -> None:
    from writer.reports import REPORTERS, render_statistics

    color = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if statistics and fmt == "text":
        output = render_statistics(results)
    else:
        output = REPORTERS[fmt](results, color=color, quiet=quiet, statistics=statistics)
    if output:
        click.echo(output)
    for r in results:
        if r.error:
            click.echo(f"stmt: error: {r.error}", err=True)


def _exit_code(results, jobs: list[_Job], cli_fail_on: str | None) -> int:
    from writer.rules.base import severity_rank

    if any(r.error for r in results):
        return EXIT_USAGE
    for result, job in zip(results, jobs, strict=True):
        fail_on = cli_fail_on or job.config.fail_on or "error"
        if fail_on == "never":
            continue
        accepted = {id(f) for f in result.baselined}
        if any(
            severity_rank(f.severity) >= severity_rank(fail_on)
            for f in result.findings
            if id(f) not in accepted
        ):
            return EXIT_FINDINGS
    return EXIT_OK


def _rule_ids(value: str, rules) -> set[str]:
    from difflib import get_close_matches

    ids = {v.strip() for v in value.split(",") if v.strip()}
    for unknown in sorted(ids - set(rules)):
        hint = get_close_matches(unknown, list(rules), n=1)
        maybe = f" (did you mean {hint[0]!r}?)" if hint else ""
        raise click.BadParameter(f"unknown rule id {unknown!r}{maybe} (see `stmt rules`)")
    return ids


def _check_kind(kind: str) -> None:
    from difflib import get_close_matches

    from writer.config import document_kinds

    known = document_kinds() if kind != "statement" else ("statement",)
    if kind not in known:
        hint = get_close_matches(kind, known, n=1)
        maybe = f" (did you mean {hint[0]!r}?)" if hint else ""
        raise click.BadParameter(
            f"unknown document kind {kind!r}{maybe}; known: {', '.join(known)}", param_hint="--kind"
        )
