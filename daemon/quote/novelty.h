// Is a leader's quote new? Pure judgement over the leader's quote history.
//
//   NoveltyVerdict v = JudgeNovelty(quote.text, store.QuotesOf(leader_id));
//   if (v.is_new) alert(); else log("reprint of", v.similar_quote_id);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/time.h"

namespace newsmon {

struct PriorQuote {
  std::string quote_id;
  std::string text;  // as first seen
  Timestamp first_seen;
  std::string url;   // story where it was first seen
};

struct NoveltyVerdict {
  bool is_new = true;
  std::string similar_quote_id;  // the closest earlier quote, when any is similar
  double similarity = 0;         // 0..1
  std::optional<Timestamp> first_seen;
  std::string first_url;
};

// Case and punctuation folded, quote marks unified, white space collapsed.
std::string NormalizeQuoteText(std::string_view text);

// New unless an earlier quote is the same after folding, contains it, or is a
// near-duplicate of it.
NoveltyVerdict JudgeNovelty(std::string_view text, const std::vector<PriorQuote>& history);

}  // namespace newsmon
