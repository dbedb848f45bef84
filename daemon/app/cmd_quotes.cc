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
  if (!config_file.empty()) {
    auto config = LoadConfig(config_file);
    if (!config) {
      std::cerr << config.error().message << "\n";
      return 1;
    }
    leaders = LeaderIndex((*config)->leaders);
  }
  for (const Quote& q : FindQuotes(*text, leaders, {})) std::cout << QuoteToJson(q) << "\n";
  return 0;
}

}  // namespace newsmon
