// Leader index: name mentions in any script and inflection, and role
// descriptors, resolved to configured leaders.
//
// A name becomes a phonetic-ish key: Cyrillic (Russian and Kazakh letters) is
// romanised by table, other scripts by ICU Any-Latin; then spelling variants
// of the same sounds are merged (q/k, zh/j, w/v, tz/ts/z, sch/sh, y/j after a
// vowel, doubled letters). Keys compare with a small edit distance that
// grows with length, after trying to strip an inflectional ending, so that
// Tokajews, Токаева and Toqaev all meet Tokayev but Tokarev and Schulz do not
// meet Tokayev and Scholz.
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <map>
#include <mutex>

#include "quote/leader_key.h"
#include "quote/persons.h"
#include "quote/quote.h"
#include "quote/scan.h"

namespace newsmon {

using quote_internal::CountryOf;
using quote_internal::LatinNameKey;
using quote_internal::NameKeysMatch;
using quote_internal::RoleKey;

namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  size_t i = 0;
  while (i < text.size()) {
    size_t len = 0;
    const char32_t c = quote_internal::DecodeAt(text, i, &len);
    if (quote_internal::IsLetter(c) || quote_internal::IsDigit(c) || c == '\'' || c == 0x2019 || c == '.' ||
        (c >= 0x300 && c <= 0x36F)) {
      cur.append(text.substr(i, len));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
    i += len;
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// "Kassym-Jomart Tokayev" -> parts {"kasimjomart"?}: hyphenated given names
// are split so that "Jomart" alone still compares.
std::vector<std::string> NameParts(std::string_view name) {
  std::vector<std::string> parts;
  for (std::string& w : Words(name)) {
    size_t pos = 0;
    while (pos <= w.size()) {
      size_t h = w.find('-', pos);
      if (h == std::string::npos) h = w.size();
      if (h > pos) parts.push_back(w.substr(pos, h - pos));
      pos = h + 1;
    }
  }
  return parts;
}

struct Entry {
  std::string id;
  std::string name;
  std::string country;
  std::vector<std::string> surname_keys;  // keys of the last word of the name and of each alias
  std::vector<std::string> given_keys;    // keys of the other words
  struct Role {
    std::string key;
    std::string country;
    std::optional<std::chrono::sys_days> from;
    std::optional<std::chrono::sys_days> to;
  };
  std::vector<Role> roles;
};

}  // namespace

struct LeaderIndex::Impl {
  std::vector<Entry> entries;
};

LeaderIndex::LeaderIndex() : impl_(std::make_unique<Impl>()) {}

LeaderIndex::LeaderIndex(const std::vector<LeaderConfig>& leaders) : impl_(std::make_unique<Impl>()) {
  for (const auto& l : leaders) {
    Entry e;
    e.id = l.id;
    e.name = l.name;
    e.country = l.country;
    std::vector<std::string> names = {l.name};
    names.insert(names.end(), l.aliases.begin(), l.aliases.end());
    for (const auto& n : names) {
      std::vector<std::string> parts = NameParts(n);
      if (parts.empty()) continue;
      // A one-word alias is a surname or a nickname; the last word otherwise.
      std::vector<std::string> words = Words(n);
      const std::string last = LatinNameKey(words.back());
      if (!last.empty()) e.surname_keys.push_back(last);
      for (size_t i = 0; i + 1 < parts.size(); ++i) {
        const std::string k = LatinNameKey(parts[i]);
        if (!k.empty()) e.given_keys.push_back(k);
      }
    }
    for (const auto& r : l.roles) {
      Entry::Role role;
      bool deputy = false;
      for (const std::string& w : Words(r.title)) {
        const std::string lw = quote_internal::LowerWord(w);
        // A vice chancellor is not "the chancellor".
        deputy = deputy || lw == "vice" || lw == "deputy" || lw.starts_with("vize") || lw.starts_with("вице");
        if (role.key.empty()) role.key = RoleKey(lw);
        if (role.country.empty()) role.country = CountryOf(lw);
      }
      if (deputy && !role.key.empty()) role.key = "deputy " + role.key;
      if (role.country.empty()) role.country = l.country;
      role.from = r.from;
      role.to = r.to;
      if (!role.key.empty()) e.roles.push_back(std::move(role));
    }
    impl_->entries.push_back(std::move(e));
  }
}

LeaderIndex::~LeaderIndex() = default;
LeaderIndex::LeaderIndex(LeaderIndex&&) noexcept = default;
LeaderIndex& LeaderIndex::operator=(LeaderIndex&&) noexcept = default;

std::optional<std::string> LeaderIndex::ResolveName(std::string_view mention) const {
  if (impl_->entries.empty()) return std::nullopt;
  std::vector<std::string> words = Words(mention);
  // Drop titles and trailing possessives; what is left ends with the surname.
  while (!words.empty() && words.back().size() <= 1) words.pop_back();
  if (words.empty() || words.size() > 6) return std::nullopt;
  const std::string surname = LatinNameKey(words.back());
  if (surname.size() < 3) return std::nullopt;
  // Almost every name in a story is nobody tracked: settle the surname before
  // paying for the given names' keys.
  bool any_surname = false;
  for (const Entry& e : impl_->entries) {
    for (const auto& k : e.surname_keys) any_surname = any_surname || NameKeysMatch(surname, k);
  }
  if (!any_surname) return std::nullopt;
  std::vector<std::string> given;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const std::vector<std::string> parts = NameParts(words[i]);
    for (const auto& p : parts) {
      // Only words that look like given names are checked: capitalised, not titles.
      size_t len = 0;
      if (!quote_internal::IsUpper(quote_internal::DecodeAt(p, 0, &len))) continue;
      if (!RoleKey(quote_internal::LowerWord(p)).empty() || !CountryOf(quote_internal::LowerWord(p)).empty()) continue;
      given.push_back(LatinNameKey(p));
    }
  }
  const Entry* found = nullptr;
  for (const Entry& e : impl_->entries) {
    bool surname_ok = false;
    for (const auto& k : e.surname_keys) surname_ok = surname_ok || NameKeysMatch(surname, k);
    if (!surname_ok) continue;
    // A different given name means a different person (Melania vs Donald).
    bool given_ok = true;
    for (const auto& g : given) {
      if (g.size() < 3) continue;
      bool any = false;
      for (const auto& k : e.given_keys) any = any || NameKeysMatch(g, k);
      for (const auto& k : e.surname_keys) any = any || NameKeysMatch(g, k);
      if (!any && !e.given_keys.empty()) given_ok = false;
    }
    if (!given_ok) continue;
    if (found != nullptr && found->id != e.id) return std::nullopt;  // ambiguous
    found = &e;
  }
  if (found == nullptr) return std::nullopt;
  return found->id;
}

std::optional<std::string> LeaderIndex::ResolveDescriptor(std::string_view descriptor) const {
  return ResolveDescriptor(descriptor, std::nullopt);
}

namespace {

struct DescriptorKey {
  std::string role;
  std::string country;
  bool other_words = false;    // anything but articles, country words, the role, "of state" and "former"
  bool head_of_state = false;  // "head of state", "глава государства": a country's top office
};

DescriptorKey ParseDescriptor(std::string_view descriptor) {
  // Articles, "of state" and time modifiers; any other word ("French",
  // "opposition", "party") may make the role somebody else's.
  static constexpr std::array<std::string_view, 31> kFrame = {
      "the",        "a",          "der",        "die",         "des",      "dem",      "den",       "ein",
      "of",         "state",      "government", "государства", "страны",   "s",        "former",    "then",
      "outgoing",   "incoming",   "current",    "incumbent",   "бывший",   "бывшего",  "нынешний",  "ehemalige",
      "ehemaliger", "ehemaligen", "frühere",    "früherer",    "früheren", "damalige", "scheidende"};
  DescriptorKey key;
  for (const std::string& w : Words(descriptor)) {
    const std::string lw = quote_internal::LowerWord(w);
    std::string role = RoleKey(lw);
    // German compounds on -chef name the one at the top: Kremlchef,
    // Regierungschef, Staatschef.
    if (role.empty() && (lw.ends_with("chef") || lw.ends_with("chefin"))) role = "leader";
    const std::string country = CountryOf(lw);
    if (key.role.empty()) key.role = role;
    if (key.country.empty()) key.country = country;
    key.head_of_state = key.head_of_state || lw == "state" || lw == "государства" || lw.starts_with("staats");
    if (role.empty() && country.empty() && std::find(kFrame.begin(), kFrame.end(), lw) == kFrame.end()) {
      key.other_words = true;
    }
  }
  return key;
}

// "leader", "head of state", "глава государства": whoever holds the
// country's top office, whatever it is called there.
// Only bare: "the Kazakh leader", "Kazakhstan's head of state", "der
// Kremlchef"; "the opposition leader" or "the party's head" is somebody else.
bool RoleFits(const std::string& held, const DescriptorKey& asked) {
  if (held == asked.role) return true;
  if (asked.role != "leader" || (asked.country.empty() && !asked.head_of_state) || asked.other_words) return false;
  // A head of state is a president; a chancellor or prime minister heads
  // the government ("глава государства" next to Scholz is not Scholz).
  if (asked.head_of_state) return held == "president";
  return held == "president" || held == "chancellor" || held == "prime minister";
}

}  // namespace

std::optional<std::string> LeaderIndex::ResolveDescriptor(std::string_view descriptor,
                                                          std::optional<std::chrono::sys_days> date) const {
  const DescriptorKey key = ParseDescriptor(descriptor);
  if (key.role.empty()) return std::nullopt;
  const Entry* found = nullptr;
  for (const Entry& e : impl_->entries) {
    for (const auto& r : e.roles) {
      if (!RoleFits(r.key, key)) continue;
      if (!key.country.empty() && r.country != key.country) continue;
      const bool active = date ? (!r.from || *r.from <= *date) && (!r.to || *date < *r.to) : !r.to.has_value();
      if (!active) continue;
      if (found != nullptr && found->id != e.id) return std::nullopt;  // "the president" of several countries
      found = &e;
    }
  }
  if (found == nullptr) return std::nullopt;
  return found->id;
}

std::vector<std::string> LeaderIndex::LeadersWhoHeld(std::string_view descriptor) const {
  std::vector<std::string> ids;
  const DescriptorKey key = ParseDescriptor(descriptor);
  // Only a bare role refers back to a person named earlier: "the French
  // president" after a mention of Tokayev is somebody else.
  if (key.role.empty() || key.other_words) return ids;
  for (const Entry& e : impl_->entries) {
    for (const auto& r : e.roles) {
      if (RoleFits(r.key, key) && (key.country.empty() || r.country == key.country)) {
        ids.push_back(e.id);
        break;
      }
    }
  }
  return ids;
}

std::string LeaderIndex::NameOf(std::string_view leader_id) const {
  for (const Entry& e : impl_->entries) {
    if (e.id == leader_id) return e.name;
  }
  return {};
}

}  // namespace newsmon
