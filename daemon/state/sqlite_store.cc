// SQLite in WAL mode: one file, crash-safe transactions, readable with the
// sqlite3 shell when an operator needs to look. See README "Dependencies".
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>

#include "state/state_store.h"

namespace newsmon {
namespace {

constexpr int kSchemaVersion = 3;

#define NEWSMON_FEED_COLUMNS                                                                                         \
  "feed_id, url, etag, last_modified, body_hash, next_poll, last_poll, error_streak, last_http_status, last_error, " \
  "redirect_candidate, redirect_count, interval_seconds, items_per_hour, schedule_reason, last_success"

// Applied in order; migration i takes the schema from version i to i+1.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE feed_state (
  feed_id TEXT PRIMARY KEY,
  url TEXT NOT NULL DEFAULT '',
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  body_hash TEXT NOT NULL DEFAULT '',
  next_poll INTEGER,
  last_poll INTEGER,
  error_streak INTEGER NOT NULL DEFAULT 0,
  last_http_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  redirect_candidate TEXT NOT NULL DEFAULT '',
  redirect_count INTEGER NOT NULL DEFAULT 0,
  interval_seconds INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE seen_item (
  feed_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (feed_id, item_id)
) WITHOUT ROWID;
CREATE INDEX seen_item_by_time ON seen_item(seen_at);
CREATE TABLE quote (
  quote_id TEXT PRIMARY KEY,
  leader_id TEXT NOT NULL,
  text TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  url TEXT NOT NULL
);
CREATE INDEX quote_by_leader ON quote(leader_id, first_seen);
CREATE TABLE fingerprint (
  story_id TEXT PRIMARY KEY,
  simhash INTEGER NOT NULL,
  cluster_id TEXT NOT NULL,
  seen_at INTEGER NOT NULL
);
CREATE INDEX fingerprint_by_time ON fingerprint(seen_at);
)sql",
    // 1 -> 2: the poll planner's learned rate and its reasons survive restarts.
    R"sql(
ALTER TABLE feed_state ADD COLUMN items_per_hour REAL NOT NULL DEFAULT -1;
ALTER TABLE feed_state ADD COLUMN schedule_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE feed_state ADD COLUMN last_success INTEGER;
)sql",
    // 2 -> 3: items whose analysis failed, so a poison pill is skipped after
    // its attempts; and retention deletes quotes by age.
    R"sql(
CREATE TABLE item_attempt (
  feed_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (feed_id, item_id)
) WITHOUT ROWID;
CREATE INDEX item_attempt_by_time ON item_attempt(updated_at);
CREATE INDEX quote_by_time ON quote(first_seen);
)sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion);

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return rc_ == SQLITE_OK; }
  Statement& Bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  sqlite3_stmt* raw() const { return stmt_; }
  Statement& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& Bind(int i, const std::optional<Timestamp>& t) {
    if (t) {
      sqlite3_bind_int64(stmt_, i, t->time_since_epoch().count());
    } else {
      sqlite3_bind_null(stmt_, i);
    }
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }
  // Steps once and makes the statement ready for the next row's bindings.
  int StepAndReset() {
    const int rc = sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return rc;
  }
  std::string Text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::optional<Timestamp> Time(int col) const {
    if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
    return Timestamp(std::chrono::seconds(Int(col)));
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_ERROR;
};

