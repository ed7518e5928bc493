#!/usr/bin/env python3
"""Generated drafts for the benchmarks: the same scheme as `benches/analysis.rs`.

A draft is made of the fixture stories under `tests/fixtures/`, without front matter and with
headlines turned into plain paragraphs, repeated until the word count is reached. Copy `k` of
a story renames its people with copy `k`'s prefix (`Delgado` becomes `Corfendelgado` in one
copy and `Vikabeldelgado` in another), so a long draft has a large, growing cast. For the same
word count this script writes byte for byte the text `benches/analysis.rs` analyses.

Independent of copydesk (Python 3 standard library only), so the drafts can be fed to any
language server or checker. Keep the output out of git: write it under /tmp.

    python3 benches/gen_drafts.py draft 10000 > /tmp/draft-10k.md
    python3 benches/gen_drafts.py folder /tmp/copydesk-drafts --count 10000

`draft(words, start)` is importable; `start` is the first copy number, so drafts with
different starts have different casts.
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "tests", "fixtures")

# The stories, in the order of `STORIES` in benches/analysis.rs.
STORY_FILES = [
    "council_vote.md",
    "harbor_fire.txt",
    "anonymous_sources.md",
    "loaded_verbs.txt",
    "statement_org.md",
    "titles_scare.txt",
    "name_variants.md",
    "emoji_columns.md",
    "placeholders.md",
    "markdown_code.md",
]

# Names that get a new form in every copy (`NAMES` in benches/analysis.rs). Plain substring
# replacement, in this order, so `Whitcombe` follows `Whitcomb`.
NAMES = [
    "Delgado", "Brandvold", "Okafor", "Whitley", "Marsh", "Castellanos", "Adeyemi", "Liu",
    "Ostrowski", "Albright", "Harmon", "Kwiatkowski", "Fairbanks", "Penn", "Yoon", "Lindahl",
    "Quist", "Pruitt", "Whitcomb", "Kline", "Klein", "Ellingsen", "Raman", "Ferreira", "Bell",
    "Achterberg", "Sandhu", "Aukstikalnis", "Haddad",
]

PREFIXES = [
    "Abel", "Bran", "Cor", "Dal", "Esk", "Fen", "Gal", "Hart", "Ivor", "Jans", "Kor", "Lund",
    "Mor", "Nils", "Orm", "Pell", "Rask", "Sund", "Tarn", "Vik",
]

_stories = None


def stories():
    global _stories
    if _stories is None:
        _stories = []
        for name in STORY_FILES:
            with open(os.path.join(FIXTURES, name), encoding="utf-8", newline="") as f:
                _stories.append(body(f.read()))
    return _stories


def body(story):
    """No front matter; headlines turned into plain paragraphs (Rust `str::lines` semantics)."""
    text = story
    if text.startswith("---\n"):
        rest = text[4:]
        end = rest.find("\n---\n")
        if end >= 0:
            text = rest[end + 5:]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = []
    for line in lines:
        if line.endswith("\r"):
            line = line[:-1]
        while line.startswith("# "):
            line = line[2:]
        out.append(line)
    return "\n".join(out)


def renamed(story, k):
    prefix = PREFIXES[k % len(PREFIXES)] + PREFIXES[(k // len(PREFIXES)) % len(PREFIXES)].lower()
    for name in NAMES:
        story = story.replace(name, prefix + name.lower())
    return story


def draft(words, start=0):
    """A draft of at least `words` words, from copy number `start` on."""
    parts = []
    count = 0
    k = start
    all_stories = stories()
    while count < words:
        story = renamed(all_stories[k % len(all_stories)], k // len(all_stories))
        count += len(story.split())
        parts.append(story)
        parts.append("\n\n")
        k += 1
    return "".join(parts)


def folder_sizes(count):
    """Word counts for a folder of drafts: 300 to about 2,700 words, a brief to a long feature."""
    return [300 + (i * 7919) % 2400 for i in range(count)]


def write_folder(directory, count):
    os.makedirs(directory, exist_ok=True)
    total = 0
    for i, words in enumerate(folder_sizes(count)):
        # One draft in four is plain text, the rest Markdown; the cast differs from draft to draft.
        ext = "txt" if i % 4 == 3 else "md"
        text = draft(words, start=i * 3)
        path = os.path.join(directory, f"draft-{i:05}.{ext}")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        total += len(text.encode())
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("draft", help="print one draft of at least WORDS words")
    one.add_argument("words", type=int)
    one.add_argument("--start", type=int, default=0, help="first copy number (default 0)")
    many = sub.add_parser("folder", help="write a folder of drafts of 300 to 2,700 words")
    many.add_argument("directory")
    many.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    if args.command == "draft":
        sys.stdout.buffer.write(draft(args.words, args.start).encode())
    else:
        total = write_folder(args.directory, args.count)
        print(f"{args.count} drafts, {total} bytes in {args.directory}", file=sys.stderr)


if __name__ == "__main__":
    main()
