// Semantics of each rule operator, on small stories written for the test.
#include <gtest/gtest.h>

#include "match_test_util.h"

namespace newsmon::testing {
namespace {

TEST(OperatorsTest, TermMatchesWholeWordsOnly) {
  EXPECT_TRUE(Matches("embargo", "The embargo holds."));
  EXPECT_FALSE(Matches("embargo", "The embargoes hold."));
  EXPECT_FALSE(Matches("cap", "A capital idea."));
  EXPECT_FALSE(Matches("ban", "Urban planning."));
}

TEST(OperatorsTest, PrefixWildcard) {
  EXPECT_TRUE(Matches("sanction*", "New sanctions were announced."));
  EXPECT_TRUE(Matches("sanction*", "They sanctioned two banks."));
  EXPECT_TRUE(Matches("sanction*", "A sanction."));
  EXPECT_FALSE(Matches("sanction*", "Unsanctioned meetings."));
  EXPECT_FALSE(Matches("sanction*", "The sanctity of law."));
}

TEST(OperatorsTest, PhraseNeedsAdjacentWordsInOrder) {
  EXPECT_TRUE(Matches("\"price cap\"", "The oil price cap was lowered."));
  EXPECT_TRUE(Matches("\"price cap\"", "The price-cap coalition met."));
  EXPECT_FALSE(Matches("\"price cap\"", "The cap on the price was lowered."));
  EXPECT_FALSE(Matches("\"price cap\"", "A price, then a hat: cap."));
  EXPECT_FALSE(Matches("\"price cap\"", "The price caps were lowered."));
  EXPECT_TRUE(Matches("\"price cap*\"", "The price caps were lowered."));
}

TEST(OperatorsTest, PhraseDoesNotCrossParagraphs) {
  EXPECT_FALSE(Matches("\"oil price\"", "They sold oil\n\nPrice talks resumed."));
  EXPECT_TRUE(Matches("\"oil price\"", "They sold oil\nprice talks resumed."));
  // The title is a paragraph of its own, and the last word of one.
  EXPECT_FALSE(MatchOne("\"oil price\"", "Exports of oil", "Price talks resumed.").matched);
  EXPECT_TRUE(MatchOne("\"oil price\"", "Exports of oil", "The oil price fell.").matched);
  // A prefix phrase, and a phrase whose words repeat across the break.
  EXPECT_FALSE(Matches("\"price cap*\"", "A price\n\nCaps were lowered."));
  EXPECT_TRUE(Matches("\"oil oil\"", "oil\n\noil oil"));
  EXPECT_FALSE(Matches("\"oil oil\"", "oil\n\noil"));
}

TEST(OperatorsTest, ExactAndPrefixOfTheSameWord) {
  // Two literals of the scan (" state " and " state"): each keeps its meaning.
  EXPECT_TRUE(Matches("state AND state*", "The state issued a statement."));
  EXPECT_FALSE(Matches("state AND NOT state*", "The state issued a statement."));
  EXPECT_TRUE(Matches("state* AND NOT state", "A statement was issued."));
  EXPECT_FALSE(Matches("state", "A statement was issued."));
  EXPECT_TRUE(Matches("COUNT>=2(state*)", "The state issued a statement."));
  EXPECT_FALSE(Matches("COUNT>=2(state)", "The state issued a statement."));
}

TEST(OperatorsTest, AndOrNotAndImplicitAnd) {
  const std::string text = "Russia faces new sanctions over the war.";
  EXPECT_TRUE(Matches("russia AND sanctions", text));
  EXPECT_TRUE(Matches("russia sanctions", text));
  EXPECT_FALSE(Matches("russia AND iran", text));
  EXPECT_TRUE(Matches("iran OR russia", text));
  EXPECT_FALSE(Matches("iran OR venezuela", text));
  EXPECT_TRUE(Matches("russia NOT iran", text));
  EXPECT_TRUE(Matches("russia AND NOT iran", text));
  EXPECT_FALSE(Matches("russia AND NOT sanctions", text));
  EXPECT_TRUE(Matches("NOT iran", text));
  EXPECT_FALSE(Matches("NOT russia", text));
}

TEST(OperatorsTest, PrecedenceAndParentheses) {
  // AND binds tighter than OR: a OR (b AND c).
  EXPECT_TRUE(Matches("russia OR iran AND venezuela", "Russia only."));
  EXPECT_FALSE(Matches("(russia OR iran) AND venezuela", "Russia only."));
  EXPECT_TRUE(Matches("(russia OR iran) AND venezuela", "Iran and Venezuela."));
  EXPECT_TRUE(Matches("NOT (iran OR venezuela) russia", "Russia only."));
  EXPECT_FALSE(Matches("NOT (iran OR venezuela) russia", "Russia and Iran."));
}

TEST(OperatorsTest, LowercaseOperatorsAreTerms) {
  EXPECT_FALSE(Matches("russia and iran", "Russia, Iran."));
  EXPECT_TRUE(Matches("russia and iran", "Russia and Iran."));
}

TEST(OperatorsTest, NearCountsWordsBetween) {
  // NEAR/n: at most n words between the two.
  EXPECT_TRUE(Matches("kazakhstan NEAR/0 germany", "Kazakhstan Germany"));
  EXPECT_FALSE(Matches("kazakhstan NEAR/0 germany", "Kazakhstan and Germany"));
  EXPECT_TRUE(Matches("kazakhstan NEAR/3 germany", "Kazakhstan one two three Germany"));
  EXPECT_FALSE(Matches("kazakhstan NEAR/3 germany", "Kazakhstan one two three four Germany"));
  // Order does not matter, and punctuation is not a word.
  EXPECT_TRUE(Matches("kazakhstan NEAR/3 germany", "Germany -- one, two, three -- Kazakhstan"));
  EXPECT_FALSE(Matches("kazakhstan NEAR/3 germany", "Germany one two three four, Kazakhstan"));
}

TEST(OperatorsTest, NearMeasuresFromPhraseEnds) {
  EXPECT_TRUE(Matches("\"central asia\" NEAR/1 germany", "Central Asia and Germany"));
  EXPECT_TRUE(Matches("germany NEAR/1 \"central asia\"", "Germany and Central Asia"));
  EXPECT_FALSE(Matches("\"central asia\" NEAR/1 germany", "Central Asia and then Germany"));
}

TEST(OperatorsTest, NearWorksOnGroups) {
  const std::string rule = "(kazakhstan OR uzbekistan) NEAR/2 (germany OR berlin)";
  EXPECT_TRUE(Matches(rule, "Uzbekistan signs with Berlin"));
  EXPECT_FALSE(Matches(rule, "Uzbekistan signs a deal with Berlin"));
  EXPECT_TRUE(Matches("(a1 AND b1) NEAR/1 c1", "b1 x c1 and much later a1"));
  EXPECT_FALSE(Matches("(a1 AND b1) NEAR/1 c1", "b1 x y c1 and much later a1"));
}

TEST(OperatorsTest, NearNeedsTwoOccurrencesOfTheSameTerm) {
  EXPECT_FALSE(Matches("russia NEAR/3 russia", "Russia said"));
  EXPECT_TRUE(Matches("russia NEAR/3 russia", "Russia said Russia"));
}

TEST(OperatorsTest, NearParaMeansSameParagraph) {
  const std::string rule = "kazakhstan NEAR/para germany";
  EXPECT_TRUE(Matches(rule, "Intro.\n\nKazakhstan and, after many words about many things, Germany.\n\nEnd."));
  EXPECT_FALSE(Matches(rule, "Kazakhstan news.\n\nGermany news."));
  EXPECT_FALSE(Matches(rule, "Kazakhstan news.\n \t\nGermany news."));
  EXPECT_TRUE(Matches(rule, "Kazakhstan news.\nGermany news."));
  // The title is its own paragraph.
  EXPECT_FALSE(MatchOne(rule, "Kazakhstan today", "Germany tomorrow").matched);
  EXPECT_TRUE(MatchOne(rule, "Kazakhstan and Germany", "").matched);
}

TEST(OperatorsTest, NearDoesNotCrossFromTitleToBody) {
  EXPECT_FALSE(MatchOne("kazakhstan NEAR/5 germany", "News from Kazakhstan", "Germany said").matched);
  EXPECT_TRUE(MatchOne("kazakhstan AND germany", "News from Kazakhstan", "Germany said").matched);
}

TEST(OperatorsTest, FieldScope) {
  EXPECT_TRUE(MatchOne("title:russia", "Russia acts", "Nothing here").matched);
  EXPECT_FALSE(MatchOne("title:russia", "Nothing here", "Russia acts").matched);
  EXPECT_TRUE(MatchOne("body:russia", "Nothing here", "Russia acts").matched);
  EXPECT_FALSE(MatchOne("body:russia", "Russia acts", "Nothing here").matched);
  EXPECT_TRUE(MatchOne("title:(russia OR iran) sanctions", "Iran vote", "New sanctions").matched);
  EXPECT_FALSE(MatchOne("title:(russia sanctions)", "Russia vote", "New sanctions").matched);
  EXPECT_TRUE(MatchOne("russia NOT title:iran", "Russia vote", "Iran too").matched);
  EXPECT_FALSE(MatchOne("russia NOT title:iran", "Iran vote", "Russia too").matched);
}

TEST(OperatorsTest, MinimumCount) {
  EXPECT_FALSE(Matches("COUNT>=3(russia)", "Russia. Russia."));
  EXPECT_TRUE(Matches("COUNT>=3(russia)", "Russia. Russia. Russia."));
  // Occurrences of all the group's terms count together.
  EXPECT_TRUE(Matches("COUNT>=3(russia OR moscow OR kremlin)", "Russia. Moscow. Kremlin."));
  EXPECT_TRUE(Matches("COUNT>=2(russia*) sanctions", "Russia and Russian sanctions"));
  EXPECT_FALSE(Matches("COUNT>=2(russia*) sanctions", "Russian sanctions"));
  EXPECT_TRUE(MatchOne("COUNT>=2(body:russia)", "Russia", "Russia and Russia").matched);
  EXPECT_FALSE(MatchOne("COUNT>=2(body:russia)", "Russia", "Russia").matched);
}

TEST(OperatorsTest, ThresholdOnWeightedTerms) {
  const std::string rule = "sanction*^2 OR embargo^1 OR \"price cap\"^3";
  EXPECT_FALSE(MatchOne(rule, "", "An embargo.", 3).matched);
  EXPECT_EQ(MatchOne(rule, "", "An embargo.", 3).score, 1);
  EXPECT_TRUE(MatchOne(rule, "", "An embargo and sanctions.", 3).matched);
  EXPECT_EQ(MatchOne(rule, "", "An embargo and sanctions.", 3).score, 3);
  EXPECT_TRUE(MatchOne(rule, "", "A price cap.", 3).matched);
  // Every occurrence counts.
  EXPECT_EQ(MatchOne(rule, "", "Sanctions, sanctions, sanctioned.", 3).score, 6);
  // Unweighted terms weigh 1 each occurrence.
  EXPECT_EQ(MatchOne("russia OR moscow", "", "Russia, Moscow, Russia.").score, 3);
}

TEST(OperatorsTest, NegativeWeightsLowerTheScore) {
  const std::string rule = "sanction*^2 OR iran^-3";
  EXPECT_TRUE(MatchOne(rule, "", "Sanctions again.", 2).matched);
  EXPECT_FALSE(MatchOne(rule, "", "Sanctions on Iran.", 2).matched);
  EXPECT_EQ(MatchOne(rule, "", "Sanctions on Iran.", 2).score, -1);
}

TEST(OperatorsTest, WeightsCombineWithBooleanGroups) {
  // Russia must be there; the sanctions vocabulary must weigh at least 4.
  const std::string rule = "russia* AND (sanction*^2 OR embargo^1 OR \"export control*\"^3)";
  EXPECT_FALSE(MatchOne(rule, "", "Sanctions and export controls on Iran.", 4).matched);
  EXPECT_FALSE(MatchOne(rule, "", "Russia faces sanctions.", 4).matched);
  EXPECT_TRUE(MatchOne(rule, "", "Russia faces sanctions and export controls.", 4).matched);
  EXPECT_EQ(MatchOne(rule, "", "Russia faces sanctions and export controls.", 4).score, 6);
  // A weighted group: each occurrence of any of its terms weighs 2.
  EXPECT_EQ(MatchOne("(russia OR moscow)^2", "", "Russia and Moscow").score, 4);
}

TEST(OperatorsTest, ThresholdZeroIsBooleanOnly) { EXPECT_TRUE(MatchOne("sanction*^-5", "", "Sanctions.", 0).matched); }

TEST(OperatorsTest, EveryTopicGetsAResultInOrder) {
  auto m = CompileOrDie({Topic("a", "russia"), Topic("b", "NOT iran"), Topic("c", "iran")});
  ASSERT_NE(m, nullptr);
  auto r = m->Match({"", "Russia today"});
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].topic_id, "a");
  EXPECT_TRUE(r[0].matched);
  EXPECT_EQ(r[1].topic_id, "b");
  EXPECT_TRUE(r[1].matched);
  EXPECT_EQ(r[2].topic_id, "c");
  EXPECT_FALSE(r[2].matched);
  auto only = m->MatchedTopics({"", "Russia today"});
  ASSERT_EQ(only.size(), 2u);
  EXPECT_EQ(only[0].topic_id, "a");
  EXPECT_EQ(only[1].topic_id, "b");
}

