// Topic matcher benchmark: documents per second on one core and p99 latency
// per document, for (a) the two shipped packs and (b) 10,000 generated rules,
// on feed entries and ~5 KB articles from ../shared/data/feeds/corpus;
// side by side with a raw Hyperscan scan of the same literals over the same
// text (the physical floor), and the cost of compiling the rules.
//
//   ninja -C build-match match_bench
//   build-match/bench/match_bench --benchmark_counters_tabular=true
//   build-match/bench/match_bench --dump=results.txt   # every verdict, to diff
//
// Skips (with a message) when the corpus is absent.
#include <benchmark/benchmark.h>
#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <set>

#include "match/fold.h"
#include "match/matcher.h"
#include "match/rule.h"
#include "match_bench_data.h"

namespace newsmon::bench {
namespace {

enum class RuleSet { kPacks, kGenerated };
enum class Docs { kEntries, kArticles };

const std::vector<TopicConfig>& Rules(const BenchData& d, RuleSet set) {
  return set == RuleSet::kPacks ? d.packs : d.generated;
}
const std::vector<Doc>& Texts(const BenchData& d, Docs docs) { return docs == Docs::kEntries ? d.entries : d.articles; }

// The same literal set as the matcher's database, scanned raw.
struct RawDatabase {
  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;
  size_t literals = 0;
  // `as_matcher`: the literals as the matcher compiles them, with the spaces
  // around the words (only before, for a prefix term).
  RawDatabase(const std::vector<TopicConfig>& topics, unsigned literal_flags, bool as_matcher) {
    std::set<std::string> unique;
    for (const auto& t : topics) {
      auto rule = match::ParseRule(t.query, t.query_where, t.definitions.get());
      if (!rule) continue;
      for (const auto& n : rule->nodes) {
        if (n.kind != match::RuleNode::Kind::kTerm) continue;
        unique.insert(as_matcher ? (n.infix ? "" : " ") + n.literal + (n.prefix ? "" : " ") : n.literal);
      }
    }
    std::vector<const char*> exprs;
    std::vector<size_t> lens;
    std::vector<unsigned> ids, flags;
    for (const auto& l : unique) {
      exprs.push_back(l.c_str());
      lens.push_back(l.size());
      ids.push_back(static_cast<unsigned>(ids.size()));
      flags.push_back(literal_flags);
    }
    literals = unique.size();
    hs_compile_error_t* err = nullptr;
    if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), static_cast<unsigned>(exprs.size()),
                             HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
      hs_free_compile_error(err);
      db = nullptr;
      return;
    }
    hs_alloc_scratch(db, &scratch);
  }
  ~RawDatabase() {
    hs_free_scratch(scratch);
    hs_free_database(db);
  }
};

int CountMatch(unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) {
  ++*static_cast<size_t*>(ctx);
  return 0;
}

struct Prepared {
  std::shared_ptr<const Matcher> matcher;
  std::unique_ptr<RawDatabase> raw;           // the matcher's own database
  std::unique_ptr<RawDatabase> raw_caseless;  // the rules' terms, HS_FLAG_CASELESS: the floor
};

const Prepared& Prepare(RuleSet set) {
  static Prepared prepared[2];
  Prepared& p = prepared[static_cast<int>(set)];
  if (p.matcher == nullptr) {
    auto m = Matcher::Compile(Rules(BenchData::Get(), set));
    if (m) p.matcher = *m;
    p.raw = std::make_unique<RawDatabase>(Rules(BenchData::Get(), set), 0, true);
    p.raw_caseless = std::make_unique<RawDatabase>(Rules(BenchData::Get(), set), HS_FLAG_CASELESS, false);
  }
  return p;
}

// The documents already folded as the matcher folds them, for the scan floor.
const std::vector<std::string>& FoldedTexts(Docs which) {
  static std::vector<std::string> folded[2];
  auto& out = folded[static_cast<int>(which)];
  if (out.empty()) {
    match::FoldedDocument doc;
    for (const Doc& d : Texts(BenchData::Get(), which)) {
      match::FoldDocument(d.title, d.body, doc);
      out.push_back(doc.stream);
    }
  }
  return out;
}

double ThreadCpuNanos() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

double Percentile(std::vector<double>& v, size_t per_100) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, v.size() * per_100 / 100)];
}

