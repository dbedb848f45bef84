#!/usr/bin/env bash
# Pages per second of newsmon's extractor, readability-lxml and Readability.js
# on the same pages, in one run. Parse time is included, process start is not;
# every tool reads the pages into memory (decompressed) before its clock starts.
#
#   bench/article_vs_readability.sh [BUILD_DIR]
#
# Environment:
#   NEWSMON_ARTICLE_SET   page folder (default ../shared/data/articles/dev beside the repository)
#   NEWSMON_ARTICLE_LIMIT first N pages only, by file name (default: all)
#   READABILITY_JS_DIR    folder whose node_modules holds jsdom and @mozilla/readability
#                         (default build/refbench in the repository, git-ignored;
#                         `npm install jsdom@29 @mozilla/readability` there)
#   PYTHON                interpreter with Debian's python3-readability (default /usr/bin/python3)
# Installs nothing: a missing reference is reported and skipped.
set -uo pipefail

BUILD_DIR=${1:-build}
REPO=$(cd "$(dirname "$0")/.." && pwd)
SET=${NEWSMON_ARTICLE_SET:-$REPO/../shared/data/articles/dev}
LIMIT=${NEWSMON_ARTICLE_LIMIT:-0}
JS_DIR=${READABILITY_JS_DIR:-$REPO/build/refbench}
PYTHON=${PYTHON:-/usr/bin/python3}
BENCH="$BUILD_DIR/bench/article_bench"

if [[ ! -d "$SET" ]]; then
  echo "page set $SET not found; nothing to measure" >&2
  exit 0
fi

declare -A RATE

# newsmon: the Google Benchmark binary, extraction only.
if [[ -x "$BENCH" ]]; then
  json=$(NEWSMON_ARTICLE_SET="$SET" NEWSMON_ARTICLE_LIMIT="$LIMIT" "$BENCH" \
    --benchmark_filter='^BM_ExtractArticle' --benchmark_format=json 2>/dev/null)
  RATE[newsmon]=$(printf '%s' "$json" | "$PYTHON" -c \
    'import json,sys; b=json.load(sys.stdin)["benchmarks"][0]; print("%.1f" % b["items_per_second"])' 2>/dev/null)
else
  echo "missing $BENCH (build the article_bench target); newsmon skipped" >&2
fi

# readability-lxml (Debian python3-readability).
if "$PYTHON" -c 'import readability, lxml' 2>/dev/null; then
  RATE[readability-lxml]=$("$PYTHON" - "$SET" "$LIMIT" <<'PY'
import glob, gzip, os, sys, time
from readability import Document
folder, limit = sys.argv[1], int(sys.argv[2])
files = sorted(glob.glob(os.path.join(folder, "*.html.gz")) + glob.glob(os.path.join(folder, "*.html")))
if limit > 0:
    files = files[:limit]
pages = [(gzip.open(f).read() if f.endswith(".gz") else open(f, "rb").read()) for f in files]
start = time.perf_counter()
for html in pages:
    try:
        doc = Document(html)
        doc.title()
        doc.summary()
    except Exception:
        pass  # a failure is counted as a page done, as newsmon's errors are
print("%.1f" % (len(pages) / (time.perf_counter() - start)))
PY
)
else
  echo "readability-lxml missing (apt-get install python3-readability); skipped" >&2
fi

# Readability.js on jsdom.
if command -v node >/dev/null && [[ -d "$JS_DIR/node_modules/jsdom" && -d "$JS_DIR/node_modules/@mozilla/readability" ]]; then
  RATE[Readability.js]=$(cd "$JS_DIR" && node - "$SET" "$LIMIT" <<'JS'
const fs = require("fs"), path = require("path"), zlib = require("zlib");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");
const [folder, limitText] = process.argv.slice(2);
let files = fs.readdirSync(folder).filter(f => f.endsWith(".html.gz") || f.endsWith(".html")).sort();
if (Number(limitText) > 0) files = files.slice(0, Number(limitText));
const pages = files.map(f => {
  const raw = fs.readFileSync(path.join(folder, f));
  const html = (f.endsWith(".gz") ? zlib.gunzipSync(raw) : raw).toString("utf8");
  let url = "http://fakehost/test/page.html";
  try { url = JSON.parse(fs.readFileSync(path.join(folder, f.replace(/\.html(\.gz)?$/, ".json")))).url || url; } catch (e) {}
  return { html, url };
});
const quiet = new VirtualConsole();
const start = process.hrtime.bigint();
for (const p of pages) {
  try {
    const dom = new JSDOM(p.html, { url: p.url, virtualConsole: quiet });
    new Readability(dom.window.document).parse();
    dom.window.close();
  } catch (e) {}
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log((pages.length / seconds).toFixed(1));
JS
)
else
  echo "Readability.js missing (npm install jsdom@29 @mozilla/readability in $JS_DIR); skipped" >&2
fi

pages=$(ls "$SET" | grep -cE '\.html(\.gz)?$')
if [[ "$LIMIT" -gt 0 && "$LIMIT" -lt "$pages" ]]; then pages=$LIMIT; fi
echo "pages: $pages from $SET"
printf '%-18s %12s\n' tool pages/s
for tool in newsmon readability-lxml Readability.js; do
  printf '%-18s %12s\n' "$tool" "${RATE[$tool]:-skipped}"
done
faster=""
for tool in readability-lxml Readability.js; do
  r=${RATE[$tool]:-}
  [[ -z "$r" ]] && continue
  if [[ -z "$faster" ]] || awk "BEGIN{exit !($r > ${RATE[$faster]})}"; then faster=$tool; fi
done
if [[ -n "${RATE[newsmon]:-}" && -n "$faster" ]]; then
  awk -v n="${RATE[newsmon]}" -v r="${RATE[$faster]}" -v t="$faster" \
    'BEGIN { printf "newsmon / %s (the faster reference) = %.1fx\n", t, n / r }'
fi
