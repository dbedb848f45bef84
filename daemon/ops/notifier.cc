#include "ops/notifier.h"

#include <systemd/sd-daemon.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace newsmon::ops {

uint64_t MonotonicMicroseconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000u + static_cast<uint64_t>(ts.tv_nsec) / 1000u;
}

bool Notifier::enabled() const {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  return socket != nullptr && socket[0] != '\0';
}

newsmon::Status Notifier::Send(std::string_view state) {
  if (!enabled()) return newsmon::Status::Ok();
  const std::string message(state);
  // unset_environment=0: children and later calls still see NOTIFY_SOCKET.
  const int r = sd_notify(0, message.c_str());
  if (r < 0) {
    return MakeError(ErrorCode::kIo, "sd_notify(" + message.substr(0, message.find('\n')) + "): " + std::strerror(-r));
  }
  return newsmon::Status::Ok();
}

newsmon::Status Notifier::Ready() { return Send("READY=1"); }

newsmon::Status Notifier::Status(std::string_view text) {
  // One assignment per line: a newline would start a new (bogus) assignment.
  std::string line(text);
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return Send("STATUS=" + line);
}

newsmon::Status Notifier::Reloading() {
  return Send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(MonotonicMicroseconds()));
}

newsmon::Status Notifier::Stopping() { return Send("STOPPING=1"); }

newsmon::Status Notifier::Watchdog() { return Send("WATCHDOG=1"); }

newsmon::Status Notifier::ExtendTimeout(std::chrono::microseconds extra) {
  return Send("EXTEND_TIMEOUT_USEC=" + std::to_string(extra.count()));
}

std::optional<std::chrono::microseconds> Notifier::WatchdogInterval() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(usec);
}

}  // namespace newsmon::ops
