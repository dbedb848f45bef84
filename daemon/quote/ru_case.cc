// Russian names after "по словам", "по мнению" stand in the genitive
// ("по словам Косачева", "по словам Анны Ивановой"); a speaker is reported in
// the nominative, the form a reader looks up.
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "quote/persons.h"

namespace newsmon::quote_internal {

std::string RussianNominativeOfGenitive(std::string_view word) {
  // Longest endings first. A genitive never ends in a bare -а for a woman
  // (Ивановой, Анны), so -а after a consonant is a man's (Косачева, Ивана,
  // Шольца).
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kEndings = {{
      {"ского", "ский"},
      {"цкого", "цкий"},
      {"овой", "ова"},
      {"евой", "ева"},
      {"ёвой", "ёва"},
      {"иной", "ина"},
      {"ыной", "ына"},
      {"ской", "ская"},
      {"цкой", "цкая"},
      {"ии", "ия"},  // Марии
      {"ия", "ий"},  // Дмитрия, Григория
      {"ея", "ей"},  // Сергея, Андрея
      {"ы", "а"},    // Анны
      {"и", "а"},    // Ольги, Маши (after г, к, х, ж, ш, ч, щ)
      {"а", ""},     // Косачева, Ивана, Шольца
  }};
  for (const auto& [genitive, nominative] : kEndings) {
    if (word.size() <= genitive.size() + 2 || !word.ends_with(genitive)) continue;
    const std::string_view stem = word.substr(0, word.size() - genitive.size());
    if (genitive == "и") {
      // Only after the letters that take -и for -ы.
      static constexpr std::array<std::string_view, 7> kHushing = {"г", "к", "х", "ж", "ш", "ч", "щ"};
      bool hushing = false;
      for (std::string_view h : kHushing) hushing = hushing || stem.ends_with(h);
      if (!hushing) return std::string(word);
    }
    if (genitive == "а") {
      // -а after a vowel is no genitive ending (Тоқаева is handled by -ева, "Нева").
      static constexpr std::array<std::string_view, 10> kVowels = {"а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я"};
      for (std::string_view v : kVowels) {
        if (stem.ends_with(v)) return std::string(word);
      }
    }
    return std::string(stem) + std::string(nominative);
  }
  return std::string(word);
}

bool EndsGenitive(std::string_view w) {
  for (std::string_view ending : {"а", "я", "ы", "и", "ой", "ей", "ого", "его"}) {
    if (w.size() > ending.size() + 4 && w.ends_with(ending)) return true;
  }
  return false;
}

}  // namespace newsmon::quote_internal
