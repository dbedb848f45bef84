#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "state/state_store.h"

namespace newsmon {
namespace {

namespace fs = std::filesystem;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/newsmon-store-test.XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::unique_ptr<StateStore> Open() {
    auto s = OpenSqliteStore(dir_ / "state.db");
    EXPECT_TRUE(s.ok()) << s.error().message;
    return s ? std::move(*s) : nullptr;
  }
  fs::path dir_;
};

const Timestamp kT0{std::chrono::seconds(1764000000)};

TEST_F(SqliteStoreTest, CommittedStateSurvivesReopen) {
  {
    auto store = Open();
    CommitBatch batch;
    batch.seen.push_back({"f1", "item-1", "hash-1", kT0});
    batch.quotes.push_back({"kz-tokayev", {"q1", "We are ready", kT0, "https://a/1"}});
    FeedState fs;
    fs.feed_id = "f1";
    fs.url = "https://a/feed";
    fs.etag = "\"v1\"";
    fs.last_modified = "Fri, 27 Nov 2026 09:00:00 GMT";
    fs.next_poll = kT0 + std::chrono::minutes(5);
    fs.error_streak = 2;
    fs.last_error = "HTTP 503";
    batch.feed_states.push_back(fs);
    ASSERT_TRUE(store->Commit(batch).ok());
  }
  auto store = Open();
  auto seen = store->SeenHash("f1", "item-1");
  ASSERT_TRUE(seen.ok());
  ASSERT_TRUE(seen->has_value());
  EXPECT_EQ(**seen, "hash-1");
  auto unseen = store->SeenHash("f1", "item-2");
  ASSERT_TRUE(unseen.ok());
  EXPECT_FALSE(unseen->has_value());
  auto quotes = store->QuotesOf("kz-tokayev");
  ASSERT_TRUE(quotes.ok());
  ASSERT_EQ(quotes->size(), 1u);
  EXPECT_EQ((*quotes)[0].text, "We are ready");
  EXPECT_EQ((*quotes)[0].first_seen, kT0);
  auto state = store->GetFeedState("f1");
  ASSERT_TRUE(state.ok());
  ASSERT_TRUE(state->has_value());
  EXPECT_EQ((*state)->etag, "\"v1\"");
  EXPECT_EQ((*state)->error_streak, 2);
  EXPECT_EQ((*state)->last_error, "HTTP 503");
  EXPECT_EQ((*state)->next_poll, kT0 + std::chrono::minutes(5));
}

TEST_F(SqliteStoreTest, FirstSightingOfAQuoteIsKept) {
  auto store = Open();
  CommitBatch first;
  first.quotes.push_back({"l", {"q1", "text", kT0, "https://first"}});
  ASSERT_TRUE(store->Commit(first).ok());
  CommitBatch replay;  // the same quote re-processed after a crash
  replay.quotes.push_back({"l", {"q1", "text", kT0 + std::chrono::hours(1), "https://second"}});
  ASSERT_TRUE(store->Commit(replay).ok());
  auto quotes = store->QuotesOf("l");
  ASSERT_TRUE(quotes.ok());
  ASSERT_EQ(quotes->size(), 1u);
  EXPECT_EQ((*quotes)[0].url, "https://first");
}

TEST_F(SqliteStoreTest, ExpiryRemovesEachTableByItsHorizonInBatches) {
  auto store = Open();
  CommitBatch batch;
  for (int i = 0; i < 5; ++i) {
    const Timestamp t = kT0 + std::chrono::hours(i);
    batch.seen.push_back({"f", "item-" + std::to_string(i), "h", t});
    batch.fingerprints.push_back({"story-" + std::to_string(i), 42u + static_cast<uint64_t>(i), "c", t});
    batch.quotes.push_back({"kz", PriorQuote{"q" + std::to_string(i), "words", t, "https://x"}});
  }
  batch.attempts.push_back({"f", "bad", 2, "too_many_quotes", kT0});
  ASSERT_TRUE(store->Commit(batch).ok());
  // Items older than 3 h, stories older than 1 h, quotes older than 4 h; two rows a batch.
  const ExpiryHorizon horizon{kT0 + std::chrono::hours(3), kT0 + std::chrono::hours(1), kT0 + std::chrono::hours(4)};
  auto first = store->ExpireBatch(horizon, 2);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->seen, 2);
  EXPECT_EQ(first->fingerprints, 1);
  EXPECT_EQ(first->quotes, 2);
  EXPECT_EQ(first->attempts, 1);
  EXPECT_FALSE(first->done);
  auto second = store->ExpireBatch(horizon, 2);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->seen, 1);
  EXPECT_EQ(second->quotes, 2);
  EXPECT_FALSE(second->done);  // a full batch of quotes: there may be more
  auto third = store->ExpireBatch(horizon, 2);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->total(), 0);
  EXPECT_TRUE(third->done);
  EXPECT_FALSE(store->SeenHash("f", "item-2")->has_value());
  EXPECT_TRUE(store->SeenHash("f", "item-3")->has_value());
  EXPECT_EQ(store->QuotesOf("kz")->size(), 1u);
  EXPECT_EQ(*store->AttemptsOf("f", "bad"), 0);
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->seen, 2);
  EXPECT_EQ(stats->fingerprints, 4);
  EXPECT_EQ(stats->quotes, 1);
  EXPECT_GT(stats->file_bytes, 0);
  EXPECT_TRUE(store->Compact().ok());
}

