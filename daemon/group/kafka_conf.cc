#include "group/kafka_conf.h"

namespace newsmon::group {

Result<rd_kafka_conf_t*> MakeKafkaConf(const KafkaSettings& settings) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512];
  for (const auto& [key, value] : settings) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return MakeError(ErrorCode::kInvalidArgument, "kafka config " + key + ": " + err);
    }
  }
  return conf;
}

ConsumedBatch PollBatch(rd_kafka_t* consumer, int max, std::chrono::milliseconds first_wait) {
  ConsumedBatch batch;
  for (int i = 0; i < max; ++i) {
    rd_kafka_message_t* msg = rd_kafka_consumer_poll(consumer, i == 0 ? static_cast<int>(first_wait.count()) : 0);
    if (!msg) break;
    batch.emplace_back(msg, rd_kafka_message_destroy);
  }
  return batch;
}

void LeaveGroupAndClose(rd_kafka_t* consumer, std::chrono::milliseconds timeout) {
  rd_kafka_unsubscribe(consumer);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer, 50)) rd_kafka_message_destroy(m);
    rd_kafka_topic_partition_list_t* assigned = nullptr;
    if (rd_kafka_assignment(consumer, &assigned) != RD_KAFKA_RESP_ERR_NO_ERROR || !assigned) break;
    const bool none = assigned->cnt == 0;
    rd_kafka_topic_partition_list_destroy(assigned);
    if (none) break;
  }
  rd_kafka_consumer_close(consumer);
}

}  // namespace newsmon::group
