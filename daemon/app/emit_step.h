// The emitting step: an analysed story becomes its events and the unit of
// work that commits it. Judges near-duplicates and novelty against what the
// daemon has seen, so it owns the two in-memory indexes: story fingerprints
// (near_dup.h) and each tracked leader's quote history. Loop thread only.
//
//   EmitStep emit;
//   emit.LoadFingerprints(store, now - retention.stories);
//   if (!emit.EnsureHistories(store, analysis_leaders)) fail_the_poll();
//   EmitStep::Output out = emit.EmitStory(compiled, story, seen, analysis, metrics);
//   ledger.AddUnit(poll, std::move(out.record), out.events.size());
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "app/ledger.h"
#include "app/pipeline.h"
#include "app/story_analysis.h"
#include "emit/event.h"
#include "ops/metrics.h"
#include "quote/novelty.h"
#include "state/near_dup.h"
#include "state/state_store.h"

namespace newsmon {

class EmitStep {
 public:
  // Fingerprints of stories seen since `since` (start-up).
  Status LoadFingerprints(StateStore& store, Timestamp since);
  // Loads the quote history of each leader not yet in memory. An error
  // leaves them unloaded: the caller fails the poll and retries it later,
  // never judging quotes against an empty history.
  Status EnsureHistories(StateStore& store, const std::set<std::string>& leader_ids);

  struct Output {
    std::vector<OutgoingEvent> events;
    UnitRecord record;
  };
  // The story's events (StoryMatched when it matched a topic, a LeaderQuote
  // per leader quote, the archive record when configured) and what commits
  // with them. Histories of the story's leaders must be loaded.
  // `seen` is the item's seen mark (feed, stable key, content hash, now).
  Output EmitStory(const CompiledConfig& compiled, const Story& story, const SeenItem& seen,
                   const StoryAnalysis& analysis, ops::NewsmonMetrics& metrics);

  struct Expired {
    size_t fingerprints = 0;
    size_t quotes = 0;
  };
  // Forgets fingerprints seen before `stories` and quotes first seen before `quotes`.
  Expired Expire(Timestamp stories, Timestamp quotes);

  size_t fingerprints() const { return near_dups_.size(); }
  size_t fingerprint_bytes() const { return near_dups_.memory_bytes(); }
  size_t history_quotes() const;
  size_t history_bytes() const;

 private:
  // Both indexes answer in time that does not grow with what they hold
  // (state/near_dup.h, quote/novelty.h), so a long uptime costs memory
  // bounded by retention, not time per story.
  NearDupIndex near_dups_;
  std::map<std::string, QuoteHistoryIndex> histories_;  // committed + in flight, per leader
};

}  // namespace newsmon