TEST(OperatorsTest, TopicsShareTermsIndependently) {
  auto m = CompileOrDie(
      {Topic("x", "sanctions AND russia"), Topic("y", "sanction* NOT russia"), Topic("z", "title:sanctions")});
  ASSERT_NE(m, nullptr);
  auto r = m->Match({"Sanctioned", "More sanctions on Russia"});
  EXPECT_TRUE(r[0].matched);
  EXPECT_FALSE(r[1].matched);
  EXPECT_FALSE(r[2].matched);
}

TEST(OperatorsTest, EmptyTopicListAndEmptyStory) {
  auto m = CompileOrDie({});
  ASSERT_NE(m, nullptr);
  EXPECT_TRUE(m->Match({"t", "b"}).empty());
  auto n = CompileOrDie({Topic("a", "russia")});
  ASSERT_NE(n, nullptr);
  EXPECT_FALSE(n->Match({"", ""})[0].matched);
}

TEST(OperatorsTest, LeadIsTheTitleAndTheOpeningParagraph) {
  const std::string opening =
      "Brussels - The European Union adopted new measures on Monday after weeks of talks between the member "
      "states, two diplomats said.";  // 20 words: short of the lead's 25, so the next paragraph joins it
  const std::string second = "The package targets Russian banks.";
  const std::string third = "Moscow called the sanctions illegal.";
  const std::string body = opening + "\n\n" + second + "\n\n" + third;
  EXPECT_TRUE(MatchOne("lead:russian*", "", body).matched);
  EXPECT_FALSE(MatchOne("lead:moscow", "", body).matched);
  EXPECT_TRUE(MatchOne("lead:sanctions", "New sanctions", body).matched);  // the title is always lead
  EXPECT_TRUE(MatchOne("body:moscow", "", body).matched);
  // lead: inside body: is the body's opening only, never the title.
  EXPECT_FALSE(MatchOne("body:(lead:sanctions)", "New sanctions", body).matched);
  EXPECT_TRUE(MatchOne("body:(lead:russian)", "New sanctions", body).matched);
  // A first paragraph of 25 words or more is the lead alone.
  std::string long_opening;
  for (int i = 0; i < 30; ++i) long_opening += "word ";
  EXPECT_FALSE(MatchOne("lead:russian", "", long_opening + "\n\n" + second).matched);
  // A story sent as one paragraph: the lead stops after 80 body words.
  std::string one_paragraph = "Russian ";
  for (int i = 0; i < 100; ++i) one_paragraph += "word ";
  EXPECT_TRUE(MatchOne("lead:russian", "", one_paragraph).matched);
  EXPECT_FALSE(MatchOne("lead:moscow", "", one_paragraph + "Moscow").matched);
}

