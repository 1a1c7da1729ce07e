"""How fast the language server answers an edit: from didChange to publishDiagnostics.

    .venv/bin/python bench/lsp.py                  # 1,000 claims, 30 edits
    .venv/bin/python bench/lsp.py --claims 3000 --edits 50

It starts the real server (``python -m argmap lsp``) and speaks LSP to it over
stdio, as an editor does: it opens a map from bench/generate.py (with its
source text, so quotes are checked too), waits for the first diagnostics,
then makes one small edit at a time, in turn: a word of a claim's text
changed, a link's first id made unknown (or known again, so the diagnostics
change), the link's arrow half written (a syntax error), and the arrow
mended. It times each from sending the change to receiving the diagnostics
for that version, and prints the figures for each kind of edit too. Edits
are a quarter second apart, as a typist's pauses; the median and the 90th
percentile are printed. This is not part of the test suite's pass/fail: timings depend on the
machine (the target is 100 ms for 1,000 claims).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write  # noqa: E402


class Connection:
    """JSON-RPC with Content-Length framing over a server process's stdin and stdout."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdin is not None and process.stdout is not None
        self.input: IO[bytes] = process.stdin
        self.output: IO[bytes] = process.stdout
        self.next_id = 0

    def send(self, method: str, params: Any, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        ident = None
        if request:
            self.next_id += 1
            ident = message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        self.input.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.input.flush()
        return ident

    def receive(self) -> dict[str, Any]:
        length = 0
        while True:
            line = self.output.readline()
            if not line:
                raise EOFError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(self.output.read(length))
        return message

    def wait(self, match: Any) -> dict[str, Any]:
        while True:
            message = self.receive()
            if match(message):
                return message


def _diagnostics_of(uri: str, version: int) -> Any:
    def match(message: dict[str, Any]) -> bool:
        params = message.get("params") or {}
        return bool(
            message.get("method") == "textDocument/publishDiagnostics"
            and params.get("uri") == uri
            and params.get("version") == version
        )

    return match


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--pause", type=float, default=0.25, help="seconds between edits")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = write(args.claims, Path(folder) / f"map{args.claims}.arg")
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        claim_line = next(i for i, line in enumerate(lines) if line.startswith("premise "))
        link_line = next(i for i, line in enumerate(lines) if " -> " in line)
        uri = path.as_uri()
        process = subprocess.Popen(
            [sys.executable, "-m", "argmap", "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        rpc = Connection(process)
        started = time.perf_counter()
        ident = rpc.send("initialize", {"processId": None, "rootUri": None, "capabilities": {}}, request=True)
        rpc.wait(lambda m: m.get("id") == ident)
        rpc.send("initialized", {})
        rpc.send("textDocument/didOpen", {
            "textDocument": {"uri": uri, "languageId": "argmap", "version": 1, "text": text}
        })
        first = rpc.wait(_diagnostics_of(uri, 1))
        opened = time.perf_counter() - started
        print(f"{args.claims} claims, {len(lines)} lines: server up and first diagnostics in {opened:.2f} s "
              f"({len(first['params']['diagnostics'])} diagnostics)")
        times = []
        counts = []
        kinds = []
        for version in range(2, args.edits + 2):
            time.sleep(args.pause)
            kind = version % 4
            if kind == 0:  # a word of a claim's text, changed back and forth
                old = lines[claim_line]
                line, new = claim_line, old.replace("The ", "A ", 1) if "The " in old else old.replace("A ", "The ", 1)
            elif kind == 1:  # a link's first id made unknown, then known again
                old = lines[link_line]
                ref = old.split(" ")[0]
                line, new = link_line, old.replace(ref, ref[:-1] if ref.endswith("x") else ref + "x", 1)
            else:  # a syntax error typed (the link's arrow half written), then mended
                old = lines[link_line]
                line, new = link_line, old.replace(" -> ", " - ", 1) if kind == 2 else old.replace(" - ", " -> ", 1)
            kinds.append(("claim text", "unknown id", "syntax error", "error mended")[kind])
            change = {
                "range": {"start": {"line": line, "character": 0},
                          "end": {"line": line, "character": len(lines[line])}},
                "text": new,
            }
            lines[line] = new
            sent = time.perf_counter()
            rpc.send("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]
            })
            published = rpc.wait(_diagnostics_of(uri, version))
            times.append(time.perf_counter() - sent)
            counts.append(len(published["params"]["diagnostics"]))
        ident = rpc.send("shutdown", None, request=True)
        rpc.wait(lambda m: m.get("id") == ident)
        rpc.send("exit", None)
        process.wait(timeout=10)
    ms = sorted(t * 1000 for t in times)
    p90 = ms[max(0, round(0.9 * len(ms)) - 1)]
    print(f"edit -> diagnostics over {len(ms)} edits: median {statistics.median(ms):.0f} ms, p90 {p90:.0f} ms, "
          f"min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms (diagnostics per version: {min(counts)}–{max(counts)})")
    for kind in dict.fromkeys(kinds):
        these = [t * 1000 for t, k in zip(times, kinds, strict=True) if k == kind]
        print(f"  {kind}: median {statistics.median(these):.0f} ms over {len(these)} edits")


if __name__ == "__main__":
    main()
