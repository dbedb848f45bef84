// Feed dates to UTC instants: RFC 822/1123 and the broken forms publishers
// write (no day name, two-digit years, missing seconds, named and military
// zones, "Sept", dashes), RFC 3339 / ISO 8601 (also without separators or
// zone, dates only). Never guesses: what it cannot read gives nullopt.
//
//   std::optional<Timestamp> t = ParseFeedDate("Tue, 10 Jun 2003 04:00:00 PDT");
#pragma once

#include <optional>
#include <string_view>

#include "util/time.h"

namespace newsmon::feed {

std::optional<Timestamp> ParseFeedDate(std::string_view text);
std::optional<Timestamp> ParseRfc822Date(std::string_view text);
std::optional<Timestamp> ParseIso8601Date(std::string_view text);

}  // namespace newsmon::feed
