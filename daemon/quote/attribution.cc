#include "quote/attribution.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "quote/persons.h"
#include "util/text.h"

namespace newsmon::quote_internal {
namespace {

// Quotes shorter than this with no cue in their sentence are scare quotes,
// nicknames or titles rather than speech.
constexpr size_t kMinUnattributedWords = 5;
// How far after a quote a "NAME verb" attribution may end, in tokens.
constexpr size_t kAfterWindow = 24;
constexpr size_t kAppositiveWindow = 24;

struct Np {
  enum Kind { kNone, kName, kPronoun, kDescriptor } kind = kNone;
  size_t begin = 0;  // token range of the whole phrase
  size_t end = 0;
  std::vector<std::string> name;   // surface words (kName)
  std::vector<std::string> roles;  // role keys
  std::string country;
  Gender gender = Gender::kUnknown;
};

struct Cue {
  bool found = false;
  bool weak = false;      // a cue that only supports partial quotes (called, sei)
  bool reported = false;  // Konjunktiv: the speaker is the current one
  Np np;
  std::string cue;
};

class Attributor {
 public:
  Attributor(std::string_view text, const Lexicon& lex, const LeaderIndex& leaders, const QuoteOptions& options)
      : text_(text), lex_(&lex), doc_lex_(&lex), leaders_(leaders), options_(options) {}

  std::vector<Quote> Run(const std::vector<Paragraph>& paragraphs, const std::vector<QuoteSpan>& spans);

 private:
  // --- tokens of the current paragraph ---
  const Token& T(size_t i) const { return toks_[i]; }
  bool IsWord(size_t i) const { return i < toks_.size() && toks_[i].kind == TokenKind::kWord; }
  bool IsQuoteTok(size_t i) const { return i < toks_.size() && toks_[i].kind == TokenKind::kQuote; }
  bool IsP(size_t i, char c) const { return i < toks_.size() && toks_[i].IsPunct(c); }
  bool IsSentenceEnd(size_t i) const {
    if (!(IsP(i, '.') || IsP(i, '!') || IsP(i, '?'))) return false;
    // "(R-Fla.) said", "etc., and": a dot inside a phrase.
    return !(i + 1 < toks_.size() && (IsP(i + 1, ')') || IsP(i + 1, ',') || IsLowerWord(i + 1)));
  }
  bool IsNameTok(size_t i) const;
  bool IsRunTok(size_t i) const;
  bool KnownName(size_t i) const;
  bool ComputeNameTok(const Token& t) const;
  bool IsLowerWord(size_t i) const { return IsWord(i) && !T(i).upper && T(i).has_letter; }
  std::string Surface(size_t i) const { return std::string(T(i).Text(text_)); }

  // --- noun phrases ---
  Np FromRun(size_t b, size_t e) const;
  void AddContext(size_t b, size_t lo, Np* np) const;
  Np NpEndingAt(size_t i, size_t lo) const;
  Np DescriptorEndingAt(size_t i, size_t lo) const;
  Np SubjectBefore(size_t v, size_t lo) const;
  Np SubjectAfter(size_t j, size_t hi) const;
  Np SentenceSubject(size_t lo, size_t limit) const;
  bool AtClauseStart(size_t b, size_t lo) const;

  // --- cues ---
  bool IsStrongCue(size_t i) const { return IsWord(i) && lex_->IsSpeechVerb(T(i).lower); }
  Cue CueAfter(size_t k, size_t hi) const;
  Cue CueBefore(size_t k, size_t lo, bool partial) const;
  Cue CueAt(size_t v, size_t lo, size_t k) const;

  // --- speakers ---
  struct Speaker {
    std::string name;
    std::string leader_id;
    int person = -1;
  };
  Speaker Resolve(const Np& np);
  std::string LeaderOfPerson(int person);
  void MentionNames(size_t lo, size_t hi);
  void SpeechEvent(size_t lo, size_t hi);

  size_t WordCount(const QuoteSpan& s) const;
  bool LooksLikeTitle(const QuoteSpan& s) const;
  bool NamesAWork(size_t k, size_t s_lo, const QuoteSpan& s) const;

