"""The pre-commit hook end to end, with the real `pre-commit` and a real `git commit`.

A copy of this repository is committed to a temporary git repo; an essay repo
points its `.pre-commit-config.yaml` at that copy (the three lines the README
tells users to add). pre-commit builds the hook's virtualenv from the copy's
pyproject once per test session (PRE_COMMIT_HOME in a temporary folder); that
needs the package index and takes a minute or two.

Runs by default (and in CI); set STMT_SKIP_PRECOMMIT_TEST=1 to skip it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, STRONG

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("STMT_SKIP_PRECOMMIT_TEST")),
    reason="STMT_SKIP_PRECOMMIT_TEST is set",
)

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
FLAWED = """Due to circumstances beyond my control, I failed Step 1 on my first attempt.

My medical school did not prepare us for the USMLE, and the exam does not measure clinical ability.
"""
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "__pycache__", "*.egg-info", "build", "dist",
    ".stmt_cache", ".pytest_cache", ".ruff_cache", ".hypothesis",
)  # fmt: skip


def _git(cwd: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )


@pytest.fixture(scope="session")
def essay_repo(tmp_path_factory):
    """An essay repo whose pre-commit hook is this repository's `stmt-check`, installed."""
    if not PRE_COMMIT.exists():
        pytest.skip(f"pre-commit is not installed next to {sys.executable}")
    base = tmp_path_factory.mktemp("precommit")
    gitconfig = base / "gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = Test\n\temail = test@example.org\n[init]\n\tdefaultBranch = main\n"
    )
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(base / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": str(gitconfig),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "STMT_CACHE_DIR": str(base / "stmt-cache"),
        "NO_COLOR": "1",
    }
    env.pop("VIRTUAL_ENV", None)

    hook_repo = base / "stmt"
    shutil.copytree(ROOT, hook_repo, ignore=_NOT_SOURCE)
    _git(hook_repo, "init", "-q", env=env)
    _git(hook_repo, "add", "-A", env=env)
    _git(hook_repo, "commit", "-q", "-m", "stmt under test", env=env)
    rev = _git(hook_repo, "rev-parse", "HEAD", env=env).stdout.strip()

    essays = base / "essays"
    essays.mkdir()
    _git(essays, "init", "-q", env=env)
    # The three lines a user adds, as the README shows them.
    config = {"repos": [{"repo": str(hook_repo), "rev": rev, "hooks": [{"id": "stmt-check"}]}]}
    (essays / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    _git(essays, "add", ".pre-commit-config.yaml", env=env)
    _git(essays, "commit", "-q", "-m", "add pre-commit", env=env)
    for step in (["install"], ["install-hooks"]):
        done = subprocess.run(
            [str(PRE_COMMIT), *step],
            cwd=essays,
            env=env,
            capture_output=True,
            text=True,
            timeout=1500,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    return essays, env


def _commit(repo: Path, env: dict, name: str, text: str) -> subprocess.CompletedProcess:
    (repo / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", name], cwd=repo, env=env, check=True)
    return subprocess.run(
        ["git", "commit", "-m", f"draft {name}"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_hook_is_declared_for_drafts():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "stmt-check"
    assert hook["entry"] == "stmt check"
    assert hook["language"] == "python"
    assert hook["require_serial"] is True
    import re

    files = re.compile(hook["files"])
    exclude = re.compile(hook["exclude"])
    for draft in ("statement.txt", "programs/riverside.md", "letters/smith.docx"):
        assert files.search(draft) and not exclude.search(draft), draft
    for other in ("notes.pdf", "README.md", "profile.toml"):
        assert not files.search(other) or exclude.search(other), other


def test_a_flawed_statement_is_refused_with_readable_findings(essay_repo):
    repo, env = essay_repo
    done = _commit(repo, env, "statement.txt", FLAWED)
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "stmt check (personal statements)" in output and "Failed" in output
    assert "statement.txt:1:1: error blame " in output
    assert "statement.txt:3:1: error blame " in output
    assert "Traceback" not in output
    # Nothing was committed.
    log = subprocess.run(
        ["git", "log", "--oneline"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert "draft statement.txt" not in log.stdout
    subprocess.run(["git", "reset", "-q"], cwd=repo, env=env, check=True)
    (repo / "statement.txt").unlink()


def test_a_good_statement_is_committed(essay_repo):
    repo, env = essay_repo
    done = _commit(repo, env, "good.txt", STRONG)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Passed" in output
    log = subprocess.run(
        ["git", "log", "--oneline"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert "draft good.txt" in log.stdout
