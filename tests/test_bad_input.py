"""Bad input, hostile templates and faults: a clear error, nothing lost (issue 6).

One table of cases, each run through the real CLI (click's CliRunner) with its
expected exit code and a fragment of the one line that explains it. Every case
also checks that no traceback is printed and that no file stmt was given was
written to (bytes and modification time unchanged). A few cases run again as a
real subprocess with standard input closed, and the cases that need more than
an exit code and a message (line:column in re-encoded files, the same file
twice, ids that try to leave --out-dir, atomic writes) have their own tests.
"""

# ruff: noqa: E501 - the table below reads best one case per line
from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from writer.cli import main
from writer.documents.reader import MAX_BYTES

TODAY = "2027-01-01"
BLAME_LINE = (
    "\u2018Na\u00efve\u2019 is what I was. Due to bad luck, I failed Step 1 on my first attempt."
)
BLAME_COLUMN = BLAME_LINE.index("Due") + 1  # 24: characters, not bytes
STATEMENT = [
    "I trained in S\u00e3o Paulo and love the \u201cquiet\u201d of the theatre.",
    "",
    BLAME_LINE,
    "",
]
PROFILE = """\
[applicant]
name = "Mei Chen"
email = "mei.chen@example.net"

[[writers]]
id = "wong"
name = "Dr. Anthony Wong"
worked_together = "my ICU observership at Bayview Hospital in 2026"
deadline = 2027-09-01
"""
TWO_WRITERS = (
    PROFILE
    + """
[[writers]]
id = "smith"
name = "Dr. Jane Smith"
worked_together = "my research year"
deadline = 2027-09-01
"""
)


# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------

Setup = Callable[[Path], list[str]]


@dataclass(frozen=True)
class Case:
    id: str
    setup: Setup  # builds files under tmp_path, returns the CLI arguments
    code: int
    fragment: str


