"""Output formats: text, json (the contract), github annotations, SARIF 2.1.0; --statistics, colour.

SARIF is validated with jsonschema against tests/data/sarif-2.1.0-subset.schema.json,
the definitions stmt writes transcribed from the official OASIS schema (nothing
is fetched at test time).
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT

from writer.api import FileResult
from writer.cli import main
from writer.reports import REPORTERS, render_github, render_sarif, statistics
from writer.rules import RULES
from writer.rules.base import Finding

BLAME = "Due to circumstances beyond my control, I failed Step 1 on my first attempt.\n"
SCHEMA = json.loads((DATA / "sarif-2.1.0-subset.schema.json").read_text())


@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    monkeypatch.setenv("STMT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)


def run(*args):
    return CliRunner().invoke(main, list(args))


def _result(path="d.txt", findings=(), error=None) -> FileResult:
    return FileResult(path=path, findings=list(findings), error=error)


def _finding(rule="blame", severity="error", message="reads as blame", **where) -> Finding:
    return Finding(rule, severity, message, **where)


# -- github ---------------------------------------------------------------------------------


def test_github_annotations_one_per_finding_with_levels_and_escaping():
    results = [
        _result(
            "a,b:c.txt",
            [
                _finding(start=0, end=10, line=2, column=3, end_line=2, end_column=13),
                _finding("missing-why-now", "warning", "100% missing\nsay why now"),
                _finding("score-not-addressed", "info", "reminder"),
            ],
        ),
        _result("gone.txt", error="gone.txt: no such file"),
    ]
    lines = render_github(results).splitlines()
    assert lines[0] == (
        "::error file=a%2Cb%3Ac.txt,line=2,col=3,endLine=2,endColumn=13,"
        "title=stmt blame::reads as blame"
    )
    assert lines[1].startswith("::warning ") and lines[1].endswith("::100%25 missing%0Asay why now")
    assert lines[2].startswith("::notice ")
    assert lines[3] == "::error file=gone.txt,title=stmt::gone.txt: no such file"


def test_github_format_from_the_cli(write):
    path = write("d.txt", BLAME)
    result = run("check", "--format", "github", str(path))
    assert result.exit_code == 1
    assert any(
        line.startswith(f"::error file={path},line=1,col=1,") and "title=stmt blame::" in line
        for line in result.stdout.splitlines()
    )


# -- sarif -----------------------------------------------------------------------------------


def test_sarif_validates_and_locates_findings(write, tmp_path):
    path = write("d.txt", "I love anesthesia.\n\n" + BLAME)
    result = run("check", "--format", "sarif", "d.txt", "missing.txt")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    jsonschema.validate(log, SCHEMA)
    assert log["version"] == "2.1.0"
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    blame = [r for r in sarif_run["results"] if r["ruleId"] == "blame"]
    assert blame, sarif_run["results"]
    region = blame[0]["locations"][0]["physicalLocation"]["region"]
    text = path.read_text()
    assert region["startLine"] == 3 and region["startColumn"] == 1
    assert text[region["charOffset"] : region["charOffset"] + region["charLength"]].startswith(
        "Due to"
    )
    assert rules[blame[0]["ruleIndex"]]["id"] == "blame"
    assert blame[0]["level"] == "error"
    artifact = blame[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "d.txt", "uriBaseId": "%SRCROOT%"}
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
    (invocation,) = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert (
        "missing.txt: no such file"
        in invocation["toolExecutionNotifications"][0]["message"]["text"]
    )


def test_sarif_marks_baselined_findings_as_suppressed(write):
    path = write("d.txt", BLAME)
    run("check", "--add-baseline", str(path))
    log = json.loads(run("check", "--format", "sarif", "--show-baselined", str(path)).stdout)
    jsonschema.validate(log, SCHEMA)
    blame = [r for r in log["runs"][0]["results"] if r["ruleId"] == "blame"]
    assert blame[0]["suppressions"] == [{"kind": "external", "justification": "stmt baseline"}]


def test_the_schema_rejects_what_sarif_forbids():
    """The embedded schema is strict enough to catch mistakes, so passing it means something."""
    log = json.loads(render_sarif([_result(findings=[_finding(line=1, column=1)])]))
    jsonschema.validate(log, SCHEMA)
    bad = json.loads(json.dumps(log))
    bad["runs"][0]["results"][0]["level"] = "info"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)
    bad = json.loads(json.dumps(log))
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


# -- json and text ------------------------------------------------------------------------------


def test_json_keeps_the_contract_and_adds_keys(write):
    path = write("d.txt", BLAME)
    data = json.loads(run("check", "--format", "json", "--statistics", str(path)).stdout)
    assert data["version"] == 1
    (f,) = data["files"]
    assert set(f) >= {"path", "kind", "stats", "sentences", "findings", "error", "baselined"}
    keys = "rule severity message line column end_line end_column start end suggestion"
    assert set(f["findings"][0]) >= set(keys.split())
    counts = {s["rule"]: s["count"] for s in data["statistics"]}
    assert counts["blame"] == sum(x["rule"] == "blame" for x in f["findings"])


def test_statistics_counts_per_rule(write):
    a = write("a.txt", BLAME)
    b = write("b.txt", BLAME + "\n" + BLAME)
    result = run("check", "--statistics", str(a), str(b))
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["3", "blame", "[error]"]
    assert not any(line.startswith(str(a)) for line in lines)  # counts instead of findings
    assert result.exit_code == 1
    assert statistics([_result(findings=[_finding(), _finding()])]) == [("blame", "error", 2)]
    assert run("check", "--statistics", "--format", "sarif", str(a)).exit_code == 2


def test_quiet_prints_findings_only(write):
    path = write("d.txt", BLAME)
    loud = run("check", str(path)).stdout
    quiet = run("check", "--quiet", str(path)).stdout
    assert "structure:" in loud and "suggestion:" in loud
    assert "structure:" not in quiet and "suggestion:" not in quiet
    assert all(line.startswith(f"{path}:") for line in quiet.splitlines())


def test_every_format_has_a_reporter():
    assert set(REPORTERS) == {"text", "json", "github", "sarif"}


def _run_on_a_terminal(args: list[str], env: dict) -> str:
    leader, follower = pty.openpty()
    proc = subprocess.run(
        [sys.executable, "-m", "writer", *args],
        stdout=follower, stderr=subprocess.DEVNULL, env=env, cwd=os.getcwd(), timeout=300,
    )  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.returncode == 1
    return b"".join(chunks).decode()


def test_colour_only_on_a_terminal_and_never_with_no_color(write):
    path = write("d.txt", BLAME)
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["PYTHONPATH"] = str(ROOT)
    coloured = _run_on_a_terminal(["check", "--quiet", str(path)], env)
    assert "\x1b[" in coloured and "blame" in coloured
    plain = _run_on_a_terminal(["check", "--quiet", str(path)], {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "error blame" in plain
    piped = run("check", "--quiet", str(path)).stdout  # not a terminal
    assert "\x1b[" not in piped


def test_docx_positions_are_paragraph_and_sentence(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph(
        "At 3 a.m. in the trauma bay, I held cricoid pressure for the attending."
    )
    document.add_paragraph(f"I love physiology. {BLAME.strip()}")
    document.save(tmp_path / "statement.docx")
    result = run("check", "--quiet", "statement.docx")
    blame = [line for line in result.stdout.splitlines() if " blame " in line]
    assert blame == [blame[0]] and blame[0].startswith(
        "statement.docx:paragraph 2, sentence 2: error blame "
    )
