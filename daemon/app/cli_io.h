// Small helpers shared by the command implementations.
#pragma once

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace newsmon {

inline std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace newsmon
