// Leader names across scripts, transliterations and inflection; no false friends.
#include <gtest/gtest.h>

#include "quote/leader_key.h"
#include "quote/quote.h"
#include "quote_test_util.h"

namespace newsmon {
namespace {

const LeaderIndex& Index() {
  static const LeaderIndex index(testing::TestLeaders());
  return index;
}

class TokayevVariants : public ::testing::TestWithParam<const char*> {};

TEST_P(TokayevVariants, ResolveToTokayev) {
  EXPECT_EQ(Index().ResolveName(GetParam()).value_or("none"), "kz-tokayev") << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Quote, TokayevVariants,
                         ::testing::Values("Kassym-Jomart Tokayev", "Qasym-Zhomart Toqaev", "Tokajew", "Tokajews",
                                           "Токаев", "Токаева", "Тоқаев", "Тоқаевтың", "Tokayev's", "Präsident Tokajew",
                                           "Kassym-Jomart Tokaev", "Касым-Жомарт Токаев"));

class OtherLeaders : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(OtherLeaders, Resolve) {
  EXPECT_EQ(Index().ResolveName(GetParam().first).value_or("none"), GetParam().second) << GetParam().first;
}

INSTANTIATE_TEST_SUITE_P(
    Quote, OtherLeaders,
    ::testing::Values(std::pair{"Mirziyoyev", "uz-mirziyoyev"}, std::pair{"Mirsijojew", "uz-mirziyoyev"},
                      std::pair{"Мирзиёев", "uz-mirziyoyev"}, std::pair{"Мирзиёева", "uz-mirziyoyev"},
                      std::pair{"Putin", "ru-putin"}, std::pair{"Путина", "ru-putin"}, std::pair{"Putins", "ru-putin"},
                      std::pair{"Scholz", "de-scholz"}, std::pair{"Шольц", "de-scholz"}, std::pair{"Merz", "de-merz"},
                      std::pair{"Мерц", "de-merz"}, std::pair{"Friedrich Merz", "de-merz"}));

class NotLeaders : public ::testing::TestWithParam<const char*> {};

TEST_P(NotLeaders, DoNotResolve) { EXPECT_FALSE(Index().ResolveName(GetParam()).has_value()) << GetParam(); }

INSTANTIATE_TEST_SUITE_P(Quote, NotLeaders,
                         ::testing::Values("Tokarev", "Токарев", "Martin Schulz", "Schulz", "März", "Merkel", "Putilin",
                                           "Rutin", "Anna Scholz", "Mirzaev", "Tokmakov", "Tok", "", "Sholtsman",
                                           "Vladimir Potanin"));

TEST(LeaderKey, ScriptsMeet) {
  using quote_internal::LatinNameKey;
  EXPECT_EQ(LatinNameKey("Tokajew"), LatinNameKey("Токаев"));
  EXPECT_EQ(LatinNameKey("Toqaev"), LatinNameKey("Tokayev"));
  EXPECT_EQ(LatinNameKey("Zhomart"), LatinNameKey("Jomart"));
  EXPECT_EQ(LatinNameKey("Scholz"), LatinNameKey("Шольц"));
}

TEST(LeaderDescriptor, RolesAndDates) {
  using namespace std::chrono;
  const LeaderIndex& idx = Index();
  EXPECT_EQ(idx.ResolveDescriptor("the Kazakh president").value_or("none"), "kz-tokayev");
  EXPECT_EQ(idx.ResolveDescriptor("президент Казахстана").value_or("none"), "kz-tokayev");
  EXPECT_EQ(idx.ResolveDescriptor("der usbekische Präsident").value_or("none"), "uz-mirziyoyev");
  EXPECT_EQ(idx.ResolveDescriptor("der Kanzler").value_or("none"), "de-merz");
  EXPECT_EQ(idx.ResolveDescriptor("the German chancellor", sys_days{2023y / January / 10}).value_or("none"),
            "de-scholz");
  EXPECT_EQ(idx.ResolveDescriptor("the German chancellor", sys_days{2025y / June / 1}).value_or("none"), "de-merz");
  // A vice chancellor is not the chancellor; nobody tracked was chancellor in 2019.
  EXPECT_FALSE(idx.ResolveDescriptor("the chancellor", sys_days{2019y / June / 1}).has_value());
  // Three presidents are tracked: "the president" alone is ambiguous.
  EXPECT_FALSE(idx.ResolveDescriptor("the president").has_value());
  EXPECT_FALSE(idx.ResolveDescriptor("the spokesman").has_value());
}

TEST(LeaderIndex, EmptyIndex) {
  LeaderIndex none;
  EXPECT_FALSE(none.ResolveName("Tokayev").has_value());
  EXPECT_FALSE(none.ResolveDescriptor("the Kazakh president").has_value());
  EXPECT_EQ(none.NameOf("kz-tokayev"), "");
  EXPECT_EQ(Index().NameOf("kz-tokayev"), "Kassym-Jomart Tokayev");
}

}  // namespace
}  // namespace newsmon
