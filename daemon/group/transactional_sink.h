// Group mode's event sink: the events of a feed's polls and the feed-state
// snapshot that records them as sent reach Kafka in one transaction, so a
// crash or a rebalance can neither lose an event nor move a feed's state
// past events that were never committed.
//
//   auto sink = TransactionalSink::Open(config.kafka, bootstrap, {"newsmon-events.desk.host/42"});
//   engine deps: (*sink) as the EventSink   // events join the open transaction
//   engine commit gate: (*sink)->Commit(snapshots)  // both commit, or neither
//   every tick: if ((*sink)->OldestInFlightAge() > 200ms) (*sink)->Commit({});
//
// Events are acknowledged (on_delivered) once the cluster has them in the
// open transaction, so the engine can prepare its state commit; Commit then
// adds the snapshots and commits it all. When a transaction aborts, every
// record of it is sent again in the next one (acknowledged callbacks do not
// run twice) and Commit reports the failure, so the engine keeps its state
// commit for the next tick: nothing acknowledged is ever dropped.
//
// Not thread-safe: the loop thread calls everything; callbacks run from Poll.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emit/kafka.h"
#include "emit/reliable_producer.h"

namespace newsmon::group {

class TransactionalSink final : public EventSink {
 public:
  struct Options {
    std::string transactional_id;
    // How long the cluster keeps a dead instance's open transaction before
    // aborting it: read_committed readers of the partitions it wrote wait
    // that long, so it is short.
    std::chrono::milliseconds transaction_timeout{10000};
    // How long a commit or an abort may wait for the cluster.
    std::chrono::milliseconds call_timeout{15000};
    size_t max_in_flight = 100000;  // Saturated() above this
    // After an abort, the records wait this long before they go again.
    std::chrono::milliseconds resend_backoff{500};
  };
  struct Stats {
    uint64_t committed = 0;  // transactions
    uint64_t aborted = 0;
    uint64_t refused = 0;  // records Kafka will never take (too large)
  };

  static Result<std::unique_ptr<TransactionalSink>> Open(const KafkaConfig& config,
                                                         const std::string& bootstrap_servers, const Options& options);
  ~TransactionalSink() override;
  TransactionalSink(const TransactionalSink&) = delete;
  TransactionalSink& operator=(const TransactionalSink&) = delete;

  void Send(OutgoingEvent event, std::function<void()> on_delivered,
            std::function<void(const std::string&)> on_refused = {}) override;
  void Poll(std::chrono::milliseconds timeout) override;
  // Records not committed yet, acknowledged or not, and committed ones
  // whose callbacks have not run.
  size_t InFlight() const override { return records_.size() + acknowledge_later_.size(); }
  bool Saturated() const override { return records_.size() >= options_.max_in_flight; }
  // How long the oldest record not committed yet has waited (zero when
  // none waits): readiness, and when to commit events no state commit took.
  std::chrono::steady_clock::duration OldestInFlightAge() const;

  // Adds `records` to the open transaction and commits everything in it.
  // An error means none of it is committed (the transaction aborted; its
  // records go out again in the next one) or, with FatalError() set, that
  // the sink is unusable and the instance must restart.
  Status Commit(std::vector<OutgoingEvent> records);
  std::optional<std::string> FatalError() const;
  const Stats& stats() const { return stats_; }
  // Raises a fatal error on purpose, for tests of that path.
  void InjectFatalErrorForTest() { producer_->InjectFatalErrorForTest(); }

 private:
  struct Record {
    OutgoingEvent event;
    std::function<void()> on_delivered;  // empty once run
    std::function<void(const std::string&)> on_refused;
    std::chrono::steady_clock::time_point accepted_at;
  };
  struct Report {
    uint64_t id;
    uint64_t generation;
    Status status;
  };

  TransactionalSink(Options options, std::unique_ptr<KafkaProducer> producer)
      : options_(std::move(options)), producer_(std::move(producer)) {}
  // False when there is no room (the local queue is full, or no
  // transaction could begin): the caller keeps the record waiting.
  bool Produce(uint64_t id);
  void ProduceWaiting();
  void ServeReports();
  void Refuse(uint64_t id, const std::string& reason);
  // Aborts the open transaction and sends its records again; false when
  // the abort itself has to be tried again later.
  bool AbortAndResend(const std::string& why);
  void SetFatal(const std::string& why);

  Options options_;
  std::unique_ptr<KafkaProducer> producer_;
  std::map<uint64_t, Record> records_;  // in the open transaction (or waiting to join it)
  std::deque<uint64_t> unproduced_;     // the local queue was full
  // Delivery reports arrive inside librdkafka calls (a commit flushes);
  // their callbacks run later, from Poll, never re-entering the caller.
  std::vector<Report> reports_;
  std::vector<std::pair<std::function<void(const std::string&)>, std::string>> refusals_;  // run from Poll
  std::vector<std::function<void()>> acknowledge_later_;  // committed before their report was served
  std::string doomed_;  // why the open transaction must abort; empty while it may commit
  bool in_transaction_ = false;
  uint64_t next_id_ = 1;
  uint64_t generation_ = 0;  // reports of an aborted transaction are recognised by it
  std::optional<std::string> fatal_;
  std::string last_abort_reason_;  // of the current run of aborts; empty after a commit
  std::chrono::steady_clock::time_point resend_after_;
  Stats stats_;
};

}  // namespace newsmon::group
