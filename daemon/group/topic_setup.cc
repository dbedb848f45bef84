#include "group/topic_setup.h"

#include <librdkafka/rdkafka.h>

#include <memory>

#include "group/kafka_conf.h"

namespace newsmon::group {

namespace {

constexpr int kAdminTimeoutMs = 10000;

std::string Millis(std::chrono::seconds s) { return std::to_string(s.count() * 1000); }

// The topic's partition count; 0 when the cluster does not know the topic.
Result<int> PartitionCount(rd_kafka_t* rk, const std::string& topic) {
  rd_kafka_topic_t* handle = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* md = nullptr;
  const rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, handle, &md, kAdminTimeoutMs);
  rd_kafka_topic_destroy(handle);
  if (err) {
    return MakeError(ErrorCode::kUnavailable, "reading the topic " + topic + ": " + rd_kafka_err2str(err));
  }
  const int n = md->topic_cnt == 1 && !md->topics[0].err ? md->topics[0].partition_cnt : 0;
  rd_kafka_metadata_destroy(md);
  return n;
}

// Empty on success (or when another client created it meanwhile).
std::string CreateTopic(rd_kafka_t* rk, const TopicSpec& spec, int replication) {
  char err[512];
  rd_kafka_NewTopic_t* topic = rd_kafka_NewTopic_new(spec.name.c_str(), spec.partitions, replication, err, sizeof err);
  if (!topic) return err;
  for (const auto& [key, value] : spec.settings) {
    if (rd_kafka_NewTopic_set_config(topic, key.c_str(), value.c_str())) {
      rd_kafka_NewTopic_destroy(topic);
      return "bad topic setting " + key;
    }
  }
  rd_kafka_queue_t* queue = rd_kafka_queue_new(rk);
  rd_kafka_CreateTopics(rk, &topic, 1, nullptr, queue);
  rd_kafka_NewTopic_destroy(topic);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(queue, kAdminTimeoutMs);
  std::string failure;
  if (!ev) {
    failure = "no answer from the cluster within 10 s";
  } else if (rd_kafka_event_error(ev)) {
    failure = rd_kafka_event_error_string(ev);
  } else if (const rd_kafka_CreateTopics_result_t* res = rd_kafka_event_CreateTopics_result(ev)) {
    size_t n = 0;
    const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(res, &n);
    for (size_t i = 0; i < n; ++i) {
      const rd_kafka_resp_err_t e = rd_kafka_topic_result_error(results[i]);
      if (e && e != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) failure = rd_kafka_err2str(e);
    }
  }
  if (ev) rd_kafka_event_destroy(ev);
  rd_kafka_queue_destroy(queue);
  return failure;
}

}  // namespace

std::vector<TopicSpec> TopicsFor(const Config& config) {
  const KafkaConfig& kafka = config.kafka;
  const std::string quote_retention = Millis(config.retention.quotes);
  std::vector<TopicSpec> specs{
      {kafka.stories_topic,
       12,
       false,
       {{"cleanup.policy", "compact,delete"},
        {"retention.ms", "2592000000"},
        {"min.compaction.lag.ms", "3600000"},
        {"max.message.bytes", "4194304"}},
       "StoryMatched, keyed by story id"},
      {kafka.quotes_topic,
       6,
       false,
       {{"cleanup.policy", "delete"}, {"retention.ms", "31536000000"}, {"max.message.bytes", "1048576"}},
       "LeaderQuote, keyed by leader id"},
  };
  if (!kafka.articles_topic.empty()) {
    specs.push_back({kafka.articles_topic,
                     12,
                     false,
                     {{"cleanup.policy", "delete"}, {"retention.ms", "2592000000"}, {"max.message.bytes", "4194304"}},
                     "ArchivedStory, keyed by story id: every analysed story, for backtests"});
  }
  const GroupConfig& group = config.group;
  if (group.enabled()) {
    const int n = group.partitions;
    specs.push_back({group.topic, n, true, {{"cleanup.policy", "delete"}}, "group coordination: no records"});
    specs.push_back({group.changelog_topic,
                     n,
                     true,
                     {{"cleanup.policy", "compact"}, {"min.insync.replicas", "2"}},
                     "feed state, keyed by feed id"});
    specs.push_back({group.leader_topic,
                     n,
                     true,
                     {{"cleanup.policy", "delete"}, {"retention.ms", "604800000"}},
                     "leader quote candidates, keyed by leader id"});
    specs.push_back(
        {group.leader_history_topic,
         n,
         true,
         {{"cleanup.policy", "compact,delete"}, {"retention.ms", quote_retention}, {"min.insync.replicas", "2"}},
         "judged leader quotes, keyed by quote id"});
  }
  return specs;
}

std::vector<TopicSpec> GroupTopicsFor(const Config& config) {
  std::vector<TopicSpec> specs = TopicsFor(config);
  std::erase_if(specs, [](const TopicSpec& s) { return !s.exact_partitions; });
  return specs;
}

const char* TopicStateName(TopicState state) {
  switch (state) {
    case TopicState::kOk:
      return "ok";
    case TopicState::kCreated:
      return "created";
    case TopicState::kMissing:
      return "missing";
    case TopicState::kWrongPartitions:
      return "wrong partition count";
    case TopicState::kFailed:
      return "failed";
  }
  return "?";
}

Result<std::vector<TopicReport>> SetUpTopics(const std::string& bootstrap_servers, const std::vector<TopicSpec>& specs,
                                             bool create, int replication) {
  auto made = MakeKafkaConf({{"bootstrap.servers", bootstrap_servers},
                             {"group.id", "newsmon-kafka-setup"},  // a consumer handle: metadata never auto-creates
                             {"allow.auto.create.topics", "false"},
                             {"log_level", "0"}});  // failures come back as values, with the topic named
  if (!made) return made.error();
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, *made, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(*made);
    return MakeError(ErrorCode::kInvalidArgument, std::string("kafka admin client: ") + err);
  }
  std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)> guard(rk, rd_kafka_destroy);
  std::vector<TopicReport> reports;
  for (const TopicSpec& spec : specs) {
    TopicReport r{spec, TopicState::kOk, 0, ""};
    auto found = PartitionCount(rk, spec.name);
    if (!found) return found.error();
    r.partitions = *found;
    if (r.partitions == 0 && !create) {
      r.state = TopicState::kMissing;
      r.detail = "does not exist; create it with " + std::to_string(spec.partitions) + " partitions";
    } else if (r.partitions == 0) {
      if (std::string failure = CreateTopic(rk, spec, replication); !failure.empty()) {
        r.state = TopicState::kFailed;
        r.detail = "does not exist and creating it failed (" + failure + "); create it with " +
                   std::to_string(spec.partitions) + " partitions (deploy/kafka/README.md)";
      } else {
        auto now = PartitionCount(rk, spec.name);
        if (!now) return now.error();
        r.partitions = *now;
        r.state = TopicState::kCreated;
      }
    }
    if (spec.exact_partitions && r.partitions != 0 && r.partitions != spec.partitions) {
      r.state = TopicState::kWrongPartitions;
      r.detail = "has " + std::to_string(r.partitions) + " partitions but group.partitions is " +
                 std::to_string(spec.partitions) + ": every instance of a group must use the topic's count";
    }
    reports.push_back(std::move(r));
  }
  return reports;
}

bool AllOk(const std::vector<TopicReport>& reports) {
  for (const TopicReport& r : reports) {
    if (r.state != TopicState::kOk && r.state != TopicState::kCreated) return false;
  }
  return true;
}

}  // namespace newsmon::group
