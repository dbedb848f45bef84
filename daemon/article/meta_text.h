// Text helpers shared by the metadata readers (metadata.cc, headline.cc).
//
//   MatchKey("Don’t Panic!") == MatchKey("Don't panic");  // true
//   DecodeEntities("Q&amp;A &#8211; live");              // "Q&A – live"
#pragma once

#include <string>
#include <string_view>

#include "util/text.h"

namespace newsmon::article {

// Letters and digits only, ASCII lower-cased, typographic quotes dropped: the
// key for "is this the same headline" comparisons.
std::string MatchKey(std::string_view s);
bool LooksLikeUrl(std::string_view s);
// Named and numeric HTML entities. Script text (JSON-LD) and some attribute
// values reach us undecoded.
std::string DecodeEntities(std::string s);
// "Investorâ€™s" -> "Investor’s": UTF-8 that was read as Latin-1 or
// Windows-1252 and encoded again. Text that does not decode that way is
// returned as it is.
std::string RepairDoubleEncoding(std::string_view s);

}  // namespace newsmon::article
