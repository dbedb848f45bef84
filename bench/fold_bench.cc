// Folding speed of the topic matcher by script: 5 KB of Russian, German and
// English news-like text (generated from a fixed word list, so the figures
// need no data set). ASCII goes 64 bytes at a time, Latin text with accents
// falls back to 8 bytes at a time around them, Cyrillic goes through the
// code point table; this keeps an eye on all three.
//
//   ninja -C build fold_bench && build/bench/fold_bench
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "match/fold.h"

namespace newsmon::bench {
namespace {

std::string NewsText(const std::vector<std::string>& words, size_t bytes) {
  std::mt19937 rng(7);
  std::string text;
  while (text.size() < bytes) {
    text += words[rng() % words.size()];
    text += rng() % 9 == 0 ? ", " : (rng() % 40 == 0 ? ".\n\n" : " ");
  }
  return text;
}

const std::string& Text(int script) {
  static const std::string russian =
      NewsText({"Токаев", "заявил", "что", "Казахстан", "готов", "стать", "надежным", "поставщиком", "критического",
                "сырья", "для", "немецкой", "промышленности", "санкции", "России"},
               5000);
  static const std::string german = NewsText(
      {"Bundeskanzler", "Merz", "sagte", "dass", "Kasachstan", "für", "die", "deutsche", "Industrie", "wichtig", "sei",
       "Rohstoffe", "Zusammenarbeit", "strategisch", "Sanktionen", "gegen", "Russland", "Außenminister"},
      5000);
  static const std::string english =
      NewsText({"Tokayev", "said", "that", "Kazakhstan", "is", "ready", "to", "become", "a", "reliable", "supplier",
                "of", "critical", "raw", "materials", "sanctions", "Russia"},
               5000);
  return script == 0 ? russian : script == 1 ? german : english;
}

void BM_Fold(benchmark::State& state, int script) {
  const std::string& text = Text(script);
  match::FoldedDocument doc;
  for (auto _ : state) {
    match::FoldDocument("", text, doc);
    benchmark::DoNotOptimize(doc.words.size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK_CAPTURE(BM_Fold, russian, 0)->MinTime(1);
BENCHMARK_CAPTURE(BM_Fold, german, 1)->MinTime(1);
BENCHMARK_CAPTURE(BM_Fold, english, 2)->MinTime(1);

}  // namespace
}  // namespace newsmon::bench

BENCHMARK_MAIN();
