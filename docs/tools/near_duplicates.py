#!/usr/bin/env python3
"""Report pairs of near-identical sentences in different content files.

usage: near_duplicates.py CONTENT_DIR [THRESHOLD]
Sentences of 7+ words are compared word by word (difflib ratio); pairs at or
above THRESHOLD (default 0.8) are printed. Exit status 1 when any pair is found.
Wiki links are reduced to their label first, so [[A|b]] and [b](url) read as "b"."""
import difflib, itertools, os, re, sys

LINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]|\[([^\]]*)\]\([^)]*\)")

def sentences(path):
    text = open(path, encoding="utf-8").read()
    parts = text.split("\n---\n", 1)
    body = parts[1] if len(parts) > 1 else text
    first = text.count("\n", 0, len(text) - len(body)) + 1
    for n, line in enumerate(body.split("\n")):
        for s in re.split(r"(?<=[.!?;:])\s+", LINK.sub(lambda m: m.group(1) or m.group(2) or "", line)):
            words = re.findall(r"[a-z0-9']+", s.lower())
            if len(words) >= 7:
                yield first + n, s, words

def main():
    root = sys.argv[1]
    threshold = float(sys.argv[2]) if len(sys.argv) > 2 else 0.8
    all_s = []
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if f.endswith(".md"):
                p = os.path.join(d, f)
                all_s += [(p, n, s, w) for n, s, w in sentences(p)]
    found = 0
    for a, b in itertools.combinations(all_s, 2):
        if a[0] == b[0]:
            continue
        m = difflib.SequenceMatcher(None, a[3], b[3], autojunk=False)
        if m.real_quick_ratio() < threshold or m.quick_ratio() < threshold or m.ratio() < threshold:
            continue
        found += 1
        print(f"{m.ratio():.2f} {a[0]}:{a[1]} | {b[0]}:{b[1]}\n  {a[2]}\n  {b[2]}")
    print(f"{found} near-identical sentence pair(s) at ratio >= {threshold}")
    sys.exit(1 if found else 0)

main()
