// The engine's view of time: wall-clock instants for what it records and
// plans, a monotonic clock for how long things take. Tests and the soak
// benchmark pass a ManualClock and run simulated days in seconds.
//
//   SystemClock clock;                 // the daemon
//   ManualClock sim(Timestamp{...});   // tests: sim.Advance(std::chrono::hours(6));
//   Timestamp t = clock.Now();
#pragma once

#include <atomic>
#include <chrono>

#include "util/time.h"

namespace newsmon {

class Clock {
 public:
  virtual ~Clock() = default;
  // UTC, second precision: what the engine stores and plans with.
  virtual Timestamp Now() const = 0;
  // Monotonic, for durations (poll and cycle times, budgets).
  virtual std::chrono::steady_clock::time_point Steady() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override { return newsmon::Now(); }
  std::chrono::steady_clock::time_point Steady() const override { return std::chrono::steady_clock::now(); }
};

// Time that moves only when told to; both views advance together. Safe to
// read from worker threads while the owner advances it.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start.time_since_epoch().count()) {}
  Timestamp Now() const override { return Timestamp(std::chrono::seconds(now_.load())); }
  std::chrono::steady_clock::time_point Steady() const override {
    return std::chrono::steady_clock::time_point(std::chrono::seconds(now_.load()));
  }
  void Advance(std::chrono::seconds d) { now_ += d.count(); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace newsmon