TEST(OperatorsTest, ParasCountsDistinctParagraphs) {
  const std::string body = "Sanctions one. More sanctions.\n\nNothing here.\n\nSanctions again.";
  EXPECT_TRUE(Matches("PARAS>=2(sanction*)", body));
  EXPECT_FALSE(Matches("PARAS>=3(sanction*)", body));
  EXPECT_TRUE(MatchOne("PARAS>=3(sanction*)", "Sanctions", body).matched);  // the title is a paragraph
  // Shares are of the story's paragraphs, rounded up: 2 of 3 is 67%.
  EXPECT_TRUE(Matches("PARAS>=66%(sanction*)", body));
  EXPECT_FALSE(Matches("PARAS>=67%(sanction*)", "Sanctions.\n\nNone.\n\nNone either."));
  EXPECT_TRUE(Matches("PARAS>=1%(sanction*)", "Sanctions."));
  // Occurrences of every term of the group count.
  EXPECT_TRUE(Matches("PARAS>=2(sanction* OR embargo)", "An embargo.\n\nSanctions."));
}

TEST(OperatorsTest, DensityIsPerThousandWords) {
  std::string story = "Sanctions ";
  for (int i = 0; i < 99; ++i) story += "word ";  // 1 in 100 words
  EXPECT_TRUE(Matches("DENSITY>=10(sanction*)", story));
  EXPECT_FALSE(Matches("DENSITY>=11(sanction*)", story));
  EXPECT_TRUE(Matches("DENSITY>=20(sanction* OR word)", story));  // the group's occurrences add up
  EXPECT_FALSE(Matches("DENSITY>=1(embargo)", story));
  // The title's words count too.
  EXPECT_FALSE(MatchOne("DENSITY>=10(sanction*)", "A long title of many words here", story).matched);
}

