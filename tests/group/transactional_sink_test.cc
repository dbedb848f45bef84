// The transactional sink against the embedded cluster: events and the
// state records committed with them arrive together, an aborted
// transaction sends its records again without acknowledging them twice, a
// record Kafka refuses is given up alone, and a fatal error is reported.
#include "group/transactional_sink.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <map>
#include <set>

namespace newsmon::group {
namespace {

constexpr char kEvents[] = "sink.events";
constexpr char kState[] = "sink.state";

class TransactionalSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cluster = EmbeddedKafka::Start(1, {kEvents, kState}, 2);
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(*cluster);
    Open({});
  }

  void Open(const std::map<std::string, std::string>& producer_settings) {
    KafkaConfig config;
    config.producer = producer_settings;
    config.producer["message.timeout.ms"] = "5000";
    auto sink = TransactionalSink::Open(config, cluster_->bootstrap_servers(), {.transactional_id = "sink-test"});
    ASSERT_TRUE(sink.ok()) << sink.error().message;
    sink_ = std::move(*sink);
  }

  static OutgoingEvent Event(const std::string& topic, const std::string& key, size_t size = 16) {
    OutgoingEvent e;
    e.topic = topic;
    e.key = key;
    e.payload = std::string(size, 'x');
    e.headers = {{"ce_id", key}};
    return e;
  }

  // Sends `keys` to the events topic, counting acknowledgements per key.
  void SendEvents(const std::vector<std::string>& keys) {
    for (const std::string& key : keys) {
      sink_->Send(
          Event(kEvents, key), [this, key] { ++acknowledged_[key]; },
          [this, key](const std::string& why) { refused_[key] = why; });
    }
  }

  // Polls until every sent event is acknowledged or refused.
  void AwaitAcknowledged(size_t expected) {
    for (int i = 0; i < 200 && acknowledged_.size() + refused_.size() < expected; ++i) {
      sink_->Poll(std::chrono::milliseconds(25));
    }
  }

  std::multiset<std::string> Keys(const std::string& topic) {
    std::multiset<std::string> keys;
    auto reader = KafkaReader::Open(cluster_->bootstrap_servers(), topic, true);
    EXPECT_TRUE(reader.ok());
    if (!reader) return keys;
    auto batch = (*reader)->ReadUpTo(10000, std::chrono::milliseconds(1500));
    EXPECT_TRUE(batch.ok());
    if (batch) {
      for (const auto& e : *batch) keys.insert(e.key);
    }
    return keys;
  }

  std::unique_ptr<EmbeddedKafka> cluster_;
  std::unique_ptr<TransactionalSink> sink_;
  std::map<std::string, int> acknowledged_;
  std::map<std::string, std::string> refused_;
};

TEST_F(TransactionalSinkTest, EventsAndTheirStateCommitTogether) {
  SendEvents({"a", "b", "c"});
  AwaitAcknowledged(3);
  ASSERT_EQ(acknowledged_.size(), 3u) << "acknowledged once in the open transaction";
  EXPECT_EQ(sink_->InFlight(), 3u) << "not committed yet";
  ASSERT_TRUE(sink_->Commit({Event(kState, "feed-1")}).ok());
  EXPECT_EQ(sink_->InFlight(), 0u);
  EXPECT_EQ(sink_->OldestInFlightAge(), std::chrono::steady_clock::duration::zero());
  EXPECT_EQ(sink_->stats().committed, 1u);
  EXPECT_EQ(Keys(kEvents), (std::multiset<std::string>{"a", "b", "c"}));
  EXPECT_EQ(Keys(kState), (std::multiset<std::string>{"feed-1"}));
  // A second transaction starts with the next event.
  SendEvents({"d"});
  AwaitAcknowledged(4);
  ASSERT_TRUE(sink_->Commit({}).ok());
  EXPECT_EQ(sink_->stats().committed, 2u);
  EXPECT_EQ(Keys(kEvents).count("d"), 1u);
  for (const auto& [key, n] : acknowledged_) EXPECT_EQ(n, 1) << key;
}

