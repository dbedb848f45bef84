// Quote marks: every common style, nesting, paragraphs, offsets, scare quotes.
#include <gtest/gtest.h>

#include "quote/quote.h"
#include "quote_test_util.h"
#include "util/text.h"

namespace newsmon {
namespace {

using testing::FindByText;

std::vector<Quote> Find(std::string_view text, const std::string& lang = "") {
  static const LeaderIndex kNone;
  return FindQuotes(text, kNone, {lang});
}

TEST(QuoteMarks, CurlyDoubleQuotes) {
  auto q = Find("“We will keep the bridge open all winter,” the mayor said on Monday.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "We will keep the bridge open all winter,");
  EXPECT_EQ(q[0].start, 1u);
}

TEST(QuoteMarks, StraightDoubleQuotes) {
  auto q = Find("The farmer said: \"Rain came too late for the wheat this year.\"");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "Rain came too late for the wheat this year.");
}

TEST(QuoteMarks, SingleQuotesInsideDoubleBelongToTheQuote) {
  auto q = Find("“They told us ‘wait another week’ and then nothing happened,” said Anna Berg.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "They told us ‘wait another week’ and then nothing happened,");
  EXPECT_EQ(testing::LastWord(q[0].speaker), "Berg");
}

TEST(QuoteMarks, GermanLowHighAndNestedSingle) {
  auto q = Find("Die Ministerin sagte: „Wir nennen das ‚vorsichtigen Optimismus‘ und bleiben dabei.“", "de");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "Wir nennen das ‚vorsichtigen Optimismus‘ und bleiben dabei.");
}

TEST(QuoteMarks, Guillemets) {
  auto q = Find("Председатель комитета Иван Смирнов заявил: «Мы не откажемся от этого плана».", "ru");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "Мы не откажемся от этого плана");
}

TEST(QuoteMarks, ReversedGuillemetsGermanStyle) {
  auto q = Find("Der Trainer Paul Kessler sagte: »Wir haben heute verdient verloren.«", "de");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "Wir haben heute verdient verloren.");
}

TEST(QuoteMarks, TwoApostrophesInEnglish) {
  auto q = Find("''The river has never been this low,'' said Tom Reyes, a ferry operator.", "en");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "The river has never been this low,");
  EXPECT_EQ(testing::LastWord(q[0].speaker), "Reyes");
}

TEST(QuoteMarks, TwoApostrophesAreWikiMarkupInGerman) {
  auto q = Find("Das Museum zeigt ''Nachtzug nach Norden'' und andere Bilder. Der Kurator sagte nichts.", "de");
  EXPECT_TRUE(q.empty());
}

TEST(QuoteMarks, BritishSingleQuotesWhenNoDoubleQuotes) {
  auto q = Find("'We are not giving up on this town,' the council leader Mary Oakes said.", "en");
  // ASCII single quotes are apostrophes; typographic ones are quotes in British style.
  auto q2 = Find("‘We are not giving up on this town,’ the council leader Mary Oakes said.", "en");
  ASSERT_EQ(q2.size(), 1u);
  EXPECT_EQ(q2[0].text, "We are not giving up on this town,");
  EXPECT_TRUE(q.empty());
}

TEST(QuoteMarks, ApostrophesAreNotQuotes) {
  auto q = Find("It’s the farmers’ market that Dan’s family runs, he said.", "en");
  EXPECT_TRUE(q.empty());
}

TEST(QuoteMarks, MultiParagraphQuoteReopensInEachParagraph) {
  const std::string text =
      "Jane Roe said:\n\n“The first part of the plan is about roads.\n\n“The second part is about schools and will "
      "take longer.”\n";
  auto q = Find(text, "en");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].text, "The first part of the plan is about roads.");
  EXPECT_EQ(q[0].paragraph + 1, q[1].paragraph);
  EXPECT_EQ(q[1].text, "The second part is about schools and will take longer.");
  EXPECT_EQ(testing::LastWord(q[1].speaker), "Roe");
  EXPECT_EQ(q[1].method, AttributionMethod::kContinuation);
}

TEST(QuoteMarks, CodePointOffsets) {
  const std::string text = "Ärztin Zoë Müller sagte: „Öffnungszeiten ändern sich nicht.“";
  auto q = Find(text, "de");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].end - q[0].start, CodePointCount(q[0].text));
  EXPECT_EQ(CodePointOffset(text, text.find("Öffnungszeiten")), q[0].start);
}

TEST(QuoteMarks, PartialQuoteInsideSentence) {
  auto q = Find("President Ana Lopes said the treaty would lift relations to a “new level” within a year.", "en");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "new level");
  EXPECT_EQ(testing::LastWord(q[0].speaker), "Lopes");
}

TEST(QuoteMarks, ScareQuotesWithoutSpeechAreDropped) {
  // A nickname and a film title, no speech verb and no speaker.
  auto q = Find("The ship, nicknamed the “Iron Lady” by sailors, appears in the film “Cold Harbour” next year.", "en");
  EXPECT_TRUE(q.empty());
  auto de = Find("Die Fernsehserie „Stille Wasser“ läuft seit Montag im Programm.", "de");
  EXPECT_TRUE(de.empty());
}

TEST(QuoteMarks, UnclosedQuoteEndsAtParagraphEnd) {
  auto q = Find("Mark Ellis said: “We will rebuild the school before autumn\n\nThe work starts soon.", "en");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "We will rebuild the school before autumn");
}

TEST(QuoteMarks, EmptyAndMarkOnlyInputs) {
  EXPECT_TRUE(Find("").empty());
  EXPECT_TRUE(Find("\"").empty());
  EXPECT_TRUE(Find("“”„“«»").empty());
  EXPECT_TRUE(Find("\n\n\n").empty());
}

TEST(QuoteMarks, InvalidUtf8DoesNotBreakOffsetsOrJson) {
  const std::string text = "Lee Chan said: \"ok \xff\xfe fine for now, really.\" Then he left.";
  auto q = Find(text, "en");
  ASSERT_EQ(q.size(), 1u);
  const std::string json = QuoteToJson(q[0]);
  EXPECT_NE(json.find("\"start\""), std::string::npos);
}

}  // namespace
}  // namespace newsmon
