#!/usr/bin/env python3
"""Prints what a rolebook output folder is made of: files and bytes per
category, per entry, and inside entry pages the bytes of their parts.

Usage: benches/bytes.py OUTPUT [OUTPUT2]   (two folders: a before/after table)

Categories come from paths and page markers: entry pages carry
`class="page entry-page"`, hand-written comparisons a `Discussion` section
(generated ones have no body). Inside entry pages it measures the
link-preview attributes, the relation map, the relation lists, the shared
page chrome (everything before `<main` and after `</main>`) and
indentation (whitespace after a newline).
"""

import os
import re
import sys

LISTS = ("index.html", "404.html", "map.html", "matrix.html", "compare.html", "a-z.html")
PREVIEW = re.compile(rb' data-(?:slug|title|kind|summary)="[^"]*"')
MAP = re.compile(rb'<figure class="map-figure">.*?</figure>', re.S)
# The relation lists: inside the map's fallback <details> (before branch
# `pages`), or the one list drawn as a map by CSS (after).
REL_LIST = re.compile(rb'<details class="relation-list">.*?</details>\s*</section>'
                      rb'|<div class="relation-map".*?</div></div>\s*</section>', re.S)
INDENT = re.compile(rb'\n[ \t]+')


def category(rel, data):
    top = rel.split(os.sep)[0]
    name = os.path.basename(rel)
    if top == rel and not name.endswith(".html") and not name.startswith(".") and name not in ("robots.txt", "sitemap.xml"):
        return "export " + rel
    if rel.startswith(os.path.join("assets", "search")) or name == "search-index.js":
        return "search index"
    if rel.startswith(os.path.join("assets", "previews")):
        return "link previews"
    if rel.startswith(os.path.join("assets", "compare")) or name == "compare-data.js":
        return "compare picker data"
    if top == "assets":
        return "theme (css, js, icons)"
    if top == "compare" and name.endswith(".html"):
        return "comparison, hand-written" if b'id="discussion"' in data else "comparison, generated"
    if name.endswith(".html") and b'class="page entry-page"' in data:
        return "entry pages"
    if top in ("kinds", "tags", "a-z") or rel in LISTS or name.endswith(".html"):
        return "lists (index, kinds, tags, a-z, map, matrix, compare)"
    return "other"


def scan(folder):
    cats = {}
    parts = {"preview attributes": 0, "relation map (svg)": 0, "relation lists": 0,
             "page chrome (head, header, footer)": 0, "indentation": 0}
    entries = 0
    for top, _, names in os.walk(folder):
        for n in sorted(names):
            path = os.path.join(top, n)
            rel = os.path.relpath(path, folder)
            with open(path, "rb") as f:
                data = f.read()
            cat = category(rel, data)
            files, size = cats.get(cat, (0, 0))
            cats[cat] = (files + 1, size + len(data))
            if cat == "entry pages":
                entries += 1
                parts["preview attributes"] += sum(len(m) for m in PREVIEW.findall(data))
                parts["relation map (svg)"] += sum(len(m) for m in MAP.findall(data))
                parts["relation lists"] += sum(len(m) for m in REL_LIST.findall(data))
                main_start, main_end = data.find(b"<main"), data.rfind(b"</main>")
                if main_start >= 0 and main_end >= 0:
                    parts["page chrome (head, header, footer)"] += main_start + len(data) - main_end
                parts["indentation"] += sum(len(m) - 1 for m in INDENT.findall(data))
    return cats, parts, entries


def main():
    folders = sys.argv[1:]
    if not 1 <= len(folders) <= 2:
        sys.exit(__doc__)
    scans = [scan(f) for f in folders]
    n = max(s[2] for s in scans) or 1
    head = " | ".join(f"files | bytes | per entry" for _ in scans)
    print(f"| category | {head} |")
    print("|---|" + "---:|" * (3 * len(scans)))
    cats = sorted({c for s in scans for c in s[0]})
    totals = [[0, 0] for _ in scans]
    for cat in cats:
        cells = []
        for i, (c, _, _) in enumerate(scans):
            files, size = c.get(cat, (0, 0))
            totals[i][0] += files
            totals[i][1] += size
            cells.append(f"{files:,} | {size / 2**20:.2f} MiB | {size / n / 1024:.2f} KiB")
        print(f"| {cat} | " + " | ".join(cells) + " |")
    cells = [f"{f:,} | {s / 2**20:.2f} MiB | {s / n / 1024:.2f} KiB" for f, s in totals]
    print("| **total** | " + " | ".join(cells) + " |")
    print(f"\nInside entry pages ({n:,} entries), bytes per entry page:\n")
    print("| part | " + " | ".join(os.path.basename(f.rstrip("/")) or f for f in folders) + " |")
    print("|---|" + "---:|" * len(scans))
    for part in scans[0][1]:
        print(f"| {part} | " + " | ".join(f"{s[1][part] / max(s[2], 1):,.0f} B" for s in scans) + " |")
    print("| whole page | " + " | ".join(f"{s[0].get('entry pages', (0, 0))[1] / max(s[2], 1):,.0f} B"
                                          for s in scans) + " |")


if __name__ == "__main__":
    main()