def _file(name: str, content: str | bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return make


def check(name: str, content: str | bytes, *options: str) -> Setup:
    """`stmt check [options] FILE` on one file with ``content``."""
    return lambda tmp: ["check", *options, str(_file(name, content)(tmp))]


def check_with_profile(profile: str | bytes) -> Setup:
    def setup(tmp: Path) -> list[str]:
        draft = _file("d.txt", "I love anesthesia.\n")(tmp)
        return ["check", "--profile", str(_file("p.toml", profile)(tmp)), str(draft)]

    return setup


def draft_with_profile(profile: str | bytes, *options: str) -> Setup:
    def setup(tmp: Path) -> list[str]:
        path = _file("p.toml", profile)(tmp)
        target = list(options) or ["--writer", "wong"]
        return ["draft", "letter-request", "--profile", str(path), "--today", TODAY, *target]

    return setup


def template(source: str, profile: str = PROFILE) -> Setup:
    """`stmt draft letter-request` with a user template holding ``source``."""

    def setup(tmp: Path) -> list[str]:
        _file("tpl/letter-request.txt.j2", source)(tmp)
        path = _file("p.toml", profile)(tmp)
        return [
            "draft",
            "letter-request",
            "--profile",
            str(path),
            "--writer",
            "wong",
            "--templates",
            str(tmp / "tpl"),
            "--today",
            TODAY,
        ]

    return setup


def custom(build: Callable[[Path], list[str]]) -> Setup:
    return build


def _symlink(tmp: Path) -> list[str]:
    (tmp / "broken.txt").symlink_to(tmp / "gone.txt")
    return ["check", str(tmp / "broken.txt")]


def _fifo(tmp: Path) -> list[str]:
    os.mkfifo(tmp / "pipe.txt")
    return ["check", str(tmp / "pipe.txt")]


def _empty_dir(tmp: Path) -> list[str]:
    (tmp / "drafts").mkdir()
    _file("drafts/notes.pdf", b"%PDF-1.4")(tmp)
    _file("drafts/.hidden/x.txt", "I love anesthesia.")(tmp)
    return ["check", str(tmp / "drafts")]


def _existing_output(tmp: Path) -> list[str]:
    profile = _file("p.toml", PROFILE)(tmp)
    _file("out/letter-request-wong.txt", "my edited draft")(tmp)
    return [
        "draft",
        "letter-request",
        "--profile",
        str(profile),
        "--all",
        "--out-dir",
        str(tmp / "out"),
        "--today",
        TODAY,
    ]


def _out_dir_is_file(tmp: Path) -> list[str]:
    profile = _file("p.toml", PROFILE)(tmp)
    _file("out", "not a folder")(tmp)
    return [
        "draft",
        "letter-request",
        "--profile",
        str(profile),
        "--all",
        "--out-dir",
        str(tmp / "out"),
        "--today",
        TODAY,
    ]


def _all_with(profile: str) -> Setup:
    def setup(tmp: Path) -> list[str]:
        path = _file("p.toml", profile)(tmp)
        return [
            "draft",
            "letter-request",
            "--profile",
            str(path),
            "--all",
            "--out-dir",
            str(tmp / "out"),
            "--today",
            TODAY,
        ]

    return setup


BIG = b"a" * (10 * 1024 * 1024)
_HINT = "export it as plain text (.txt) or .docx"

# fmt: off
CASES = [
    # -- drafts that are not text ------------------------------------------
    Case("binary-nul", check("d.txt", b"Dear PD\x00\x01\x02 binary"), 2, "binary data (NUL bytes)"),
    Case("binary-says-what-to-do", check("d.txt", b"\x00" * 50), 2, _HINT),
    Case("binary-control-chars", check("d.txt", bytes(range(1, 32)) * 20 + b"\xff"), 2, "binary data"),
    Case("pdf", check("statement.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), 2, "this is a PDF"),
    Case("pdf-named-pdf", check("statement.pdf", b"%PDF-1.4\n"), 2, "this is a PDF"),
    Case("png", check("scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 2, "a PNG image"),
    Case("jpeg", check("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF"), 2, "a JPEG image"),
    Case("gif", check("x.md", b"GIF89a\x01\x00"), 2, "a GIF image"),
    Case("old-word-doc", check("s.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), 2, "old Word (.doc)"),
    Case("rtf", check("s.txt", b"{\\rtf1\\ansi hello}"), 2, "an RTF file"),
    Case("zip", check("s.txt", b"PK\x03\x04\x14\x00"), 2, "a ZIP archive"),
    Case("docx-not-zip", check("s.docx", b"I am not really a docx"), 2, "s.docx"),
    Case("utf16-truncated", check("s.txt", b"\xff\xfeH\x00i\x00!"), 2, "not valid utf-16"),
    # -- empty --------------------------------------------------------------
    Case("empty", check("d.txt", b""), 2, "empty draft"),
    Case("whitespace-only", check("d.txt", " \n\t\r\n  \u00a0\n"), 2, "empty draft"),
    Case("bom-only", check("d.txt", b"\xef\xbb\xbf"), 2, "empty draft"),
    Case("utf16-bom-only", check("d.txt", b"\xff\xfe"), 2, "empty draft"),
    Case("utf16-whitespace", check("d.txt", "\ufeff  \n".encode("utf-16-le")), 2, "empty draft"),
    Case("zero-width-only", check("d.txt", "\u200b\u200b\n\ufeff\u2060\n"), 2, "empty draft"),
    Case("markdown-markup-only", check("d.md", "# \n<!-- a comment -->\n```\ncode\n```\n"), 2, "no prose"),
    # -- size ----------------------------------------------------------------
    Case("ten-megabytes", check("big.txt", BIG), 2, f"too large for a draft (limit {MAX_BYTES:,})"),
    # -- paths ---------------------------------------------------------------
    Case("missing-file", lambda tmp: ["check", str(tmp / "missing.txt")], 2, "no such file"),
    Case("dir-without-drafts", custom(_empty_dir), 2, "directory holds no drafts"),
    Case("broken-symlink", custom(_symlink), 2, "broken symbolic link"),
    Case("glob-matching-nothing", lambda tmp: ["check", str(tmp / "nothing-*.txt")], 2, "no file matches this pattern"),
    Case("fifo", custom(_fifo), 2, "not a regular file"),
    Case("device", lambda tmp: ["check", "/dev/zero"], 2, "not a regular file"),
    Case("unknown-rule", check("d.txt", "I love anesthesia.", "--select", "blam"), 2, "unknown rule id 'blam' (did you mean 'blame'?)"),
    # -- profiles ------------------------------------------------------------
    Case("toml-syntax", check_with_profile("[applicant]\nname = Mei\n"), 2, "p.toml:2:8: invalid TOML"),
    Case("toml-syntax-draft", draft_with_profile('[applicant\nname = "A"\n'), 2, "p.toml:1:11: invalid TOML"),
    Case("toml-unterminated", draft_with_profile('[applicant]\nname = """A\n'), 2, "invalid TOML"),
    Case("profile-not-utf8", check_with_profile(b'[applicant]\nname = "Jos\xe9"\n'), 2, "p.toml:2: not UTF-8"),
    Case("profile-missing", lambda tmp: ["draft", "letter-request", "--profile", str(tmp / "nope.toml"), "--writer", "w"], 2, "no such file (create one with `stmt init`)"),
    Case("profile-is-dir", lambda tmp: ["check", "--profile", str(tmp), str(_file("d.txt", "Hi.")(tmp))], 2, "profile"),
    Case("wrong-type-bool", check_with_profile('[applicant]\nimg = "yes"\n'), 2, "p.toml:2:1: applicant.img must be true or false"),
    Case("wrong-type-table", check_with_profile('applicant = "Mei"\n'), 2, "applicant must be a table"),
    Case("wrong-type-list", draft_with_profile(PROFILE.replace('deadline = 2027-09-01', 'observed = "x"\ndeadline = [1]')), 2, "must be a date"),
    Case("impossible-step2ck", check_with_profile("[scores]\nstep2ck = 400\n"), 2, "p.toml:2:1: scores.step2ck must be a number between 1 and 300"),
    Case("impossible-attempts", check_with_profile("[scores]\nstep1_attempts = 9\n"), 2, "from 1 to 6"),
    Case("impossible-year", check_with_profile("[applicant]\ngraduation_year = 1850\n"), 2, "must be a year between 1950"),
    Case("impossible-date", draft_with_profile(PROFILE.replace("2027-09-01", '"2027-02-30"')), 2, "must be a date like 2027-08-15"),
    Case("bad-email", draft_with_profile(PROFILE.replace("mei.chen@example.net", "mei at home")), 2, "must be an email address"),
    Case("writer-missing-id", draft_with_profile(PROFILE.replace('id = "wong"\n', "")), 2, "the 1st [[writers]] entry has no id"),
    Case("writer-empty-id", draft_with_profile(PROFILE.replace('id = "wong"', 'id = "  "')), 2, "has an empty or non-text id"),
    Case("program-missing-id", draft_with_profile(PROFILE + '[[programs]]\nname = "Riverside"\n'), 2, "[[programs]] entry has no id"),
    Case("duplicate-ids", draft_with_profile(TWO_WRITERS.replace('id = "smith"', 'id = "wong"')), 2, "writer id 'wong' is used twice (first used on line 6)"),
    Case("unknown-key-warns", draft_with_profile(PROFILE + "\n[scores]\nstpe1 = 230\n"), 0, "unknown key scores.stpe1 (did you mean 'step1'?); it is ignored"),
    Case("unknown-writer-id", draft_with_profile(PROFILE, "--writer", "wnog"), 2, "unknown writer id 'wnog' (did you mean 'wong'?)"),
    # -- templates -------------------------------------------------------------
    Case("template-syntax", template("Dear {{ writer.name }},\n{% if %}\n"), 2, "letter-request.txt.j2:2: template syntax error"),
    Case("template-unclosed", template("Dear {{ writer.name }\n"), 2, "letter-request.txt.j2:1: template syntax error"),
    Case("sandbox-mro", template("{{ ''.__class__.__mro__ }}"), 2, "tried to reach Python internals; the sandbox refused"),
    Case("sandbox-globals", template("{{ cycler.__init__.__globals__ }}"), 2, "the sandbox refused"),
    Case("sandbox-subclasses", template("{{ ().__class__.__base__.__subclasses__() }}"), 2, "the sandbox refused"),
    Case("sandbox-format-attr", template("{{ '{0.__class__}'.format(writer) }}"), 2, "the sandbox refused"),
    Case("huge-repeat", template("{{ 'a' * 10**9 }}"), 2, "would exceed the limit of 200,000 characters"),
    Case("huge-list-repeat", template("{{ [0] * 10**9 }}"), 2, "200,000"),
    Case("huge-power", template("{{ 9 ** (10**9) }}"), 2, "builds a number too large"),
    Case("huge-center", template("{{ writer.name|center(10**9) }}"), 2, "filter center was given 1,000,000,000"),
    Case("huge-ljust", template("{{ writer.name.ljust(10**9) }}"), 2, "ljust() was given"),
    Case("huge-format-width", template("{{ '{:>999999999}'.format(writer.name) }}"), 2, "format width 999,999,999"),
    Case("huge-percent-width", template("{{ '%999999999s' % writer.name }}"), 2, "format width 999,999,999"),
    Case("huge-doubling-tilde", template("{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}"), 2, "with ~ would exceed"),
    Case("huge-doubling-plus", template("{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}"), 2, "would exceed"),
    Case("huge-output-loop", template("{% for i in range(100000) %}{% for j in range(100000) %}0123456789{% endfor %}{% endfor %}"), 2, "the message would be longer than 200,000 characters"),
    Case("huge-range", template("{% for i in range(10**9) %}x{% endfor %}"), 2, "range() was given"),
    Case("no-lipsum", template("{{ lipsum(10**5) }}"), 2, "'lipsum'"),
    Case("template-division", template("{{ 1 / 0 }}"), 2, "arithmetic failed (division by zero)"),
    Case("template-overflow", template("{{ 10.0 ** 1000 }}"), 2, "arithmetic failed"),
    Case("template-recursion", template("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"), 2, "a macro calls itself without end"),
    Case("template-missing-field", template("{{ writer.email }}"), 2, "needs writer.email, which is not set for writer 'wong'"),
    Case("template-unknown-name", template("{{ nonsense }}"), 2, "uses 'nonsense', which stmt does not provide"),
    Case("template-include-escape", template("{% include '../../../../etc/passwd' %}"), 2, "which was not found"),
    Case("template-not-text", lambda tmp: template("x")(tmp) and _file("tpl/letter-request.txt.j2", b"\xff\xfe\x00bad")(tmp) and ["draft", "letter-request", "--profile", str(tmp / "p.toml"), "--writer", "wong", "--templates", str(tmp / "tpl"), "--today", TODAY], 2, "cannot be read"),
    Case("templates-not-a-folder", lambda tmp: ["draft", "letter-request", "--profile", str(_file("p.toml", PROFILE)(tmp)), "--writer", "wong", "--templates", str(_file("t.j2", "x")(tmp))], 2, "--templates must be a folder"),
    # -- writing drafts ----------------------------------------------------------
    Case("no-overwrite-without-force", custom(_existing_output), 2, "not overwriting existing files (use --force)"),
    Case("out-dir-is-a-file", custom(_out_dir_is_file), 2, "is a file"),
    Case("id-without-letters", _all_with(PROFILE.replace('id = "wong"', 'id = "../.."')), 2, "has no letters or digits to name a file after"),
    Case("ids-colliding-on-disk", _all_with(TWO_WRITERS.replace('id = "smith"', 'id = "WONG!"')), 2, "would both be written to letter-request-wong.txt"),
    Case("all-without-out-dir", draft_with_profile(PROFILE, "--all"), 2, "--all needs --out-dir"),
]
# fmt: on


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Digest and mtime of every regular file under ``root`` (what stmt was given)."""
    seen = {}
    for path in root.rglob("*"):
        info = path.lstat()
        if stat.S_ISREG(info.st_mode):
            seen[str(path)] = (hashlib.sha256(path.read_bytes()).digest(), info.st_mtime_ns)
    return seen


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    args = case.setup(tmp_path)
    before = _snapshot(tmp_path)
    started = time.monotonic()
    result = CliRunner().invoke(main, args)
    elapsed = time.monotonic() - started
    output = result.output  # stdout and stderr, as a terminal shows them
    assert result.exit_code == case.code, f"{args}\n{output}"
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if case.fragment in line]
    assert lines, f"expected {case.fragment!r} in:\n{output}"
    if case.code == 2:
        assert len(lines) == 1, f"the error is said once, on one line:\n{output}"
    after = _snapshot(tmp_path)
    assert {p: v for p, v in after.items() if p in before} == before, "stmt wrote to its input"
    assert elapsed < 30, f"took {elapsed:.1f}s"


def test_table_covers_the_issue() -> None:
    """At least 70 distinct cases, each id unique."""
    assert len({c.id for c in CASES}) == len(CASES) >= 70


# ---------------------------------------------------------------------------
# Cases with more to check than an exit code and a message
# ---------------------------------------------------------------------------


def _encoded(encoding: str, newline: str = "\n") -> bytes:
    text = newline.join(STATEMENT)
    if encoding == "latin-1":  # no curly quotes in Latin-1
        text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode(encoding)


ENCODINGS = {
    "utf-8": _encoded("utf-8"),
    "utf-8-bom": _encoded("utf-8-sig"),
    "utf-16-bom": _encoded("utf-16"),  # Python writes a BOM
    "utf-16-be-bom": b"\xfe\xff" + "\n".join(STATEMENT).encode("utf-16-be"),
    "cp1252-smart-quotes": _encoded("cp1252", "\r\n"),  # 0x91-0x94
    "latin-1": _encoded("latin-1"),
    "crlf": _encoded("utf-8", "\r\n"),
    "cr-only": _encoded("utf-8", "\r"),
}


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_encodings_keep_line_and_column_in_the_original_file(name: str, tmp_path: Path) -> None:
    import json

    data = ENCODINGS[name]
    if name.startswith("cp1252"):
        assert any(0x91 <= b <= 0x94 for b in data)
    path = tmp_path / "draft.txt"
    path.write_bytes(data)
    before = _snapshot(tmp_path)
    text_run = CliRunner().invoke(main, ["check", str(path)])
    json_run = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert _snapshot(tmp_path) == before
    assert "Traceback" not in text_run.output + json_run.output
    assert text_run.exit_code == 1, text_run.output
    # The person's view: the blame sentence is reported where their editor shows it.
    assert f"{path}:3:{BLAME_COLUMN}: error blame " in text_run.output
    # ...and that line:column, read back from the file as decoded, is "Due to".
    (report,) = json.loads(json_run.stdout)["files"]
    encoding = {
        "utf-8-bom": "utf-8-sig",
        "utf-16-bom": "utf-16",
        "utf-16-be-bom": "utf-16",
        "cp1252-smart-quotes": "cp1252",
        "latin-1": "latin-1",
    }.get(name, "utf-8")
    decoded = data.decode(encoding)
    lines = decoded.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blame = next(f for f in report["findings"] if f["rule"] == "blame")
    assert lines[blame["line"] - 1][blame["column"] - 1 :].startswith("Due to")
    assert decoded[blame["start"] :].startswith("Due to")
    for sentence in report["sentences"]:
        assert decoded[sentence["start"] : sentence["end"]] == sentence["text"]


def test_the_same_file_twice_is_checked_once(tmp_path: Path) -> None:
    import json

    path = tmp_path / "d.txt"
    path.write_text("\n".join(STATEMENT), encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(path)
    args = [
        str(path),
        str(tmp_path / "." / "d.txt"),
        str(tmp_path / "link.txt"),
        str(tmp_path / "*.txt"),
    ]
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    assert result.exit_code == 1, result.output
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == [str(path)]


def test_one_bad_file_in_a_batch_does_not_hide_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("\n".join(STATEMENT), encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"%PDF-1.4")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2  # an input error outranks findings
    assert "bad.txt: this is a PDF" in result.output
    assert f"{good}:3:{BLAME_COLUMN}: error blame" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("I love anesthesia.", encoding="utf-8")
    path.chmod(0)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "permission denied" in result.output


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root (CI containers) chmod 000 does not stop a read, so the OS refusal is simulated."""
    path = tmp_path / "locked.txt"
    path.write_text("I love anesthesia.", encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert f"{path}: permission denied" in result.output
    assert "Traceback" not in result.output


def test_ids_that_leave_out_dir_are_sanitised(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(
        TWO_WRITERS.replace('id = "wong"', 'id = "../../etc/wong"').replace(
            'id = "smith"', 'id = "/tmp/../smith"'
        ),
        encoding="utf-8",
    )
    out = tmp_path / "deep" / "out"
    args = [
        "draft",
        "letter-request",
        "--profile",
        str(profile),
        "--all",
        "--out-dir",
        str(out),
        "--today",
        TODAY,
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "letter-request-etc-wong.txt",
        "letter-request-tmp-smith.txt",
    ]
    written = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {profile.resolve(), *(p.resolve() for p in out.iterdir())}


def test_all_writes_nothing_when_one_draft_fails(tmp_path: Path) -> None:
    """A missing field in the second writer stops the batch before any file is written."""
    profile = tmp_path / "p.toml"
    profile.write_text(TWO_WRITERS.replace('worked_together = "my research year"\n', ""), "utf-8")
    out = tmp_path / "out"
    args = [
        "draft",
        "letter-request",
        "--profile",
        str(profile),
        "--all",
        "--out-dir",
        str(out),
        "--today",
        TODAY,
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "smith" in result.output and "worked_together" in result.output
    assert not out.exists() or list(out.iterdir()) == []


def test_force_replaces_atomically_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "letter-request-wong.txt"
    target.write_text("old draft", encoding="utf-8")
    args = [
        "draft",
        "letter-request",
        "--profile",
        str(profile),
        "--all",
        "--out-dir",
        str(out),
        "--today",
        TODAY,
    ]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 2 and target.read_text() == "old draft"
    inode = target.stat().st_ino
    forced = CliRunner().invoke(main, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert "Dr. Anthony Wong" in target.read_text(encoding="utf-8")
    assert target.stat().st_ino != inode, "replaced by rename, not rewritten in place"
    assert [p.name for p in out.iterdir()] == ["letter-request-wong.txt"]


def test_a_failed_write_leaves_neither_partial_nor_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from writer.drafting import output

    profile = tmp_path / "p.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    out = tmp_path / "out"

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", disk_full)
    args = [
        "draft",
        "letter-request",
        "--profile",
        str(profile),
        "--all",
        "--out-dir",
        str(out),
        "--today",
        TODAY,
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "cannot write: No space left on device" in result.output
    assert "Traceback" not in result.output
    assert list(out.iterdir()) == []


# ---------------------------------------------------------------------------
# A few cases as a real process, standard input closed
# ---------------------------------------------------------------------------

SUBPROCESS_CASES = [
    "binary-nul",
    "pdf",
    "empty",
    "ten-megabytes",
    "missing-file",
    "toml-syntax-draft",
    "huge-repeat",
    "huge-output-loop",
]


@pytest.mark.parametrize("case_id", SUBPROCESS_CASES)
def test_real_process_with_stdin_closed(case_id: str, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == case_id)
    args = case.setup(tmp_path)
    before = _snapshot(tmp_path)
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "writer", *args],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.close(0),  # no standard input at all, as under cron or CI
        env={**os.environ, "NO_COLOR": "1"},
    )
    elapsed = time.monotonic() - started
    assert proc.returncode == case.code, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert case.fragment in proc.stdout + proc.stderr
    assert _snapshot(tmp_path) == before
    if case_id == "ten-megabytes":
        assert elapsed < 20, f"refusing a 10 MB file took {elapsed:.1f}s"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "<stdin>: empty draft"),
        (b"%PDF-1.4\n", "<stdin>: this is a PDF"),
        (b"I love anesthesia. " * 150_000, "too large for a draft (limit 2,000,000)"),
    ],
    ids=["empty", "pdf", "endless"],
)
def test_bad_standard_input(data: bytes, fragment: str) -> None:
    result = CliRunner().invoke(main, ["check", "-"], input=data)
    assert result.exit_code == 2, result.output
    assert fragment in result.output
    assert "Traceback" not in result.output


def test_standard_input_closed() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "writer", "check", "-"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.close(0),
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == "stmt: error: -: standard input is closed; give a file instead"
