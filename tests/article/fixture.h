// Reading the hand-written fixture pages of the article tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "article/extractor.h"

namespace newsmon::testing {

inline std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(NEWSMON_SOURCE_DIR) + "/tests/article/fixtures/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string Joined(const Article& a) {
  std::string out;
  for (const auto& p : a.paragraphs) out += p + "\n";
  return out;
}

}  // namespace newsmon::testing
