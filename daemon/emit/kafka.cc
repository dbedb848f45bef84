#include "emit/kafka.h"

#include <google/protobuf/util/json_util.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>
#include <thread>

#include "newsmon/v1/events.pb.h"

namespace newsmon {
namespace {

rd_kafka_t* Rk(void* h) { return static_cast<rd_kafka_t*>(h); }

Status SetConf(rd_kafka_conf_t* conf, const std::string& key, const std::string& value) {
  char err[512];
  if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
    return MakeError(ErrorCode::kInvalidArgument, "kafka setting " + key + ": " + err);
  }
  return Status::Ok();
}

struct PendingDelivery {
  KafkaProducer::DeliveryCallback callback;
};

// Errors no retry can fix: the record itself is unacceptable to Kafka. They
// are kLimit, so the reliable producer gives the event up instead of
// retrying it forever behind everything else.
bool RecordRefused(rd_kafka_resp_err_t err) {
  switch (err) {
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_INVALID_MSG:
    case RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE:
    case RD_KAFKA_RESP_ERR_INVALID_RECORD:
      return true;
    default:
      return false;
  }
}

void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* msg, void*) {
  std::unique_ptr<PendingDelivery> pending(static_cast<PendingDelivery*>(msg->_private));
  if (!pending || !pending->callback) return;
  if (msg->err) {
    pending->callback(MakeError(RecordRefused(msg->err) ? ErrorCode::kLimit : ErrorCode::kUnavailable,
                                std::string("delivery failed: ") + rd_kafka_err2str(msg->err)));
  } else {
    pending->callback(Status::Ok());
  }
}

// librdkafka logs go through spdlog so they share format, level and sink
// (journald priorities under systemd).
void OnLog(const rd_kafka_t*, int level, const char* facility, const char* message) {
  const auto spd_level = level <= 3   ? spdlog::level::err
                         : level <= 4 ? spdlog::level::warn
                         : level <= 6 ? spdlog::level::info
                                      : spdlog::level::debug;
  spdlog::log(spd_level, "kafka {}: {}", facility, message);
}

rd_kafka_conf_t* NewConf() {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set_log_cb(conf, OnLog);
  return conf;
}

}  // namespace

// ---------------------------------------------------------------- EmbeddedKafka

Result<std::unique_ptr<EmbeddedKafka>> EmbeddedKafka::Start(int brokers, const std::vector<std::string>& topics,
                                                            int partitions) {
  rd_kafka_conf_t* conf = NewConf();
  // The owner handle never talks to a broker; it only hosts the mock cluster.
  (void)SetConf(conf, "log_level", "3");
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return MakeError(ErrorCode::kInternal, std::string("embedded kafka: ") + err);
  }
  rd_kafka_mock_cluster_t* mock = rd_kafka_mock_cluster_new(rk, brokers);
  if (!mock) {
    rd_kafka_destroy(rk);
    return MakeError(ErrorCode::kInternal, "embedded kafka: cannot create mock cluster");
  }
  std::unique_ptr<EmbeddedKafka> k(new EmbeddedKafka());
  k->handle_ = rk;
  k->mock_ = mock;
  k->bootstraps_ = rd_kafka_mock_cluster_bootstraps(mock);
  for (const auto& t : topics) {
    const int rf = std::min(brokers, 3);
    if (rd_kafka_mock_topic_create(mock, t.c_str(), partitions, rf) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return MakeError(ErrorCode::kInternal, "embedded kafka: cannot create topic " + t);
    }
  }
  return k;
}

EmbeddedKafka::~EmbeddedKafka() {
  if (mock_) rd_kafka_mock_cluster_destroy(mock_);
  if (handle_) rd_kafka_destroy(Rk(handle_));
}

void EmbeddedKafka::SetBrokerDown(int broker_id, bool down) {
  if (down) {
    rd_kafka_mock_broker_set_down(mock_, broker_id);
  } else {
    rd_kafka_mock_broker_set_up(mock_, broker_id);
  }
}

// ---------------------------------------------------------------- KafkaProducer

namespace {

TxnOutcome OutcomeOf(rd_kafka_error_t* error) {
  if (!error) return {};
  TxnOutcome out;
  out.message = rd_kafka_error_string(error);
  out.verdict = rd_kafka_error_is_fatal(error)             ? TxnVerdict::kFatal
                : rd_kafka_error_txn_requires_abort(error) ? TxnVerdict::kAbort
                : rd_kafka_error_is_retriable(error)       ? TxnVerdict::kRetry
                                                           : TxnVerdict::kAbort;
  rd_kafka_error_destroy(error);
  return out;
}

}  // namespace

