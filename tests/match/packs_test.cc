// The shipped topic packs on positive and negative stories written for the test.
#include <gtest/gtest.h>

#include "config/config.h"
#include "match_test_util.h"

namespace newsmon::testing {
namespace {

class PacksTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto config = LoadConfig(std::string(NEWSMON_SOURCE_DIR) + "/tests/match/fixtures/packs.yaml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    auto m = Matcher::Compile((*config)->topics);
    ASSERT_TRUE(m.ok()) << m.error().message;
    matcher_ = *m;
  }
  static void TearDownTestSuite() { matcher_.reset(); }

  static bool Matched(const std::string& topic, const std::string& title, const std::string& body) {
    for (const auto& r : matcher_->Match({title, body})) {
      if (r.topic_id == topic) return r.matched;
    }
    ADD_FAILURE() << "no topic " << topic;
    return false;
  }

  static inline std::shared_ptr<const Matcher> matcher_;
};

constexpr const char* kCa = "central-asia-germany";
constexpr const char* kRs = "russia-sanctions";

TEST_F(PacksTest, BothPacksAreLoaded) {
  auto r = matcher_->Match({"", ""});
  ASSERT_EQ(r.size(), 2u);
}

TEST_F(PacksTest, CentralAsiaGermanyEnglish) {
  EXPECT_TRUE(Matched(kCa, "Tokayev visits Berlin", "The president met business leaders."));
  EXPECT_TRUE(Matched(kCa, "Trade talks",
                      "Uzbekistan wants more investment.\n\nChancellor Merz said Germany would support a new "
                      "railway to Tashkent."));
  EXPECT_TRUE(Matched(kCa, "", "Kyrgyz officials met German engineers to discuss a hydropower plant."));
  EXPECT_TRUE(Matched(kCa, "", "Leaders gathered for the C5+Germany summit on energy."));
  EXPECT_TRUE(Matched(kCa, "", "The Central Asia plus Germany format met again this autumn."));
}

TEST_F(PacksTest, CentralAsiaGermanyGermanAndRussian) {
  EXPECT_TRUE(Matched(kCa, "", "Der Bundeskanzler empfängt den Präsidenten Kasachstans im Kanzleramt."));
  EXPECT_TRUE(Matched(kCa, "", "Das Auswärtige Amt lädt die Außenminister Zentralasiens nach Berlin ein."));
  EXPECT_TRUE(Matched(kCa, "", "Turkmenistan liefert Gas, deutsche Firmen bauen eine Anlage."));
  EXPECT_TRUE(Matched(kCa, "", "Президент Таджикистана Рахмон обсудил с канцлером Германии поставки."));
  EXPECT_TRUE(Matched(kCa, "", "В Астане прошла встреча в формате «Центральная Азия – Германия»."));
}

TEST_F(PacksTest, CentralAsiaWithoutGermanyDoesNotMatch) {
  EXPECT_FALSE(Matched(kCa, "Kazakhstan raises oil output", "Astana said exports to China would grow."));
  EXPECT_FALSE(Matched(kCa, "", "Kasachstan und Usbekistan vereinbaren eine neue Bahnstrecke."));
  EXPECT_FALSE(Matched(kCa, "", "Токаев провёл переговоры с президентом Узбекистана в Ташкенте."));
  EXPECT_FALSE(Matched(kCa, "", "Berlin hosts a conference on energy with France and Poland."));
}

TEST_F(PacksTest, CentralAsiaAndGermanyFarApartDoNotMatch) {
  EXPECT_FALSE(Matched(kCa, "",
                       "Kazakhstan reported strong harvest figures this year, officials in the capital said on "
                       "Monday after weeks of dry weather across the northern steppe regions.\n\nIn other news, "
                       "the football league season in Germany begins next week with several new coaches."));
}

TEST_F(PacksTest, RussiaSanctionsEnglish) {
  EXPECT_TRUE(Matched(kRs, "EU adopts new sanctions on Russia", ""));
  EXPECT_TRUE(
      Matched(kRs, "", "The G7 lowered the price cap on Russian crude after shadow fleet tankers kept sailing."));
  EXPECT_TRUE(Matched(kRs, "", "Washington added firms that helped Moscow evade export controls to the entity list."));
  EXPECT_TRUE(Matched(kRs, "", "Belgium holds most of the frozen assets of the Russian central bank."));
}

TEST_F(PacksTest, RussiaSanctionsGermanAndRussian) {
  EXPECT_TRUE(Matched(kRs, "", "Die EU beschließt ein neues Sanktionspaket gegen Russland."));
  EXPECT_TRUE(Matched(kRs, "", "Der Ölpreisdeckel soll russische Einnahmen senken."));
  EXPECT_TRUE(Matched(kRs, "", "Евросоюз ввёл новые санкции против России."));
  EXPECT_TRUE(
      Matched(kRs, "", "Минфин США расширил санкции против судов теневого флота, перевозящих российскую нефть."));
  EXPECT_TRUE(Matched(kRs, "", "Вопрос о замороженных активах России обсудят в Брюсселе."));
}

TEST_F(PacksTest, SanctionsOnIranAloneDoNotMatch) {
  EXPECT_FALSE(Matched(kRs, "US tightens sanctions on Iran", "Treasury targeted oil exports from Iran."));
  EXPECT_FALSE(Matched(kRs, "", "Neue Sanktionen gegen den Iran wegen des Atomprogramms."));
  EXPECT_FALSE(Matched(kRs, "", "США ввели новые санкции против Ирана."));
}

TEST_F(PacksTest, IranSanctionsMentioningRussiaInPassingDoNotMatch) {
  EXPECT_FALSE(Matched(kRs, "",
                       "Iran faces new sanctions over drones; Iran denies selling them to Russia, and Iran's "
                       "foreign ministry called the move illegal."));
}

TEST_F(PacksTest, RussiaWithoutSanctionsDoesNotMatch) {
  EXPECT_FALSE(Matched(kRs, "Russia wins hockey final", "Moscow celebrated late into the night."));
  EXPECT_FALSE(Matched(kRs, "", "Russland meldet eine Rekordernte bei Weizen."));
  EXPECT_FALSE(Matched(kRs, "", "В Москве ожидаются заморозки и снег."));
}

TEST_F(PacksTest, RussiaAndSanctionsInDifferentParagraphsDoNotMatch) {
  EXPECT_FALSE(Matched(kRs, "",
                       "Russia held a military parade.\n\nSeparately, the UN discussed sanctions on a shipping "
                       "company in another region."));
}

TEST(PackErrorsTest, RuleErrorsPointIntoTheIncludedFile) {
  const std::string file = std::string(NEWSMON_SOURCE_DIR) + "/tests/match/fixtures/bad-rule.yaml";
  auto config = LoadConfigFromString("include: [bad-rule.yaml]\n", "main.yaml",
                                     std::string(NEWSMON_SOURCE_DIR) + "/tests/match/fixtures");
  ASSERT_TRUE(config.ok()) << config.error().message;
  auto m = Matcher::Compile((*config)->topics);
  ASSERT_FALSE(m.ok());
  // Line 6, column 7 of the file: the unterminated phrase on the block scalar's third line.
  EXPECT_EQ(m.error().message, file + ":6:7: unterminated phrase: missing closing '\"' near '\"price cap\n'");
}

}  // namespace
}  // namespace newsmon::testing
