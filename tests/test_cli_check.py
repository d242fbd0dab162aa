"""`stmt check` end to end: CliRunner for the details, a real subprocess for the whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from writer.cli import main

BLAME = """Due to circumstances beyond my control, I failed Step 1 on my first attempt.

My medical school did not prepare us for the USMLE, and the exam does not measure clinical ability.
"""


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_strong_statement_passes_with_a_summary(write, strong_text):
    path = write("strong.txt", strong_text)
    result = run("check", str(path))
    assert result.exit_code == 0, result.output
    assert "error" not in result.output
    assert "why anesthesiology: yes" in result.output
    assert "exam sentences: 3" in result.output


def test_blame_is_an_error_with_position_and_exit_1(write):
    path = write("blame.txt", BLAME)
    result = run("check", str(path))
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if " error blame " in ln]
    assert len(lines) >= 2
    assert lines[0].startswith(f"{path}:1:1: error blame ")
    assert any(ln.startswith(f"{path}:3:") for ln in lines)


def test_fail_on_never_and_warning(write):
    path = write("blame.txt", BLAME)
    assert run("check", "--fail-on", "never", str(path)).exit_code == 0
    assert run("check", "--ignore", "blame", "--fail-on", "error", str(path)).exit_code == 0
    assert run("check", "--ignore", "blame", "--fail-on", "warning", str(path)).exit_code == 1


def test_json_contract(write, strong_text):
    path = write("strong.txt", strong_text)
    result = run("check", "--format", "json", str(path))
    data = json.loads(result.output)
    assert data["version"] == 1
    (f,) = data["files"]
    assert set(f) >= {"path", "kind", "stats", "sentences", "findings", "error"}
    assert set(f["stats"]) >= {"words", "characters", "sentences", "paragraphs", "exam_sentences"}
    text = path.read_text()
    for s in f["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]
        assert set(s["tags"]) <= {
            "exam",
            "blame",
            "anecdote",
            "why_specialty",
            "why_me",
            "img_perspective",
            "why_now",
            "future_goals",
        }
    assert f["stats"]["exam_sentences"] == sum("exam" in s["tags"] for s in f["sentences"])


def test_profile_red_flag_and_no_score_sentence(write, tmp_path):
    draft = write("d.txt", "I want to be an anesthesiologist because I love physiology.\n")
    profile = write("p.toml", '[applicant]\nname = "A"\nimg = true\n[scores]\nstep1 = "fail"\n')
    result = run("check", "--profile", str(profile), str(draft))
    assert result.exit_code == 1
    assert "error score-not-addressed" in result.output
    assert "Step 1" in result.output
    no_profile = run("check", str(draft))
    assert "info score-not-addressed" in no_profile.output


def test_bad_inputs_are_one_line_and_exit_2(tmp_path, write):
    missing = run("check", str(tmp_path / "missing.txt"))
    assert missing.exit_code == 2
    assert "no such file" in missing.output
    assert "Traceback" not in missing.output
    empty = write("empty.txt", "   \n")
    assert run("check", str(empty)).exit_code == 2
    broken = write("broken.toml", "[applicant\nname = 1\n")
    draft = write("d.txt", "I love anesthesia.\n")
    result = run("check", "--profile", str(broken), str(draft))
    assert result.exit_code == 2
    assert "broken.toml" in result.output
    assert run("check", "--select", "no-such-rule", str(draft)).exit_code == 2


def test_never_writes_the_checked_file(write, strong_text):
    path = write("strong.txt", strong_text)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    run("check", str(path))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_real_subprocess_many_files_one_run(write, strong_text):
    a = write("a.txt", strong_text)
    b = write("b.txt", BLAME)
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "writer", "check", "--format", "json", str(a), str(b)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert [f["path"] for f in data["files"]] == [str(a), str(b)]
    assert any(x["rule"] == "blame" for x in data["files"][1]["findings"])
    assert not any(x["severity"] == "error" for x in data["files"][0]["findings"])


def test_rules_and_explain_do_not_import_spacy():
    code = (
        "import sys; from writer.cli import main\n"
        "for args in (['--help'], ['rules'], ['explain', 'blame']):\n"
        "    try:\n        main(args)\n    except SystemExit:\n        pass\n"
        "print('spacy' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip().splitlines()[-1] == "False"
    assert "Never blame others" in proc.stdout


def test_explain_unknown_rule_suggests():
    result = run("explain", "blam")
    assert result.exit_code == 2
    assert "did you mean blame" in result.output


def test_unreadable_file_is_reported_on_stderr_once(tmp_path, write, strong_text):
    good = write("good.txt", strong_text)
    proc = subprocess.run(
        [sys.executable, "-m", "writer", "check", str(good), str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "missing.txt" not in proc.stdout
    assert proc.stderr.count("no such file") == 1
    assert proc.stderr.startswith("stmt: error: ")


def test_a_bug_is_one_line_and_exit_3(monkeypatch, write, strong_text):
    import writer.api

    def boom(*args, **kwargs):
        raise ValueError("kaboom")

    monkeypatch.setattr(writer.api, "check_files", boom)
    monkeypatch.delenv("STMT_DEBUG", raising=False)
    result = run("check", "--no-cache", str(write("d.txt", strong_text)))
    assert result.exit_code == 3
    assert "internal error: ValueError: kaboom" in result.output
    assert "Traceback" not in result.output


def test_rules_filters_by_kind_and_refuses_unknown():
    letters = run("rules", "--kind", "letter-request")
    assert letters.exit_code == 0
    ids = [line.split()[0] for line in letters.output.splitlines()]
    assert "no-deadline" in ids and "blame" in ids and "too-long" not in ids
    assert "statement+emails" in run("rules").output
    unknown = run("rules", "--kind", "nope")
    assert unknown.exit_code == 2 and "letter-request" in unknown.output