  std::string_view text_;
  const Lexicon* lex_;      // of the current paragraph
  const Lexicon* doc_lex_;  // of the whole text
  const LeaderIndex& leaders_;
  const QuoteOptions& options_;
  Persons persons_;
  std::unordered_set<std::string> doc_lower_;
  std::unordered_map<int, std::string> person_leader_;
  mutable std::unordered_map<std::string, bool> leader_word_;  // KnownName cache
  std::vector<Token> toks_;
  const std::vector<QuoteSpan>* spans_ = nullptr;
  Speaker current_;  // speaker of the latest quote or speech event
};

bool Attributor::IsNameTok(size_t i) const {
  if (!IsWord(i)) return false;
  const Token& t = T(i);
  if (t.name_flag < 0) t.name_flag = ComputeNameTok(t) ? 1 : 0;
  return t.name_flag == 1;
}

bool Attributor::ComputeNameTok(const Token& t) const {
  if (!t.upper || !t.has_letter) return false;
  if (lex_->IsFunctionWord(t.lower) || lex_->IsPronoun(t.lower) || lex_->IsSpeechVerb(t.lower)) return false;
  if (lex_->IsDeterminer(t.lower) || lex_->IsSkippable(t.lower)) return false;
  return doc_lower_.count(NameKey(t.lower)) == 0;
}

bool Attributor::KnownName(size_t i) const {
  // A lone capitalised German word is a name only when the text gave it in
  // full somewhere, or it names a tracked leader ("sagte Tokajew").
  if (persons_.Known(T(i).lower)) return true;
  auto [it, inserted] = leader_word_.try_emplace(T(i).lower, false);
  if (inserted) it->second = leaders_.ResolveName(T(i).Text(text_)).has_value();
  return it->second;
}

bool Attributor::IsRunTok(size_t i) const {
  if (!IsWord(i)) return false;
  const Token& t = T(i);
  if (t.run_flag < 0) {
    const std::string& w = t.lower;
    t.run_flag = IsNameTok(i) || (t.upper && (lex_->IsTitle(w) || lex_->IsRoleNoun(w) || !CountryOf(w).empty()));
  }
  return t.run_flag == 1;
}

void Attributor::AddContext(size_t b, size_t lo, Np* np) const {
  // Role and country words just before a name or descriptor: "the German
  // chancellor Olaf Scholz", "президент Казахстана".
  for (size_t n = 0; n < 3 && b > lo; ++n) {
    --b;
    if (!IsWord(b)) break;
    const std::string& w = T(b).lower;
    const std::string role = RoleKey(w);
    const std::string country = CountryOf(w);
    if (role.empty() && country.empty() && !lex_->IsRoleNoun(w)) break;
    if (!role.empty()) np->roles.push_back(role);
    if (!country.empty() && np->country.empty()) np->country = country;
    auto g = lex_->titles.find(w);
    if (g != lex_->titles.end() && np->gender == Gender::kUnknown) np->gender = g->second;
    np->begin = b;
  }
}

Np Attributor::FromRun(size_t b, size_t e) const {
  Np np;
  np.begin = b;
  np.end = e;
  size_t s = b;
  // Titles, roles and nationality words lead the name: Sen., Bundeskanzlerin, German.
  while (s < e && IsWord(s)) {
    const std::string& w = T(s).lower;
    const bool title = lex_->IsTitle(w) || lex_->IsRoleNoun(w) || !CountryOf(w).empty() || !RoleKey(w).empty();
    const bool place_or_role = !CountryOf(w).empty() || !RoleKey(w).empty();
    if (!title ||
        (s + 1 == e && !place_or_role && lex_->language != Language::kGerman && !lex_->IsTitle(w) && IsNameTok(s))) {
      break;
    }
    auto g = lex_->titles.find(w);
    if (g != lex_->titles.end() && np.gender == Gender::kUnknown) np.gender = g->second;
    const std::string role = RoleKey(w);
    if (!role.empty()) np.roles.push_back(role);
    const std::string country = CountryOf(w);
    if (!country.empty() && np.country.empty()) np.country = country;
    if (lex_->language == Language::kGerman && w.size() > 2 && w.compare(w.size() - 2, 2, "in") == 0 &&
        lex_->IsRoleNoun(w)) {
      np.gender = Gender::kFemale;
    }
    ++s;
  }
  if (s == e || (IsWord(e - 1) && lex_->IsRoleNoun(T(e - 1).lower) && !lex_->IsTitle(T(e - 1).lower))) {
    np.kind = Np::kDescriptor;
    return np;
  }
  for (size_t i = s; i < e; ++i) np.name.push_back(Surface(i));
  np.name.back() = NameKey(np.name.back()) == T(e - 1).lower ? np.name.back() : [&] {
    std::string w = np.name.back();
    const size_t cut = w.rfind('\'') != std::string::npos ? w.rfind('\'') : w.rfind("\xE2\x80\x99");
    return cut == std::string::npos ? w : w.substr(0, cut);
  }();
  np.kind = Np::kName;
  return np;
}

Np Attributor::DescriptorEndingAt(size_t i, size_t lo) const {
  Np np;
  if (!IsWord(i)) return np;
  const std::string& head = T(i).lower;
  const bool head_is_role = lex_->IsRoleNoun(head) || (head.size() > 3 && head.back() == 's' &&
                                                       lex_->IsRoleNoun(head.substr(0, head.size() - 1)));
  // Verb forms are not heads of a speaker phrase ("his comments came after being").
  if (!head_is_role &&
      (head.ends_with("ed") || head.ends_with("ing") || lex_->IsSkippable(head) || lex_->IsRelativeOrConj(head))) {
    return np;
  }
  size_t b = i;
  bool determined = false;
  for (size_t n = 0; n < 6 && b > lo; ++n) {
    const size_t p = b - 1;
    if (!IsWord(p) || lex_->IsSpeechVerb(T(p).lower) || lex_->IsPronoun(T(p).lower)) break;
    if (lex_->IsPreposition(T(p).lower) && !T(p).upper) break;
    if (lex_->IsSkippable(T(p).lower) || lex_->IsRelativeOrConj(T(p).lower)) break;
    if (!T(p).upper && (T(p).lower.ends_with("ed") || T(p).lower.ends_with("ing")) && !lex_->IsDeterminer(T(p).lower))
      break;
    b = p;
    if (lex_->IsDeterminer(T(p).lower) || T(p).lower.ends_with("'s") || T(p).lower.ends_with("\xE2\x80\x99s")) {
      determined = true;
      break;
    }
  }
  if (!determined && !head_is_role) return np;
  np.kind = Np::kDescriptor;
  np.begin = b;
  np.end = i + 1;
  for (size_t k = b; k <= i; ++k) {
    const std::string role = RoleKey(T(k).lower);
    if (!role.empty()) np.roles.push_back(role);
    const std::string country = CountryOf(T(k).lower);
    if (!country.empty() && np.country.empty()) np.country = country;
  }
  return np;
}

bool Attributor::AtClauseStart(size_t b, size_t lo) const {
  // Determiners and adjectives may open the phrase: "Der stellvertretende
  // SPD-Fraktionsvorsitzende Michael Müller".
  for (int n = 0; n < 4 && b > lo && IsWord(b - 1) && !lex_->IsPreposition(T(b - 1).lower) &&
                  (lex_->IsDeterminer(T(b - 1).lower) || IsLowerWord(b - 1)) &&
                  lex_->conjunctions.count(T(b - 1).lower) == 0 && !lex_->IsSkippable(T(b - 1).lower);
       ++n) {
    --b;
  }
  if (b <= lo) return true;
  const size_t p = b - 1;
  if (IsP(p, ',') || IsP(p, ':') || IsP(p, '-') || IsP(p, '(') || IsP(p, ';')) return true;
  return IsWord(p) && lex_->IsRelativeOrConj(T(p).lower) && lex_->conjunctions.count(T(p).lower) != 0;
}

Np Attributor::NpEndingAt(size_t i, size_t lo) const {
  Np np;
  if (i < lo || !IsWord(i)) return np;
  const Token& t = T(i);
  if (lex_->IsPronoun(t.lower) && !(i > lo && IsWord(i - 1) && lex_->IsDeterminer(T(i - 1).lower))) {
    np.kind = Np::kPronoun;
    np.begin = i;
    np.end = i + 1;
    np.gender = lex_->pronouns.at(t.lower);
    return np;
  }
  if (IsRunTok(i)) {
    size_t b = i;
    while (b > lo) {
      if (IsRunTok(b - 1)) {
        --b;
      } else if (b - 1 > lo && IsWord(b - 1) && lex_->IsParticle(T(b - 1).lower) && IsRunTok(b - 2)) {
        b -= 2;
      } else {
        break;
      }
    }
    // A name inside a prepositional phrase is not the speaker: "a spokesman
    // for Paul Ryan", "der Sprecher des Ministeriums"; but "Tom Cole of
    // Oklahoma" is Tom Cole.
    if (b > lo && IsWord(b - 1) && lex_->IsPreposition(T(b - 1).lower) && !T(b - 1).upper) {
      if (b - 1 > lo) {
        const std::string& prep = T(b - 1).lower;
        if ((prep == "of" || prep == "from" || prep == "aus" || prep == "vom" || prep == "von") && IsNameTok(b - 2)) {
          Np head = NpEndingAt(b - 2, lo);
          if (head.kind == Np::kName) {
            head.end = i + 1;
            return head;
          }
        }
        Np head = DescriptorEndingAt(b - 2, lo);
        if (head.kind == Np::kDescriptor) {
          head.end = i + 1;
          return head;
        }
      }
      return np;
    }
    np = FromRun(b, i + 1);
    AddContext(np.begin, lo, &np);
    if (np.begin > lo && IsWord(np.begin - 1) && lex_->IsDeterminer(T(np.begin - 1).lower)) {
      --np.begin;
      // German: "der Sprecher" / "die Deutsche Welle" are not people named.
      if (np.kind == Np::kName && np.name.size() == 1 && lex_->language == Language::kGerman && np.begin + 2 == i + 1) {
        np.kind = Np::kDescriptor;
        np.name.clear();
      }
    }
    // "In einem Interview", "am Samstagabend": an adverbial, not a subject.
    if (np.begin > lo && IsWord(np.begin - 1) && lex_->IsPreposition(T(np.begin - 1).lower)) return Np{};
    return np;
  }
  if (IsLowerWord(i)) {
    np = DescriptorEndingAt(i, lo);
    if (np.kind != Np::kNone && np.begin > lo && IsWord(np.begin - 1) && lex_->IsPreposition(T(np.begin - 1).lower))
      return Np{};
    return np;
  }
  return np;
}

Np Attributor::SubjectBefore(size_t v, size_t lo) const {
  Np none;
  if (v <= lo) return none;
  size_t i = v - 1;
  while (i > lo && IsWord(i) && lex_->IsSkippable(T(i).lower)) --i;
  if (IsWord(i) && lex_->IsSkippable(T(i).lower)) return none;
  // "Renate Schmidt (SPD) äußerte": skip a parenthesis.
  if (IsP(i, ')')) {
    size_t p = i;
    for (size_t n = 0; n < 8 && p > lo && !IsP(p, '('); ++n) --p;
    if (!IsP(p, '(') || p <= lo) return none;
    i = p - 1;
  }
  if (IsWord(i) && lex_->IsRelativeOrConj(T(i).lower)) return none;  // "… and said", "a man who said"
  Np np;
  if (IsP(i, ',') || IsP(i, '-')) {
    // Appositive: "Jane Roe, a lecturer at X, told" / "his aide, Ann Lee, said" /
    // "Günther Platter, der Minister, der …, sagte" (several segments).
    size_t c1 = i;
    for (int segment = 0; segment < 3; ++segment) {
      size_t c0 = c1;
      for (size_t n = 0; n < kAppositiveWindow && c0 > lo; ++n) {
        --c0;
        if (IsQuoteTok(c0) || IsSentenceEnd(c0)) return none;
        if (IsP(c0, ',') || IsP(c0, '-')) break;
      }
      if (c0 == c1 || !(IsP(c0, ',') || IsP(c0, '-')) || c0 <= lo) return none;
      Np a = NpEndingAt(c0 - 1, lo);
      Np b = NpEndingAt(c1 - 1, c0 + 1);
      const bool b_whole_name = b.kind == Np::kName && b.begin == c0 + 1;
      if (b_whole_name && a.kind != Np::kName) {
        b.roles.insert(b.roles.end(), a.roles.begin(), a.roles.end());
        return b;
      }
      if (a.kind == Np::kName || a.kind == Np::kPronoun) {
        a.end = v;
        if (lex_->language == Language::kGerman && !AtClauseStart(a.begin, lo)) return none;
        return a;
      }
      // The segment was a relative clause or a description: look further left.
      c1 = c0;
      if (a.kind == Np::kDescriptor && segment == 2) return a;
    }
    return none;
  } else {
    np = NpEndingAt(i, lo);
  }
  // German puts the finite verb second: what precedes it is the subject only
  // when it opens the clause ("Dazu sagte Merz", "Am Montag sagte er").
  if (np.kind != Np::kNone && lex_->language == Language::kGerman && !AtClauseStart(np.begin, lo)) return none;
  return np;
}

Np Attributor::SubjectAfter(size_t j, size_t hi) const {
  Np np;
  while (j < hi && IsWord(j) && lex_->IsSkippable(T(j).lower)) ++j;
  if (j >= hi || !IsWord(j)) return np;
  const Token& t = T(j);
  if (lex_->IsPronoun(t.lower)) {
    np.kind = Np::kPronoun;
    np.begin = j;
    np.end = j + 1;
    np.gender = lex_->pronouns.at(t.lower);
    return np;
  }
  size_t k = j;
  if (lex_->IsDeterminer(t.lower)) ++k;
  // "said Republican party boss Reince Priebus", "said Virginia delegate Beau
  // Correll": the name that ends a short stretch of modifiers is the speaker.
  {
    size_t x = k;
    size_t last_b = 0;
    size_t last_e = 0;
    while (x < hi && x < k + 9 && IsWord(x) && !lex_->IsSpeechVerb(T(x).lower) &&
           !(lex_->IsPreposition(T(x).lower) && !T(x).upper) && !lex_->IsRelativeOrConj(T(x).lower)) {
      if (IsRunTok(x)) {
        const size_t b = x;
        while (x < hi && (IsRunTok(x) || (IsWord(x) && lex_->IsParticle(T(x).lower) && IsRunTok(x + 1)))) ++x;
        last_b = b;
        last_e = x;
      } else {
        ++x;
      }
    }
    if (last_e == x && last_b > k) {
      Np name = FromRun(last_b, last_e);
      bool modifiers_ok = true;
      for (size_t y = k; y < last_b; ++y) modifiers_ok = modifiers_ok && !lex_->IsPronoun(T(y).lower);
      if (name.kind == Np::kName && modifiers_ok &&
          !(lex_->language == Language::kGerman && name.name.size() == 1 && !KnownName(last_e - 1))) {
        for (size_t y = k; y < last_b; ++y) {
          const std::string role = RoleKey(T(y).lower);
          if (!role.empty()) name.roles.push_back(role);
        }
        name.begin = j;
        name.end = last_e;
        return name;
      }
    }
  }
  // Lower-case words of a descriptor ("the German chancellor", "der frühere Minister").
  size_t e = k;
  while (e < hi && e < k + 6 && IsWord(e) && !lex_->IsSpeechVerb(T(e).lower) &&
         !(lex_->IsPreposition(T(e).lower) && !T(e).upper) && !IsRunTok(e)) {
    ++e;
  }
  size_t r = e;
  while (r < hi) {
    if (IsRunTok(r)) {
      ++r;
    } else if (r + 1 < hi && IsWord(r) && lex_->IsParticle(T(r).lower) && IsRunTok(r + 1)) {
      r += 2;
    } else {
      break;
    }
  }
  if (r > e) {
    np = FromRun(e, r);
    np.begin = j;
    np.end = r;
    for (size_t x = k; x < e; ++x) {
      const std::string role = RoleKey(T(x).lower);
      if (!role.empty()) np.roles.push_back(role);
      const std::string country = CountryOf(T(x).lower);
      if (!country.empty() && np.country.empty()) np.country = country;
    }
    // German nouns are capitalised: a lone unknown word after the verb is an
    // object ("äußerte Vorbehalte"), not a person, unless it opens a descriptor.
    if (np.kind == Np::kName && lex_->language == Language::kGerman && np.name.size() == 1 && !KnownName(r - 1)) {
      np.kind = k > j ? Np::kDescriptor : Np::kNone;
      np.name.clear();
      if (np.kind == Np::kNone) return np;
    }
  } else if (e > k && (k > j || lex_->IsRoleNoun(T(e - 1).lower))) {
    np.kind = Np::kDescriptor;
    np.begin = j;
    np.end = e;
    for (size_t x = k; x < e; ++x) {
      const std::string role = RoleKey(T(x).lower);
      if (!role.empty()) np.roles.push_back(role);
    }
  } else {
    return np;
  }
  // "said the spokeswoman, Ann Lee" / "sagte der Vorsitzende des Verbandes,
  // Elmar Gesse" — a name in apposition wins.
  if (np.kind == Np::kDescriptor) {
    size_t c = np.end;
    for (size_t n = 0; n < 10 && c < hi && IsWord(c) && !lex_->IsSpeechVerb(T(c).lower); ++n) ++c;
    if (c < hi && IsP(c, ',') && IsRunTok(c + 1)) {
      const size_t b = c + 1;
      size_t x = b;
      while (x < hi && IsRunTok(x)) ++x;
      if (x >= hi || !IsWord(x)) {
        Np name = FromRun(b, x);
        if (name.kind == Np::kName) {
          name.roles.insert(name.roles.end(), np.roles.begin(), np.roles.end());
          name.begin = j;
          return name;
        }
      }
    }
  }
  return np;
}

Np Attributor::SentenceSubject(size_t lo, size_t limit) const {
  // The first name (or pronoun) that opens a clause and is followed by a
  // verb-like lower-case word, possibly after an appositive:
  // "Christie, New Jersey's governor, repeated ..." / "Speaking in Salem, Trump went ...".
  for (size_t i = lo; i < limit && i < lo + 40; ++i) {
    if (!IsWord(i)) continue;
    size_t e = i;
    Np np;
    if (lex_->IsPronoun(T(i).lower) && AtClauseStart(i, lo)) {
      np.kind = Np::kPronoun;
      np.begin = i;
      np.end = i + 1;
      np.gender = lex_->pronouns.at(T(i).lower);
      e = i + 1;
    } else if (IsRunTok(i) && !(i > lo && IsWord(i - 1) && lex_->IsPreposition(T(i - 1).lower))) {
      while (e < limit && IsRunTok(e)) ++e;
      np = FromRun(i, e);
      if (np.kind != Np::kName) {
        i = e;
        continue;
      }
      if (lex_->language == Language::kGerman && np.name.size() == 1 && !KnownName(e - 1)) {
        i = e;
        continue;
      }
      np.begin = i;
      np.end = e;
    } else {
      continue;
    }
    size_t n = e;
    if (IsP(n, '(')) {
      while (n < limit && !IsP(n, ')')) ++n;
      ++n;
    }
    if (IsP(n, ',') && IsLowerWord(n + 1) && lex_->language == Language::kGerman) ++n;
    if (IsP(n, ',')) {  // appositive up to the next comma
      size_t c = n + 1;
      while (c < limit && c < n + 15 && !IsP(c, ',') && !IsQuoteTok(c) && !IsSentenceEnd(c)) ++c;
      if (c < limit && IsP(c, ',')) n = c + 1;
    }
    if (IsP(n, '(')) {
      while (n < limit && !IsP(n, ')')) ++n;
      ++n;
    }
    while (n < limit && IsWord(n) && lex_->IsSkippable(T(n).lower)) ++n;
    if (IsWord(n) && T(n).has_letter && !T(n).upper && !lex_->IsPreposition(T(n).lower) &&
        !lex_->IsDeterminer(T(n).lower) && !lex_->IsRelativeOrConj(T(n).lower)) {
      return np;
    }
    i = e - 1;
  }
  return Np{};
}

Cue Attributor::CueAfter(size_t k, size_t hi) const {
  Cue c;
  size_t j = k + 1;
  for (int n = 0; n < 2 && j < hi && (IsP(j, ',') || IsP(j, '-')); ++n) ++j;
  if (j >= hi || !IsWord(j)) return c;
  const std::string& w = T(j).lower;
  const bool german_so = lex_->language == Language::kGerman && w == "so" && j == k + 2 && IsP(k + 1, ',');
  if (lex_->IsSpeechVerb(w) || german_so) {
    Np np = SubjectAfter(j + 1, hi);
    if (np.kind != Np::kNone) {
      c.found = true;
      c.cue = Surface(j);
      c.np = np;
      return c;
    }
  }
  if ((w == "according" && IsWord(j + 1) && T(j + 1).lower == "to") ||
      (w == "по" && IsWord(j + 1) && T(j + 1).lower == "словам")) {
    c.found = true;
    c.cue = Surface(j) + " " + Surface(j + 1);
    c.np = SubjectAfter(j + 2, hi);
    return c;
  }
  // "…," Scholz said / "…." he said: a new sentence after a full stop inside
  // the marks is attribution only when it opens with a pronoun.
  const QuoteSpan& span = (*spans_)[static_cast<size_t>(T(k).quote)];
  char32_t last = 0;
  for (size_t p = span.body_end; p > span.body_begin;) {
    last = DecodeBefore(text_, p);
    if (!IsSpace(last)) break;
    size_t len = 0;
    DecodeAt(text_, p - 1, &len);
    --p;
    while (p > span.body_begin && (static_cast<unsigned char>(text_[p]) & 0xC0) == 0x80) --p;
  }
  const bool full_stop = last == '.';
  for (size_t v = j; v < hi && v < j + kAfterWindow; ++v) {
    if (IsQuoteTok(v) || IsSentenceEnd(v)) break;
    if (lex_->language == Language::kGerman && IsP(v, ',') && IsWord(v + 1) && T(v + 1).lower == "so") {
      Np np = SubjectAfter(v + 2, hi);
      if (np.kind == Np::kName || np.kind == Np::kPronoun) {
        c.found = true;
        c.cue = "so";
        c.np = np;
        return c;
      }
    }
    if (!IsStrongCue(v)) continue;
    Np np = SubjectBefore(v, j);
    // Lower-case modifiers may precede the name: "election law expert Rick Hasen tweeted".
    bool starts_here = np.begin == j;
    if (np.kind == Np::kName && np.begin > j && np.begin <= j + 4) {
      starts_here = true;
      for (size_t y = j; y < np.begin; ++y)
        starts_here = starts_here && IsLowerWord(y) && !lex_->IsSkippable(T(y).lower);
    }
    // After a full stop inside the marks, "NAME said." still attributes;
    // "NAME said the plan …" starts a new statement.
    bool closes = true;
    if (full_stop) {
      const size_t n = v + 1;
      closes = n >= hi || IsSentenceEnd(n) || IsP(n, ',') || IsQuoteTok(n) ||
               (IsWord(n) && (lex_->IsPreposition(T(n).lower) || T(n).lower == "as" || T(n).lower == "while" ||
                              T(n).lower.ends_with("ly")));
    }
    if (np.kind != Np::kNone && starts_here && closes) {
      c.found = true;
      c.cue = Surface(v);
      c.np = np;
    }
    break;
  }
  return c;
}

Cue Attributor::CueAt(size_t v, size_t lo, size_t k) const {
  Cue c;
  c.found = true;
  c.cue = Surface(v);
  size_t verb = v;
  // German perfect and passive: "Stoiber hatte … betont", "wird Musk … zitiert".
  if (lex_->language == Language::kGerman) {
    for (size_t a = v; a-- > lo;) {
      if (IsP(a, ',') || IsP(a, ':') || IsQuoteTok(a)) break;
      if (!IsWord(a)) continue;
      const std::string& w = T(a).lower;
      if (w == "hat" || w == "hatte" || w == "hätte" || w == "wird" || w == "wurde" || w == "ist" || w == "war" ||
          w == "habe" || w == "haben" || w == "hatten") {
        verb = a;
        break;
      }
    }
  }
  const std::string& w = T(v).lower;
  // "…, saying …", "telling the crowd …": the participle's subject is the sentence's.
  if (lex_->language == Language::kEnglish && w.ends_with("ing")) {
    c.np = SentenceSubject(lo, v);
    return c;
  }
  size_t before = verb;
  while (before > lo && IsWord(before - 1) && lex_->IsSkippable(T(before - 1).lower)) --before;
  if (before > lo && IsWord(before - 1) && lex_->conjunctions.count(T(before - 1).lower) != 0) {
    c.np = SentenceSubject(lo, verb);  // "X … and said"
    return c;
  }
  c.np = SubjectBefore(verb, lo);
  if (c.np.kind == Np::kNone && lex_->language == Language::kGerman) {
    // Verb-final clause: "Wie der Minister am Dienstag erklärte, …", "…, dass er …".
    for (size_t a = verb; a-- > lo;) {
      if (IsP(a, ',') || IsQuoteTok(a)) break;
      if (IsWord(a) && (T(a).lower == "wie" || T(a).lower == "als" || T(a).lower == "dass" || T(a).lower == "nachdem" ||
                        T(a).lower == "weil" || T(a).lower == "da")) {
        c.np = SubjectAfter(a + 1, verb);
        break;
      }
    }
  }
  // English inverts only right at the start of a clause ("…,” said Scholz").
  const bool may_invert = lex_->language != Language::kEnglish || before == lo || IsP(before - 1, ',') ||
                          IsP(before - 1, ':') || IsQuoteTok(before - 1);
  if (c.np.kind == Np::kNone && may_invert) c.np = SubjectAfter(verb + 1, k);
  if (c.np.kind == Np::kNone && (!may_invert || lex_->language == Language::kGerman)) {
    c.np = SentenceSubject(lo, verb);
  }
  return c;
}

Cue Attributor::CueBefore(size_t k, size_t lo, bool partial) const {
  Cue c;
  if (k == 0 || k <= lo) return c;
  Cue weak;
  bool reported = false;
  for (size_t v = k; v-- > lo;) {
    if (IsQuoteTok(v)) break;
    if (!IsWord(v)) continue;
    const std::string& w = T(v).lower;
    if (lex_->IsSpeechVerb(w)) return CueAt(v, lo, k);
    if ((w == "according" && IsWord(v + 1) && T(v + 1).lower == "to") || w == "laut" ||
        (w == "по" && IsWord(v + 1) && T(v + 1).lower == "словам") ||
        (w == "worten" && v > lo && IsWord(v - 1) && T(v - 1).lower == "den")) {
      c.found = true;
      c.cue = Surface(v);
      c.np = SubjectAfter(v + (w == "laut" || w == "worten" ? 1 : 2), k);
      return c;
    }
    if (w == "so" && lex_->language == Language::kGerman && v > lo && IsP(v - 1, ',')) {
      Np np = SubjectAfter(v + 1, k);
      if (np.kind == Np::kName || np.kind == Np::kPronoun) {
        c.found = true;
        c.cue = Surface(v);
        c.np = np;
        return c;
      }
    }
    if (w == "zufolge") {
      c.found = true;
      c.cue = Surface(v);
      c.np = NpEndingAt(v - 1, lo);
      return c;
    }
    if (partial && !weak.found && lex_->IsWeakCue(w)) {
      weak = CueAt(v, lo, k);
      weak.weak = true;
    }
    if (partial && lex_->IsReported(w)) {
      // "Er habe „…“": the pronoun names the speaker of the reported clause.
      if (!reported && !weak.found && v > lo && IsWord(v - 1) && lex_->IsPronoun(T(v - 1).lower) &&
          AtClauseStart(v - 1, lo)) {
        weak.found = true;
        weak.weak = true;
        weak.cue = Surface(v);
        weak.np = NpEndingAt(v - 1, lo);
      }
      reported = true;
    }
  }
  if (weak.found) return weak;
  // "Scholz: “…”" — a name (or pronoun) opening the clause before a colon.
  if (IsP(k - 1, ':') && k >= 2 && k - 2 >= lo) {
    Np np = NpEndingAt(k - 2, lo);
    if ((np.kind == Np::kName || np.kind == Np::kPronoun) && AtClauseStart(np.begin, lo)) {
      c.found = true;
      c.cue = ":";
      c.np = np;
      return c;
    }
    // "Erkki Tuomioja, Präsident des Rats: „…“"
    if (IsRunTok(lo)) {
      size_t e = lo;
      while (e < k && IsRunTok(e)) ++e;
      Np head = FromRun(lo, e);
      if (head.kind == Np::kName && (IsP(e, ',') || e == k - 1)) {
        c.found = true;
        c.cue = ":";
        c.np = head;
        return c;
      }
    }
  }
  if (reported) {
    c.found = true;
    c.reported = true;
  }
  return c;
}

std::string Attributor::LeaderOfPerson(int person) {
  if (person < 0) return {};
  auto it = person_leader_.find(person);
  if (it != person_leader_.end()) return it->second;
  std::string id;
  if (auto r = leaders_.ResolveName(persons_.FullName(person))) id = *r;
  person_leader_[person] = id;
  return id;
}

Attributor::Speaker Attributor::Resolve(const Np& np) {
  Speaker s;
  switch (np.kind) {
    case Np::kNone:
      break;
    case Np::kName:
      s.person = persons_.Mention(np.name, np.gender, np.roles);
      s.name = persons_.FullName(s.person);
      s.leader_id = LeaderOfPerson(s.person);
      break;
    case Np::kPronoun:
      s.person = persons_.Resolve(np.gender);
      if (s.person >= 0) {
        Person& p = persons_.at(s.person);
        if (p.gender == Gender::kUnknown && np.gender != Gender::kPlural) p.gender = np.gender;
        s.name = persons_.FullName(s.person);
        s.leader_id = LeaderOfPerson(s.person);
      }
      break;
    case Np::kDescriptor: {
      for (const auto& role : np.roles) {
        s.person = persons_.WithRole(role);
        if (s.person >= 0) break;
      }
      if (s.person >= 0) {
        s.name = persons_.FullName(s.person);
        s.leader_id = LeaderOfPerson(s.person);
        break;
      }
      std::string phrase;
      for (size_t i = np.begin; i < np.end && i < toks_.size(); ++i) {
        if (!phrase.empty()) phrase += ' ';
        phrase += Surface(i);
      }
      if (auto id = leaders_.ResolveDescriptor(phrase, options_.date)) {
        s.leader_id = *id;
        s.name = leaders_.NameOf(*id);
        break;
      }
      s.name = phrase;
      break;
    }
  }
  if (s.person >= 0) persons_.Spoke(s.person);
  return s;
}

void Attributor::MentionNames(size_t lo, size_t hi) {
  for (size_t i = lo; i < hi;) {
    if (!IsNameTok(i)) {
      ++i;
      continue;
    }
    size_t b = i;
    while (b > lo && IsRunTok(b - 1)) --b;
    size_t e = i;
    while (e < hi && IsRunTok(e)) ++e;
    Np np = FromRun(b, e);
    AddContext(b, lo, &np);
    if (np.kind == Np::kName &&
        !(b > lo && IsWord(b - 1) && lex_->IsPreposition(T(b - 1).lower) && np.name.size() == 1)) {
      persons_.Mention(np.name, np.gender, np.roles);
    }
    i = e;
  }
}

void Attributor::SpeechEvent(size_t lo, size_t hi) {
  for (size_t v = lo; v < hi; ++v) {
    if (!IsStrongCue(v)) continue;
    Cue c = CueAt(v, lo, hi);
    if (c.np.kind == Np::kNone) c.np = SentenceSubject(lo, v);
    if (c.np.kind == Np::kNone) continue;
    Speaker s = Resolve(c.np);
    if (!s.name.empty()) current_ = s;
    return;
  }
  // No speech verb: a sentence about a named person makes them the likely
  // speaker of a quote that follows on its own.
  Np np = SentenceSubject(lo, hi);
  if (np.kind == Np::kName) {
    Speaker s = Resolve(np);
    if (!s.name.empty()) current_ = s;
  }
}

bool Attributor::NamesAWork(size_t k, size_t s_lo, const QuoteSpan& s) const {
  // „…“ right after a noun is its name: "die Fernsehserie „In aller
  // Freundschaft“", "the film “Trainwreck”", "CNN’s “New Day”". Speech
  // fragments follow verbs, prepositions or conjunctions instead, or start in
  // lower case.
  if (k == s_lo || !IsWord(k - 1) || k - 1 == s_lo) return false;
  size_t len = 0;
  size_t i = s.body_begin;
  while (i < s.body_end && !IsLetter(DecodeAt(text_, i, &len))) i += len > 0 ? len : 1;
  if (i >= s.body_end || !IsUpper(DecodeAt(text_, i, &len))) return false;
  const std::string& prev = T(k - 1).lower;
  static const std::unordered_set<std::string> kWorkNouns = {
      "film",      "movie",     "show",      "series",   "book",   "album",     "song",   "program",
      "programme", "newspaper", "magazine",  "novel",    "play",   "column",    "slogan", "hashtag",
      "poster",    "shirt",     "titled",    "entitled", "dubbed", "nicknamed", "named",  "sign",
      "banner",    "campaign",  "operation", "motto",    "label",  "brand"};
  if (kWorkNouns.count(prev) != 0) return true;
  if (prev.ends_with("'s") || prev.ends_with("\xE2\x80\x99s")) return T(k - 1).upper;
  if (!T(k - 1).upper) return false;
  return !lex_->IsFunctionWord(prev) && !lex_->IsDeterminer(prev);
}

size_t Attributor::WordCount(const QuoteSpan& s) const {
  size_t n = 0;
  bool in_word = false;
  for (size_t i = s.body_begin; i < s.body_end;) {
    size_t len = 0;
    const char32_t c = DecodeAt(text_, i, &len);
    const bool w = IsLetter(c) || IsDigit(c);
    if (w && !in_word) ++n;
    in_word = w || (in_word && (c == '\'' || c == 0x2019 || c == '-'));
    i += len;
  }
  return n;
}

bool Attributor::LooksLikeTitle(const QuoteSpan& s) const {
  // Names of works and organisations: every word capitalised, no sentence punctuation.
  size_t words = 0;
  bool at_word_start = true;
  char32_t last = 0;
  for (size_t i = s.body_begin; i < s.body_end;) {
    size_t len = 0;
    const char32_t c = DecodeAt(text_, i, &len);
    if (IsLetter(c) || IsDigit(c)) {
      if (at_word_start) {
        ++words;
        if (IsLowerLetter(c) && len > 0) {
          // Short function words inside titles ("of", "the", "und") are allowed.
          size_t j = i;
          size_t step = 0;
          while (j < s.body_end && IsLetter(DecodeAt(text_, j, &step))) j += step;
          if (j - i > 3) return false;
        }
      }
      at_word_start = false;
    } else if (IsSpace(c)) {
      at_word_start = true;
    }
    if (!IsSpace(c)) last = c;
    i += len;
  }
  return words >= 1 && words <= 4 && last != '.' && last != '!' && last != '?' && last != ',';
}

std::vector<Quote> Attributor::Run(const std::vector<Paragraph>& paragraphs, const std::vector<QuoteSpan>& spans) {
  // Tokens of every paragraph, with each quote as one token.
  std::vector<std::vector<Token>> para_toks(paragraphs.size());
  size_t si = 0;
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    std::vector<Token>& out = para_toks[p];
    size_t pos = paragraphs[p].begin;
    for (; si < spans.size() && spans[si].paragraph == p; ++si) {
      Tokenize(text_, pos, spans[si].open_begin, &out);
      Token q;
      q.kind = TokenKind::kQuote;
      q.begin = spans[si].open_begin;
      q.end = spans[si].close_end;
      q.quote = static_cast<int>(si);
      out.push_back(std::move(q));
      pos = spans[si].close_end;
    }
    Tokenize(text_, pos, paragraphs[p].end, &out);
    for (const Token& t : out) {
      if (t.kind == TokenKind::kWord && t.has_letter && !t.upper) doc_lower_.insert(NameKey(t.lower));
    }
  }
  // Full names anywhere in the text, so a surname maps to the fullest form.
  for (auto& pt : para_toks) {
    toks_.swap(pt);
    for (size_t i = 0; i < toks_.size();) {
      if (!IsRunTok(i)) {
        ++i;
        continue;
      }
      size_t e = i;
      while (e < toks_.size() && (IsRunTok(e) || (IsWord(e) && lex_->IsParticle(T(e).lower) && IsRunTok(e + 1)))) ++e;
      Np np = FromRun(i, e);
      if (np.kind == Np::kName) persons_.Register(np.name);
      i = e;
    }
    toks_.swap(pt);
  }

