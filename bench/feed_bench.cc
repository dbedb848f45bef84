// Feed parser throughput over the evaluation corpus, read at run time:
// MB/s and feeds/s, in-process (start-up and file reading excluded).
//
//   build/bench/feed_bench [--benchmark_filter=Corpus]
//   NEWSMON_FEED_CORPUS=/path/to/corpus build/bench/feed_bench
// Skips (with a message) when the corpus is absent.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "feed/feed_parser.h"
#include "feed/xml_reader.h"

namespace {

const std::vector<std::string>& Corpus() {
  static const std::vector<std::string> files = [] {
    std::vector<std::string> out;
    const char* env = std::getenv("NEWSMON_FEED_CORPUS");
    const std::filesystem::path dir = env ? env : NEWSMON_SHARED_DATA "/feeds/corpus";
    std::error_code ec;
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.is_regular_file() && entry.path().filename() != "index.tsv") paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      out.push_back(s.str());
    }
    return out;
  }();
  return files;
}

size_t TotalBytes() {
  size_t n = 0;
  for (const auto& f : Corpus()) n += f.size();
  return n;
}

// The whole pipeline of the stage: encoding, XML, mapping, text forms, keys.
void BM_ParseFeedCorpus(benchmark::State& state) {
  if (Corpus().empty()) {
    state.SkipWithError("feed corpus absent (set NEWSMON_FEED_CORPUS)");
    return;
  }
  size_t entries = 0;
  for (auto _ : state) {
    for (const auto& f : Corpus()) {
      auto r = newsmon::feed::ParseFeed(f, {"https://example.org/feed", ""});
      if (r) entries += r->entries.size();
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
  state.counters["feeds/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * Corpus().size()), benchmark::Counter::kIsRate);
  state.counters["entries"] = static_cast<double>(entries / std::max<size_t>(1, state.iterations()));
}
BENCHMARK(BM_ParseFeedCorpus)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The tokenizer alone, to see where the time goes.
void BM_XmlReaderCorpus(benchmark::State& state) {
  if (Corpus().empty()) {
    state.SkipWithError("feed corpus absent (set NEWSMON_FEED_CORPUS)");
    return;
  }
  for (auto _ : state) {
    for (const auto& f : Corpus()) {
      auto r = newsmon::feed::ReadXml(f);
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_XmlReaderCorpus)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Reference in the same run: one memcpy of the corpus (memory bandwidth bound).
void BM_CopyCorpus(benchmark::State& state) {
  if (Corpus().empty()) {
    state.SkipWithError("feed corpus absent (set NEWSMON_FEED_CORPUS)");
    return;
  }
  for (auto _ : state) {
    for (const auto& f : Corpus()) {
      std::string copy = f;
      benchmark::DoNotOptimize(copy);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_CopyCorpus)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
