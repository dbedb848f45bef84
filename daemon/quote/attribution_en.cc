// English clause helpers for attribution: a time or place between speaker and
// verb, auxiliaries that make a phrase a clause, and places that stand where
// a subject could.
#include <algorithm>
#include <array>

#include "quote/attributor.h"

namespace newsmon::quote_internal {

namespace {

bool IsDateWord(const std::string& w) {
  static constexpr std::array<std::string_view, 36> kWords = {
      "january",  "february", "march",    "april",     "may",     "june",    "july",      "august",   "september",
      "october",  "november", "december", "jan.",      "feb.",    "mar.",    "apr.",      "aug.",     "sept.",
      "sep.",     "oct.",     "nov.",     "dec.",      "monday",  "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday",   "morning",  "afternoon", "evening", "night",   "week",      "month",    "year"};
  if (!w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return (c >= '0' && c <= '9') || c == ','; })) {
    return true;
  }
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

}  // namespace

size_t Attributor::BeforeTimePhrase(size_t i, size_t lo) const {
  if (lex_->language != Language::kEnglish || !IsWord(i)) return i;
  // "Tokayev in Astana told", "the ambassador in Berlin said": where it was
  // said, a place of one to three capitalised words.
  if (T(i).upper && !IsDateWord(T(i).lower)) {
    size_t b = i;
    while (b > lo && i - b < 2 && IsWord(b - 1) && T(b - 1).upper) --b;
    if (b >= lo + 2 && IsWord(b - 1) && (T(b - 1).lower == "in" || T(b - 1).lower == "at") && IsWord(b - 2) &&
        (T(b - 2).upper || Has(b - 2, Lexicon::kRole))) {
      return b - 2;
    }
    return i;
  }
  // "Toqaev on September 16 told", "Scholz on Tuesday said", "Merz last week
  // said": when something was said, between the speaker and the verb.
  if (!IsDateWord(T(i).lower)) return i;
  size_t b = i;
  for (size_t n = 0; n < 4 && b > lo && IsWord(b - 1) && IsDateWord(T(b - 1).lower); ++n) --b;
  if (b <= lo + 1 || !IsWord(b - 1)) return i;
  const std::string& opener = T(b - 1).lower;
  if (opener != "on" && opener != "in" && opener != "last" && opener != "this" && opener != "late" &&
      opener != "early") {
    return i;
  }
  return b - 2;
}

bool Attributor::IsAuxiliary(const std::string& w) {
  static constexpr std::array<std::string_view, 22> kAux = {
      "is",  "was",   "are",   "were", "be",  "been", "has",   "have", "had",    "do",    "does",
      "did", "could", "would", "will", "can", "may",  "might", "must", "should", "shall", "'s"};
  return std::find(kAux.begin(), kAux.end(), w) != kAux.end();
}

bool Attributor::NamesAPlace(const Np& np) const {
  if (lex_->language != Language::kEnglish || np.kind != Np::kName || np.name.empty()) return false;
  // "Jim Jordan … Jordan said": a surname the text gave in full is a person.
  if (np.name.size() == 1 && persons_.Known(LowerWord(np.name[0]))) return false;
  std::string words;
  for (std::string_view w : np.name) {
    if (!words.empty()) words += ' ';
    words += LowerWord(w);
  }
  // "New Hampshire" may come as "Hampshire" after a capitalised "New" the
  // name scanner read as a sentence opener.
  return IsPlaceName(words) ||
         (np.begin > 0 && IsWord(np.begin - 1) && IsPlaceName(T(np.begin - 1).lower + ' ' + words));
}

}  // namespace newsmon::quote_internal