Result<std::unique_ptr<KafkaProducer>> KafkaProducer::Create(const KafkaConfig& config,
                                                             const std::string& bootstrap_servers) {
  return CreateWith(config, bootstrap_servers, {});
}

Result<std::unique_ptr<KafkaProducer>> KafkaProducer::CreateTransactional(
    const KafkaConfig& config, const std::string& bootstrap_servers, const std::string& transactional_id,
    std::chrono::milliseconds transaction_timeout) {
  const std::string timeout_ms = std::to_string(transaction_timeout.count());
  // A record may not outlive its transaction; the operator's settings still
  // come after these and may shorten the message timeout.
  auto p = CreateWith(config, bootstrap_servers,
                      {{"transactional.id", transactional_id},
                       {"transaction.timeout.ms", timeout_ms},
                       {"message.timeout.ms", timeout_ms}});
  if (!p) return p;
  if (rd_kafka_error_t* e =
          rd_kafka_init_transactions(Rk((*p)->handle_), static_cast<int>(transaction_timeout.count()))) {
    const TxnOutcome out = OutcomeOf(e);
    return MakeError(ErrorCode::kUnavailable, "kafka: starting transactions: " + out.message);
  }
  return p;
}

TxnOutcome KafkaProducer::BeginTransaction() { return OutcomeOf(rd_kafka_begin_transaction(Rk(handle_))); }

TxnOutcome KafkaProducer::CommitTransaction(std::chrono::milliseconds timeout) {
  return OutcomeOf(rd_kafka_commit_transaction(Rk(handle_), static_cast<int>(timeout.count())));
}

TxnOutcome KafkaProducer::AbortTransaction(std::chrono::milliseconds timeout) {
  // An abort the coordinator refused or did not answer may be asked again,
  // until `timeout`: that rides out a coordinator moving.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    TxnOutcome out =
        OutcomeOf(rd_kafka_abort_transaction(Rk(handle_), static_cast<int>(std::max<int64_t>(left.count(), 1))));
    if (out.ok() || out.verdict == TxnVerdict::kFatal || std::chrono::steady_clock::now() >= deadline) return out;
    spdlog::warn("kafka: aborting a transaction: {}; trying again", out.message);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

TxnOutcome KafkaProducer::SendOffsetsToTransaction(rd_kafka_t* consumer,
                                                   const std::map<std::pair<std::string, int>, int64_t>& offsets,
                                                   std::chrono::milliseconds timeout) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(offsets.size()));
  for (const auto& [where, offset] : offsets) {
    rd_kafka_topic_partition_list_add(list, where.first.c_str(), where.second)->offset = offset;
  }
  rd_kafka_consumer_group_metadata_t* group = rd_kafka_consumer_group_metadata(consumer);
  TxnOutcome out =
      OutcomeOf(rd_kafka_send_offsets_to_transaction(Rk(handle_), list, group, static_cast<int>(timeout.count())));
  rd_kafka_consumer_group_metadata_destroy(group);
  rd_kafka_topic_partition_list_destroy(list);
  return out;
}

Result<std::unique_ptr<KafkaProducer>> KafkaProducer::CreateWith(
    const KafkaConfig& config, const std::string& bootstrap_servers,
    const std::vector<std::pair<std::string, std::string>>& mode_settings) {
  rd_kafka_conf_t* conf = NewConf();
  // Defaults that make "no event lost, none duplicated by retries" hold;
  // the operator's producer settings come after and may tune the rest.
  std::vector<std::pair<std::string, std::string>> settings{
      {"bootstrap.servers", bootstrap_servers},
      {"enable.idempotence", "true"},
      {"acks", "all"},
      {"linger.ms", "20"},  // bigger batches: throughput at a few ms of latency
      {"batch.size", "1000000"},
      {"message.timeout.ms", "300000"},
      {"queue.buffering.max.messages", "100000"},
      {"client.id", "newsmon"},
      {"log_level", "4"},
  };
  settings.insert(settings.end(), mode_settings.begin(), mode_settings.end());
  for (const auto& kv : config.producer) settings.emplace_back(kv.first, kv.second);
  for (const auto& [k, v] : settings) {
    if (auto s = SetConf(conf, k, v); !s) {
      rd_kafka_conf_destroy(conf);
      return s.error();
    }
  }
  rd_kafka_conf_set_dr_msg_cb(conf, OnDelivery);
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return MakeError(ErrorCode::kInvalidArgument, std::string("kafka producer: ") + err);
  }
  std::unique_ptr<KafkaProducer> p(new KafkaProducer());
  p->handle_ = rk;
  p->compressed_topic_ = config.articles_topic;
  return p;
}

