// Explanations: the occurrences that made the verdict, with snippets.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "match_test_util.h"

namespace newsmon::testing {
namespace {

TEST(ExplainTest, ListsTheOccurrencesThatFired) {
  TopicResult r = MatchOne("(russia OR moscow) AND sanction* NOT iran", "Russia hit",
                           "The first paragraph is about nothing in particular today.\n\nMoscow answered new sanctions "
                           "with a ban on imports of fruit.");
  ASSERT_TRUE(r.matched);
  ASSERT_EQ(r.terms.size(), 3u);
  EXPECT_EQ(r.terms[0].term, "russia");
  EXPECT_EQ(r.terms[0].field, MatchField::kTitle);
  EXPECT_EQ(r.terms[0].snippet, "Russia hit");
  EXPECT_EQ(r.terms[1].term, "moscow");
  EXPECT_EQ(r.terms[1].field, MatchField::kBody);
  EXPECT_EQ(r.terms[1].snippet, "nothing in particular today. Moscow answered new sanctions with");
  EXPECT_EQ(r.terms[2].term, "sanction*");
  EXPECT_EQ(r.terms[2].snippet, "today. Moscow answered new sanctions with a ban on");
}

TEST(ExplainTest, HitsNameTheirParagraphAndWhetherInTheLead) {
  std::string filler;
  for (int i = 0; i < 30; ++i) filler += "word ";
  TopicResult r = MatchOne("russia OR sanction*", "Russia", filler + "sanctions\n\nRussia again");
  ASSERT_TRUE(r.matched);
  ASSERT_EQ(r.terms.size(), 3u);
  EXPECT_EQ(r.terms[0].paragraph, 0u);
  EXPECT_TRUE(r.terms[0].lead);
  EXPECT_EQ(r.terms[1].paragraph, 1u);
  EXPECT_TRUE(r.terms[1].lead);
  EXPECT_EQ(r.terms[2].paragraph, 2u);
  EXPECT_FALSE(r.terms[2].lead);
}

TEST(ExplainTest, NotNearExplainsOnlyTheKeptOccurrences) {
  TopicResult r =
      MatchOne("sanction* NOT NEAR/3 iran", "", "Sanctions on Iran. Then, much later on, new sanctions on Russia.");
  ASSERT_TRUE(r.matched);
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(r.terms[0].term, "sanction*");
  EXPECT_EQ(r.terms[0].start, 44u);
}

TEST(ExplainTest, UnmatchedTopicsCarryNoTerms) {
  TopicResult r = MatchOne("russia AND sanctions", "", "Russia only");
  EXPECT_FALSE(r.matched);
  EXPECT_TRUE(r.terms.empty());
}

TEST(ExplainTest, ProximityExplainsOnlyThePartners) {
  TopicResult r =
      MatchOne("kazakhstan NEAR/2 germany", "", "Kazakhstan alone here. Then far later Kazakhstan and Germany.");
  ASSERT_TRUE(r.matched);
  ASSERT_EQ(r.terms.size(), 2u);
  EXPECT_EQ(r.terms[0].term, "kazakhstan");
  EXPECT_EQ(r.terms[0].start, 38u);
  EXPECT_EQ(r.terms[1].term, "germany");
}

TEST(ExplainTest, FalseBranchesAreNotExplained) {
  TopicResult r = MatchOne("(iran AND venezuela) OR russia", "", "Iran and Russia");
  ASSERT_TRUE(r.matched);
  ASSERT_EQ(r.terms.size(), 1u);
  EXPECT_EQ(r.terms[0].term, "russia");
}

TEST(ExplainTest, ExplanationsAreBounded) {
  std::string body;
  for (int i = 0; i < 5000; ++i) body += "russia ";
  TopicResult r = MatchOne("russia", "", body);
  ASSERT_TRUE(r.matched);
  EXPECT_EQ(r.score, 5000);
  EXPECT_EQ(r.terms.size(), Matcher::kMaxExplainedHits);
}

TEST(ExplainTest, ConcurrentMatchingGivesTheSameAnswers) {
  auto m = CompileOrDie({Topic("a", "russia NEAR/3 sanctions"), Topic("b", "kazakhstan NEAR/para germany")});
  ASSERT_NE(m, nullptr);
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const bool even = (i + t) % 2 == 0;
        auto r = m->Match({"", even ? "Russia faces sanctions" : "Kazakhstan and Germany"});
        if (r[0].matched != even || r[1].matched == even) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace newsmon::testing
