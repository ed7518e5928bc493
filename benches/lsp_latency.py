#!/usr/bin/env python3
"""Latency and memory of a prose language server over stdio, for any server command.

Not a test: a measurement (Python 3 standard library only). For generated drafts of 10,000
and 100,000 words (the scheme of benches/analysis.rs, see benches/gen_drafts.py) it measures:

  cold start   time from sending `initialize` (right after spawning the server) to the first
               `textDocument/publishDiagnostics` for a draft opened straight after
               `initialized`; median of --cold-runs fresh servers;
  typing       one character typed in the middle of the draft (a cursor in the middle
               paragraph, advancing as a reporter types a sentence), --edits times;
  paste        a paragraph of about 60 words pasted at a paragraph break in the middle of the
               draft, then undone (the undo is waited for, not counted), --edits times;
  RSS          peak resident memory (VmHWM in /proc/PID/status) with --rss-drafts drafts of
               --rss-words words open, after each has had its diagnostics.

Each edit is sent on its own, as one `didChange`, and the script waits for the
`publishDiagnostics` of that version before the next: the latency is per edit, not a burst.
A server that publishes without a version (harper-ls) is matched on the first publication
for the document that arrives after the edit was sent; after every publication the script
waits --settle-ms and drops anything else the server published meanwhile, so a late second
publication is never taken for the answer to the next edit. Changes are sent incrementally
when the server asks for incremental sync and as the whole text when it asks for full sync,
as an editor would. Positions are UTF-16 (no `positionEncodings` offered). The client declares
the diagnostics capabilities Neovim 0.11 does, or VS Code's with --client vscode (which adds
`codeDescriptionSupport`, and with it copydesk's documentation link in every finding). Times are taken
when the message is written and when the whole answer has been read, before parsing it.
Reported statistics are medians over --sessions sessions (a fresh server each).

    cargo build --release
    python3 benches/lsp_latency.py                          # copydesk only
    python3 benches/lsp_latency.py --server "harper=/work/harper-ls/bin/harper-ls --stdio"
    python3 benches/lsp_latency.py --server "copydesk=target/release/copydesk lsp" \\
        --server "harper=harper-ls --stdio" --words 10000 --json /tmp/lsp.json

`--server "null=python3 benches/lsp_latency.py --null-server"` measures a server that
publishes one fixed diagnostic at once: the floor of the harness itself.

--json FILE keeps every figure, each edit's latency included (`type_ms_each`, `paste_ms_each`:
one list per session, in the order sent), to set beside a server's own log of the same edits;
copydesk writes one with COPYDESK_LOG=copydesk::timings=trace (stderr, which this script
discards: wrap the command, e.g. --server "c=sh -c 'COPYDESK_LOG=copydesk::timings=trace exec
target/release/copydesk lsp 2>>/tmp/timings.log'").

With two --server options it prints both side by side with the ratio of the second to the
first (above 1: the first is faster or smaller). The first server defaults to copydesk's
release binary when no --server is given.
"""

import argparse
import json
import math
import os
import queue
import shlex
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_drafts import draft  # noqa: E402

PUBLISH = "textDocument/publishDiagnostics"

# What the client says it does with diagnostics (`--client`), as each editor says it. A server
# may leave out what the client does not show: copydesk writes a rule's documentation link
# (`codeDescription`, a quarter of a long draft's diagnostics in bytes) only for a client that
# declares `codeDescriptionSupport`.
CLIENTS = {
    # Neovim 0.11 (runtime/lua/vim/lsp/protocol.lua); Emacs's Eglot declares less still.
    "neovim": {
        "relatedInformation": True,
        "tagSupport": {"valueSet": [1, 2]},
        "dataSupport": True,
        "versionSupport": True,
    },
    # VS Code's language client (vscode-languageclient 9).
    "vscode": {
        "relatedInformation": True,
        "tagSupport": {"valueSet": [1, 2]},
        "versionSupport": True,
        "codeDescriptionSupport": True,
        "dataSupport": True,
    },
}
PUBLISH_CAPABILITIES = CLIENTS["neovim"]
TYPED = "and the council said it would vote again in June, after a second hearing. "


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


class Timeout(Exception):
    pass


