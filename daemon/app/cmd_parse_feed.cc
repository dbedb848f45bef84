// `newsmon parse-feed`: owned by the feed stage.
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli_io.h"
#include "app/commands.h"
#include "feed/feed_parser.h"

namespace newsmon {

int ParseFeedCommand(const std::string& file, const std::string& url, const std::string& content_type) {
  auto bytes = ReadFile(file);
  if (!bytes) {
    std::cerr << "cannot read " << file << "\n";
    return 1;
  }
  auto feed = feed::ParseFeed(*bytes, {url, content_type});
  if (!feed) {
    std::cerr << file << ": " << feed.error().message << "\n";
    return 1;
  }
  // The JSON says "truncated": true too; stderr tells a reader where.
  for (const std::string& w : feed->warnings) {
    if (w.starts_with("truncated: ")) std::cerr << file << ": " << w << "\n";
  }
  std::cout << feed::ToNeutralJson(*feed) << "\n";
  return 0;
}

}  // namespace newsmon
