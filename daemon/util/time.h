// Time vocabulary: UTC instants at second precision, RFC 3339 text.
//
//   Timestamp t = Now();
//   std::string s = FormatRfc3339(t);  // "2026-11-28T07:02:06Z"
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace newsmon {

using Timestamp = std::chrono::sys_seconds;

Timestamp Now();
std::string FormatRfc3339(Timestamp t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)" and "YYYY-MM-DD".
std::optional<Timestamp> ParseRfc3339(std::string_view text);

// The longest duration ParseDuration accepts: 100 years. std::chrono
// arithmetic overflows silently, and a duration is converted to nanoseconds
// and added to a clock's now() (some 1.8e18 ns since 1970) by its users; 100
// years (3.2e18 ns) leaves that sum below INT64_MAX for another century.
inline constexpr std::chrono::seconds kMaxDuration = std::chrono::days(36500);

// "90", "30s", "5m", "2h", "1d" -> seconds. nullopt when malformed, negative
// or longer than kMaxDuration (so "106751991167301d" is refused rather than
// wrapping around to a few seconds).
std::optional<std::chrono::seconds> ParseDuration(std::string_view text);

}  // namespace newsmon
