// One judge per leader, group mode's answer to "is this quote new?" when
// stories about one leader are analysed by several instances. The emit step
// of every member sends a leader's quotes as candidates (a LeaderQuote whose
// verdict is still open) to the partition of the leader's id in the leader
// topic; the member that owns that partition judges them, in arrival order,
// against the leader's history and publishes the LeaderQuote. The history
// lives in a compacted changelog, one record per judged quote on the same
// partition number, so the next owner restores it by reading the partition.
//
//   LeaderHistories histories;   // of the leaders of one partition
//   for (auto& r : records_of_history_partition) Restore(histories, *DecodeHistoryRecord(r));
//   auto j = JudgeCandidate(candidate_payload, histories);
//   publish(j->payload); append(j->record);
//
// The Kafka side (consume, judge, produce and commit in one transaction) is
// group/judge_service.h; this part is pure so it is tested without a cluster.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

#include "quote/novelty.h"
#include "util/result.h"
#include "util/time.h"

namespace newsmon::group {

// A judged quote as the leader-history changelog keeps it, keyed by quote id.
struct HistoryRecord {
  std::string leader_id;
  PriorQuote prior;
};
std::string EncodeHistoryRecord(const HistoryRecord& record);
// Anything malformed is an error, never a crash (tests/fuzz/changelog_fuzz.cc).
Result<HistoryRecord> DecodeHistoryRecord(std::string_view json);

// What one judge holds for one partition: per leader, the quotes in the
// order judged, and which quote ids it has judged (with when first seen).
struct LeaderHistories {
  std::map<std::string, QuoteHistoryIndex> by_leader;
  std::unordered_map<std::string, Timestamp> judged;
  // Forgets quotes first seen before `before` (retention.quotes); returns how many.
  size_t Expire(Timestamp before);
};
void Restore(LeaderHistories& histories, HistoryRecord record);

struct Judgement {
  std::string leader_id;
  // A quote id judged before (its event and record are published in a
  // committed transaction): a candidate sent again after a feed moved, or
  // consumed again after a crash. Nothing to publish.
  bool already_judged = false;
  std::string payload;  // the LeaderQuote to publish, its verdict decided
  HistoryRecord record;
  bool is_new = false;
};

// Decides a candidate, a serialized newsmon.v1.LeaderQuote as the emit step
// builds it in group mode (first_seen: its story's time), by the single
// instance's rule (JudgeAndRecord), and adds it to `histories`. A payload
// that is not a LeaderQuote with a leader, a quote id and a text is an error.
Result<Judgement> JudgeCandidate(std::string_view candidate, LeaderHistories& histories);

}  // namespace newsmon::group
