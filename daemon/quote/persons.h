// Internal to the quote stage: the people a text mentions, for speaker names,
// pronoun resolution and role descriptors.
//
//   Persons people;
//   int merz = people.Mention({"Friedrich", "Merz"}, Gender::kMale, {"chancellor"});
//   people.Mention({"Merz"}, ...) == merz;          // surname after a full mention
//   people.FullName(merz) == "Friedrich Merz";
//   people.MostRecent(Gender::kMale) == merz;
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "quote/lexicon.h"

namespace newsmon::quote_internal {

// Canonical role key of a role word in any supported language
// ("kanzlerin", "Chancellor", "канцлер" -> "chancellor"); empty when none.
std::string RoleKey(const std::string& lower_word);
std::string_view RoleKeyView(std::string_view lower_word);
// A role key that heads a state or its government ("leader", "president",
// "chancellor", "prime minister", "king").
inline bool IsHeadOfState(std::string_view role_key) {
  return role_key == "leader" || role_key == "president" || role_key == "chancellor" || role_key == "prime minister" ||
         role_key == "king";
}
// A country, US state, large city, region or weekday ("new hampshire",
// "paris", "saturday"): lower case, words joined by one space.
bool IsPlaceName(std::string_view lower_words);
// A Russian country or city name in any case ("таджикистан", "германии",
// "москвой"), lower case.
bool IsRussianPlaceWord(std::string_view lower_word);

// "Косачева" -> "Косачев", "Анны Ивановой" word by word -> "Анна Иванова":
// a Russian name word in the genitive (after "по словам") in the nominative.
std::string RussianNominativeOfGenitive(std::string_view word);
// Genitive endings of Russian nouns ("Минфина", "Госдумы", "Академии"); the
// nominative of many women's names too, so callers look at the context.
bool EndsGenitive(std::string_view w);
// kMale for a Russian man's surname in the nominative ("токаев",
// "песков", "кирилленко" stays unknown). Women's forms are not told: "Токаева"
// is also the genitive of "Токаев".
Gender RussianSurnameGender(std::string_view lower_surname);

// ISO country code of a country name or adjective ("German", "kasachischen",
// "Казахстана" -> "DE"/"KZ"); empty when none.
std::string CountryOf(const std::string& lower_word);
std::string_view CountryView(std::string_view lower_word);
// Last word of a name, lower-cased, without a possessive ('s, ’s).
std::string NameKey(std::string_view last_word);
// NameKey of a word already in lower case, without copying it.
std::string_view LowerNameKey(std::string_view lower_word);

// Words view the story text and roles the static role-key tables, so a
// person table lives no longer than the text it was built from.
struct Person {
  std::vector<std::string_view> words;  // fullest form seen
  Gender gender = Gender::kUnknown;
  std::vector<std::string_view> roles;  // role keys seen with the name
  std::string_view country;  // country code seen with the name ("министр торговли Казахстана")
  std::string_view shortest_last;  // inflected languages: the surname's shortest form seen
  long last_seen = -1;
  long last_spoke = -1;
};

class Persons {
 public:
  // Registers a full name seen anywhere in the text (first pass), so that a
  // surname resolves to the longest name ending with it.
  void Register(const std::vector<std::string_view>& words);
  // A mention at the current point of the text; returns the person index.
  int Mention(const std::vector<std::string_view>& words, Gender gender, const std::vector<std::string_view>& roles,
              std::string_view country = {});
  void Spoke(int person);
  // The surname's nominative, known from grammar rather than length (a
  // genitive rewritten: Акорды → Акорда), reported from now on.
  void NominativeSurname(int person, std::string_view last);
  // Calls visit(words) for the longest registered form of every surname.
  template <typename Visit>
  void ForEachRegistered(Visit visit) const {
    for (const auto& [key, entry] : by_key_) {
      if (!entry.longest.empty()) visit(entry.longest);
    }
  }
  // Was a name of two or more words ending with this word registered?
  bool Known(std::string_view last_word) const;
  // Most recent person (speakers first) compatible with the gender.
  int Resolve(Gender gender) const;
  // Most recent person seen with the role; with a country ("the Kazakh
  // minister"), one seen with that country first. A person of another known
  // gender does not count.
  int WithRole(std::string_view role_key, Gender gender = Gender::kUnknown, std::string_view country = {}) const;
  // Most recently seen person for whom `fits(index)` holds; -1 when none.
  template <typename Fits>
  int MostRecent(Fits fits) const {
    int best = -1;
    for (size_t i = 0; i < people_.size(); ++i) {
      if ((best < 0 || people_[i].last_seen > people_[static_cast<size_t>(best)].last_seen) &&
          fits(static_cast<int>(i))) {
        best = static_cast<int>(i);
      }
    }
    return best;
  }
  std::string FullName(int person) const;
  // Russian: surnames in any case are one person, reported in the nominative.
  void set_inflected(bool inflected) { inflected_ = inflected; }
  Person& at(int person) { return people_[static_cast<size_t>(person)]; }
  int last_speaker() const { return last_speaker_; }

 private:
  // One table for both questions asked of a surname key, so a mention costs
  // one lookup.
  struct KeyEntry {
    int person = -1;                        // -1 until mentioned
    std::vector<std::string_view> longest;  // longest registered name
  };
  std::vector<Person> people_;
  std::unordered_map<std::string, KeyEntry> by_key_;
  std::string Key(std::string_view last_word) const;
  bool inflected_ = false;
  long clock_ = 0;
  int last_speaker_ = -1;
};

}  // namespace newsmon::quote_internal
