// systemd service notifications (sd_notify) for a Type=notify unit: readiness,
// status text, reload and stop phases, and watchdog keep-alives.
//
//   Notifier notifier;
//   notifier.Ready();                         // after config, state and Kafka are up
//   notifier.Status("polling 120 feeds");
//   if (auto interval = notifier.WatchdogInterval()) {
//     // ping at half the interval from the event loop, so a stuck loop is caught
//     timer.every(*interval / 2, [&] { notifier.Watchdog(); });
//   }
//   notifier.Reloading();  ...reload...  notifier.Ready();   // on SIGHUP
//   notifier.Stopping();                      // on SIGTERM, before the Kafka flush
//
// Every call is a no-op returning Ok when NOTIFY_SOCKET is unset (not run by
// systemd), so the daemon calls them unconditionally.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.h"

namespace newsmon::ops {

class Notifier {
 public:
  // True when NOTIFY_SOCKET is set, i.e. systemd (or a test) listens.
  bool enabled() const;

  // READY=1. Also ends a reload started by Reloading().
  newsmon::Status Ready();
  // STATUS=<text>, shown by `systemctl status`. Newlines are replaced by spaces.
  newsmon::Status Status(std::string_view text);
  // RELOADING=1 plus MONOTONIC_USEC=<CLOCK_MONOTONIC now>, which systemd 253+
  // requires to match the reload to the SIGHUP it sent (Type=notify-reload).
  newsmon::Status Reloading();
  // STOPPING=1.
  newsmon::Status Stopping();
  // WATCHDOG=1.
  newsmon::Status Watchdog();
  // EXTEND_TIMEOUT_USEC=<usec>: asks for more time in the current phase (e.g. a slow flush on stop).
  newsmon::Status ExtendTimeout(std::chrono::microseconds extra);
  // Any raw assignment list, e.g. "ERRNO=5" (newline separated).
  newsmon::Status Send(std::string_view state);

  // WatchdogSec of the unit when the watchdog is on for this process
  // (WATCHDOG_USEC set and WATCHDOG_PID absent or ours); nullopt otherwise.
  static std::optional<std::chrono::microseconds> WatchdogInterval();
};

// CLOCK_MONOTONIC in microseconds, the clock systemd's MONOTONIC_USEC uses.
uint64_t MonotonicMicroseconds();

}  // namespace newsmon::ops
