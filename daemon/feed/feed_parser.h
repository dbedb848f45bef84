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

// Parses one feed document (RSS, RDF, Atom, JSON Feed; any encoding).
//
// Three outcomes:
//  * an error: the bytes are not a feed (no root element, an unknown root,
//    invalid JSON) or were refused (XXE, entity bombs, nesting and size
//    limits). Nothing in them should be used.
//  * a Feed with `truncated == false`: the document was complete. Inner
//    markup errors may have been recovered (see `warnings`).
//  * a Feed with `truncated == true`: the document ends before its root
//    element (or JSON Feed's top-level object) is closed, so the end of the
//    feed never arrived, typically an HTTP/1.0 or `Connection: close`
//    response without Content-Length whose connection dropped (the fetcher
//    cannot see that; it returns status 200 and the bytes it got).
//    `entries` holds the items that were complete; the item or entry being
//    cut is dropped (its guid, link or text may be partial). A warning
//    starting "truncated: " says where it was cut.
//    For the caller: the complete entries are real and may be processed, but
//    the response is not the feed the validators (ETag, Last-Modified) and
//    the body hash describe, so do not store them: the next poll must fetch
//    the whole document again rather than get a 304 or "unchanged" and miss
//    the items after the cut. Count the poll as `truncated`.
//
// Only an unclosed root at end of input, and the unclosed item/entry inside
// it, mean truncation: elements left open inside an item that is closed
// (`<br>`, `<p>`, a missing `</description>`) are recovered as before.

// ParseFeed refuses larger documents (kLimit). Public so that the config
// can bound http.max_body_bytes by it: a body the fetcher accepts must not
// be one the parser throws away.
inline constexpr size_t kMaxFeedBytes = 64u << 20;

Result<Feed> ParseFeed(std::string_view bytes, const ParseOptions& options);

// One JSON object in the neutral model (../shared/data/feeds/README.md),
// plus `"truncated": true` for a truncated document.
std::string ToNeutralJson(const Feed& feed);

}  // namespace newsmon::feed
