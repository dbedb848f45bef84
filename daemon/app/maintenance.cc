#include "app/maintenance.h"

#include <spdlog/spdlog.h>

#include "util/memory.h"

namespace newsmon {

void Maintenance::Begin(Timestamp now, const RetentionConfig& retention) {
  running_ = true;
  next_run_ = now + retention.interval;
  horizon_ = ExpiryHorizon{now - retention.items, now - retention.stories, now - retention.quotes};
  started_ = std::chrono::steady_clock::now();
  last_error_.clear();
}

bool Maintenance::Step(StateStore& store, EmitStep& emit, const RetentionConfig& retention,
                       ops::NewsmonMetrics& metrics) {
  if (!running_) return true;
  auto batch = store.ExpireBatch(horizon_, retention.batch_rows);
  if (!batch) {
    // Not fatal: the next run tries again; commits have their own alarms.
    last_error_ = batch.error().message;
    spdlog::warn("retention: {}", last_error_);
    running_ = false;
    return true;
  }
  metrics.state_rows_expired.WithLabels({"seen_items"}).Inc(static_cast<uint64_t>(batch->seen));
  metrics.state_rows_expired.WithLabels({"fingerprints"}).Inc(static_cast<uint64_t>(batch->fingerprints));
  metrics.state_rows_expired.WithLabels({"quotes"}).Inc(static_cast<uint64_t>(batch->quotes));
  metrics.state_rows_expired.WithLabels({"item_attempts"}).Inc(static_cast<uint64_t>(batch->attempts));
  if (!batch->done) return false;  // more next turn

  const EmitStep::Expired expired = emit.Expire(horizon_.stories, horizon_.quotes);
  metrics.index_entries_expired.WithLabels({"near_duplicates"}).Inc(expired.fingerprints);
  metrics.index_entries_expired.WithLabels({"quote_history"}).Inc(expired.quotes);
  if (auto s = store.Compact(); !s) {
    last_error_ = s.error().message;
    spdlog::warn("compacting the state store: {}", last_error_);
  }
  if (auto stats = store.Stats()) {
    metrics.state_rows.WithLabels({"feeds"}).Set(static_cast<double>(stats->feeds));
    metrics.state_rows.WithLabels({"seen_items"}).Set(static_cast<double>(stats->seen));
    metrics.state_rows.WithLabels({"fingerprints"}).Set(static_cast<double>(stats->fingerprints));
    metrics.state_rows.WithLabels({"quotes"}).Set(static_cast<double>(stats->quotes));
    metrics.state_rows.WithLabels({"item_attempts"}).Set(static_cast<double>(stats->attempts));
    metrics.state_file_bytes.WithLabels({"db"}).Set(static_cast<double>(stats->file_bytes));
    metrics.state_file_bytes.WithLabels({"wal"}).Set(static_cast<double>(stats->wal_bytes));
    metrics.state_file_bytes.WithLabels({"free"}).Set(static_cast<double>(stats->free_bytes));
  }
  metrics.index_entries.WithLabels({"near_duplicates"}).Set(static_cast<double>(emit.fingerprints()));
  metrics.index_bytes.WithLabels({"near_duplicates"}).Set(static_cast<double>(emit.fingerprint_bytes()));
  metrics.index_entries.WithLabels({"quote_history"}).Set(static_cast<double>(emit.history_quotes()));
  metrics.index_bytes.WithLabels({"quote_history"}).Set(static_cast<double>(emit.history_bytes()));
  // Retention just freed a day's worth of index entries: hand the pages
  // back, so RSS follows the live heap instead of the busiest day's.
  metrics.memory_released_bytes.Get().Inc(ReleaseFreeMemory());
  if (const long long heap = AllocatedHeapBytes(); heap >= 0) {
    metrics.heap_allocated_bytes.Get().Set(static_cast<double>(heap));
  }
  metrics.maintenance_runs.Get().Inc();
  metrics.maintenance_duration_seconds.Get().Observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
  running_ = false;
  return true;
}

}  // namespace newsmon