  spans_ = &spans;
  std::vector<Quote> quotes;
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    toks_.swap(para_toks[p]);
    // Mixed-language texts (a Russian quote in an English story): each
    // paragraph uses its own lexicon unless the caller fixed the language.
    if (options_.language.empty()) {
      const std::string_view para = text_.substr(paragraphs[p].begin, paragraphs[p].end - paragraphs[p].begin);
      lex_ = &LexiconFor(DetectLanguageOr(para.substr(0, 800), doc_lex_->language));
      // Token caches were filled with the text's lexicon in the first pass.
      if (lex_ != doc_lex_) {
        for (const Token& t : toks_) t.name_flag = t.run_flag = -1;
      }
    }
    size_t s_lo = 0;
    while (s_lo < toks_.size()) {
      size_t s_hi = s_lo;
      while (s_hi < toks_.size() && !IsSentenceEnd(s_hi)) ++s_hi;
      if (s_hi < toks_.size()) ++s_hi;  // include the end mark
      bool has_quote = false;
      size_t prev_q = s_lo;
      bool prev_exists = false;
      for (size_t k = s_lo; k < s_hi; ++k) {
        if (!IsQuoteTok(k)) continue;
        has_quote = true;
        const QuoteSpan& span = spans[static_cast<size_t>(T(k).quote)];
        const size_t lo = prev_exists ? prev_q + 1 : s_lo;
        const bool sentence_initial = k == s_lo;
        const bool colon_intro = k > lo && IsP(k - 1, ':');
        Cue after = CueAfter(k, s_hi);
        Cue before = CueBefore(k, lo, !sentence_initial);
        Cue chosen;
        AttributionMethod method = AttributionMethod::kExplicit;
        if (colon_intro && before.found && !before.reported) {
          chosen = before;
        } else if (after.found) {
          chosen = after;
        } else if (before.found) {
          chosen = before;
          if (prev_exists && !before.reported) method = AttributionMethod::kSplit;
        }
        const size_t words = WordCount(span);
        Quote q;
        q.start = span.body_begin;  // bytes for now; converted by the caller
        q.end = span.body_end;
        q.paragraph = p;
        bool report = true;
        Speaker sp;
        if (chosen.found && !chosen.reported) {
          q.cue = chosen.cue;
          Np np = chosen.np;
          // A cue without its own subject ("…, adding: “…”") belongs to the sentence's subject.
          if (np.kind == Np::kNone) np = SentenceSubject(s_lo, k);
          sp = Resolve(np);
          if (np.kind == Np::kPronoun) method = AttributionMethod::kPronoun;
          if (np.kind == Np::kDescriptor) method = AttributionMethod::kDescriptor;
          if (np.kind == Np::kNone) {
            sp = current_;
            method = sp.name.empty() ? AttributionMethod::kNone : AttributionMethod::kContinuation;
          }
          if ((chosen.weak || chosen.reported) && words <= 4 && LooksLikeTitle(span)) report = false;
          if ((chosen.weak || chosen.reported || words <= 6) && NamesAWork(k, s_lo, span)) report = false;
        } else {
          // No cue: a partial quote inside a sentence belongs to its subject;
          // a quote standing alone continues the running speaker.
          Np np;
          if (!sentence_initial) np = SentenceSubject(s_lo, k);
          if (np.kind != Np::kNone) {
            sp = Resolve(np);
            method = np.kind == Np::kPronoun ? AttributionMethod::kPronoun : AttributionMethod::kExplicit;
          } else {
            sp = current_;
            method = AttributionMethod::kContinuation;
          }
          if (!chosen.found) {
            const bool standalone = sentence_initial && (k + 1 >= s_hi || IsSentenceEnd(k + 1) || !span.closed);
            const bool german_partial = lex_->language == Language::kGerman && !LooksLikeTitle(span);
            // A fragment in a sentence whose subject is a person is most
            // likely that person's words ("Rubio bemoaned a climate in which
            // people “literally hate each other”").
            const bool person_subject = np.kind == Np::kName || np.kind == Np::kPronoun;
            report =
                standalone ? words >= 2 || k == 0 : words >= kMinUnattributedWords || german_partial || person_subject;
            if (words <= 4 && LooksLikeTitle(span) && !(k == 0 && toks_.size() <= 2)) report = false;
            if (NamesAWork(k, s_lo, span)) report = false;
          }
          if (sp.name.empty()) method = AttributionMethod::kNone;
        }
        if (sp.person >= 0 || !sp.name.empty()) {
          current_ = sp;
        }
        q.speaker = sp.name;
        q.leader_id = sp.leader_id;
        q.method = method;
        if (report) quotes.push_back(std::move(q));
        prev_q = k;
        prev_exists = true;
      }
      if (!has_quote) SpeechEvent(s_lo, s_hi);
      MentionNames(s_lo, s_hi);
      s_lo = s_hi;
    }
    toks_.swap(para_toks[p]);
  }
  return quotes;
}

}  // namespace

std::vector<Quote> AttributeQuotes(std::string_view text, const std::vector<Paragraph>& paragraphs,
                                   const std::vector<QuoteSpan>& spans, const Lexicon& lexicon,
                                   const LeaderIndex& leaders, const QuoteOptions& options) {
  Attributor a(text, lexicon, leaders, options);
  return a.Run(paragraphs, spans);
}

}  // namespace newsmon::quote_internal
