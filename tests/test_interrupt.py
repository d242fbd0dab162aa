"""Ctrl-C: exit 130, one line, no traceback, and nothing half-written.

In-process tests raise KeyboardInterrupt at a chosen point (deterministic);
subprocess tests send a real SIGINT to the whole process group, as a terminal
does, once the run has reached that point (the child says so on stderr).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from writer.cli import main
from writer.errors import EXIT_INTERRUPTED

ROOT = Path(__file__).resolve().parent.parent
PROFILE = """\
[applicant]
name = "Mei Chen"
email = "mei.chen@example.net"
"""
WRITER = """
[[writers]]
id = "w{n}"
name = "Dr. Writer {n}"
worked_together = "my ICU observership in 2026"
deadline = 2027-09-01
"""
TODAY = "2027-01-01"


def _drafts(folder: Path, text: str, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"draft-{n:03}.txt"
        path.write_text(f"Draft {n}.\n\n{text}", encoding="utf-8")
        paths.append(path)
    return paths


def _state(paths: list[Path]) -> list[tuple[bytes, int]]:
    return [(p.read_bytes(), p.stat().st_mtime_ns) for p in paths]


def _profile(tmp_path: Path, writers: int) -> Path:
    path = tmp_path / "p.toml"
    path.write_text(PROFILE + "".join(WRITER.format(n=n) for n in range(writers)), "utf-8")
    return path


# ---------------------------------------------------------------------------
# In process: KeyboardInterrupt at a chosen point
# ---------------------------------------------------------------------------


def test_ctrl_c_during_a_batch_check(tmp_path, monkeypatch, strong_text) -> None:
    from writer import api

    paths = _drafts(tmp_path / "drafts", strong_text, 5)
    before = _state(paths)
    real_stats = api._stats
    calls = []

    def interrupted(analysis):
        calls.append(analysis)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_stats(analysis)

    monkeypatch.setenv("STMT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(api, "_stats", interrupted)
    result = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path / "drafts")])
    assert result.exit_code == EXIT_INTERRUPTED, result.output
    assert result.stderr.strip() == "stmt: interrupted"
    assert "Traceback" not in result.output
    assert _state(paths) == before
    # The next run is not harmed by the interrupted one.
    monkeypatch.setattr(api, "_stats", real_stats)
    again = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path / "drafts")])
    assert again.exit_code in (0, 1), again.output


def test_ctrl_c_while_drafts_are_written(tmp_path, monkeypatch) -> None:
    from writer.drafting import output

    profile = _profile(tmp_path, 4)
    out = tmp_path / "out"
    args = ["draft", "letter-request", "--profile", str(profile), "--all", "--out-dir", str(out)]
    args += ["--today", TODAY]
    real_fsync = os.fsync
    calls = []

    def interrupted(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:  # the third file: its temporary exists, half-written
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr(output.os, "fsync", interrupted)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == EXIT_INTERRUPTED, result.output
    assert "stmt: interrupted" in result.stderr and "Traceback" not in result.output
    _assert_only_whole_drafts(out, expected_max=2)


def _assert_only_whole_drafts(out: Path, expected_max: int) -> None:
    """No temporary files; every draft present is a complete message."""
    names = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert not [n for n in names if n.startswith(".") or n.endswith(".tmp")], names
    assert len(names) <= expected_max, names
    for name in names:
        text = (out / name).read_text(encoding="utf-8")
        assert text.startswith("Subject:") or "Dear" in text, text[:80]
        assert "Mei Chen" in text.rstrip().splitlines()[-1] or "Mei Chen" in text[-300:], text[
            -300:
        ]


# ---------------------------------------------------------------------------
# A real process and a real SIGINT
# ---------------------------------------------------------------------------

HOOK = """
import sys, time
{patch}
from writer.cli import main
main({args!r})
"""

CHECK_PATCH = """
from writer import api
_real = api.analyze_documents
def analyze_documents(*args, **kwargs):
    print("STARTED", file=sys.stderr, flush=True)
    return _real(*args, **kwargs)
api.analyze_documents = analyze_documents
"""

DRAFT_PATCH = """
from writer.drafting import output
_real_fsync = output.os.fsync
_calls = []
class _os:
    def __getattr__(self, name):
        import os
        return getattr(os, name)
    def fsync(self, fd):
        _calls.append(fd)
        if len(_calls) == 2:  # a slow disk on the second file
            print("STARTED", file=sys.stderr, flush=True)
            time.sleep(60)
        _real_fsync(fd)
output.os = _os()
"""


def _interrupt(code: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run ``code``; when it prints STARTED, Ctrl-C its process group."""
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env={**os.environ, **env},
        start_new_session=True,  # its own group, like a terminal's foreground job
    )
    try:
        deadline = time.monotonic() + 120
        first = proc.stderr.readline()
        while first and "STARTED" not in first and time.monotonic() < deadline:
            first = proc.stderr.readline()
        assert "STARTED" in first, f"never started: {first!r}"
        time.sleep(0.2)
        os.killpg(proc.pid, signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, first + stderr)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigint_during_a_real_batch_check(tmp_path: Path, strong_text: str, jobs: str) -> None:
    paths = _drafts(tmp_path / "drafts", strong_text, 120)
    before = _state(paths)
    args = ["check", "--no-cache", "--jobs", jobs, str(tmp_path / "drafts")]
    done = _interrupt(HOOK.format(patch=CHECK_PATCH, args=args), tmp_path, {"NO_COLOR": "1"})
    assert done.returncode == EXIT_INTERRUPTED, done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.stderr.count("stmt: interrupted") == 1, done.stderr[-2000:]
    assert _state(paths) == before


