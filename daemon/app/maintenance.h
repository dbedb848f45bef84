// Retention and compaction: the step that lets the daemon run for months.
// Every retention.interval it removes what is older than the horizons from
// the state store (in short batches, one per loop turn, so commits never
// wait long for the write lock) and from the in-memory indexes, folds the
// write-ahead log into the database, returns free pages to the file system
// and samples the sizes into the metrics.
//
//   Maintenance m;
//   every tick: if (m.Due(now)) m.Begin(now);  m.Step(store, emit, config.retention, now, metrics);
#pragma once

#include <optional>

#include "app/emit_step.h"
#include "config/config.h"
#include "ops/metrics.h"
#include "state/state_store.h"

namespace newsmon {

class Maintenance {
 public:
  bool Due(Timestamp now) const { return !running_ && (!next_run_ || now >= *next_run_); }
  void Begin(Timestamp now, const RetentionConfig& retention);
  // One slice of the run; true when the run has finished (or none runs).
  bool Step(StateStore& store, EmitStep& emit, const RetentionConfig& retention, ops::NewsmonMetrics& metrics);
  bool running() const { return running_; }
  // Why the last run stopped early (a store error), empty when it completed.
  const std::string& last_error() const { return last_error_; }

 private:
  bool running_ = false;
  std::optional<Timestamp> next_run_;
  ExpiryHorizon horizon_{};
  std::chrono::steady_clock::time_point started_;
  std::string last_error_;
};

}  // namespace newsmon