// Latency in thread CPU time, which other engineers' builds on the shared
// cores do not inflate; the wall-clock p99 is reported alongside.
void ReportLatency(benchmark::State& state, std::vector<double>& cpu, std::vector<double>& wall, size_t bytes) {
  if (cpu.empty()) return;
  state.counters["p50_us"] = Percentile(cpu, 50) / 1000;
  state.counters["p99_us"] = Percentile(cpu, 99) / 1000;
  state.counters["p99_wall_us"] = Percentile(wall, 99) / 1000;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

// kRawCaseless: the literals scanned caseless over the original text;
// kRawFolded: the matcher's own database over pre-folded text, i.e. the scan
// step alone; kFold: folding alone.
enum class Mode { kRawCaseless, kRawFolded, kFold, kMatch, kMatchedTopics };

void BM_Match(benchmark::State& state, RuleSet set, Docs which, Mode mode) {
  const BenchData& d = BenchData::Get();
  if (!d.ok) {
    state.SkipWithError(d.why.c_str());
    return;
  }
  const Prepared& p = Prepare(set);
  if (p.matcher == nullptr || p.raw->db == nullptr || p.raw_caseless->db == nullptr) {
    state.SkipWithError("compiling the rules failed");
    return;
  }
  const std::vector<Doc>& docs = Texts(d, which);
  const std::vector<std::string>& folded = FoldedTexts(which);
  match::FoldedDocument fold_out;
  std::vector<double> cpu, wall;
  cpu.reserve(1 << 20);
  wall.reserve(1 << 20);
  size_t i = 0, bytes = 0, sink = 0;
  for (auto _ : state) {
    const size_t k = i++ % docs.size();
    const Doc& doc = docs[k];
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = ThreadCpuNanos();
    if (mode == Mode::kRawCaseless) {
      const RawDatabase& r = *p.raw_caseless;
      hs_scan(r.db, doc.title.data(), static_cast<unsigned>(doc.title.size()), 0, r.scratch, CountMatch, &sink);
      hs_scan(r.db, doc.body.data(), static_cast<unsigned>(doc.body.size()), 0, r.scratch, CountMatch, &sink);
    } else if (mode == Mode::kRawFolded) {
      const RawDatabase& r = *p.raw;
      hs_scan(r.db, folded[k].data(), static_cast<unsigned>(folded[k].size()), 0, r.scratch, CountMatch, &sink);
    } else if (mode == Mode::kFold) {
      match::FoldDocument(doc.title, doc.body, fold_out);
      sink += fold_out.words.size();
    } else if (mode == Mode::kMatch) {
      auto r = p.matcher->Match({doc.title, doc.body});
      sink += r.size();
    } else {
      auto r = p.matcher->MatchedTopics({doc.title, doc.body});
      sink += r.size();
    }
    cpu.push_back(ThreadCpuNanos() - c0);
    const auto t1 = std::chrono::steady_clock::now();
    wall.push_back(static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count()));
    bytes += doc.bytes();
  }
  benchmark::DoNotOptimize(sink);
  state.counters["literals"] = static_cast<double>(p.raw_caseless->literals);
  // Raw: literal hits per document; fold: words; Match: topics; MatchedTopics: matched topics.
  state.counters["per_doc"] = static_cast<double>(sink) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
  ReportLatency(state, cpu, wall, bytes);
}

// The ratio to the raw scan, robust to the shared machine: blocks of
// documents go through the raw caseless scan, then the same documents through
// MatchedTopics (what the pipeline calls), alternating, each block timed in
// thread CPU time. Other processes' load then falls on both sides alike,
// while each side still runs many documents in a row with its own tables
// warm, as it would alone.
void BM_Paired(benchmark::State& state, RuleSet set, Docs which) {
  const BenchData& d = BenchData::Get();
  if (!d.ok) {
    state.SkipWithError(d.why.c_str());
    return;
  }
  const Prepared& p = Prepare(set);
  if (p.matcher == nullptr || p.raw_caseless->db == nullptr) {
    state.SkipWithError("compiling the rules failed");
    return;
  }
  const std::vector<Doc>& docs = Texts(d, which);
  constexpr size_t kBlock = 400;
  const RawDatabase& r = *p.raw_caseless;
  size_t next = 0, sink = 0, blocks = 0;
  double raw_ns = 0, match_ns = 0;
  for (auto _ : state) {
    const size_t first = next;
    next = (next + kBlock) % docs.size();
    double c0 = ThreadCpuNanos();
    for (size_t k = 0; k < kBlock; ++k) {
      const Doc& doc = docs[(first + k) % docs.size()];
      hs_scan(r.db, doc.title.data(), static_cast<unsigned>(doc.title.size()), 0, r.scratch, CountMatch, &sink);
      hs_scan(r.db, doc.body.data(), static_cast<unsigned>(doc.body.size()), 0, r.scratch, CountMatch, &sink);
    }
    raw_ns += ThreadCpuNanos() - c0;
    c0 = ThreadCpuNanos();
    for (size_t k = 0; k < kBlock; ++k) {
      const Doc& doc = docs[(first + k) % docs.size()];
      sink += p.matcher->MatchedTopics({doc.title, doc.body}).size();
    }
    match_ns += ThreadCpuNanos() - c0;
    ++blocks;
  }
  benchmark::DoNotOptimize(sink);
  const double n = static_cast<double>(blocks * kBlock);
  if (n == 0) return;
  state.counters["raw_us"] = raw_ns / n / 1000;
  state.counters["match_us"] = match_ns / n / 1000;
  state.counters["ratio"] = match_ns / raw_ns;
  state.counters["match_docs_s"] = n / (match_ns / 1e9);
}

