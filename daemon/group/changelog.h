// The feed-state changelog of group mode: what a feed's next owner needs to
// go on where the last one stopped. One record per committed poll, keyed by
// feed id, on the partition of the feed (FeedPartition), in a compacted
// topic, so partition p of the changelog holds exactly the feeds of
// partition p of the coordination topic and a new owner restores a
// partition by reading it to its end.
//
//   publish: sink.Commit({SnapshotEvent(FeedSnapshot{state, seen}, topic, partitions)});  // with its events
//   restore: for (auto& s : *ReadFeedSnapshots(bootstrap, topic, p)) store(s);
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emit/event.h"
#include "state/state_store.h"
#include "util/result.h"

namespace newsmon::group {

struct FeedSnapshot {
  FeedState state;
  // The items of the feed's current document that are committed as seen,
  // (item key, content hash): enough to tell new items from old after a
  // move. Items that failed analysis are not in it, so the next owner tries
  // them again.
  std::vector<std::pair<std::string, std::string>> seen;
};

// Whether a committed poll changed what the feed's next owner needs beyond
// its schedule: validators, the document's hash, the URL and redirects, the
// error streak. Polls that change only the schedule (a 304, an unchanged
// document: nine polls in ten) publish no snapshot, since a new owner polls a
// gained feed at once and schedules it from there (docs/scale.md).
bool ChangedBeyondSchedule(const FeedState& before, const FeedState& after);

std::string EncodeSnapshot(const FeedSnapshot& snapshot);
// The snapshot as a record for `topic`: keyed by feed id, on the feed's partition.
OutgoingEvent SnapshotEvent(const FeedSnapshot& snapshot, const std::string& topic, int partitions);
// A record from the topic: anything malformed is an error, never a crash.
Result<FeedSnapshot> DecodeSnapshot(std::string_view json);

// The latest snapshot of every feed in changelog partition `partition`
// (blocking: read to the partition's end as it was when called). Records
// that do not decode are skipped and counted in `malformed`.
Result<std::vector<FeedSnapshot>> ReadFeedSnapshots(const std::string& bootstrap_servers, const std::string& topic,
                                                    int partition, std::chrono::milliseconds timeout,
                                                    size_t* malformed = nullptr);

}  // namespace newsmon::group
