#!/usr/bin/env python3
"""Instructions the analysis takes, counted by callgrind: the same count from run to run.

Not a test: a measurement (Python 3 standard library, and valgrind). Wall times on a shared
machine move by more than a small step from hour to hour, so a change of one or two percent is
checked here, in instructions, and then in time with the paired benchmarks
(`cargo bench --bench stages`, benches/cli_throughput.py, benches/lsp_latency.py). An
instruction is not a nanosecond: a cache miss costs no instructions. The counts say whether the
work went down, not by how much the time did.

    python3 benches/instructions.py [--cases full:10000,keystroke:10000,cli:300]
                                    [--workload PATH] [--binary PATH] [--top N]

Cases:
  full:WORDS       one full analysis of the benchmark draft of WORDS words
                   (benches/workload.rs, the drafts of `cargo bench`)
  keystroke:WORDS  one keystroke in the middle of that draft, analysed with the document's
                   cache, told where the text changed and tidied between keystrokes, as the
                   language server does
  plain:WORDS      the same keystroke with the draft read as plain text (a `.txt` draft)
  linked:WORDS     the same keystroke in a paragraph that holds a link
  paste:WORDS      a paragraph that introduces new people pasted in the middle of that draft
                   and undone, as the language server benchmark pastes (two analyses)
  cold:WORDS       one keystroke as above after the processor's caches were swept (64 MiB read
                   between keystrokes, as a pause on a shared machine leaves them): besides its
                   instructions, the 64-byte lines of memory it had to fetch, by cachegrind's
                   simulation of this machine's caches (32 KiB level 1, 32 MiB last level; the
                   sweep's own misses left out). A keystroke 20 ms after the last takes four to
                   five times one in a loop, and reading 64 MiB between keystrokes instead of
                   pausing does the same: after a pause the time goes by how much memory a
                   keystroke touches, which instructions do not count. The simulation has no
                   prefetcher: a list walked from end to end counts every line, though the
                   processor fetches its lines ahead and it costs far less than lines reached
                   one lookup at a time (a map's entries, a speaker's mentions, each new
                   allocation). A step that fetches fewer lines can still be slower; check
                   it in time with `cargo bench --bench stages`
  cli:COUNT        `copydesk check --format json` over COUNT drafts of
                   benches/gen_drafts.py's folder (the CLI benchmark's drafts), per MB

A case's work is counted as the difference between two runs, one with twice the repetitions
of the other, so that building the draft and compiling the rules' patterns fall out. Give
--workload and --binary from another checkout's build to compare two commits. --top N prints,
under each case, the N functions with the most instructions of their own in that work (the
same difference, per repetition; callgrind_annotate's names, inlined code counted in the
function it was inlined into); for `cold`, the functions that fetched the most lines.
"""

import argparse
import collections
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


