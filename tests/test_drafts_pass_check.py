"""Every message `stmt draft` writes passes `stmt check` for its kind: no warning, no error.

Issue 3: "Every draft that `stmt draft` generates passes `stmt check` for its
kind with no warning or error." Over every kind and the varied profiles in
tests/data/profiles/ through the library, then once end to end through the CLI.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from writer.api import analyze_documents
from writer.cli import main
from writer.documents.reader import make_document
from writer.drafting import KINDS, draft_all
from writer.profile import load_profile
from writer.rules.email import today_is

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "tests" / "data" / "profiles"
TODAY = date(2027, 6, 1)


def every_draft():
    found = []
    for path in sorted(PROFILES.glob("*.toml")):
        profile = load_profile(path)
        for kind in KINDS:
            has_target = ("writer" in kind.targets and profile.writers) or (
                "program" in kind.targets and profile.programs
            )
            if not has_target:
                continue
            drafts, _ = draft_all(profile, kind.name, today=TODAY)
            found.extend((path.stem, kind.name, d) for d in drafts)
    return found


DRAFTS = every_draft()
IDS = [f"{p}-{k}-{d.target_id}" for p, k, d in DRAFTS]


@pytest.fixture(scope="module")
def checked():
    docs = [make_document(d.text, f"{i}.txt", kind=k) for i, (_, k, d) in enumerate(DRAFTS)]
    with today_is(TODAY):
        return analyze_documents(docs)


def test_the_drafts_cover_every_kind_and_profile() -> None:
    assert {k for _, k, _ in DRAFTS} == {k.name for k in KINDS}
    assert {p for p, _, _ in DRAFTS} == {p.stem for p in PROFILES.glob("*.toml")}


@pytest.mark.parametrize("index", range(len(DRAFTS)), ids=IDS)
def test_draft_passes_check_for_its_kind(checked, index: int) -> None:
    _, kind, _ = DRAFTS[index]
    result = checked[index]
    assert result.kind == kind
    loud = [f"{f.severity} {f.rule}: {f.message}" for f in result.findings if f.severity != "info"]
    assert not loud


@pytest.mark.parametrize("index", range(len(DRAFTS)), ids=IDS)
def test_draft_is_detected_as_its_kind(index: int) -> None:
    _, kind, d = DRAFTS[index]
    assert make_document(d.text, "draft.txt").kind == kind


def test_a_letter_drafted_at_short_notice_passes_with_advice(checked) -> None:
    """haddad's writer brooks has a deadline 19 days after TODAY: the draft says so and offers
    another date, so check gives the short-notice advice at info level only."""
    index = IDS.index("haddad-letter-request-brooks")
    assert "shorter notice" in DRAFTS[index][2].text
    notes = [f for f in checked[index].findings if f.rule == "short-notice"]
    assert [f.severity for f in notes] == ["info"]


def _profile_due_in(tmp_path: Path, days: int) -> Path:
    """okafor's profile with every letter deadline ``days`` from the real today."""
    text = (PROFILES / "okafor.toml").read_text(encoding="utf-8")
    due = (date.today() + timedelta(days=days)).isoformat()
    text = re.sub(r"(?m)^deadline = .*$", f"deadline = {due}", text)
    text = re.sub(r"(?m)^asked_on = .*$", f"asked_on = {date.today().isoformat()}", text)
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_drafts_then_checks_each_kind_end_to_end(tmp_path: Path) -> None:
    """`stmt draft --all`, then `stmt check --kind KIND` per kind, then one real process that
    checks every draft at once and tells the kinds apart by itself; on today's date."""
    profile = _profile_due_in(tmp_path, 70)
    runner = CliRunner()
    drafts = tmp_path / "drafts"
    for kind in KINDS:
        out = drafts / kind.name
        done = runner.invoke(
            main, ["draft", kind.name, "--profile", str(profile), "--all", "--out-dir", str(out)]
        )
        assert done.exit_code == 0, done.output
        assert list(out.glob("*.txt"))
        checked = runner.invoke(
            main,
            [
                "check",
                "--isolated",
                "--no-cache",
                "--fail-on",
                "warning",
                "--format",
                "json",
                "--kind",
                kind.name,
                str(out),
            ],
        )
        assert checked.exit_code == 0, checked.output[-2000:]
        for entry in json.loads(checked.output)["files"]:
            assert entry["kind"] == kind.name
            assert [f for f in entry["findings"] if f["severity"] != "info"] == []
    env = dict(os.environ, PYTHONIOENCODING="utf-8", STMT_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "writer",
            "check",
            "--isolated",
            "--fail-on",
            "warning",
            "--format",
            "json",
            str(drafts),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    files = json.loads(proc.stdout)["files"]
    assert len(files) == len(list(drafts.rglob("*.txt")))
    for entry in files:
        assert entry["error"] is None
        assert entry["kind"] == Path(entry["path"]).parent.name
