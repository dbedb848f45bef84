// Helpers shared by the feed stage's tests: fixture loading.
//
//   std::string xml = ReadFixture("rss20_full.xml");
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace newsmon::feed::testing {

inline std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(NEWSMON_SOURCE_DIR) + "/tests/feed/fixtures/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace newsmon::feed::testing
