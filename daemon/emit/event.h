// Events as they go to Kafka: topic, key, protobuf payload, CloudEvents headers.
//
//   OutgoingEvent e = BuildStoryMatched(story, matches, quotes, config.kafka);
//   producer.Produce(e, on_delivery);
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "article/article.h"
#include "config/config.h"
#include "match/matcher.h"
#include "quote/novelty.h"
#include "quote/quote.h"

namespace newsmon {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct OutgoingEvent {
  std::string topic;
  std::string key;
  std::string payload;  // serialized protobuf
  Headers headers;      // CloudEvents binary mode + content-type
  std::string event_id;
  int32_t partition = -1;  // -1: the producer's partitioner picks by key
};

inline constexpr char kStoryMatchedType[] = "org.newsmon.story.matched.v1";
inline constexpr char kLeaderQuoteType[] = "org.newsmon.leader.quote.v1";
inline constexpr char kStoryArchivedType[] = "org.newsmon.story.archived.v1";

// A story's place among near-duplicates (see state/near_dup.h).
struct StoryLinks {
  std::string cluster_id;    // the first story of the cluster; the story's own id when it is the first
  std::string duplicate_of;  // set when the story copies an earlier one
};

// Deterministic id of a quote within a story.
std::string QuoteId(const Story& story, const Quote& quote);

OutgoingEvent BuildStoryMatched(const Story& story, const std::vector<TopicResult>& matches,
                                const std::vector<Quote>& quotes, const KafkaConfig& kafka,
                                const StoryLinks& links = {});

struct LeaderQuoteInput {
  const Story* story = nullptr;
  const Quote* quote = nullptr;
  std::string leader_name;
  NoveltyVerdict novelty;
  std::vector<std::string> topic_ids;
  StoryLinks links;
};
OutgoingEvent BuildLeaderQuote(const LeaderQuoteInput& input, const KafkaConfig& kafka);

// For kafka.articles_topic: the story as analysed, with the topics it matched.
OutgoingEvent BuildArchivedStory(const Story& story, const std::vector<std::string>& topic_ids,
                                 const KafkaConfig& kafka, const StoryLinks& links = {});

}  // namespace newsmon