TEST(OperatorsTest, NotNearKeepsOnlyTheOccurrencesAwayFromTheOther) {
  EXPECT_FALSE(Matches("sanction* NOT NEAR/3 iran", "New sanctions on Iran."));
  EXPECT_TRUE(
      Matches("sanction* NOT NEAR/3 iran",
              "New sanctions on Iran were announced by the council. Later, sanctions on Russia were extended."));
  EXPECT_TRUE(Matches("sanction* NOT NEAR/3 iran", "New sanctions on Russia."));  // no Iran at all
  EXPECT_TRUE(Matches("sanction* NOT NEAR/1 iran", "Sanctions a b iran"));
  EXPECT_FALSE(Matches("sanction* NOT NEAR/2 iran", "Sanctions a b iran"));
  // By paragraph.
  EXPECT_FALSE(Matches("sanction* NOT NEAR/para iran", "Iran and far later the word sanctions."));
  EXPECT_TRUE(Matches("sanction* NOT NEAR/para iran", "Iran.\n\nSanctions."));
  // The kept occurrences are what counts further up.
  EXPECT_FALSE(Matches("COUNT>=2(sanction* NOT NEAR/3 iran)", "Sanctions on Iran. Sanctions on Russia."));
  EXPECT_TRUE(Matches("COUNT>=2(sanction* NOT NEAR/3 iran)", "Sanctions on Russia. Sanctions on Moscow."));
  // "a NOT b" is still a AND NOT b.
  EXPECT_FALSE(Matches("sanction* NOT iran", "Sanctions, far from the word, and then iran"));
  // NOT NEAR scores the left operand's share of its score.
  TopicResult r = MatchOne("(sanction* NOT NEAR/3 iran)^2", "",
                           "Sanctions on Iran were announced by the council. Sanctions on Russia.");
  EXPECT_TRUE(r.matched);
  EXPECT_EQ(r.score, 2);
}

