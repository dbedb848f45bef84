// Politeness queue: decides which queued requests may start now, given a
// global concurrency limit, a per-host concurrency limit and a minimum delay
// between request starts on one host. Requests above the limits wait in FIFO
// order per host; hosts take turns. Pure logic: the caller passes `now` and
// arms a timer for NextWakeup().
//
//   HostLimiter limiter({.max_total = 256, .per_host = 2, .per_host_delay = 100ms});
//   limiter.Enqueue("example.org:443", id);
//   for (uint64_t ready : limiter.TakeReady(now)) start(ready);
//   limiter.Finished("example.org:443");             // when a started request ends
//   if (auto t = limiter.NextWakeup()) timer.expires_at(*t);
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsmon {

class HostLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    int max_total = 256;  // at least 1
    int per_host = 2;     // at least 1
    std::chrono::milliseconds per_host_delay{0};
  };

  explicit HostLimiter(Options options);

  void Enqueue(const std::string& host, uint64_t id);
  // Removes the ids allowed to start at `now` from the queues and counts them as active.
  std::vector<uint64_t> TakeReady(Clock::time_point now);
  // A request of `host` that TakeReady returned has ended.
  void Finished(const std::string& host);
  // Drops a queued (not started) request; false when it was not queued.
  bool Cancel(const std::string& host, uint64_t id);

  // Earliest time a queued request waits for only because of the per-host
  // delay; nullopt when nothing waits on time (only on capacity, or nothing queued).
  std::optional<Clock::time_point> NextWakeup() const { return next_wakeup_; }

  int active() const { return active_total_; }
  size_t queued() const { return queued_total_; }
  int active_for(const std::string& host) const;

 private:
  struct Host {
    std::deque<uint64_t> queue;
    int active = 0;
    std::optional<Clock::time_point> last_start;
    bool in_waiting = false;  // listed in waiting_
  };

  void DropIfIdle(std::unordered_map<std::string, Host>::iterator it);

  Options options_;
  std::unordered_map<std::string, Host> hosts_;
  // Hosts with queued requests, in turn order.
  std::list<std::string> waiting_;
  int active_total_ = 0;
  size_t queued_total_ = 0;
  std::optional<Clock::time_point> next_wakeup_;
};

}  // namespace newsmon
