"""stmt never touches the network: hospital firewalls block everything but the package index.

Sockets are made to fail before anything is imported (a subprocess, so spaCy,
the model, textstat and Jinja2 all load under the patch) and within this
process; checking and drafting must still succeed.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from writer.cli import main

ROOT = Path(__file__).resolve().parent.parent

NO_NETWORK = """
import socket, sys

def refuse(*args, **kwargs):
    raise OSError("network access attempted: " + repr(args[:2]))

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.socket.sendto = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    attempts: list[tuple] = []

    def refuse(*args, **kwargs):
        attempts.append(args[1:3])
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_check_in_process_without_network(no_network, write, strong_text) -> None:
    import writer

    result = writer.check(strong_text)
    assert result.sentences and result.stats["words"] > 100
    path = write("strong.txt", strong_text)
    run = CliRunner().invoke(main, ["check", str(path)])
    assert run.exit_code == 0, run.output
    assert no_network == []


def test_draft_in_process_without_network(no_network) -> None:
    profile = ROOT / "tests" / "data" / "profiles" / "minimal.toml"
    args = ["draft", "letter-request", "--profile", str(profile), "--writer", "wong"]
    run = CliRunner().invoke(main, [*args, "--today", "2027-01-01"])
    assert run.exit_code == 0, run.output
    assert "Dr. Anthony Wong" in run.stdout
    assert no_network == []


def test_cli_in_a_fresh_process_with_sockets_disabled(tmp_path: Path, strong_text: str) -> None:
    draft = tmp_path / "strong.txt"
    draft.write_text(strong_text, encoding="utf-8")
    profile = ROOT / "samples" / "profile.toml"
    code = NO_NETWORK + (
        "from writer.cli import main\n"
        f"main(['check', '--format', 'json', '--profile', {str(profile)!r}, {str(draft)!r}])\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=180,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert "network access attempted" not in proc.stderr
    assert "Traceback" not in proc.stderr
    assert '"version": 1' in proc.stdout
    # And the guard itself works in that process: a connection attempt fails loudly.
    probe = subprocess.run(
        [sys.executable, "-c", NO_NETWORK + "socket.create_connection(('pypi.org', 443))"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.returncode != 0 and "network access attempted" in probe.stderr
