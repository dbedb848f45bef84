#include "quote/persons.h"

#include <array>
#include <bit>
#include <cstdint>
#include <string_view>
#include <utility>

#include "quote/scan.h"

namespace newsmon::quote_internal {
namespace {

// Prefix tables are consulted for every capitalised word. Indexing the
// entries by their first byte rejects almost all words at once; entries are
// still tried in table order, so the first match is the same.
template <size_t N>
class PrefixIndex {
  static_assert(N <= 64, "one bit per entry");

 public:
  explicit PrefixIndex(const std::array<std::pair<std::string_view, std::string_view>, N>& table) : table_(table) {
    for (size_t i = 0; i < N; ++i) by_first_[static_cast<unsigned char>(table[i].first[0])] |= uint64_t{1} << i;
  }
  std::string_view Lookup(std::string_view w) const {
    if (w.size() < 2) return {};
    for (uint64_t m = by_first_[static_cast<unsigned char>(w[0])]; m != 0; m &= m - 1) {
      const auto& [prefix, value] = table_[static_cast<size_t>(std::countr_zero(m))];
      if (prefix[1] != w[1] || w.size() < prefix.size()) continue;
      if (w.substr(0, prefix.size()) == prefix) return value;
    }
    return {};
  }

 private:
  const std::array<std::pair<std::string_view, std::string_view>, N>& table_;
  std::array<uint64_t, 256> by_first_{};
};

}  // namespace

std::string RoleKey(const std::string& w) { return std::string(RoleKeyView(w)); }

std::string_view RoleKeyView(std::string_view w) {
  // Prefixes catch inflection and compounds: kanzlerin, bundeskanzler, канцлера.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 37> kRoles = {{
      {"chancellor", "chancellor"},
      {"kanzler", "chancellor"},
      {"bundeskanzler", "chancellor"},
      {"канцлер", "chancellor"},
      {"president", "president"},
      {"präsident", "president"},
      {"staatspräsident", "president"},
      {"staatschef", "president"},
      {"президент", "president"},
      {"prime", "prime minister"},
      {"premier", "prime minister"},
      {"ministerpräsident", "prime minister"},
      {"премьер", "prime minister"},
      {"king", "king"},
      {"könig", "king"},
      {"leader", "leader"},
      {"лидер", "leader"},
      {"глава", "leader"},
      {"главы", "leader"},
      {"главе", "leader"},
      {"главой", "leader"},
      {"главу", "leader"},
      {"head", "leader"},
      {"foreign", "foreign minister"},
      {"außenminister", "foreign minister"},
      {"minister", "minister"},
      {"министр", "minister"},
      {"spokes", "spokesperson"},
      {"sprecher", "spokesperson"},
      {"пресс-секретар", "spokesperson"},
      // "официальный представитель МИД": Russian news calls a spokesman so.
      {"представител", "spokesperson"},
      {"mayor", "mayor"},
      {"bürgermeister", "mayor"},
      {"мэр", "mayor"},
      {"governor", "governor"},
      {"gouverneur", "governor"},
      {"губернатор", "governor"},
  }};
  static const PrefixIndex<kRoles.size()> kIndex(kRoles);
  return kIndex.Lookup(w);
}

std::string CountryOf(const std::string& w) { return std::string(CountryView(w)); }

std::string_view CountryView(std::string_view w) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kCountries = {{
      {"kazakh", "KZ"},  {"kasach", "KZ"},  {"qazaq", "KZ"},  {"казах", "KZ"},    {"german", "DE"},
      {"deutsch", "DE"}, {"bundes", "DE"},  {"герман", "DE"}, {"немец", "DE"},    {"uzbek", "UZ"},
      {"usbek", "UZ"},   {"узбек", "UZ"},   {"russia", "RU"}, {"russisch", "RU"}, {"russland", "RU"},
      {"росси", "RU"},   {"kremlin", "RU"}, {"kreml", "RU"},  {"кремл", "RU"},    {"россий", "RU"},
  }};
  static const PrefixIndex<kCountries.size()> kIndex(kCountries);
  return kIndex.Lookup(w);
}

std::string_view LowerNameKey(std::string_view k) {
  // Asked of every word of a story: most end in no suffix's last byte.
  if (k.empty() || (k.back() != 's' && k.back() != '\'' && k.back() != '\x99')) return k;
  for (std::string_view suffix : {std::string_view("'s"), std::string_view("\xE2\x80\x99s"), std::string_view("'"),
                                  std::string_view("\xE2\x80\x99")}) {
    if (k.size() > suffix.size() + 1 && k.ends_with(suffix)) return k.substr(0, k.size() - suffix.size());
  }
  return k;
}

std::string NameKey(std::string_view last_word) {
  std::string k = LowerWord(last_word);
  for (std::string_view suffix : {std::string_view("'s"), std::string_view("\xE2\x80\x99s"), std::string_view("'"),
                                  std::string_view("\xE2\x80\x99")}) {
    if (k.size() > suffix.size() + 1 && std::string_view(k).substr(k.size() - suffix.size()) == suffix) {
      k.resize(k.size() - suffix.size());
      break;
    }
  }
  return k;
}

std::string Persons::Key(std::string_view last_word) const {
  std::string k = NameKey(last_word);
  if (!inflected_) return k;
  // One key for a Russian surname in every case: Шольц, Шольца, Шольцу,
  // Шольцем; Иванова, Ивановой; Токаев, Токаевым.
  static constexpr std::array<std::string_view, 16> kEndings = {"ыми", "ами", "ями", "ым", "им", "ом", "ем", "ой",
                                                                "ей",  "ую",  "у",   "ю",  "а",  "я",  "е",  "ы"};
  for (std::string_view e : kEndings) {
    if (k.size() >= e.size() + 6 && k.ends_with(e)) {
      k.resize(k.size() - e.size());
      break;
    }
  }
  return k;
}

