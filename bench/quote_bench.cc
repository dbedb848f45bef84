// Quote finding and attribution speed: articles per second on one core over
// the quote development sets (read at run time from ../shared/data/quotes,
// never copied), next to two references measured in the same run:
//   * RawPass: one pass over the same bytes counting code points (the floor);
//   * NaiveRegex: the naive std::regex finder the stage started from.
// Also novelty judgement against a leader history and leader name resolution.
// Novelty: QuoteHistoryIndex against JudgeNovelty (the scan it replaces) on
// generated histories of 10,000 quotes, in the same run; and the poison pill
// of a story with 12,800 short quotes, each judged and then added.
//
//   ninja -C build-quote quote_bench
//   build-quote/bench/quote_bench --benchmark_counters_tabular=true
//
// Skips (with a message) when the data set is absent.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

#include "../tests/support/quote_history_gen.h"
#include "quote/novelty.h"
#include "quote/quote.h"
#include "util/text.h"

namespace newsmon::bench {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDataDir = NEWSMON_SHARED_DATA "/quotes/dev";

std::vector<std::string> LoadSet(const std::string& name) {
  std::vector<std::string> out;
  const fs::path dir = fs::path(kDataDir) / name;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string f = e.path().filename().string();
    if (f.ends_with(".txt")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
  }
  return out;
}

const std::vector<std::string>& Set(int which) {
  static const std::vector<std::string> en = LoadSet("polnear-train");
  static const std::vector<std::string> de = LoadSet("german-train");
  return which == 0 ? en : de;
}

const LeaderIndex& Leaders() {
  static const LeaderIndex index = [] {
    std::vector<LeaderConfig> v(3);
    v[0] = {
        "kz-tokayev", "Kassym-Jomart Tokayev", {}, {{"President of Kazakhstan", std::nullopt, std::nullopt}}, "KZ", {}};
    v[1] = {"de-merz", "Friedrich Merz", {}, {{"Chancellor of Germany", std::nullopt, std::nullopt}}, "DE", {}};
    v[2] = {"ru-putin", "Vladimir Putin", {}, {{"President of Russia", std::nullopt, std::nullopt}}, "RU", {}};
    return LeaderIndex(v);
  }();
  return index;
}

void Finish(benchmark::State& state, const std::vector<std::string>& docs, size_t passes_bytes) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * docs.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * passes_bytes));
  state.counters["articles_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * docs.size()), benchmark::Counter::kIsRate);
}

size_t TotalBytes(const std::vector<std::string>& docs) {
  size_t n = 0;
  for (const auto& d : docs) n += d.size();
  return n;
}

// arg 0: English set, 1: German set. Language left empty, as in `newsmon quotes`.
void BM_FindQuotes(benchmark::State& state) {
  const auto& docs = Set(static_cast<int>(state.range(0)));
  if (docs.empty()) {
    state.SkipWithError("quote data set absent");
    return;
  }
  size_t found = 0;
  for (auto _ : state) {
    for (const auto& d : docs) found += FindQuotes(d, Leaders(), {}).size();
  }
  benchmark::DoNotOptimize(found);
  Finish(state, docs, TotalBytes(docs));
}
BENCHMARK(BM_FindQuotes)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_RawPass(benchmark::State& state) {
  const auto& docs = Set(static_cast<int>(state.range(0)));
  if (docs.empty()) {
    state.SkipWithError("quote data set absent");
    return;
  }
  size_t n = 0;
  for (auto _ : state) {
    for (const auto& d : docs) n += CodePointCount(d);
    benchmark::DoNotOptimize(n);
  }
  Finish(state, docs, TotalBytes(docs));
}
BENCHMARK(BM_RawPass)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The thin first version: paired marks per line and a std::regex for "NAME said".
void BM_NaiveRegex(benchmark::State& state) {
  const auto& docs = Set(static_cast<int>(state.range(0)));
  if (docs.empty()) {
    state.SkipWithError("quote data set absent");
    return;
  }
  static const std::regex kAfter(
      R"(^,?\s*(?:(said|says|added|told)\s+((?:[A-Z][\w'-]+\s*){1,3})|((?:[A-Z][\w'-]+\s*){1,3})\s+(said|says|added|sagte)))");
  size_t found = 0;
  for (auto _ : state) {
    for (const auto& d : docs) {
      size_t pos = 0;
      while ((pos = d.find("\xE2\x80\x9C", pos)) != std::string::npos) {
        const size_t close = d.find("\xE2\x80\x9D", pos + 3);
        const size_t nl = d.find('\n', pos);
        if (close == std::string::npos) break;
        if (nl != std::string::npos && close > nl) {
          pos = nl;
          continue;
        }
        const size_t line_end = nl == std::string::npos ? d.size() : nl;
        const std::string after = d.substr(close + 3, std::min<size_t>(line_end - close - 3, 200));
        std::smatch m;
        found += std::regex_search(after, m, kAfter) ? 1 : 0;
        pos = close + 3;
      }
    }
  }
  benchmark::DoNotOptimize(found);
  Finish(state, docs, TotalBytes(docs));
}
BENCHMARK(BM_NaiveRegex)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// Novelty against a 500-quote history of one leader (synthetic sentences).
void BM_JudgeNovelty(benchmark::State& state) {
  std::vector<PriorQuote> history;
  for (int i = 0; i < 500; ++i) {
    history.push_back({"q" + std::to_string(i),
                       "We will invest " + std::to_string(i) +
                           " million in roads, schools and the northern rail line " + std::to_string(i * 7) +
                           " this year.",
                       {},
                       ""});
  }
  const std::string text = "We will invest 250 million in roads, schools and the northern rail line this year.";
  for (auto _ : state) benchmark::DoNotOptimize(JudgeNovelty(text, history));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JudgeNovelty)->Unit(benchmark::kMicrosecond);

