"""`stmt server`: the Language Server Protocol subset, over a real subprocess."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from writer.server import Positions, read_message, write_message

BLAME = """Due to circumstances beyond my control, I failed Step 1 on my first attempt.

My medical school did not prepare us for the USMLE, and the exam does not measure clinical ability.
"""


class Client:
    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "writer", "server", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.next_id = 0

    def request(self, method: str, params=None) -> dict:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params or {}})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id:
                return message

    def notify(self, method: str, params=None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params or {}})

    def send(self, message: dict) -> None:
        write_message(self.proc.stdin, message)

    def receive(self) -> dict:
        message = read_message(self.proc.stdout)
        assert message is not None, self.proc.stderr.read().decode()
        return message

    def diagnostics(self) -> dict:
        while True:
            message = self.receive()
            if message.get("method") == "textDocument/publishDiagnostics":
                return message["params"]

    def close(self) -> int:
        if self.proc.poll() is None:
            self.proc.kill()
        return self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def client():
    c = Client()
    answer = c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    assert answer["result"]["serverInfo"]["name"] == "stmt"
    assert answer["result"]["capabilities"]["textDocumentSync"]["change"] == 1  # full text
    c.notify("initialized")
    yield c
    c.close()


def open_doc(client: Client, uri: str, text: str) -> None:
    doc = {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}
    client.notify("textDocument/didOpen", {"textDocument": doc})


def test_open_publishes_findings_as_diagnostics(client):
    open_doc(client, "file:///drafts/blame.txt", BLAME)
    params = client.diagnostics()
    assert params["uri"] == "file:///drafts/blame.txt"
    blame = [d for d in params["diagnostics"] if d["code"] == "blame"]
    assert blame and all(d["severity"] == 1 and d["source"] == "stmt" for d in blame)
    assert blame[0]["range"]["start"] == {"line": 0, "character": 0}
    assert any(d["range"]["start"]["line"] == 2 for d in blame)


def test_change_rechecks_the_newest_text_and_close_clears(client, strong_text):
    uri = "file:///drafts/changing.txt"
    open_doc(client, uri, BLAME)
    assert any(d["code"] == "blame" for d in client.diagnostics()["diagnostics"])
    for version, text in enumerate([BLAME + "\nOne more line.\n", strong_text], start=2):
        change = {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}],
        }
        client.notify("textDocument/didChange", change)
    last = client.diagnostics()
    while last["diagnostics"] and any(d["code"] == "blame" for d in last["diagnostics"]):
        last = client.diagnostics()  # an intermediate version may be published first
    assert not [d for d in last["diagnostics"] if d["severity"] == 1]
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics() == {"uri": uri, "diagnostics": []}


def test_custom_check_request_returns_the_json_report(client, strong_text):
    answer = client.request("stmt/check", {"text": strong_text, "path": "strong.txt"})
    result = answer["result"]
    assert result["elapsed_ms"] > 0
    assert result["file"]["path"] == "strong.txt"
    assert result["file"]["stats"]["exam_sentences"] == 3
    sentence = result["file"]["sentences"][0]
    assert strong_text[sentence["start"] : sentence["end"]] == sentence["text"]


def test_edits_answer_as_a_fresh_check_would(client, strong_text):
    """The server keeps parsed paragraphs; what it answers after edits must still be what
    `stmt check` says of the same text."""
    from writer.api import check

    paragraphs = strong_text.split("\n\n")
    edits = [
        strong_text,
        "\n\n".join([BLAME.strip(), *paragraphs[1:]]),  # the first paragraph replaced
        "\n\n".join(
            [*paragraphs[:2], paragraphs[2] + " I also taught BLS twice.", *paragraphs[3:]]
        ),
        "\n\n".join(paragraphs[::-1]),  # the same paragraphs, in another order
    ]
    for text in edits:
        answer = client.request("stmt/check", {"text": text, "path": "draft.txt"})
        served = answer["result"]["file"]
        fresh = check(text, path="draft.txt").to_dict()
        assert served["sentences"] == fresh["sentences"]
        assert served["findings"] == fresh["findings"]


def test_empty_buffer_has_no_diagnostics_and_unknown_requests_are_errors(client):
    open_doc(client, "file:///drafts/empty.txt", "   \n")
    assert client.diagnostics()["diagnostics"] == []
    answer = client.request("textDocument/hover", {})
    assert answer["error"]["code"] == -32601
    answer = client.request("stmt/check", {"path": "no-text.txt"})
    assert answer["error"]["code"] == -32602


def test_shutdown_then_exit_is_a_clean_exit():
    c = Client()
    try:
        assert c.request("shutdown")["result"] is None
        c.notify("exit")
        assert c.proc.wait(timeout=10) == 0
    finally:
        c.close()


def test_exit_without_shutdown_is_an_error_exit():
    c = Client()
    try:
        c.notify("exit")
        assert c.proc.wait(timeout=10) == 1
    finally:
        c.close()


def test_positions_are_utf16_code_units():
    text = "ok \U0001f600 x\nsecond"
    positions = Positions(text)
    assert positions.at(text.index("x")) == {"line": 0, "character": 6}  # the emoji counts 2
    assert positions.at(text.index("second")) == {"line": 1, "character": 0}


def test_framing_round_trip():
    buffer = io.BytesIO()
    write_message(buffer, {"jsonrpc": "2.0", "id": 1, "result": "é"})
    buffer.seek(0)
    assert read_message(buffer) == {"jsonrpc": "2.0", "id": 1, "result": "é"}
    assert read_message(buffer) is None
