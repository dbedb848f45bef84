// Near-duplicate lookups: NearDupIndex (one exact-match table per band of the
// SimHash) against the linear scan it replaced, in the same run, over 10^4,
// 10^5 and 10^6 random fingerprints. Half of the queries are near-duplicates
// (distance 0-3) of a stored fingerprint, half are new stories. Also the
// steady state of a full window: one Add and one Expire per story.
//
//   ninja -C build near_dup_bench
//   build/bench/near_dup_bench --benchmark_counters_tabular=true
//
// The ratio to report is BM_FindNearLinear's time over BM_FindNearIndex's at
// the same size.
#include <benchmark/benchmark.h>

#include <bit>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "state/near_dup.h"
#include "util/hash.h"

namespace newsmon::bench {
namespace {

// The previous NearDupIndex::FindNear: every fingerprint, in insertion order.
std::optional<StoryFingerprint> LinearFindNear(const std::vector<StoryFingerprint>& entries, uint64_t simhash,
                                               int max_distance) {
  if (simhash == 0) return std::nullopt;
  const StoryFingerprint* best = nullptr;
  int best_distance = max_distance + 1;
  for (const auto& e : entries) {
    const int d = HammingDistance(e.simhash, simhash);
    if (d < best_distance) {
      best_distance = d;
      best = &e;
    }
  }
  if (!best) return std::nullopt;
  return *best;
}

Timestamp T(int64_t s) { return Timestamp(std::chrono::seconds(s)); }

// n stories with ids like the engine's (32 hex characters), one a second.
struct Corpus {
  std::vector<StoryFingerprint> entries;
  NearDupIndex index;
  std::vector<uint64_t> queries;
};

const Corpus& CorpusOf(int64_t n) {
  static std::map<int64_t, std::unique_ptr<Corpus>> cache;
  auto& slot = cache[n];
  if (slot) return *slot;
  slot = std::make_unique<Corpus>();
  std::mt19937_64 rng(42);
  for (int64_t i = 0; i < n; ++i) {
    const std::string id = StableId({"feed", std::to_string(i)});
    StoryFingerprint f{id, rng() | 1, id, T(i)};
    slot->entries.push_back(f);
    slot->index.Add(std::move(f));
  }
  for (int q = 0; q < 1024; ++q) {
    uint64_t h = rng();
    if (q % 2 == 0) {
      h = slot->entries[rng() % slot->entries.size()].simhash;
      for (int b = q % 8 / 2; b > 0; --b) h ^= uint64_t{1} << (rng() % 64);
    }
    slot->queries.push_back(h | 1);
  }
  return *slot;
}

void BM_FindNearIndex(benchmark::State& state) {
  const Corpus& c = CorpusOf(state.range(0));
  size_t q = 0, hits = 0;
  for (auto _ : state) {
    hits += c.index.FindNear(c.queries[q++ & 1023]).has_value() ? 1 : 0;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["MB"] = static_cast<double>(c.index.memory_bytes()) / 1e6;
}
BENCHMARK(BM_FindNearIndex)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

void BM_FindNearLinear(benchmark::State& state) {
  const Corpus& c = CorpusOf(state.range(0));
  size_t q = 0, hits = 0;
  for (auto _ : state) {
    hits += LinearFindNear(c.entries, c.queries[q++ & 1023], 3).has_value() ? 1 : 0;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_FindNearLinear)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

// A full window of n stories: each new story is looked up, added, and the
// oldest expires. Constant per story, whatever the uptime.
void BM_WindowStep(benchmark::State& state) {
  const int64_t n = state.range(0);
  NearDupIndex index;
  std::mt19937_64 rng(9);
  const std::string id = StableId({"feed", "story"});
  for (int64_t i = 0; i < n; ++i) index.Add({id, rng() | 1, id, T(i)});
  int64_t now = n;
  size_t hits = 0;
  for (auto _ : state) {
    const uint64_t h = rng() | 1;
    hits += index.FindNear(h).has_value() ? 1 : 0;
    index.Add({id, h, id, T(now)});
    hits += index.Expire(T(now - n + 1));
    ++now;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_WindowStep)->Arg(10'000)->Arg(1'000'000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace newsmon::bench

BENCHMARK_MAIN();
