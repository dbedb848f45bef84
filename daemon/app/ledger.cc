#include "app/ledger.h"

#include <cassert>
#include <set>

namespace newsmon {

uint64_t Ledger::OpenPoll(FeedState next_state, FeedState previous) {
  const uint64_t id = next_id_++;
  Poll p;
  p.next_state = std::move(next_state);
  p.previous = std::move(previous);
  polls_.emplace(id, std::move(p));
  return id;
}

void Ledger::RetryItems(uint64_t poll) {
  auto it = polls_.find(poll);
  if (it != polls_.end()) it->second.retry = true;
}

void Ledger::UnitRefused(uint64_t unit, UnitRecord replacement) {
  auto it = units_.find(unit);
  if (it == units_.end()) return;
  it->second.record = std::move(replacement);
  it->second.events_outstanding = 0;
}

uint64_t Ledger::PollOf(uint64_t unit) const {
  auto it = units_.find(unit);
  return it == units_.end() ? 0 : it->second.poll;
}

void Ledger::UpdatePollState(uint64_t poll, FeedState next_state) {
  auto it = polls_.find(poll);
  if (it != polls_.end()) it->second.next_state = std::move(next_state);
}

uint64_t Ledger::AddUnit(uint64_t poll, UnitRecord record, int events) {
  const uint64_t id = next_id_++;
  auto p = polls_.find(poll);
  assert(p != polls_.end() && !p->second.closed);
  ++p->second.units_open;
  units_.emplace(id, Unit{poll, std::move(record), events});
  return id;
}

void Ledger::EventDelivered(uint64_t unit) {
  auto it = units_.find(unit);
  if (it != units_.end() && it->second.events_outstanding > 0) --it->second.events_outstanding;
}

void Ledger::ClosePoll(uint64_t poll) {
  auto it = polls_.find(poll);
  if (it != polls_.end()) it->second.closed = true;
}

PreparedCommit Ledger::Prepare() const {
  PreparedCommit c;
  std::map<uint64_t, int> committing_per_poll;
  for (const auto& [id, unit] : units_) {
    if (unit.events_outstanding > 0) continue;
    c.units.push_back(id);
    if (unit.record.seen) c.batch.seen.push_back(*unit.record.seen);
    c.batch.attempts.insert(c.batch.attempts.end(), unit.record.attempts.begin(), unit.record.attempts.end());
    c.batch.attempts_cleared.insert(c.batch.attempts_cleared.end(), unit.record.attempts_cleared.begin(),
                                    unit.record.attempts_cleared.end());
    c.batch.quotes.insert(c.batch.quotes.end(), unit.record.quotes.begin(), unit.record.quotes.end());
    c.batch.fingerprints.insert(c.batch.fingerprints.end(), unit.record.fingerprints.begin(),
                                unit.record.fingerprints.end());
    ++committing_per_poll[unit.poll];
  }
  for (const auto& [id, poll] : polls_) {
    if (!poll.closed) continue;
    const int committing = committing_per_poll.count(id) ? committing_per_poll.at(id) : 0;
    if (poll.units_open - committing > 0) continue;
    c.polls.push_back(id);
    FeedState state = poll.next_state;
    if (poll.retry) {
      state.etag = poll.previous.etag;
      state.last_modified = poll.previous.last_modified;
      state.body_hash = poll.previous.body_hash;
    }
    c.batch.feed_states.push_back(std::move(state));
    c.feeds_done.push_back(poll.next_state.feed_id);
  }
  return c;
}

void Ledger::Committed(const PreparedCommit& commit) {
  for (uint64_t id : commit.units) {
    auto it = units_.find(id);
    if (it == units_.end()) continue;
    auto p = polls_.find(it->second.poll);
    if (p != polls_.end()) --p->second.units_open;
    units_.erase(it);
  }
  for (uint64_t id : commit.polls) polls_.erase(id);
}

}  // namespace newsmon
