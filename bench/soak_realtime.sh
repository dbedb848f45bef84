#!/usr/bin/env bash
# Real-time soak: the real newsmon binary, loopback feeds that publish new
# items continuously, the embedded Kafka cluster, and retention of a few
# minutes. Every 30 s it prints the daemon's RSS, the database file's size,
# its write-ahead log's and the rows it holds; after the retention horizon
# RSS and the database must be flat (the last lines give the slope of each
# over the samples after the horizon). The log grows between maintenance
# runs, which truncate it (retention.interval, 30 s here), so it is shown, not
# fitted: where a sample falls in that cycle decides its size.
#
#   bench/soak_realtime.sh [BUILD_DIR] [MINUTES] [FEEDS]      (defaults: build 10 200)
#
# Each feed publishes an item every ~10 s and shows its last five, so an
# item leaves its feed long before its seen mark expires (3 minutes).
set -euo pipefail
BUILD=${1:-build}
MINUTES=${2:-10}
FEEDS=${3:-200}
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN="$REPO/$BUILD/newsmon"
WORK=$(mktemp -d /tmp/newsmon-soak-rt.XXXXXX)
cleanup() {
  [[ -n "${DAEMON:-}" ]] && kill "$DAEMON" 2>/dev/null || true
  [[ -n "${FEEDER:-}" ]] && kill "$FEEDER" 2>/dev/null || true
  exec 3>&- 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Feeds: item n of feed f appears at start + f*0.05 + n*10 s.
FEED_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$FEED_PORT" "$FEEDS" > "$WORK/feeder.log" 2>&1 <<'PY' &
import http.server, socketserver, sys, time
port, feeds = int(sys.argv[1]), int(sys.argv[2])
start = time.time()
WORDS = ("grain rail ports steel water schools roads power copper wheat bridges trucks airports cotton uranium "
         "tariffs clinics markets pipes towns farmers workers engineers banks courts rivers mines forests").split()
def words(n, k):
    x = n * 2654435761 + 12345
    out = []
    for _ in range(k):
        out.append(WORDS[x % len(WORDS)])
        x = (x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        x ^= x >> 29
    return " ".join(out)
class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        f = int(self.path.strip("/").split(".")[0])
        now = time.time() - start - f * 0.05
        newest = int(now // 10)
        items = []
        for n in range(max(0, newest - 4), newest + 1):
            iid = f * 1000000 + n
            quote = ""
            if iid % 7 == 0:
                quote = "<p>&#8220;We will build %s together,&#8221; Tokayev said.</p>" % words(iid, 8)
            items.append("<item><title>Kazakhstan item %d</title><guid isPermaLink=\"false\">i%d</guid>"
                         "<link>http://127.0.0.1/i%d</link><description><![CDATA[<p>Kazakhstan and partners discussed %s "
                         "in Astana, officials said after talks on rail, ports and customs.</p>%s]]></description></item>"
                         % (iid, iid, iid, words(iid + 99, 14), quote))
        body = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>f%d</title><link>http://x/</link>"
                "<description>d</description>%s</channel></rss>" % (f, "".join(items))).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
Server(("127.0.0.1", port), Handler).serve_forever()
PY
FEEDER=$!

# The embedded cluster, kept alive by an open stdin.
mkfifo "$WORK/kafka.in"
"$BIN" kafka-embedded --topic s --topic q < "$WORK/kafka.in" > "$WORK/kafka.out" 2>&1 &
exec 3>"$WORK/kafka.in"
for _ in $(seq 50); do grep -q BROKERS= "$WORK/kafka.out" 2>/dev/null && break; sleep 0.2; done
BROKERS=$(sed -n 's/^BROKERS=//p' "$WORK/kafka.out")

METRICS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
{
  echo "state_dir: $WORK/state"
  echo "metrics_listen: 127.0.0.1:$METRICS_PORT"
  echo "log_level: warn"
  echo "http: {allow_private_addresses: true, per_host_connections: 16, max_connections: 64}"
  echo "kafka: {brokers: \"$BROKERS\", topics: {stories: s, quotes: q}}"
  echo "retention: {items: 3m, stories: 3m, quotes: 3m, interval: 30s}"
  echo "topics: [{id: kz, query: 'kazakhstan'}]"
  echo "leaders: [{id: kz-tokayev, name: Kassym-Jomart Tokayev, roles: [{title: President of Kazakhstan, from: 2019-03-20}], country: KZ}]"
  echo "feeds:"
  for f in $(seq 0 $((FEEDS - 1))); do
    echo "  - {id: f$f, url: \"http://127.0.0.1:$FEED_PORT/$f.xml\", interval: 5s, min_interval: 5s, max_interval: 10s, fetch_article: never}"
  done
} > "$WORK/config.yaml"
"$BIN" run --config "$WORK/config.yaml" > "$WORK/daemon.log" 2>&1 &
DAEMON=$!

metric() { curl -sf "http://127.0.0.1:$METRICS_PORT/metrics" | awk -v n="$1" '$1==n {print $2}' | head -1; }
echo "minute  rss_mb   db_mb  wal_mb  seen_rows  fingerprints  quotes  items_committed"
SAMPLES="$WORK/samples"
for i in $(seq 1 $((MINUTES * 2))); do
  sleep 30
  kill -0 "$DAEMON" 2>/dev/null || { echo "the daemon exited"; tail -20 "$WORK/daemon.log"; exit 1; }
  rss=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' /proc/$DAEMON/status)
  db=$(stat -c %s "$WORK/state/state.db" 2>/dev/null | awk '{printf "%.2f", $1/1048576}')
  wal=$(stat -c %s "$WORK/state/state.db-wal" 2>/dev/null | awk '{printf "%.2f", $1/1048576}')
  seen=$(metric 'newsmon_state_rows{table="seen_items"}')
  fps=$(metric 'newsmon_state_rows{table="fingerprints"}')
  quotes=$(metric 'newsmon_state_rows{table="quotes"}')
  committed=$(metric newsmon_items_committed_total)
  minute=$(awk -v i="$i" 'BEGIN {printf "%.1f", i / 2}')
  printf "%6s  %6s  %6s  %6s  %9s  %12s  %6s  %15s\n" "$minute" "$rss" "${db:-0}" "${wal:-0}" "${seen:-0}" "${fps:-0}" \
    "${quotes:-0}" "${committed:-0}"
  echo "$minute $rss ${db:-0}" >> "$SAMPLES"
done
python3 - "$SAMPLES" <<'PY'
import sys
rows = [tuple(map(float, l.split())) for l in open(sys.argv[1])]
after = [r for r in rows if r[0] >= 4.5]  # past the 3-minute horizon and the first maintenance after it
def slope(xs, ys):
    n = len(xs); mx = sum(xs) / n; my = sum(ys) / n
    d = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / d if d else 0.0
if len(after) >= 3:
    xs = [r[0] for r in after]
    for name, col in (("rss_mb", 1), ("db_mb", 2)):
        ys = [r[col] for r in after]
        m = sum(ys) / len(ys)
        print("after the horizon (minutes %.1f-%.1f): %s slope %+.3f per minute (%+.2f%% of the mean %.2f)"
              % (xs[0], xs[-1], name, slope(xs, ys), 100 * slope(xs, ys) / m if m else 0, m))
PY