// A leader's history of n generated quotes, as index and as the engine's
// vectors (quotes and their folded keys), plus the quotes to judge: fresh
// sentences, short ones and variants of earlier quotes, as in the tests.
struct NoveltyData {
  std::vector<PriorQuote> history;
  std::vector<std::string> keys;
  QuoteHistoryIndex index;
  std::vector<std::string> queries;  // 100 mixed quotes
  std::vector<std::string> story;    // 12,800 short quotes of one story
};

const NoveltyData& Novelty10k() {
  static const NoveltyData data = [] {
    NoveltyData d;
    testing::QuoteHistoryGen gen(2026);
    const std::vector<std::string> texts = gen.History(10'000);
    for (size_t i = 0; i < texts.size(); ++i) {
      PriorQuote p{"q" + std::to_string(i), texts[i], Timestamp(std::chrono::seconds(i)),
                   "https://x/" + std::to_string(i)};
      d.keys.push_back(NormalizeQuoteText(p.text));
      d.index.Add(p);
      d.history.push_back(std::move(p));
    }
    for (int q = 0; q < 100; ++q) {
      const uint32_t kind = gen.Draw(10);
      d.queries.push_back(kind < 2   ? gen.Sentence()
                          : kind < 3 ? gen.Short()
                                     : gen.Variant(texts[texts.size() - 1 - gen.Draw(kind < 8 ? 300 : 10'000)]));
    }
    for (int q = 0; q < 12'800; ++q) d.story.push_back(gen.Short());
    return d;
  }();
  return data;
}

void BM_NoveltyIndex(benchmark::State& state) {
  const NoveltyData& d = Novelty10k();
  size_t not_new = 0;
  for (auto _ : state) {
    for (const std::string& q : d.queries) not_new += d.index.Judge(q).is_new ? 0 : 1;
  }
  benchmark::DoNotOptimize(not_new);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.queries.size()));
  state.counters["MB"] = static_cast<double>(d.index.memory_bytes()) / 1e6;
}
BENCHMARK(BM_NoveltyIndex)->Unit(benchmark::kMillisecond);

void BM_NoveltyReference(benchmark::State& state) {
  const NoveltyData& d = Novelty10k();
  size_t not_new = 0;
  for (auto _ : state) {
    for (const std::string& q : d.queries) not_new += JudgeNovelty(q, d.history, d.keys).is_new ? 0 : 1;
  }
  benchmark::DoNotOptimize(not_new);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.queries.size()));
}
BENCHMARK(BM_NoveltyReference)->Unit(benchmark::kMillisecond);

// The poison pill: the first `arg` quotes of a 12,800-quote story, each judged
// against the history and then added to it, as the engine does. The index
// is copied outside the timing. Linear: the time per quote stays flat as
// the story grows.
void BM_NoveltyStory(benchmark::State& state) {
  const NoveltyData& d = Novelty10k();
  const auto n = static_cast<size_t>(state.range(0));
  size_t not_new = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto index = std::make_unique<QuoteHistoryIndex>(d.index);
    state.ResumeTiming();
    for (size_t i = 0; i < n; ++i) {
      not_new += index->Judge(d.story[i]).is_new ? 0 : 1;
      index->Add({"s" + std::to_string(i), d.story[i], Timestamp(std::chrono::seconds(20'000)), "https://x/story"});
    }
    state.PauseTiming();
    index.reset();
    state.ResumeTiming();
  }
  benchmark::DoNotOptimize(not_new);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_NoveltyStory)->Arg(1'600)->Arg(3'200)->Arg(6'400)->Arg(12'800)->Unit(benchmark::kMillisecond);

// The same story through the scan, for its first 100 quotes only (all of it
// would take minutes): the per-quote figure to hold against the index's.
void BM_NoveltyStoryReference(benchmark::State& state) {
  const NoveltyData& d = Novelty10k();
  const auto n = static_cast<size_t>(state.range(0));
  size_t not_new = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<PriorQuote> history = d.history;
    std::vector<std::string> keys = d.keys;
    state.ResumeTiming();
    for (size_t i = 0; i < n; ++i) {
      not_new += JudgeNovelty(d.story[i], history, keys).is_new ? 0 : 1;
      history.push_back(
          {"s" + std::to_string(i), d.story[i], Timestamp(std::chrono::seconds(20'000)), "https://x/story"});
      keys.push_back(NormalizeQuoteText(d.story[i]));
    }
  }
  benchmark::DoNotOptimize(not_new);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_NoveltyStoryReference)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_ResolveName(benchmark::State& state) {
  const char* names[] = {"Tokajews", "Токаева", "Merz", "Schulz", "Putins", "Smith"};
  size_t hits = 0;
  for (auto _ : state) {
    for (const char* n : names) hits += Leaders().ResolveName(n).has_value() ? 1 : 0;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 6));
}
BENCHMARK(BM_ResolveName);

}  // namespace
}  // namespace newsmon::bench

BENCHMARK_MAIN();