class Server:
    """A language server over stdio: framed JSON-RPC, a reader thread that timestamps each
    message and answers the server's own requests at once."""

    def __init__(self, command, root):
        self.command = command
        self.proc = subprocess.Popen(
            shlex.split(command),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages = queue.Queue()
        self.lock = threading.Lock()
        self.next_id = 1
        self.sync = 2
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put((time.perf_counter(), None))
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            raw = out.read(length)
            at = time.perf_counter()
            message = json.loads(raw)
            if "method" in message and "id" in message:
                self._answer(message)
            self.messages.put((at, message))

    def _answer(self, request):
        result = None
        if request["method"] == "workspace/configuration":
            result = [None] * len(request.get("params", {}).get("items", [None]))
        self.send({"jsonrpc": "2.0", "id": request["id"], "result": result})

    def send(self, message):
        body = json.dumps(message).encode()
        data = b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
        with self.lock:
            at = time.perf_counter()
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        return at

    def notify(self, method, params):
        return self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, timeout=60):
        rid = self.next_id
        self.next_id += 1
        sent = self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        at, message = self.wait(lambda m: m.get("id") == rid and "method" not in m, timeout)
        return sent, at, message

    def wait(self, pred, timeout):
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise Timeout()
            try:
                at, message = self.messages.get(timeout=left)
            except queue.Empty:
                raise Timeout() from None
            if message is None:
                raise RuntimeError(f"{self.command}: the server closed its output")
            if pred(message):
                return at, message

    def drop_pending(self):
        dropped = 0
        while True:
            try:
                _, message = self.messages.get_nowait()
            except queue.Empty:
                return dropped
            if message is not None and message.get("method") == PUBLISH:
                dropped += 1

    def initialize(self, root):
        sent, _, response = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": "file://" + root,
                "workspaceFolders": [{"uri": "file://" + root, "name": "drafts"}],
                "capabilities": {
                    "textDocument": {
                        "synchronization": {"didSave": True},
                        "publishDiagnostics": PUBLISH_CAPABILITIES,
                    },
                },
            },
        )
        sync = response.get("result", {}).get("capabilities", {}).get("textDocumentSync", 2)
        self.sync = sync.get("change", 2) if isinstance(sync, dict) else sync
        self.notify("initialized", {})
        return sent

    def publication(self, uri, version, timeout):
        """The publication for `uri` at `version`, or the first one without a version."""

        def matches(m):
            if m.get("method") != PUBLISH or m["params"].get("uri") != uri:
                return False
            v = m["params"].get("version")
            return v is None or v == version

        return self.wait(matches, timeout)

    def open(self, uri, text):
        return self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
        )

    def change(self, uri, version, change, text):
        """One didChange: `change` is the incremental form, `text` the whole new text."""
        changes = [change] if self.sync == 2 else [{"text": text}]
        return self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
        )

    def status(self):
        fields = {}
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    key, _, value = line.partition(":")
                    if key in ("VmHWM", "VmRSS"):
                        fields[key] = int(value.split()[0]) / 1024  # MiB
        except OSError:
            pass
        return fields

    def close(self):
        try:
            self.request("shutdown", None, timeout=5)
            self.notify("exit", None)
            self.proc.wait(timeout=5)
        except Exception:
            pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class Document:
    """The client's copy of a draft, as lines, so edits can be given as UTF-16 positions."""

    def __init__(self, text):
        self.lines = text.split("\n")

    def text(self):
        return "\n".join(self.lines)

    def middle_line(self):
        """A long prose line nearest the middle of the draft."""
        mid = len(self.lines) // 2
        for d in range(len(self.lines)):
            for i in (mid - d, mid + d):
                line = self.lines[i] if 0 <= i < len(self.lines) else ""
                if len(line) > 120 and line[0].isalpha() and "`" not in line:
                    return i
        raise ValueError("no prose line")

    def paragraph_start(self):
        """A line that starts a paragraph (after a blank line) near the middle of the draft."""
        i = self.middle_line()
        while i > 0 and self.lines[i - 1] != "":
            i -= 1
        return i

    def insert(self, line, col, s):
        """Inserts `s` (no newline) at character `col` of `line`; the incremental change."""
        old = self.lines[line]
        pos = {"line": line, "character": utf16_len(old[:col])}
        self.lines[line] = old[:col] + s + old[col:]
        return {"range": {"start": pos, "end": pos}, "text": s}

    def insert_lines(self, line, block):
        """Inserts whole lines before `line`."""
        new = block.split("\n")
        self.lines[line:line] = new
        pos = {"line": line, "character": 0}
        return {"range": {"start": pos, "end": pos}, "text": block + "\n"}

    def delete_lines(self, line, count):
        del self.lines[line : line + count]
        return {
            "range": {
                "start": {"line": line, "character": 0},
                "end": {"line": line + count, "character": 0},
            },
            "text": "",
        }


