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

// "90", "30s", "5m", "2h", "1d" -> seconds. nullopt when malformed.
std::optional<std::chrono::seconds> ParseDuration(std::string_view text);

}  // namespace newsmon
