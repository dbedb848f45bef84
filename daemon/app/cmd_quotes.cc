// `newsmon quotes`: owned by the quote stage.
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli_io.h"
#include "app/commands.h"
#include "quote/quote.h"

namespace newsmon {

int QuotesCommand(const std::string& file, const std::string& config_file) {
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
  for (const Quote& q : FindQuotes(*text, leaders, {})) std::cout << QuoteToJson(q) << "\n";
  return 0;
}

}  // namespace newsmon
