// Why a fetch failed, as a closed set of kinds that metrics can count by.
//
//   client.Start(request, [](FetchResult r) {
//     if (!r.ok()) metrics.Count(FetchErrorKindName(r.error));  // "timeout", "too_large", ...
//   });
//   // Through the plain Fetcher interface the kind travels as the message prefix:
//   FetchErrorKind kind = FetchErrorKindOf(result.error());
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace newsmon {

enum class FetchErrorKind {
  kNone,              // a complete HTTP response arrived (any status)
  kBadUrl,            // malformed URL or a scheme that is not allowed
  kDns,               // the name did not resolve
  kConnectRefused,    // TCP RST on connect
  kConnect,           // other connect failures (unreachable, connect timeout)
  kTimeout,           // the total time limit was hit
  kTooSlow,           // below the low-speed limit for too long (slow drip)
  kTls,               // handshake or certificate failure
  kTooLarge,          // body (after decompression) above the cap, or response headers above libcurl's limits
  kConnectionLost,    // reset or closed mid-response
  kProtocol,          // malformed HTTP, bad content encoding
  kHttpStatus,        // 4xx/5xx: used by planners, never returned as a transport error
  kBlockedBySsrf,     // untrusted request to a private/loopback/... address
  kRedirectLoop,      // a redirect went back to a URL already visited
  kTooManyRedirects,  // more hops than max_redirects
  kBadRedirect,       // 3xx without Location, or to a non-http(s) URL
  kFile,              // file:// could not be read
  kCancelled,         // the client shut down before the fetch finished
  kInternal,
};

// Stable snake_case name ("timeout", "blocked_by_ssrf"), for logs and metric labels.
std::string_view FetchErrorKindName(FetchErrorKind kind);

// The generic code the kind maps to in Result<> errors.
ErrorCode FetchErrorCode(FetchErrorKind kind);

// An Error whose message is "<kind name>: <detail>".
Error MakeFetchError(FetchErrorKind kind, std::string detail);

// Recovers the kind from an Error made by MakeFetchError; kInternal for any other error.
FetchErrorKind FetchErrorKindOf(const Error& error);

}  // namespace newsmon
