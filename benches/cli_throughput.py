#!/usr/bin/env python3
"""Throughput of `copydesk check` over a folder of generated drafts, in MB/s overall and per core.

Not a test: a measurement (Python 3 standard library only). The folder (default 10,000 drafts
of 300 to 2,700 words, one in four plain text, made by benches/gen_drafts.py from the fixture
stories with a different cast in every draft) is written under /tmp, not in the repository, and
reused while it has the right number of drafts.

    cargo build --release
    python3 benches/cli_throughput.py [--binary target/release/copydesk] [--count 10000] [--runs 5]

Each run is `copydesk check --format json DIR > /dev/null`, which checks the files in parallel
on all cores. The script prints, for the median run: wall time, MB/s (10^6 bytes of draft per
second), MB/s per core (divided by the number of CPUs), and MB per CPU-second (bytes over the
user + system time of the run, which stays meaningful when other work shares the machine).
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_drafts import write_folder  # noqa: E402


def folder_bytes(directory):
    total, files = 0, 0
    for name in os.listdir(directory):
        if name.endswith((".md", ".txt")):
            total += os.path.getsize(os.path.join(directory, name))
            files += 1
    return files, total


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(here, "..", "target"))
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--binary", default=os.path.join(target, "release", "copydesk"))
    parser.add_argument("--count", type=int, default=10_000, help="drafts in the folder (10000)")
    parser.add_argument("--dir", default=None, help="the folder (/tmp/copydesk-drafts-COUNT)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (5)")
    args = parser.parse_args()
    directory = args.dir or f"/tmp/copydesk-drafts-{args.count}"

    if not os.path.isdir(directory) or folder_bytes(directory)[0] != args.count:
        print(f"writing {args.count} drafts to {directory} ...", file=sys.stderr)
        write_folder(directory, args.count)
    files, total = folder_bytes(directory)
    cpus = os.cpu_count()
    command = [args.binary, "check", "--format", "json", directory]

    # One untimed run warms the page cache.
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
    runs = []
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        status = subprocess.run(command, stdout=subprocess.DEVNULL, check=False).returncode
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if status not in (0, 1):
            sys.exit(f"copydesk check exited with status {status}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        runs.append((wall, cpu))
        print(f"  run: {wall:.3f} s wall, {cpu:.3f} s CPU, load {os.getloadavg()[0]:.2f}",
              file=sys.stderr)

    wall = statistics.median(w for w, _ in runs)
    cpu = statistics.median(c for _, c in runs)
    mb = total / 1e6
    print(f"{files} drafts, {mb:.1f} MB, {cpus} CPUs, median of {args.runs} runs")
    print(f"wall {wall:.3f} s: {mb / wall:.1f} MB/s, {mb / wall / cpus:.1f} MB/s per core")
    print(f"CPU {cpu:.3f} s (user + system): {mb / cpu:.1f} MB per CPU-second")


if __name__ == "__main__":
    main()
