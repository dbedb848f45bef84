// The config snapshot compiled for the pipeline, and one-shot runs.
//
//   Result<CompiledConfig> c = CompileConfig(LoadConfig(path).value());
//   Result<CycleReport> r = RunOnce(*c, store, producer, 30s);  // --once
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "emit/reliable_producer.h"
#include "match/matcher.h"
#include "ops/metrics.h"
#include "quote/quote.h"
#include "state/state_store.h"

namespace newsmon {

// The parts that depend on the config snapshot; rebuilt (off the loop) on
// reload and swapped in whole.
struct CompiledConfig {
  std::shared_ptr<const Config> config;
  std::shared_ptr<const Matcher> matcher;
  std::shared_ptr<const LeaderIndex> leaders;
};
Result<CompiledConfig> CompileConfig(std::shared_ptr<const Config> config);

struct CycleReport {
  int feeds_polled = 0;
  int feeds_failed = 0;
  int feeds_not_modified = 0;
  int items_new = 0;
  int stories_matched = 0;
  int quotes_found = 0;
  int leader_quotes_new = 0;
  int events_produced = 0;
  int events_delivered = 0;
  int items_committed = 0;
  int items_skipped = 0;
  bool complete = false;  // every feed polled and everything delivered and committed
};

// The report's figures, read from the metrics registry the engine counted into.
CycleReport ReportFromMetrics(ops::NewsmonMetrics& metrics, const Config& config);

// Polls every configured feed once over HTTP (a private event loop),
// delivers, commits, and returns when all is done or `deadline` passed.
// `metrics` (optional) receives every count; the report is read from it.
Result<CycleReport> RunOnce(const CompiledConfig& compiled, StateStore& store, EventSink& producer,
                            std::chrono::milliseconds deadline, ops::NewsmonMetrics* metrics = nullptr);

}  // namespace newsmon
