#include "emit/reliable_producer.h"

#include <spdlog/spdlog.h>

namespace newsmon {

Result<std::unique_ptr<ReliableProducer>> ReliableProducer::Create(const KafkaConfig& config,
                                                                   const std::string& bootstrap_servers,
                                                                   Options options) {
  auto handle = KafkaProducer::Create(config, bootstrap_servers);
  if (!handle) return handle.error();
  std::unique_ptr<ReliableProducer> p(new ReliableProducer(config, bootstrap_servers, options));
  p->producer_ = std::move(*handle);
  return p;
}

ReliableProducer::~ReliableProducer() {
  // Purge callbacks from the handle's destructor must not retry anything.
  ++generation_;
  producer_.reset();
}

void ReliableProducer::Send(OutgoingEvent event, std::function<void()> on_delivered,
                            std::function<void(const std::string&)> on_refused) {
  const uint64_t id = next_id_++;
  entries_.emplace(
      id, Entry{std::move(event), std::move(on_delivered), std::move(on_refused), 0, std::chrono::steady_clock::now()});
  if (waiting_.empty()) {
    Submit(id);
  } else {
    waiting_.emplace_back(std::chrono::steady_clock::now(), id);  // keep order behind earlier waiters
  }
}

void ReliableProducer::Submit(uint64_t id) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  ++it->second.attempts;
  const uint64_t generation = generation_;
  Status st =
      producer_->Produce(it->second.event, [this, id, generation](Status result) { OnReport(id, generation, result); });
  if (!st && st.error().code == ErrorCode::kUnavailable) {
    // Local queue full: serving delivery reports frees room at once.
    producer_->Poll(std::chrono::milliseconds(0));
    st = producer_->Produce(it->second.event,
                            [this, id, generation](Status result) { OnReport(id, generation, result); });
  }
  if (!st && st.error().code == ErrorCode::kLimit) {
    // Kafka will never take this record (too large): waiting at the front
    // of the queue would hold every later event back for good, which is how
    // one huge event once stopped all delivery. Give it up and say so.
    return Refuse(id, st.error().message);
  }
  if (!st) {
    // Still full (or a transient refusal): wait our turn, never drop.
    waiting_.emplace_front(std::chrono::steady_clock::now() + std::chrono::milliseconds(10), id);
  }
}

void ReliableProducer::Refuse(uint64_t id, const std::string& reason) {
  auto e = entries_.find(id);
  if (e == entries_.end()) return;
  spdlog::error("event {} ({} bytes, topic {}) refused by Kafka, not retried: {}", e->second.event.event_id,
                e->second.event.payload.size(), e->second.event.topic, reason);
  ++stats_.refused;
  ++stats_.failures_by_cause[reason];
  auto callback = std::move(e->second.on_refused);
  entries_.erase(e);
  if (callback) callback(reason);
}

void ReliableProducer::OnReport(uint64_t id, uint64_t generation, const Status& result) {
  if (generation != generation_) return;  // a replaced handle's purge: Recreate re-queued it already
  auto e = entries_.find(id);
  if (e == entries_.end()) return;
  if (result) {
    auto callback = std::move(e->second.on_delivered);
    entries_.erase(e);
    ++stats_.delivered;
    if (callback) callback();
    return;
  }
  if (result.error().code == ErrorCode::kLimit) return Refuse(id, result.error().message);
  ++stats_.failed_attempts;
  ++stats_.failures_by_cause[result.error().message];
  spdlog::warn("event {} not delivered (attempt {}), will retry: {}", e->second.event.event_id, e->second.attempts,
               result.error().message);
  waiting_.emplace_back(std::chrono::steady_clock::now() + options_.retry_backoff, id);
}

void ReliableProducer::DrainWaiting() {
  const auto now = std::chrono::steady_clock::now();
  size_t budget = waiting_.size();
  while (budget-- > 0 && !waiting_.empty() && waiting_.front().first <= now) {
    const uint64_t id = waiting_.front().second;
    waiting_.pop_front();
    const size_t before = waiting_.size();
    Submit(id);
    if (waiting_.size() > before) break;  // queue still full: try again next poll
  }
}

void ReliableProducer::Recreate(const std::string& reason) {
  spdlog::error("kafka producer fatal error, recreating it and replaying {} pending events: {}", entries_.size(),
                reason);
  ++generation_;
  producer_.reset();  // purges; callbacks of the old generation are ignored
  auto handle = KafkaProducer::Create(config_, bootstrap_);
  if (!handle) {
    spdlog::error("cannot recreate kafka producer: {}", handle.error().message);
    return;  // Poll tries again
  }
  producer_ = std::move(*handle);
  ++stats_.recreated;
  waiting_.clear();
  const auto now = std::chrono::steady_clock::now();
  for (const auto& [id, entry] : entries_) waiting_.emplace_back(now, id);
}

void ReliableProducer::Poll(std::chrono::milliseconds timeout) {
  if (!producer_) {
    Recreate("previous recreate failed");
    if (!producer_) return;
  }
  if (auto fatal = producer_->FatalError()) {
    Recreate(*fatal);
    if (!producer_) return;
  }
  DrainWaiting();
  producer_->Poll(timeout);
}

std::chrono::steady_clock::duration ReliableProducer::OldestInFlightAge() const {
  if (entries_.empty()) return {};
  return std::chrono::steady_clock::now() - entries_.begin()->second.accepted_at;  // ids grow with time
}

size_t ReliableProducer::Flush(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!entries_.empty() && std::chrono::steady_clock::now() < deadline) {
    Poll(std::chrono::milliseconds(20));
  }
  return entries_.size();
}

}  // namespace newsmon
