"""The baseline: accept findings once, report only new ones, stable under edits elsewhere."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from writer.baseline import Baseline, fingerprint, normalise
from writer.cli import main
from writer.rules.base import Finding

BLAME = "Due to circumstances beyond my control, I failed Step 1 on my first attempt."
OTHER_BLAME = (
    "My medical school did not prepare us for the USMLE, "
    "and the exam does not measure clinical ability."
)
SCENE = "At 3 a.m. in the trauma bay, I held cricoid pressure while the attending placed the tube."


@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    monkeypatch.setenv("STMT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)


def run(*args):
    return CliRunner().invoke(main, list(args))


def blame_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if " blame " in line]


def test_add_baseline_then_only_new_findings_fail(tmp_path, write):
    draft = write("statement.txt", f"{BLAME}\n")
    assert run("check", str(draft)).exit_code == 1
    added = run("check", "--add-baseline", str(draft))
    assert added.exit_code == 0, added.output
    assert "baselined" in added.output
    data = json.loads((tmp_path / ".stmt-baseline.json").read_text())
    (entries,) = data["files"].values()
    assert {e["rule"] for e in entries} >= {"blame"}
    # Accepted: nothing to report, exit 0.
    again = run("check", str(draft))
    assert again.exit_code == 0, again.output
    assert blame_lines(again.output) == []
    # A new flawed sentence is reported (and fails); the accepted one is not.
    draft.write_text(f"{BLAME}\n\n{OTHER_BLAME}\n")
    new = run("check", str(draft))
    assert new.exit_code == 1
    assert [line.split(":")[1] for line in blame_lines(new.output)] == ["3"]


def test_fingerprints_survive_edits_elsewhere(write):
    draft = write("statement.txt", f"{BLAME}\n")
    run("check", "--add-baseline", str(draft))
    # A new opening paragraph moves the sentence to line 3; the text is rewrapped.
    rewrapped = BLAME.replace(", I failed", ",\n  I failed")
    draft.write_text(f"{SCENE}\n\n{rewrapped}\n")
    result = run("check", str(draft))
    assert blame_lines(result.output) == [], result.output
    # Rewriting the sentence itself brings the finding back.
    draft.write_text(f"{SCENE}\n\n{BLAME.replace('circumstances', 'events')}\n")
    assert len(blame_lines(run("check", str(draft)).output)) == 1


def test_duplicates_are_counted(write):
    draft = write("statement.txt", f"{BLAME}\n")
    run("check", "--add-baseline", str(draft))
    draft.write_text(f"{BLAME}\n\n{BLAME}\n")
    result = run("check", str(draft))
    assert len(blame_lines(result.output)) == 1
    assert result.exit_code == 1


def test_show_baselined_marks_them_and_never_fails(write):
    draft = write("statement.txt", f"{BLAME}\n")
    run("check", "--add-baseline", str(draft))
    shown = run("check", "--show-baselined", str(draft))
    assert shown.exit_code == 0
    (line,) = blame_lines(shown.output)
    assert "error blame (baselined)" in line
    data = json.loads(run("check", "--format", "json", str(draft)).stdout)
    (file,) = data["files"]
    assert "blame" not in {f["rule"] for f in file["findings"]}
    assert "blame" in {f["rule"] for f in file["baselined"]}


def test_baseline_location_from_the_config_and_flag(tmp_path, write):
    draft = write("statement.txt", f"{BLAME}\n")
    (tmp_path / "stmt.toml").write_text('baseline = "accepted.json"\n')
    run("check", "--add-baseline", str(draft))
    assert (tmp_path / "accepted.json").exists()
    assert not (tmp_path / ".stmt-baseline.json").exists()
    assert run("check", str(draft)).exit_code == 0
    assert run("check", "--baseline", str(tmp_path / "none.json"), str(draft)).exit_code == 1


def test_re_baselining_one_file_keeps_the_others(tmp_path, write):
    a = write("a.txt", f"{BLAME}\n")
    b = write("b.txt", f"{OTHER_BLAME}\n")
    run("check", "--add-baseline", str(a), str(b))
    a.write_text(f"{SCENE}\n")
    run("check", "--add-baseline", str(a))
    files = json.loads((tmp_path / ".stmt-baseline.json").read_text())["files"]
    assert "blame" in {e["rule"] for e in files["b.txt"]}
    assert "blame" not in {e["rule"] for e in files.get("a.txt", [])}


def test_a_broken_baseline_is_one_line_and_exit_2(tmp_path, write):
    draft = write("statement.txt", f"{BLAME}\n")
    (tmp_path / ".stmt-baseline.json").write_text("{not json")
    result = run("check", str(draft))
    assert result.exit_code == 2
    assert ".stmt-baseline.json: not a readable stmt baseline" in result.output


class _S:
    def __init__(self, start, end, text):
        self.start, self.end, self.text = start, end, text


def test_fingerprint_normalises_case_spacing_and_quotes():
    a = [_S(10, 40, "I didn\u2019t  pass\nStep 1.")]
    b = [_S(500, 530, "i didn't pass step 1.")]
    fa = fingerprint(Finding("blame", "error", "m", 10, 40), a)
    fb = fingerprint(Finding("blame", "error", "m", 500, 530), b)
    assert fa == fb and fa.startswith("blame:")
    assert fingerprint(Finding("too-long", "warning", "m", 500, 530), b) != fb
    assert normalise("  A\u201cB\u201d\n c ") == 'a"b" c'


def test_whole_draft_findings_are_keyed_by_rule_alone():
    first = [_S(5, 20, "First sentence.")]
    edited = [_S(5, 30, "A rewritten first sentence.")]
    whole = Finding("missing-why-now", "warning", "m", 0, 1)
    assert fingerprint(whole, first) == fingerprint(whole, edited)


def test_baseline_round_trip(tmp_path):
    baseline = Baseline(tmp_path / "b.json")
    baseline.entries["x.txt"] = [{"rule": "blame", "fingerprint": "blame:1", "count": 2}]
    baseline.write()
    assert Baseline.load(tmp_path / "b.json").entries == baseline.entries
    assert Baseline.load(tmp_path / "missing.json").entries == {}
