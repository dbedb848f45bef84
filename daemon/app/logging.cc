#include "app/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace newsmon {

bool SetUpLogging(const std::string& level) {
  static bool initialised = false;
  if (!initialised) {
    // stderr: stdout belongs to command output (JSON lines).
    auto logger = spdlog::stderr_color_mt("newsmon");
    spdlog::set_default_logger(logger);
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
    initialised = true;
  }
  const auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") return false;
  spdlog::set_level(parsed);
  return true;
}

}  // namespace newsmon
