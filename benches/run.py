#!/usr/bin/env python3
"""Builds the benchmark corpus with rolebook and its peers and prints a
Markdown table.

For each size: generate the corpus (benches/gen_corpus.py), run every tool
once untimed (warm caches, count pages), then ROUNDS rounds in which the
tools run one after the other (rolebook, hugo, [zola], rolebook, hugo, …),
each into a fresh output folder. Wall time is the median over the rounds;
peak memory is the largest "Maximum resident set size" /usr/bin/time saw.
The I/O floor is measured in the same rounds: reading every input file
(`cat` > /dev/null) and copying the finished output tree (`cp -r`).

Usage: benches/run.py [--sizes 1000,10000,50000] [--rounds 5] [--work DIR]
                      [--rebuild] [--no-build] [--seed 42] [--shape default|long]
Needs: python3, cargo, hugo (Debian package), GNU time (/usr/bin/time).
Zola (optional) is taken from ZOLA=, PATH or ../shared/tools/zola.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout.strip()


def timed(cmd, stats_file):
    """Runs cmd under /usr/bin/time; returns (wall seconds, peak RSS KiB)."""
    full = ["/usr/bin/time", "-f", "%M", "-o", stats_file] + cmd
    start = time.perf_counter()
    result = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr[-3000:]}")
    with open(stats_file) as f:
        rss = int(f.read().strip().splitlines()[-1])
    return wall, rss


def wall_of(cmd, shell=False):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, shell=shell, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def count_pages(folder):
    """(HTML pages, files, bytes) of an output tree."""
    html = files = size = 0
    for top, _, names in os.walk(folder):
        files += len(names)
        html += sum(1 for n in names if n.endswith(".html"))
        size += sum(os.path.getsize(os.path.join(top, n)) for n in names)
    return html, files, size


def find_zola():
    """Zola from ZOLA=, then PATH, then the copy built for this project in
    ../shared/tools (it is on neither crates.io nor Debian)."""
    candidates = [os.environ.get("ZOLA"), shutil.which("zola"),
                  os.path.join(REPO, "..", "shared", "tools", "zola")]
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return os.path.abspath(path)
    return None


ZOLA = find_zola()
# Peers left out of this run (`--without zola`: Zola takes minutes per 50k round).
WITHOUT = set()


def tools(binary, corpus, out):
    found = {
        "rolebook": [binary, "build", "--quiet", "--root", os.path.join(corpus, "rolebook"), "--output", out],
        "hugo": ["hugo", "--quiet", "--source", os.path.join(corpus, "hugo"), "--destination", out],
    }
    if "hugo" in WITHOUT:
        del found["hugo"]
    if ZOLA and os.path.isdir(os.path.join(corpus, "zola")) and "zola" not in WITHOUT:
        found["zola"] = [ZOLA, "--root", os.path.join(corpus, "zola"), "build", "--force", "--output-dir", out]
    return found


def measure(n, args, binary):
    corpus = os.path.join(args.work, f"corpus-{n}")
    gen = [sys.executable, os.path.join(HERE, "gen_corpus.py"), str(n), corpus, "--seed", str(args.seed),
           "--shape", args.shape]
    if ZOLA:
        gen.append("--zola")
    subprocess.run(gen, check=True, stdout=subprocess.DEVNULL)
    stats = os.path.join(args.work, "time.txt")
    runs = tools(binary, corpus, "")
    results = {name: {"wall": [], "rss": []} for name in runs}
    pages = {}
    for name in runs:  # warm-up, untimed; keeps the output for counting
        out = os.path.join(args.work, f"out-{name}")
        shutil.rmtree(out, ignore_errors=True)
        timed(tools(binary, corpus, out)[name], stats)
        pages[name] = count_pages(out)
    floor = {"read": [], "cp": []}
    input_dir = os.path.join(corpus, "rolebook")
    rolebook_out = os.path.join(args.work, "out-rolebook")
    copy = os.path.join(args.work, "copy")
    for _ in range(args.rounds):
        for name in runs:
            out = os.path.join(args.work, f"out-{name}-timed")
            shutil.rmtree(out, ignore_errors=True)
            wall, rss = timed(tools(binary, corpus, out)[name], stats)
            results[name]["wall"].append(wall)
            results[name]["rss"].append(rss)
            if args.rebuild:  # again, into the output just written: nothing changed
                wall, _ = timed(tools(binary, corpus, out)[name], stats)
                results[name].setdefault("rebuild", []).append(wall)
        floor["read"].append(wall_of(f"find '{input_dir}' -type f -exec cat {{}} + > /dev/null", shell=True))
        shutil.rmtree(copy, ignore_errors=True)
        floor["cp"].append(wall_of(["cp", "-r", rolebook_out, copy]))
    shutil.rmtree(copy, ignore_errors=True)
    return results, pages, {k: statistics.median(v) for k, v in floor.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "rolebook-bench"))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--shape", choices=["default", "long"], default="default",
                        help="corpus shape (long: no hand-written comparisons, longer bodies)")
    parser.add_argument("--no-build", action="store_true", help="use the existing target/dist/rolebook")
    parser.add_argument("--rebuild", action="store_true",
                        help="after each build, build again into the same output (incremental-write case)")
    parser.add_argument("--without", default="", help="peers to leave out, comma-separated (zola, hugo)")
    args = parser.parse_args()
    WITHOUT.update(t for t in args.without.split(",") if t)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    os.makedirs(args.work, exist_ok=True)
    if not args.no_build:
        subprocess.run(["cargo", "build", "--profile", "dist", "--locked", "--quiet"], cwd=REPO, check=True)
    binary = os.environ.get("ROLEBOOK") or os.path.join(REPO, "target", "dist", "rolebook")
    print(f"- load before: `{sh(['uptime']).strip()}`")
    print(f"- cores: {os.cpu_count()}; rolebook {sh(['git', '-C', REPO, 'rev-parse', '--short', 'HEAD'])}; "
          f"{sh(['hugo', 'version']).split(' BuildDate')[0]}"
          + ("; " + sh([ZOLA, "--version"]) if ZOLA else "; zola: not found (ZOLA=, PATH, ../shared/tools)"))
    print(f"- corpus: seed {args.seed}, shape {args.shape}; {args.rounds} alternating rounds per size, median wall time\n")
    print("| N | tool | wall (median) | min–max | HTML pages | ms/page | peak RSS | its time / rolebook's | rolebook memory |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    medians = {}
    all_pages = {}
    floors = []
    rebuilds = []
    for n in sizes:
        results, pages, floor = measure(n, args, binary)
        rb = statistics.median(results["rolebook"]["wall"])
        rb_rss = max(results["rolebook"]["rss"])
        medians[n] = rb
        for name, r in results.items():
            wall = statistics.median(r["wall"])
            rss = max(r["rss"])
            html = pages[name][0]
            speed = "—" if name == "rolebook" else f"{wall / rb:.1f}×"
            mem = "—" if name == "rolebook" else f"{rb_rss / rss:.2f}× of {name}'s"
            print(f"| {n:,} | {name} | {wall:.3f} s | {min(r['wall']):.3f}–{max(r['wall']):.3f} | {html:,} "
                  f"| {1000 * wall / max(html, 1):.3f} | {rss / 1024:.0f} MiB | {speed} | {mem} |")
        floors.append((n, floor, rb, pages["rolebook"]))
        all_pages[n] = pages
        if args.rebuild:
            rebuilds.append((n, {name: statistics.median(r["rebuild"]) for name, r in results.items()}))
        sys.stdout.flush()
    print("\n| N | tool | output files | output bytes | bytes per entry |")
    print("|---:|---|---:|---:|---:|")
    for n, _, _, _ in floors:
        for name, (_, files, size) in all_pages[n].items():
            print(f"| {n:,} | {name} | {files:,} | {size / 2**20:.1f} MiB | {size / n / 1024:.1f} KiB |")
    print("\n| N | read input (cat) | cp -r output | I/O floor (sum) | rolebook / floor | output files |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n, floor, rb, (_, files, _) in floors:
        total = floor["read"] + floor["cp"]
        print(f"| {n:,} | {floor['read']:.3f} s | {floor['cp']:.3f} s | {total:.3f} s | {rb / total:.2f}× | {files:,} |")
    if rebuilds:
        print("\n| N | rebuild, output present and unchanged: " + " | ".join(rebuilds[0][1]) + " | rolebook speed-up |")
        print("|---:|" + "---:|" * (len(rebuilds[0][1]) + 1))
        for n, walls in rebuilds:
            peers = [w for name, w in walls.items() if name != "rolebook"]
            cells = " | ".join(f"{w:.3f} s" for w in walls.values())
            print(f"| {n:,} | {cells} | {min(peers) / walls['rolebook']:.1f}× |")
    if 10000 in medians and 50000 in medians:
        print(f"\nrolebook 50k/10k time ratio: {medians[50000] / medians[10000]:.2f} (linear = 5)")
    print(f"\n- load after: `{sh(['uptime']).strip()}`")


if __name__ == "__main__":
    main()
