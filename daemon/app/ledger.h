// The commit point. Tracks, for every feed poll, the units of work derived
// from it (one per new item) and the events each unit sent, and releases
// for commit only what Kafka has acknowledged in full:
//   - a unit (seen item, its quotes, its fingerprint) when all its events
//     were delivered;
//   - a poll's feed state (validators, next poll) when the poll is closed
//     and all its units were committed, so a crash before that re-fetches
//     the same body and re-derives the same events.
//
//   uint64_t poll = ledger.OpenPoll(next_state);
//   uint64_t unit = ledger.AddUnit(poll, record, /*events=*/2);
//   ledger.ClosePoll(poll);
//   ... ledger.EventDelivered(unit);  (twice)
//   PreparedCommit c = ledger.Prepare();
//   if (store.Commit(c.batch)) ledger.Committed(c);  // else retry later
//
// Single-threaded (the loop thread).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "state/state_store.h"

namespace newsmon {

struct UnitRecord {
  std::optional<SeenItem> seen;  // none for an item that failed and will be retried
  std::vector<QuoteRecord> quotes;
  std::vector<StoryFingerprint> fingerprints;
  std::vector<ItemAttempt> attempts;
  std::vector<std::pair<std::string, std::string>> attempts_cleared;  // (feed id, item id)
};

struct PreparedCommit {
  CommitBatch batch;
  std::vector<uint64_t> units;
  std::vector<uint64_t> polls;
  std::vector<std::string> feeds_done;  // feeds whose poll is fully committed by this batch
  bool empty() const { return units.empty() && polls.empty(); }
};

class Ledger {
 public:
  // `previous` is the state the poll started from: its validators are what
  // the poll commits instead when one of its items must be tried again.
  uint64_t OpenPoll(FeedState next_state, FeedState previous = {});
  // Replaces the state a still-open poll will commit (e.g. after parsing).
  void UpdatePollState(uint64_t poll, FeedState next_state);
  uint64_t AddUnit(uint64_t poll, UnitRecord record, int events);
  void EventDelivered(uint64_t unit);
  void ClosePoll(uint64_t poll);
  // An item of the poll will be tried again: the poll commits the
  // validators it started with, so the next poll fetches the whole feed.
  void RetryItems(uint64_t poll);
  // An event of the unit can never be delivered (Kafka refused it): the
  // unit commits `replacement` instead (the item's attempt, or its skip)
  // as soon as it is prepared, whatever its other events do.
  void UnitRefused(uint64_t unit, UnitRecord replacement);
  // The poll a unit belongs to (0 when unknown).
  uint64_t PollOf(uint64_t unit) const;

  PreparedCommit Prepare() const;
  void Committed(const PreparedCommit& commit);

  size_t open_polls() const { return polls_.size(); }
  size_t pending_units() const { return units_.size(); }
  bool empty() const { return polls_.empty() && units_.empty(); }

 private:
  struct Unit {
    uint64_t poll = 0;
    UnitRecord record;
    int events_outstanding = 0;
  };
  struct Poll {
    FeedState next_state;
    FeedState previous;
    bool retry = false;
    bool closed = false;
    int units_open = 0;  // added and not yet committed
  };
  std::map<uint64_t, Unit> units_;
  std::map<uint64_t, Poll> polls_;
  uint64_t next_id_ = 1;
};

}  // namespace newsmon
