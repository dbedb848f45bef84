#include "group/changelog.h"

#include <librdkafka/rdkafka.h>
#include <spdlog/spdlog.h>

#include <map>
#include <nlohmann/json.hpp>

#include "group/feed_partition.h"
#include "group/kafka_conf.h"
#include "util/time.h"

namespace newsmon::group {

struct ChangelogDelivery {
  static void Report(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
    if (!msg->err) return;
    auto* self = static_cast<ChangelogWriter*>(opaque);
    ++self->failed_;
    spdlog::warn("feed-state changelog: a snapshot was not delivered: {}", rd_kafka_err2str(msg->err));
  }
};

namespace {

using nlohmann::json;

json OptionalTime(const std::optional<Timestamp>& t) { return t ? json(FormatRfc3339(*t)) : json(nullptr); }

std::optional<Timestamp> TimeOf(const json& j, const char* key) {
  if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
  const auto t = ParseRfc3339(j.at(key).get<std::string>());
  if (!t) throw std::invalid_argument(std::string("bad time in ") + key);
  return t;
}

}  // namespace

std::string EncodeSnapshot(const FeedSnapshot& s) {
  const FeedState& f = s.state;
  json seen = json::array();
  for (const auto& [key, hash] : s.seen) seen.push_back(json::array({key, hash}));
  return json{{"v", 1},
              {"feed_id", f.feed_id},
              {"url", f.url},
              {"etag", f.etag},
              {"last_modified", f.last_modified},
              {"body_hash", f.body_hash},
              {"next_poll", OptionalTime(f.next_poll)},
              {"last_poll", OptionalTime(f.last_poll)},
              {"last_success", OptionalTime(f.last_success)},
              {"error_streak", f.error_streak},
              {"last_http_status", f.last_http_status},
              {"last_error", f.last_error},
              {"redirect_candidate", f.redirect_candidate},
              {"redirect_count", f.redirect_count},
              {"interval_seconds", f.interval_seconds},
              {"items_per_hour", f.items_per_hour},
              {"schedule_reason", f.schedule_reason},
              {"seen", std::move(seen)}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<FeedSnapshot> DecodeSnapshot(std::string_view text) {
  try {
    const json j = json::parse(text);
    if (!j.is_object() || j.value("v", 0) != 1) return MakeError(ErrorCode::kInvalidArgument, "not a v1 snapshot");
    FeedSnapshot s;
    FeedState& f = s.state;
    f.feed_id = j.at("feed_id").get<std::string>();
    if (f.feed_id.empty()) return MakeError(ErrorCode::kInvalidArgument, "snapshot without a feed id");
    f.url = j.at("url").get<std::string>();
    f.etag = j.at("etag").get<std::string>();
    f.last_modified = j.at("last_modified").get<std::string>();
    f.body_hash = j.at("body_hash").get<std::string>();
    f.next_poll = TimeOf(j, "next_poll");
    f.last_poll = TimeOf(j, "last_poll");
    f.last_success = TimeOf(j, "last_success");
    f.error_streak = j.at("error_streak").get<int>();
    f.last_http_status = j.at("last_http_status").get<int>();
    f.last_error = j.at("last_error").get<std::string>();
    f.redirect_candidate = j.at("redirect_candidate").get<std::string>();
    f.redirect_count = j.at("redirect_count").get<int>();
    f.interval_seconds = j.at("interval_seconds").get<int64_t>();
    f.items_per_hour = j.at("items_per_hour").get<double>();
    f.schedule_reason = j.at("schedule_reason").get<std::string>();
    for (const json& item : j.at("seen")) {
      if (!item.is_array() || item.size() != 2) return MakeError(ErrorCode::kInvalidArgument, "bad seen item");
      s.seen.emplace_back(item.at(0).get<std::string>(), item.at(1).get<std::string>());
    }
    return s;
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInvalidArgument, std::string("feed snapshot: ") + e.what());
  }
}

Result<std::unique_ptr<ChangelogWriter>> ChangelogWriter::Open(const std::string& bootstrap_servers,
                                                               const std::string& topic, int partitions) {
  std::unique_ptr<ChangelogWriter> w(new ChangelogWriter());
  w->topic_ = topic;
  w->partitions_ = partitions;
  auto made = MakeKafkaConf({{"bootstrap.servers", bootstrap_servers},
                             {"enable.idempotence", "true"},
                             {"acks", "all"},
                             {"linger.ms", "20"},
                             {"log_level", "3"}});
  if (!made) return made.error();
  rd_kafka_conf_t* conf = *made;
  char err[512];
  rd_kafka_conf_set_opaque(conf, w.get());
  rd_kafka_conf_set_dr_msg_cb(conf, ChangelogDelivery::Report);
  w->rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!w->rk_) {
    rd_kafka_conf_destroy(conf);
    return MakeError(ErrorCode::kInvalidArgument, std::string("kafka changelog producer: ") + err);
  }
  return w;
}

ChangelogWriter::~ChangelogWriter() {
  if (!rk_) return;
  rd_kafka_flush(rk_, 5000);
  rd_kafka_destroy(rk_);
}

void ChangelogWriter::Publish(const FeedSnapshot& snapshot) {
  const std::string value = EncodeSnapshot(snapshot);
  const std::string& key = snapshot.state.feed_id;
  const rd_kafka_resp_err_t err = rd_kafka_producev(
      rk_, RD_KAFKA_V_TOPIC(topic_.c_str()), RD_KAFKA_V_PARTITION(FeedPartition(key, partitions_)),
      RD_KAFKA_V_KEY(key.data(), key.size()), RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
      RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
  if (err) {
    ++failed_;
    spdlog::warn("feed-state changelog: cannot queue the snapshot of {}: {}", key, rd_kafka_err2str(err));
  }
}

void ChangelogWriter::Poll() { rd_kafka_poll(rk_, 0); }

Result<std::vector<FeedSnapshot>> ReadFeedSnapshots(const std::string& bootstrap_servers, const std::string& topic,
                                                    int partition, std::chrono::milliseconds timeout,
                                                    size_t* malformed) {
  auto made = MakeKafkaConf({{"bootstrap.servers", bootstrap_servers},
                             {"group.id", "newsmon-restore"},  // required by the API; never joined
                             {"enable.auto.commit", "false"},
                             {"enable.partition.eof", "true"},
                             {"log_level", "3"}});
  if (!made) return made.error();
  rd_kafka_conf_t* conf = *made;
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return MakeError(ErrorCode::kInvalidArgument, std::string("kafka changelog reader: ") + err);
  }
  std::unique_ptr<rd_kafka_t, decltype(&rd_kafka_destroy)> guard(rk, rd_kafka_destroy);
  int64_t low = 0, high = 0;
  rd_kafka_resp_err_t werr =
      rd_kafka_query_watermark_offsets(rk, topic.c_str(), partition, &low, &high, static_cast<int>(timeout.count()));
  if (werr == RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION || werr == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
    return std::vector<FeedSnapshot>{};  // nothing published yet
  }
  if (werr) {
    return MakeError(ErrorCode::kUnavailable,
                     "reading the feed-state changelog " + topic + ": " + std::string(rd_kafka_err2str(werr)));
  }
  std::map<std::string, FeedSnapshot> latest;
  if (high > low) {
    rd_kafka_topic_partition_list_t* parts = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(parts, topic.c_str(), partition)->offset = low;
    rd_kafka_poll_set_consumer(rk);
    rd_kafka_assign(rk, parts);
    rd_kafka_topic_partition_list_destroy(parts);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int64_t next = low;
    while (next < high) {
      if (std::chrono::steady_clock::now() >= deadline) {
        return MakeError(ErrorCode::kUnavailable, "reading the feed-state changelog " + topic + " partition " +
                                                      std::to_string(partition) + ": timed out");
      }
      rd_kafka_message_t* msg = rd_kafka_consumer_poll(rk, 100);
      if (!msg) continue;
      std::unique_ptr<rd_kafka_message_t, decltype(&rd_kafka_message_destroy)> m(msg, rd_kafka_message_destroy);
      if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) break;
      if (msg->err) continue;
      next = msg->offset + 1;
      auto s = DecodeSnapshot(std::string_view(static_cast<const char*>(msg->payload), msg->len));
      if (!s) {
        if (malformed) ++*malformed;
        continue;
      }
      std::string id = s->state.feed_id;
      latest[id] = std::move(*s);
    }
    rd_kafka_consumer_close(rk);
  }
  std::vector<FeedSnapshot> out;
  for (auto& [id, s] : latest) out.push_back(std::move(s));
  return out;
}

}  // namespace newsmon::group
