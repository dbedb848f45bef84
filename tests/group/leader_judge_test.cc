// Group mode's leader judge, without a cluster: candidates as the emit step
// builds them get the verdicts the single instance gives, and the history
// changelog's records restore a judge that goes on where the last one stopped.
#include "group/leader_judge.h"

#include <gtest/gtest.h>

#include "emit/event.h"
#include "newsmon/v1/events.pb.h"
#include "util/time.h"

namespace newsmon::group {
namespace {

Story StoryWith(const std::string& id, const std::string& url, const std::string& text) {
  Story s;
  s.id = id;
  s.feed_id = "wire-" + id;
  s.item_id = "guid-" + id;
  s.url = url;
  s.canonical_url = url;
  s.published = ParseRfc3339("2026-12-01T08:00:00Z");
  s.paragraphs = {"\u201c" + text + ",\u201d the president said."};
  s.content_hash = "h-" + id;
  return s;
}

Quote QuoteOf(const std::string& text) {
  Quote q;
  q.text = text;
  q.start = 1;
  q.end = static_cast<uint32_t>(text.size() + 1);
  q.leader_id = "xx-president";
  q.cue = "said";
  return q;
}

// A candidate exactly as EmitStep sends it in group mode.
std::string Candidate(const Story& story, const Quote& quote, const StoryLinks& links = {}) {
  LeaderQuoteInput in{&story, &quote, "A. President", {}, {"watch"}, links};
  in.novelty.first_seen = story.published;
  return BuildLeaderQuote(in, KafkaConfig{}).payload;
}

v1::LeaderQuote Parse(const std::string& payload) {
  v1::LeaderQuote msg;
  EXPECT_TRUE(msg.ParseFromString(payload));
  return msg;
}

TEST(LeaderJudge, AQuoteIsNewOnceAndItsRepeatNamesWhereItWasFirstSeen) {
  LeaderHistories histories;
  const Story first = StoryWith("a", "https://one.example/a", "The border stays open to trade");
  const Story later = StoryWith("b", "https://two.example/b", "The border stays open to trade");
  auto j1 = JudgeCandidate(Candidate(first, QuoteOf("The border stays open to trade")), histories);
  ASSERT_TRUE(j1.ok()) << j1.error().message;
  EXPECT_TRUE(j1->is_new);
  const v1::LeaderQuote m1 = Parse(j1->payload);
  EXPECT_TRUE(m1.is_new());
  EXPECT_EQ(m1.first_seen_url(), "https://one.example/a");
  EXPECT_EQ(m1.first_seen().seconds(), first.published->time_since_epoch().count());

  auto j2 = JudgeCandidate(Candidate(later, QuoteOf("The border stays open to trade")), histories);
  ASSERT_TRUE(j2.ok());
  EXPECT_FALSE(j2->is_new);
  const v1::LeaderQuote m2 = Parse(j2->payload);
  EXPECT_FALSE(m2.is_new());
  EXPECT_EQ(m2.similar_quote_id(), m1.quote().quote_id());
  EXPECT_EQ(m2.first_seen_url(), "https://one.example/a");
  // Everything but the verdict is the candidate's.
  EXPECT_EQ(m2.event_id(), Parse(Candidate(later, QuoteOf("The border stays open to trade"))).event_id());
  EXPECT_EQ(m2.story().story_id(), "b");
}

TEST(LeaderJudge, AReprintedStoryMakesNoQuoteNew) {
  LeaderHistories histories;
  const Story copy = StoryWith("c", "https://copy.example/c", "Talks resume in spring");
  auto j = JudgeCandidate(Candidate(copy, QuoteOf("Talks resume in spring"), {"a", "a"}), histories);
  ASSERT_TRUE(j.ok());
  EXPECT_FALSE(j->is_new);
  EXPECT_DOUBLE_EQ(Parse(j->payload).similarity(), 1.0);
}

TEST(LeaderJudge, GivesTheSingleInstancesVerdictsOnTheSameSequence) {
  const std::vector<std::string> texts = {
      "We will build the corridor together",  "We will build the corridor together with our partners",
      "Energy prices must come down",         "we will build the corridor together",
      "Sanctions hurt those who impose them", "Energy prices must come down this winter"};
  LeaderHistories histories;
  QuoteHistoryIndex reference;
  for (size_t i = 0; i < texts.size(); ++i) {
    const Story s = StoryWith(std::to_string(i), "https://n.example/" + std::to_string(i), texts[i]);
    const Quote q = QuoteOf(texts[i]);
    auto j = JudgeCandidate(Candidate(s, q), histories);
    ASSERT_TRUE(j.ok());
    const NoveltyVerdict v = JudgeAndRecord(reference, {QuoteId(s, q), q.text, *s.published, s.canonical_url}, false);
    EXPECT_EQ(j->is_new, v.is_new) << texts[i];
    EXPECT_EQ(Parse(j->payload).similar_quote_id(), v.similar_quote_id) << texts[i];
  }
}

TEST(LeaderJudge, ARestoredHistoryJudgesAsTheOneItWasWrittenFrom) {
  LeaderHistories judge;
  std::vector<std::string> changelog;
  for (const char* text : {"Our door is open", "The pipeline will be finished next year"}) {
    const Story s = StoryWith(text, std::string("https://x.example/") + text, text);
    auto j = JudgeCandidate(Candidate(s, QuoteOf(text)), judge);
    ASSERT_TRUE(j.ok());
    changelog.push_back(EncodeHistoryRecord(j->record));
  }
  LeaderHistories next_owner;
  for (const std::string& record : changelog) {
    auto r = DecodeHistoryRecord(record);
    ASSERT_TRUE(r.ok()) << r.error().message;
    Restore(next_owner, std::move(*r));
  }
  ASSERT_EQ(next_owner.by_leader.size(), 1u);
  EXPECT_EQ(next_owner.by_leader.at("xx-president").size(), 2u);
  const Story again = StoryWith("z", "https://z.example/z", "Our door is open");
  auto j = JudgeCandidate(Candidate(again, QuoteOf("Our door is open")), next_owner);
  ASSERT_TRUE(j.ok());
  EXPECT_FALSE(j->is_new) << "the quote judged by the last owner is not new to the next";
}

TEST(LeaderJudge, ACandidateJudgedBeforeIsNotPublishedAgain) {
  LeaderHistories histories;
  const Story s = StoryWith("r", "https://r.example/r", "We stay the course");
  const std::string candidate = Candidate(s, QuoteOf("We stay the course"));
  auto first = JudgeCandidate(candidate, histories);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->already_judged);
  EXPECT_TRUE(first->is_new);
  // Sent again by the feed's next owner, or consumed again after a crash.
  auto again = JudgeCandidate(candidate, histories);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_judged);
  EXPECT_TRUE(again->payload.empty());
  // Also by the partition's next judge, which knows it from the changelog.
  LeaderHistories next_owner;
  Restore(next_owner, first->record);
  Restore(next_owner, first->record);  // before compaction a record may be there twice
  EXPECT_EQ(next_owner.by_leader.at("xx-president").size(), 1u);
  auto there = JudgeCandidate(candidate, next_owner);
  ASSERT_TRUE(there.ok());
  EXPECT_TRUE(there->already_judged);
}