void* KafkaProducer::TopicHandle(const std::string& topic) {
  if (topic.empty() || topic != compressed_topic_) return nullptr;
  if (compressed_topic_handle_ == nullptr) {
    // Whole story texts compress 3-5x; zstd is the codec Kafka brokers and
    // clients have all spoken since 2.1.
    rd_kafka_topic_conf_t* tconf = rd_kafka_topic_conf_new();
    char err[512];
    if (rd_kafka_topic_conf_set(tconf, "compression.type", "zstd", err, sizeof err) != RD_KAFKA_CONF_OK) {
      spdlog::warn("kafka: topic {} stays uncompressed: {}", topic, err);
    }
    compressed_topic_handle_ = rd_kafka_topic_new(Rk(handle_), topic.c_str(), tconf);
  }
  return compressed_topic_handle_;
}

KafkaProducer::~KafkaProducer() {
  if (!handle_) return;
  // Undelivered messages still own their callbacks; purge so that librdkafka
  // calls OnDelivery (with an error) and frees them.
  rd_kafka_purge(Rk(handle_), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  for (int i = 0; i < 200 && rd_kafka_outq_len(Rk(handle_)) > 0; ++i) rd_kafka_poll(Rk(handle_), 10);
  rd_kafka_poll(Rk(handle_), 0);
  if (compressed_topic_handle_) rd_kafka_topic_destroy(static_cast<rd_kafka_topic_t*>(compressed_topic_handle_));
  rd_kafka_destroy(Rk(handle_));
}

Status KafkaProducer::Produce(const OutgoingEvent& event, DeliveryCallback on_delivery) {
  rd_kafka_headers_t* headers = rd_kafka_headers_new(event.headers.size());
  for (const auto& [name, value] : event.headers) {
    rd_kafka_header_add(headers, name.data(), static_cast<ssize_t>(name.size()), value.data(),
                        static_cast<ssize_t>(value.size()));
  }
  auto pending = std::make_unique<PendingDelivery>(PendingDelivery{std::move(on_delivery)});
  auto* rkt = static_cast<rd_kafka_topic_t*>(TopicHandle(event.topic));
  const rd_kafka_resp_err_t err =
      rkt != nullptr
          ? rd_kafka_producev(Rk(handle_), RD_KAFKA_V_RKT(rkt), RD_KAFKA_V_PARTITION(event.partition),
                              RD_KAFKA_V_KEY(event.key.data(), event.key.size()),
                              RD_KAFKA_V_VALUE(const_cast<char*>(event.payload.data()), event.payload.size()),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(headers),
                              RD_KAFKA_V_OPAQUE(pending.get()), RD_KAFKA_V_END)
          : rd_kafka_producev(Rk(handle_), RD_KAFKA_V_TOPIC(event.topic.c_str()), RD_KAFKA_V_PARTITION(event.partition),
                              RD_KAFKA_V_KEY(event.key.data(), event.key.size()),
                              RD_KAFKA_V_VALUE(const_cast<char*>(event.payload.data()), event.payload.size()),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(headers),
                              RD_KAFKA_V_OPAQUE(pending.get()), RD_KAFKA_V_END);
  if (err) {
    rd_kafka_headers_destroy(headers);  // not taken over on failure
    const ErrorCode code = err == RD_KAFKA_RESP_ERR__QUEUE_FULL ? ErrorCode::kUnavailable
                           : RecordRefused(err)                 ? ErrorCode::kLimit
                                                                : ErrorCode::kInternal;
    return MakeError(code, std::string("kafka produce: ") + rd_kafka_err2str(err));
  }
  pending.release();  // owned by librdkafka until the delivery report
  return Status::Ok();
}

int KafkaProducer::Poll(std::chrono::milliseconds timeout) {
  return rd_kafka_poll(Rk(handle_), static_cast<int>(timeout.count()));
}

Status KafkaProducer::Flush(std::chrono::milliseconds timeout) {
  const rd_kafka_resp_err_t err = rd_kafka_flush(Rk(handle_), static_cast<int>(timeout.count()));
  if (err == RD_KAFKA_RESP_ERR__TIMED_OUT) {
    return MakeError(ErrorCode::kUnavailable,
                     "kafka flush timed out with " + std::to_string(OutstandingCount()) + " events undelivered");
  }
  return Status::Ok();
}

int KafkaProducer::OutstandingCount() const { return rd_kafka_outq_len(Rk(handle_)); }

std::optional<std::string> KafkaProducer::FatalError() const {
  char reason[512];
  if (rd_kafka_fatal_error(Rk(handle_), reason, sizeof reason) == RD_KAFKA_RESP_ERR_NO_ERROR) return std::nullopt;
  return std::string(reason);
}

void KafkaProducer::InjectFatalErrorForTest() {
  rd_kafka_test_fatal_error(Rk(handle_), RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER, "injected by a test");
}

// ---------------------------------------------------------------- KafkaReader

std::string ConsumedEvent::Header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return "";
}

