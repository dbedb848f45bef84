#include <gtest/gtest.h>

#include "article/story.h"

namespace newsmon {
namespace {

feed::FeedEntry Entry(std::string summary, std::string content) {
  feed::FeedEntry e;
  e.id = "1";
  e.summary_text = std::move(summary);
  e.content_text = std::move(content);
  return e;
}

std::string Words(size_t n) {
  std::string s;
  while (s.size() < n) s += "word after word, sentence after sentence. ";
  return s;
}

TEST(EntryLooksTruncated, ShortTeaserIsTruncated) {
  EXPECT_TRUE(EntryLooksTruncated(Entry("A short teaser about the story.", "")));
  EXPECT_TRUE(EntryLooksTruncated(Entry("", "")));
}

TEST(EntryLooksTruncated, ContinuationMarkersAtTheEnd) {
  EXPECT_TRUE(EntryLooksTruncated(Entry("", Words(2000) + " [\u2026]")));
  EXPECT_TRUE(EntryLooksTruncated(Entry("", Words(2000) + " Continue reading")));
  EXPECT_TRUE(EntryLooksTruncated(Entry("", Words(2000) + "...")));
}

TEST(EntryLooksTruncated, FullContentIsNotTruncated) {
  EXPECT_FALSE(EntryLooksTruncated(Entry("teaser", Words(800) + "\n" + Words(800))));
  // The WordPress footer is not a truncation mark, nor does it make text long.
  EXPECT_FALSE(EntryLooksTruncated(Entry("", Words(1500) + "\nThe post Story appeared first on Site.")));
  EXPECT_TRUE(EntryLooksTruncated(Entry("", "Short.\nThe post Story appeared first on Site.")));
}

TEST(EntryLooksTruncated, OneParagraphSummaryAloneIsALede) {
  EXPECT_TRUE(EntryLooksTruncated(Entry(Words(900), "")));
  EXPECT_FALSE(EntryLooksTruncated(Entry(Words(3000), "")));
}

TEST(MakeStory, ArticleFillsTheStory) {
  feed::FeedEntry e = Entry("teaser", "");
  e.link = "https://x.example/a";
  Article a;
  a.paragraphs = {"one", "two"};
  a.language = "de";
  Story s = MakeStory("feed", "en", e, &a);
  EXPECT_TRUE(s.article_fetched);
  EXPECT_EQ(s.BodyText(), "one\n\ntwo");
  EXPECT_EQ(s.language, "de");
  EXPECT_EQ(s.canonical_url, "https://x.example/a");
}

}  // namespace
}  // namespace newsmon
