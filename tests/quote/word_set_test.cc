// The attributor's flat per-story tables: WordSet (open addressing over views)
// and Persons (one surname-key table for registered names and mentions).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "quote/attributor.h"
#include "quote/persons.h"

namespace newsmon::quote_internal {
namespace {

TEST(WordSet, EmptyAnswersNothing) {
  WordSet s;
  EXPECT_EQ(s.count("merz"), 0u);
  EXPECT_EQ(s.count(""), 0u);
  EXPECT_EQ(s.size(), 0u);
}

TEST(WordSet, DuplicatesCountOnceAndEmptyWordsAreIgnored) {
  WordSet s;
  s.insert("merz");
  s.insert("merz");
  s.insert("");
  EXPECT_EQ(s.size(), 1u);
  EXPECT_EQ(s.count("merz"), 1u);
  EXPECT_EQ(s.count(""), 0u);
  EXPECT_EQ(s.count("mer"), 0u);
}

TEST(WordSet, KeepsEveryWordAcrossGrowth) {
  std::vector<std::string> words;
  for (int i = 0; i < 2000; ++i) words.push_back("w" + std::to_string(i));
  WordSet s;
  for (const auto& w : words) s.insert(w);
  EXPECT_EQ(s.size(), words.size());
  for (const auto& w : words) EXPECT_EQ(s.count(w), 1u) << w;
  EXPECT_EQ(s.count("w2000"), 0u);
}

TEST(WordSet, ReserveBeforeOrAfterInsertsKeepsWords) {
  WordSet s;
  s.insert("scholz");
  s.reserve(0);
  s.reserve(5000);  // rehashes what is there
  s.insert("merz");
  s.reserve(10);  // never shrinks
  EXPECT_EQ(s.size(), 2u);
  EXPECT_EQ(s.count("scholz"), 1u);
  EXPECT_EQ(s.count("merz"), 1u);
  WordSet fresh;
  fresh.reserve(3);
  fresh.insert("putin");
  EXPECT_EQ(fresh.count("putin"), 1u);
}

TEST(Persons, SurnameMentionTakesTheRegisteredFullName) {
  const std::string text = "Friedrich Merz Merz's";
  const std::string_view v(text);
  Persons people;
  people.Register({v.substr(0, 9), v.substr(10, 4)});
  EXPECT_TRUE(people.Known("Merz"));
  EXPECT_FALSE(people.Known("Scholz"));
  const int merz = people.Mention({v.substr(15, 6)}, Gender::kUnknown, {});
  EXPECT_EQ(people.FullName(merz), "Friedrich Merz");
  EXPECT_EQ(people.Mention({v.substr(10, 4)}, Gender::kMale, {"chancellor"}), merz);
  EXPECT_EQ(people.WithRole("chancellor"), merz);
}

TEST(Persons, MentionBeforeRegisterAndUnregisteredNames) {
  Persons people;
  const int roe = people.Mention({"Roe"}, Gender::kFemale, {});
  EXPECT_EQ(people.FullName(roe), "Roe");
  EXPECT_FALSE(people.Known("Roe"));  // a mention alone is no registered full name
  people.Register({"Jane", "Roe"});
  EXPECT_TRUE(people.Known("Roe"));
  EXPECT_EQ(people.Mention({"Roe"}, Gender::kUnknown, {}), roe);
  EXPECT_EQ(people.FullName(roe), "Jane Roe");
  EXPECT_NE(people.Mention({"Doe"}, Gender::kUnknown, {}), roe);
}

}  // namespace
}  // namespace newsmon::quote_internal
