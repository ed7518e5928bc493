#!/usr/bin/env python3
"""Instructions the analysis takes, counted by callgrind: the same count from run to run.

Not a test: a measurement (Python 3 standard library, and valgrind). Wall times on a shared
machine move by more than a small step from hour to hour, so a change of one or two percent is
checked here, in instructions, and then in time with the paired benchmarks
(`cargo bench --bench stages`, benches/cli_throughput.py, benches/lsp_latency.py). An
instruction is not a nanosecond: a cache miss costs no instructions. The counts say whether the
work went down, not by how much the time did.

    python3 benches/instructions.py [--cases full:10000,keystroke:10000,cli:300]
                                    [--workload PATH] [--binary PATH]

Cases:
  full:WORDS       one full analysis of the benchmark draft of WORDS words
                   (benches/workload.rs, the drafts of `cargo bench`)
  keystroke:WORDS  one keystroke in the middle of that draft, analysed with the document's
                   cache, tidied between keystrokes as the language server does
  cli:COUNT        `copydesk check --format json` over COUNT drafts of
                   benches/gen_drafts.py's folder (the CLI benchmark's drafts), per MB

A case's work is counted as the difference between two runs, one with twice the repetitions
of the other, so that building the draft and compiling the rules' patterns fall out. Give
--workload and --binary from another checkout's build to compare two commits.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_drafts import write_folder  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def build_workload():
    out = subprocess.run(
        ["cargo", "bench", "--bench", "workload", "--no-run", "--message-format=json"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    for line in out.splitlines():
        message = json.loads(line)
        if message.get("target", {}).get("name") == "workload" and message.get("executable"):
            return message["executable"]
    sys.exit("cannot find the workload benchmark's executable")


def build_binary():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "copydesk")


def instructions(command):
    """Instructions callgrind counts for `command` (all threads)."""
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out"] + command,
            capture_output=True, text=True,
        )
    found = re.search(r"refs:\s+([\d,]+)", run.stderr)
    if not found:
        sys.exit(f"callgrind gave no count for {' '.join(command)}:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def folder(count):
    directory = f"/tmp/copydesk-drafts-{count}"
    names = [n for n in os.listdir(directory)] if os.path.isdir(directory) else []
    if len([n for n in names if n.endswith((".md", ".txt"))]) != count:
        print(f"writing {count} drafts to {directory} ...", file=sys.stderr)
        write_folder(directory, count)
    size = sum(os.path.getsize(os.path.join(directory, n)) for n in os.listdir(directory))
    return directory, size


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", default="full:1000,full:10000,keystroke:10000,cli:300")
    parser.add_argument("--workload", help="a built benches/workload.rs (default: build it)")
    parser.add_argument("--binary", help="a built copydesk (default: build it)")
    args = parser.parse_args()

    cases = []
    for case in args.cases.split(","):
        kind, _, size = case.partition(":")
        if kind not in ("full", "keystroke", "cli") or not size.isdigit():
            sys.exit(f"not a case: {case!r} (full:WORDS, keystroke:WORDS or cli:COUNT)")
        cases.append((kind, int(size)))
    workload = args.workload
    if workload is None and any(kind != "cli" for kind, _ in cases):
        workload = build_workload()
    binary = args.binary
    if binary is None and any(kind == "cli" for kind, _ in cases):
        binary = build_binary()

    print(f"{'case':<18} {'instructions':>16}  per unit")
    for kind, size in cases:
        if kind == "cli":
            directory, size_bytes = folder(size)
            count = instructions([binary, "check", "--format", "json", directory])
            per = f"{count / size_bytes:,.1f} per byte of {size_bytes / 1e6:.2f} MB"
        else:
            # Enough repetitions that a keystroke's count stands out of the setup's.
            reps = 1 if kind == "full" else max(2, 200_000 // size)
            once = instructions([workload, kind, str(size), str(reps)])
            twice = instructions([workload, kind, str(size), str(2 * reps)])
            count = (twice - once) // reps
            per = f"{count / size:,.1f} per word"
        print(f"{kind + ':' + str(size):<18} {count:>16,}  {per}")


if __name__ == "__main__":
    main()
