// A librdkafka configuration from key/value settings, for the group's
// consumers and producer. Internal to daemon/group.
#pragma once

#include <librdkafka/rdkafka.h>

#include <string>
#include <utility>
#include <vector>

#include "util/result.h"

namespace newsmon::group {

using KafkaSettings = std::vector<std::pair<std::string, std::string>>;

// The caller owns the result (rd_kafka_new takes it over on success).
Result<rd_kafka_conf_t*> MakeKafkaConf(const KafkaSettings& settings);

}  // namespace newsmon::group