class SqliteStore final : public StateStore {
 public:
  SqliteStore(sqlite3* db, std::filesystem::path file) : db_(db), file_(std::move(file)) {}
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  Status Init(bool read_only) {
    if (read_only) return ReadIdentity();
    // Free pages go back to the file system on an incremental vacuum
    // (Compact); it must be chosen before the first table exists.
    if (auto s = Exec("PRAGMA auto_vacuum=INCREMENTAL"); !s) return s;
    // WAL: readers never block the writer; FULL: a commit is on disk (one
    // fsync of the log) before we forget the events behind it, so even a
    // power cut re-processes rather than loses.
    if (auto s = Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"); !s) return s;
    if (auto s = Exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"); !s) return s;
    int version = 0;
    {
      Statement st(db_, "SELECT value FROM meta WHERE key = 'schema_version'");
      if (!st.ok()) return DbError("read schema version");
      if (st.Step() == SQLITE_ROW) version = std::stoi(st.Text(0));
    }
    if (version > kSchemaVersion) {
      return MakeError(ErrorCode::kInvalidArgument, "state store schema version " + std::to_string(version) +
                                                        " is newer than this newsmon understands (" +
                                                        std::to_string(kSchemaVersion) + ")");
    }
    for (int v = version; v < kSchemaVersion; ++v) {
      auto s = InTransaction([&]() -> Status {
        if (auto e = Exec(kMigrations[v]); !e) return e;
        Statement st(db_, "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)");
        st.Bind(1, std::to_string(v + 1));
        if (st.Step() != SQLITE_DONE) return DbError("write schema version");
        return Status::Ok();
      });
      if (!s) return s;
    }
    // A store created before auto_vacuum was set keeps its free pages
    // forever; one full VACUUM converts it (outside any transaction).
    if (PragmaInt("auto_vacuum") != 2) {
      if (auto s = Exec("PRAGMA auto_vacuum=INCREMENTAL; VACUUM;"); !s) return s;
    }
    return ReadIdentity();
  }

  Result<std::optional<FeedState>> GetFeedState(const std::string& feed_id) override {
    Statement st(db_, "SELECT " NEWSMON_FEED_COLUMNS " FROM feed_state WHERE feed_id = ?");
    if (!st.ok()) return DbError("prepare");
    st.Bind(1, feed_id);
    const int rc = st.Step();
    if (rc == SQLITE_DONE) return std::optional<FeedState>();
    if (rc != SQLITE_ROW) return DbError("read feed state");
    return std::optional<FeedState>(ReadFeed(st));
  }

  Result<std::vector<FeedState>> AllFeedStates() override {
    Statement st(db_, "SELECT " NEWSMON_FEED_COLUMNS " FROM feed_state ORDER BY feed_id");
    if (!st.ok()) return DbError("prepare");
    std::vector<FeedState> out;
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) out.push_back(ReadFeed(st));
    if (rc != SQLITE_DONE) return DbError("read feed states");
    return out;
  }

  Result<std::optional<std::string>> SeenHash(const std::string& feed_id, const std::string& item_id) override {
    Statement st(db_, "SELECT content_hash FROM seen_item WHERE feed_id = ? AND item_id = ?");
    if (!st.ok()) return DbError("prepare");
    st.Bind(1, feed_id).Bind(2, item_id);
    const int rc = st.Step();
    if (rc == SQLITE_DONE) return std::optional<std::string>();
    if (rc != SQLITE_ROW) return DbError("read seen item");
    return std::optional<std::string>(st.Text(0));
  }

  Result<std::vector<PriorQuote>> QuotesOf(const std::string& leader_id) override {
    Statement st(db_, "SELECT quote_id, text, first_seen, url FROM quote WHERE leader_id = ? ORDER BY first_seen");
    if (!st.ok()) return DbError("prepare");
    st.Bind(1, leader_id);
    std::vector<PriorQuote> out;
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) {
      out.push_back(PriorQuote{st.Text(0), st.Text(1), *st.Time(2), st.Text(3)});
    }
    if (rc != SQLITE_DONE) return DbError("read quotes");
    return out;
  }

  Result<std::vector<StoryFingerprint>> RecentFingerprints(Timestamp since) override {
    Statement st(db_, "SELECT story_id, simhash, cluster_id, seen_at FROM fingerprint WHERE seen_at >= ?");
    if (!st.ok()) return DbError("prepare");
    st.Bind(1, std::optional<Timestamp>(since));
    std::vector<StoryFingerprint> out;
    int rc;
    while ((rc = st.Step()) == SQLITE_ROW) {
      out.push_back(StoryFingerprint{st.Text(0), static_cast<uint64_t>(st.Int(1)), st.Text(2), *st.Time(3)});
    }
    if (rc != SQLITE_DONE) return DbError("read fingerprints");
    return out;
  }

