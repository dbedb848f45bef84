// How one feed poll ended: the one vocabulary the poll planner, the metrics
// (`newsmon_polls_total{result}`), the cycle report and the logs share.
//
//   PollResult r = PollResult::kTruncated;
//   std::string_view name = PollResultName(r);    // "truncated"
//   bool failed = PollFailed(r);                   // true
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace newsmon {

enum class PollResult {
  kOk,            // new content parsed
  kNotModified,   // HTTP 304
  kUnchanged,     // 200 with the same body as last time
  kHttpError,     // 4xx/5xx
  kNetworkError,  // DNS, connect, TLS, timeout, too large, reset
  kParseError,    // the body is not a feed
  kTruncated,     // the feed ended inside an item or before its root closed
  kStateError,    // the state store could not say which items are new
  kBlocked,       // refused by the SSRF guard or not allowed
};
inline constexpr size_t kPollResultCount = 9;

inline constexpr std::array<std::string_view, kPollResultCount> kPollResultNames = {
    "ok",          "not_modified", "unchanged",   "http_error", "network_error",
    "parse_error", "truncated",    "state_error", "blocked"};

inline std::string_view PollResultName(PollResult result) { return kPollResultNames[static_cast<size_t>(result)]; }

// Whether the poll failed (backs off, counts as a failing feed).
inline bool PollFailed(PollResult result) {
  return result != PollResult::kOk && result != PollResult::kNotModified && result != PollResult::kUnchanged;
}

}  // namespace newsmon
