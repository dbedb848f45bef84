// Soak: the real engine (planner, worker-pool steps, ledger, SQLite store on
// disk, retention) driven by a simulated clock through weeks of polling.
// 10,000 feeds publish about 20,000 new items a simulated day; every
// simulated day it prints the process RSS, the state file's size and the
// CPU time per story. After the retention horizon all three must be flat:
// the last lines give each one's slope per day over the days after it.
//
//   build/bench/soak_bench [--days 30] [--feeds 10000] [--items-per-day 20000] [--dir /tmp/soak]
//
// Not a timed test: a benchmark to run by hand (a few minutes of real time).
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "../tests/app/engine_harness.h"
#include "util/memory.h"

namespace newsmon {
namespace {

namespace fs = std::filesystem;

double HeapMb() {
  const long long bytes = AllocatedHeapBytes();
  return bytes < 0 ? -1 : static_cast<double>(bytes) / (1024.0 * 1024.0);
}

struct Options {
  int days = 30;
  int feeds = 10000;
  int items_per_day = 20000;
  fs::path dir = "/tmp/newsmon-soak";
};

double ResidentMb() {
  std::ifstream statm("/proc/self/statm");
  double pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double StateMb(const fs::path& dir) {
  std::error_code ec;
  double bytes = 0;
  for (const char* f : {"state.db", "state.db-wal"}) {
    const auto size = fs::file_size(dir / f, ec);
    if (!ec) bytes += static_cast<double>(size);
  }
  return bytes / (1024.0 * 1024.0);
}

// Least-squares slope of y over x.
double Slope(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    sxy += x[i] * y[i];
  }
  const double d = n * sxx - sx * sx;
  return d == 0 ? 0 : (n * sxy - sx * sy) / d;
}

// One feed's publishing: items appear at random times at its rate; the
// feed shows its last three; ETags follow the item count.
struct SimFeed {
  int64_t published = 0;
  double next_at = 0;  // simulated seconds since start
};

std::string ItemText(int64_t id, std::mt19937_64& rng) {
  // Short wire items; one in fifty quotes a tracked leader, one in five
  // matches the topic. Words vary so fingerprints and quotes differ.
  std::string text = "Officials reported " + testing::DistinctWords(id, 14) + " on " + std::to_string(id % 28 + 1) +
                     " November, according to the regional ministry and two agencies.";
  if (rng() % 5 == 0) text += " Kazakhstan signed further deals on " + testing::DistinctWords(id + 7, 6) + ".";
  if (rng() % 50 == 0) {
    text += " <p>\u201cWe will deliver " + testing::DistinctWords(id + 3, 9) + " this year,\u201d Tokayev said.</p>";
  }
  return text;
}

int Run(const Options& o) {
  spdlog::set_level(spdlog::level::warn);  // a line per matched story would dominate the run
  fs::remove_all(o.dir);
  fs::create_directories(o.dir);
  const Timestamp start{std::chrono::seconds(1798761600)};  // 2027-01-01
  std::string yaml = R"(state_dir: /unused
metrics_listen: "off"
kafka: {brokers: embedded, topics: {stories: s, quotes: q}}
retention: {items: 7d, stories: 7d, quotes: 10d, interval: 1h}
analysis: {workers: 0}
topics:
  - {id: kz, query: 'kazakhstan NEAR/5 deals'}
leaders:
  - id: kz-tokayev
    name: Kassym-Jomart Tokayev
    roles: [{title: President of Kazakhstan, from: 2019-03-20}]
    country: KZ
feeds:
)";
  for (int f = 0; f < o.feeds; ++f) {
    yaml += "  - {id: f" + std::to_string(f) + ", url: \"https://feeds.test/" + std::to_string(f) +
            "\", interval: 1h, min_interval: 15m, max_interval: 2h, fetch_article: never}\n";
  }
  auto config = LoadConfigFromString(yaml, "soak.yaml", o.dir);
  if (!config) {
    std::fprintf(stderr, "%s\n", config.error().message.c_str());
    return 1;
  }
  auto compiled = CompileConfig(*config);
  if (!compiled) {
    std::fprintf(stderr, "%s\n", compiled.error().message.c_str());
    return 1;
  }
  testing::EngineHarness h(o.dir, *compiled, start);
  h.sink.KeepEvents(false);

  std::mt19937_64 rng(2026);
  std::vector<SimFeed> sim(static_cast<size_t>(o.feeds));
  const double mean_gap = 86400.0 * o.feeds / o.items_per_day;  // seconds between one feed's items
  std::exponential_distribution<double> gap(1.0 / mean_gap);
  for (auto& f : sim) f.next_at = gap(rng);
  int64_t next_item_id = 0;
  std::vector<std::vector<std::pair<int64_t, Timestamp>>> recent(sim.size());  // the items each feed shows

