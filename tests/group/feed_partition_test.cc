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

}  // namespace
}  // namespace newsmon::group
