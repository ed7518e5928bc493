#!/usr/bin/env python3
"""Soak test for `copydesk lsp` (not in CI): 20,000 edits over several minutes, RSS at start and end.

A measurement, not a test (Python 3 standard library only). One server; a draft of about
3,000 words is opened and then edited 20,000 times, each edit its own `didChange` with an
incremental range in UTF-16: typing characters (curly quotes, apostrophes, em dashes, emoji,
CJK among them), backspaces, pasting a paragraph and deleting it again, replacing a word,
occasionally the whole text. Every 50th edit waits for the diagnostics of that version (so
edits are paced like fast typing, and a backlog cannot build up unseen); every 500th a
second draft is opened and closed, and a hover is asked. The pace is set by --seconds.

At the end the diagnostics of the final version are compared with those of a fresh open of
the same text, and the server is shut down (exit status 0 expected). RSS (VmRSS) and peak
RSS (VmHWM) come from /proc/PID/status after the first diagnostics and after the last.

    cargo build --release
    python3 benches/soak.py                    # target/release/copydesk, 20,000 edits, ~5 min
    python3 benches/soak.py --edits 2000 --seconds 30 --server "target/debug/copydesk lsp"
"""

import argparse
import json
import os
import queue
import random
import shlex
import subprocess
import sys
import threading
import time

PIECES = ["“", "”", "’", "'", "—", "😀", "東京", "a", "e", " ", "said", ",", ".", "\n"]
PARAGRAPH = (
    "\n\n“We will finish the pier by June — not a day later,” Harbor Commissioner Lena "
    "Okafor said. A source said the money ran out. “Nobody 😀 believes that,” Patel claimed.\n\n"
)


def base_draft(words):
    para = (
        "Harbor Commissioner Lena Okafor said Tuesday that the ferry contract would wait. "
        "“We will not rush a decision that costs 40 million dollars,” Okafor said. "
        "A harbor official said the delay was political. Critics say the board is stalling.\n\n"
    )
    out = "# Harbor board delays ferry vote\n\n"
    while len(out.split()) < words:
        out += para
    return out


def utf16_pos(text, offset):
    before = text[:offset]
    line = before.count("\n")
    start = before.rfind("\n") + 1
    col = len(text[start:offset].encode("utf-16-le")) // 2
    return {"line": line, "character": col}


class Server:
    def __init__(self, command):
        self.proc = subprocess.Popen(
            shlex.split(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.messages.put(json.loads(out.read(length)))

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m)

    def wait(self, pred, timeout=60):
        deadline = time.time() + timeout
        while True:
            m = self.messages.get(timeout=max(0.01, deadline - time.time()))
            if m is None:
                raise SystemExit("the server closed its output")
            if "method" in m and "id" in m:  # a request from the server: answer it
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
            if pred(m):
                return m

    def diagnostics(self, uri, version):
        m = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                      and m["params"]["uri"] == uri and m["params"].get("version") == version)
        return m["params"]["diagnostics"]

    def rss(self):
        fields = {}
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    fields[key] = int(value.split()[0])
        return fields


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server", default="target/release/copydesk lsp")
    ap.add_argument("--edits", type=int, default=20_000)
    ap.add_argument("--seconds", type=float, default=300, help="spread the edits over this long")
    ap.add_argument("--words", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    server = Server(args.server)
    server.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
    server.notify("initialized", {})
    uri = "file:///tmp/copydesk-soak/story.md"
    text = base_draft(args.words)
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}})
    server.diagnostics(uri, 1)
    start_rss = server.rss()
    print(f"start: {len(text):,} bytes open, VmRSS {start_rss['VmRSS']:,} kB, "
          f"VmHWM {start_rss['VmHWM']:,} kB", flush=True)

    began = time.time()
    version = 1
    last = (None, None)
    pasted = None
    for i in range(args.edits):
        version += 1
        roll = rng.random()
        if pasted is not None and roll < 0.02:
            a, b = pasted
            change = {"range": {"start": utf16_pos(text, a), "end": utf16_pos(text, b)}, "text": ""}
            text = text[:a] + text[b:]
            pasted = None
        elif roll < 0.04:
            at = text.find("\n\n", rng.randrange(len(text)))
            at = len(text) if at < 0 else at
            change = {"range": {"start": utf16_pos(text, at), "end": utf16_pos(text, at)},
                      "text": PARAGRAPH}
            text = text[:at] + PARAGRAPH + text[at:]
            pasted = (at, at + len(PARAGRAPH))
        elif roll < 0.0405:
            change = {"text": base_draft(args.words)}
            text = change["text"]
            pasted = None
        elif roll < 0.15 and len(text) > 1:
            at = rng.randrange(1, len(text))
            change = {"range": {"start": utf16_pos(text, at - 1), "end": utf16_pos(text, at)},
                      "text": ""}
            text = text[:at - 1] + text[at:]
            pasted = None
        else:
            at = rng.randrange(len(text) + 1)
            piece = rng.choice(PIECES)
            change = {"range": {"start": utf16_pos(text, at), "end": utf16_pos(text, at)},
                      "text": piece}
            text = text[:at] + piece + text[at:]
            if pasted is not None and at <= pasted[1]:
                pasted = None
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
        if i % 50 == 49:
            last = (version, server.diagnostics(uri, version))
        if i % 500 == 499:
            other = f"file:///tmp/copydesk-soak/other-{i}.md"
            server.notify("textDocument/didOpen", {"textDocument": {
                "uri": other, "languageId": "markdown", "version": 1, "text": PARAGRAPH}})
            server.diagnostics(other, 1)
            server.notify("textDocument/didClose", {"textDocument": {"uri": other}})
            server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": utf16_pos(text, len(text) // 2)})
            elapsed = time.time() - began
            print(f"{i + 1:>6} edits, {elapsed:6.1f} s, VmRSS {server.rss()['VmRSS']:,} kB",
                  flush=True)
        # Pace: edit i is due at i * seconds / edits.
        due = began + (i + 1) * args.seconds / args.edits
        if due > time.time():
            time.sleep(due - time.time())
    final = last[1] if last[0] == version else server.diagnostics(uri, version)
    end_rss = server.rss()
    fresh_uri = "file:///tmp/copydesk-soak/fresh.md"
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": fresh_uri, "languageId": "markdown", "version": 1, "text": text}})
    fresh = server.diagnostics(fresh_uri, 1)

    def strip(ds):
        for d in ds:
            for r in d.get("relatedInformation") or []:
                r["location"]["uri"] = None
        return ds

    same = strip(final) == strip(fresh)
    server.request("shutdown", None)
    server.notify("exit", None)
    code = server.proc.wait(timeout=10)
    took = time.time() - began
    print(f"end: {args.edits:,} edits in {took:.0f} s, {len(text):,} bytes, "
          f"{len(final)} diagnostics; VmRSS {end_rss['VmRSS']:,} kB, VmHWM {end_rss['VmHWM']:,} kB")
    print(f"final diagnostics equal a fresh open: {same}; exit status {code}")
    sys.exit(0 if same and code == 0 else 1)


if __name__ == "__main__":
    main()
