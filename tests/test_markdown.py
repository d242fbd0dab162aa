"""Markdown drafts: only prose is analysed, offsets point into the original, comments silence."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from writer.api import check_files
from writer.cli import main
from writer.documents.markdown import markdown_prose, parse_markdown
from writer.documents.reader import make_document
from writer.errors import InputError

BLAME = "Due to circumstances beyond my control, I failed Step 1 on my first attempt."

DRAFT = """---
title: Personal statement (Riverside)
tags: [anesthesiology]
---
# Why anesthesiology

At 3 a.m. in the [trauma bay](https://example.org/trauma), a **24-year-old** motorcyclist's
saturation fell to 81% as we prepared for induction. <!-- note to self: shorten -->

```text
Due to circumstances beyond my control, I failed Step 1 on my first attempt.
```

- I presented pre-operative assessments every morning
- I completed a quality-improvement project on PACU handoffs

![scan](scan.png) See `code` and <https://example.org>.
"""


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("STMT_CACHE_DIR", str(tmp_path / "cache"))


def test_prose_view_keeps_length_and_blanks_what_is_not_prose():
    prose = markdown_prose(DRAFT)
    assert len(prose) == len(DRAFT)
    for gone in (
        "title:",
        "# Why",
        "https://example.org",
        "**",
        "note to self",
        "```",
        "scan.png",
        "`code`",
    ):
        assert gone not in prose, gone
    assert "Due to circumstances" not in prose  # inside a code block
    assert "trauma bay" in prose and "24-year-old" in prose  # link text and bold text stay
    # Every character kept is at its original offset.
    assert all(p == o or p in " \n" for p, o in zip(prose, DRAFT, strict=True))


def test_list_items_are_separate_paragraphs():
    doc = make_document(DRAFT, "d.md")
    texts = [DRAFT[p.start : p.end] for p in doc.paragraphs]
    assert any(t.startswith("I presented") and "PACU" not in t for t in texts)
    assert any(t.startswith("I completed") for t in texts)


def test_comments_are_found_outside_code_only():
    text = "Prose.\n\n```\n<!-- stmt: disable -->\n```\n\n<!-- stmt: disable=blame -->\n"
    comments = parse_markdown(text).comments
    assert [c.body.strip() for c in comments] == ["stmt: disable=blame"]


def test_sentences_point_into_the_original_file(write, tmp_path):
    path = write("d.md", DRAFT)
    (result,) = check_files([path])
    assert result.error is None
    assert result.sentences
    for s in result.sentences:
        assert DRAFT[s.start : s.end] == s.text
        assert "title" not in s.text and "Due to" not in s.text
    first = result.sentences[0]
    assert first.text.startswith("At 3 a.m.")
    assert first.line == 7 and first.column == 1
    assert "blame" not in {f.rule for f in result.findings}  # the blame is in a code block


def test_the_same_sentence_as_prose_is_found(write):
    path = write("d.md", f"# Draft\n\n{BLAME}\n")
    (result,) = check_files([path])
    blame = [f for f in result.findings if f.rule == "blame"]
    assert blame and blame[0].line == 3


def test_a_draft_with_only_markup_is_an_input_error():
    with pytest.raises(InputError, match="no prose"):
        make_document("# Title\n\n<!-- todo -->\n\n```\ncode\n```\n", "empty.md")


# -- suppression comments ------------------------------------------------------------------


def _rules(write, text: str, name: str = "d.md") -> list[tuple[str, int]]:
    (result,) = check_files([write(name, text)])
    return [(f.rule, f.line) for f in result.findings if f.rule == "blame"], result.notes


def test_disable_and_enable_a_rule_for_a_region(write):
    text = (
        f"{BLAME}\n\n<!-- stmt: disable=blame -->\n{BLAME}\n\n"
        f"<!-- stmt: enable=blame -->\n{BLAME}\n"
    )
    found, _ = _rules(write, text)
    assert found == [("blame", 1), ("blame", 7)]
    # The same text as plain text has no comments: every sentence is reported.
    found, _ = _rules(write, text, "d.txt")
    assert len(found) == 3


def test_disable_without_rules_silences_everything_until_enable(write):
    text = f"<!-- stmt: disable -->\n{BLAME}\n<!-- stmt: enable -->\n\n{BLAME}\n"
    found, _ = _rules(write, text)
    assert found == [("blame", 5)]


def test_disable_next_line(write):
    text = f"{BLAME}\n\n<!-- stmt: disable-next-line -->\n\n{BLAME}\n\n{BLAME}\n"
    found, _ = _rules(write, text)
    assert found == [("blame", 1), ("blame", 7)]
    text = f"<!-- stmt: disable-next-line=too-long -->\n{BLAME}\n"
    assert _rules(write, text)[0] == [("blame", 2)]  # only the named rule


def test_a_whole_draft_finding_is_silenced_from_the_top(write):
    (result,) = check_files([write("d.md", f"<!-- stmt: disable=missing-why-now -->\n{BLAME}\n")])
    assert "missing-why-now" not in {f.rule for f in result.findings}
    (result,) = check_files([write("e.md", f"{BLAME}\n")])
    assert "missing-why-now" in {f.rule for f in result.findings}


def test_unknown_rules_and_actions_in_comments_become_notes(write):
    _, notes = _rules(write, f"<!-- stmt: disable=blam -->\n<!-- stmt: disabel -->\n{BLAME}\n")
    assert any("unknown rule 'blam'" in n and "did you mean 'blame'" in n for n in notes)
    assert any("unknown stmt comment 'disabel'" in n for n in notes)


# -- standard input --------------------------------------------------------------------------


def test_stdin_with_a_markdown_filename(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = f"# Heading about Step 1\n\n<!-- stmt: disable=blame -->\n{BLAME}\n"
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--stdin-filename", "drafts/me.md", "-"], input=text
    )
    (data,) = json.loads(result.stdout)["files"]
    assert data["path"] == "drafts/me.md"
    assert "blame" not in {f["rule"] for f in data["findings"]}  # read as Markdown
    assert all(text[s["start"] : s["end"]] == s["text"] for s in data["sentences"])
    plain = CliRunner().invoke(main, ["check", "--format", "json", "-"], input=BLAME + "\n")
    (data,) = json.loads(plain.stdout)["files"]
    assert data["path"] == "<stdin>"
    assert "blame" in {f["rule"] for f in data["findings"]}
    assert plain.exit_code == 1


def test_stdin_uses_the_config_found_from_its_filename(tmp_path, monkeypatch):
    (tmp_path / "essays").mkdir()
    (tmp_path / "essays" / "stmt.toml").write_text('ignore = ["blame"]\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["check", "--stdin-filename", "essays/a.txt", "-"], input=BLAME
    )
    assert " blame " not in result.output
    assert result.exit_code == 0
