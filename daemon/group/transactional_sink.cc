#include "group/transactional_sink.h"

#include <spdlog/spdlog.h>

#include <utility>

namespace newsmon::group {

Result<std::unique_ptr<TransactionalSink>> TransactionalSink::Open(const KafkaConfig& config,
                                                                   const std::string& bootstrap_servers,
                                                                   const Options& options) {
  auto producer = KafkaProducer::CreateTransactional(config, bootstrap_servers, options.transactional_id,
                                                     options.transaction_timeout);
  if (!producer) return producer.error();
  return std::unique_ptr<TransactionalSink>(new TransactionalSink(options, std::move(*producer)));
}

TransactionalSink::~TransactionalSink() {
  // An open transaction is aborted rather than left to the cluster's
  // timeout, which would hold its partitions' readers back meanwhile. The
  // engine committed no state that needs its records.
  if (in_transaction_ && !fatal_) (void)producer_->AbortTransaction(options_.call_timeout);
  // Its last delivery reports land in reports_: gone before the members.
  producer_.reset();
}

void TransactionalSink::Send(OutgoingEvent event, std::function<void()> on_delivered,
                             std::function<void(const std::string&)> on_refused) {
  const uint64_t id = next_id_++;
  records_.emplace(
      id, Record{std::move(event), std::move(on_delivered), std::move(on_refused), std::chrono::steady_clock::now()});
  // In order: behind whatever waits already.
  if (fatal_ || !doomed_.empty() || !unproduced_.empty() || !Produce(id)) unproduced_.push_back(id);
}

bool TransactionalSink::Produce(uint64_t id) {
  if (!in_transaction_) {
    const TxnOutcome begun = producer_->BeginTransaction();
    if (!begun.ok()) {
      if (begun.verdict == TxnVerdict::kFatal) SetFatal("beginning a transaction: " + begun.message);
      return false;
    }
    in_transaction_ = true;
  }
  Status queued = producer_->Produce(records_.at(id).event, [this, id, generation = generation_](Status s) {
    reports_.push_back(Report{id, generation, std::move(s)});
  });
  if (queued) return true;
  switch (queued.error().code) {
    case ErrorCode::kUnavailable:
      return false;  // the local queue is full
    case ErrorCode::kLimit:
      Refuse(id, queued.error().message);
      return true;
    default:
      if (auto fatal = producer_->FatalError()) {
        SetFatal(*fatal);
        return false;
      }
      // The record is not in the transaction: it aborts, and the record
      // goes out again with the rest.
      if (doomed_.empty()) doomed_ = queued.error().message;
      return true;
  }
}

void TransactionalSink::ProduceWaiting() {
  if (std::chrono::steady_clock::now() < resend_after_) return;
  while (!unproduced_.empty() && !fatal_ && doomed_.empty()) {
    const uint64_t id = unproduced_.front();
    if (records_.contains(id) && !Produce(id)) break;  // still no room
    unproduced_.pop_front();
  }
}

void TransactionalSink::Poll(std::chrono::milliseconds timeout) {
  producer_->Poll(timeout);
  ProduceWaiting();
  ServeReports();
  auto acknowledged = std::move(acknowledge_later_);
  acknowledge_later_.clear();
  for (auto& on_delivered : acknowledged) on_delivered();
  auto refusals = std::move(refusals_);
  refusals_.clear();
  for (auto& [on_refused, reason] : refusals) on_refused(reason);
}

void TransactionalSink::ServeReports() {
  auto reports = std::move(reports_);
  reports_.clear();
  for (Report& r : reports) {
    if (r.generation != generation_) continue;  // of an earlier transaction
    auto it = records_.find(r.id);
    if (it == records_.end()) continue;
    if (r.status) {
      // In the open transaction: the engine may prepare the state commit
      // that needs it; Commit puts both in Kafka together.
      if (auto on_delivered = std::exchange(it->second.on_delivered, nullptr)) on_delivered();
      continue;
    }
    // A failed record dooms the transaction. One Kafka will never take is
    // given up, so that the rest can commit after the abort.
    if (doomed_.empty()) doomed_ = r.status.error().message;
    if (r.status.error().code == ErrorCode::kLimit) Refuse(r.id, r.status.error().message);
  }
}

void TransactionalSink::Refuse(uint64_t id, const std::string& reason) {
  auto it = records_.find(id);
  if (it == records_.end()) return;
  ++stats_.refused;
  spdlog::error("kafka refused a record for {} (key {}): {}", it->second.event.topic, it->second.event.key, reason);
  if (it->second.on_refused) refusals_.emplace_back(std::move(it->second.on_refused), reason);
  records_.erase(it);
}

Status TransactionalSink::Commit(std::vector<OutgoingEvent> records) {
  if (auto fatal = FatalError()) {
    SetFatal(*fatal);
    return MakeError(ErrorCode::kUnavailable, "transactional producer: " + *fatal);
  }
  // No callbacks from here: the caller is in the middle of its own commit.
  producer_->Poll(std::chrono::milliseconds(0));
  ProduceWaiting();
  if (!unproduced_.empty() && doomed_.empty()) {
    return MakeError(ErrorCode::kUnavailable, "records still wait to join the transaction; committing later");
  }
  if (doomed_.empty()) {
    for (OutgoingEvent& r : records) {
      const uint64_t id = next_id_++;
      records_.emplace(id, Record{std::move(r), nullptr, nullptr, std::chrono::steady_clock::now()});
      if (!Produce(id)) {
        doomed_ = "no room for the state records";
        break;
      }
    }
  }
  if (!in_transaction_ && doomed_.empty()) return Status::Ok();  // nothing to commit
  std::string why = doomed_;
  if (why.empty()) {
    const TxnOutcome committed = producer_->CommitTransaction(options_.call_timeout);
    if (committed.ok()) {
      // Every record is in Kafka now; callbacks whose reports came in
      // during the commit's flush run from the next Poll.
      for (auto& [id, record] : records_) {
        if (record.on_delivered) acknowledge_later_.push_back(std::move(record.on_delivered));
      }
      records_.clear();
      reports_.clear();
      ++generation_;
      in_transaction_ = false;
      ++stats_.committed;
      if (!last_abort_reason_.empty()) spdlog::info("kafka transactions commit again");
      last_abort_reason_.clear();
      return Status::Ok();
    }
    if (committed.verdict == TxnVerdict::kFatal) {
      SetFatal("committing a transaction: " + committed.message);
      return MakeError(ErrorCode::kUnavailable, "transactional producer: " + committed.message);
    }
    why = committed.message;
  }
  if (!AbortAndResend(why)) {
    return MakeError(ErrorCode::kUnavailable, "transaction failed (" + why + ") and could not be aborted yet");
  }
  return MakeError(ErrorCode::kUnavailable, "transaction aborted (" + why + "); its records are sent again");
}

bool TransactionalSink::AbortAndResend(const std::string& why) {
  if (in_transaction_) {
    const TxnOutcome aborted = producer_->AbortTransaction(options_.call_timeout);
    if (!aborted.ok()) {
      if (aborted.verdict == TxnVerdict::kFatal) SetFatal("aborting a transaction: " + aborted.message);
      if (doomed_.empty()) doomed_ = why;
      return false;
    }
  }
  ++stats_.aborted;
  // Once per cause: a cluster that keeps refusing would otherwise log a
  // line per tick.
  if (why != last_abort_reason_) {
    spdlog::warn("kafka transaction aborted ({}); sending its {} records again", why, records_.size());
    last_abort_reason_ = why;
  }
  resend_after_ = std::chrono::steady_clock::now() + options_.resend_backoff;
  ++generation_;
  in_transaction_ = false;
  doomed_.clear();
  reports_.clear();
  unproduced_.clear();
  for (const auto& [id, record] : records_) unproduced_.push_back(id);
  ProduceWaiting();
  return true;
}

std::chrono::steady_clock::duration TransactionalSink::OldestInFlightAge() const {
  if (records_.empty()) return {};
  return std::chrono::steady_clock::now() - records_.begin()->second.accepted_at;
}

std::optional<std::string> TransactionalSink::FatalError() const {
  if (fatal_) return fatal_;
  return producer_->FatalError();
}

void TransactionalSink::SetFatal(const std::string& why) {
  if (!fatal_) spdlog::critical("kafka transactional producer: {}", why);
  fatal_ = why;
}

}  // namespace newsmon::group