namespace {

// A consumer handle with no group membership, and the partitions of `topic`.
Result<std::pair<rd_kafka_t*, std::vector<int32_t>>> OpenConsumer(const std::string& bootstrap_servers,
                                                                  const std::string& topic) {
  rd_kafka_conf_t* conf = NewConf();
  for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
           {"bootstrap.servers", bootstrap_servers},
           {"group.id", "newsmon-tail"},  // required by the API; never joined
           {"enable.auto.commit", "false"},
           {"enable.partition.eof", "false"},
           {"log_level", "3"}}) {
    if (auto s = SetConf(conf, k, v); !s) {
      rd_kafka_conf_destroy(conf);
      return s.error();
    }
  }
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return MakeError(ErrorCode::kInvalidArgument, std::string("kafka consumer: ") + err);
  }
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_t* t = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_resp_err_t merr = RD_KAFKA_RESP_ERR_NO_ERROR;
  for (int attempt = 0; attempt < 50; ++attempt) {
    merr = rd_kafka_metadata(rk, 0, t, &md, 2000);
    if (!merr && md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR &&
        md->topics[0].partition_cnt > 0) {
      break;
    }
    if (md) rd_kafka_metadata_destroy(md);
    md = nullptr;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  rd_kafka_topic_destroy(t);
  if (!md) {
    rd_kafka_destroy(rk);
    return MakeError(ErrorCode::kUnavailable, "kafka: no metadata for topic " + topic + ": " +
                                                  (merr ? rd_kafka_err2str(merr) : "topic unknown"));
  }
  std::vector<int32_t> partitions;
  for (int i = 0; i < md->topics[0].partition_cnt; ++i) partitions.push_back(md->topics[0].partitions[i].id);
  rd_kafka_metadata_destroy(md);
  return std::make_pair(rk, partitions);
}

}  // namespace

Result<std::unique_ptr<KafkaReader>> KafkaReader::Open(const std::string& bootstrap_servers, const std::string& topic,
                                                       bool from_beginning) {
  auto opened = OpenConsumer(bootstrap_servers, topic);
  if (!opened) return opened.error();
  auto [rk, partitions] = *opened;
  std::unique_ptr<KafkaReader> reader(new KafkaReader());
  reader->handle_ = rk;
  rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size()));
  for (int32_t p : partitions) {
    rd_kafka_topic_partition_list_add(parts, topic.c_str(), p)->offset =
        from_beginning ? RD_KAFKA_OFFSET_BEGINNING : RD_KAFKA_OFFSET_END;
  }
  const rd_kafka_resp_err_t aerr = rd_kafka_assign(rk, parts);
  rd_kafka_topic_partition_list_destroy(parts);
  if (aerr) return MakeError(ErrorCode::kUnavailable, std::string("kafka assign: ") + rd_kafka_err2str(aerr));
  return reader;
}

