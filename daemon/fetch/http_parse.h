// Pure parsing of the HTTP facts the fetcher and the poll planner need:
// caching and back-off headers, HTTP dates, and the parts of a URL that name
// a host for politeness limits and the SSRF allowlist. No I/O, no clock.
//
//   ResponseHeaders h;
//   h.AddLine("Retry-After: 120\r\n");
//   std::optional<std::chrono::seconds> wait = ParseRetryAfter(h.retry_after, now);  // 120s
//   Result<UrlParts> u = ParseUrlParts("https://Example.org:8443/feed");  // host "example.org", port 8443
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.h"
#include "util/time.h"

namespace newsmon {

// Headers of one response (one redirect hop), kept raw; names matched case-insensitively.
struct ResponseHeaders {
  std::string etag;
  std::string last_modified;
  std::string cache_control;
  std::string expires;
  std::string retry_after;
  std::string date;
  std::string location;
  std::string content_type;
  // Feeds one header line as libcurl's header callback gives it (with CRLF). A
  // status line ("HTTP/1.1 200 OK") starts a new response and clears the rest.
  void AddLine(std::string_view line);
};

// RFC 9110 HTTP-date in any of its three forms (IMF-fixdate, RFC 850, asctime).
std::optional<Timestamp> ParseHttpDate(std::string_view text);

// Retry-After as delay-seconds or HTTP-date (relative to `now`); capped at a
// week so a garbage value cannot park a feed for years. Past dates give 0.
std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value, Timestamp now);

// Cache-Control max-age (s-maxage ignored: we are not a shared cache).
std::optional<std::chrono::seconds> ParseMaxAge(std::string_view cache_control);

// Freshness lifetime per RFC 9111: max-age wins, else Expires - Date
// (Date defaults to `now`). An invalid Expires means "already expired" (0).
std::optional<std::chrono::seconds> FreshnessLifetime(const ResponseHeaders& headers, Timestamp now);

struct UrlParts {
  std::string scheme;  // lower case
  std::string host;    // lower case, IPv6 without brackets
  int port = 0;        // explicit or the scheme default
  // "host:port": the unit of per-host politeness.
  std::string HostKey() const;
};

Result<UrlParts> ParseUrlParts(const std::string& url);

// Whether a status is an HTTP redirect the fetcher follows.
constexpr bool IsRedirectStatus(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}
constexpr bool IsPermanentRedirectStatus(int status) { return status == 301 || status == 308; }

}  // namespace newsmon
