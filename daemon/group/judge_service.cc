#include "group/judge_service.h"

#include <librdkafka/rdkafka.h>
#include <spdlog/spdlog.h>

#include <cstring>
#include <vector>

#include "group/kafka_conf.h"
#include "group/partition_reader.h"
#include "util/time.h"

namespace newsmon::group {

namespace {

constexpr int kBatch = 200;
constexpr int kTxnTimeoutMs = 30000;
// How long a transaction call may wait for the cluster before the batch is aborted and judged again.
constexpr int kCallTimeoutMs = 15000;
constexpr auto kRestoreTimeout = std::chrono::seconds(60);

std::string ErrorText(rd_kafka_error_t* error) {
  std::string text = rd_kafka_error_string(error);
  rd_kafka_error_destroy(error);
  return text;
}

}  // namespace

struct JudgeRebalance {
  static void Call(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts, void* opaque) {
    auto* self = static_cast<LeaderJudgeService*>(opaque);
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      // A partition is judged only once its histories are back: until then
      // its candidates wait in the topic.
      for (int i = 0; i < parts->cnt; ++i) {
        const int p = parts->elems[i].partition;
        while (!self->stop_) {
          Status restored = self->RestorePartition(p);
          if (restored) break;
          spdlog::warn("leader judge: restoring partition {}: {}; trying again", p, restored.error().message);
          std::this_thread::sleep_for(std::chrono::seconds(1));
        }
      }
      if (rd_kafka_error_t* e = rd_kafka_incremental_assign(rk, parts)) spdlog::error("{}", ErrorText(e));
      std::lock_guard lock(self->mu_);
      for (int i = 0; i < parts->cnt; ++i) self->owned_.insert(parts->elems[i].partition);
    } else {
      for (int i = 0; i < parts->cnt; ++i) self->histories_.erase(parts->elems[i].partition);
      if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
        if (rd_kafka_error_t* e = rd_kafka_incremental_unassign(rk, parts)) spdlog::error("{}", ErrorText(e));
      } else {
        rd_kafka_assign(rk, nullptr);  // lost: nothing of ours is valid any more
        self->histories_.clear();
      }
      std::lock_guard lock(self->mu_);
      for (int i = 0; i < parts->cnt; ++i) self->owned_.erase(parts->elems[i].partition);
    }
  }
};

Result<std::unique_ptr<LeaderJudgeService>> LeaderJudgeService::Start(const Options& options,
                                                                      ops::NewsmonMetrics& metrics) {
  std::unique_ptr<LeaderJudgeService> s(new LeaderJudgeService(options, metrics));
  const GroupConfig& group = options.group;
  auto consumer_conf = MakeKafkaConf(
      {{"bootstrap.servers", options.bootstrap_servers},
       {"group.id", group.id + ".judges"},
       {"client.id", options.client_id},
       {"partition.assignment.strategy", "cooperative-sticky"},
       {"session.timeout.ms", std::to_string(group.session_timeout.count())},
       {"heartbeat.interval.ms", std::to_string(std::max<int64_t>(100, group.session_timeout.count() / 5))},
       {"enable.auto.commit", "false"},
       {"enable.partition.eof", "false"},
       {"auto.offset.reset", "earliest"},  // a partition never committed is judged from its start
       {"isolation.level", "read_committed"},
       {"log_level", "3"}});
  if (!consumer_conf) return consumer_conf.error();
  rd_kafka_conf_set_opaque(*consumer_conf, s.get());
  rd_kafka_conf_set_rebalance_cb(*consumer_conf, JudgeRebalance::Call);
  char err[512];
  s->consumer_ = rd_kafka_new(RD_KAFKA_CONSUMER, *consumer_conf, err, sizeof err);
  if (!s->consumer_) {
    rd_kafka_conf_destroy(*consumer_conf);
    return MakeError(ErrorCode::kInvalidArgument, std::string("leader judge consumer: ") + err);
  }
  rd_kafka_poll_set_consumer(s->consumer_);

  KafkaSettings producer_settings(options.producer.begin(), options.producer.end());
  for (auto& kv : KafkaSettings{{"bootstrap.servers", options.bootstrap_servers},
                                {"client.id", options.client_id},
                                {"transactional.id", "newsmon-judge." + group.id + "." + options.client_id},
                                {"transaction.timeout.ms", std::to_string(kTxnTimeoutMs)},
                                {"enable.idempotence", "true"},
                                {"acks", "all"},
                                {"log_level", "3"}}) {
    producer_settings.push_back(std::move(kv));
  }
  auto producer_conf = MakeKafkaConf(producer_settings);
  if (!producer_conf) return producer_conf.error();
  s->producer_ = rd_kafka_new(RD_KAFKA_PRODUCER, *producer_conf, err, sizeof err);
  if (!s->producer_) {
    rd_kafka_conf_destroy(*producer_conf);
    return MakeError(ErrorCode::kInvalidArgument, std::string("leader judge producer: ") + err);
  }
  if (rd_kafka_error_t* e = rd_kafka_init_transactions(s->producer_, kTxnTimeoutMs)) {
    return MakeError(ErrorCode::kUnavailable, "leader judge: starting transactions: " + ErrorText(e));
  }
  rd_kafka_topic_partition_list_t* subscription = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(subscription, group.leader_topic.c_str(), RD_KAFKA_PARTITION_UA);
  const rd_kafka_resp_err_t serr = rd_kafka_subscribe(s->consumer_, subscription);
  rd_kafka_topic_partition_list_destroy(subscription);
  if (serr) return MakeError(ErrorCode::kUnavailable, std::string("leader judge subscribe: ") + rd_kafka_err2str(serr));
  s->thread_ = std::thread([self = s.get()] { self->Loop(); });
  return s;
}

