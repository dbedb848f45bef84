#!/usr/bin/python3
"""Throughput of newsmon's feed parser against python3-feedparser, same run.

Both sides parse bytes already in memory (start-up and file reading
excluded): feedparser.parse(bytes) timed with time.perf_counter, newsmon via
bench/feed_bench (Google Benchmark, BM_ParseFeedCorpus). Prints MB/s for
both and the ratio.

    bench/feed_vs_feedparser.py --bench build-feed/bench/feed_bench \
        [--corpus /work/shared/data/feeds/corpus] [--rounds 1]

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
    import feedparser
    total = sum(len(b) for b in blobs)
    best = None
    for _ in range(rounds):
        start = time.perf_counter()
        for b in blobs:
            feedparser.parse(b)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return total / best / 1e6, len(blobs) / best


def newsmon_rate(bench, corpus):
    env = dict(os.environ, NEWSMON_FEED_CORPUS=corpus)
    out = subprocess.run([bench, "--benchmark_filter=BM_ParseFeedCorpus", "--benchmark_format=json"],
                         env=env, check=True, capture_output=True, text=True).stdout
    b = json.loads(out)["benchmarks"][0]
    if b.get("error_occurred"):
        sys.exit("feed_bench: " + b.get("error_message", "error"))
    return b["bytes_per_second"] / 1e6, b["feeds/s"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True)
    ap.add_argument("--corpus", default="/work/shared/data/feeds/corpus")
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        print("corpus absent: skipped")
        return
    blobs = load(args.corpus)
    fp_mbs, fp_fps = feedparser_rate(blobs, args.rounds)
    nm_mbs, nm_fps = newsmon_rate(args.bench, args.corpus)
    print(f"files: {len(blobs)}, bytes: {sum(len(b) for b in blobs)}")
    print(f"python3-feedparser: {fp_mbs:8.2f} MB/s {fp_fps:10.1f} feeds/s")
    print(f"newsmon ParseFeed:  {nm_mbs:8.2f} MB/s {nm_fps:10.1f} feeds/s")
    print(f"ratio (newsmon / feedparser): {nm_mbs / fp_mbs:.1f}x")


if __name__ == "__main__":
    main()
