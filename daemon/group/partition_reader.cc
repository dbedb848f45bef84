#include "group/partition_reader.h"

#include <librdkafka/rdkafka.h>

#include <memory>

#include "group/kafka_conf.h"

namespace newsmon::group {

Status ReadPartitionToEnd(const std::string& bootstrap_servers, const std::string& topic, int partition,
                          std::chrono::milliseconds timeout,
                          const std::function<void(std::string_view key, std::string_view value)>& each,
                          const std::atomic<bool>* cancel) {
  auto made = MakeKafkaConf({{"bootstrap.servers", bootstrap_servers},
                             {"group.id", "newsmon-restore"},  // required by the API; never joined
                             {"enable.auto.commit", "false"},
                             {"enable.partition.eof", "true"},
                             {"isolation.level", "read_committed"},
                             {"log_level", "3"}});
  if (!made) return made.error();
  rd_kafka_conf_t* conf = *made;
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return MakeError(ErrorCode::kInvalidArgument, std::string("kafka reader of ") + topic + ": " + err);
  }
  std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)> guard(rk, rd_kafka_destroy);
  const std::string where = topic + " partition " + std::to_string(partition);
  int64_t low = 0, high = 0;
  const rd_kafka_resp_err_t werr =
      rd_kafka_query_watermark_offsets(rk, topic.c_str(), partition, &low, &high, static_cast<int>(timeout.count()));
  if (werr == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION || werr == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
    return Status::Ok();  // nothing published yet
  }
  if (werr) return MakeError(ErrorCode::kUnavailable, "reading " + where + ": " + rd_kafka_err2str(werr));
  if (high <= low) return Status::Ok();
  rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(parts, topic.c_str(), partition)->offset = low;
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_assign(rk, parts);
  rd_kafka_topic_partition_list_destroy(parts);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int64_t next = low;
  Status result = Status::Ok();
  // Transaction markers take offsets too, so the end is the EOF event, or
  // the last record before the high watermark.
  while (next < high) {
    if (std::chrono::steady_clock::now() >= deadline) {
      result = MakeError(ErrorCode::kUnavailable, "reading " + where + ": timed out");
      break;
    }
    if (cancel && *cancel) {
      result = MakeError(ErrorCode::kUnavailable, "reading " + where + ": cancelled");
      break;
    }
    rd_kafka_message_t* msg = rd_kafka_consumer_poll(rk, 100);
    if (!msg) continue;
    std::unique_ptr<rd_kafka_message_t, decltype(&rd_kafka_message_destroy)> m(msg, rd_kafka_message_destroy);
    if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) break;
    if (msg->err) continue;
    next = msg->offset + 1;
    each(std::string_view(static_cast<const char*>(msg->key), msg->key_len),
         std::string_view(static_cast<const char*>(msg->payload), msg->len));
  }
  rd_kafka_consumer_close(rk);
  return result;
}

}  // namespace newsmon::group