void LeaderJudgeService::Stop() { stop_ = true; }

LeaderJudgeService::~LeaderJudgeService() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (consumer_) {
    LeaveGroupAndClose(consumer_);
    rd_kafka_destroy(consumer_);
  }
  if (producer_) rd_kafka_destroy(producer_);
}

std::string LeaderJudgeService::failure() const {
  std::lock_guard lock(mu_);
  return failure_;
}

std::set<int> LeaderJudgeService::owned() const {
  std::lock_guard lock(mu_);
  return owned_;
}

void LeaderJudgeService::Fail(const std::string& why) {
  spdlog::error("leader judge stopped: {}", why);
  std::lock_guard lock(mu_);
  failure_ = why;
  stop_ = true;
}

Status LeaderJudgeService::RestorePartition(int partition) {
  LeaderHistories restored;
  size_t records = 0, malformed = 0;
  Status read = ReadPartitionToEnd(
      options_.bootstrap_servers, options_.group.leader_history_topic, partition, kRestoreTimeout,
      [&](std::string_view, std::string_view value) {
        auto r = DecodeHistoryRecord(value);
        if (!r) {
          ++malformed;
          return;
        }
        ++records;
        Restore(restored, std::move(*r));
      },
      &stop_);
  if (!read) return read;
  if (malformed) spdlog::warn("leader judge: {} malformed history records in partition {}", malformed, partition);
  spdlog::info("leader judge: partition {} restored, {} judged quotes of {} leaders", partition, records,
               restored.by_leader.size());
  histories_[partition] = std::move(restored);
  return Status::Ok();
}

void LeaderJudgeService::Rewind() {
  rd_kafka_topic_partition_list_t* assigned = nullptr;
  if (rd_kafka_assignment(consumer_, &assigned) != RD_KAFKA_RESP_ERR_NO_ERROR || !assigned) return;
  for (int i = 0; i < assigned->cnt; ++i) {
    const int p = assigned->elems[i].partition;
    if (Status s = RestorePartition(p); !s)
      spdlog::warn("leader judge: rewinding partition {}: {}", p, s.error().message);
  }
  // Back to the committed offsets; a partition never committed starts over.
  rd_kafka_committed(consumer_, assigned, 10000);
  for (int i = 0; i < assigned->cnt; ++i) {
    if (assigned->elems[i].offset < 0) assigned->elems[i].offset = RD_KAFKA_OFFSET_BEGINNING;
  }
  if (rd_kafka_error_t* e = rd_kafka_seek_partitions(consumer_, assigned, 10000)) spdlog::error("{}", ErrorText(e));
  rd_kafka_topic_partition_list_destroy(assigned);
}

