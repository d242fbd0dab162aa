"""`stmt server`: the pipeline kept warm, answering editors over the Language Server Protocol.

An editor starts ``stmt server`` once and talks JSON-RPC over its standard
input and output (LSP base protocol: a ``Content-Length`` header, a blank
line, a UTF-8 JSON body). The subset served is the one a linter needs:

- ``initialize`` / ``initialized`` / ``shutdown`` / ``exit``;
- ``textDocument/didOpen``, ``didChange`` (full text), ``didSave``,
  ``didClose``: each (re)check answers with ``textDocument/publishDiagnostics``,
  one diagnostic per finding (code = rule id, source = "stmt");
- ``stmt/check`` (a request of our own, for scripts and the benchmark):
  ``{"text": ..., "path": ...}`` in, the JSON report of ``stmt check
  --format json`` for that one draft out, plus ``elapsed_ms``.

Positions are LSP's default, UTF-16 code units, computed from the finding's
character offsets. Edits that arrive while a check runs are coalesced: only
the newest text of a document is checked. Nothing is written to disk and
nothing but protocol messages goes to standard output.
"""

from __future__ import annotations

import bisect
import json
import os
import queue
import sys
import threading
import time
from typing import Any, BinaryIO, NoReturn
from urllib.parse import unquote, urlparse

from writer import __version__

SEVERITY = {"error": 1, "warning": 2, "info": 3}
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
#: Parsed paragraphs the server keeps (``writer.nlp.paragraphs``): some 40 pages' worth,
#: 17 MB measured for 256 paragraphs of about 100 words.
PARAGRAPH_CACHE = 256
WARM_UP_TEXT = (
    "During my observership in anesthesiology I watched the attending induce a frightened "
    "patient.\n\n"
    "I did not pass Step 1 on my first attempt, and I changed how I studied."
)


# -- framing -------------------------------------------------------------------------------


def read_message(stream: BinaryIO) -> dict | None:
    """One JSON-RPC message from ``stream``; None at end of input."""
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            if length is None:
                continue  # stray blank line between messages
            break
        name, _, value = line.decode("ascii", "replace").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    body = stream.read(length)
    if len(body) < length:
        return None
    return json.loads(body.decode("utf-8"))


def write_message(stream: BinaryIO, message: dict) -> None:
    body = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stream.flush()


# -- positions and diagnostics -------------------------------------------------------------


