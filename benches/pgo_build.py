#!/usr/bin/env python3
"""Builds copydesk with profile-guided optimisation (PGO), as rustc and rust-analyzer ship theirs.

Not a test: a release build step (Python 3 standard library, cargo, and the toolchain's
llvm-tools: `rustup component add llvm-tools`). The plain `cargo build --release` binary is
the same program; this one is laid out and inlined by how the program actually runs, which
the compiler cannot see from the source: which branch of a word test is taken, which calls are
hot. The analysis is branchy code over words, where that counts.

    python3 benches/pgo_build.py [--out PATH]

1. Builds an instrumented binary (`-Cprofile-generate`) in target/pgo-generate.
2. Trains it on the project's own drafts only: `copydesk check` (JSON and text reports) over
   tests/fixtures and examples/, and a language-server session over them joined into one long
   draft, typing, deleting and pasting in it and asking for hovers, symbols and code actions.
   The benchmarks' drafts are made from the same fixture stories, renamed and repeated, so
   `docs/performance.md` also times drafts the training never saw.
3. Merges the profiles (`llvm-profdata merge`) and builds the optimised binary
   (`-Cprofile-use`) in target/pgo, copied to --out if given.

Prints where the optimised binary is. Both builds are full release builds of every crate:
about five minutes in all on two cores, the training included.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import lsp_latency  # noqa: E402


def llvm_profdata():
    """The toolchain's own llvm-profdata: its profile format matches rustc's LLVM."""
    sysroot = subprocess.run(
        ["rustc", "--print", "sysroot"], capture_output=True, text=True, check=True
    ).stdout.strip()
    found = glob.glob(os.path.join(sysroot, "lib", "rustlib", "*", "bin", "llvm-profdata"))
    if not found:
        sys.exit(
            "pgo_build: llvm-profdata is not in the toolchain; "
            "install it with `rustup component add llvm-tools`"
        )
    return found[0]


def build(target_dir, rustflags):
    env = dict(os.environ)
    env["RUSTFLAGS"] = (env.get("RUSTFLAGS", "") + " " + rustflags).strip()
    subprocess.run(
        ["cargo", "build", "--release", "--bin", "copydesk", "--target-dir", target_dir],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return os.path.join(target_dir, "release", "copydesk")


def own_drafts():
    """The project's drafts: every fixture and example, Markdown and plain text."""
    paths = []
    for folder in ("tests/fixtures", "examples"):
        for name in sorted(os.listdir(os.path.join(ROOT, folder))):
            if name.endswith((".md", ".txt")):
                paths.append(os.path.join(ROOT, folder, name))
    return paths


def train_cli(binary, drafts, rounds):
    for _ in range(rounds):
        for report in (["--format", "json"], []):
            # Findings make the exit status 1; anything else is a failed run.
            run = subprocess.run(
                [binary, "check", *report, *drafts], stdout=subprocess.DEVNULL
            )
            if run.returncode not in (0, 1):
                sys.exit(f"pgo_build: the instrumented `copydesk check` failed ({run.returncode})")


def delete_before(doc, line, col):
    """Deletes the character before `col` of `line`; the incremental change."""
    old = doc.lines[line]
    start = lsp_latency.utf16_len(old[: col - 1])
    end = lsp_latency.utf16_len(old[:col])
    doc.lines[line] = old[: col - 1] + old[col:]
    return {
        "range": {
            "start": {"line": line, "character": start},
            "end": {"line": line, "character": end},
        },
        "text": "",
    }


def train_lsp(binary, drafts, edits):
    """A session as an editor has one: open, type, delete, paste, ask; then shut down cleanly,
    which is when the instrumented binary writes its profile."""
    text = ""
    for path in drafts:
        if path.endswith(".md"):
            with open(path, encoding="utf-8") as f:
                text += f.read().rstrip("\n") + "\n\n"
    root = tempfile.mkdtemp(prefix="copydesk-pgo-")
    uri = f"file://{root}/draft.md"
    server = lsp_latency.Server(f"{binary} lsp", root)
    try:
        server.initialize(root)
        doc = lsp_latency.Document(text)
        server.open(uri, text)
        server.publication(uri, 1, 60)
        version = 1
        line = doc.middle_line()
        col = doc.lines[line].find(" ", len(doc.lines[line]) // 2) + 1
        for i in range(edits):
            version += 1
            typed = "Mayor Tessa Brandt said "[i % 24]
            server.change(uri, version, doc.insert(line, col, typed), None)
            col += 1
            server.publication(uri, version, 60)
        for _ in range(edits // 4):
            version += 1
            server.change(uri, version, delete_before(doc, line, col), None)
            col -= 1
            server.publication(uri, version, 60)
        # A paragraph of the drafts pasted at a paragraph break, and taken out again.
        start = doc.paragraph_start()
        block = next(p for p in text.split("\n\n") if len(p.split()) > 30 and "\n" not in p)
        for i in range(edits // 10):
            version += 1
            if i % 2 == 0:
                change = doc.insert_lines(start, block + "\n")
            else:
                change = doc.delete_lines(start, 2)
            server.change(uri, version, change, None)
            server.publication(uri, version, 60)
        for k in range(0, len(doc.lines), max(1, len(doc.lines) // 40)):
            position = {"line": k, "character": min(8, len(doc.lines[k]))}
            document = {"textDocument": {"uri": uri}}
            server.request("textDocument/hover", {**document, "position": position})
            server.request(
                "textDocument/codeAction",
                {
                    **document,
                    "range": {"start": {"line": k, "character": 0}, "end": position},
                    "context": {"diagnostics": []},
                },
            )
        server.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    finally:
        server.close()
        shutil.rmtree(root, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="copy the optimised binary here")
    parser.add_argument("--rounds", type=int, default=20, help="CLI passes over the drafts (20)")
    parser.add_argument(
        "--edits", type=int, default=400, help="characters typed in the session (400)"
    )
    args = parser.parse_args()

    profdata = llvm_profdata()
    profiles = os.path.join(ROOT, "target", "pgo-profiles")
    shutil.rmtree(profiles, ignore_errors=True)
    os.makedirs(profiles)
    generate = f"-Cprofile-generate={profiles}"
    instrumented = build(os.path.join(ROOT, "target", "pgo-generate"), generate)
    drafts = own_drafts()
    train_cli(instrumented, drafts, args.rounds)
    train_lsp(instrumented, drafts, args.edits)
    raw = glob.glob(os.path.join(profiles, "*.profraw"))
    if not raw:
        sys.exit("pgo_build: the training wrote no profile")
    merged = os.path.join(profiles, "merged.profdata")
    subprocess.run([profdata, "merge", "-o", merged, *raw], check=True)
    binary = build(os.path.join(ROOT, "target", "pgo"), f"-Cprofile-use={merged}")
    if args.out:
        shutil.copy2(binary, args.out)
        binary = args.out
    print(binary)


if __name__ == "__main__":
    main()