def test_sigint_during_a_real_draft_all(tmp_path: Path) -> None:
    profile = _profile(tmp_path, 4)
    out = tmp_path / "out"
    args = ["draft", "letter-request", "--profile", str(profile), "--all", "--out-dir", str(out)]
    args += ["--today", TODAY]
    done = _interrupt(HOOK.format(patch=DRAFT_PATCH, args=args), tmp_path, {})
    assert done.returncode == EXIT_INTERRUPTED, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert "stmt: interrupted" in done.stderr
    _assert_only_whole_drafts(out, expected_max=1)


# ---------------------------------------------------------------------------
# A Ctrl-C whose KeyboardInterrupt is dropped by the C code it landed in
# (measured: during spaCy's import, about 1 run in 15) still stops the run.
# ---------------------------------------------------------------------------

LOST_PATCH = """
import os, signal
from writer import api
_real = api.get_analyzer
def get_analyzer(*args, **kwargs):
    try:  # the signal lands in code whose caller discards the exception
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    print("LOADING", file=sys.stderr, flush=True)
    return _real(*args, **kwargs)
api.get_analyzer = get_analyzer
"""


def test_a_lost_ctrl_c_is_raised_again_between_drafts(tmp_path, monkeypatch, strong_text):
    from writer import api

    paths = _drafts(tmp_path / "drafts", strong_text, 5)
    before = _state(paths)
    real = api.get_analyzer
    done = []

    def get_analyzer(*args, **kwargs):
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        analyzer = real(*args, **kwargs)
        original = analyzer.analyze

        def analyze(documents):
            for analysis in original(documents):
                done.append(analysis)
                yield analysis

        monkeypatch.setattr(analyzer, "analyze", analyze)
        return analyzer

    monkeypatch.setattr(api, "get_analyzer", get_analyzer)
    result = CliRunner().invoke(main, ["check", "--no-cache", str(tmp_path / "drafts")])
    assert result.exit_code == EXIT_INTERRUPTED, result.output
    assert result.stderr.strip() == "stmt: interrupted"
    assert len(done) == 1  # stopped at the first draft, not after all five
    assert _state(paths) == before
    # The handler is Python's own again once the command is over.
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_the_ctrl_c_handler_is_only_put_in_where_python_s_own_is() -> None:
    from writer import interrupts

    def mine(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, mine)
    try:
        with interrupts.caught():
            assert signal.getsignal(signal.SIGINT) is mine
    finally:
        signal.signal(signal.SIGINT, previous)
    with interrupts.caught():
        assert signal.getsignal(signal.SIGINT) is interrupts._on_sigint
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_real_ctrl_c_lost_while_loading_still_stops_the_check(
    tmp_path: Path, strong_text: str, jobs: str
) -> None:
    paths = _drafts(tmp_path / "drafts", strong_text, 120)
    before = _state(paths)
    args = ["check", "--no-cache", "--jobs", jobs, str(tmp_path / "drafts")]
    code = HOOK.format(patch=LOST_PATCH, args=args)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )
    assert done.returncode == EXIT_INTERRUPTED, done.stderr[-2000:]
    assert done.stderr.count("LOADING") == 1  # no worker was started after it
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.stderr.count("stmt: interrupted") == 1, done.stderr[-2000:]
    assert done.stdout == ""  # not one draft's findings: it stopped before the first
    assert _state(paths) == before
    assert time.monotonic() - started < 30


LOST_IN_C = """
import signal, sys
from writer import interrupts

class Finalized:
    def __del__(self):  # Python reports an error raised here as unraisable, as C code does
        interrupts._on_sigint(signal.SIGINT, None)

try:
    with interrupts.caught():
        Finalized()
        print("GOES ON", file=sys.stderr)
except KeyboardInterrupt:
    print("RAISED AGAIN", file=sys.stderr)

class Other:
    def __del__(self):
        raise ValueError("not a Ctrl-C")

with interrupts.caught():
    Other()
"""


def test_a_ctrl_c_lost_in_code_that_discards_errors_prints_no_traceback() -> None:
    # CI once printed "Exception ignored in: 'Exception'" and a traceback for a
    # Ctrl-C that landed inside spaCy's compiled code. The Ctrl-C is still raised
    # once the block ends; any other discarded error is still reported.
    done = subprocess.run(
        [sys.executable, "-c", LOST_IN_C], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[:2] == ["GOES ON", "RAISED AGAIN"], done.stderr
    assert "KeyboardInterrupt" not in done.stderr
    assert "ValueError: not a Ctrl-C" in done.stderr
