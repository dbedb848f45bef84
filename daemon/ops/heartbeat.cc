#include "ops/heartbeat.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace newsmon::ops {

Heartbeat::Heartbeat(boost::asio::io_context& io, Notifier& notifier, MetricsServer* server,
                     std::chrono::milliseconds period)
    : timer_(io), notifier_(notifier), server_(server), period_(period) {}

void Heartbeat::Start() {
  if (running_) return;
  running_ = true;
  watchdog_ = Notifier::WatchdogInterval();
  if (watchdog_) {
    const auto half = std::chrono::duration_cast<std::chrono::milliseconds>(*watchdog_ / 2);
    period_ = std::max(std::chrono::milliseconds(1), std::min(period_, half));
  }
  Beat();
  Schedule();
}

void Heartbeat::Stop() {
  running_ = false;
  timer_.cancel();
}

void Heartbeat::Beat() {
  if (server_ != nullptr) server_->Tick();
  if (watchdog_) {
    if (auto s = notifier_.Watchdog(); !s) spdlog::warn("{}", s.error().message);
  }
}

void Heartbeat::Schedule() {
  timer_.expires_after(period_);
  // A wait that already fired cannot be cancelled; the token tells its
  // handler whether this object still exists.
  timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](const boost::system::error_code& ec) {
    if (ec || alive.expired() || !running_) return;
    Beat();
    Schedule();
  });
}

}  // namespace newsmon::ops
