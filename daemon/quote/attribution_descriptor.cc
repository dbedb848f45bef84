// Descriptors: a role noun heading a phrase ("the Kazakh leader", "der
// Gesandte Moldaus", "глава государства") that names no one by name but may
// point back at someone the story named; and the person or role a clause
// before a colon is about, which introduces a quote without a speech verb.
#include "quote/attributor.h"

namespace newsmon::quote_internal {

Np Attributor::DescriptorEndingAt(size_t i, size_t lo) const {
  Np np;
  if (!IsWord(i)) return np;
  const std::string& head = T(i).lower;
  // "Kazakhstan's head of state", "the head of government": the role noun
  // heads the phrase, its complement names the office.
  if ((head == "state" || head == "government") && i >= lo + 2 && IsWord(i - 1) && T(i - 1).lower == "of" &&
      IsWord(i - 2) && lex_->IsRoleNoun(T(i - 2).lower)) {
    np = DescriptorEndingAt(i - 2, lo);
    if (np.kind == Np::kDescriptor) np.end = i + 1;
    return np;
  }
  const bool head_is_role = lex_->IsRoleNoun(head) || (head.size() > 3 && head.back() == 's' &&
                                                       lex_->IsRoleNoun(head.substr(0, head.size() - 1)));
  // Russian puts the role first and its complement after, in the genitive:
  // "глава государства", "министр иностранных дел", "председатель правления".
  if (lex_->language == Language::kRussian && !head_is_role && !T(i).upper) {
    for (size_t r = i; r-- > lo && r + 4 > i && IsWord(r);) {
      if (lex_->IsRoleNoun(T(r).lower)) {
        np = DescriptorEndingAt(r, lo);
        if (np.kind == Np::kDescriptor) np.end = i + 1;
        return np;
      }
      if (T(r).upper && r + 1 < i) break;
    }
    return np;
  }
  // Verb forms are not heads of a speaker phrase ("his comments came after being").
  if (!head_is_role &&
      (head.ends_with("ed") || head.ends_with("ing") || lex_->IsSkippable(head) || lex_->IsRelativeOrConj(head))) {
    return np;
  }
  size_t b = i;
  bool determined = false;
  for (size_t n = 0; n < 6 && b > lo; ++n) {
    const size_t p = b - 1;
    // German "der"/"die" are articles as well as pronouns; before a noun they are articles.
    if (lex_->language == Language::kGerman && IsWord(p) && Has(p, Lexicon::kDeterminer)) {
      b = p;
      determined = true;
      break;
    }
    if (!IsWord(p) || Has(p, Lexicon::kSpeech) || Has(p, Lexicon::kPronoun)) break;
    if (Has(p, Lexicon::kPreposition) && !T(p).upper) break;
    if (Has(p, Lexicon::kSkippable) || Has(p, Lexicon::kRelative | Lexicon::kConj)) break;
    if (!T(p).upper && (T(p).lower.ends_with("ed") || T(p).lower.ends_with("ing")) && !Has(p, Lexicon::kDeterminer))
      break;
    b = p;
    if (Has(p, Lexicon::kDeterminer) || T(p).lower.ends_with("'s") || T(p).lower.ends_with("\xE2\x80\x99s")) {
      determined = true;
      break;
    }
  }
  if (!determined && !head_is_role) return np;
  np.kind = Np::kDescriptor;
  np.begin = b;
  np.end = i + 1;
  for (size_t k = b; k <= i; ++k) {
    const std::string_view role = RoleOf(k);
    if (!role.empty()) np.roles.emplace_back(role);
    const std::string_view country = CountryAt(k);
    if (!country.empty() && np.country.empty()) np.country = country;
  }
  return np;
}

Np Attributor::NameBeforeColon(size_t lo, size_t colon) const {
  // "Punklady Nina Hagen zur neuen Heimat: „…“", "Das Fazit von Sandra Boser
  // fällt knapp aus: „…“": with no cue, the person the clause is about
  // introduces the quote. Places and other prepositional names do not.
  for (size_t i = lo; i < colon; ++i) {
    if (!IsRunTok(i)) continue;
    // "Sämtliche Verantwortung weist X von sich:" — a word capitalised only
    // where it opens sentences starts no name.
    size_t e = i;
    while (e < colon && (IsRunTok(e) || ParticleJoins(e))) ++e;
    if (i == lo && lex_->language == Language::kGerman && doc_midcaps_.count(T(i).lower) == 0) {
      // A noun after it is the fronted object the run is ("Sämtliche
      // Verantwortung"); a name after it is the subject ("Kanzlerin Angela Merkel").
      if (HasNounSuffix(T(e - 1).lower)) i = e - 1;
      continue;
    }
    const bool after_prep = i > lo && IsWord(i - 1) && Has(i - 1, Lexicon::kPreposition) && T(i - 1).lower != "von" &&
                            T(i - 1).lower != "of";
    Np np = FromRun(i, e);
    const bool titled = e - i > np.name.size();
    // "Глава МИД Австрии: «…»" heads many Russian stories: a role speaks,
    // and which holder of it the story may say further down.
    const bool role_heads = np.kind == Np::kDescriptor && i == lo && lex_->language == Language::kRussian;
    if ((np.kind == Np::kName && !after_prep && (np.name.size() >= 2 || titled || KnownName(e - 1))) || role_heads) {
      np.begin = i;
      np.end = e;
      return np;
    }
    i = e;
  }
  return Np{};
}

}  // namespace newsmon::quote_internal