def instructions(command, keep=None, ok=(0,)):
    """Instructions callgrind counts for `command` (all threads), which must exit with one of
    the codes `ok`; with `keep`, the instructions of each function of its own (a Counter),
    too."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] + command,
            capture_output=True, text=True,
        )
        found = re.search(r"refs:\s+([\d,]+)", run.stderr)
        if run.returncode not in ok or not found:
            sys.exit(f"no count for {' '.join(command)} (exit {run.returncode}):\n{run.stderr[-2000:]}")
        count = int(found.group(1).replace(",", ""))
        if keep is None:
            return count
        return count, functions(out)


def functions(out):
    """Each function's instructions of its own in a callgrind output, summed over the source
    files its code came from (inlined code is listed under the file it was written in)."""
    text = subprocess.run(
        ["callgrind_annotate", "--auto=no", "--threshold=100", out],
        capture_output=True, text=True, check=True,
    ).stdout
    own = collections.Counter()
    for line in text.splitlines():
        row = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+(.*?):(.*?)(?: \[.*\])?$", line)
        # A call line ("… (12x)") is a callee's inclusive cost, not anyone's own.
        if row and "PROGRAM TOTALS" not in line and not re.search(r"\(\d[\d,]*x\)$", line):
            own[row.group(3)] += int(row.group(1).replace(",", ""))
    return own


# The development machine's caches, as cachegrind simulates them (it has no level 2).
CACHES = ["--I1=32768,8,64", "--D1=32768,8,64", "--LL=33554432,16,64"]


def lines_fetched(command, keep=None):
    """Instructions and the lines of memory the last-level cache missed (code, reads and
    writes) when running `command`, but for workload.rs's `sweep`'s; with `keep`, each
    function's lines too (a Counter)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        run = subprocess.run(
            ["valgrind", "--tool=cachegrind", "--cache-sim=yes", f"--cachegrind-out-file={out}"]
            + CACHES + command,
            capture_output=True, text=True,
        )
        if run.returncode != 0:
            sys.exit(f"no count for {' '.join(command)} (exit {run.returncode}):\n{run.stderr[-2000:]}")
        text = subprocess.run(
            ["cg_annotate", "--show=Ir,ILmr,DLmr,DLmw", "--threshold=0", "--show-percs=no",
             "--auto=no", out],
            capture_output=True, text=True, check=True,
        ).stdout
    total, swept, lines = None, (0, 0), collections.Counter()
    for line in text.splitlines():
        row = re.match(r"\s*([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s+(.*)$", line)
        if not row:
            continue
        ir, *missed = (int(row.group(i).replace(",", "")) for i in range(1, 5))
        name = row.group(5)
        if "PROGRAM TOTALS" in name:
            total = (ir, sum(missed))
            continue
        function = re.sub(r" \[.*\]$", "", name).split(":", 1)[-1]
        if function == "workload::sweep":
            swept = (swept[0] + ir, swept[1] + sum(missed))
        else:
            lines[function] += sum(missed)
    if total is None:
        sys.exit(f"no totals in cachegrind's output for {' '.join(command)}")
    counts = (total[0] - swept[0], total[1] - swept[1])
    return (counts, lines) if keep else counts


def print_top(own, per, top):
    for name, count in own.most_common(top):
        print(f"{'':<18} {count / per:>16,.0f}  {name[:110]}")


def folder(count):
    directory = f"/tmp/copydesk-drafts-{count}"
    names = os.listdir(directory) if os.path.isdir(directory) else []
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
    parser.add_argument("--top", type=int, default=0, help="the N costliest functions of each case")
    args = parser.parse_args()
    keep = True if args.top else None

    cases = []
    for case in args.cases.split(","):
        kind, _, size = case.partition(":")
        kinds = ("full", "keystroke", "plain", "linked", "paste", "cold", "cli")
        if kind not in kinds or not size.isdigit():
            sys.exit(
                f"not a case: {case!r} (full:WORDS, keystroke:WORDS, plain:WORDS, linked:WORDS,"
                " paste:WORDS, cold:WORDS or cli:COUNT)"
            )
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
            # `check` exits with 1 when it finds an error in the copy, as it does here.
            result = instructions([binary, "check", "--format", "json", directory], keep, (0, 1))
            count, own = result if keep else (result, None)
            per = f"{count / size_bytes:,.1f} per byte of {size_bytes / 1e6:.2f} MB"
            reps = 1
        elif kind == "cold":
            reps = max(2, 40_000 // size)
            once = lines_fetched([workload, kind, str(size), str(reps)], keep)
            twice = lines_fetched([workload, kind, str(size), str(2 * reps)], keep)
            if keep:
                (once, lines_once), (twice, lines) = once, twice
                lines.subtract(lines_once)
            count = (twice[0] - once[0]) // reps
            fetched = (twice[1] - once[1]) / reps
            per = f"{count / size:,.1f} per word; {fetched:,.0f} lines fetched ({fetched * 64 / 1e6:.2f} MB)"
            print(f"{kind + ':' + str(size):<18} {count:>16,}  {per}")
            if keep:
                print_top(lines, reps, args.top)
            continue
        else:
            # Enough repetitions that a keystroke's count stands out of the setup's.
            reps = 1 if kind == "full" else max(2, 200_000 // size)
            once = instructions([workload, kind, str(size), str(reps)], keep)
            twice = instructions([workload, kind, str(size), str(2 * reps)], keep)
            if keep:
                (once, own_once), (twice, own) = once, twice
                own.subtract(own_once)
            count = (twice - once) // reps
            per = f"{count / size:,.1f} per word"
        print(f"{kind + ':' + str(size):<18} {count:>16,}  {per}")
        if keep:
            print_top(own, reps, args.top)


if __name__ == "__main__":
    main()
