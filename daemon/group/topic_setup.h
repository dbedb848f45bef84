// The Kafka topics a config needs, with the settings deploy/kafka/README.md
// gives them, and the admin step that creates the missing ones or checks
// the existing: `newsmon kafka-setup` and the start of a group member.
//
//   auto specs = TopicsFor(config);                          // pure
//   auto report = SetUpTopics(bootstrap, specs, /*create=*/true);
//   for (const TopicReport& r : *report) print(r);
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "util/result.h"

namespace newsmon::group {

struct TopicSpec {
  std::string name;
  int partitions = 0;
  // True when every instance relies on this exact count (the group's
  // topics: partition p of one is partition p of the others); an event
  // topic may have any count.
  bool exact_partitions = false;
  std::map<std::string, std::string> settings;  // topic configs: cleanup.policy, retention.ms, …
  std::string purpose;
};

// Event topics (stories, quotes, archive when configured) and, in group
// mode, the group's four topics, with the documented settings.
std::vector<TopicSpec> TopicsFor(const Config& config);
// Only the group's topics: what a member needs before it joins.
std::vector<TopicSpec> GroupTopicsFor(const Config& config);

enum class TopicState { kOk, kCreated, kMissing, kWrongPartitions, kFailed };
const char* TopicStateName(TopicState state);

struct TopicReport {
  TopicSpec spec;
  TopicState state = TopicState::kOk;
  int partitions = 0;  // what the cluster has (after creating)
  std::string detail;  // why, when not ok
};

// Looks up every topic; with `create`, creates the missing ones with their
// spec (replication: the brokers' default when `replication` is -1).
// Idempotent. An error only when the cluster cannot be asked at all.
Result<std::vector<TopicReport>> SetUpTopics(const std::string& bootstrap_servers, const std::vector<TopicSpec>& specs,
                                             bool create, int replication = -1);

bool AllOk(const std::vector<TopicReport>& reports);

}  // namespace newsmon::group
