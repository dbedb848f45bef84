#include <gtest/gtest.h>

#include "emit/event.h"
#include "newsmon/v1/events.pb.h"

namespace newsmon {
namespace {

Story SampleStory() {
  Story s;
  s.id = "story-1";
  s.feed_id = "steppe";
  s.item_id = "guid-1";
  s.url = "https://example.org/a";
  s.canonical_url = "https://example.org/a";
  s.title = "Tokayev in Berlin";
  s.authors = {"A. Writer"};
  s.published = Timestamp(std::chrono::seconds(1764235800));
  s.language = "en";
  s.paragraphs = {"“We are ready,” Tokayev said."};
  s.content_hash = "h1";
  return s;
}

Quote SampleQuote() {
  Quote q;
  q.text = "We are ready,";
  q.start = 1;
  q.end = 14;
  q.speaker = "Tokayev";
  q.leader_id = "kz-tokayev";
  q.method = AttributionMethod::kExplicit;
  q.cue = "said";
  return q;
}

std::string Header(const OutgoingEvent& e, const std::string& name) {
  for (const auto& [k, v] : e.headers) {
    if (k == name) return v;
  }
  return "<missing>";
}

TEST(EventTest, StoryMatchedRoundTripsThroughProtobuf) {
  KafkaConfig kafka;
  TopicResult match{"central-asia-germany", true, 2.5, {{"Berlin", MatchField::kTitle, 11, 17, "in Berlin", 0, true}}};
  const OutgoingEvent e = BuildStoryMatched(SampleStory(), {match}, {SampleQuote()}, kafka);
  EXPECT_EQ(e.topic, "newsmon.stories.v1");
  EXPECT_EQ(e.key, "story-1");
  v1::StoryMatched msg;
  ASSERT_TRUE(msg.ParseFromString(e.payload));
  EXPECT_EQ(msg.event_id(), e.event_id);
  EXPECT_EQ(msg.story().story_id(), "story-1");
  EXPECT_EQ(msg.story().feed_id(), "steppe");
  EXPECT_EQ(msg.story().title(), "Tokayev in Berlin");
  EXPECT_EQ(msg.story().published().seconds(), 1764235800);
  EXPECT_EQ(msg.story().authors(0), "A. Writer");
  ASSERT_EQ(msg.topics_size(), 1);
  EXPECT_EQ(msg.topics(0).topic_id(), "central-asia-germany");
  EXPECT_DOUBLE_EQ(msg.topics(0).score(), 2.5);
  ASSERT_EQ(msg.topics(0).terms_size(), 1);
  EXPECT_EQ(msg.topics(0).terms(0).term(), "Berlin");
  EXPECT_EQ(msg.topics(0).terms(0).field(), v1::FIELD_TITLE);
  EXPECT_EQ(msg.topics(0).terms(0).start(), 11u);
  EXPECT_EQ(msg.topics(0).terms(0).end(), 17u);
  EXPECT_EQ(msg.topics(0).terms(0).paragraph(), 0u);
  EXPECT_TRUE(msg.topics(0).terms(0).lead());
  ASSERT_EQ(msg.quotes_size(), 1);
  EXPECT_EQ(msg.quotes(0).leader_id(), "kz-tokayev");
  EXPECT_EQ(msg.quotes(0).attribution(), v1::ATTRIBUTION_METHOD_EXPLICIT);
  // Serialise again: byte-identical.
  std::string again;
  msg.SerializeToString(&again);
  EXPECT_EQ(again, e.payload);
}

TEST(EventTest, LeaderQuoteRoundTripsThroughProtobuf) {
  KafkaConfig kafka;
  const Story story = SampleStory();
  const Quote quote = SampleQuote();
  NoveltyVerdict novelty;
  novelty.is_new = true;
  novelty.first_seen = story.published;
  novelty.first_url = story.url;
  const OutgoingEvent e = BuildLeaderQuote({&story, &quote, "Kassym-Jomart Tokayev", novelty, {"cag"}, {}}, kafka);
  EXPECT_EQ(e.topic, "newsmon.quotes.v1");
  EXPECT_EQ(e.key, "kz-tokayev");
  v1::LeaderQuote msg;
  ASSERT_TRUE(msg.ParseFromString(e.payload));
  EXPECT_EQ(msg.leader_id(), "kz-tokayev");
  EXPECT_EQ(msg.leader_name(), "Kassym-Jomart Tokayev");
  EXPECT_TRUE(msg.is_new());
  EXPECT_EQ(msg.quote().text(), "We are ready,");
  EXPECT_EQ(msg.quote().speaker(), "Tokayev");
  EXPECT_EQ(msg.first_seen().seconds(), 1764235800);
  EXPECT_EQ(msg.first_seen_url(), "https://example.org/a");
  EXPECT_EQ(msg.topic_ids(0), "cag");
  EXPECT_EQ(msg.story().story_id(), "story-1");
}

TEST(EventTest, ArchivedStoryCarriesTheTextAndTheTopicsThatMatched) {
  KafkaConfig kafka;
  kafka.articles_topic = "newsmon.articles.v1";
  Story story = SampleStory();
  story.paragraphs = {"First paragraph.", "Second paragraph."};
  const OutgoingEvent e = BuildArchivedStory(story, {"central-asia-germany"}, kafka, {"c1", ""});
  EXPECT_EQ(e.topic, "newsmon.articles.v1");
  EXPECT_EQ(e.key, "story-1");
  EXPECT_EQ(Header(e, "ce_type"), "org.newsmon.story.archived.v1");
  EXPECT_EQ(Header(e, "newsmon-message"), "newsmon.v1.ArchivedStory");
  v1::ArchivedStory msg;
  ASSERT_TRUE(msg.ParseFromString(e.payload));
  EXPECT_EQ(msg.event_id(), e.event_id);
  EXPECT_EQ(msg.story().title(), "Tokayev in Berlin");
  EXPECT_EQ(msg.story().cluster_id(), "c1");
  EXPECT_EQ(msg.body(), "First paragraph.\n\nSecond paragraph.");
  ASSERT_EQ(msg.topic_ids_size(), 1);
  EXPECT_EQ(msg.topic_ids(0), "central-asia-germany");
  // Same content, same id; edited content, another.
  EXPECT_EQ(BuildArchivedStory(story, {}, kafka).event_id, e.event_id);
  story.content_hash = "h2";
  EXPECT_NE(BuildArchivedStory(story, {}, kafka).event_id, e.event_id);
}

TEST(EventTest, CloudEventsHeadersInBinaryMode) {
  KafkaConfig kafka;
  kafka.source = "urn:test";
  const OutgoingEvent e = BuildStoryMatched(SampleStory(), {{"t", true, 1, {}}}, {}, kafka);
  EXPECT_EQ(Header(e, "ce_specversion"), "1.0");
  EXPECT_EQ(Header(e, "ce_id"), e.event_id);
  EXPECT_EQ(Header(e, "ce_source"), "urn:test/feeds/steppe");
  EXPECT_EQ(Header(e, "ce_type"), "org.newsmon.story.matched.v1");
  EXPECT_EQ(Header(e, "ce_time"), "2025-11-27T09:30:00Z");
  EXPECT_EQ(Header(e, "content-type"), "application/protobuf");
  EXPECT_EQ(Header(e, "newsmon-message"), "newsmon.v1.StoryMatched");
}

TEST(EventTest, EventsAreDeterministicAndChangeWithContent) {
  KafkaConfig kafka;
  Story story = SampleStory();
  const OutgoingEvent a = BuildStoryMatched(story, {{"t", true, 1, {}}}, {}, kafka);
  const OutgoingEvent b = BuildStoryMatched(story, {{"t", true, 1, {}}}, {}, kafka);
  EXPECT_EQ(a.event_id, b.event_id);
  EXPECT_EQ(a.key, b.key);
  EXPECT_EQ(a.payload, b.payload);
  EXPECT_EQ(a.headers, b.headers);
  story.content_hash = "h2";  // the publisher edited the story
  const OutgoingEvent c = BuildStoryMatched(story, {{"t", true, 1, {}}}, {}, kafka);
  EXPECT_NE(a.event_id, c.event_id);
  EXPECT_EQ(a.key, c.key);  // same story, same key: consumers can compact
}

TEST(EventTest, InvalidUtf8NeverReachesProtobufStrings) {
  KafkaConfig kafka;
  Story story = SampleStory();
  story.title = "bad \xC3\x28 byte";
  const OutgoingEvent e = BuildStoryMatched(story, {{"t", true, 1, {}}}, {}, kafka);
  v1::StoryMatched msg;
  ASSERT_TRUE(msg.ParseFromString(e.payload));
  EXPECT_EQ(msg.story().title(), "bad \xEF\xBF\xBD( byte");
}

}  // namespace
}  // namespace newsmon
