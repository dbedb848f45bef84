// librdkafka helpers for group mode's consumers and producers (daemon/group,
// and the analyzer role in daemon/app).
#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "util/result.h"

namespace newsmon::group {

using KafkaSettings = std::vector<std::pair<std::string, std::string>>;

// The caller owns the result (rd_kafka_new takes it over on success).
Result<rd_kafka_conf_t*> MakeKafkaConf(const KafkaSettings& settings);

// Up to `max` messages: waits `first_wait` for the first, then takes only
// what has already arrived. Errors come as messages with `err` set.
using ConsumedBatch = std::vector<std::unique_ptr<rd_kafka_message_t, decltype(&rd_kafka_message_destroy)>>;
ConsumedBatch PollBatch(rd_kafka_t* consumer, int max, std::chrono::milliseconds first_wait);

// Leaves the consumer group, then closes the consumer (the caller destroys
// it). With cooperative assignment, librdkafka before 2.4 (bookworm has
// 2.0) can hang in rd_kafka_consumer_close when an assignment arrives while
// it closes (confluentinc/librdkafka#4527): so first unsubscribe and serve
// rebalance callbacks until nothing is assigned, for at most `timeout`.
void LeaveGroupAndClose(rd_kafka_t* consumer, std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace newsmon::group
