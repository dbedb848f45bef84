#!/usr/bin/env bash
# newsmon's metric registry against prometheus-cpp's core, row by row, as the
# ratio of their median CPU times in one run of bench/metrics_bench (above 1:
# prometheus-cpp takes longer). Repetitions are interleaved at random, so load
# from other processes falls on both libraries alike.
#
#   bench/metrics_vs_prometheus_cpp.sh [BUILD_DIR] [REPETITIONS]
#
# Needs metrics_bench built where prometheus-cpp-dev was installed (CMake says
# "metrics_bench: comparing with prometheus-cpp").
set -euo pipefail

BUILD_DIR=${1:-build}
REPETITIONS=${2:-5}
BENCH="$BUILD_DIR/bench/metrics_bench"
PYTHON=${PYTHON:-/usr/bin/python3}

if [[ ! -x "$BENCH" ]]; then
  echo "missing $BENCH (build the metrics_bench target)" >&2
  exit 1
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BENCH" --benchmark_repetitions="$REPETITIONS" --benchmark_enable_random_interleaving=true \
  --benchmark_report_aggregates_only=true --benchmark_format=json 2>/dev/null | "$PYTHON" -c '
import json, sys
median = {b["run_name"]: b["cpu_time"] for b in json.load(sys.stdin)["benchmarks"]
          if b.get("aggregate_name") == "median"}
rows = [("counter increment, 1 thread", "BM_CounterInc_{}/threads:1"),
        ("counter increment, 2 threads", "BM_CounterInc_{}/threads:2"),
        ("labelled child lookup", "BM_LabelLookup_{}"),
        ("histogram observe, 1 thread", "BM_HistogramObserve_{}/threads:1"),
        ("histogram observe, 2 threads", "BM_HistogramObserve_{}/threads:2"),
        ("render 40 families / 296 series", "BM_Render_{}")]
if "BM_Render_PrometheusCpp" not in median:
    sys.exit("metrics_bench was built without prometheus-cpp: nothing to compare")
print("%-34s %12s %14s %7s" % ("row (median CPU time)", "newsmon", "prometheus-cpp", "ratio"))
for title, pattern in rows:
    ours, theirs = median[pattern.format("Newsmon")], median[pattern.format("PrometheusCpp")]
    print("%-34s %9.1f ns %11.1f ns %6.2fx" % (title, ours, theirs, theirs / ours))
'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