TEST_F(TransactionalSinkTest, EventsCommittedBeforeTheirReportWasServedAreAcknowledgedOnTheNextPoll) {
  SendEvents({"a", "b"});
  // Committed at once: the flush inside the commit gets the reports, whose
  // callbacks must not run inside Commit (the engine is mid-commit).
  ASSERT_TRUE(sink_->Commit({}).ok());
  EXPECT_TRUE(acknowledged_.empty());
  EXPECT_EQ(sink_->InFlight(), 2u) << "callbacks still owed";
  sink_->Poll(std::chrono::milliseconds(0));
  EXPECT_EQ(acknowledged_, (std::map<std::string, int>{{"a", 1}, {"b", 1}}));
  EXPECT_EQ(sink_->InFlight(), 0u);
}

TEST_F(TransactionalSinkTest, AnAbortedTransactionSendsItsRecordsAgainAndTheRetryCommitsThem) {
  SendEvents({"a", "b", "c"});
  AwaitAcknowledged(3);
  ASSERT_EQ(acknowledged_.size(), 3u);
  // The coordinator refuses the commit: the transaction must be aborted.
  rd_kafka_mock_push_request_errors(cluster_->mock(), 26 /* EndTxn */, 1, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS);
  Status first = sink_->Commit({Event(kState, "feed-1")});
  ASSERT_FALSE(first.ok());
  EXPECT_NE(first.error().message.find("aborted"), std::string::npos) << first.error().message;
  EXPECT_EQ(sink_->stats().aborted, 1u);
  EXPECT_FALSE(sink_->FatalError().has_value());
  EXPECT_EQ(sink_->InFlight(), 4u) << "every record of the aborted transaction waits to go again";
  // The engine kept its state commit and tries again on its next ticks;
  // the records go again after the backoff.
  for (int i = 0; i < 80 && sink_->InFlight() > 0; ++i) {
    sink_->Poll(std::chrono::milliseconds(25));
    (void)sink_->Commit({Event(kState, "feed-1")});
  }
  EXPECT_EQ(sink_->InFlight(), 0u);
  EXPECT_GE(sink_->stats().committed, 1u);
  const auto events = Keys(kEvents);
  for (const char* key : {"a", "b", "c"}) EXPECT_GE(events.count(key), 1u) << key;
  EXPECT_GE(Keys(kState).count("feed-1"), 1u);
  for (const auto& [key, n] : acknowledged_) EXPECT_EQ(n, 1) << key << " acknowledged twice";
}

TEST_F(TransactionalSinkTest, ARecordKafkaRefusesIsGivenUpAloneAndTheRestCommits) {
  Open({{"message.max.bytes", "2000"}});
  SendEvents({"small-1"});
  sink_->Send(
      Event(kEvents, "huge", 50000), [this] { ++acknowledged_["huge"]; },
      [this](const std::string& why) { refused_["huge"] = why; });
  SendEvents({"small-2"});
  AwaitAcknowledged(3);
  ASSERT_TRUE(sink_->Commit({}).ok());
  sink_->Poll(std::chrono::milliseconds(0));
  ASSERT_EQ(refused_.count("huge"), 1u);
  EXPECT_NE(refused_["huge"].find("too large"), std::string::npos) << refused_["huge"];
  EXPECT_EQ(acknowledged_.count("huge"), 0u);
  EXPECT_EQ(sink_->stats().refused, 1u);
  EXPECT_EQ(Keys(kEvents), (std::multiset<std::string>{"small-1", "small-2"}));
}

TEST_F(TransactionalSinkTest, AFatalErrorIsReportedAndNothingMoreIsCommitted) {
  SendEvents({"a"});
  AwaitAcknowledged(1);
  sink_->InjectFatalErrorForTest();
  Status committed = sink_->Commit({Event(kState, "feed-1")});
  EXPECT_FALSE(committed.ok());
  ASSERT_TRUE(sink_->FatalError().has_value());
  EXPECT_EQ(sink_->stats().committed, 0u);
  EXPECT_FALSE(sink_->Commit({}).ok()) << "unusable from now on";
}

}  // namespace
}  // namespace newsmon::group
