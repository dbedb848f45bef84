// The producer against the embedded cluster's fault controls: every event
// is delivered, through outages, request errors, leader changes, a full
// local queue and a fatal error.
#include "emit/reliable_producer.h"

#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <set>
#include <thread>

#include "util/hash.h"

namespace newsmon {
namespace {

OutgoingEvent MakeEvent(int i) {
  OutgoingEvent e;
  e.topic = "t";
  e.key = "key-" + std::to_string(i % 7);
  e.event_id = StableId({"event", std::to_string(i)});
  e.payload = "payload-" + std::to_string(i);
  e.headers = {{"ce_id", e.event_id}};
  return e;
}

class ReliableProducerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cluster = EmbeddedKafka::Start(3, {"t"}, 4);
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(*cluster);
  }

  std::unique_ptr<ReliableProducer> MakeProducer(std::map<std::string, std::string> settings = {}) {
    KafkaConfig config;
    config.producer = std::move(settings);
    auto p = ReliableProducer::Create(config, cluster_->bootstrap_servers(),
                                      {.max_in_flight = 100000, .retry_backoff = std::chrono::milliseconds(100)});
    EXPECT_TRUE(p.ok());
    return p ? std::move(*p) : nullptr;
  }

  // Every sent id is consumed; a duplicate, if any, carries the same payload.
  void ExpectAllConsumed(int count) {
    auto reader = KafkaReader::Open(cluster_->bootstrap_servers(), "t", true);
    ASSERT_TRUE(reader.ok()) << reader.error().message;
    // Read until every id was seen (consumers may need a metadata refresh
    // after leader changes), then a little longer to catch duplicates.
    std::map<std::string, std::string> payload_by_id;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (payload_by_id.size() < static_cast<size_t>(count) && std::chrono::steady_clock::now() < deadline) {
      auto events = (*reader)->ReadUpTo(static_cast<size_t>(count) * 2, std::chrono::milliseconds(500));
      ASSERT_TRUE(events.ok());
      for (const auto& e : *events) {
        const std::string id = e.Header("ce_id");
        auto [it, inserted] = payload_by_id.emplace(id, e.payload);
        if (!inserted) {
          EXPECT_EQ(it->second, e.payload) << "a duplicate must be identical";
        }
      }
    }
    std::string missing;
    for (int i = 0; i < count; ++i) {
      if (!payload_by_id.count(MakeEvent(i).event_id)) missing += " " + std::to_string(i);
    }
    ASSERT_TRUE(missing.empty()) << "missing events:" << missing << " (consumed " << payload_by_id.size() << ")";
    for (int i = 0; i < count; ++i) {
      const OutgoingEvent expected = MakeEvent(i);
      EXPECT_EQ(payload_by_id[expected.event_id], expected.payload);
    }
  }

  std::unique_ptr<EmbeddedKafka> cluster_;
};

// One event Kafka will never take (larger than message.max.bytes) once held
// every later event back, silently: it is given up, reported, and the rest
// are delivered.
TEST_F(ReliableProducerTest, ARefusedEventIsReportedAndDoesNotHoldTheOthersBack) {
  auto producer = MakeProducer();
  std::string refused_reason;
  int delivered = 0;
  OutgoingEvent huge = MakeEvent(1000);
  huge.payload.assign(2 * 1000 * 1000, 'x');
  producer->Send(
      huge, [] { FAIL() << "a 2 MB record cannot be delivered"; },
      [&refused_reason](const std::string& reason) { refused_reason = reason; });
  for (int i = 0; i < 50; ++i) producer->Send(MakeEvent(i), [&delivered] { ++delivered; });
  EXPECT_EQ(producer->Flush(std::chrono::seconds(20)), 0u);
  EXPECT_EQ(delivered, 50);
  EXPECT_NE(refused_reason.find("too large"), std::string::npos) << refused_reason;
  EXPECT_EQ(producer->stats().refused, 1u);
  ExpectAllConsumed(50);
}

TEST_F(ReliableProducerTest, DeliversEveryEventAndCallsBackOnce) {
  auto producer = MakeProducer();
  std::multiset<int> delivered;
  for (int i = 0; i < 500; ++i) producer->Send(MakeEvent(i), [&delivered, i] { delivered.insert(i); });
  EXPECT_EQ(producer->Flush(std::chrono::seconds(30)), 0u);
  EXPECT_EQ(delivered.size(), 500u);
  for (int i = 0; i < 500; ++i) EXPECT_EQ(delivered.count(i), 1u);
  ExpectAllConsumed(500);
}

