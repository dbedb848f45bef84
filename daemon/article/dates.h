// Reading the many ways pages write dates.
//
//   std::optional<PageDate> d = ParsePageDate("Thu, 04 Sep 2025 10:00:00 +0200");
//   FormatPageDate(*d);  // "2025-09-04T10:00:00+02:00": the page's own local time
//
// The offset the page wrote is kept, because a story's day is the day in the
// publisher's time zone, not in UTC.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/time.h"

namespace newsmon::article {

struct PageDate {
  Timestamp utc{};
  std::optional<int> offset_minutes;  // as written; nullopt when the page gave none
  bool has_time = false;
};

// Machine-ish formats: ISO 8601 / RFC 3339 (also "YYYY-MM-DD HH:MM", "YYYY/MM/DD",
// "+0200"), RFC 822 ("Thu, 04 Sep 2025 10:00:00 GMT"), and the human forms below.
std::optional<PageDate> ParsePageDate(std::string_view text);
// First date written for humans inside running text: "September 4, 2025",
// "4 Sep 2025", "Sept. 4th, 2025", "2025-09-04", "04.09.2025".
std::optional<PageDate> FindDateInText(std::string_view text);
// /2025/09/04/, /2025-09-04/, /20250904/ in a URL path, the last resort.
std::optional<PageDate> DateFromUrl(std::string_view url);
// RFC 3339 in the page's own offset; "Z" when it gave none.
std::string FormatPageDate(const PageDate& date);

}  // namespace newsmon::article
