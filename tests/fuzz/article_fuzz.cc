// libFuzzer target for the article extractor: any bytes must give an Article
// or an Error, valid UTF-8 JSON, and no crash, hang or runaway memory.
//
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DNEWSMON_FUZZ=ON -DNEWSMON_TESTS=OFF -DNEWSMON_BENCH=OFF
//   ninja -C build-fuzz article_fuzz && build-fuzz/tests/fuzz/article_fuzz -max_len=200000 -timeout=10
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "article/byline.h"
#include "article/dates.h"
#include "article/extractor.h"
#include "article/metadata.h"
#include "article/page_guard.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the declared charset, so the decoder paths are fuzzed too.
  static const char* kContentTypes[] = {"",
                                        "text/html; charset=utf-8",
                                        "text/html; charset=iso-8859-1",
                                        "text/html; charset=shift_jis",
                                        "text/html; charset=utf-16le",
                                        "text/html; charset=bogus"};
  const std::string content_type = kContentTypes[data[0] % (sizeof kContentTypes / sizeof *kContentTypes)];
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  auto article = newsmon::ExtractArticle(input, {"https://fuzz.example/2024/01/02/a", content_type});
  if (article) (void)newsmon::ArticleToJson(*article);
  (void)newsmon::article::LimitNesting(input, 8);
  const std::string_view short_input = input.substr(0, 256);
  (void)newsmon::article::ParsePageDate(short_input);
  (void)newsmon::article::FindDateInText(short_input);
  (void)newsmon::article::SplitByline(short_input);
  (void)newsmon::article::IsSiteName(short_input,
                                     newsmon::article::SiteNameKeys({std::string(short_input)}, short_input));
  (void)newsmon::article::IsPageChrome(short_input);
  (void)newsmon::article::StripSiteName(short_input, "site");
  return 0;
}