class Positions:
    """Character offsets of a text to LSP positions (line, UTF-16 column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.starts.append(i + 1)

    def at(self, offset: int) -> dict[str, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        prefix = self.text[self.starts[line] : offset]
        return {"line": line, "character": len(prefix.encode("utf-16-le")) // 2}


def diagnostics(result, text: str) -> list[dict[str, Any]]:
    """LSP diagnostics for the findings of one FileResult."""
    positions = Positions(text)
    out = []
    for f in result.findings:
        message = f.message if not f.suggestion else f"{f.message}\nsuggestion: {f.suggestion}"
        out.append(
            {
                "range": {"start": positions.at(f.start), "end": positions.at(max(f.end, f.start))},
                "severity": SEVERITY.get(f.severity, 3),
                "code": f.rule,
                "source": "stmt",
                "message": message,
            }
        )
    return out


def uri_to_path(uri: str) -> str:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


# -- the server ----------------------------------------------------------------------------


class Server:
    """Reads requests on one thread, checks on this one; the newest edit wins."""

    def __init__(
        self, reader: BinaryIO, writer: BinaryIO, profile=None, kind: str | None = None
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.profile = profile
        self.kind = kind
        self.documents: dict[str, str] = {}  # uri -> newest text
        self.published: dict[str, str] = {}  # uri -> text whose diagnostics were sent
        self.inbox: queue.Queue = queue.Queue()
        self.shutting_down = False

    # public -------------------------------------------------------------------------------
    def serve(self) -> int:
        """Answer until ``exit`` or end of input; the exit code LSP prescribes."""
        threading.Thread(target=self._read_loop, daemon=True).start()
        while True:
            message = self.inbox.get()
            batch = [message]
            while True:  # take everything already waiting, so stale edits are skipped
                try:
                    batch.append(self.inbox.get_nowait())
                except queue.Empty:
                    break
            dirty: list[str] = []
            for msg in batch:
                if msg is None or msg.get("method") == "exit":
                    # LSP: exit after shutdown is success; exit without it is an error
                    return 1 if msg is not None and not self.shutting_down else 0
                dirty.extend(uri for uri in self._handle(msg) if uri not in dirty)
            self._publish_dirty(dirty)

    def warm_up(self) -> None:
        """Load the pipeline and run one small draft through it."""
        self._check(WARM_UP_TEXT, "<warm-up>")

    # internals ----------------------------------------------------------------------------
    def _read_loop(self) -> None:
        while True:
            try:
                message = read_message(self.reader)
            except (ValueError, OSError):
                message = None
            self.inbox.put(message)
            if message is None:
                return

    def _handle(self, msg: dict) -> list[str]:
        """Answer one message; returns the documents it made dirty."""
        method = msg.get("method")
        params = msg.get("params") or {}
        is_request = "id" in msg
        try:
            if method == "initialize":
                self._respond(msg, self._capabilities())
            elif method == "initialized":
                self.warm_up()
            elif method == "shutdown":
                self.shutting_down = True
                self._respond(msg, None)
            elif method == "textDocument/didOpen":
                doc = params["textDocument"]
                self.documents[doc["uri"]] = doc.get("text", "")
                return [doc["uri"]]
            elif method == "textDocument/didChange":
                uri = params["textDocument"]["uri"]
                changes = params.get("contentChanges") or []
                if changes:
                    self.documents[uri] = changes[-1]["text"]  # full sync: the last is the text
                return [uri]
            elif method == "textDocument/didSave":
                uri = params["textDocument"]["uri"]
                if params.get("text") is not None:
                    self.documents[uri] = params["text"]
                return [uri] if uri in self.documents else []
            elif method == "textDocument/didClose":
                uri = params["textDocument"]["uri"]
                self.documents.pop(uri, None)
                self.published.pop(uri, None)
                self._notify("textDocument/publishDiagnostics", {"uri": uri, "diagnostics": []})
            elif method == "stmt/check":
                self._respond(msg, self._check_request(params))
            elif is_request:
                self._error(msg, METHOD_NOT_FOUND, f"stmt server does not handle {method}")
            # other notifications ($/cancelRequest, workspace/..., etc.) need no answer
        except (KeyError, TypeError) as err:
            if is_request:
                self._error(msg, INVALID_PARAMS, f"{method}: missing or malformed {err}")
        except Exception as err:  # never let one bad draft stop the server
            if is_request:
                self._error(msg, INTERNAL_ERROR, f"{type(err).__name__}: {err}")
            else:
                print(f"stmt server: {method}: {type(err).__name__}: {err}", file=sys.stderr)
        return []

    def _capabilities(self) -> dict:
        return {
            "capabilities": {
                "textDocumentSync": {"openClose": True, "change": 1, "save": {"includeText": True}},
                "positionEncoding": "utf-16",
            },
            "serverInfo": {"name": "stmt", "version": __version__},
        }

    def _check(self, text: str, path: str, kind: str | None = None):
        from writer.api import check, get_analyzer
        from writer.errors import InputError

        # keep parsed paragraphs: an edit re-parses only the paragraphs it changed
        get_analyzer().parser.keep(PARAGRAPH_CACHE)
        try:
            return check(
                text, profile=self.profile, kind=kind or self.kind or "statement", path=path
            )
        except InputError:
            return None  # an empty buffer: nothing to say

    def _publish_dirty(self, uris: list[str]) -> None:
        for uri in uris:
            text = self.documents.get(uri)
            if text is None or self.published.get(uri) == text:
                continue  # closed, or this exact text was already checked
            try:
                result = self._check(text, uri_to_path(uri))
                found = diagnostics(result, text) if result is not None else []
            except Exception as err:
                print(f"stmt server: {uri}: {type(err).__name__}: {err}", file=sys.stderr)
                continue
            self.published[uri] = text
            self._notify("textDocument/publishDiagnostics", {"uri": uri, "diagnostics": found})

    def _check_request(self, params: dict) -> dict:
        text = params["text"]
        started = time.perf_counter()
        result = self._check(text, params.get("path", "<text>"), params.get("kind"))
        elapsed = (time.perf_counter() - started) * 1000
        if result is None:
            return {"file": None, "elapsed_ms": round(elapsed, 2)}
        return {"file": result.to_dict(), "elapsed_ms": round(elapsed, 2)}

    def _respond(self, msg: dict, result: Any) -> None:
        write_message(self.writer, {"jsonrpc": "2.0", "id": msg["id"], "result": result})

    def _error(self, msg: dict, code: int, message: str) -> None:
        write_message(
            self.writer,
            {"jsonrpc": "2.0", "id": msg["id"], "error": {"code": code, "message": message}},
        )

    def _notify(self, method: str, params: dict) -> None:
        write_message(self.writer, {"jsonrpc": "2.0", "method": method, "params": params})


def serve_stdio(profile=None, kind: str | None = None) -> NoReturn:
    """Serve on this process's standard input and output."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must never corrupt the protocol stream
    code = Server(sys.stdin.buffer, out, profile=profile, kind=kind).serve()
    out.flush()
    sys.stderr.flush()
    # The reader thread may be blocked reading stdin; interpreter shutdown would
    # wait on its lock, so leave at once (nothing is left to write).
    os._exit(code)