TEST_F(SqliteStoreTest, AttemptsCountUntilTheItemIsSkipped) {
  auto store = Open();
  EXPECT_EQ(*store->AttemptsOf("f", "x"), 0);
  CommitBatch one;
  one.attempts.push_back({"f", "x", 1, "too_slow", kT0});
  ASSERT_TRUE(store->Commit(one).ok());
  EXPECT_EQ(*store->AttemptsOf("f", "x"), 1);
  CommitBatch two;
  two.attempts.push_back({"f", "x", 2, "too_slow", kT0});
  ASSERT_TRUE(store->Commit(two).ok());
  EXPECT_EQ(*store->AttemptsOf("f", "x"), 2);
  CommitBatch skipped;
  skipped.seen.push_back({"f", "x", "h", kT0});
  skipped.attempts_cleared.emplace_back("f", "x");
  ASSERT_TRUE(store->Commit(skipped).ok());
  EXPECT_EQ(*store->AttemptsOf("f", "x"), 0);
}

TEST_F(SqliteStoreTest, NoticesWhenItsFileIsDeletedOrReplaced) {
  auto store = Open();
  ASSERT_TRUE(store->CheckWritable().ok());
  EXPECT_FALSE(*store->FileReplaced());
  std::filesystem::remove(dir_ / "state.db");
  EXPECT_TRUE(*store->FileReplaced());
  std::ofstream(dir_ / "state.db") << "another file";
  EXPECT_TRUE(*store->FileReplaced());
}

TEST_F(SqliteStoreTest, ReadOnlyOpenCreatesNothing) {
  auto missing = OpenSqliteStore(dir_ / "sub" / "state.db", {.read_only = true});
  ASSERT_FALSE(missing.ok());
  EXPECT_FALSE(std::filesystem::exists(dir_ / "sub"));
  { Open(); }
  auto ro = OpenSqliteStore(dir_ / "state.db", {.read_only = true});
  ASSERT_TRUE(ro.ok()) << ro.error().message;
  EXPECT_TRUE((*ro)->AllFeedStates().ok());
  EXPECT_FALSE((*ro)->CheckWritable().ok());
}

TEST_F(SqliteStoreTest, RefusesASchemaFromTheFuture) {
  { Open(); }
  // Simulate a newer newsmon having migrated the file.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "state.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE meta SET value='99' WHERE key='schema_version'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto s = OpenSqliteStore(dir_ / "state.db");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("newer"), std::string::npos) << s.error().message;
}

TEST_F(SqliteStoreTest, UnwritableLocationIsAClearError) {
  auto s = OpenSqliteStore("/proc/newsmon-cannot-be-here/state.db");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("cannot open state store"), std::string::npos);
}

}  // namespace
}  // namespace newsmon
