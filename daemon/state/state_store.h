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

// An item whose analysis failed or went over budget: how often so far. At
// the limit the engine commits it as seen (skipped), so a poison pill ends.
struct ItemAttempt {
  std::string feed_id;
  std::string item_id;
  int attempts = 0;
  std::string last_error;
  Timestamp at;
};

// Everything derived from one unit of work, committed atomically.
struct CommitBatch {
  std::vector<SeenItem> seen;
  std::vector<QuoteRecord> quotes;
  std::vector<StoryFingerprint> fingerprints;
  std::vector<FeedState> feed_states;
  std::vector<ItemAttempt> attempts;  // replaces the item's count
  // Items whose attempts are over (skipped): their counts are removed. An
  // item that succeeds after failing keeps its stale count until retention
  // removes it, which spares every commit a delete per seen item.
  std::vector<std::pair<std::string, std::string>> attempts_cleared;  // (feed id, item id)
  bool empty() const {
    return seen.empty() && quotes.empty() && fingerprints.empty() && feed_states.empty() && attempts.empty() &&
           attempts_cleared.empty();
  }
};

// What retention removes: rows older than each horizon.
struct ExpiryHorizon {
  Timestamp items;    // seen items and item attempts
  Timestamp stories;  // fingerprints
  Timestamp quotes;   // leaders' quote history
};

struct ExpiryResult {
  int64_t seen = 0;
  int64_t fingerprints = 0;
  int64_t quotes = 0;
  int64_t attempts = 0;
  bool done = false;  // nothing older than the horizons is left
  int64_t total() const { return seen + fingerprints + quotes + attempts; }
};

// Rows and bytes the store holds, for the retention metrics.
struct StoreStats {
  int64_t feeds = 0;
  int64_t seen = 0;
  int64_t fingerprints = 0;
  int64_t quotes = 0;
  int64_t attempts = 0;
  int64_t file_bytes = 0;  // the database file
  int64_t wal_bytes = 0;   // its write-ahead log
  int64_t free_bytes = 0;  // pages on the free list, returned by an incremental vacuum
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
  // The attempts recorded for an item (0 when none).
  virtual Result<int> AttemptsOf(const std::string& feed_id, const std::string& item_id) = 0;
  virtual Status Commit(const CommitBatch& batch) = 0;
  // Deletes at most `batch_rows` rows of each table older than its horizon,
  // in one short transaction (the write lock is held for one batch only).
  virtual Result<ExpiryResult> ExpireBatch(const ExpiryHorizon& horizon, int batch_rows) = 0;
  virtual Result<StoreStats> Stats() = 0;
  // Folds the write-ahead log into the database and returns free pages to
  // the file system, so the file stops growing once retention runs.
  virtual Status Compact() = 0;
  // True when the path the store was opened from no longer names the open
  // file (deleted, or replaced by another file): commits would be lost.
  virtual Result<bool> FileReplaced() = 0;
  // Fails unless a write can be committed (read-only file system, full disk).
  virtual Status CheckWritable() = 0;
};

struct StoreOptions {
  const char* vfs = nullptr;  // SQLite VFS name; tests pass FaultInjectingVfs::kName
  bool read_only = false;     // `newsmon status`: never creates the folder or the file
};
Result<std::unique_ptr<StateStore>> OpenSqliteStore(const std::filesystem::path& file, StoreOptions options = {});

}  // namespace newsmon
