// A producer that never drops an event: it keeps every event until Kafka
// acknowledged it, retries through outages, and recreates the librdkafka
// handle after a fatal error, replaying what was pending.
//
//   auto p = ReliableProducer::Create(config.kafka, bootstrap);
//   (*p)->Send(event, [] { ledger.Delivered(unit); });
//   while (running) (*p)->Poll(50ms);        // on the loop thread
//   if ((*p)->Saturated()) scheduler.Pause(); // backpressure
//
// Not thread-safe: Send, Poll and Flush run on one thread, and delivery
// callbacks run on it, from inside Poll or Flush.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "emit/kafka.h"

namespace newsmon {

struct ProducerStats {
  uint64_t delivered = 0;
  uint64_t failed_attempts = 0;  // deliveries that failed and were retried
  uint64_t refused = 0;          // events Kafka refused for good (too large): given up, reported
  uint64_t recreated = 0;        // fatal errors recovered by a new handle
  std::map<std::string, uint64_t> failures_by_cause;
};

// Where the engine sends events: the reliable producer in the daemon, a
// recording fake in engine tests and the soak benchmark.
class EventSink {
 public:
  virtual ~EventSink() = default;
  // Accepts the event; `on_delivered` runs once the sink acknowledged it,
  // `on_refused` (with the reason) instead when it can never be delivered
  // (Kafka refuses the record itself, e.g. too large). Transient failures
  // are retried, never reported.
  virtual void Send(OutgoingEvent event, std::function<void()> on_delivered,
                    std::function<void(const std::string&)> on_refused) = 0;
  // Serves acknowledgements. Blocks at most `timeout`.
  virtual void Poll(std::chrono::milliseconds timeout) = 0;
  virtual size_t InFlight() const = 0;
  // True while the sink takes no more work (backpressure).
  virtual bool Saturated() const = 0;
};

class ReliableProducer final : public EventSink {
 public:
  struct Options {
    size_t max_in_flight = 100000;  // Saturated() above this
    std::chrono::milliseconds retry_backoff{500};
  };

  static Result<std::unique_ptr<ReliableProducer>> Create(const KafkaConfig& config,
                                                          const std::string& bootstrap_servers, Options options);
  static Result<std::unique_ptr<ReliableProducer>> Create(const KafkaConfig& config,
                                                          const std::string& bootstrap_servers) {
    return Create(config, bootstrap_servers, Options{});
  }
  ~ReliableProducer() override;
  ReliableProducer(const ReliableProducer&) = delete;
  ReliableProducer& operator=(const ReliableProducer&) = delete;

  // Accepts the event; `on_delivered` runs once Kafka acknowledged it.
  void Send(OutgoingEvent event, std::function<void()> on_delivered,
            std::function<void(const std::string&)> on_refused = {}) override;
  // Serves delivery reports, retries, recovers. Blocks at most `timeout`.
  void Poll(std::chrono::milliseconds timeout) override;
  // Polls until nothing is in flight or the deadline passes; returns what is left.
  size_t Flush(std::chrono::milliseconds timeout);

  size_t InFlight() const override { return entries_.size(); }
  // How long the oldest event in flight has waited (zero when none).
  std::chrono::steady_clock::duration OldestInFlightAge() const;
  bool Saturated() const override { return entries_.size() >= options_.max_in_flight; }
  const ProducerStats& stats() const { return stats_; }
  // For tests of the recovery path.
  KafkaProducer& handle_for_test() { return *producer_; }

 private:
  struct Entry {
    OutgoingEvent event;
    std::function<void()> on_delivered;
    std::function<void(const std::string&)> on_refused;
    int attempts = 0;
    std::chrono::steady_clock::time_point accepted_at;
  };

  ReliableProducer(KafkaConfig config, std::string bootstrap, Options options)
      : config_(std::move(config)), bootstrap_(std::move(bootstrap)), options_(options) {}
  void Submit(uint64_t id);
  void OnReport(uint64_t id, uint64_t generation, const Status& result);
  // Gives up an event Kafka will never take, telling its sender.
  void Refuse(uint64_t id, const std::string& reason);
  void DrainWaiting();
  void Recreate(const std::string& reason);

  KafkaConfig config_;
  std::string bootstrap_;
  Options options_;
  std::unique_ptr<KafkaProducer> producer_;
  std::map<uint64_t, Entry> entries_;  // accepted, not yet delivered
  // Not handed to librdkafka yet (local queue full, or waiting to retry).
  std::deque<std::pair<std::chrono::steady_clock::time_point, uint64_t>> waiting_;
  uint64_t next_id_ = 1;
  uint64_t generation_ = 0;  // callbacks from a replaced handle are recognised by it
  ProducerStats stats_;
};

}  // namespace newsmon
