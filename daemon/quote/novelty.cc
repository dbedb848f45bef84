#include "quote/novelty.h"

#include <algorithm>
#include <unordered_set>

#include "quote/scan.h"
#include "util/text.h"

namespace newsmon {
namespace {

// Word n-grams of a folded text; short texts use shorter grams so that a
// two-word quote still has something to compare.
std::vector<std::string> Shingles(std::string_view key) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < key.size()) {
    size_t sp = key.find(' ', pos);
    if (sp == std::string_view::npos) sp = key.size();
    if (sp > pos) words.push_back(key.substr(pos, sp - pos));
    pos = sp + 1;
  }
  const size_t n = words.size() >= 8 ? 3 : words.size() >= 3 ? 2 : 1;
  std::vector<std::string> out;
  if (words.empty()) return out;
  for (size_t i = 0; i + n <= words.size(); ++i) {
    std::string s(words[i]);
    for (size_t k = 1; k < n; ++k) {
      s += ' ';
      s += words[i + k];
    }
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::string NormalizeQuoteText(std::string_view text) {
  const std::string folded = FoldForMatching(text);
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  size_t i = 0;
  while (i < folded.size()) {
    size_t len = 0;
    const char32_t c = quote_internal::DecodeAt(folded, i, &len);
    // Apostrophes inside words vanish (don't == dont); other punctuation separates.
    const bool apostrophe = c == '\'' || c == 0x2019;
    if (quote_internal::IsLetter(c) || quote_internal::IsDigit(c)) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out.append(folded, i, len);
    } else if (!apostrophe) {
      space = true;
    }
    i += len;
  }
  return out;
}

bool ContainsWords(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return false;
  size_t pos = 0;
  while ((pos = haystack.find(needle, pos)) != std::string_view::npos) {
    const bool left = pos == 0 || haystack[pos - 1] == ' ';
    const size_t end = pos + needle.size();
    const bool right = end == haystack.size() || haystack[end] == ' ';
    if (left && right) return true;
    ++pos;
  }
  return false;
}

double QuoteSimilarity(std::string_view text, std::string_view prior) {
  const std::vector<std::string> a = Shingles(text);
  const std::vector<std::string> b = Shingles(prior);
  if (a.empty() || b.empty()) return 0;
  std::vector<std::string> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  const double inter = static_cast<double>(common.size());
  const double jaccard = inter / static_cast<double>(a.size() + b.size() - common.size());
  const double containment = inter / static_cast<double>(a.size());
  return std::max(jaccard, containment);
}

NoveltyVerdict JudgeNovelty(std::string_view text, const std::vector<PriorQuote>& history) {
  std::vector<std::string> keys;
  keys.reserve(history.size());
  for (const auto& prior : history) keys.push_back(NormalizeQuoteText(prior.text));
  return JudgeNovelty(text, history, keys);
}

NoveltyVerdict JudgeNovelty(std::string_view text, const std::vector<PriorQuote>& history,
                            const std::vector<std::string>& history_keys) {
  NoveltyVerdict v;
  const std::string key = NormalizeQuoteText(text);
  if (key.empty()) return v;
  const std::vector<std::string> key_shingles = Shingles(key);
  const PriorQuote* best = nullptr;
  double best_sim = 0;
  for (size_t i = 0; i < history.size() && i < history_keys.size(); ++i) {
    const std::string& prior_key = history_keys[i];
    double sim = 0;
    if (prior_key == key || ContainsWords(prior_key, key)) {
      sim = 1.0;
    } else if (!key_shingles.empty()) {
      const std::vector<std::string> b = Shingles(prior_key);
      if (!b.empty()) {
        std::vector<std::string> common;
        std::set_intersection(key_shingles.begin(), key_shingles.end(), b.begin(), b.end(), std::back_inserter(common));
        const double inter = static_cast<double>(common.size());
        sim = std::max(inter / static_cast<double>(key_shingles.size() + b.size() - common.size()),
                       inter / static_cast<double>(key_shingles.size()));
      }
    }
    if (sim > best_sim) {
      best_sim = sim;
      best = &history[i];
      if (sim >= 1.0) break;
    }
  }
  if (best != nullptr && best_sim > 0) {
    v.similar_quote_id = best->quote_id;
    v.similarity = best_sim;
    if (best_sim >= kNearDuplicate) {
      v.is_new = false;
      v.first_seen = best->first_seen;
      v.first_url = best->url;
    }
  }
  return v;
}

}  // namespace newsmon
