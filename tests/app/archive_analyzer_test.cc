// The analyzer role rebuilds each story from its archive record: the same
// story, so its events get the ids a single instance gives them.
#include "app/archive_analyzer.h"

#include <gtest/gtest.h>

#include "emit/event.h"
#include "newsmon/v1/events.pb.h"
#include "util/time.h"

namespace newsmon {
namespace {

TEST(ArchiveAnalyzer, AStoryRoundTripsThroughItsArchiveRecord) {
  Story story;
  story.id = "s-1";
  story.feed_id = "wire";
  story.item_id = "guid-1";
  story.url = "https://wire.example/a?x=1";
  story.canonical_url = "https://wire.example/a";
  story.title = "Talks in Astana";
  story.authors = {"A. Writer", "B. Reporter"};
  story.published = ParseRfc3339("2026-12-01T08:00:00Z");
  story.updated = ParseRfc3339("2026-12-01T09:30:00Z");
  story.language = "en";
  story.paragraphs = {"First paragraph.", "\u201cWe agree,\u201d the minister said.", "Last one."};
  story.content_hash = "abc123";
  story.article_fetched = true;
  KafkaConfig kafka;
  kafka.articles_topic = "newsmon.articles.v1";
  v1::ArchivedStory record;
  ASSERT_TRUE(record.ParseFromString(BuildArchivedStory(story, {"watch"}, kafka).payload));
  const Story back = StoryFromArchived(record);
  EXPECT_EQ(back.id, story.id);
  EXPECT_EQ(back.feed_id, story.feed_id);
  EXPECT_EQ(back.item_id, story.item_id);
  EXPECT_EQ(back.url, story.url);
  EXPECT_EQ(back.canonical_url, story.canonical_url);
  EXPECT_EQ(back.title, story.title);
  EXPECT_EQ(back.authors, story.authors);
  EXPECT_EQ(back.published, story.published);
  EXPECT_EQ(back.updated, story.updated);
  EXPECT_EQ(back.language, story.language);
  EXPECT_EQ(back.paragraphs, story.paragraphs);
  EXPECT_EQ(back.BodyText(), story.BodyText()) << "quote offsets refer to it";
  EXPECT_EQ(back.content_hash, story.content_hash);
  EXPECT_TRUE(back.article_fetched);
  // The same story, the same event ids.
  const Quote q{};
  EXPECT_EQ(QuoteId(back, q), QuoteId(story, q));
}

TEST(ArchiveAnalyzer, AStoryWithoutBodyHasNoParagraphs) {
  v1::ArchivedStory record;
  record.mutable_story()->set_story_id("s-2");
  EXPECT_TRUE(StoryFromArchived(record).paragraphs.empty());
  EXPECT_FALSE(StoryFromArchived(record).published.has_value());
}

}  // namespace
}  // namespace newsmon