def paste_paragraphs():
    """Paragraphs of 40 to 90 words with a quote, from a cast no measured draft has."""
    text = draft(3_000, start=9_000)
    out = [p for p in text.split("\n\n") if 40 <= len(p.split()) <= 90 and "\n" not in p]
    out = [p for p in out if "“" in p or '"' in p] or out
    return out


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def cold_start(command, root, uri, text, timeout):
    """Milliseconds from `initialize` to the first publication for `uri`, and its size."""
    server = Server(command, root)
    try:
        sent = server.initialize(root)
        server.open(uri, text)
        at, message = server.publication(uri, 1, timeout)
        return (at - sent) * 1000, len(message["params"]["diagnostics"])
    finally:
        server.close()


def edit_session(command, root, uri, text, edits, settle, timeout):
    """One server, one draft: typing latencies, paste latencies (ms), peak RSS, extras."""
    server = Server(command, root)
    try:
        server.initialize(root)
        doc = Document(text)
        server.open(uri, text)
        server.publication(uri, 1, timeout)
        time.sleep(settle)
        extra = server.drop_pending()
        version = 1

        def one(change):
            nonlocal version, extra
            version += 1
            sent = server.change(uri, version, change, doc.text() if server.sync == 1 else None)
            at, _ = server.publication(uri, version, timeout)
            time.sleep(settle)
            extra += server.drop_pending()
            return (at - sent) * 1000

        typing = []
        line = doc.middle_line()
        col = doc.lines[line].find(" ", len(doc.lines[line]) // 2) + 1
        for i in range(edits):
            typing.append(one(doc.insert(line, col, TYPED[i % len(TYPED)])))
            col += 1

        pastes = []
        paragraphs = paste_paragraphs()
        at_line = doc.paragraph_start()
        for i in range(edits):
            block = paragraphs[i % len(paragraphs)] + "\n"
            pastes.append(one(doc.insert_lines(at_line, block)))
            one(doc.delete_lines(at_line, block.count("\n") + 1))
        rss = server.status().get("VmHWM")
        return typing, pastes, rss, extra
    finally:
        server.close()


def rss_session(command, root, count, words, timeout):
    """Peak RSS (MiB) after `count` drafts of `words` words are open and checked."""
    server = Server(command, root)
    try:
        server.initialize(root)
        uris = []
        for i in range(count):
            uri = f"file://{root}/open-{i:02}.md"
            server.open(uri, draft(words, start=100 + 7 * i))
            uris.append(uri)
        # In whatever order the server answers.
        waiting = set(uris)
        while waiting:
            _, message = server.wait(
                lambda m: m.get("method") == PUBLISH and m["params"].get("uri") in waiting,
                timeout,
            )
            waiting.discard(message["params"]["uri"])
        time.sleep(0.2)
        return server.status()
    finally:
        server.close()


def measure(servers, args, root):
    """Every server's figures. The servers take turns measurement by measurement: each cold
    start, edit session and RSS run is taken for every server before the next one is, so a
    change in the machine's load during the run falls on all of them alike, not on whichever
    ran last (on a shared two-core machine that drift was larger than some of the differences
    measured)."""
    results = [{"name": name, "command": command, "sizes": {}} for name, command in servers]
    for words in args.words:
        text = draft(words)
        uri = f"file://{root}/draft-{words}.md"
        with open(os.path.join(root, f"draft-{words}.md"), "w", encoding="utf-8") as f:
            f.write(text)
        sizes = []
        for result in results:
            size = {"words": len(text.split()), "bytes": len(text.encode())}
            size["cold_all_ms"], size["diagnostics"] = [], None
            result["sizes"][words] = size
            sizes.append(size)
        timed_out = set()
        for _ in range(args.cold_runs):
            for k, result in enumerate(results):
                if k in timed_out:
                    continue
                try:
                    ms, sizes[k]["diagnostics"] = cold_start(
                        result["command"], root, uri, text, args.cold_timeout
                    )
                    sizes[k]["cold_all_ms"].append(ms)
                except Timeout:
                    timed_out.add(k)
        editing = []
        for k, size in enumerate(sizes):
            colds = size["cold_all_ms"]
            size["cold_ms"] = statistics.median(colds) if colds else None
            # An empty first publication means the server did not check the draft (harper-ls
            # publishes an empty list for a file over its maxFileLength, 120,000 bytes by
            # default): its timings would measure skipping, not checking, so they are not taken.
            size["empty"] = size["diagnostics"] == 0
            if colds and args.edits and not size["empty"]:
                size["stats"] = {key: [] for key in
                                 ("type_p50", "type_p99", "paste_p50", "paste_p99", "rss")}
                # Every edit's latency, per session, in the order sent: typing edits are
                # versions 2 to edits + 1, pastes every other version after that (the undos
                # between them are not counted), so they can be matched with a server's own log.
                size["type_ms_each"], size["paste_ms_each"] = [], []
                editing.append(k)
        for _ in range(args.sessions):
            for k in list(editing):
                size = sizes[k]
                try:
                    typing, pastes, rss, extra = edit_session(
                        results[k]["command"], root, uri, text, args.edits,
                        args.settle_ms / 1000, args.timeout,
                    )
                except Timeout:
                    size["edit_timeout"] = True
                    editing.remove(k)
                    continue
                stats = size["stats"]
                size["type_ms_each"].append(typing)
                size["paste_ms_each"].append(pastes)
                stats["type_p50"].append(percentile(typing, 50))
                stats["type_p99"].append(percentile(typing, 99))
                stats["paste_p50"].append(percentile(pastes, 50))
                stats["paste_p99"].append(percentile(pastes, 99))
                if rss is not None:
                    stats["rss"].append(rss)
                size["extra_publications"] = size.get("extra_publications", 0) + extra
        for result, size in zip(results, sizes):
            for key, values in size.pop("stats", {}).items():
                size[key] = statistics.median(values) if values else None
                size[key + "_all"] = values
            report_progress(result["name"], words, size)
    if args.rss_drafts:
        hwm = [[] for _ in results]
        timed_out = set()
        for _ in range(args.rss_runs):
            for k, result in enumerate(results):
                if k in timed_out:
                    continue
                try:
                    status = rss_session(
                        result["command"], root, args.rss_drafts, args.rss_words, args.timeout
                    )
                except Timeout:
                    timed_out.add(k)
                    continue
                if "VmHWM" in status:
                    hwm[k].append(status["VmHWM"])
        for result, values in zip(results, hwm):
            result["rss_mib"] = statistics.median(values) if values else None
            result["rss_all_mib"] = values
            print(f"  {result['name']}: {args.rss_drafts} drafts of {args.rss_words} words open: "
                  f"VmHWM {fmt(result['rss_mib'], 'MiB')}", file=sys.stderr)
    return results


def fmt(value, unit="ms"):
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"
    return f"{value:.1f} {unit}"


def report_progress(name, words, size):
    print(
        f"  {name}, {size['words']} words ({size['bytes']} bytes): cold {fmt(size['cold_ms'])}"
        f" ({size['diagnostics']} diagnostics); typing p50 {fmt(size.get('type_p50'))}"
        f" p99 {fmt(size.get('type_p99'))}; paste p50 {fmt(size.get('paste_p50'))}"
        f" p99 {fmt(size.get('paste_p99'))}",
        file=sys.stderr,
    )


def rows(result, args):
    out = []
    for words in args.words:
        s = result["sizes"].get(words, {})
        label = f"{words // 1000}k words"
        cold = None if s.get("empty") else s.get("cold_ms")
        out.append((f"{label}: cold start to first diagnostics", cold, "ms"))
        out.append((f"{label}: diagnostics in the first publication", s.get("diagnostics"), ""))
        out.append((f"{label}: typing one character, p50", s.get("type_p50"), "ms"))
        out.append((f"{label}: typing one character, p99", s.get("type_p99"), "ms"))
        out.append((f"{label}: pasting a paragraph, p50", s.get("paste_p50"), "ms"))
        out.append((f"{label}: pasting a paragraph, p99", s.get("paste_p99"), "ms"))
        out.append((f"{label}: peak RSS after the edits", s.get("rss"), "MiB"))
    if args.rss_drafts:
        out.append(
            (f"peak RSS, {args.rss_drafts} drafts of {args.rss_words} words open",
             result.get("rss_mib"), "MiB")
        )
    return out


def cell(value, unit):
    if value is None:
        return "—"
    if unit == "":
        return str(value)
    return fmt(value, unit)


def table(results, args):
    header = ["measurement"] + [r["name"] for r in results]
    if len(results) == 2:
        header.append(f"{results[1]['name']} / {results[0]['name']}")
    body = []
    columns = [rows(r, args) for r in results]
    for i, (label, _, unit) in enumerate(columns[0]):
        line = [label] + [cell(c[i][1], unit) for c in columns]
        if len(results) == 2:
            a, b = columns[0][i][1], columns[1][i][1]
            line.append(f"{b / a:.2f}×" if a and b is not None and unit else "")
        body.append(line)
    widths = [max(len(r[j]) for r in [header] + body) for j in range(len(header))]
    out = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |"]
    out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in body:
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths)) + " |")
    return "\n".join(out)


