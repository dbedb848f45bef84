// Feed parsing: bytes in, Feed out. Pure: no I/O, no clock.
//
//   ParseOptions opts{.base_url = "https://example.org/rss", .content_type = "application/rss+xml"};
//   Result<Feed> feed = ParseFeed(body, opts);
//   std::string json = ToNeutralJson(*feed);  // the model of `newsmon parse-feed`
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "feed/feed.h"
#include "util/result.h"

namespace newsmon::feed {

struct ParseOptions {
  std::string base_url;      // document URL, for relative links
  std::string content_type;  // HTTP Content-Type, may carry a charset
};

// ParseFeed refuses larger documents (kLimit). Public so that the config
// can bound http.max_body_bytes by it: a body the fetcher accepts must not
// be one the parser throws away.
inline constexpr size_t kMaxFeedBytes = 64u << 20;

Result<Feed> ParseFeed(std::string_view bytes, const ParseOptions& options);

// One JSON object in the neutral model (../shared/data/feeds/README.md).
std::string ToNeutralJson(const Feed& feed);

}  // namespace newsmon::feed