void LeaderJudgeService::Loop() {
  while (!stop_) {
    if (!JudgeBatch()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    // The single instance's horizon: a quote older than retention.quotes
    // may be new again. The changelog forgets it by its own retention.ms.
    if (std::chrono::steady_clock::now() >= next_expiry_) {
      next_expiry_ = std::chrono::steady_clock::now() + options_.retention.interval;
      const Timestamp horizon = Now() - options_.retention.quotes;
      size_t expired = 0;
      for (auto& [partition, histories] : histories_) expired += histories.Expire(horizon);
      if (expired) spdlog::info("leader judge: {} quotes older than the retention forgotten", expired);
    }
  }
}

// One transaction: candidates consumed in this batch in, their verdicts,
// history records and consumed offsets out. False when there was nothing
// to do or it failed.
bool LeaderJudgeService::JudgeBatch() {
  const auto batch = PollBatch(consumer_, kBatch, std::chrono::milliseconds(100));
  // Only partitions with their histories restored are judged and
  // committed: a candidate of any other (revoked meanwhile, or a restore
  // cut short by a stop) is left to the partition's next judge.
  std::map<int, int64_t> next_offset;
  for (const auto& m : batch) {
    if (!m->err && histories_.contains(m->partition)) next_offset[m->partition] = m->offset + 1;
  }
  if (next_offset.empty() || stop_) return false;

  if (rd_kafka_error_t* e = rd_kafka_begin_transaction(producer_)) {
    Fail("beginning a transaction: " + ErrorText(e));
    return false;
  }
  uint64_t judged_new = 0, judged_repeated = 0, already_judged = 0;
  std::vector<std::pair<std::string, bool>> verdicts;  // counted once committed
  std::string produce_error;
  for (const auto& m : batch) {
    if (m->err || !produce_error.empty()) continue;
    auto history = histories_.find(m->partition);
    if (history == histories_.end()) continue;
    auto judged = JudgeCandidate(std::string_view(static_cast<const char*>(m->payload), m->len), history->second);
    if (!judged) {
      metrics_.group_judge_candidates.WithLabels({"malformed"}).Inc();
      spdlog::warn("leader judge: partition {} offset {}: {}", m->partition, m->offset, judged.error().message);
      continue;
    }
    if (judged->already_judged) {
      ++already_judged;
      continue;
    }
    (judged->is_new ? judged_new : judged_repeated)++;
    verdicts.emplace_back(judged->leader_id, judged->is_new);
    if (judged->is_new) spdlog::info("new quote from {}: \"{}\"", judged->leader_id, judged->record.prior.text);
    // The candidate's CloudEvents headers are the event's.
    rd_kafka_headers_t* headers = nullptr;
    if (rd_kafka_headers_t* in = nullptr; rd_kafka_message_headers(m.get(), &in) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      headers = rd_kafka_headers_copy(in);
    } else {
      headers = rd_kafka_headers_new(0);
    }
    const std::string& key = judged->leader_id;
    rd_kafka_resp_err_t err = rd_kafka_producev(
        producer_, RD_KAFKA_V_TOPIC(options_.quotes_topic.c_str()), RD_KAFKA_V_KEY(key.data(), key.size()),
        RD_KAFKA_V_VALUE(judged->payload.data(), judged->payload.size()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
    if (err) {
      rd_kafka_headers_destroy(headers);  // not taken over on failure
      produce_error = std::string("publishing a leader quote: ") + rd_kafka_err2str(err);
      continue;
    }
    const std::string record = EncodeHistoryRecord(judged->record);
    const std::string& quote_id = judged->record.prior.quote_id;
    err = rd_kafka_producev(producer_, RD_KAFKA_V_TOPIC(options_.group.leader_history_topic.c_str()),
                            RD_KAFKA_V_PARTITION(m->partition), RD_KAFKA_V_KEY(quote_id.data(), quote_id.size()),
                            RD_KAFKA_V_VALUE(const_cast<char*>(record.data()), record.size()),
                            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
    if (err) produce_error = std::string("appending to the leader history: ") + rd_kafka_err2str(err);
  }

  rd_kafka_error_t* error = nullptr;
  if (!produce_error.empty()) {
    error = rd_kafka_error_new(RD_KAFKA_RESP_ERR__STATE, "%s", produce_error.c_str());
  } else {
    rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(static_cast<int>(next_offset.size()));
    for (const auto& [partition, offset] : next_offset) {
      rd_kafka_topic_partition_list_add(offsets, options_.group.leader_topic.c_str(), partition)->offset = offset;
    }
    rd_kafka_consumer_group_metadata_t* cgmd = rd_kafka_consumer_group_metadata(consumer_);
    error = rd_kafka_send_offsets_to_transaction(producer_, offsets, cgmd, kCallTimeoutMs);
    rd_kafka_consumer_group_metadata_destroy(cgmd);
    if (!error) error = rd_kafka_commit_transaction(producer_, kCallTimeoutMs);
    // The same offsets once more, outside the transaction, once it has
    // committed: no change on a cluster that stores TxnOffsetCommit, and a
    // cluster that drops it (librdkafka's mock, the test cluster) still
    // resumes where the judge stopped instead of from the start.
    if (!error) rd_kafka_commit(consumer_, offsets, 1);
    rd_kafka_topic_partition_list_destroy(offsets);
  }
  if (!error) {
    metrics_.group_judge_candidates.WithLabels({"new"}).Inc(judged_new);
    metrics_.group_judge_candidates.WithLabels({"repeated"}).Inc(judged_repeated);
    metrics_.group_judge_candidates.WithLabels({"already_judged"}).Inc(already_judged);
    metrics_.group_judge_transactions.WithLabels({"committed"}).Inc();
    for (const auto& [leader, is_new] : verdicts) {
      (is_new ? metrics_.leader_quotes_new : metrics_.leader_quotes_repeated).WithLabels({leader}).Inc();
    }
    return true;
  }
  const bool fatal = rd_kafka_error_is_fatal(error);
  const std::string why = ErrorText(error);
  metrics_.group_judge_transactions.WithLabels({"aborted"}).Inc();
  if (fatal) {
    Fail(why);
    return false;
  }
  spdlog::warn("leader judge: transaction aborted ({}); judging its candidates again", why);
  // An abort the coordinator refused may be asked again until the call
  // timeout; only a fatal error or that timeout stops the judge.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kCallTimeoutMs);
  while (rd_kafka_error_t* e = rd_kafka_abort_transaction(producer_, kCallTimeoutMs)) {
    const bool give_up = rd_kafka_error_is_fatal(e) || std::chrono::steady_clock::now() >= deadline;
    const std::string text = ErrorText(e);
    if (give_up) {
      Fail("aborting a transaction: " + text);
      return false;
    }
    spdlog::warn("leader judge: aborting a transaction: {}; trying again", text);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  Rewind();
  return false;
}

}  // namespace newsmon::group