namespace {

size_t Bytes(const std::vector<std::string_view>& words) {
  size_t n = 0;
  for (std::string_view w : words) n += w.size();
  return n;
}

// The form to report: the fullest; among equally full ones in an inflected
// language the shortest, which is the nominative of most names (Шольц, not
// Шольца or Шольцем; Иванова, not Ивановой).
bool Better(const std::vector<std::string_view>& candidate, const std::vector<std::string_view>& current,
            bool inflected) {
  if (candidate.size() != current.size()) return candidate.size() > current.size();
  return inflected && Bytes(candidate) < Bytes(current);
}

}  // namespace

void Persons::Register(const std::vector<std::string_view>& words) {
  if (words.empty()) return;
  auto& best = by_key_[Key(words.back())].longest;
  if (Better(words, best, inflected_)) best = words;
}

int Persons::Mention(const std::vector<std::string_view>& words, Gender gender,
                     const std::vector<std::string_view>& roles, std::string_view country) {
  if (words.empty()) return -1;
  KeyEntry& entry = by_key_[Key(words.back())];
  if (entry.person < 0) {
    entry.person = static_cast<int>(people_.size());
    people_.emplace_back();
  }
  const int id = entry.person;
  Person& p = people_[static_cast<size_t>(id)];
  if (Better(words, p.words, inflected_)) p.words = words;
  if (Better(entry.longest, p.words, inflected_)) p.words = entry.longest;
  if (p.shortest_last.empty() || words.back().size() < p.shortest_last.size()) p.shortest_last = words.back();
  if (p.gender == Gender::kUnknown) p.gender = gender;
  if (p.country.empty()) p.country = country;
  for (const auto& r : roles) {
    bool have = false;
    for (const auto& pr : p.roles) have = have || pr == r;
    if (!have) p.roles.push_back(r);
  }
  p.last_seen = ++clock_;
  return id;
}

bool Persons::Known(std::string_view last_word) const {
  auto it = by_key_.find(Key(last_word));
  return it != by_key_.end() && it->second.longest.size() >= 2;
}

void Persons::Spoke(int person) {
  if (person < 0) return;
  people_[static_cast<size_t>(person)].last_spoke = ++clock_;
  people_[static_cast<size_t>(person)].last_seen = clock_;
  last_speaker_ = person;
}

int Persons::Resolve(Gender gender) const {
  auto compatible = [&](const Person& p) {
    if (gender == Gender::kUnknown || p.gender == Gender::kUnknown) return gender != Gender::kPlural;
    return p.gender == gender;
  };
  int best = -1;
  long best_spoke = -1;
  for (size_t i = 0; i < people_.size(); ++i) {
    if (compatible(people_[i]) && people_[i].last_spoke > best_spoke) {
      best_spoke = people_[i].last_spoke;
      best = static_cast<int>(i);
    }
  }
  // A person mentioned after the last compatible speaker, with a matching
  // known gender, is the likelier referent ("Merz met Putin. He said ...").
  long best_seen = best >= 0 ? people_[static_cast<size_t>(best)].last_seen : -1;
  for (size_t i = 0; i < people_.size(); ++i) {
    const Person& p = people_[i];
    if (gender != Gender::kUnknown && p.gender == gender && p.last_seen > best_seen && p.last_spoke < 0) {
      best_seen = p.last_seen;
      best = static_cast<int>(i);
    }
  }
  return best;
}

int Persons::WithRole(std::string_view role_key, Gender gender, std::string_view country) const {
  if (!country.empty()) {
    const int any_country = WithRole(role_key, gender);
    int best = -1;
    long seen = -1;
    for (size_t i = 0; i < people_.size(); ++i) {
      if (GendersDiffer(people_[i].gender, gender) || people_[i].country != country) continue;
      for (const auto& r : people_[i].roles) {
        if (r == role_key && people_[i].last_seen > seen) {
          seen = people_[i].last_seen;
          best = static_cast<int>(i);
        }
      }
    }
    return best >= 0 ? best : any_country;
  }
  int best = -1;
  long seen = -1;
  for (size_t i = 0; i < people_.size(); ++i) {
    if (GendersDiffer(people_[i].gender, gender)) continue;
    for (const auto& r : people_[i].roles) {
      if (r == role_key && people_[i].last_seen > seen) {
        seen = people_[i].last_seen;
        best = static_cast<int>(i);
      }
    }
  }
  return best;
}

void Persons::NominativeSurname(int person, std::string_view last) {
  if (person < 0 || last.empty()) return;
  people_[static_cast<size_t>(person)].shortest_last = last;
}

std::string Persons::FullName(int person) const {
  if (person < 0) return {};
  const Person& p = people_[static_cast<size_t>(person)];
  // Russian: when the full name was only seen inflected ("с Касым-Жомартом
  // Токаевым"), the surname alone in its nominative ("Токаев").
  if (inflected_ && !p.words.empty() && !p.shortest_last.empty() && p.words.back() != p.shortest_last) {
    return std::string(p.shortest_last);
  }
  std::string out;
  for (const auto& w : people_[static_cast<size_t>(person)].words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

Gender RussianSurnameGender(std::string_view lower_surname) {
  for (std::string_view ending : {"ов", "ев", "ёв", "ин", "ын", "ский", "цкий"}) {
    if (lower_surname.size() > ending.size() + 2 && lower_surname.ends_with(ending)) return Gender::kMale;
  }
  return Gender::kUnknown;
}

}  // namespace newsmon::quote_internal
