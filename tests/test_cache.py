"""The content cache: unchanged drafts are answered from disk, without spaCy; any change misses."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT

import writer.api as api
from writer.cache import Cache, cache_dir
from writer.cli import main

BLAME = "Due to circumstances beyond my control, I failed Step 1 on my first attempt.\n"


@pytest.fixture
def analyses(monkeypatch):
    """Counts the drafts that went through the pipeline."""
    seen: list[str] = []
    real = api.analyze_documents

    def spy(documents, *args, **kwargs):
        seen.extend(d.path for d in documents)
        return real(documents, *args, **kwargs)

    monkeypatch.setattr(api, "analyze_documents", spy)
    return seen


def _dicts(results):
    return [r.to_dict() for r in results]


def test_an_unchanged_draft_is_answered_from_the_cache(tmp_path, write, analyses):
    path = write("d.txt", BLAME)
    cache = Cache(tmp_path / "cache")
    first = api.check_files([path], cache=cache)
    assert analyses == [str(path)]
    second = api.check_files([path], cache=Cache(tmp_path / "cache"))
    assert analyses == [str(path)]  # not analysed again
    assert _dicts(second) == _dicts(first)
    assert [f.rule for f in second[0].findings] == [f.rule for f in first[0].findings]
    assert second[0].sentences[0].tags == first[0].sentences[0].tags


def test_content_and_settings_changes_miss(tmp_path, write, analyses):
    path = write("d.txt", BLAME)
    cache = Cache(tmp_path / "cache")
    api.check_files([path], cache=cache)
    path.write_text(BLAME + "\nI want to be an anesthesiologist.\n")
    api.check_files([path], cache=cache)
    assert len(analyses) == 2
    api.check_files([path], cache=cache, ignore={"blame"})
    api.check_files([path], cache=cache, select={"blame"})
    api.check_files([path], cache=cache, severity={"blame": "warning"})
    api.check_files([path], cache=cache, kind="letter-request")
    assert len(analyses) == 6
    lexicons = tmp_path / "lex"
    lexicons.mkdir()
    (lexicons / "blame.toml").write_text('[cues.beyond_control]\nphrases = ["the moon was full"]\n')
    api.check_files([path], cache=cache, lexicon_dirs=(lexicons,))
    assert len(analyses) == 7
    (lexicons / "blame.toml").write_text('[cues.beyond_control]\nphrases = ["the sun was out"]\n')
    api.check_files([path], cache=cache, lexicon_dirs=(lexicons,))
    assert len(analyses) == 8
    # And each of those is now a hit.
    api.check_files([path], cache=cache, ignore={"blame"})
    api.check_files([path], cache=cache, lexicon_dirs=(lexicons,))
    assert len(analyses) == 8


def test_a_profile_change_misses(tmp_path, write, analyses):
    from writer.profile import load_profile

    path = write("d.txt", "I want to be an anesthesiologist because I love physiology.\n")
    passed = load_profile(write("p.toml", '[applicant]\nname = "A"\n[scores]\nstep1 = "pass"\n'))
    failed = load_profile(write("q.toml", '[applicant]\nname = "A"\n[scores]\nstep1 = "fail"\n'))
    cache = Cache(tmp_path / "cache")
    ok = api.check_files([path], profile=passed, cache=cache)
    flagged = api.check_files([path], profile=failed, cache=cache)
    assert len(analyses) == 2
    assert "score-not-addressed" not in {f.rule for f in ok[0].findings}
    assert "score-not-addressed" in {f.rule for f in flagged[0].findings}


def test_corrupt_entries_are_ignored_and_rewritten(tmp_path, write, analyses):
    path = write("d.txt", BLAME)
    cache = Cache(tmp_path / "cache")
    first = api.check_files([path], cache=cache)
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 1
    for garbage in (b"{truncated", b'{"content": 1}', b"\xff\xfe", b""):
        entries[0].write_bytes(garbage)
        again = api.check_files([path], cache=cache)
        assert _dicts(again) == _dicts(first)
    assert len(analyses) == 5
    assert json.loads(entries[0].read_text())["result"]["findings"]  # rewritten


def test_cli_cache_location_and_no_cache(tmp_path, write, monkeypatch):
    monkeypatch.delenv("STMT_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "essays").mkdir()
    (tmp_path / "essays" / "stmt.toml").write_text('fail-on = "error"\n')
    draft = write("essays/d.txt", BLAME)
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--no-cache", str(draft)]).exit_code == 1
    assert not (tmp_path / "essays" / ".stmt_cache").exists()
    assert runner.invoke(main, ["check", str(draft)]).exit_code == 1
    cache = tmp_path / "essays" / ".stmt_cache"  # next to the config file
    assert (cache / ".gitignore").read_text().strip().endswith("*")
    assert list(cache.rglob("*.json"))
    monkeypatch.setenv("STMT_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert cache_dir(tmp_path) == tmp_path / "elsewhere"
    assert runner.invoke(main, ["check", str(draft)]).exit_code == 1
    assert list((tmp_path / "elsewhere").rglob("*.json"))


_PROBE = """
import sys
from writer.cli import main
try:
    main(sys.argv[1:], prog_name="stmt")
except SystemExit as done:
    code = done.code
print("spacy imported" if "spacy" in sys.modules else "spacy not imported", file=sys.stderr)
sys.exit(code)
"""


def test_a_recheck_of_an_unchanged_file_never_imports_spacy(tmp_path, write):
    path = write("d.txt", BLAME)
    env = {**os.environ, "STMT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}

    def probe():
        done = subprocess.run(
            [sys.executable, "-c", _PROBE, "check", str(path)],
            env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        return done

    cold, warm = probe(), probe()
    assert "spacy imported" in cold.stderr, cold.stderr
    assert "spacy not imported" in warm.stderr, warm.stderr
    assert warm.returncode == cold.returncode == 1
    assert warm.stdout == cold.stdout
