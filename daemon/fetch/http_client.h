// Event-driven HTTP client: libcurl's multi SOCKET interface driven by one
// Boost.Asio io_context. Thousands of fetches share one thread and one
// connection cache (keep-alive, HTTP/2 multiplexing); requests above the
// global and per-host limits wait in a queue instead of failing.
//
//   boost::asio::io_context io;
//   HttpClient client(io, HttpClientOptions::FromConfig(config.http));
//   client.Start({.url = feed.url, .etag = state.etag, .last_modified = state.last_modified, .trusted = true},
//                [](FetchResult r) {
//     if (!r.ok()) return count(FetchErrorKindName(r.error));
//     if (r.response.not_modified()) return;  // 304
//     parse(r.response.body);
//   });
//   io.run();  // one loop thread; every callback runs here
//
// Threading: Start() must be called on the loop thread (or while the loop is
// not running); from other threads, boost::asio::post(io, ...) it. The
// io_context must outlive the client. Destroying the client drops fetches in
// flight without calling their callbacks.
//
// Redirects are followed by the client itself (not by libcurl) so every hop's
// status is seen, re-checked by the SSRF guard and queued under the politeness
// limits of its own host.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "fetch/fetch_error.h"
#include "fetch/fetcher.h"

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace newsmon {

struct HttpClientOptions {
  std::string user_agent = "newsmon/0.1";
  int max_connections = 256;                    // transfers in flight, all hosts
  int per_host_connections = 2;                 // transfers in flight per host:port
  std::chrono::milliseconds per_host_delay{0};  // between request starts on one host
  bool allow_private_addresses = false;
  std::vector<std::string> allow_hosts;
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{30000};
  // Abort when the transfer rate stays below low_speed_limit bytes/s for
  // low_speed_time (curl counts whole seconds; at least 1).
  long low_speed_limit = 64;
  std::chrono::seconds low_speed_time{20};
  int64_t max_body_bytes = 16 * 1024 * 1024;  // after decompression
  int max_redirects = 5;
  bool http2 = true;  // negotiate HTTP/2 over TLS (ALPN) and multiplex

  static HttpClientOptions FromConfig(const HttpConfig& config);
};

struct FetchResult {
  FetchErrorKind error = FetchErrorKind::kNone;  // kNone: a complete HTTP response (any status)
  std::string message;                           // empty when ok
  // Complete when ok; otherwise what was seen before the failure (redirects).
  FetchResponse response;
  std::chrono::steady_clock::time_point queued_at;   // Start() was called
  std::chrono::steady_clock::time_point started_at;  // first hop handed to libcurl (after politeness waits)
  std::chrono::steady_clock::time_point finished_at;

  bool ok() const { return error == FetchErrorKind::kNone; }
  // HTTP responses of any status are values; transport failures are errors
  // built with MakeFetchError so FetchErrorKindOf() recovers the kind.
  Result<FetchResponse> ToResult() &&;
};

struct HttpClientStats {
  uint64_t requests_started = 0;  // Start() calls
  uint64_t hops_started = 0;      // requests handed to libcurl, redirects included
  uint64_t completed = 0;         // callbacks posted (ok or not)
  uint64_t failed = 0;
  uint64_t sockets_opened = 0;
  uint64_t sockets_closed = 0;
  uint64_t ssrf_refusals = 0;
  size_t queued = 0;  // waiting for a politeness slot
  size_t active = 0;  // handed to libcurl
};

class HttpClient final : public Fetcher {
 public:
  using DoneCallback = std::function<void(FetchResult)>;

  HttpClient(boost::asio::io_context& io, HttpClientOptions options);
  ~HttpClient() override;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  void Start(FetchRequest request, DoneCallback done);

  // Fetcher: the same, with the result as Result<FetchResponse>.
  void Fetch(FetchRequest request, Callback done) override;
  // Runs the io_context on the calling thread until every started fetch has
  // called back. Only for callers that do not run the loop elsewhere.
  void Drain() override;

  // Fetches started whose callback has not run yet.
  size_t pending() const;
  HttpClientStats stats() const;

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace newsmon
