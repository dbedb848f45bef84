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
  std::string url;  // story where it was first seen
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

// True when the folded text `needle` occurs in the folded `haystack` on word
// boundaries (both from NormalizeQuoteText).
bool ContainsWords(std::string_view haystack, std::string_view needle);

// Similarity of two folded texts, 0..1: the larger of the word-shingle
// Jaccard index and the share of `text`'s shingles found in `prior`.
double QuoteSimilarity(std::string_view text, std::string_view prior);

// A quote at or above this similarity to an earlier one is a near-duplicate.
inline constexpr double kNearDuplicate = 0.7;

// New unless an earlier quote is the same after folding, contains it, or is a
// near-duplicate of it (minor edits, other quote marks, a syndicated reprint).
// The verdict names the most similar earlier quote whenever one shares words.
NoveltyVerdict JudgeNovelty(std::string_view text, const std::vector<PriorQuote>& history);
// The same, with NormalizeQuoteText of every prior precomputed (history_keys[i]
// belongs to history[i]): a long-running daemon keeps the keys beside the
// history instead of folding every prior quote again for each new one.
NoveltyVerdict JudgeNovelty(std::string_view text, const std::vector<PriorQuote>& history,
                            const std::vector<std::string>& history_keys);

}  // namespace newsmon
