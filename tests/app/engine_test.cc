// The engine with a fake fetcher, a fake sink and a manual clock over the
// real SQLite store: simulated days in milliseconds.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine_harness.h"

namespace newsmon {
namespace {

namespace fs = std::filesystem;
using testing::EngineHarness;
using testing::FakeItem;
using testing::Ok;
using testing::Rss;

const Timestamp kStart{std::chrono::seconds(1798761600)};  // 2027-01-01T00:00:00Z

CompiledConfig Compile(const std::string& extra, const std::string& more_feeds = "") {
  const std::string yaml = R"(state_dir: /tmp/unused
metrics_listen: "off"
kafka: {brokers: embedded, topics: {stories: s, quotes: q}}
feeds:
  - {id: wire, url: "https://wire.test/feed", interval: 1h, min_interval: 1h, max_interval: 1h, fetch_article: never}
)" + more_feeds + R"(topics:
  - {id: kz, query: 'Kazakhstan'}
leaders:
  - id: kz-tokayev
    name: Kassym-Jomart Tokayev
    roles: [{title: President of Kazakhstan, from: 2019-03-20}]
    country: KZ
)" + extra;
  auto config = LoadConfigFromString(yaml, "engine-test.yaml", "/tmp");
  EXPECT_TRUE(config.ok()) << config.error().message;
  auto compiled = CompileConfig(*config);
  EXPECT_TRUE(compiled.ok()) << compiled.error().message;
  return *compiled;
}

// A story long enough to fingerprint, with one quote of Tokayev's that is
// no near-duplicate of another story's.
std::string StoryText(int n) {
  return "Kazakhstan and its partners discussed " + testing::DistinctWords(n + 1000, 12) +
         " in Astana on Monday, officials from several ministries said after a long day of talks. <p>\u201cWe will "
         "build " +
         testing::DistinctWords(n) + " together,\u201d Tokayev said.</p>";
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/newsmon-engine-test.XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(EngineTest, SimulatedDaysKeepStateWithinTheRetentionHorizons) {
  EngineHarness h(dir_, Compile("retention: {items: 2d, stories: 2d, quotes: 3d, interval: 1h}\n"), kStart);
  // One new item an hour; the feed shows the last five.
  h.fetcher.Serve("https://wire.test/feed", [&h](const FetchRequest&) {
    const auto hour = (h.clock.Now() - kStart) / std::chrono::hours(1);
    std::vector<FakeItem> items;
    for (int64_t i = std::max<int64_t>(0, hour - 4); i <= hour; ++i) {
      items.push_back({"item-" + std::to_string(i), "Trade route " + std::to_string(i), StoryText(int(i)),
                       testing::Rfc822(kStart + std::chrono::hours(i))});
    }
    return Result<FetchResponse>(Ok(Rss(items)));
  });
  h.sink.KeepEvents(false);
  ASSERT_TRUE(h.engine->Start().ok());
  h.Run(std::chrono::hours(24 * 6), std::chrono::minutes(10));
  h.engine->MaintainNow();

  const auto committed = h.metrics.items_committed.Get().Value();
  EXPECT_GE(committed, 24u * 6 - 2) << "every hourly item is processed";
  auto stats = h.sqlite->Stats();
  ASSERT_TRUE(stats.ok());
  // Two days of items and fingerprints, three of quotes, not six.
  EXPECT_LE(stats->seen, 24 * 2 + 2);
  EXPECT_GE(stats->seen, 24 * 2 - 2);
  EXPECT_LE(stats->fingerprints, 24 * 2 + 2);
  EXPECT_LE(stats->quotes, 24 * 3 + 2);
  EXPECT_GE(stats->quotes, 24 * 3 - 2);
  EXPECT_LE(h.engine->emit_step().fingerprints(), 24u * 2 + 2);
  EXPECT_LE(h.engine->emit_step().history_quotes(), 24u * 3 + 2);
  EXPECT_GE(h.metrics.maintenance_runs.Get().Value(), 24u * 5);
  EXPECT_GT(h.metrics.heap_allocated_bytes.Get().Value(), 0) << "sampled by each maintenance run";
  EXPECT_GT(h.metrics.state_rows_expired.WithLabels({"seen_items"}).Value(), 24u * 3);
  EXPECT_EQ(h.metrics.state_rows.WithLabels({"seen_items"}).Value(), static_cast<double>(stats->seen));
  EXPECT_EQ(h.metrics.leader_quotes_new.WithLabels({"kz-tokayev"}).Value(), committed);
}

TEST_F(EngineTest, APoisonPillIsSkippedAfterItsAttemptsAndTheRestFlows) {
  EngineHarness h(dir_, Compile("analysis: {max_quotes_per_story: 5, max_attempts: 3}\n"), kStart);
  std::string pill;
  for (int i = 0; i < 40; ++i) pill += "\u201cWord " + std::to_string(i) + " of many,\u201d Tokayev said. ";
  int polls = 0;
  h.fetcher.Serve("https://wire.test/feed", [&](const FetchRequest&) {
    ++polls;
    // The pill, a normal story, and from the second poll on, another one.
    std::vector<FakeItem> items{{"pill", "Kazakhstan pill", "Kazakhstan. " + pill}, {"a", "Story A", StoryText(1)}};
    if (polls >= 2) items.push_back({"b", "Story B", StoryText(2)});
    return Result<FetchResponse>(Ok(Rss(items)));
  });
  ASSERT_TRUE(h.engine->Start().ok());
  h.Run(std::chrono::minutes(70), std::chrono::minutes(10));  // the first poll falls within the first interval
  ASSERT_EQ(polls, 1);
  EXPECT_EQ(h.metrics.items_failed.Get().Value(), 1u);
  EXPECT_EQ(h.metrics.stories_over_budget.WithLabels({"too_many_quotes"}).Value(), 1u);
  EXPECT_EQ(*h.sqlite->AttemptsOf("wire", "pill"), 1);
  EXPECT_FALSE(h.sqlite->SeenHash("wire", "pill")->has_value());
  EXPECT_TRUE(h.sqlite->SeenHash("wire", "a")->has_value()) << "the rest of the poll is not held back";
  // The poll kept its validators, so the next one parses the feed again.
  EXPECT_EQ(h.sqlite->GetFeedState("wire")->value().body_hash, "");
  const size_t after_first = h.sink.sent();
  EXPECT_EQ(after_first, 2u);  // story A and its leader quote

  h.Run(std::chrono::minutes(140), std::chrono::minutes(10));
  EXPECT_EQ(polls, 3);
  EXPECT_EQ(h.metrics.items_skipped.Get().Value(), 1u);
  EXPECT_EQ(h.metrics.items_failed.Get().Value(), 2u);
  EXPECT_TRUE(h.sqlite->SeenHash("wire", "pill")->has_value()) << "skipped: committed as seen";
  EXPECT_EQ(*h.sqlite->AttemptsOf("wire", "pill"), 0);
  EXPECT_TRUE(h.sqlite->SeenHash("wire", "b")->has_value());
  EXPECT_EQ(h.sink.sent(), after_first + 2) << "story B and its quote; nothing from the pill";
  // Once skipped, the validators advance and the pill is not analysed again.
  const auto analysed = h.metrics.stories_analysed.Get().Value();
  h.Run(std::chrono::hours(2), std::chrono::minutes(10));
  EXPECT_EQ(h.metrics.stories_analysed.Get().Value(), analysed);
  EXPECT_EQ(h.metrics.items_failed.Get().Value(), 2u);
}

TEST_F(EngineTest, AnEventKafkaRefusesIsRetriedThenSkippedWithoutHoldingTheFeed) {
  EngineHarness h(dir_, Compile("analysis: {max_attempts: 2}\n"), kStart);
  std::string long_story = StoryText(7);
  while (long_story.size() < 20000) long_story += " More detail on Kazakhstan follows here.";
  h.fetcher.Serve("https://wire.test/feed", [&](const FetchRequest&) {
    return Result<FetchResponse>(Ok(Rss({{"big", "Kazakhstan big", long_story}, {"a", "Story A", StoryText(1)}})));
  });
  h.sink.RefuseLargerThan(4000);  // the big story's StoryMatched: a hundred explained hits
  ASSERT_TRUE(h.engine->Start().ok());
  h.Run(std::chrono::minutes(70), std::chrono::minutes(10));
  EXPECT_EQ(h.metrics.items_failed.Get().Value(), 1u);
  EXPECT_EQ(*h.sqlite->AttemptsOf("wire", "big"), 1);
  EXPECT_TRUE(h.sqlite->SeenHash("wire", "a")->has_value());
  EXPECT_EQ(h.metrics.events_failed.WithLabels({kStoryMatchedType, "refused"}).Value(), 1u);
  h.Run(std::chrono::hours(2), std::chrono::minutes(10));
  EXPECT_EQ(h.metrics.items_skipped.Get().Value(), 1u);
  EXPECT_TRUE(h.sqlite->SeenHash("wire", "big")->has_value()) << "skipped after its attempts";
  EXPECT_TRUE(h.engine->Idle() || h.engine->polls_in_flight() == 0);
}

TEST_F(EngineTest, AFailedHistoryReadFailsThePollInsteadOfCallingEveryQuoteNew) {
  // Tokayev said it before: committed history.
  {
    auto store = OpenSqliteStore(dir_ / "state.db");
    ASSERT_TRUE(store.ok());
    CommitBatch batch;
    batch.quotes.push_back({"kz-tokayev", PriorQuote{"q0", "We will build " + testing::DistinctWords(1) + " together,",
                                                     kStart, "https://earlier.test/1"}});
    ASSERT_TRUE((*store)->Commit(batch).ok());
  }
  EngineHarness h(dir_, Compile(""), kStart, /*flaky=*/true);
  h.fetcher.Serve("https://wire.test/feed", [](const FetchRequest&) {
    return Result<FetchResponse>(Ok(Rss({{"a", "Story A", StoryText(1)}})));
  });
  ASSERT_TRUE(h.engine->Start().ok());
  h.flaky_store->fail_quotes = true;
  h.Run(std::chrono::minutes(70), std::chrono::minutes(10));
  EXPECT_EQ(h.sink.sent(), 0u) << "nothing is judged against a history that could not be read";
  EXPECT_EQ(h.metrics.Poll(PollResult::kStateError).Value(), 1u);
  EXPECT_FALSE(h.sqlite->SeenHash("wire", "a")->has_value());
  EXPECT_FALSE(h.sqlite->GetFeedState("wire")->value().last_error.empty());

  h.flaky_store->fail_quotes = false;
  h.Run(std::chrono::hours(2), std::chrono::minutes(10));
  ASSERT_EQ(h.sink.CountOfType(kLeaderQuoteType), 1u);
  EXPECT_EQ(h.metrics.leader_quotes_repeated.WithLabels({"kz-tokayev"}).Value(), 1u) << "said before: not new";
  EXPECT_TRUE(h.sqlite->SeenHash("wire", "a")->has_value());
}

TEST_F(EngineTest, AnUnreadableFeedStateWaitsInsteadOfStartingFromNothing) {
  {
    auto store = OpenSqliteStore(dir_ / "state.db");
    ASSERT_TRUE(store.ok());
    CommitBatch batch;
    FeedState late;
    late.feed_id = "late";
    late.url = "https://late.test/feed";
    late.etag = "\"v7\"";
    late.next_poll = kStart;
    batch.feed_states.push_back(late);
    ASSERT_TRUE((*store)->Commit(batch).ok());
  }
  EngineHarness h(dir_, Compile(""), kStart, /*flaky=*/true);
  std::vector<std::string> etags;
  h.fetcher.Serve("https://wire.test/feed", [](const FetchRequest&) {
    FetchResponse r;
    r.status = 304;
    return Result<FetchResponse>(r);
  });
  h.fetcher.Serve("https://late.test/feed", [&etags](const FetchRequest& req) {
    etags.push_back(req.etag);
    FetchResponse r;
    r.status = 304;
    return Result<FetchResponse>(r);
  });
  ASSERT_TRUE(h.engine->Start().ok());
  h.flaky_store->fail_feed_state = true;
  h.engine->Reload(Compile(
      "", "  - {id: late, url: \"https://late.test/feed\", interval: 1h, min_interval: 1h, max_interval: 1h}\n"));
  h.Run(std::chrono::hours(2), std::chrono::minutes(10));
  EXPECT_TRUE(etags.empty()) << "not polled while its state cannot be read";
  h.flaky_store->fail_feed_state = false;
  h.Run(std::chrono::hours(2), std::chrono::minutes(10));
  ASSERT_FALSE(etags.empty());
  EXPECT_EQ(etags.front(), "\"v7\"") << "the stored validators, not a fresh start";
}

TEST_F(EngineTest, ATruncatedFeedCountsItsCompleteItemsAndIsFetchedAgain) {
  EngineHarness h(dir_, Compile(""), kStart);
  int polls = 0;
  h.fetcher.Serve("https://wire.test/feed", [&](const FetchRequest&) {
    ++polls;
    std::string full = Rss({{"a", "Story A", StoryText(1)}, {"b", "Story B", StoryText(2)}});
    // The first response is cut inside the second item, as a dropped
    // HTTP/1.0 connection leaves it; later ones are whole.
    FetchResponse r = Ok(polls == 1 ? full.substr(0, full.find("<guid isPermaLink=\"false\">b") + 30) : full);
    r.etag = "\"v1\"";
    return Result<FetchResponse>(r);
  });
  ASSERT_TRUE(h.engine->Start().ok());
  h.Run(std::chrono::minutes(70), std::chrono::minutes(10));
  ASSERT_EQ(polls, 1);
  EXPECT_EQ(h.metrics.Poll(PollResult::kTruncated).Value(), 1u);
  EXPECT_TRUE(h.sqlite->SeenHash("wire", "a")->has_value()) << "the complete item counts";
  EXPECT_FALSE(h.sqlite->SeenHash("wire", "b")->has_value()) << "the cut one does not";
  const FeedState after_cut = h.sqlite->GetFeedState("wire")->value();
  EXPECT_EQ(after_cut.etag, "") << "no validators from a cut body";
  EXPECT_EQ(after_cut.body_hash, "");
  EXPECT_NE(after_cut.last_error.find("truncated"), std::string::npos);
  h.Run(std::chrono::hours(2), std::chrono::minutes(10));
  EXPECT_TRUE(h.sqlite->SeenHash("wire", "b")->has_value()) << "fetched again, whole";
  EXPECT_EQ(h.sqlite->GetFeedState("wire")->value().etag, "\"v1\"");
  EXPECT_EQ(h.sink.CountOfType(kStoryMatchedType), 2u) << "each story once";
}

TEST(ReadinessTest, NotReadyWhileCommitsFailTheFileIsGoneOrKafkaLags) {
  EngineHealth ok;
  EXPECT_TRUE(ReadinessOf(ok, false, std::chrono::seconds(0), 0).ready);
  EXPECT_FALSE(ReadinessOf(ok, true, std::chrono::seconds(0), 0).ready);
  EngineHealth failing;
  failing.commit_error = "state store: disk I/O error";
  const ops::Readiness r = ReadinessOf(failing, false, std::chrono::seconds(0), 0);
  EXPECT_FALSE(r.ready);
  EXPECT_EQ(r.reason, "state commits failing: state store: disk I/O error");
  EngineHealth replaced;
  replaced.state_replaced = true;
  EXPECT_EQ(ReadinessOf(replaced, false, {}, 0).reason, "the state file was deleted or replaced");
  EXPECT_FALSE(ReadinessOf(ok, false, std::chrono::seconds(31), 7).ready);
}

TEST_F(EngineTest, MetricsAreTheOneTallyOfAPoll) {
  EngineHarness h(dir_, Compile(""), kStart);
  h.fetcher.Serve("https://wire.test/feed", [](const FetchRequest&) {
    return Result<FetchResponse>(Ok(Rss({{"a", "Story A", StoryText(1)}, {"b", "Story B", StoryText(2)}})));
  });
  ASSERT_TRUE(h.engine->Start(/*poll_all_now=*/true).ok());
  h.Turn();
  const CycleReport r = ReportFromMetrics(h.metrics, *h.engine->compiled().config);
  EXPECT_EQ(r.feeds_polled, 1);
  EXPECT_EQ(r.items_new, 2);
  EXPECT_EQ(r.stories_matched, 2);
  EXPECT_EQ(r.events_produced, 4);
  EXPECT_EQ(r.events_delivered, 4);
  EXPECT_EQ(r.items_committed, 2);
  EXPECT_EQ(h.metrics.Poll(PollResult::kOk).Value(), 1u);
  EXPECT_EQ(h.metrics.cycle_duration_seconds.Get().Take().count, 1u);
  EXPECT_EQ(h.metrics.poll_duration_seconds.Get().Take().count, 1u);
  EXPECT_GT(h.metrics.last_cycle_timestamp_seconds.Get().Value(), 1.7e9);
  EXPECT_TRUE(h.engine->AllPolledOnce());
}

}  // namespace
}  // namespace newsmon
