// Fetching: URL in, bytes out, with the HTTP facts scheduling needs.
//
//   fetcher.Fetch({.url = feed.url, .etag = state.etag, .trusted = true},
//                 [](Result<FetchResponse> r) { ... });
//
// Completion callbacks run on the fetcher's own thread (the I/O loop);
// they must not block.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "util/result.h"

namespace newsmon {

struct FetchRequest {
  std::string url;
  std::string etag;           // sent as If-None-Match
  std::string last_modified;  // sent as If-Modified-Since
  // Operator-written URLs (config) are trusted; links found inside feeds are
  // not, and go through the SSRF guard.
  bool trusted = false;
};

// One response seen on the way to the final one.
struct RedirectHop {
  std::string url;
  int status = 0;
};

struct FetchResponse {
  int status = 0;  // HTTP status; 200 for file://
  std::string body;
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::string effective_url;       // after redirects
  std::string permanent_redirect;  // target of a 301/308 seen on the way, if any
  std::optional<std::chrono::seconds> retry_after;
  // Freshness lifetime: Cache-Control max-age, else Expires - Date.
  std::optional<std::chrono::seconds> max_age;
  // Stable hash of the (decoded) body, 32 hex chars; equal hashes mean an
  // unchanged 200 body whose parsing can be skipped. Empty for 304.
  std::string body_hash;
  std::vector<RedirectHop> redirects;  // every 3xx followed, in order
  bool not_modified() const { return status == 304; }
};

class Fetcher {
 public:
  using Callback = std::function<void(Result<FetchResponse>)>;
  virtual ~Fetcher() = default;
  virtual void Fetch(FetchRequest request, Callback done) = 0;
  // Runs until every started fetch has completed.
  virtual void Drain() = 0;
};

// The event-driven HttpClient (fetch/http_client.h) with its own io_context,
// for synchronous callers: Fetch() queues, Drain() runs the loop on the
// calling thread until every queued fetch has completed. Callbacks run inside Drain().
std::unique_ptr<Fetcher> MakeHttpFetcher(const HttpConfig& config);

}  // namespace newsmon