  for (int f = 0; f < o.feeds; ++f) {
    h.fetcher.Serve("https://feeds.test/" + std::to_string(f), [&, f](const FetchRequest& req) {
      const SimFeed& s = sim[static_cast<size_t>(f)];
      FetchResponse r;
      const std::string etag = "\"v" + std::to_string(s.published) + "\"";
      if (req.etag == etag) {
        r.status = 304;
        return Result<FetchResponse>(r);
      }
      std::vector<testing::FakeItem> items;
      std::mt19937_64 text_rng(static_cast<uint64_t>(f));
      for (const auto& [id, at] : recent[static_cast<size_t>(f)]) {
        text_rng.seed(static_cast<uint64_t>(id));
        items.push_back(
            {"i" + std::to_string(id), "Item " + std::to_string(id), ItemText(id, text_rng), testing::Rfc822(at)});
      }
      r = testing::Ok(testing::Rss(items));
      r.etag = etag;
      return Result<FetchResponse>(r);
    });
  }
  if (auto s = h.engine->Start(); !s) {
    std::fprintf(stderr, "%s\n", s.error().message.c_str());
    return 1;
  }

  std::printf(
      "day  new_items  stories  rss_mb  heap_mb  state_mb  cpu_us_per_story  fingerprints  history_quotes  index_mb  "
      "seen_rows\n");
  std::vector<double> xs, rss, heap, state, cpu;
  const auto step = std::chrono::minutes(5);
  double sim_seconds = 0;
  uint64_t stories_before = 0;
  double cpu_before = CpuSeconds();
  for (int day = 1; day <= o.days; ++day) {
    int64_t new_items = 0;
    for (int turn = 0; turn < 24 * 12; ++turn) {
      sim_seconds += 300;
      for (size_t f = 0; f < sim.size(); ++f) {
        while (sim[f].next_at <= sim_seconds) {
          ++sim[f].published;
          ++new_items;
          auto& shown = recent[f];
          shown.emplace_back(next_item_id++, start + std::chrono::seconds(static_cast<int64_t>(sim[f].next_at)));
          if (shown.size() > 3) shown.erase(shown.begin());
          sim[f].next_at += gap(rng);
        }
      }
      h.clock.Advance(step);
      h.Turn();
    }
    const uint64_t stories = h.metrics.items_committed.Get().Value();
    const double cpu_now = CpuSeconds();
    const double per_story =
        stories > stories_before ? (cpu_now - cpu_before) * 1e6 / double(stories - stories_before) : 0;
    auto stats = h.sqlite->Stats();
    const double index_mb =
        static_cast<double>(h.engine->emit_step().fingerprint_bytes() + h.engine->emit_step().history_bytes()) /
        (1024.0 * 1024.0);
    std::printf("%3d  %9lld  %7llu  %6.1f  %7.1f  %8.1f  %16.1f  %12zu  %14zu  %8.1f  %9lld\n", day,
                static_cast<long long>(new_items), static_cast<unsigned long long>(stories - stories_before),
                ResidentMb(), HeapMb(), StateMb(o.dir), per_story, h.engine->emit_step().fingerprints(),
                h.engine->emit_step().history_quotes(), index_mb, stats ? static_cast<long long>(stats->seen) : -1LL);
    std::fflush(stdout);
    if (day > 10) {  // past the longest horizon (quotes, 10 days)
      xs.push_back(day);
      rss.push_back(ResidentMb());
      heap.push_back(HeapMb());
      state.push_back(StateMb(o.dir));
      cpu.push_back(per_story);
    }
    stories_before = stories;
    cpu_before = cpu_now;
  }
  if (xs.size() >= 3) {
    auto mean = [](const std::vector<double>& v) {
      double s = 0;
      for (double x : v) s += x;
      return s / static_cast<double>(v.size());
    };
    std::printf("after the horizon (days %g-%g), slope per day (and as a share of the mean):\n", xs.front(), xs.back());
    std::printf("  rss      %+.3f MB/day (%+.2f%%)\n", Slope(xs, rss), 100 * Slope(xs, rss) / mean(rss));
    if (mean(heap) > 0) {
      std::printf("  heap     %+.3f MB/day (%+.2f%%)  (allocated bytes, not what the allocator keeps)\n",
                  Slope(xs, heap), 100 * Slope(xs, heap) / mean(heap));
    }
    std::printf("  state    %+.3f MB/day (%+.2f%%)\n", Slope(xs, state), 100 * Slope(xs, state) / mean(state));
    std::printf("  cpu      %+.3f us/story/day (%+.2f%%)\n", Slope(xs, cpu), 100 * Slope(xs, cpu) / mean(cpu));
  }
  fs::remove_all(o.dir);
  return 0;
}

}  // namespace
}  // namespace newsmon

int main(int argc, char** argv) {
  newsmon::Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--days") o.days = std::atoi(argv[i + 1]);
    if (flag == "--feeds") o.feeds = std::atoi(argv[i + 1]);
    if (flag == "--items-per-day") o.items_per_day = std::atoi(argv[i + 1]);
    if (flag == "--dir") o.dir = argv[i + 1];
  }
  return newsmon::Run(o);
}
