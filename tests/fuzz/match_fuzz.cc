// libFuzzer target for the topic rule parser and the matcher built from it:
// any bytes as a rule must give a compiled matcher or a located error, never
// a crash, hang or unbounded memory; a compiled rule is then run on a story
// made of the same bytes and on a fixed one, matched and explained (misses
// too). Two definitions (@ru, @sx, the second using the first) and one that
// uses itself (@loop) are in scope.
//
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz-match -G Ninja -DNEWSMON_FUZZ=ON -DNEWSMON_TESTS=OFF \
//     -DNEWSMON_BENCH=OFF && ninja -C build-fuzz-match match_fuzz
//   build-fuzz-match/tests/fuzz/match_fuzz -max_len=512 -dict=tests/match/fixtures/match_fuzz.dict
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "match/matcher.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  newsmon::TopicConfig topic;
  topic.id = "fuzz";
  topic.query = text;
  topic.threshold = size % 3;
  topic.query_where = newsmon::SourceLocation{"fuzz.yaml", 1, 1};
  static const auto definitions = std::make_shared<const newsmon::RuleDefinitions>(newsmon::RuleDefinitions{
      {"ru", {"russia OR moscow*", {"fuzz.yaml", 2, 1}}},
      {"sx", {"(sanction* NOT NEAR/3 iran) OR *sanktion* NOT NEAR/para @ru", {"fuzz.yaml", 3, 1}}},
      {"loop", {"a OR @loop", {"fuzz.yaml", 4, 1}}},
  });
  topic.definitions = definitions;
  auto matcher = newsmon::Matcher::Compile({topic});
  if (!matcher.ok()) {
    if (matcher.error().message.rfind("fuzz.yaml:", 0) != 0) __builtin_trap();  // errors must be located
    return 0;
  }
  const auto r1 = (*matcher)->Match({text, text});
  const auto r2 = (*matcher)->Match({"Russia and Kazakhstan", "Sanctions on Russia.\n\nGermany and Uzbekistan."});
  const auto r3 = (*matcher)->Explain({text, text});
  if (r1.size() != 1 || r2.size() != 1 || r3.size() != 1 || r3[0].matched != r1[0].matched) __builtin_trap();
  for (const auto& h : r1[0].terms) {
    if (h.start > h.end) __builtin_trap();
  }
  return 0;
}
