// One polling cycle: fetch -> feed -> article -> match -> quote -> emit,
// then commit what Kafka acknowledged.
//
//   Pipeline p(deps);
//   CycleReport r = p.RunCycle(config, feeds_due);
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "emit/kafka.h"
#include "fetch/fetcher.h"
#include "match/matcher.h"
#include "quote/quote.h"
#include "state/state_store.h"

namespace newsmon {

// The parts a cycle needs that depend on the config snapshot; rebuilt on reload.
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
  int events_failed = 0;
  int items_committed = 0;
};

class Pipeline {
 public:
  Pipeline(Fetcher& fetcher, StateStore& store, KafkaProducer& producer);
  // Polls the given feeds once (all configured feeds when `feed_ids` is empty).
  CycleReport RunCycle(const CompiledConfig& compiled, const std::vector<std::string>& feed_ids = {});

 private:
  Fetcher& fetcher_;
  StateStore& store_;
  KafkaProducer& producer_;
};

}  // namespace newsmon