TEST(OperatorsTest, LeadingWildcardFindsCompounds) {
  EXPECT_TRUE(Matches("*sanktion*", "Die Wirtschaftssanktionen bleiben."));
  EXPECT_TRUE(Matches("*sanktion*", "Sanktionen bleiben."));
  EXPECT_TRUE(Matches("*embargo", "Das Ölembargo gilt."));
  EXPECT_FALSE(Matches("*embargo", "Die Ölembargos gelten."));
  EXPECT_FALSE(Matches("*sanktion*", "Die Sanktio nen."));
  // A word holding the stem twice is one occurrence.
  EXPECT_TRUE(Matches("COUNT>=1(*sank*) AND NOT COUNT>=2(*sank*)", "sanksanksank"));
  EXPECT_FALSE(Matches("title:*sanktion*", "Wirtschaftssanktionen"));
}

TEST(OperatorsTest, ExplainMissesShowTheTermsFound) {
  auto m = CompileOrDie({Topic("t", "russia NEAR/2 sanction* NOT iran")});
  ASSERT_NE(m, nullptr);
  auto r = m->Explain({"", "Russia held a parade. Much later: sanctions on Iran."});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_FALSE(r[0].matched);
  ASSERT_EQ(r[0].terms.size(), 2u);  // the NOT's iran is not listed
  EXPECT_EQ(r[0].terms[0].term, "russia");
  EXPECT_EQ(r[0].terms[1].term, "sanction*");
  // A match explains as Match does.
  auto hit = m->Explain({"", "Russia sanctions"});
  EXPECT_TRUE(hit[0].matched);
  EXPECT_EQ(hit[0].terms.size(), 2u);
}

TEST(OperatorsTest, RequiredTermsOfNotNearAreOnlyTheLeftOperand) {
  // The candidate filter must not wait for the right operand of NOT NEAR.
  auto m = CompileOrDie({Topic("t", "sanction* NOT NEAR/3 iran"), Topic("u", "iran")});
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->MatchedTopics({"", "Sanctions on Russia."}).size(), 1u);
}

}  // namespace
}  // namespace newsmon::testing
