// Helpers shared by the quote tests: leaders for tests and lookups by text.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"
#include "quote/quote.h"

namespace newsmon::testing {

inline std::vector<LeaderConfig> TestLeaders() {
  using std::chrono::sys_days;
  using namespace std::chrono;
  std::vector<LeaderConfig> v(5);
  v[0].id = "kz-tokayev";
  v[0].name = "Kassym-Jomart Tokayev";
  v[0].country = "KZ";
  v[0].roles = {{"President of Kazakhstan", sys_days{2019y / March / 20}, std::nullopt}};
  v[1].id = "de-merz";
  v[1].name = "Friedrich Merz";
  v[1].country = "DE";
  v[1].roles = {{"Chancellor of Germany", sys_days{2025y / May / 6}, std::nullopt}};
  v[2].id = "de-scholz";
  v[2].name = "Olaf Scholz";
  v[2].country = "DE";
  v[2].roles = {{"Chancellor of Germany", sys_days{2021y / December / 8}, sys_days{2025y / May / 6}},
                {"Vice Chancellor of Germany", sys_days{2018y / March / 14}, sys_days{2021y / December / 8}}};
  v[3].id = "uz-mirziyoyev";
  v[3].name = "Shavkat Mirziyoyev";
  v[3].country = "UZ";
  v[3].roles = {{"President of Uzbekistan", sys_days{2016y / December / 14}, std::nullopt}};
  v[4].id = "ru-putin";
  v[4].name = "Vladimir Putin";
  v[4].country = "RU";
  v[4].roles = {{"President of Russia", sys_days{2012y / May / 7}, std::nullopt}};
  return v;
}

// The quote whose text contains `needle`, or nullptr.
inline const Quote* FindByText(const std::vector<Quote>& quotes, std::string_view needle) {
  for (const Quote& q : quotes) {
    if (q.text.find(needle) != std::string::npos) return &q;
  }
  return nullptr;
}

// Last word of a speaker name (what the evaluation compares).
inline std::string LastWord(const std::string& name) {
  const size_t sp = name.find_last_of(' ');
  return sp == std::string::npos ? name : name.substr(sp + 1);
}

// Quotes of passages in one language, with the test leaders.
struct LanguageFixture {
  explicit LanguageFixture(std::string lang) : language(std::move(lang)) {}
  std::vector<Quote> Find(std::string_view text) const { return FindQuotes(text, leaders, {language}); }
  LeaderIndex leaders{TestLeaders()};
  std::string language;
};

// Speaker of the quote whose text contains `needle`; "<no quote>" when none.
inline std::string SpeakerOfQuote(const std::vector<Quote>& quotes, std::string_view needle) {
  const Quote* q = FindByText(quotes, needle);
  return q == nullptr ? "<no quote>" : q->speaker;
}

}  // namespace newsmon::testing
