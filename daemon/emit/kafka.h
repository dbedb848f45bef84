// Kafka edges: the producer, the embedded (mock) cluster, and a consumer for
// `newsmon tail` and the tests. All on librdkafka's C API.
//
//   auto cluster = EmbeddedKafka::Start(3, {"newsmon.stories.v1"});
//   auto producer = KafkaProducer::Create(config.kafka, (*cluster)->bootstrap_servers());
//   (*producer)->Produce(event, [](Status s) { if (s) commit(); });
//   (*producer)->Poll(100ms);  // runs delivery callbacks on this thread
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "emit/event.h"
#include "util/result.h"
#include "util/time.h"

struct rd_kafka_mock_cluster_s;
struct rd_kafka_s;

namespace newsmon {

// librdkafka's protocol-level mock cluster, listening on 127.0.0.1. Real
// clients (kcat included) talk to it over TCP.
class EmbeddedKafka {
 public:
  static Result<std::unique_ptr<EmbeddedKafka>> Start(int brokers, const std::vector<std::string>& topics,
                                                      int partitions = 3);
  ~EmbeddedKafka();
  EmbeddedKafka(const EmbeddedKafka&) = delete;
  EmbeddedKafka& operator=(const EmbeddedKafka&) = delete;

  const std::string& bootstrap_servers() const { return bootstraps_; }
  // Fault controls for tests (broker ids are 1..N).
  void SetBrokerDown(int broker_id, bool down);
  rd_kafka_mock_cluster_s* mock() const { return mock_; }

 private:
  EmbeddedKafka() = default;
  void* handle_ = nullptr;  // rd_kafka_t owning the mock cluster
  rd_kafka_mock_cluster_s* mock_ = nullptr;
  std::string bootstraps_;
};

// What a transaction call came to, and what the caller must do next.
enum class TxnVerdict {
  kDone,
  kAbort,  // the transaction cannot commit: abort it, then send its records again
  kRetry,  // the cluster did not answer in time: the same call may succeed later
  kFatal,  // the producer is fenced or broken: it must not be used again
};
struct TxnOutcome {
  TxnVerdict verdict = TxnVerdict::kDone;
  std::string message;
  bool ok() const { return verdict == TxnVerdict::kDone; }
};

class KafkaProducer {
 public:
  using DeliveryCallback = std::function<void(Status)>;

  static Result<std::unique_ptr<KafkaProducer>> Create(const KafkaConfig& config, const std::string& bootstrap_servers);
  // A transactional producer (its transactions registered with the
  // cluster): Produce between BeginTransaction and CommitTransaction is
  // committed or aborted as one. `transaction_timeout` is how long the
  // cluster waits for a transaction of a dead producer before aborting it.
  static Result<std::unique_ptr<KafkaProducer>> CreateTransactional(const KafkaConfig& config,
                                                                    const std::string& bootstrap_servers,
                                                                    const std::string& transactional_id,
                                                                    std::chrono::milliseconds transaction_timeout);
  TxnOutcome BeginTransaction();
  // Flushes (delivery callbacks may run inside), then commits.
  TxnOutcome CommitTransaction(std::chrono::milliseconds timeout);
  // Purges what is not delivered (its callbacks report an error), then aborts.
  TxnOutcome AbortTransaction(std::chrono::milliseconds timeout);
  // Consume-transform-produce: the consumer's next offsets (topic,
  // partition -> offset) commit with the open transaction, in the
  // consumer's group.
  TxnOutcome SendOffsetsToTransaction(rd_kafka_s* consumer,
                                      const std::map<std::pair<std::string, int>, int64_t>& offsets,
                                      std::chrono::milliseconds timeout);
  ~KafkaProducer();
  KafkaProducer(const KafkaProducer&) = delete;
  KafkaProducer& operator=(const KafkaProducer&) = delete;

  // Enqueues the event. `on_delivery` runs from Poll()/Flush() on the caller's
  // thread, once, with the broker's verdict. Fails only when the local queue
  // is full (kUnavailable: poll and retry) or the producer is unusable.
  Status Produce(const OutgoingEvent& event, DeliveryCallback on_delivery);
  // Serves delivery reports; returns how many were served.
  int Poll(std::chrono::milliseconds timeout);
  // Waits until every enqueued event has a delivery report or the deadline passes.
  Status Flush(std::chrono::milliseconds timeout);
  int OutstandingCount() const;
  // The reason, when librdkafka raised a fatal error (the handle is then
  // unusable and must be recreated).
  std::optional<std::string> FatalError() const;
  // Raises a fatal error on purpose, for tests of the recovery path.
  void InjectFatalErrorForTest();

 private:
  KafkaProducer() = default;
  static Result<std::unique_ptr<KafkaProducer>> CreateWith(
      const KafkaConfig& config, const std::string& bootstrap_servers,
      const std::vector<std::pair<std::string, std::string>>& mode_settings);
  // The handle of a topic that needs its own settings (the archive topic is
  // zstd-compressed whatever the producer's default); null for the others.
  void* TopicHandle(const std::string& topic);
  void* handle_ = nullptr;  // rd_kafka_t
  std::string compressed_topic_;
  void* compressed_topic_handle_ = nullptr;  // rd_kafka_topic_t
};

struct ConsumedEvent {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  int64_t timestamp_ms = -1;  // the record's timestamp, -1 when the broker gave none
  std::string key;
  std::string payload;
  Headers headers;
  std::string Header(const std::string& name) const;
};

// Reads every partition of one topic without a consumer group, or (OpenGroup)
// the partitions a consumer group assigns.
class KafkaReader {
 public:
  static Result<std::unique_ptr<KafkaReader>> Open(const std::string& bootstrap_servers, const std::string& topic,
                                                   bool from_beginning);
  // Starts at the first event of each partition at or after `since`, and
  // knows where each partition ended when opened (AtEnd).
  static Result<std::unique_ptr<KafkaReader>> OpenSince(const std::string& bootstrap_servers, const std::string& topic,
                                                        Timestamp since);
  // As a member of consumer group `group`, reading `topics`: the group
  // assigns the partitions (and moves them when members come and go), and
  // each assigned partition starts at its first event at or after `since`.
  // Offsets are not committed: a restarted reader starts at `since` again.
  static Result<std::unique_ptr<KafkaReader>> OpenGroup(const std::string& bootstrap_servers,
                                                        const std::vector<std::string>& topics,
                                                        const std::string& group, Timestamp since);
  // True once every partition was read up to where it ended at OpenSince.
  bool AtEnd() const;
  ~KafkaReader();
  KafkaReader(const KafkaReader&) = delete;
  KafkaReader& operator=(const KafkaReader&) = delete;

  // Next event, or nullopt when none arrived within `timeout`.
  Result<std::optional<ConsumedEvent>> Next(std::chrono::milliseconds timeout);
  // Convenience: reads until `count` events or `idle` without one.
  Result<std::vector<ConsumedEvent>> ReadUpTo(size_t count, std::chrono::milliseconds idle);

 private:
  KafkaReader() = default;
  void* handle_ = nullptr;
  std::map<int32_t, int64_t> end_offsets_;   // partition: offset to reach (OpenSince)
  std::map<int32_t, int64_t> next_offsets_;  // partition: next offset to read
  std::map<int32_t, int64_t> start_offsets_;
  int64_t since_ms_ = 0;  // OpenSince: older events are skipped
};

// The event as one JSON line: topic, partition, offset, key, headers and the
// payload in protobuf's JSON mapping (decoded by the ce_type header).
std::string EventToJson(const ConsumedEvent& event);

}  // namespace newsmon
