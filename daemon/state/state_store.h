// Durable state: per-feed HTTP state, seen items, quote history.
//
//   Result<std::unique_ptr<StateStore>> s = OpenSqliteStore(config.state_dir / "state.db");
//   CommitBatch batch;
//   batch.seen.push_back({feed_id, item_id, hash, now});
//   Status st = (*s)->Commit(batch);  // all or nothing
//
// Commit is the pipeline's commit point: it is called only after Kafka
// acknowledged every event derived from the batch. A store is used from one
// thread at a time (the caller serialises).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quote/novelty.h"
#include "util/result.h"
#include "util/time.h"

namespace newsmon {

struct FeedState {
  std::string feed_id;
  std::string url;  // current URL (after permanent redirects)
  std::string etag;
  std::string last_modified;
  std::string body_hash;  // of the last parsed body
  std::optional<Timestamp> next_poll;
  std::optional<Timestamp> last_poll;
  int error_streak = 0;
  int last_http_status = 0;
  std::string last_error;          // empty when the last poll succeeded
  std::string redirect_candidate;  // permanent redirect seen, not yet adopted
  int redirect_count = 0;
  int64_t interval_seconds = 0;  // current adaptive interval
  double items_per_hour = -1;    // learned publishing rate; < 0 = unknown
  std::string schedule_reason;   // why next_poll is what it is (status, logs)
  std::optional<Timestamp> last_success;
};

struct SeenItem {
  std::string feed_id;
  std::string item_id;
  std::string content_hash;
  Timestamp seen_at;
};

struct QuoteRecord {
  std::string leader_id;
  PriorQuote quote;
};

struct StoryFingerprint {
  std::string story_id;
  uint64_t simhash = 0;
  std::string cluster_id;
  Timestamp seen_at;
};

// Everything derived from one unit of work, committed atomically.
struct CommitBatch {
  std::vector<SeenItem> seen;
  std::vector<QuoteRecord> quotes;
  std::vector<StoryFingerprint> fingerprints;
  std::vector<FeedState> feed_states;
  bool empty() const { return seen.empty() && quotes.empty() && fingerprints.empty() && feed_states.empty(); }
};

class StateStore {
 public:
  virtual ~StateStore() = default;

  virtual Result<std::optional<FeedState>> GetFeedState(const std::string& feed_id) = 0;
  virtual Result<std::vector<FeedState>> AllFeedStates() = 0;
  // The content hash recorded when the item was committed, if it was.
  virtual Result<std::optional<std::string>> SeenHash(const std::string& feed_id, const std::string& item_id) = 0;
  virtual Result<std::vector<PriorQuote>> QuotesOf(const std::string& leader_id) = 0;
  virtual Result<std::vector<StoryFingerprint>> RecentFingerprints(Timestamp since) = 0;
  virtual Status Commit(const CommitBatch& batch) = 0;
  // Drops seen items and fingerprints older than `before`; returns rows removed.
  virtual Result<int64_t> Expire(Timestamp before) = 0;
};

struct StoreOptions {
  const char* vfs = nullptr;  // SQLite VFS name; tests pass FaultInjectingVfs::kName
};
Result<std::unique_ptr<StateStore>> OpenSqliteStore(const std::filesystem::path& file, StoreOptions options = {});

}  // namespace newsmon
