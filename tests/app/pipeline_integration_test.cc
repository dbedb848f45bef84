// One --once cycle over fixture feeds into the embedded Kafka cluster,
// consumed back with a real librdkafka consumer.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "app/pipeline.h"
#include "newsmon/v1/events.pb.h"
#include "test_config.h"
#include "util/hash.h"

namespace newsmon {
namespace {

namespace fs = std::filesystem;

class PipelineIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/newsmon-pipeline-test.XXXXXX";
    dir_ = mkdtemp(tmpl);
    auto cluster = EmbeddedKafka::Start(3, {"test.stories", "test.quotes"});
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(*cluster);
    auto config = LoadConfig(testing::WriteFixtureConfig(dir_, "embedded"));
    ASSERT_TRUE(config.ok()) << config.error().message;
    auto compiled = CompileConfig(*config);
    ASSERT_TRUE(compiled.ok()) << compiled.error().message;
    compiled_ = std::move(*compiled);
    auto store = OpenSqliteStore(dir_ / "state.db");
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    auto producer = ReliableProducer::Create(compiled_.config->kafka, cluster_->bootstrap_servers());
    ASSERT_TRUE(producer.ok()) << producer.error().message;
    producer_ = std::move(*producer);
  }

  CycleReport RunCycle(const CompiledConfig& compiled, ReliableProducer& producer,
                       std::chrono::milliseconds deadline = std::chrono::seconds(30)) {
    auto report = RunOnce(compiled, *store_, producer, deadline);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report ? *report : CycleReport{};
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::vector<ConsumedEvent> ReadAll(const std::string& topic, size_t expected) {
    auto reader = KafkaReader::Open(cluster_->bootstrap_servers(), topic, true);
    EXPECT_TRUE(reader.ok()) << reader.error().message;
    if (!reader) return {};
    auto events = (*reader)->ReadUpTo(expected + 10, std::chrono::milliseconds(1500));
    EXPECT_TRUE(events.ok());
    return events ? *events : std::vector<ConsumedEvent>{};
  }

  fs::path dir_;
  std::unique_ptr<EmbeddedKafka> cluster_;
  CompiledConfig compiled_;
  std::unique_ptr<StateStore> store_;
  std::unique_ptr<ReliableProducer> producer_;
};

TEST_F(PipelineIntegrationTest, OneCycleEmitsExactlyTheExpectedEvents) {
  const CycleReport report = RunCycle(compiled_, *producer_);
  EXPECT_TRUE(report.complete);
  EXPECT_EQ(report.feeds_polled, 3);
  EXPECT_EQ(report.feeds_failed, 0);
  EXPECT_EQ(report.items_new, 4);
  EXPECT_EQ(report.stories_matched, 3);
  EXPECT_EQ(report.events_delivered, report.events_produced);
  EXPECT_EQ(report.items_committed, 4);

  // Stories: the wire story (kz-de), the ledger story (ru-sanctions), the reprint (kz-de).
  const auto stories = ReadAll("test.stories", 3);
  ASSERT_EQ(stories.size(), 3u);
  std::map<std::string, v1::StoryMatched> by_feed;
  for (const auto& e : stories) {
    EXPECT_EQ(e.Header("ce_specversion"), "1.0");
    EXPECT_EQ(e.Header("ce_type"), "org.newsmon.story.matched.v1");
    EXPECT_EQ(e.Header("content-type"), "application/protobuf");
    EXPECT_EQ(e.Header("newsmon-message"), "newsmon.v1.StoryMatched");
    EXPECT_FALSE(e.Header("ce_time").empty());
    v1::StoryMatched msg;
    ASSERT_TRUE(msg.ParseFromString(e.payload));
    EXPECT_EQ(e.key, msg.story().story_id());
    EXPECT_EQ(e.Header("ce_id"), msg.event_id());
    EXPECT_EQ(e.Header("ce_source"), "urn:newsmon:test/feeds/" + msg.story().feed_id());
    by_feed[msg.story().feed_id()] = msg;
  }
  ASSERT_EQ(by_feed.size(), 3u);
  const v1::StoryMatched& wire = by_feed["wire"];
  EXPECT_EQ(wire.story().title(), "Kazakhstan and Germany sign energy deal");
  EXPECT_EQ(wire.story().url(), "https://wire.test/a");
  EXPECT_EQ(wire.story().item_id(), "wire-a");
  EXPECT_EQ(wire.story().story_id(), StableId({"wire", "wire-a"}));
  EXPECT_EQ(wire.story().published().seconds(), 1795687200);
  ASSERT_EQ(wire.topics_size(), 1);
  EXPECT_EQ(wire.topics(0).topic_id(), "kz-de");
  EXPECT_GE(wire.topics(0).terms_size(), 2);
  bool saw_tokayev_quote = false;
  for (const auto& q : wire.quotes()) {
    if (q.leader_id() == "kz-tokayev") {
      saw_tokayev_quote = true;
      EXPECT_EQ(q.text(), "We will build the pipeline together with our German partners,");
    }
  }
  EXPECT_TRUE(saw_tokayev_quote);
  ASSERT_EQ(by_feed["ledger"].topics_size(), 1);
  EXPECT_EQ(by_feed["ledger"].topics(0).topic_id(), "ru-sanctions");
  EXPECT_EQ(by_feed["reprint"].topics(0).topic_id(), "kz-de");

  // Quotes: Tokayev's quote is new in the wire story and not new in the reprint.
  const auto quotes = ReadAll("test.quotes", 2);
  ASSERT_EQ(quotes.size(), 2u);
  std::map<std::string, v1::LeaderQuote> quote_by_feed;
  for (const auto& e : quotes) {
    EXPECT_EQ(e.key, "kz-tokayev");
    EXPECT_EQ(e.Header("ce_type"), "org.newsmon.leader.quote.v1");
    EXPECT_EQ(e.Header("newsmon-message"), "newsmon.v1.LeaderQuote");
    v1::LeaderQuote msg;
    ASSERT_TRUE(msg.ParseFromString(e.payload));
    EXPECT_EQ(e.Header("ce_id"), msg.event_id());
    EXPECT_EQ(msg.leader_name(), "Kassym-Jomart Tokayev");
    quote_by_feed[msg.story().feed_id()] = msg;
  }
  // Feeds are fetched concurrently: whichever story is processed first
  // carries the new quote, the other one is a repeat pointing at it.
  ASSERT_EQ(quote_by_feed.size(), 2u);
  const bool wire_first = quote_by_feed["wire"].is_new();
  const v1::LeaderQuote& original = quote_by_feed[wire_first ? "wire" : "reprint"];
  const v1::LeaderQuote& repeat = quote_by_feed[wire_first ? "reprint" : "wire"];
  EXPECT_TRUE(original.is_new());
  EXPECT_EQ(original.quote().speaker(), "Tokayev");
  EXPECT_EQ(original.first_seen_url(), wire_first ? "https://wire.test/a" : "https://reprint.test/r1");
  EXPECT_EQ(original.first_seen().seconds(), wire_first ? 1795687200 : 1795705200);
  ASSERT_EQ(original.topic_ids_size(), 1);
  EXPECT_EQ(original.topic_ids(0), "kz-de");
  EXPECT_FALSE(repeat.is_new());
  EXPECT_EQ(repeat.similar_quote_id(), original.quote().quote_id());
  EXPECT_GT(repeat.similarity(), 0.9);
}

TEST_F(PipelineIntegrationTest, SecondCycleEmitsNothingNew) {
  const CycleReport first = RunCycle(compiled_, *producer_);
  ASSERT_TRUE(first.complete);
  const CycleReport second = RunCycle(compiled_, *producer_);
  EXPECT_TRUE(second.complete);
  EXPECT_EQ(second.feeds_polled, 3);
  EXPECT_EQ(second.items_new, 0);
  EXPECT_EQ(second.events_produced, 0);
  EXPECT_EQ(ReadAll("test.stories", 3).size(), 3u);
}

TEST_F(PipelineIntegrationTest, NothingIsCommittedWhenKafkaIsDown) {
  for (int b = 1; b <= 3; ++b) cluster_->SetBrokerDown(b, true);
  const CycleReport report = RunCycle(compiled_, *producer_, std::chrono::seconds(3));
  EXPECT_FALSE(report.complete);
  EXPECT_GT(report.events_produced, 0);
  EXPECT_EQ(report.events_delivered, 0);
  EXPECT_EQ(report.items_committed, 1);  // only the football story: it produced no event
  auto seen = store_->SeenHash("wire", "wire-a");
  ASSERT_TRUE(seen.ok());
  EXPECT_FALSE(seen->has_value()) << "an undelivered item must not be marked seen";
  auto quotes = store_->QuotesOf("kz-tokayev");
  ASSERT_TRUE(quotes.ok());
  EXPECT_TRUE(quotes->empty());
  auto state = store_->GetFeedState("wire");
  ASSERT_TRUE(state.ok());
  EXPECT_FALSE(state->has_value()) << "feed validators must not advance past undelivered items";

  // The brokers come back: the same producer delivers what it kept, and a
  // new run commits everything without losing an event.
  for (int b = 1; b <= 3; ++b) cluster_->SetBrokerDown(b, false);
  EXPECT_EQ(producer_->Flush(std::chrono::seconds(30)), 0u);
  const CycleReport after = RunCycle(compiled_, *producer_);
  EXPECT_TRUE(after.complete);
  EXPECT_TRUE(store_->SeenHash("wire", "wire-a")->has_value());
  EXPECT_GE(ReadAll("test.stories", 3).size(), 3u);
}

}  // namespace
}  // namespace newsmon