void BM_Compile(benchmark::State& state, RuleSet set) {
  const BenchData& d = BenchData::Get();
  if (!d.ok) {
    state.SkipWithError(d.why.c_str());
    return;
  }
  for (auto _ : state) {
    auto m = Matcher::Compile(Rules(d, set));
    if (!m) {
      state.SkipWithError(m.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(m);
  }
  state.counters["rules"] = static_cast<double>(Rules(d, set).size());
}

#define NEWSMON_MATCH_BENCH(name, set, docs)                                                        \
  BENCHMARK_CAPTURE(BM_Match, name##_raw_scan_caseless, set, docs, Mode::kRawCaseless)->MinTime(2); \
  BENCHMARK_CAPTURE(BM_Match, name##_raw_scan_folded, set, docs, Mode::kRawFolded)->MinTime(2);     \
  BENCHMARK_CAPTURE(BM_Match, name##_fold_only, set, docs, Mode::kFold)->MinTime(2);                \
  BENCHMARK_CAPTURE(BM_Match, name##_match, set, docs, Mode::kMatch)->MinTime(2);                   \
  BENCHMARK_CAPTURE(BM_Match, name##_matched_topics, set, docs, Mode::kMatchedTopics)->MinTime(2);  \
  BENCHMARK_CAPTURE(BM_Paired, name##_paired_vs_raw, set, docs)->MinTime(4);

NEWSMON_MATCH_BENCH(packs_entries, RuleSet::kPacks, Docs::kEntries)
NEWSMON_MATCH_BENCH(packs_articles5k, RuleSet::kPacks, Docs::kArticles)
NEWSMON_MATCH_BENCH(rules10k_entries, RuleSet::kGenerated, Docs::kEntries)
NEWSMON_MATCH_BENCH(rules10k_articles5k, RuleSet::kGenerated, Docs::kArticles)

BENCHMARK_CAPTURE(BM_Compile, packs, RuleSet::kPacks)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK_CAPTURE(BM_Compile, rules10k, RuleSet::kGenerated)->Unit(benchmark::kMillisecond)->Iterations(3);

// Every verdict, score and explanation for all rule and document sets, for
// checking that a speed change leaves the results alone (diff two dumps).
int Dump(const char* path) {
  const BenchData& d = BenchData::Get();
  if (!d.ok) {
    std::fprintf(stderr, "%s\n", d.why.c_str());
    return 1;
  }
  std::FILE* out = std::fopen(path, "w");
  if (out == nullptr) return 1;
  for (RuleSet set : {RuleSet::kPacks, RuleSet::kGenerated}) {
    const Prepared& p = Prepare(set);
    for (Docs which : {Docs::kEntries, Docs::kArticles}) {
      const std::vector<Doc>& docs = Texts(d, which);
      for (size_t k = 0; k < docs.size(); ++k) {
        // Match's unmatched-but-scored topics, then MatchedTopics in full.
        for (const TopicResult& r : p.matcher->Match({docs[k].title, docs[k].body})) {
          if (!r.matched && r.score != 0) std::fprintf(out, "%zu %s unmatched %g\n", k, r.topic_id.c_str(), r.score);
        }
        for (const TopicResult& r : p.matcher->MatchedTopics({docs[k].title, docs[k].body})) {
          std::fprintf(out, "%zu %s %d %g\n", k, r.topic_id.c_str(), r.matched ? 1 : 0, r.score);
          for (const TermHit& h : r.terms) {
            std::fprintf(out, "  %s %s %zu %zu |%s|\n", h.term.c_str(), MatchFieldName(h.field), h.start, h.end,
                         h.snippet.c_str());
          }
        }
      }
    }
  }
  return std::fclose(out) == 0 ? 0 : 1;
}

}  // namespace
}  // namespace newsmon::bench

// `match_bench --dump=FILE` writes the results instead of benchmarking.
int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--dump=", 7) == 0) return newsmon::bench::Dump(argv[i] + 7);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
