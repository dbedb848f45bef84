#include "group/membership.h"

#include <librdkafka/rdkafka.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstring>
#include <vector>

#include "group/feed_partition.h"
#include "group/kafka_conf.h"

namespace newsmon::group {

struct RebalanceHandler {
  static void Call(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* parts, void* opaque) {
    auto* self = static_cast<Membership*>(opaque);
    const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
    std::vector<int> moved;
    for (int i = 0; i < parts->cnt; ++i) moved.push_back(parts->elems[i].partition);
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      self->owned_.insert(moved.begin(), moved.end());
      if (cooperative) {
        if (rd_kafka_error_t* e = rd_kafka_incremental_assign(rk, parts)) rd_kafka_error_destroy(e);
      } else {
        rd_kafka_assign(rk, parts);
      }
      spdlog::info("group: assigned {} partitions, now owning {} of {}", moved.size(), self->owned_.size(),
                   self->partitions_);
    } else {
      for (int p : moved) self->owned_.erase(p);
      if (cooperative && err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
        if (rd_kafka_error_t* e = rd_kafka_incremental_unassign(rk, parts)) rd_kafka_error_destroy(e);
      } else {
        self->owned_.clear();
        rd_kafka_assign(rk, nullptr);
      }
      spdlog::info("group: {} partitions revoked, now owning {} of {}", moved.size(), self->owned_.size(),
                   self->partitions_);
    }
    self->changed_ = true;
  }
};

Result<std::unique_ptr<Membership>> Membership::Join(const std::string& bootstrap_servers, const GroupConfig& group,
                                                     const std::string& client_id) {
  std::unique_ptr<Membership> m(new Membership());
  m->topic_ = group.topic;
  m->partitions_ = group.partitions;
  auto made = MakeKafkaConf(
      {{"bootstrap.servers", bootstrap_servers},
       {"group.id", group.id},
       {"client.id", client_id},
       {"partition.assignment.strategy", "cooperative-sticky"},
       {"session.timeout.ms", std::to_string(group.session_timeout.count())},
       {"heartbeat.interval.ms", std::to_string(std::max<int64_t>(100, group.session_timeout.count() / 5))},
       {"enable.auto.commit", "false"},
       {"enable.partition.eof", "false"},
       {"auto.offset.reset", "latest"},
       {"log_level", "3"}});
  if (!made) return made.error();
  rd_kafka_conf_t* conf = *made;
  rd_kafka_conf_set_opaque(conf, m.get());
  rd_kafka_conf_set_rebalance_cb(conf, RebalanceHandler::Call);
  char err[512];
  m->rk_ = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!m->rk_) {
    rd_kafka_conf_destroy(conf);
    return MakeError(ErrorCode::kInvalidArgument, std::string("kafka group member: ") + err);
  }
  rd_kafka_poll_set_consumer(m->rk_);
  rd_kafka_topic_partition_list_t* subscription = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(subscription, group.topic.c_str(), RD_KAFKA_PARTITION_UA);
  const rd_kafka_resp_err_t serr = rd_kafka_subscribe(m->rk_, subscription);
  rd_kafka_topic_partition_list_destroy(subscription);
  if (serr) return MakeError(ErrorCode::kUnavailable, std::string("kafka group subscribe: ") + rd_kafka_err2str(serr));
  spdlog::info("group {}: joining as {} ({} partitions on {})", group.id, client_id, group.partitions, group.topic);
  return m;
}

Membership::~Membership() {
  if (!rk_) return;
  LeaveGroupAndClose(rk_);
  rd_kafka_destroy(rk_);
}

bool Membership::Poll() {
  // The topic carries no records; a poll only runs callbacks and reports errors.
  for (int i = 0; i < 100; ++i) {
    rd_kafka_message_t* msg = rd_kafka_consumer_poll(rk_, 0);
    if (!msg) break;
    if (msg->err) last_error_ = rd_kafka_message_errstr(msg);
    rd_kafka_message_destroy(msg);
  }
  const bool changed = changed_;
  changed_ = false;
  return changed;
}

bool Membership::Owns(std::string_view feed_id) const { return owned_.contains(FeedPartition(feed_id, partitions_)); }

}  // namespace newsmon::group
