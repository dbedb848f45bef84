// Place words in the forms a sentence puts them in, which tell a place from a
// person's name.
#include <gtest/gtest.h>

#include "quote/persons.h"

namespace newsmon::quote_internal {
namespace {

TEST(RussianPlaceWord, EveryCaseOfEveryDeclension) {
  // Countries in -ия, -а, -ь and -й, and consonant-final ones: endings are
  // letters of two bytes each, so a byte count would build no form at all.
  for (const char* form : {"германии", "австрию", "францией", "москвы", "астане", "европой", "беларуси", "китая",
                           "китаем", "казахстана", "узбекистаном", "берлине"}) {
    EXPECT_TRUE(IsRussianPlaceWord(form)) << form;
  }
  for (const char* word : {"германиии", "токаева", "министра", "шольцем"})
    EXPECT_FALSE(IsRussianPlaceWord(word)) << word;
}

}  // namespace
}  // namespace newsmon::quote_internal
