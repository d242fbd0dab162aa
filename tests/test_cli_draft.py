"""`stmt draft` and `stmt init`, through click's CliRunner and a real subprocess."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from writer.cli import main

ROOT = Path(__file__).resolve().parent.parent
PROFILES = Path(__file__).parent / "data" / "profiles"
OKAFOR = str(PROFILES / "okafor.toml")
TODAY = ["--today", "2027-06-01"]


def stmt(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m writer ARGS` in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "writer", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


# --- one draft -----------------------------------------------------------------


def test_letter_request_to_stdout(runner: CliRunner) -> None:
    result = invoke(
        runner, "draft", "letter-request", "--profile", OKAFOR, "--writer", "smith", *TODAY
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("To: Dr. Jane Smith <jane.smith@riverside.example.edu>\n")
    assert "August 15, 2027" in result.stdout
    assert "my four-week anesthesiology observership in March 2027" in result.stdout


def test_interest_email_to_stdout(runner: CliRunner) -> None:
    result = invoke(
        runner, "draft", "interest-email", "-p", OKAFOR, "--program", "lakeshore", *TODAY
    )
    assert result.exit_code == 0
    assert "Lakeshore Medical Center Anesthesiology Residency" in result.stdout
    assert "Dear Ms. Raman," in result.stdout


def test_interest_email_without_connection_exits_2_quoting_the_guide(runner: CliRunner) -> None:
    result = invoke(runner, "draft", "interest-email", "-p", OKAFOR, "--program", "summit")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("stmt: error: no interest email for program 'summit'")
    assert '"Send short, respectful interest emails' in result.stderr
    assert "only where you have a real connection" in result.stderr


def test_unknown_writer_lists_known_ids(runner: CliRunner) -> None:
    result = invoke(runner, "draft", "letter-request", "-p", OKAFOR, "--writer", "smiht")
    assert result.exit_code == 2
    assert "did you mean 'smith'" in result.stderr
    assert "known writers: smith, lee, mensah" in result.stderr


def test_missing_field_names_field_writer_and_profile(runner: CliRunner, tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(
        '[applicant]\nname = "A B"\nemail = "a@b.org"\n\n[[writers]]\nid = "w"\n'
        'name = "Dr. C"\nworked_together = "my rotation"\n',
        encoding="utf-8",
    )
    result = invoke(runner, "draft", "letter-request", "-p", str(profile), "--writer", "w")
    assert result.exit_code == 2
    assert "writer.deadline" in result.stderr and "'w'" in result.stderr
    assert str(profile) in result.stderr


def test_broken_profile_is_one_line_with_position(runner: CliRunner, tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text('[scores]\nstep2ck = "abc"\n', encoding="utf-8")
    result = invoke(runner, "draft", "letter-request", "-p", str(profile), "--writer", "w")
    assert result.exit_code == 2
    assert result.stderr == (
        f"stmt: error: {profile}:2:1: scores.step2ck must be a number between 1 and 300, "
        'or "pass"/"fail" (got "abc")\n'
    )


def test_profile_warnings_go_to_stderr(runner: CliRunner, tmp_path: Path) -> None:
    text = (
        (PROFILES / "minimal.toml")
        .read_text(encoding="utf-8")
        .replace("deadline =", "dedline = 2027-01-01\ndeadline =")
    )
    profile = tmp_path / "p.toml"
    profile.write_text(text, encoding="utf-8")
    result = invoke(runner, "draft", "reminder", "-p", str(profile), "--writer", "wong", *TODAY)
    assert result.exit_code == 0
    assert "stmt: warning:" in result.stderr and "did you mean 'deadline'" in result.stderr


def test_notes_go_to_stderr_not_into_the_draft(runner: CliRunner) -> None:
    nunez = str(PROFILES / "nunez.toml")
    result = invoke(runner, "draft", "letter-request", "-p", nunez, "--writer", "garcia", *TODAY)
    assert result.exit_code == 0
    assert "stmt: note:" in result.stderr and "stmt:" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["draft"], "say which message to draft"),
        (["draft", "love-letter", "-p", OKAFOR], "unknown message kind 'love-letter'"),
        (["draft", "letter-request"], "--profile FILE is required"),
        (["draft", "letter-request", "-p", OKAFOR], "--writer ID"),
        (["draft", "letter-request", "-p", OKAFOR, "--writer", "a", "--all"], "only one of"),
        (["draft", "letter-request", "-p", OKAFOR, "--all"], "--all needs --out-dir"),
        (
            ["draft", "letter-request", "-p", OKAFOR, "--writer", "smith", "--force"],
            "go with --all",
        ),
        (["draft", "interest-email", "-p", OKAFOR, "--writer", "smith"], "use --program"),
        (["draft", "letter-request", "-p", "/nonexistent/p.toml", "--writer", "x"], "no such file"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_list_shows_every_kind_and_its_fields(runner: CliRunner) -> None:
    result = invoke(runner, "draft", "--list")
    assert result.exit_code == 0
    for kind in (
        "letter-request",
        "interest-email",
        "observership-request",
        "thank-you",
        "feedback-request",
        "reminder",
    ):
        assert re.search(rf"^{kind}: ", result.stdout, re.MULTILINE)
    assert "writer.deadline" in result.stdout and "program.connection_detail" in result.stdout


def test_every_option_has_help(runner: CliRunner) -> None:
    for command in ("draft", "init"):
        result = invoke(runner, command, "--help")
        assert result.exit_code == 0
        options = re.findall(r"^  (-[-\w, ]+?)\s{2,}(\S.*)$", result.stdout, re.MULTILINE)
        assert options and all(text.strip() for _, text in options)
    assert "--today" not in invoke(runner, "draft", "--help").stdout


# --- --all ----------------------------------------------------------------------


def test_all_writes_one_file_per_program_and_skips_no_connection(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "drafts"
    result = invoke(
        runner, "draft", "interest-email", "-p", OKAFOR, "--all", "--out-dir", str(out), *TODAY
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(os.listdir(out)) == [
        "interest-email-lakeshore.txt",
        "interest-email-northfield.txt",
        "interest-email-riverside.txt",
    ]
    assert "stmt: skipped: no interest email for program 'summit'" in result.stderr
    assert result.stdout.splitlines() == [
        str(out / n)
        for n in (
            "interest-email-riverside.txt",
            "interest-email-lakeshore.txt",
            "interest-email-northfield.txt",
        )
    ]


def test_all_never_overwrites_without_force(runner: CliRunner, tmp_path: Path) -> None:
    args = ["draft", "letter-request", "-p", OKAFOR, "--all", "--out-dir", str(tmp_path), *TODAY]
    (tmp_path / "letter-request-lee.txt").write_text("my edited draft", encoding="utf-8")
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert "letter-request-lee.txt" in result.stderr and "nothing was written" in result.stderr
    assert os.listdir(tmp_path) == ["letter-request-lee.txt"]
    assert (tmp_path / "letter-request-lee.txt").read_text(encoding="utf-8") == "my edited draft"

    result = invoke(runner, *args, "--force")
    assert result.exit_code == 0
    assert sorted(os.listdir(tmp_path)) == [
        "letter-request-lee.txt",
        "letter-request-mensah.txt",
        "letter-request-smith.txt",
    ]
    assert "Dear Dr. Lee," in (tmp_path / "letter-request-lee.txt").read_text(encoding="utf-8")


def test_all_with_traversal_ids_stays_in_out_dir(runner: CliRunner, tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(
        '[applicant]\nname = "A B"\nemail = "a@b.org"\n'
        '[[writers]]\nid = "../../etc/passwd"\nname = "Dr. C"\nworked_together = "x"\n'
        "deadline = 2027-08-01\n"
        '[[writers]]\nid = "/tmp/abs"\nname = "Dr. D"\nworked_together = "y"\n'
        "deadline = 2027-08-01\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = invoke(
        runner,
        "draft",
        "letter-request",
        "-p",
        str(profile),
        "--all",
        "--out-dir",
        str(out),
        *TODAY,
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(os.listdir(out)) == [
        "letter-request-etc-passwd.txt",
        "letter-request-tmp-abs.txt",
    ]
    assert sorted(os.listdir(tmp_path)) == ["out", "p.toml"]


def test_user_templates_and_sandbox_through_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "letter-request.txt.j2").write_text(
        "{{ ''.__class__.__mro__ }}\n", encoding="utf-8"
    )
    result = invoke(
        runner,
        "draft",
        "letter-request",
        "-p",
        OKAFOR,
        "--writer",
        "smith",
        "--templates",
        str(tmp_path),
        *TODAY,
    )
    assert result.exit_code == 2
    assert "tried to reach Python internals" in result.stderr


# --- init ----------------------------------------------------------------------------


def test_init_writes_a_starter_that_refuses_to_draft_until_filled(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "profile.toml"
    result = invoke(runner, "init", str(path))
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("# stmt profile")

    # Fresh: the email is commented out, so drafting says what is missing.
    draft_args = ["draft", "letter-request", "-p", str(path), "--writer", "first-writer", *TODAY]
    result = invoke(runner, *draft_args)
    assert result.exit_code == 2 and "applicant.email" in result.stderr

    # With an email but the [brackets] still there, nothing half-filled goes out.
    text = path.read_text(encoding="utf-8").replace('# email = "you@', 'email = "you@')
    path.write_text(text, encoding="utf-8")
    result = invoke(runner, *draft_args)
    assert result.exit_code == 2 and "still contains '[" in result.stderr

    # Filled in: every bracket replaced, a letter request comes out.
    filled = re.sub(r'(?<=")\[([^\]\n]+)\](?=")', lambda m: m.group(1).split(",")[0].strip(), text)
    path.write_text(filled, encoding="utf-8")
    result = invoke(runner, *draft_args)
    assert result.exit_code == 0, result.stderr
    assert "Dear Dr." in result.stdout and "August 15, 2027" in result.stdout
    result = invoke(
        runner, "draft", "interest-email", "-p", str(path), "--program", "first-program", *TODAY
    )
    assert result.exit_code == 0, result.stderr


def test_init_never_overwrites_without_force(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text("# mine\n", encoding="utf-8")
    result = invoke(runner, "init", str(path))
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert path.read_text(encoding="utf-8") == "# mine\n"
    assert invoke(runner, "init", str(path), "--force").exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("# stmt profile")


def test_init_default_path_and_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "init").exit_code == 0
    assert (tmp_path / "profile.toml").is_file()
    (tmp_path / "folder").mkdir()
    result = invoke(runner, "init", "folder")
    assert result.exit_code == 2 and "is a folder" in result.stderr


# --- a real process --------------------------------------------------------------


def test_subprocess_draft_prints_utf8_and_exit_codes() -> None:
    ok = stmt(
        "draft", "interest-email", "-p", str(PROFILES / "nunez.toml"), "--program", "mercy", *TODAY
    )
    assert ok.returncode == 0, ok.stderr
    assert "Dear Dr. Weiß," in ok.stdout and "José Núñez" in ok.stdout
    refused = stmt("draft", "interest-email", "-p", OKAFOR, "--program", "summit")
    assert refused.returncode == 2
    assert "only where you have a real connection" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_drafting_never_imports_spacy(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from writer.cli import main\n"
        "try:\n"
        f"    main(['draft', 'letter-request', '-p', {OKAFOR!r}, '--writer', 'smith',"
        " '--today', '2027-06-01'])\n"
        "except SystemExit as done:\n"
        "    assert done.code in (0, None), done.code\n"
        f"main(['init', {str(tmp_path / 'p.toml')!r}], standalone_mode=False)\n"
        "main(['draft', '--list'], standalone_mode=False)\n"
        "heavy = ('spacy', 'thinc', 'torch')\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
        "assert not loaded, loaded\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stderr
