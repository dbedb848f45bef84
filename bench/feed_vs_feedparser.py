#!/usr/bin/python3
"""Throughput of newsmon's feed parser against python3-feedparser, same run.

Both sides parse bytes already in memory (start-up and file reading
excluded): feedparser.parse(bytes) timed with time.perf_counter, newsmon via
bench/feed_bench (Google Benchmark, BM_ParseFeedCorpus). Prints MB/s for
both and the ratio.

    bench/feed_vs_feedparser.py --bench build-feed/bench/feed_bench \
        [--corpus ../shared/data/feeds/corpus] [--rounds 1]

Needs Debian's python3-feedparser (run with /usr/bin/python3).
"""
import argparse
import json
import os
import subprocess
import sys
import time


def load(corpus):
    files = sorted(f for f in os.listdir(corpus) if f != "index.tsv")
    return [open(os.path.join(corpus, f), "rb").read() for f in files]


def feedparser_rate(blobs, rounds):
    """(wall MB/s, CPU MB/s, wall feeds/s): best of `rounds`."""
    import feedparser
    total = sum(len(b) for b in blobs)
    best_wall = best_cpu = None
    for _ in range(rounds):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        for b in blobs:
            feedparser.parse(b)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        best_wall = wall if best_wall is None else min(best_wall, wall)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    return total / best_wall / 1e6, total / best_cpu / 1e6, len(blobs) / best_wall


def newsmon_rate(bench, corpus):
    env = dict(os.environ, NEWSMON_FEED_CORPUS=corpus)
    out = subprocess.run([bench, "--benchmark_filter=BM_ParseFeedCorpus", "--benchmark_format=json"],
                         env=env, check=True, capture_output=True, text=True).stdout
    b = json.loads(out)["benchmarks"][0]
    if b.get("error_occurred"):
        sys.exit("feed_bench: " + b.get("error_message", "error"))
    # Google Benchmark rates are per CPU second; the wall rate comes from real_time.
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
    bytes_per_iter = b["bytes_per_second"] * b["cpu_time"] * scale
    wall = bytes_per_iter / (b["real_time"] * scale) / 1e6
    return wall, b["bytes_per_second"] / 1e6, b["feeds/s"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True)
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "feeds", "corpus"))
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        print("corpus absent: skipped")
        return
    blobs = load(args.corpus)
    fp_wall, fp_cpu, fp_fps = feedparser_rate(blobs, args.rounds)
    nm_wall, nm_cpu, nm_fps = newsmon_rate(args.bench, args.corpus)
    print(f"files: {len(blobs)}, bytes: {sum(len(b) for b in blobs)}")
    print(f"python3-feedparser: {fp_wall:8.2f} MB/s wall {fp_cpu:8.2f} MB/s CPU")
    print(f"newsmon ParseFeed:  {nm_wall:8.2f} MB/s wall {nm_cpu:8.2f} MB/s CPU {nm_fps:8.1f} feeds/CPU-s")
    print(f"ratio (newsmon / feedparser): {nm_wall / fp_wall:.1f}x wall, {nm_cpu / fp_cpu:.1f}x CPU")


if __name__ == "__main__":
    main()
