#!/usr/bin/env bash
# Runs the fetch benchmark and prints the figures docs/fetch.md reports.
#
#   bench/fetch_bench.sh [build-dir]        # default: build-fetch
#
# Builds fetch_bench, runs it once (curl CLI reference, then HttpClient burst
# cycles, then a paced cycle), keeps the JSON next to the build, and prints a
# summary with the ratios against curl measured in the same run.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build-fetch}"
ninja -C "$build" -j2 fetch_bench >/dev/null
ulimit -n 4096 2>/dev/null || true
out="$build/fetch_bench.json"
"$build/bench/fetch_bench" --benchmark_out="$out" --benchmark_out_format=json \
  --benchmark_counters_tabular=true --benchmark_report_aggregates_only=false
python3 - "$out" <<'PY'
import json, sys
runs = [b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("run_type") == "iteration"]
def rows(prefix): return [b for b in runs if b["name"].startswith(prefix)]
curl = rows("BM_CurlCliCycle")
cycles = rows("BM_HttpClientCycle")
paced = rows("BM_HttpClientPaced")
med = lambda xs: sorted(xs)[len(xs) // 2]
curl_cpu = med([b["cpu_s_per_1000"] for b in curl])
curl_wall = med([b["wall_s"] for b in curl])
print()
print(f"feeds={int(curl[0]['feeds'])} hosts={int(curl[0]['hosts'])}")
print(f"curl CLI      : wall {curl_wall:.2f} s, {med([b['req_per_s'] for b in curl]):.0f} req/s, "
      f"{curl_cpu:.4f} CPU s/1000 (median of {len(curl)}), failed {max(b['failed'] for b in curl):.0f}")
for i, b in enumerate(cycles):
    print(f"HttpClient #{i+1} : wall {b['wall_s']:.2f} s, {b['req_per_s']:.0f} req/s, {b['cpu_s_per_1000']:.4f} CPU s/1000 "
          f"= {b['cpu_s_per_1000']/curl_cpu:.2f}x curl, 304s {b['count_304']:.0f} 200s {b['count_200']:.0f}, "
          f"failed {b['failed']:.0f}, server {b['server_cpu_s_per_1000']:.4f} CPU s/1000")
warm = cycles[1:] or cycles
print(f"warm cycles   : worst {max(b['wall_s'] for b in warm):.2f} s wall, "
      f"worst CPU ratio vs curl {max(b['cpu_s_per_1000'] for b in warm)/curl_cpu:.2f}x")
for b in paced:
    print(f"paced         : lag p50 {b['lag_p50_ms']:.1f} ms, p99 {b['lag_p99_ms']:.1f} ms, max {b['lag_max_ms']:.1f} ms, "
          f"{b['cpu_s_per_1000']:.4f} CPU s/1000, failed {b['failed']:.0f}")
print(f"peak RSS (bench process: client + server thread): {max(b['peak_rss_mb'] for b in runs):.1f} MB")
PY
