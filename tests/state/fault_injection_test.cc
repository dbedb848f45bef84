// A failing disk under the store: commits fail atomically, nothing is
// corrupted, and commits work again when the disk does.
#include "state/fault_injection.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "state/state_store.h"

namespace newsmon {
namespace {

namespace fs = std::filesystem;

const Timestamp kT0{std::chrono::seconds(1764000000)};

CommitBatch Batch(const std::string& item) {
  CommitBatch b;
  b.seen.push_back({"f", item, "h-" + item, kT0});
  b.quotes.push_back({"leader", {"q-" + item, "text " + item, kT0, "https://x/" + item}});
  FeedState s;
  s.feed_id = "f";
  s.etag = "etag-" + item;
  b.feed_states.push_back(s);
  return b;
}

std::string IntegrityCheck(const fs::path& db_path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr);
  std::string result = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) : "?";
  sqlite3_finalize(st);
  sqlite3_close(db);
  return result;
}

class FaultInjectionTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/newsmon-fault-test.XXXXXX";
    dir_ = mkdtemp(tmpl);
    vfs_ = &FaultInjectingVfs::Install();
  }
  void TearDown() override {
    vfs_->FailWrites(false);
    vfs_->FailSyncs(false);
    fs::remove_all(dir_);
  }
  void SetFault(bool on) {
    if (GetParam()) {
      vfs_->FailWrites(on);
    } else {
      vfs_->FailSyncs(on);
    }
  }
  fs::path dir_;
  FaultInjectingVfs* vfs_ = nullptr;
};

TEST_P(FaultInjectionTest, FailedCommitsAreAtomicAndRecover) {
  auto store = OpenSqliteStore(dir_ / "state.db", {.vfs = FaultInjectingVfs::kName});
  ASSERT_TRUE(store.ok()) << store.error().message;
  ASSERT_TRUE((*store)->Commit(Batch("a")).ok());

  SetFault(true);
  Status failed = (*store)->Commit(Batch("b"));
  ASSERT_FALSE(failed.ok()) << "a commit on a failing disk must report failure";
  EXPECT_NE(failed.error().message.find("state store"), std::string::npos) << failed.error().message;
  SetFault(false);

  // Nothing of "b" is visible; "a" is intact.
  EXPECT_FALSE((*store)->SeenHash("f", "b")->has_value());
  EXPECT_TRUE((*store)->SeenHash("f", "a")->has_value());
  EXPECT_EQ((*store)->QuotesOf("leader")->size(), 1u);
  EXPECT_EQ((*(*store)->GetFeedState("f"))->etag, "etag-a");

  // The disk is back: the same batch commits.
  ASSERT_TRUE((*store)->Commit(Batch("b")).ok());
  EXPECT_TRUE((*store)->SeenHash("f", "b")->has_value());
  EXPECT_EQ((*(*store)->GetFeedState("f"))->etag, "etag-b");
  store->reset();
  EXPECT_EQ(IntegrityCheck(dir_ / "state.db"), "ok");

  // And a reopened store sees exactly the committed state.
  auto reopened = OpenSqliteStore(dir_ / "state.db");
  ASSERT_TRUE(reopened.ok());
  EXPECT_TRUE((*reopened)->SeenHash("f", "b")->has_value());
  EXPECT_EQ((*reopened)->QuotesOf("leader")->size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(WritesAndSyncs, FaultInjectionTest, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "FailingWrites" : "FailingSyncs"; });

}  // namespace
}  // namespace newsmon
