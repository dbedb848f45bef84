// The daemon loop's pulse: a timer on the loop's io_context that marks the
// loop alive for /healthz and pings the systemd watchdog at half its interval.
// Because it runs on the loop thread, a blocked loop stops both, which is the
// point: systemd restarts a wedged daemon and /healthz reports it stale.
//
//   Notifier notifier;
//   Heartbeat heartbeat(io, notifier, &metrics_server);   // server may be nullptr (metrics_listen: off)
//   heartbeat.Start();
//   io.run();
//   heartbeat.Stop();
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "ops/metrics_server.h"
#include "ops/notifier.h"

namespace newsmon::ops {

class Heartbeat {
 public:
  // `period` bounds how stale the /healthz tick can be on a healthy loop; the
  // watchdog period comes from WATCHDOG_USEC (half of it) when that is shorter.
  Heartbeat(boost::asio::io_context& io, Notifier& notifier, MetricsServer* server,
            std::chrono::milliseconds period = std::chrono::seconds(1));
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;
  ~Heartbeat() { Stop(); }

  // Beats once at once, then every period. Idempotent.
  void Start();
  void Stop();

  // The timer period in use (after Start): min(period, watchdog / 2).
  std::chrono::milliseconds period() const { return period_; }

 private:
  void Beat();
  void Schedule();

  boost::asio::steady_timer timer_;
  Notifier& notifier_;
  MetricsServer* server_;
  std::chrono::milliseconds period_;
  std::optional<std::chrono::microseconds> watchdog_;
  bool running_ = false;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace newsmon::ops
