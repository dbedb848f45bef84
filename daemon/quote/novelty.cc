#include "quote/novelty.h"

#include "util/text.h"

namespace newsmon {

std::string NormalizeQuoteText(std::string_view text) {
  const std::string folded = FoldForMatching(text);
  std::string out;
  bool space = false;
  for (unsigned char c : folded) {
    const bool keep = std::isalnum(c) || c >= 0x80;
    if (keep) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(c);
    } else {
      space = true;
    }
  }
  return out;
}

NoveltyVerdict JudgeNovelty(std::string_view text, const std::vector<PriorQuote>& history) {
  NoveltyVerdict v;
  const std::string key = NormalizeQuoteText(text);
  for (const auto& prior : history) {
    const std::string prior_key = NormalizeQuoteText(prior.text);
    if (!key.empty() && prior_key.find(key) != std::string::npos) {
      v.is_new = false;
      v.similar_quote_id = prior.quote_id;
      v.similarity = 1.0;
      v.first_seen = prior.first_seen;
      v.first_url = prior.url;
      return v;
    }
  }
  return v;
}

}  // namespace newsmon
