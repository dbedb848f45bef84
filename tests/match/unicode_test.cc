// Case, accent, width and script folding, and offsets in code points.
#include <gtest/gtest.h>

#include "match/fold.h"
#include "match_test_util.h"
#include "util/text.h"

namespace newsmon::testing {
namespace {

TEST(UnicodeTest, CaseInsensitive) {
  EXPECT_TRUE(Matches("SANCTIONS", "new sanctions"));
  EXPECT_TRUE(Matches("sanctions", "NEW SANCTIONS"));
  EXPECT_TRUE(Matches("санкции", "НОВЫЕ САНКЦИИ"));
  EXPECT_TRUE(Matches("САНКЦИИ", "новые санкции"));
}

TEST(UnicodeTest, AccentInsensitive) {
  EXPECT_TRUE(Matches("tokayev", "Tokáyev said"));
  EXPECT_TRUE(Matches("Tokáyev", "Tokayev said"));
  EXPECT_TRUE(Matches("Türkmenistan", "TURKMENISTAN"));
  // Decomposed input: "e" followed by a combining acute accent.
  EXPECT_TRUE(Matches("resume", "re\u0301sume\u0301 here"));
  EXPECT_TRUE(Matches("résumé", "re\u0301sume\u0301 here"));
}

TEST(UnicodeTest, GermanSharpSAndUmlauts) {
  EXPECT_TRUE(Matches("Außenministerium", "das AUSSENMINISTERIUM teilte mit"));
  EXPECT_TRUE(Matches("aussenministerium", "das Außenministerium teilte mit"));
  EXPECT_TRUE(Matches("Ausfuhrbeschränkung*", "neue Ausfuhrbeschrankungen"));
  EXPECT_TRUE(Matches("Bundesaußenminister*", "Bundesaußenministerin Baerbock"));
  // Umlauts fold to the base letter, not to the "ue" spelling: list both.
  EXPECT_TRUE(Matches("Müller", "Herr Muller"));
  EXPECT_FALSE(Matches("Müller", "Herr Mueller"));
}

TEST(UnicodeTest, WidthInsensitive) {
  // Full-width Latin letters (U+FF2B...) as found in East Asian sources.
  EXPECT_TRUE(Matches("kazakhstan", "\uFF2B\uFF41\uFF5A\uFF41\uFF4B\uFF48\uFF53\uFF54\uFF41\uFF4E news"));
  EXPECT_TRUE(Matches("\uFF32\uFF35\uFF33\uFF33\uFF29\uFF21", "Russia"));
}

TEST(UnicodeTest, Cyrillic) {
  EXPECT_TRUE(Matches("санкци*", "ввели санкционный режим"));
  EXPECT_TRUE(Matches("санкци*", "ЕС ввёл санкции"));
  EXPECT_FALSE(Matches("санкци*", "без ограничений"));
  // ё and е, й and и fold together.
  EXPECT_TRUE(Matches("ввел", "ЕС ввёл санкции"));
  EXPECT_TRUE(Matches("Токаев", "Президент ТОКАЕВ"));
  EXPECT_TRUE(Matches("\"Центральной Азии\"", "страны Центральной Азии и Германия"));
  EXPECT_TRUE(Matches("Германи*", "в Германии"));
}

TEST(UnicodeTest, SoftHyphenDoesNotSplitAWord) { EXPECT_TRUE(Matches("Bundesregierung", "die Bundes\u00ADregierung")); }

TEST(UnicodeTest, InvalidUtf8IsASeparatorNotACrash) {
  EXPECT_TRUE(Matches("russia", std::string("\xff\xfeRussia\xc3")));
  EXPECT_FALSE(Matches("russia", std::string("\xc3\xa9\xff")));
}

TEST(UnicodeTest, OffsetsAreCodePointsIntoTheOriginalField) {
  const std::string title = "Санкции: ЕС";
  const std::string body = "Außen\u00ADminister Müller: «Sanktionen gegen Russland»";
  TopicResult r = MatchOne("санкции OR sanktion* OR russland", title, body);
  ASSERT_TRUE(r.matched);
  ASSERT_EQ(r.terms.size(), 3u);
  EXPECT_EQ(r.terms[0].term, "санкции");
  EXPECT_EQ(r.terms[0].field, MatchField::kTitle);
  EXPECT_EQ(r.terms[0].start, 0u);
  EXPECT_EQ(r.terms[0].end, 7u);
  EXPECT_EQ(r.terms[1].term, "sanktion*");
  EXPECT_EQ(r.terms[1].field, MatchField::kBody);
  EXPECT_EQ(r.terms[1].start, 24u);
  EXPECT_EQ(r.terms[1].end, 34u);
  EXPECT_EQ(r.terms[2].term, "russland");
  EXPECT_EQ(r.terms[2].start, 41u);
  EXPECT_EQ(r.terms[2].end, 49u);
  // The offsets select the words in the original text.
  auto cut = [](const std::string& s, size_t a, size_t b) {
    std::string out;
    size_t cp = 0;
    for (size_t i = 0; i < s.size();) {
      size_t len = 1;
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0xF0)
        len = 4;
      else if (c >= 0xE0)
        len = 3;
      else if (c >= 0xC0)
        len = 2;
      if (cp >= a && cp < b) out += s.substr(i, len);
      i += len;
      ++cp;
    }
    return out;
  };
  EXPECT_EQ(cut(body, r.terms[1].start, r.terms[1].end), "Sanktionen");
  EXPECT_EQ(cut(body, r.terms[2].start, r.terms[2].end), "Russland");
}

TEST(UnicodeTest, FoldAgreesWithFoldForMatching) {
  // The matcher folds code point by code point through a table; it must give
  // the same words as util's whole-string FoldForMatching.
  const std::string samples[] = {"Straße ÄÖÜ äöü",
                                 "Ёлка Йошкар-Ола",
                                 "ＡＢＣ ｆｕｌｌ",
                                 "Tokáyev Mirziyoyev",
                                 "Kirgisistan Кыргызстан Qırğızıstan",
                                 "œuvre ﬁnance"};
  for (const auto& s : samples) {
    std::string joined;
    for (const auto& w : match::FoldWords(s)) joined += (joined.empty() ? "" : " ") + w;
    std::string expected;
    for (const auto& w : match::FoldWords(FoldForMatching(s))) expected += (expected.empty() ? "" : " ") + w;
    EXPECT_EQ(joined, expected) << s;
  }
}

}  // namespace
}  // namespace newsmon::testing
