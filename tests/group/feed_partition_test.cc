// The feed-to-partition map is part of the group protocol: instances of
// different versions in one group must agree on it.
#include "group/feed_partition.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/config.h"

namespace newsmon::group {
namespace {

TEST(FeedPartition, IsFnv1aOfTheIdModuloThePartitions) {
  // Golden values: a change here splits a mixed-version group's feeds wrongly.
  EXPECT_EQ(FeedIdHash(""), 14695981039346656037ull);
  EXPECT_EQ(FeedIdHash("a"), 12638187200555641996ull);
  EXPECT_EQ(FeedPartition("a", 64), 12);
  EXPECT_EQ(FeedPartition("f0", 64), 43);
  EXPECT_EQ(FeedPartition("wire-world", 1), 0);
}

TEST(FeedPartition, SpreadsFeedsEvenly) {
  constexpr int kPartitions = 64;
  constexpr int kFeeds = 64000;
  std::vector<int> per_partition(kPartitions);
  for (int i = 0; i < kFeeds; ++i) ++per_partition[FeedPartition("feed-" + std::to_string(i), kPartitions)];
  for (int n : per_partition) {
    EXPECT_GT(n, kFeeds / kPartitions * 8 / 10);
    EXPECT_LT(n, kFeeds / kPartitions * 12 / 10);
  }
}

TEST(GroupConfig, LoadsAndDefaults) {
  auto c = LoadConfigFromString("kafka: {brokers: 'k1:9092'}\ngroup: {id: desk, partitions: 8, session_timeout: 20s}\n",
                                "g.yaml", ".");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_TRUE((*c)->group.enabled());
  EXPECT_EQ((*c)->group.id, "desk");
  EXPECT_EQ((*c)->group.partitions, 8);
  EXPECT_EQ((*c)->group.topic, "newsmon.feeds.v1");
  EXPECT_EQ((*c)->group.session_timeout, std::chrono::seconds(20));
  auto single = LoadConfigFromString("log_level: info\n", "s.yaml", ".");
  ASSERT_TRUE(single.ok());
  EXPECT_FALSE((*single)->group.enabled()) << "without a group section: one instance, as before";
}

TEST(GroupConfig, RolesAndTheirTopics) {
  auto load = [](const std::string& group) {
    return LoadConfigFromString("kafka: {brokers: 'k1:9092'}\ngroup: {id: desk, " + group + "}\n", "g.yaml", ".");
  };
  auto both = load("partitions: 8");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ((*both)->group.role, GroupRole::kBoth);
  EXPECT_EQ((*both)->group.leader_topic, "newsmon.leader-quotes.v1");
  EXPECT_EQ((*both)->group.leader_history_topic, "newsmon.leader-history.v1");
  auto collector = load("role: collector, leader_topic: desk.candidates, leader_history_topic: desk.judged");
  ASSERT_TRUE(collector.ok()) << collector.error().message;
  EXPECT_EQ((*collector)->group.role, GroupRole::kCollector);
  EXPECT_EQ((*collector)->group.leader_topic, "desk.candidates");
  EXPECT_EQ((*collector)->group.leader_history_topic, "desk.judged");
  EXPECT_EQ((*load("role: analyzer"))->group.role, GroupRole::kAnalyzer);
  auto bad = load("role: judge");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("group.role must be both, collector or analyzer"), std::string::npos)
      << bad.error().message;
}

}  // namespace
}  // namespace newsmon::group
