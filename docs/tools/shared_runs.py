#!/usr/bin/env python3
"""Report every run of N or more consecutive words that a content file shares
with a source text, ignoring runs inside double quotation marks in the content.

usage: ngram_check.py CONTENT_DIR SOURCES_DIR [N]
Exit status 1 when a shared run is found outside quotation marks."""
import os, re, sys

WORD = re.compile(r"[a-z0-9]+(?:['’][a-z0-9]+)*")

def words(text):
    return [m.group(0).replace("’", "'") for m in WORD.finditer(text.lower())]

def quoted_spans(text):
    # straight or curly double quotes, within one paragraph
    return [m.span() for m in re.finditer(r'"[^"\n]*"|“[^”\n]*”', text)]

def content_words(text):
    """Words with a flag telling whether they sit inside a quotation."""
    spans = quoted_spans(text)
    out = []
    for m in WORD.finditer(text.lower()):
        inside = any(a <= m.start() < b for a, b in spans)
        out.append((m.group(0).replace("’", "'"), inside, text.count("\n", 0, m.start()) + 1))
    return out

def main():
    content_dir, sources_dir = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    grams = {}
    for name in sorted(os.listdir(sources_dir)):
        ws = words(open(os.path.join(sources_dir, name), encoding="utf-8").read())
        for i in range(len(ws) - n + 1):
            grams.setdefault(tuple(ws[i:i + n]), name[:3])
    found = 0
    for root, _, files in os.walk(content_dir):
        for f in sorted(files):
            if not f.endswith(".md"):
                continue
            path = os.path.join(root, f)
            cw = content_words(open(path, encoding="utf-8").read())
            last_end = -1
            for i in range(len(cw) - n + 1):
                window = cw[i:i + n]
                key = tuple(w for w, _, _ in window)
                if key in grams and not all(q for _, q, _ in window):
                    if i <= last_end:
                        last_end = i + n - 1
                        continue
                    found += 1
                    last_end = i + n - 1
                    print(f"{path}:{window[0][2]}: source {grams[key]}: {' '.join(key)}")
    print(f"{found} shared run(s) of {n}+ words outside quotations")
    sys.exit(1 if found else 0)

main()