NULL_DIAGNOSTIC = {
    "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}},
    "message": "null server",
}


def null_server():
    """A server that publishes one fixed diagnostic, at once, without reading the draft: the
    floor of this harness (pipes, framing, JSON in Python on both sides)."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer

    def send(message):
        body = json.dumps(message).encode()
        stdout.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        stdout.flush()

    while True:
        length = None
        while True:
            line = stdin.readline()
            if not line:
                return 1
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        message = json.loads(stdin.read(length))
        method = message.get("method")
        if method == "initialize":
            send({"jsonrpc": "2.0", "id": message["id"],
                  "result": {"capabilities": {"textDocumentSync": 2}}})
        elif method == "shutdown":
            send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif method == "exit":
            return 0
        elif method in ("textDocument/didOpen", "textDocument/didChange"):
            doc = message["params"]["textDocument"]
            send({"jsonrpc": "2.0", "method": PUBLISH, "params": {
                "uri": doc["uri"], "version": doc["version"], "diagnostics": [NULL_DIAGNOSTIC]}})


def main():
    if sys.argv[1:] == ["--null-server"]:
        return null_server()
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(here, "..", "target"))
    default = os.path.normpath(os.path.join(target, "release", "copydesk")) + " lsp"
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--server",
        action="append",
        metavar="[NAME=]COMMAND",
        help=f"a server command line (default: copydesk, {default!r});"
        " give two to compare",
    )
    parser.add_argument("--words", default="10000,100000", help="draft sizes (default 10000,100000)")
    parser.add_argument("--edits", type=int, default=200, help="typing and paste edits (200)")
    parser.add_argument("--sessions", type=int, default=3, help="edit sessions per size (3)")
    parser.add_argument("--cold-runs", type=int, default=5, help="cold starts per size (5)")
    parser.add_argument("--rss-drafts", type=int, default=50, help="drafts open for RSS (50)")
    parser.add_argument("--rss-words", type=int, default=2000, help="words per RSS draft (2000)")
    parser.add_argument("--rss-runs", type=int, default=3, help="RSS runs (3)")
    parser.add_argument("--settle-ms", type=float, default=20, help="pause after each answer (20)")
    parser.add_argument("--timeout", type=float, default=10, help="seconds to wait per edit (10)")
    parser.add_argument(
        "--cold-timeout", type=float, default=30,
        help="seconds to wait for the first diagnostics (30); none in time means the server"
        " published nothing for that draft (harper-ls skips files over 120 KB)",
    )
    parser.add_argument(
        "--client", choices=sorted(CLIENTS), default="neovim",
        help="the diagnostics capabilities to declare, as this editor does (neovim: no"
        " `codeDescriptionSupport`, so copydesk leaves out its rules' documentation links)",
    )
    parser.add_argument("--root", default="/tmp/lsp-latency-drafts", help="folder for the drafts")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    args = parser.parse_args()
    args.words = [int(w) for w in args.words.split(",") if w]
    global PUBLISH_CAPABILITIES
    PUBLISH_CAPABILITIES = CLIENTS[args.client]

    servers = []
    for spec in args.server or [default]:
        name, sep, command = spec.partition("=")
        if not sep or " " in name or "/" in name:
            command, name = spec, os.path.basename(shlex.split(spec)[0])
        servers.append((name, command))
    root = os.path.abspath(args.root)
    os.makedirs(root, exist_ok=True)

    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
    results = measure(servers, args, root)
    print(f"load average after: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print()
    for r in results:
        print(f"{r['name']}: {r['command']}")
    print(f"({args.edits} edits per kind per session, medians over {args.sessions} sessions;"
          f" cold start: median of {args.cold_runs}; declared as {args.client})")
    print()
    print(table(results, args))
    for r in results:
        for words, s in r["sizes"].items():
            if s.get("cold_ms") is None:
                print(f"\n{r['name']} published no diagnostics for the {words}-word draft "
                      f"({s['bytes']} bytes) within {args.cold_timeout:.0f} s.")
            elif s.get("empty"):
                print(f"\n{r['name']} published an empty list for the {words}-word draft "
                      f"({s['bytes']} bytes) after {s['cold_ms']:.0f} ms: it did not check it "
                      "(harper-ls skips files over 120,000 bytes), so it has no figures there.")
            if s.get("edit_timeout"):
                print(f"\n{r['name']} stopped answering edits on the {words}-word draft.")
            if s.get("extra_publications"):
                print(f"\n{r['name']} published {s['extra_publications']} extra times "
                      f"on the {words}-word draft (dropped).")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"args": vars(args), "results": results}, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
