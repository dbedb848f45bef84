// `newsmon quotes`: owned by the quote stage.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/cli_io.h"
#include "app/commands.h"
#include "quote/quote.h"

namespace newsmon {

namespace {

std::optional<std::chrono::sys_days> ParseDay(const std::string& text) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  const std::chrono::year_month_day day{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!day.ok()) return std::nullopt;
  return std::chrono::sys_days(day);
}

}  // namespace

int QuotesCommand(const std::string& file, const std::string& config_file, const std::string& date,
                  const std::string& language) {
  // The story's date picks who held a role ("the chancellor"); like a story
  // the daemon fetches today when none is given.
  std::optional<std::chrono::sys_days> day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  if (!date.empty()) {
    day = ParseDay(date);
    if (!day) {
      std::cerr << "--date must be a date YYYY-MM-DD, found '" << date << "'\n";
      return 2;
    }
  }
  auto text = ReadFile(file);
  if (!text) {
    std::cerr << "cannot read " << file << "\n";
    return 1;
  }
  LeaderIndex leaders;
  AnalysisConfig analysis;
  if (!config_file.empty()) {
    auto config = LoadConfig(config_file);
    if (!config) {
      std::cerr << config.error().message << "\n";
      return 1;
    }
    leaders = LeaderIndex((*config)->leaders);
    analysis = (*config)->analysis;
  }
  // As the daemon sees a story: no more than its analysis budget of text
  // (quote finding holds about a hundred bytes per byte of input).
  if (static_cast<int64_t>(text->size()) > analysis.max_story_bytes) {
    size_t end = static_cast<size_t>(analysis.max_story_bytes);
    while (end > 0 && (static_cast<unsigned char>((*text)[end]) & 0xC0) == 0x80) --end;
    std::cerr << file << ": cut to its first " << end << " bytes (analysis.max_story_bytes), as the daemon does\n";
    text->resize(end);
  }
  for (const Quote& q : FindQuotes(*text, leaders, {language, day})) std::cout << QuoteToJson(q) << "\n";
  return 0;
}

}  // namespace newsmon