TEST_F(ReliableProducerTest, AFullLocalQueueDelaysButNeverDrops) {
  auto producer = MakeProducer({{"queue.buffering.max.messages", "10"}});
  int delivered = 0;
  for (int i = 0; i < 300; ++i) producer->Send(MakeEvent(i), [&delivered] { ++delivered; });
  EXPECT_EQ(producer->InFlight() + static_cast<size_t>(delivered), 300u);
  EXPECT_EQ(producer->Flush(std::chrono::seconds(30)), 0u);
  EXPECT_EQ(delivered, 300);
  ExpectAllConsumed(300);
}

TEST_F(ReliableProducerTest, SurvivesATwentySecondOutageOfAllBrokers) {
  auto producer = MakeProducer({{"message.timeout.ms", "5000"}});
  int delivered = 0;
  int sent = 0;
  for (; sent < 50; ++sent) producer->Send(MakeEvent(sent), [&delivered] { ++delivered; });
  ASSERT_EQ(producer->Flush(std::chrono::seconds(20)), 0u);
  for (int b = 1; b <= 3; ++b) cluster_->SetBrokerDown(b, true);
  // New events keep arriving during the outage; some time out inside
  // librdkafka (message.timeout.ms) and must be retried, not lost.
  const auto outage_end = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < outage_end) {
    producer->Send(MakeEvent(sent), [&delivered] { ++delivered; });
    ++sent;
    producer->Poll(std::chrono::milliseconds(100));
  }
  EXPECT_LT(delivered, sent);
  for (int b = 1; b <= 3; ++b) cluster_->SetBrokerDown(b, false);
  EXPECT_EQ(producer->Flush(std::chrono::seconds(60)), 0u);
  EXPECT_EQ(delivered, sent);
  EXPECT_GT(producer->stats().failed_attempts, 0u) << "the outage should have failed some attempts";
  ExpectAllConsumed(sent);
}

TEST_F(ReliableProducerTest, SurvivesRequestErrorsAndLeaderChanges) {
  auto producer = MakeProducer();
  int delivered = 0;
  // Not NOT_ENOUGH_REPLICAS_AFTER_APPEND: a real broker has appended the
  // batch when it says so, and the idempotent producer rightly treats the
  // retry's DUPLICATE_SEQUENCE as delivered; the mock appends nothing when it
  // injects that error, so the message would vanish in the mock only.
  rd_kafka_mock_push_request_errors(cluster_->mock(), 0 /* Produce */, 5, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                    RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
                                    RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE, RD_KAFKA_RESP_ERR__TRANSPORT);
  for (int i = 0; i < 200; ++i) {
    producer->Send(MakeEvent(i), [&delivered] { ++delivered; });
    if (i == 100) {
      for (int p = 0; p < 4; ++p) rd_kafka_mock_partition_set_leader(cluster_->mock(), "t", p, 1 + (p + 1) % 3);
    }
    producer->Poll(std::chrono::milliseconds(1));
  }
  EXPECT_EQ(producer->Flush(std::chrono::seconds(60)), 0u);
  EXPECT_EQ(delivered, 200);
  ExpectAllConsumed(200);
}

TEST_F(ReliableProducerTest, RecreatesTheHandleAfterAFatalErrorAndReplays) {
  auto producer = MakeProducer();
  int delivered = 0;
  for (int b = 1; b <= 3; ++b) cluster_->SetBrokerDown(b, true);
  for (int i = 0; i < 100; ++i) producer->Send(MakeEvent(i), [&delivered] { ++delivered; });
  producer->Poll(std::chrono::milliseconds(50));
  producer->handle_for_test().InjectFatalErrorForTest();
  for (int b = 1; b <= 3; ++b) cluster_->SetBrokerDown(b, false);
  EXPECT_EQ(producer->Flush(std::chrono::seconds(60)), 0u);
  EXPECT_EQ(delivered, 100);
  EXPECT_EQ(producer->stats().recreated, 1u);
  ExpectAllConsumed(100);
}

}  // namespace
}  // namespace newsmon