Result<std::unique_ptr<KafkaReader>> KafkaReader::OpenSince(const std::string& bootstrap_servers,
                                                            const std::string& topic, Timestamp since) {
  auto opened = OpenConsumer(bootstrap_servers, topic);
  if (!opened) return opened.error();
  auto [rk, partitions] = *opened;
  std::unique_ptr<KafkaReader> reader(new KafkaReader());
  reader->handle_ = rk;
  reader->since_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(since.time_since_epoch()).count();
  constexpr int kTimeoutMs = 10000;
  rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size()));
  for (int32_t p : partitions) {
    int64_t low = 0, high = 0;
    const rd_kafka_resp_err_t werr = rd_kafka_query_watermark_offsets(rk, topic.c_str(), p, &low, &high, kTimeoutMs);
    if (werr) {
      rd_kafka_topic_partition_list_destroy(parts);
      return MakeError(ErrorCode::kUnavailable,
                       "kafka: end of " + topic + " partition " + std::to_string(p) + ": " + rd_kafka_err2str(werr));
    }
    reader->end_offsets_[p] = high;
    reader->start_offsets_[p] = low;
    reader->next_offsets_[p] = low;
    // offsets_for_times takes the time in milliseconds in the offset field.
    rd_kafka_topic_partition_list_add(parts, topic.c_str(), p)->offset =
        std::chrono::duration_cast<std::chrono::milliseconds>(since.time_since_epoch()).count();
  }
  rd_kafka_resp_err_t err = rd_kafka_offsets_for_times(rk, parts, kTimeoutMs);
  if (err) {
    rd_kafka_topic_partition_list_destroy(parts);
    return MakeError(ErrorCode::kUnavailable, std::string("kafka: offsets for times: ") + rd_kafka_err2str(err));
  }
  for (int i = 0; i < parts->cnt; ++i) {
    rd_kafka_topic_partition_t& tp = parts->elems[i];
    // -1 is Kafka's "no event at or after that time"; the embedded mock
    // cluster answers it to every time lookup. Reading the partition from
    // its start and skipping older events (Next) is right in both cases.
    if (tp.err || tp.offset < 0) tp.offset = RD_KAFKA_OFFSET_BEGINNING;
    if (tp.offset < 0) {
      reader->next_offsets_[tp.partition] = reader->start_offsets_[tp.partition];
      continue;
    }
    reader->next_offsets_[tp.partition] = tp.offset;
  }
  err = rd_kafka_assign(rk, parts);
  rd_kafka_topic_partition_list_destroy(parts);
  if (err) return MakeError(ErrorCode::kUnavailable, std::string("kafka assign: ") + rd_kafka_err2str(err));
  return reader;
}

namespace {

// Each partition the group assigns starts at the first event at or after
// the reader's `since` (opaque: its milliseconds since the epoch).
void OnGroupRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts, void* opaque) {
  if (err != RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    rd_kafka_assign(rk, nullptr);
    return;
  }
  const int64_t since_ms = *static_cast<const int64_t*>(opaque);
  for (int i = 0; i < parts->cnt; ++i) parts->elems[i].offset = since_ms;
  const bool found = since_ms > 0 && rd_kafka_offsets_for_times(rk, parts, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR;
  for (int i = 0; i < parts->cnt; ++i) {
    rd_kafka_topic_partition_t& tp = parts->elems[i];
    // No answer, or Kafka's -1 "nothing that late" (the mock cluster's
    // answer to every lookup): from the start, older events skipped in Next.
    if (!found || tp.err || tp.offset < 0) tp.offset = RD_KAFKA_OFFSET_BEGINNING;
  }
  rd_kafka_assign(rk, parts);
}

}  // namespace

Result<std::unique_ptr<KafkaReader>> KafkaReader::OpenGroup(const std::string& bootstrap_servers,
                                                            const std::vector<std::string>& topics,
                                                            const std::string& group, Timestamp since) {
  if (topics.empty() || group.empty()) return MakeError(ErrorCode::kInvalidArgument, "kafka: no topics or no group");
  std::unique_ptr<KafkaReader> reader(new KafkaReader());
  reader->since_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(since.time_since_epoch()).count();
  rd_kafka_conf_t* conf = NewConf();
  for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{{"bootstrap.servers", bootstrap_servers},
                                                                             {"group.id", group},
                                                                             {"enable.auto.commit", "false"},
                                                                             {"enable.partition.eof", "false"},
                                                                             {"log_level", "3"}}) {
    if (auto st = SetConf(conf, k, v); !st) {
      rd_kafka_conf_destroy(conf);
      return st.error();
    }
  }
  rd_kafka_conf_set_opaque(conf, &reader->since_ms_);
  rd_kafka_conf_set_rebalance_cb(conf, OnGroupRebalance);
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return MakeError(ErrorCode::kInvalidArgument, std::string("kafka consumer: ") + err);
  }
  reader->handle_ = rk;
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_partition_list_t* subscription = rd_kafka_topic_partition_list_new(static_cast<int>(topics.size()));
  for (const auto& t : topics) rd_kafka_topic_partition_list_add(subscription, t.c_str(), RD_KAFKA_PARTITION_UA);
  const rd_kafka_resp_err_t serr = rd_kafka_subscribe(rk, subscription);
  rd_kafka_topic_partition_list_destroy(subscription);
  if (serr) return MakeError(ErrorCode::kUnavailable, std::string("kafka subscribe: ") + rd_kafka_err2str(serr));
  return reader;
}

