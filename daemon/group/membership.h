// One instance's membership of a newsmon group (README "Group mode"). It is
// a Kafka consumer of the coordination topic that reads nothing: the
// partitions the consumer group assigns it are the feeds it polls
// (FeedPartition). Assignment is cooperative-sticky, so a member joining or
// leaving moves only the partitions that must move; a member that dies is
// dropped after the session timeout and its partitions go to the others.
//
//   auto m = Membership::Join(bootstrap, config.group, "newsmon@host");
//   every tick: if ((*m)->Poll()) reconcile((*m)->owned());
//
// The daemon (app/run_command.cc) polls the feeds of an owned partition only
// once their state is restored from the changelog (group/changelog.h).
//
// All calls from one thread (the daemon's loop); the group protocol's
// heartbeats run on librdkafka's threads, so a busy loop does not lose the
// membership, only delays taking up a new assignment.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "config/config.h"
#include "util/result.h"

struct rd_kafka_s;

namespace newsmon::group {

class Membership {
 public:
  // Joins the group; the first assignment arrives through Poll. The
  // group's topics must exist with group.partitions partitions
  // (group/topic_setup.h sees to it at start).
  static Result<std::unique_ptr<Membership>> Join(const std::string& bootstrap_servers, const GroupConfig& group,
                                                  const std::string& client_id);
  ~Membership();  // leaves the group at once, so the others take over without waiting for the timeout
  Membership(const Membership&) = delete;
  Membership& operator=(const Membership&) = delete;

  // Serves assignment changes; never blocks. True when the set of owned
  // partitions changed since the last call.
  bool Poll();
  bool Owns(std::string_view feed_id) const;
  const std::set<int>& owned() const { return owned_; }
  int partitions() const { return partitions_; }
  // The most recent error the consumer reported (broker down, say); empty when none.
  const std::string& last_error() const { return last_error_; }

 private:
  Membership() = default;
  friend struct RebalanceHandler;  // librdkafka's rebalance callback, in membership.cc

  rd_kafka_s* rk_ = nullptr;
  std::string topic_;
  int partitions_ = 0;
  std::set<int> owned_;
  bool changed_ = false;
  std::string last_error_;
};

}  // namespace newsmon::group
