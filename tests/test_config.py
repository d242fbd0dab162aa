"""Configuration: discovery by walking up, every key, errors that name file, line and key."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from writer.cli import main
from writer.config import ConfigFinder, default_config, find_config_file, load_config
from writer.errors import ConfigError

BLAME = "Due to circumstances beyond my control, I failed Step 1 on my first attempt.\n"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("STMT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)


def run(*args):
    return CliRunner().invoke(main, list(args))


def findings(*args) -> list[dict]:
    result = run("check", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [f for file in json.loads(result.stdout)["files"] for f in file["findings"]]


# -- discovery ------------------------------------------------------------------------------


def test_the_nearest_config_above_a_draft_wins(tmp_path):
    (tmp_path / "stmt.toml").write_text('ignore = ["blame"]\n')
    nested = tmp_path / "programs" / "2026"
    nested.mkdir(parents=True)
    assert find_config_file(nested) == tmp_path / "stmt.toml"
    (tmp_path / "programs" / ".stmt.toml").write_text('ignore = ["too-long"]\n')
    config = ConfigFinder().for_path(nested / "riverside.txt")
    assert config.source == tmp_path / "programs" / ".stmt.toml"
    assert config.ignore == {"too-long"}


def test_pyproject_counts_only_with_a_tool_stmt_table(tmp_path):
    (tmp_path / "stmt.toml").write_text('fail-on = "warning"\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "essays"\n')
    assert ConfigFinder().for_path(inner / "a.txt").source == tmp_path / "stmt.toml"
    (inner / "pyproject.toml").write_text(
        '[project]\nname = "essays"\n[tool.stmt]\nfail-on = "info"\n'
    )
    config = ConfigFinder().for_path(inner / "a.txt")
    assert config.source == inner / "pyproject.toml"
    assert config.fail_on == "info"


def test_stmt_toml_wins_over_pyproject_in_one_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.stmt]\nfail-on = "info"\n')
    (tmp_path / "stmt.toml").write_text('fail-on = "warning"\n')
    assert ConfigFinder().for_path(tmp_path / "a.txt").fail_on == "warning"


def test_no_config_file_means_defaults(tmp_path):
    config = ConfigFinder().for_path(tmp_path / "a.txt")
    assert config.source is None
    assert config == default_config(config.root)


# -- keys, through the CLI -------------------------------------------------------------------


def test_ignore_and_select_from_the_config(tmp_path, write):
    draft = write("d.txt", BLAME)
    assert "blame" in {f["rule"] for f in findings(str(draft))}
    (tmp_path / "stmt.toml").write_text('ignore = ["blame"]\n')
    assert "blame" not in {f["rule"] for f in findings(str(draft))}
    (tmp_path / "stmt.toml").write_text('select = ["blame", "too-long"]\n')
    assert {f["rule"] for f in findings(str(draft))} == {"blame"}
    # --select on the command line replaces the config's.
    assert {f["rule"] for f in findings("--select", "missing-why-now", str(draft))} == {
        "missing-why-now"
    }


def test_fail_on_and_severity_from_the_config(tmp_path, write):
    draft = write("d.txt", BLAME)
    (tmp_path / "stmt.toml").write_text('select = ["missing-why-now"]\n')
    assert run("check", str(draft)).exit_code == 0  # a warning, default fail-on error
    (tmp_path / "stmt.toml").write_text('select = ["missing-why-now"]\nfail-on = "warning"\n')
    assert run("check", str(draft)).exit_code == 1
    assert run("check", "--fail-on", "error", str(draft)).exit_code == 0  # the CLI wins
    (tmp_path / "stmt.toml").write_text(
        'select = ["missing-why-now"]\n[severity]\nmissing-why-now = "error"\n'
    )
    result = run("check", str(draft))
    assert result.exit_code == 1
    assert "error missing-why-now" in result.output


def test_kinds_per_glob(tmp_path, write):
    (tmp_path / "letters").mkdir()
    letter = write("letters/smith.txt", BLAME)
    statement = write("statement.txt", BLAME)
    (tmp_path / "stmt.toml").write_text('[kinds]\n"letters/*.txt" = "letter-request"\n')
    data = json.loads(run("check", "--format", "json", str(letter), str(statement)).stdout)
    kinds = {f["path"]: f["kind"] for f in data["files"]}
    assert kinds == {str(letter): "letter-request", str(statement): "statement"}
    # Only the letter-request rules apply to the letter; the statement gets the statement rules.
    from writer.rules import RULES

    by_kind = {f["kind"]: {x["rule"] for x in f["findings"]} for f in data["files"]}
    assert all("letter-request" in RULES[r].kinds for r in by_kind["letter-request"])
    assert "missing-why-now" in by_kind["statement"]
    assert "missing-why-now" not in by_kind["letter-request"]


def test_per_file_ignores_and_exclude(tmp_path, write):
    (tmp_path / "archive").mkdir()
    old = write("archive/2024.txt", BLAME)
    email = write("email.md", BLAME)
    statement = write("statement.txt", BLAME)
    (tmp_path / "stmt.toml").write_text(
        'exclude = ["archive"]\n[per-file-ignores]\n"*.md" = ["blame"]\n'
    )
    data = json.loads(run("check", "--format", "json", str(tmp_path)).stdout)
    by_path = {f["path"]: {x["rule"] for x in f["findings"]} for f in data["files"]}
    assert str(old) not in by_path  # excluded, even inside a directory argument
    assert "blame" not in by_path[str(email)]
    assert "blame" in by_path[str(statement)]
    # Exclusion also applies to a file named on the command line (as pre-commit does).
    assert run("check", str(old)).exit_code == 0


def test_user_lexicons_extend_the_shipped_ones(tmp_path, write):
    # a sentence the shipped lexicons cannot know is an excuse; the user's own lexicon can
    draft = write("d.txt", "I failed Step 1 on my first attempt. Mercury was in retrograde.\n")
    assert "blame" not in {f["rule"] for f in findings(str(draft))}
    (tmp_path / "my-lexicons").mkdir()
    (tmp_path / "my-lexicons" / "blame.toml").write_text(
        '[cues.self_pity]\nphrases = ["mercury was in retrograde"]\n'
    )
    (tmp_path / "stmt.toml").write_text('lexicons = ["my-lexicons"]\n')
    assert "blame" in {f["rule"] for f in findings(str(draft))}


def test_profile_from_the_config_is_relative_to_it(tmp_path, write):
    (tmp_path / "me").mkdir()
    write("me/profile.toml", '[applicant]\nname = "A"\nimg = true\n[scores]\nstep1 = "fail"\n')
    draft = write("d.txt", "I want to be an anesthesiologist because I love physiology.\n")
    (tmp_path / "stmt.toml").write_text('profile = "me/profile.toml"\n')
    result = run("check", str(draft))
    assert "error score-not-addressed" in result.output


def test_config_flag_overrides_and_isolated_ignores(tmp_path, write):
    draft = write("d.txt", BLAME)
    (tmp_path / "stmt.toml").write_text('ignore = ["blame"]\n')
    other = write("other.toml", 'select = ["too-long"]\n')
    assert run("check", str(draft)).exit_code == 0
    assert run("check", "--isolated", str(draft)).exit_code == 1
    assert {f["rule"] for f in findings("--config", str(other), str(draft))} == set()


# -- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'select = ["blame"]\nfail_on = "warning"\n',
            "stmt.toml:2: fail_on: unknown key (did you mean 'fail-on'?)",
        ),
        (
            'ignore = ["blam"]\n',
            "stmt.toml:1: ignore: unknown rule id 'blam' (did you mean 'blame'?)",
        ),
        (
            '# c\n[severity]\ntoo-long = "fatal"\n',
            "stmt.toml:3: severity.too-long: 'fatal' is not a severity",
        ),
        (
            '[kinds]\n"letters/*.txt" = "leter-request"\n',
            "stmt.toml:2: kinds.\"letters/*.txt\": unknown document kind 'leter-request' "
            "(did you mean 'letter-request'?)",
        ),
        (
            'fail-on = "sometimes"\n',
            "stmt.toml:1: fail-on: 'sometimes' is not one of info, warning, error, never",
        ),
        ('profile = "nowhere.toml"\n', "stmt.toml:1: profile: 'nowhere.toml': no such file"),
        ('lexicons = ["nowhere"]\n', "stmt.toml:1: lexicons: 'nowhere': no such folder"),
        ('select = "blame"\nexclude = [1]\n', "stmt.toml:2: exclude: must be a list of strings"),
        ('fail-on = "info"\nselect = [\n', "stmt.toml:2: invalid TOML"),
        ('fail-on = "info"\nselect = = 1\n[severity]\n', "stmt.toml:2: invalid TOML"),
        (
            '[per-file-ignores]\n"*.md" = ["nope"]\n',
            "stmt.toml:2: per-file-ignores.\"*.md\": unknown rule id 'nope'",
        ),
    ],
)
def test_errors_name_the_file_line_and_key(tmp_path, text, expected):
    (tmp_path / "stmt.toml").write_text(text)
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path / "stmt.toml")
    assert str(err.value).startswith(expected), str(err.value)


def test_pyproject_errors_name_the_tool_stmt_key(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.stmt.severity]\nblame = "loud"\n'
    )
    with pytest.raises(ConfigError, match=r"pyproject.toml:5: tool\.stmt\.severity\.blame: 'loud'"):
        load_config(tmp_path / "pyproject.toml")


def test_a_config_error_is_one_line_and_exit_2(tmp_path, write):
    draft = write("d.txt", BLAME)
    (tmp_path / "stmt.toml").write_text('selct = ["blame"]\n')
    result = run("check", str(draft))
    assert result.exit_code == 2
    assert result.output.strip() == result.output.strip().splitlines()[0]
    assert "stmt.toml:1: selct: unknown key (did you mean 'select'?)" in result.output


def test_globs_and_directories_as_inputs(tmp_path, write):
    (tmp_path / "drafts").mkdir()
    write("drafts/a.txt", BLAME)
    write("drafts/b.md", BLAME)
    write("drafts/notes.pdf", "not a draft")
    data = json.loads(run("check", "--format", "json", "drafts/*.txt").stdout)
    assert [f["path"] for f in data["files"]] == ["drafts/a.txt"]
    data = json.loads(run("check", "--format", "json", "drafts").stdout)
    assert sorted(f["path"] for f in data["files"]) == ["drafts/a.txt", "drafts/b.md"]