bool KafkaReader::AtEnd() const {
  for (const auto& [partition, end] : end_offsets_) {
    auto it = next_offsets_.find(partition);
    if (it == next_offsets_.end() || it->second < end) return false;
  }
  return true;
}

KafkaReader::~KafkaReader() {
  if (!handle_) return;
  rd_kafka_consumer_close(Rk(handle_));
  rd_kafka_destroy(Rk(handle_));
}

Result<std::optional<ConsumedEvent>> KafkaReader::Next(std::chrono::milliseconds timeout) {
  rd_kafka_message_t* msg = rd_kafka_consumer_poll(Rk(handle_), static_cast<int>(timeout.count()));
  if (!msg) return std::optional<ConsumedEvent>();
  std::unique_ptr<rd_kafka_message_t, decltype(&rd_kafka_message_destroy)> guard(msg, rd_kafka_message_destroy);
  if (msg->err) {
    if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) return std::optional<ConsumedEvent>();
    return MakeError(ErrorCode::kUnavailable, std::string("kafka consume: ") + rd_kafka_message_errstr(msg));
  }
  ConsumedEvent e;
  e.topic = rd_kafka_topic_name(msg->rkt);
  e.partition = msg->partition;
  e.offset = msg->offset;
  next_offsets_[msg->partition] = msg->offset + 1;
  rd_kafka_timestamp_type_t timestamp_type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
  e.timestamp_ms = rd_kafka_message_timestamp(msg, &timestamp_type);
  if (since_ms_ > 0 && e.timestamp_ms >= 0 && e.timestamp_ms < since_ms_) return std::optional<ConsumedEvent>();
  if (msg->key) e.key.assign(static_cast<const char*>(msg->key), msg->key_len);
  if (msg->payload) e.payload.assign(static_cast<const char*>(msg->payload), msg->len);
  rd_kafka_headers_t* hdrs = nullptr;
  if (rd_kafka_message_headers(msg, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    const char* name;
    const void* value;
    size_t size;
    for (size_t i = 0; rd_kafka_header_get_all(hdrs, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i) {
      e.headers.emplace_back(name, value ? std::string(static_cast<const char*>(value), size) : std::string());
    }
  }
  return std::optional<ConsumedEvent>(std::move(e));
}

Result<std::vector<ConsumedEvent>> KafkaReader::ReadUpTo(size_t count, std::chrono::milliseconds idle) {
  std::vector<ConsumedEvent> out;
  while (out.size() < count) {
    auto next = Next(idle);
    if (!next) return next.error();
    if (!*next) break;
    out.push_back(std::move(**next));
  }
  return out;
}

std::string EventToJson(const ConsumedEvent& event) {
  nlohmann::json j;
  j["topic"] = event.topic;
  j["partition"] = event.partition;
  j["offset"] = event.offset;
  j["key"] = event.key;
  nlohmann::json headers = nlohmann::json::object();
  for (const auto& [k, v] : event.headers) headers[k] = v;
  j["headers"] = headers;
  const std::string type = event.Header("ce_type");
  std::unique_ptr<google::protobuf::Message> msg;
  if (type == kStoryMatchedType) msg = std::make_unique<v1::StoryMatched>();
  if (type == kLeaderQuoteType) msg = std::make_unique<v1::LeaderQuote>();
  if (type == kStoryArchivedType) msg = std::make_unique<v1::ArchivedStory>();
  if (msg && msg->ParseFromString(event.payload)) {
    std::string json;
    google::protobuf::util::JsonPrintOptions opts;
    opts.preserve_proto_field_names = true;
    if (google::protobuf::util::MessageToJsonString(*msg, &json, opts).ok()) {
      j["value"] = nlohmann::json::parse(json);
    }
  }
  if (!j.contains("value")) j["value_error"] = "payload could not be decoded as " + (type.empty() ? "?" : type);
  return j.dump();
}

}  // namespace newsmon
