// The feed-state changelog of group mode: what a feed's next owner needs to
// go on where the last one stopped. One record per committed poll, keyed by
// feed id, on the partition of the feed (FeedPartition), in a compacted
// topic, so partition p of the changelog holds exactly the feeds of
// partition p of the coordination topic and a new owner restores a
// partition by reading it to its end.
//
//   publish: writer.Publish(FeedSnapshot{state, seen_items_in_the_feed_now});
//   restore: for (auto& s : *ReadFeedSnapshots(bootstrap, topic, p)) store(s);
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "state/state_store.h"
#include "util/result.h"

struct rd_kafka_s;

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
// A record from the topic: anything malformed is an error, never a crash.
Result<FeedSnapshot> DecodeSnapshot(std::string_view json);

// Publishes snapshots; delivery is retried by the idempotent producer, and
// a snapshot lost in a crash only costs its feed's next owner a re-sent
// poll (events keep their ids).
class ChangelogWriter {
 public:
  static Result<std::unique_ptr<ChangelogWriter>> Open(const std::string& bootstrap_servers, const std::string& topic,
                                                       int partitions);
  ~ChangelogWriter();  // waits up to 5 s for outstanding snapshots
  ChangelogWriter(const ChangelogWriter&) = delete;
  ChangelogWriter& operator=(const ChangelogWriter&) = delete;
  void Publish(const FeedSnapshot& snapshot);
  void Poll();  // serves delivery reports; never blocks
  uint64_t failed() const { return failed_; }

 private:
  ChangelogWriter() = default;
  friend struct ChangelogDelivery;
  rd_kafka_s* rk_ = nullptr;
  std::string topic_;
  int partitions_ = 0;
  uint64_t failed_ = 0;
};

// The latest snapshot of every feed in changelog partition `partition`
// (blocking: read to the partition's end as it was when called). Records
// that do not decode are skipped and counted in `malformed`.
Result<std::vector<FeedSnapshot>> ReadFeedSnapshots(const std::string& bootstrap_servers, const std::string& topic,
                                                    int partition, std::chrono::milliseconds timeout,
                                                    size_t* malformed = nullptr);

}  // namespace newsmon::group
