// libFuzzer target for the quote finder and attributor, leader matching and
// novelty. The first byte picks the language (en, de, ru or guess); the rest
// is the text. Checks that offsets stay inside the text and that every
// output is valid JSON-able UTF-8.
//
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz-quote -G Ninja -DNEWSMON_FUZZ=ON -DNEWSMON_TESTS=OFF \
//     -DNEWSMON_BENCH=OFF && ninja -C build-fuzz-quote quote_fuzz
//   build-fuzz-quote/tests/fuzz/quote_fuzz -max_len=8192 -max_total_time=300 tests/quote/fixtures
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "quote/novelty.h"
#include "quote/quote.h"
#include "util/text.h"

namespace {

const newsmon::LeaderIndex& Leaders() {
  static const newsmon::LeaderIndex index = [] {
    std::vector<newsmon::LeaderConfig> v(2);
    v[0].id = "kz-tokayev";
    v[0].name = "Kassym-Jomart Tokayev";
    v[0].country = "KZ";
    v[0].roles = {{"President of Kazakhstan", std::nullopt, std::nullopt}};
    v[1].id = "de-merz";
    v[1].name = "Friedrich Merz";
    v[1].country = "DE";
    v[1].roles = {{"Chancellor of Germany", std::nullopt, std::nullopt}};
    return newsmon::LeaderIndex(v);
  }();
  return index;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* kLanguages[] = {"en", "de", "ru", ""};
  const std::string language = kLanguages[data[0] % 4];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<newsmon::Quote> quotes = newsmon::FindQuotes(text, Leaders(), {language});
  const size_t cps = newsmon::CodePointCount(text);
  std::vector<newsmon::PriorQuote> history;
  // Agrees with JudgeNovelty exactly while no posting list can pass its limit.
  newsmon::QuoteHistoryIndex index;
  for (const auto& q : quotes) {
    if (q.start > q.end || q.end > cps) abort();
    const std::string json = newsmon::QuoteToJson(q);
    if (!newsmon::IsValidUtf8(json)) abort();
    const newsmon::NoveltyVerdict v = newsmon::JudgeNovelty(q.text, history);
    if (v.similarity < 0 || v.similarity > 1.0) abort();
    const newsmon::NoveltyVerdict w = index.Judge(q.text);
    const bool exact = history.size() <= newsmon::QuoteHistoryIndex::Options{}.max_postings_scanned;
    if (exact && (w.is_new != v.is_new || w.similar_quote_id != v.similar_quote_id || w.similarity != v.similarity)) {
      abort();
    }
    history.push_back({std::to_string(history.size()), q.text, {}, ""});
    index.Add(history.back());
    (void)Leaders().ResolveName(q.speaker);
    (void)Leaders().ResolveDescriptor(q.speaker);
  }
  newsmon::DedupeWithinStory(quotes);
  return 0;
}