  Result<int> AttemptsOf(const std::string& feed_id, const std::string& item_id) override {
    Statement st(db_, "SELECT attempts FROM item_attempt WHERE feed_id = ? AND item_id = ?");
    if (!st.ok()) return DbError("prepare");
    st.Bind(1, feed_id).Bind(2, item_id);
    const int rc = st.Step();
    if (rc == SQLITE_DONE) return 0;
    if (rc != SQLITE_ROW) return DbError("read item attempts");
    return static_cast<int>(st.Int(0));
  }

  Status Commit(const CommitBatch& batch) override {
    if (batch.empty()) return Status::Ok();
    // One prepared statement per table and batch: preparing per row costs
    // more than the insert itself.
    return InTransaction([&]() -> Status {
      Statement seen(db_, "INSERT OR REPLACE INTO seen_item(feed_id, item_id, content_hash, seen_at) VALUES (?,?,?,?)");
      for (const auto& s : batch.seen) {
        seen.Bind(1, s.feed_id).Bind(2, s.item_id).Bind(3, s.content_hash).Bind(4, std::optional<Timestamp>(s.seen_at));
        if (seen.StepAndReset() != SQLITE_DONE) return DbError("write seen item");
      }
      if (!batch.attempts_cleared.empty()) {
        Statement clear(db_, "DELETE FROM item_attempt WHERE feed_id = ? AND item_id = ?");
        for (const auto& [feed, item] : batch.attempts_cleared) {
          clear.Bind(1, feed).Bind(2, item);
          if (clear.StepAndReset() != SQLITE_DONE) return DbError("clear item attempts");
        }
      }
      Statement attempt(db_,
                        "INSERT OR REPLACE INTO item_attempt(feed_id, item_id, attempts, last_error, updated_at) "
                        "VALUES (?,?,?,?,?)");
      for (const auto& a : batch.attempts) {
        attempt.Bind(1, a.feed_id).Bind(2, a.item_id).Bind(3, int64_t{a.attempts}).Bind(4, a.last_error);
        attempt.Bind(5, std::optional<Timestamp>(a.at));
        if (attempt.StepAndReset() != SQLITE_DONE) return DbError("write item attempts");
      }
      // The first sighting wins: a re-processed batch must not move first_seen.
      Statement quote(db_,
                      "INSERT OR IGNORE INTO quote(quote_id, leader_id, text, first_seen, url) VALUES (?,?,?,?,?)");
      for (const auto& q : batch.quotes) {
        quote.Bind(1, q.quote.quote_id).Bind(2, q.leader_id).Bind(3, q.quote.text);
        quote.Bind(4, std::optional<Timestamp>(q.quote.first_seen)).Bind(5, q.quote.url);
        if (quote.StepAndReset() != SQLITE_DONE) return DbError("write quote");
      }
      Statement fingerprint(
          db_, "INSERT OR IGNORE INTO fingerprint(story_id, simhash, cluster_id, seen_at) VALUES (?,?,?,?)");
      for (const auto& f : batch.fingerprints) {
        fingerprint.Bind(1, f.story_id).Bind(2, static_cast<int64_t>(f.simhash)).Bind(3, f.cluster_id);
        fingerprint.Bind(4, std::optional<Timestamp>(f.seen_at));
        if (fingerprint.StepAndReset() != SQLITE_DONE) return DbError("write fingerprint");
      }
      Statement feed(
          db_, "INSERT OR REPLACE INTO feed_state(" NEWSMON_FEED_COLUMNS ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
      for (const auto& f : batch.feed_states) {
        feed.Bind(1, f.feed_id).Bind(2, f.url).Bind(3, f.etag).Bind(4, f.last_modified).Bind(5, f.body_hash);
        feed.Bind(6, f.next_poll).Bind(7, f.last_poll).Bind(8, int64_t{f.error_streak});
        feed.Bind(9, int64_t{f.last_http_status}).Bind(10, f.last_error).Bind(11, f.redirect_candidate);
        feed.Bind(12, int64_t{f.redirect_count}).Bind(13, f.interval_seconds).Bind(14, f.items_per_hour);
        feed.Bind(15, f.schedule_reason).Bind(16, f.last_success);
        if (feed.StepAndReset() != SQLITE_DONE) return DbError("write feed state");
      }
      return Status::Ok();
    });
  }

  Result<ExpiryResult> ExpireBatch(const ExpiryHorizon& horizon, int batch_rows) override {
    ExpiryResult r;
    const int64_t limit = std::max(1, batch_rows);
    // Oldest first through each table's time index: a batch is a short
    // transaction, so commits of new work wait milliseconds, not minutes.
    struct Target {
      const char* sql;
      Timestamp before;
      int64_t* removed;
    };
    const Target targets[] = {
        {"DELETE FROM seen_item WHERE (feed_id, item_id) IN (SELECT feed_id, item_id FROM seen_item "
         "WHERE seen_at < ?1 ORDER BY seen_at LIMIT ?2)",
         horizon.items, &r.seen},
        {"DELETE FROM item_attempt WHERE (feed_id, item_id) IN (SELECT feed_id, item_id FROM item_attempt "
         "WHERE updated_at < ?1 ORDER BY updated_at LIMIT ?2)",
         horizon.items, &r.attempts},
        {"DELETE FROM fingerprint WHERE rowid IN (SELECT rowid FROM fingerprint WHERE seen_at < ?1 "
         "ORDER BY seen_at LIMIT ?2)",
         horizon.stories, &r.fingerprints},
        {"DELETE FROM quote WHERE rowid IN (SELECT rowid FROM quote WHERE first_seen < ?1 "
         "ORDER BY first_seen LIMIT ?2)",
         horizon.quotes, &r.quotes},
    };
    auto s = InTransaction([&]() -> Status {
      for (const Target& t : targets) {
        Statement st(db_, t.sql);
        if (!st.ok()) return DbError("prepare expiry");
        st.Bind(1, std::optional<Timestamp>(t.before)).Bind(2, limit);
        if (st.Step() != SQLITE_DONE) return DbError("expire");
        *t.removed = sqlite3_changes(db_);
      }
      return Status::Ok();
    });
    if (!s) return s.error();
    r.done = r.seen < limit && r.attempts < limit && r.fingerprints < limit && r.quotes < limit;
    return r;
  }

  Result<StoreStats> Stats() override {
    StoreStats st;
    struct Count {
      const char* sql;
      int64_t* out;
    };
    for (const Count& c :
         {Count{"SELECT count(*) FROM feed_state", &st.feeds}, Count{"SELECT count(*) FROM seen_item", &st.seen},
          Count{"SELECT count(*) FROM fingerprint", &st.fingerprints}, Count{"SELECT count(*) FROM quote", &st.quotes},
          Count{"SELECT count(*) FROM item_attempt", &st.attempts}}) {
      Statement q(db_, c.sql);
      if (!q.ok() || q.Step() != SQLITE_ROW) return DbError("count rows");
      *c.out = q.Int(0);
    }
    const int64_t page = PragmaInt("page_size");
    st.free_bytes = PragmaInt("freelist_count") * page;
    std::error_code ec;
    const auto size = std::filesystem::file_size(file_, ec);
    st.file_bytes = ec ? PragmaInt("page_count") * page : static_cast<int64_t>(size);
    const auto wal = std::filesystem::file_size(file_.string() + "-wal", ec);
    st.wal_bytes = ec ? 0 : static_cast<int64_t>(wal);
    return st;
  }

  Status Compact() override {
    // TRUNCATE: the log file shrinks back once its frames are in the database.
    if (auto s = Exec("PRAGMA wal_checkpoint(TRUNCATE)"); !s) return s;
    return Exec("PRAGMA incremental_vacuum");
  }

  Result<bool> FileReplaced() override {
    struct stat now {};
    if (::stat(file_.c_str(), &now) != 0) {
      if (errno == ENOENT) return true;
      return MakeError(ErrorCode::kIo, "state store: stat " + file_.string() + ": " + std::strerror(errno));
    }
    return now.st_dev != device_ || now.st_ino != inode_;
  }

  Status CheckWritable() override {
    return InTransaction([&]() -> Status {
      Statement st(db_, "INSERT OR REPLACE INTO meta(key, value) VALUES ('last_write_check', ?)");
      st.Bind(1, std::to_string(std::chrono::system_clock::now().time_since_epoch().count()));
      if (st.Step() != SQLITE_DONE) return DbError("write check");
      return Status::Ok();
    });
  }

 private:
  static FeedState ReadFeed(const Statement& st) {
    FeedState f;
    f.feed_id = st.Text(0);
    f.url = st.Text(1);
    f.etag = st.Text(2);
    f.last_modified = st.Text(3);
    f.body_hash = st.Text(4);
    f.next_poll = st.Time(5);
    f.last_poll = st.Time(6);
    f.error_streak = static_cast<int>(st.Int(7));
    f.last_http_status = static_cast<int>(st.Int(8));
    f.last_error = st.Text(9);
    f.redirect_candidate = st.Text(10);
    f.redirect_count = static_cast<int>(st.Int(11));
    f.interval_seconds = st.Int(12);
    f.items_per_hour = sqlite3_column_double(st.raw(), 13);
    f.schedule_reason = st.Text(14);
    f.last_success = st.Time(15);
    return f;
  }

  Error DbError(const std::string& what) const {
    return MakeError(ErrorCode::kIo, "state store: " + what + ": " + sqlite3_errmsg(db_));
  }

  Status Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      return MakeError(ErrorCode::kIo, std::string("state store: ") + msg);
    }
    return Status::Ok();
  }

  int64_t PragmaInt(const char* name) {
    Statement st(db_, (std::string("PRAGMA ") + name).c_str());
    return st.ok() && st.Step() == SQLITE_ROW ? st.Int(0) : 0;
  }

  // The open file's identity, to notice when the path comes to name
  // another file (deleted and recreated, or replaced by a copy).
  Status ReadIdentity() {
    struct stat st {};
    if (::stat(file_.c_str(), &st) != 0) {
      return MakeError(ErrorCode::kIo, "state store: stat " + file_.string() + ": " + std::strerror(errno));
    }
    device_ = st.st_dev;
    inode_ = st.st_ino;
    return Status::Ok();
  }

  Status InTransaction(const std::function<Status()>& body) {
    if (auto s = Exec("BEGIN IMMEDIATE"); !s) return s;
    Status s = body();
    if (s) s = Exec("COMMIT");
    if (!s) (void)Exec("ROLLBACK");
    return s;
  }

  sqlite3* db_;
  std::filesystem::path file_;
  dev_t device_ = 0;
  ino_t inode_ = 0;
};

}  // namespace

Result<std::unique_ptr<StateStore>> OpenSqliteStore(const std::filesystem::path& file, StoreOptions options) {
  std::error_code ec;
  if (options.read_only) {
    if (!std::filesystem::exists(file, ec)) {
      return MakeError(ErrorCode::kNotFound, "no state store at " + file.string() + " (the daemon has not run yet)");
    }
  } else if (file.has_parent_path()) {
    std::filesystem::create_directories(file.parent_path(), ec);
  }
  sqlite3* db = nullptr;
  const int flags =
      (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(file.c_str(), &db, flags, options.vfs) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return MakeError(ErrorCode::kIo, "cannot open state store " + file.string() + ": " + msg);
  }
  sqlite3_busy_timeout(db, 5000);
  auto store = std::make_unique<SqliteStore>(db, file);
  if (auto s = store->Init(options.read_only); !s) return s.error();
  return std::unique_ptr<StateStore>(std::move(store));
}

}  // namespace newsmon
