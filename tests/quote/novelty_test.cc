// Novelty of a leader's quote against history, and within-story dedupe.
#include <gtest/gtest.h>

#include "quote/novelty.h"
#include "quote/quote.h"

namespace newsmon {
namespace {

std::vector<PriorQuote> History() {
  return {
      {"q1", "We will double the capacity of the northern corridor by the end of next year.", {}, "https://a/1"},
      {"q2", "Water is the main question for the whole region.", {}, "https://a/2"},
  };
}

TEST(Novelty, UnrelatedIsNew) {
  NoveltyVerdict v = JudgeNovelty("Our universities will open three new campuses abroad.", History());
  EXPECT_TRUE(v.is_new);
  EXPECT_LT(v.similarity, kNearDuplicate);
}

TEST(Novelty, EmptyHistoryIsNew) { EXPECT_TRUE(JudgeNovelty("Anything at all.", {}).is_new); }

TEST(Novelty, ExactRepeatIsNotNew) {
  NoveltyVerdict v = JudgeNovelty("Water is the main question for the whole region.", History());
  EXPECT_FALSE(v.is_new);
  EXPECT_EQ(v.similar_quote_id, "q2");
  EXPECT_DOUBLE_EQ(v.similarity, 1.0);
  EXPECT_EQ(v.first_url, "https://a/2");
}

TEST(Novelty, CaseAndPunctuationFolding) {
  NoveltyVerdict v = JudgeNovelty("„WATER is the main question — for the whole region!“", History());
  EXPECT_FALSE(v.is_new);
  EXPECT_EQ(v.similar_quote_id, "q2");
}

TEST(Novelty, PartialOfEarlierFullQuoteIsNotNew) {
  NoveltyVerdict v = JudgeNovelty("double the capacity of the northern corridor", History());
  EXPECT_FALSE(v.is_new);
  EXPECT_EQ(v.similar_quote_id, "q1");
}

TEST(Novelty, ContainmentNeedsWholeWords) {
  // "region" is in q2, but "regional" is a different word.
  NoveltyVerdict v = JudgeNovelty("regional", History());
  EXPECT_TRUE(v.is_new);
}

TEST(Novelty, NearDuplicateWithMinorEdits) {
  NoveltyVerdict v =
      JudgeNovelty("We will double the capacity of the northern corridor by the end of the next year", History());
  EXPECT_FALSE(v.is_new);
  EXPECT_EQ(v.similar_quote_id, "q1");
  EXPECT_GE(v.similarity, kNearDuplicate);
}

TEST(Novelty, LongerQuoteWithNewContentIsNew) {
  NoveltyVerdict v = JudgeNovelty(
      "Water is the main question for the whole region, and we will build four new dams with our neighbours "
      "before the end of the decade.",
      History());
  EXPECT_TRUE(v.is_new);
  EXPECT_EQ(v.similar_quote_id, "q2");
}

TEST(Novelty, Normalize) {
  EXPECT_EQ(NormalizeQuoteText("  “Don’t   STOP,” she said!  "), "dont stop she said");
  EXPECT_EQ(NormalizeQuoteText("«Мы — вместе»"), "мы вместе");
  EXPECT_EQ(NormalizeQuoteText(""), "");
}

Quote Q(std::string text, std::string speaker) {
  Quote q;
  q.text = std::move(text);
  q.speaker = std::move(speaker);
  return q;
}

TEST(DedupeWithinStory, PartialRepeatOfFullQuoteCollapses) {
  std::vector<Quote> quotes = {Q("new level", "Kassym-Jomart Tokayev"),
                               Q("We will lift our relations to a new level, and quickly.", "Kassym-Jomart Tokayev"),
                               Q("a new level", "Olaf Scholz")};
  DedupeWithinStory(quotes);
  ASSERT_EQ(quotes.size(), 2u);
  EXPECT_EQ(quotes[0].text, "We will lift our relations to a new level, and quickly.");
  EXPECT_EQ(quotes[1].speaker, "Olaf Scholz");  // another speaker's words stay
}

TEST(DedupeWithinStory, SameWordsTwiceKeepFirst) {
  std::vector<Quote> quotes = {Q("Never again.", "Ann Lee"), Q("never again", "Ann Lee"), Q("Later.", "Ann Lee")};
  DedupeWithinStory(quotes);
  ASSERT_EQ(quotes.size(), 2u);
  EXPECT_EQ(quotes[0].text, "Never again.");
  EXPECT_EQ(quotes[1].text, "Later.");
}

}  // namespace
}  // namespace newsmon
