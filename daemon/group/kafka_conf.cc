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

}  // namespace newsmon::group
