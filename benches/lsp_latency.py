#!/usr/bin/env python3
"""Latency of the language server: time from `textDocument/didChange` to the
`textDocument/publishDiagnostics` for that version, on a generated ~10,000-word draft.

Not a test: a measurement. Build the release binary first, then run:

    cargo build --release
    python3 benches/lsp_latency.py [path/to/copydesk] [--edits 300] [--words 10000]

Each edit types one character (or deletes one) somewhere in the draft, waits for the
diagnostics of that version, and records the wall-clock time in between. The script prints
p50, p90, p99 and the maximum, in milliseconds.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import queue

PEOPLE = [
    ("Harbor Commissioner", "Lena", "Okafor"),
    ("Deputy Mayor", "Tomas", "Ferreira"),
    ("Transit Director", "Grace", "Oyelaran"),
    ("Councilwoman", "Mira", "Halvorsen"),
    ("Budget Officer", "Dev", "Raman"),
    ("Fire Chief", "Aaron", "Whitlock"),
]
VERBS = ["said", "said", "said", "told reporters", "claimed", "added", "insisted"]
QUOTES = [
    "We are not going to rush a decision that costs this much money",
    "The schedule slipped twice already and nobody wants a third time",
    "Riders deserve a straight answer about the ferry 🚢 contract",
    "I have read every page of the audit and the numbers do not add up",
    "This is about trust, and trust is earned one budget at a time",
    "We will publish the full report before the council votes",
]
PROSE = [
    "The board met for four hours on Tuesday evening in the old customs house.",
    "Ridership fell 12 percent last year, the largest drop since the pier reopened.",
    "A harbor official said the delay was political.",
    "Critics say the plan favors the operator.",
    "The vote is expected in June, after a second public hearing.",
    "Repairs to the north slip will cost an estimated $4.2 million, according to the audit.",
]


def generate(words):
    rng = random.Random(7)
    paragraphs = ["# Harbor board delays ferry vote 😀", ""]
    count = 0
    introduced = set()
    while count < words:
        role, first, last = rng.choice(PEOPLE)
        if last not in introduced:
            introduced.add(last)
            lead = f"{role} {first} {last} said Tuesday that the contract would wait."
        else:
            lead = rng.choice(PROSE)
        quote = rng.choice(QUOTES)
        verb = rng.choice(VERBS)
        if rng.random() < 0.5:
            para = f"{lead} “{quote},” {last} {verb}."
        else:
            para = f"{lead} “{quote},” she said. “{rng.choice(QUOTES)}.”"
        if rng.random() < 0.2:
            para += " " + rng.choice(PROSE)
        paragraphs.append(para)
        paragraphs.append("")
        count += len(para.split())
    return "\n".join(paragraphs) + "\n"


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


class Server:
    def __init__(self, binary):
        self.proc = subprocess.Popen(
            [binary, "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 1

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = out.read(length)
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.proc.stdin.flush()
        return time.perf_counter()

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m)[1]

    def notify(self, method, params):
        return self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, pred, timeout=30):
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError("no answer from the server")
            at, message = self.messages.get(timeout=left)
            if pred(message):
                return at, message


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "target", "release", "copydesk")
    target_dir = os.environ.get("CARGO_TARGET_DIR")
    if target_dir:
        default = os.path.join(target_dir, "release", "copydesk")
    parser.add_argument("binary", nargs="?", default=default)
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--words", type=int, default=10_000)
    args = parser.parse_args()

    text = generate(args.words)
    lines = text.split("\n")
    server = Server(args.binary)
    server.request("initialize", {"processId": os.getpid(), "capabilities": {}, "rootUri": None})
    server.notify("initialized", {})
    uri = "file:///tmp/copydesk-bench/ferry.md"
    opened = server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
    )
    at, first = server.wait(
        lambda m: m.get("method") == "textDocument/publishDiagnostics"
        and m["params"]["version"] == 1
    )
    open_ms = (at - opened) * 1000
    findings = len(first["params"]["diagnostics"])

    rng = random.Random(11)
    latencies = []
    for version in range(2, args.edits + 2):
        # A paragraph line, somewhere in it (UTF-16 columns, as VS Code sends them).
        line_no = rng.randrange(2, len(lines) - 1, 2)
        line = lines[line_no]
        col = rng.randrange(0, len(line) + 1)
        while col < len(line) and 0xDC00 <= ord(line[col]) <= 0xDFFF:
            col += 1
        character = utf16_len(line[:col])
        if version % 5 == 0 and col > 0:
            # Backspace.
            start = utf16_len(line[: col - 1])
            change = {
                "range": {
                    "start": {"line": line_no, "character": start},
                    "end": {"line": line_no, "character": character},
                },
                "text": "",
            }
            lines[line_no] = line[: col - 1] + line[col:]
        else:
            ch = rng.choice("abcdefghij ,.“”")
            change = {
                "range": {
                    "start": {"line": line_no, "character": character},
                    "end": {"line": line_no, "character": character},
                },
                "text": ch,
            }
            lines[line_no] = line[:col] + ch + line[col:]
        sent = server.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )
        at, _ = server.wait(
            lambda m, v=version: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["version"] == v
        )
        latencies.append((at - sent) * 1000)

    server.request("shutdown", None)
    server.notify("exit", None)
    server.proc.wait(timeout=5)

    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))]

    words = len(text.split())
    print(f"draft: {words} words, {len(text.encode())} bytes, {findings} findings")
    print(f"didOpen -> publishDiagnostics: {open_ms:.2f} ms")
    print(
        f"didChange -> publishDiagnostics over {len(latencies)} edits: "
        f"p50 {pct(50):.2f} ms, p90 {pct(90):.2f} ms, p99 {pct(99):.2f} ms, "
        f"max {latencies[-1]:.2f} ms, mean {statistics.mean(latencies):.2f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
