// libFuzzer target for the feed parser: any bytes must give a Feed or an
// error, never a crash, hang or unbounded allocation.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feed/feed_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The first byte picks the HTTP charset path so that it is fuzzed too.
  static const char* const kContentTypes[] = {"", "application/rss+xml; charset=utf-8",
                                              "text/xml; charset=windows-1251", "application/atom+xml; charset=utf-16",
                                              "text/xml; charset=koi8-r"};
  const char* ct = "";
  if (!bytes.empty()) {
    ct = kContentTypes[static_cast<unsigned char>(bytes[0]) % 5];
    bytes.remove_prefix(1);
  }
  newsmon::feed::ParseOptions options{"http://example.org/feeds/main.xml", ct};
  auto feed = newsmon::feed::ParseFeed(bytes, options);
  if (feed) (void)newsmon::feed::ToNeutralJson(*feed);
  return 0;
}
