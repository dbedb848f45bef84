// What docs/scale.md's capacity model for group mode assumes, measured:
// the size and cost of a feed-state snapshot, a leader judgement against a
// long history, and the restore of one changelog partition from the
// embedded cluster next to a plain read of the same records (the reference
// in the same run).
//
//   build/bench/group_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "emit/event.h"
#include "emit/kafka.h"
#include "group/changelog.h"
#include "group/leader_judge.h"
#include "group/partition_reader.h"
#include "group/transactional_sink.h"
#include "util/hash.h"
#include "util/time.h"

namespace newsmon::group {
namespace {

// A feed as a news site's RSS has it: validators, a schedule and the 30
// items of its current document (guid-like keys, content hashes).
FeedSnapshot TypicalSnapshot(int feed) {
  FeedSnapshot s;
  s.state.feed_id = "feed-" + std::to_string(feed);
  s.state.url = "https://news.example.org/rss/section/world-" + std::to_string(feed) + ".xml";
  s.state.etag = "\"" + StableId({"etag", std::to_string(feed)}) + "\"";
  s.state.last_modified = "Mon, 07 Dec 2026 09:00:00 GMT";
  s.state.body_hash = StableId({"body", std::to_string(feed)});
  s.state.next_poll = ParseRfc3339("2026-12-07T09:05:00Z");
  s.state.last_poll = ParseRfc3339("2026-12-07T09:00:00Z");
  s.state.last_success = s.state.last_poll;
  s.state.last_http_status = 200;
  s.state.interval_seconds = 300;
  s.state.items_per_hour = 2.5;
  s.state.schedule_reason = "adaptive";
  for (int i = 0; i < 30; ++i) {
    s.seen.emplace_back("https://news.example.org/world/2026/12/07/story-" + std::to_string(feed * 100 + i),
                        StableId({"content", std::to_string(feed), std::to_string(i)}));
  }
  return s;
}

void BM_SnapshotEncode(benchmark::State& state) {
  const FeedSnapshot s = TypicalSnapshot(7);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string encoded = EncodeSnapshot(s);
    bytes = encoded.size();
    benchmark::DoNotOptimize(encoded);
  }
  state.counters["snapshot_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_SnapshotEncode);

void BM_SnapshotDecode(benchmark::State& state) {
  const std::string encoded = EncodeSnapshot(TypicalSnapshot(7));
  for (auto _ : state) benchmark::DoNotOptimize(DecodeSnapshot(encoded));
  state.counters["snapshots_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SnapshotDecode);

// A made-up word of 4-9 letters, the same for the same n.
std::string Word(uint32_t n) {
  uint32_t x = n * 2654435761u + 12345u;
  std::string w;
  const int len = 4 + static_cast<int>(x % 6);
  for (int c = 0; c < len; ++c) {
    x = x * 1664525u + 1013904223u;
    w += static_cast<char>('a' + (x >> 24) % 26);
  }
  return w;
}

// Distinct quotes of news length (14 words from a 5,000-word vocabulary);
// every tenth repeats an earlier one.
std::string Candidate(int i) {
  Story story;
  story.id = "story-" + std::to_string(i);
  story.feed_id = "feed-" + std::to_string(i % 500);
  story.canonical_url = "https://news.example.org/" + std::to_string(i);
  story.published = ParseRfc3339("2026-12-07T09:00:00Z");
  story.content_hash = StableId({"c", std::to_string(i)});
  const int n = i % 10 == 9 ? i / 2 : i;
  Quote q;
  for (int w = 0; w < 14; ++w) q.text += (w ? " " : "") + Word(static_cast<uint32_t>(n * 31 + w * 7) % 5000);
  q.leader_id = "kz-tokayev";
  LeaderQuoteInput in{&story, &q, "Kassym-Jomart Tokayev", {}, {"watch"}, {}};
  in.novelty.first_seen = story.published;
  return BuildLeaderQuote(in, KafkaConfig{}).payload;
}

// A judgement against a leader's history of range(0) quotes (it grows by
// the quotes judged meanwhile, a few per cent).
void BM_JudgeCandidate(benchmark::State& state) {
  const int history = static_cast<int>(state.range(0));
  LeaderHistories histories;
  for (int i = 0; i < history; ++i) (void)JudgeCandidate(Candidate(i), histories);
  std::vector<std::string> next;
  for (int i = 0; i < 2000; ++i) next.push_back(Candidate(history + i));
  size_t k = 0;
  for (auto _ : state) benchmark::DoNotOptimize(JudgeCandidate(next[k++ % next.size()], histories));
  state.counters["judged_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_JudgeCandidate)->Arg(10000)->Iterations(2000)->Unit(benchmark::kMicrosecond);

// One changelog partition holding `feeds` snapshots, read back: the restore a
// member does before it polls a gained partition. The mock cluster keeps
// about 5 MB per partition, so 1,000 snapshots (3.2 MB); docs/scale.md
// scales the rate.
class RestoreFixture : public benchmark::Fixture {
 public:
  void SetUp(const benchmark::State& state) override {
    if (cluster_) return;
    feeds_ = static_cast<int>(state.range(0));
    cluster_ = std::move(*EmbeddedKafka::Start(1, {"bench.feed-state"}, 1));
    // Written as the daemon writes them: in transactions.
    auto sink = TransactionalSink::Open({}, cluster_->bootstrap_servers(), {.transactional_id = "bench"});
    for (int from = 0; from < feeds_; from += 1000) {
      std::vector<OutgoingEvent> snapshots;
      for (int f = from; f < std::min(feeds_, from + 1000); ++f) {
        snapshots.push_back(SnapshotEvent(TypicalSnapshot(f), "bench.feed-state", 1));
      }
      if (Status s = (*sink)->Commit(std::move(snapshots)); !s) std::abort();
    }
  }
  std::unique_ptr<EmbeddedKafka> cluster_;
  int feeds_ = 0;
};

BENCHMARK_DEFINE_F(RestoreFixture, Restore)(benchmark::State& state) {
  size_t restored = 0;
  for (auto _ : state) {
    auto r = ReadFeedSnapshots(cluster_->bootstrap_servers(), "bench.feed-state", 0, std::chrono::seconds(120));
    restored = r ? r->size() : 0;
  }
  state.counters["feeds"] = static_cast<double>(restored);
  state.counters["feeds_per_s"] = benchmark::Counter(
      static_cast<double>(restored) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK_REGISTER_F(RestoreFixture, Restore)->Arg(1000)->Iterations(5)->Unit(benchmark::kMillisecond)->UseRealTime();

// The reference: the same records read with nothing decoded.
BENCHMARK_DEFINE_F(RestoreFixture, RawRead)(benchmark::State& state) {
  size_t records = 0;
  for (auto _ : state) {
    records = 0;
    (void)ReadPartitionToEnd(cluster_->bootstrap_servers(), "bench.feed-state", 0, std::chrono::seconds(120),
                             [&](std::string_view, std::string_view) { ++records; });
  }
  state.counters["records"] = static_cast<double>(records);
}
BENCHMARK_REGISTER_F(RestoreFixture, RawRead)->Arg(1000)->Iterations(5)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace newsmon::group

BENCHMARK_MAIN();
