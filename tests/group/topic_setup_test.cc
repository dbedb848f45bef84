// The topics a config needs and their documented settings.
#include "group/topic_setup.h"

#include <gtest/gtest.h>

namespace newsmon::group {
namespace {

const TopicSpec* Find(const std::vector<TopicSpec>& specs, const std::string& name) {
  for (const auto& s : specs) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

TEST(TopicSetup, OneInstanceNeedsItsEventTopicsAndTheArchiveWhenConfigured) {
  Config config;
  config.kafka.stories_topic = "desk.stories";
  config.kafka.quotes_topic = "desk.quotes";
  auto specs = TopicsFor(config);
  ASSERT_EQ(specs.size(), 2u);
  EXPECT_EQ(Find(specs, "desk.stories")->settings.at("cleanup.policy"), "compact,delete");
  EXPECT_EQ(Find(specs, "desk.quotes")->settings.at("cleanup.policy"), "delete")
      << "compaction by leader id would keep only a leader's last quote";
  EXPECT_FALSE(Find(specs, "desk.stories")->exact_partitions);
  EXPECT_TRUE(GroupTopicsFor(config).empty());
  config.kafka.articles_topic = "desk.archive";
  EXPECT_NE(Find(TopicsFor(config), "desk.archive"), nullptr);
}

TEST(TopicSetup, AGroupNeedsItsFourTopicsWithExactlyItsPartitionCount) {
  Config config;
  config.group.id = "desk";
  config.group.partitions = 48;
  config.retention.quotes = std::chrono::hours(24 * 30);
  const auto group = GroupTopicsFor(config);
  ASSERT_EQ(group.size(), 4u);
  for (const auto& s : group) {
    EXPECT_TRUE(s.exact_partitions) << s.name;
    EXPECT_EQ(s.partitions, 48) << s.name;
  }
  EXPECT_EQ(Find(group, "newsmon.feed-state.v1")->settings.at("cleanup.policy"), "compact");
  const TopicSpec* history = Find(group, "newsmon.leader-history.v1");
  ASSERT_NE(history, nullptr);
  EXPECT_EQ(history->settings.at("cleanup.policy"), "compact,delete");
  EXPECT_EQ(history->settings.at("retention.ms"), "2592000000") << "the history forgets what retention.quotes forgets";
  EXPECT_NE(Find(group, "newsmon.leader-quotes.v1"), nullptr);
  EXPECT_NE(Find(group, "newsmon.feeds.v1"), nullptr);
  EXPECT_EQ(TopicsFor(config).size(), 6u);
}

TEST(TopicSetup, OnlyMissingWrongOrFailedTopicsAreNotOk) {
  std::vector<TopicReport> reports(2);
  reports[1].state = TopicState::kCreated;
  EXPECT_TRUE(AllOk(reports));
  for (TopicState bad : {TopicState::kMissing, TopicState::kWrongPartitions, TopicState::kFailed}) {
    reports[0].state = bad;
    EXPECT_FALSE(AllOk(reports)) << TopicStateName(bad);
  }
}

}  // namespace
}  // namespace newsmon::group
