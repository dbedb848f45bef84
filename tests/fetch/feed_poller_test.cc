// FeedPoller with a fake clock against the loopback server: due feeds are
// fetched, validators and redirects carried into the state, next polls planned.
#include "fetch/feed_poller.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "../support/http_test_server.h"
#include "fetch_test_util.h"

namespace newsmon {
namespace {

using std::chrono::hours;
using std::chrono::seconds;
using testing::HttpTestServer;
using testing::Reply;
using testing::SeenRequest;

const Timestamp kT0 = Timestamp(seconds(1800000000));

FeedPoller::FeedEntry Entry(const std::string& id, const std::string& url) {
  FeedPoller::FeedEntry e;
  e.config.id = id;
  e.config.url = url;
  e.config.interval = seconds(60);
  e.config.min_interval = seconds(30);
  e.config.max_interval = seconds(600);
  return e;
}

void RunUntilIdle(boost::asio::io_context& io, const FeedPoller& poller) {
  for (int i = 0; i < 500 && poller.in_flight() > 0; ++i) {
    if (io.stopped()) io.restart();  // run_one_for stops the context whenever it runs out of work
    io.run_one_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(poller.in_flight(), 0u);
}

TEST(FeedPollerTest, PollsDueFeedsAndPlansTheNext) {
  HttpTestServer server;
  server.Handle("/a", [](const SeenRequest& r) {
    if (r.Header("if-none-match") == "\"a1\"") return Reply(304);
    return Reply(200, "<rss/>").WithHeader("ETag", "\"a1\"");
  });
  server.Handle("/gone", Reply(410));
  server.Handle("/moved", Reply(301).WithHeader("Location", "/here"));
  server.Handle("/here", Reply(200, "<rss/>"));

  boost::asio::io_context io;
  HttpClient client(io, testing::TestOptions());
  Timestamp now = kT0;
  int consumed = 0;
  FeedPoller poller(io, client, 1, [&](const FeedPoller::Poll& poll, FeedPoller::DoneFn done) {
    ++consumed;
    FeedPoller::Processed p;
    p.new_items = poll.result.response.status == 200 ? 1 : 0;
    done(p);
  });
  poller.set_clock([&] { return now; });
  poller.SetFeeds(
      {Entry("a", server.Url("/a")), Entry("gone", server.Url("/gone")), Entry("moved", server.Url("/moved"))});

  // First polls are spread over [t0, t0 + 60 s): nothing is due before its time.
  poller.Tick(now);
  RunUntilIdle(io, poller);
  for (const char* id : {"a", "gone", "moved"}) {
    const PollSchedule* s = poller.ScheduleOf(id);
    ASSERT_NE(s, nullptr);
    ASSERT_TRUE(s->next_poll.has_value());
    EXPECT_LT(*s->next_poll, kT0 + seconds(60));
  }
  now = kT0 + seconds(60);
  poller.Tick(now);
  RunUntilIdle(io, poller);
  EXPECT_GE(consumed, 3);
  EXPECT_EQ(poller.StateOf("a")->etag, "\"a1\"");
  EXPECT_EQ(poller.StateOf("a")->last_http_status, 200);
  EXPECT_EQ(poller.StateOf("gone")->last_http_status, 410);
  EXPECT_NE(poller.StateOf("gone")->last_error.find("gone"), std::string::npos);
  EXPECT_EQ(*poller.StateOf("gone")->next_poll, now + hours(24));
  EXPECT_EQ(poller.StateOf("moved")->redirect_count, 1);
  EXPECT_EQ(poller.TakeChangedStates().size(), 3u);
  EXPECT_TRUE(poller.TakeChangedStates().empty());

  // Keep polling at each due time: "a" sends its ETag and gets 304s, "moved"
  // adopts its new URL after three consecutive permanent redirects.
  for (int round = 0; round < 3; ++round) {
    now = *poller.StateOf("moved")->next_poll;
    poller.Tick(now);
    RunUntilIdle(io, poller);
  }
  EXPECT_EQ(poller.StateOf("moved")->url, server.Url("/here"));
  EXPECT_EQ(server.RequestsFor("/a").back().Header("if-none-match"), "\"a1\"");
  EXPECT_EQ(poller.StateOf("a")->error_streak, 0);
  EXPECT_EQ(server.RequestsFor("/gone").size(), 1u);  // not polled again within a day

  // A reload keeps the schedule of kept feeds and drops removed ones.
  const Timestamp a_next = *poller.StateOf("a")->next_poll;
  poller.SetFeeds({Entry("a", server.Url("/a"))});
  EXPECT_EQ(*poller.StateOf("a")->next_poll, a_next);
  EXPECT_EQ(poller.StateOf("gone"), nullptr);
}

TEST(FeedPollerTest, ConsumerMayFinishLaterAndFeedIsNotPolledTwice) {
  HttpTestServer server;
  server.Handle("/a", Reply(200, "x"));
  boost::asio::io_context io;
  HttpClient client(io, testing::TestOptions());
  Timestamp now = kT0;
  std::vector<FeedPoller::DoneFn> later;
  FeedPoller poller(io, client, 2, [&](const FeedPoller::Poll&, FeedPoller::DoneFn done) { later.push_back(done); });
  poller.set_clock([&] { return now; });
  poller.SetFeeds({Entry("a", server.Url("/a"))});
  poller.Tick(now);  // plans the first poll within the interval
  now = kT0 + seconds(60);
  poller.Tick(now);
  EXPECT_EQ(poller.in_flight(), 1u);
  for (int i = 0; i < 200 && later.empty(); ++i) {
    if (io.stopped()) io.restart();
    io.run_one_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(later.size(), 1u);
  now += hours(1);
  EXPECT_EQ(poller.Tick(now), 0);  // still being processed
  later[0](FeedPoller::Processed{});
  later[0](FeedPoller::Processed{});  // a second call is ignored
  EXPECT_EQ(poller.in_flight(), 0u);
  EXPECT_GT(*poller.StateOf("a")->next_poll, now);
}

}  // namespace
}  // namespace newsmon
