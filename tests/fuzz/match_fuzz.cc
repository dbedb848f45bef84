// libFuzzer target for the topic rule parser and the matcher built from it:
// any bytes as a rule must give a compiled matcher or a located error, never
// a crash, hang or unbounded memory; a compiled rule is then run on a story
// made of the same bytes and on a fixed one.
//
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz-match -G Ninja -DNEWSMON_FUZZ=ON -DNEWSMON_TESTS=OFF \
//     -DNEWSMON_BENCH=OFF && ninja -C build-fuzz-match match_fuzz
//   build-fuzz-match/tests/fuzz/match_fuzz -max_len=512 -dict=tests/match/fixtures/match_fuzz.dict
#include <cstddef>
#include <cstdint>
#include <string>

#include "match/matcher.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  newsmon::TopicConfig topic;
  topic.id = "fuzz";
  topic.query = text;
  topic.threshold = size % 3;
  topic.query_where = newsmon::SourceLocation{"fuzz.yaml", 1, 1};
  auto matcher = newsmon::Matcher::Compile({topic});
  if (!matcher.ok()) {
    if (matcher.error().message.rfind("fuzz.yaml:", 0) != 0) __builtin_trap();  // errors must be located
    return 0;
  }
  const auto r1 = (*matcher)->Match({text, text});
  const auto r2 = (*matcher)->Match({"Russia and Kazakhstan", "Sanctions on Russia.\n\nGermany and Uzbekistan."});
  if (r1.size() != 1 || r2.size() != 1) __builtin_trap();
  for (const auto& h : r1[0].terms) {
    if (h.start > h.end) __builtin_trap();
  }
  return 0;
}
