#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

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

TEST_F(SqliteStoreTest, ExpireDropsOldSeenItems) {
  auto store = Open();
  CommitBatch batch;
  batch.seen.push_back({"f", "old", "h", kT0});
  batch.seen.push_back({"f", "new", "h", kT0 + std::chrono::hours(48)});
  ASSERT_TRUE(store->Commit(batch).ok());
  auto removed = store->Expire(kT0 + std::chrono::hours(24));
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 1);
  EXPECT_FALSE(store->SeenHash("f", "old")->has_value());
  EXPECT_TRUE(store->SeenHash("f", "new")->has_value());
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
