// Process-wide logging setup (spdlog on stderr).
//
//   SetUpLogging("info");
#pragma once

#include <string>

namespace newsmon {

// Returns false when the level name is unknown.
bool SetUpLogging(const std::string& level);

}  // namespace newsmon
