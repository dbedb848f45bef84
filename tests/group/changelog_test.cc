// Feed-state snapshots: what a feed's next owner restores.
#include "group/changelog.h"

#include <gtest/gtest.h>

#include <functional>

#include "util/time.h"

namespace newsmon::group {
namespace {

FeedSnapshot Sample() {
  FeedSnapshot s;
  s.state.feed_id = "wire-world";
  s.state.url = "https://wire.example/rss";
  s.state.etag = "\"v7\"";
  s.state.last_modified = "Mon, 07 Dec 2026 09:00:00 GMT";
  s.state.body_hash = "ab12";
  s.state.next_poll = ParseRfc3339("2026-12-07T09:05:00Z");
  s.state.last_poll = ParseRfc3339("2026-12-07T09:00:00Z");
  s.state.error_streak = 2;
  s.state.last_http_status = 503;
  s.state.last_error = "HTTP 503";
  s.state.interval_seconds = 300;
  s.state.items_per_hour = 1.5;
  s.state.schedule_reason = "backoff";
  s.seen = {{"item-1", "h1"}, {"item-2", "h2"}};
  return s;
}

TEST(FeedSnapshot, RoundTripsEveryField) {
  const FeedSnapshot s = Sample();
  auto back = DecodeSnapshot(EncodeSnapshot(s));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->state.feed_id, s.state.feed_id);
  EXPECT_EQ(back->state.url, s.state.url);
  EXPECT_EQ(back->state.etag, s.state.etag);
  EXPECT_EQ(back->state.last_modified, s.state.last_modified);
  EXPECT_EQ(back->state.body_hash, s.state.body_hash);
  EXPECT_EQ(back->state.next_poll, s.state.next_poll);
  EXPECT_EQ(back->state.last_poll, s.state.last_poll);
  EXPECT_FALSE(back->state.last_success.has_value());
  EXPECT_EQ(back->state.error_streak, 2);
  EXPECT_EQ(back->state.last_http_status, 503);
  EXPECT_EQ(back->state.last_error, "HTTP 503");
  EXPECT_EQ(back->state.interval_seconds, 300);
  EXPECT_DOUBLE_EQ(back->state.items_per_hour, 1.5);
  EXPECT_EQ(back->state.schedule_reason, "backoff");
  EXPECT_EQ(back->seen, s.seen);
}

TEST(FeedSnapshot, MalformedRecordsAreErrorsNotCrashes) {
  for (const char* bad : {"", "{", "[]", "null", "{\"v\":2}", "{\"v\":1}", "{\"v\":1,\"feed_id\":\"\"}",
                          "{\"v\":1,\"feed_id\":7}", "\xff\xfe"}) {
    EXPECT_FALSE(DecodeSnapshot(bad).ok()) << bad;
  }
  std::string wrong_time = EncodeSnapshot(Sample());
  wrong_time.replace(wrong_time.find("2026-12-07T09:05:00Z"), 20, "yesterday at noon...");
  EXPECT_FALSE(DecodeSnapshot(wrong_time).ok());
  std::string wrong_seen = EncodeSnapshot(Sample());
  wrong_seen.replace(wrong_seen.find("[\"item-1\",\"h1\"]"), 15, "[\"item-1\"]     ");
  EXPECT_FALSE(DecodeSnapshot(wrong_seen).ok());
}

TEST(FeedSnapshot, OnlyChangesBeyondTheScheduleArePublished) {
  const FeedState before = Sample().state;
  FeedState after = before;
  after.next_poll = ParseRfc3339("2026-12-07T09:10:00Z");
  after.last_poll = ParseRfc3339("2026-12-07T09:05:00Z");
  after.last_success = after.last_poll;
  after.last_http_status = 304;
  after.interval_seconds = 600;
  after.items_per_hour = 0.5;
  after.schedule_reason = "adaptive";
  EXPECT_FALSE(ChangedBeyondSchedule(before, after)) << "a 304: the schedule only";
  for (auto change : std::vector<std::function<void(FeedState&)>>{
           [](FeedState& f) { f.etag = "\"v8\""; }, [](FeedState& f) { f.last_modified = "later"; },
           [](FeedState& f) { f.body_hash = "cd34"; }, [](FeedState& f) { f.url = "https://moved.example/rss"; },
           [](FeedState& f) { f.error_streak = 0; }, [](FeedState& f) { f.last_error.clear(); },
           [](FeedState& f) { f.redirect_candidate = "https://next.example/rss"; },
           [](FeedState& f) { f.redirect_count = 1; }}) {
    FeedState changed = after;
    change(changed);
    EXPECT_TRUE(ChangedBeyondSchedule(before, changed));
  }
}

}  // namespace
}  // namespace newsmon::group