TEST(LeaderJudge, QuotesOlderThanTheRetentionAreForgotten) {
  LeaderHistories histories;
  const Story s = StoryWith("o", "https://o.example/o", "Old words");  // first seen 2026-12-01
  ASSERT_TRUE(JudgeCandidate(Candidate(s, QuoteOf("Old words")), histories).ok());
  EXPECT_EQ(histories.Expire(*ParseRfc3339("2026-11-30T00:00:00Z")), 0u);
  EXPECT_EQ(histories.Expire(*ParseRfc3339("2026-12-02T00:00:00Z")), 1u);
  EXPECT_TRUE(histories.judged.empty());
  const Story later = StoryWith("p", "https://p.example/p", "Old words");
  auto j = JudgeCandidate(Candidate(later, QuoteOf("Old words")), histories);
  ASSERT_TRUE(j.ok());
  EXPECT_TRUE(j->is_new) << "past the novelty horizon a quote is new again, as on a single instance";
}

TEST(LeaderJudge, HistoryRecordsRoundTripAndRejectMalformedOnes) {
  HistoryRecord r{"xx-president", {"q1", "Peace \u201cnow\u201d", *ParseRfc3339("2026-12-07T10:00:00Z"), "https://u"}};
  auto back = DecodeHistoryRecord(EncodeHistoryRecord(r));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->leader_id, r.leader_id);
  EXPECT_EQ(back->prior.quote_id, "q1");
  EXPECT_EQ(back->prior.text, r.prior.text);
  EXPECT_EQ(back->prior.first_seen, r.prior.first_seen);
  EXPECT_EQ(back->prior.url, "https://u");
  for (const char* bad :
       {"", "{", "[]", R"({"v":2})", R"({"v":1,"leader_id":"x"})",
        R"({"v":1,"leader_id":"","quote_id":"q","text":"t","first_seen":"2026-12-07T10:00:00Z","url":""})",
        R"({"v":1,"leader_id":"x","quote_id":"q","text":"t","first_seen":"yesterday","url":""})",
        R"({"v":1,"leader_id":"x","quote_id":"q","text":7,"first_seen":"2026-12-07T10:00:00Z","url":""})"}) {
    EXPECT_FALSE(DecodeHistoryRecord(bad).ok()) << bad;
  }
}

TEST(LeaderJudge, RefusesCandidatesThatAreNotLeaderQuotes) {
  LeaderHistories histories;
  EXPECT_FALSE(JudgeCandidate("not protobuf \xff\xff", histories).ok());
  EXPECT_FALSE(JudgeCandidate("", histories).ok()) << "an empty LeaderQuote has no leader";
  v1::LeaderQuote no_text;
  no_text.set_leader_id("xx-president");
  no_text.mutable_quote()->set_quote_id("q");
  EXPECT_FALSE(JudgeCandidate(no_text.SerializeAsString(), histories).ok());
  EXPECT_TRUE(histories.judged.empty()) << "nothing judged, nothing recorded";
}

}  // namespace
}  // namespace newsmon::group
