// Noun phrases for attribution: names, pronouns, descriptors, appositives,
// subjects before and after a speech verb.
#include <algorithm>
#include <array>

#include "quote/attributor.h"

namespace newsmon::quote_internal {

bool Attributor::IsNameTok(size_t i) const {
  if (!IsWord(i)) return false;
  const Token& t = T(i);
  if (t.name_flag < 0) t.name_flag = ComputeNameTok(i) ? 1 : 0;
  return t.name_flag == 1;
}

bool Attributor::ComputeNameTok(size_t i) const {
  const Token& t = T(i);
  if (!t.upper || !t.has_letter) return false;
  if (Has(i, Lexicon::kFunction | Lexicon::kPronoun | Lexicon::kSpeech | Lexicon::kDeterminer | Lexicon::kSkippable)) {
    return false;
  }
  if (lex_->language == Language::kGerman) {
    if (doc_nouns_.count(t.lower) != 0) return false;
    // "Merkels", "Trumps": the genitive of a name heads no speaker phrase.
    if (t.lower.size() > 3 && t.lower.back() == 's' &&
        doc_caps_.count(std::string_view(t.lower).substr(0, t.lower.size() - 1)) != 0) {
      return false;
    }
  }
  if (lex_->language == Language::kRussian && doc_lex_->language == Language::kRussian) {
    // Russian capitalises nothing but names and sentence openers: a word
    // capitalised only where it opens a sentence ("Теперь", "Стоимость",
    // "Театральный критик") is no name, unless another capitalised word
    // follows (a full name) or it is a tracked leader's.
    const bool opens = i == 0 || IsQuoteTok(i - 1) || IsP(i - 1, '.') || IsP(i - 1, '!') || IsP(i - 1, '?') ||
                       IsP(i - 1, ':') || IsP(i - 1, '-');
    if (opens && !(IsWord(i + 1) && T(i + 1).upper) && doc_midstems_.count(RussianStem(t.lower)) == 0 &&
        !KnownName(i)) {
      return false;
    }
  }
  if (lex_->language == Language::kEnglish && t.lower.size() > 5 && t.lower.ends_with("ing")) {
    // "Looking ahead, Ms. Jensen …", "Speaking before supporters, Tom Reyes
    // …": a participle opening the sentence, unless the text uses the word
    // as a name elsewhere ("Ian Fleming").
    const bool opens = i == 0 || IsQuoteTok(i - 1) || IsSentenceEnd(i - 1);
    if (opens && !(IsWord(i + 1) && T(i + 1).upper) && doc_midcaps_.count(t.lower) == 0 && !KnownName(i)) {
      return false;
    }
  }
  return doc_lower_.count(LowerNameKey(t.lower)) == 0;
}

bool Attributor::ParticleJoins(size_t i) const {
  // "Kurt von Figura", "Heike van der Laak": a particle follows a single given
  // name. After a full name or a role it starts a phrase instead ("Martin
  // Hoff von Greenpeace", "Sprecherin der Stiftung").
  if (!IsWord(i) || !Has(i, Lexicon::kParticle) || i == 0) return false;
  // German "der"/"den" are articles unless they follow "von"/"van" ("von der Leyen").
  const bool article = lex_->language == Language::kGerman && Has(i, Lexicon::kDeterminer);
  if (article && !(IsWord(i - 1) && Has(i - 1, Lexicon::kParticle))) return false;
  // A word the text uses as a surname is no given name: "Anelka zu Domenech".
  const bool after_given = IsNameTok(i - 1) && T(i - 1).lower.size() > 1 && !KnownName(i - 1) &&
                           !(i >= 2 && IsNameTok(i - 2) && !Has(i - 2, Lexicon::kTitle) &&
                             !Has(i - 2, Lexicon::kRole) && RoleOf(i - 2).empty());
  const bool chain = IsWord(i - 1) && Has(i - 1, Lexicon::kParticle) && ParticleJoins(i - 1);
  if (!after_given && !chain) return false;
  return IsRunTok(i + 1) || (IsWord(i + 1) && Has(i + 1, Lexicon::kParticle) && IsRunTok(i + 2));
}

bool Attributor::KnownName(size_t i) const {
  // A lone capitalised German word is a name only when the text gave it in
  // full somewhere, or it names a tracked leader ("sagte Tokajew").
  if (persons_.Known(T(i).lower)) return true;
  auto [it, inserted] = leader_word_.try_emplace(T(i).lower, false);
  if (inserted) it->second = leaders_.ResolveName(T(i).Text(text_)).has_value();
  return it->second;
}

bool Attributor::IsAcronymTok(size_t i) const {
  if (!IsWord(i)) return false;
  const std::string_view w = T(i).Text(text_);
  size_t letters = 0;
  for (size_t at = 0; at < w.size();) {
    size_t len = 0;
    const char32_t c = DecodeAt(w, at, &len);
    if (IsLetter(c)) {
      if (!IsUpper(c)) return false;
      ++letters;
    }
    at += len;
  }
  return letters >= 2 && letters <= 6;
}

bool Attributor::IsRunTok(size_t i) const {
  if (!IsWord(i)) return false;
  const Token& t = T(i);
  if (t.run_flag < 0) {
    t.run_flag = IsNameTok(i) || (t.upper && (Has(i, Lexicon::kTitle | Lexicon::kRole) || !CountryAt(i).empty()));
  }
  return t.run_flag == 1;
}

void Attributor::AddContext(size_t b, size_t lo, Np* np) const {
  // Russian: a role noun, its genitive complement, then the name: "Министр
  // энергетики Казахстана Алмасбек Садыров", "председатель правления X".
  if (lex_->language == Language::kRussian) {
    // "Министр спорта, туризма и молодёжной политики X": the complement
    // may list several offices.
    for (size_t r = b; r-- > lo && r + 9 > b;) {
      if (IsP(r, ',') && IsLowerWord(r + 1)) continue;
      if (!IsWord(r)) break;
      const std::string_view office = RussianOfficeAt(r);
      if (Has(r, Lexicon::kRole) && (!RoleOf(r).empty() || !office.empty())) {
        if (!office.empty()) np->roles.emplace_back(office);
        if (!RoleOf(r).empty()) np->roles.emplace_back(RoleOf(r));
        break;
      }
    }
  }
  // Role and country words just before a name or descriptor: "the German
  // chancellor Olaf Scholz", "президент Казахстана".
  for (size_t n = 0; n < 3 && b > lo; ++n) {
    --b;
    if (!IsWord(b)) break;
    const std::string_view role = RoleOf(b);
    const std::string_view country = CountryAt(b);
    if (role.empty() && country.empty() && !Has(b, Lexicon::kRole)) {
      // "министр торговли Казахстана Арман Сеитов": the role's
      // complement in the genitive stands between the role and the name.
      if (lex_->language == Language::kRussian && IsLowerWord(b) && b > lo && IsWord(b - 1) && !RoleOf(b - 1).empty() &&
          n + 1 < 4) {
        continue;
      }
      break;
    }
    if (!role.empty()) np->roles.emplace_back(role);
    if (!country.empty() && np->country.empty()) np->country = country;
    if (Has(b, Lexicon::kTitle) && np->gender == Gender::kUnknown) {
      auto g = lex_->titles.find(T(b).lower);
      if (g != lex_->titles.end()) np->gender = g->second;
    }
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
    const std::string_view role = RoleOf(s);
    const std::string_view country = CountryAt(s);
    const bool place_or_role = !country.empty() || !role.empty();
    const bool is_title = Has(s, Lexicon::kTitle);
    const bool title = is_title || Has(s, Lexicon::kRole) || place_or_role;
    if (!title || (s + 1 == e && !place_or_role && lex_->language != Language::kGerman && !is_title && IsNameTok(s))) {
      break;
    }
    if (is_title && np.gender == Gender::kUnknown) {
      auto g = lex_->titles.find(w);
      if (g != lex_->titles.end()) np.gender = g->second;
    }
    if (!role.empty()) np.roles.emplace_back(role);
    if (!country.empty() && np.country.empty()) np.country = country;
    if (lex_->language == Language::kGerman && w.size() > 2 && w.compare(w.size() - 2, 2, "in") == 0 &&
        Has(s, Lexicon::kRole)) {
      np.gender = Gender::kFemale;
    }
    ++s;
  }
  if (s == e || (IsWord(e - 1) && Has(e - 1, Lexicon::kRole) && !Has(e - 1, Lexicon::kTitle))) {
    np.kind = Np::kDescriptor;
    return np;
  }
  // An organisation's acronym before a full name says where the person
  // works: "МИД Ержан Ашикбаев", "FBI Director James Comey".
  while (s + 2 < e && IsAcronymTok(s)) ++s;
  // "глава МИД Австрии": a role with an organisation's acronym describes the
  // role's holder; the acronym alone ("МИД Казахстана") is the organisation.
  const bool role_before = s > b || (b > 0 && IsWord(b - 1) && Has(b - 1, Lexicon::kRole) && !RoleOf(b - 1).empty());
  if (lex_->language == Language::kRussian && role_before && s < e && IsAcronymTok(s)) {
    bool organisation = true;
    for (size_t i = s + 1; i < e && organisation; ++i)
      organisation = IsAcronymTok(i) || !CountryAt(i).empty() || IsRussianPlaceWord(T(i).lower);
    if (organisation) {
      if (s == b) {
        np.begin = b - 1;
        np.roles.emplace_back(RoleOf(b - 1));
      }
      np.kind = Np::kDescriptor;
      return np;
    }
  }
  if (lex_->language == Language::kRussian) s = SkipRussianGenitiveHead(b, s, e);
  if (s == e) {
    np.kind = Np::kDescriptor;
    return np;
  }
  // "Delmenhorster Bürgermeisterin Swantje Hartmann": words before a role
  // inside the run describe the person and are not part of the name.
  for (size_t r = e - 1; r-- > s;) {
    if (Has(r, Lexicon::kTitle | Lexicon::kRole) || !RoleOf(r).empty()) {
      const std::string_view role = RoleOf(r);
      if (!role.empty()) np.roles.emplace_back(role);
      s = r + 1;
      break;
    }
  }
  np.name.reserve(e - s);
  for (size_t i = s; i < e; ++i) np.name.push_back(T(i).Text(text_));
  if (LowerNameKey(T(e - 1).lower) != T(e - 1).lower) {
    const std::string_view w = np.name.back();
    const size_t cut = w.rfind('\'') != std::string_view::npos ? w.rfind('\'') : w.rfind("\xE2\x80\x99");
    if (cut != std::string_view::npos) np.name.back() = w.substr(0, cut);
  }
  np.kind = Np::kName;
  // Russian has no article to tell "Таджикистан" from a surname: a run of
  // place names names no one.
  if (lex_->language == Language::kRussian) {
    bool all_places = true;
    for (size_t i = s; i < e && all_places; ++i) all_places = IsRussianPlaceWord(T(i).lower);
    if (all_places) np.kind = Np::kNone;
    // A lone capitalised word may be an adjective ("Каспийский трубопроводный
    // консорциум"), so only a full name tells the gender.
    if (np.gender == Gender::kUnknown && e - s >= 2) np.gender = RussianSurnameGender(T(e - 1).lower);
  }
  return np;
}

bool Attributor::AtClauseStart(size_t b, size_t lo) const {
  // Determiners and adjectives may open the phrase: "Der stellvertretende
  // SPD-Fraktionsvorsitzende Michael Müller".
  // German "der"/"des" are listed as prepositions (genitive) but open a
  // phrase as articles; only the article may come first.
  for (int n = 0; n < 4 && b > lo && IsWord(b - 1); ++n) {
    const std::string& w = T(b - 1).lower;
    // A genitive works like an article: "Frankreichs Präsident X".
    const bool genitive = lex_->language == Language::kGerman && T(b - 1).upper && w.size() > 3 && w.back() == 's' &&
                          !IsNameTok(b - 1) && doc_nouns_.count(w) == 0;
    if (lex_->IsDeterminer(w) || genitive) {
      --b;
      break;
    }
    if (lex_->IsPreposition(w) || !IsLowerWord(b - 1) || lex_->conjunctions.count(w) != 0 || lex_->IsSkippable(w)) {
      break;
    }
    --b;
  }
  if (b <= lo) return true;
  const size_t p = b - 1;
  if (IsP(p, ',') || IsP(p, ':') || IsP(p, '-') || IsP(p, '(') || IsP(p, ';')) return true;
  return IsWord(p) && Has(p, Lexicon::kRelative | Lexicon::kConj) && Has(p, Lexicon::kConj);
}

Np Attributor::NpEndingAt(size_t i, size_t lo) const {
  Np np;
  if (i < lo || !IsWord(i)) return np;
  const Token& t = T(i);
  if (lex_->IsPronoun(t.lower) && !(i > lo && IsWord(i - 1) && Has(i - 1, Lexicon::kDeterminer))) {
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
      } else if (b - 1 > lo && ParticleJoins(b - 1)) {
        // "Heike van Laak", "Kurt von Figura"; but "Sprecherin der Stiftung" is
        // a role and its genitive, not one name.
        b -= 2;
      } else {
        break;
      }
    }
    // A name inside a prepositional phrase is not the speaker: "a spokesman
    // for Paul Ryan", "der Sprecher des Ministeriums"; but "Tom Cole of
    // Oklahoma" is Tom Cole.
    if (b > lo && IsWord(b - 1) && Has(b - 1, Lexicon::kPreposition) && !T(b - 1).upper) {
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
    if (np.begin > lo && IsWord(np.begin - 1) && Has(np.begin - 1, Lexicon::kDeterminer)) {
      --np.begin;
      // German: "der Sprecher" / "die Deutsche Welle" are not people named.
      if (np.kind == Np::kName && np.name.size() == 1 && lex_->language == Language::kGerman && np.begin + 2 == i + 1) {
        np.kind = Np::kDescriptor;
        np.name.clear();
      }
    }
    // "In einem Interview", "am Samstagabend": an adverbial, not a subject.
    if (np.begin > lo && IsWord(np.begin - 1) && Has(np.begin - 1, Lexicon::kPreposition)) return Np{};
    // "Dennoch verteidigte er …": a German word capitalised only where it
    // opens a sentence is an adverb or adjective, not a one-word name.
    if (np.kind == Np::kName && lex_->language == Language::kGerman && np.name.size() == 1 && b == i &&
        doc_midcaps_.count(T(i).lower) == 0 && !KnownName(i)) {
      return Np{};
    }
    return np;
  }
  // German capitalises nouns: "Der Gesandte Moldaus" ends in a place in the
  // genitive, which is no name of its own.
  if (IsLowerWord(i) || (lex_->language == Language::kGerman && IsWord(i) && T(i).upper)) {
    np = DescriptorEndingAt(i, lo);
    if (np.kind != Np::kNone && np.begin > lo && IsWord(np.begin - 1) && Has(np.begin - 1, Lexicon::kPreposition))
      return Np{};
    return np;
  }
  return np;
}

Np Attributor::SubjectBefore(size_t v, size_t lo) const {
  Np none;
  if (v <= lo) return none;
  size_t i = v - 1;
  while (i > lo && IsWord(i) && Has(i, Lexicon::kSkippable)) --i;
  i = BeforeTimePhrase(i, lo);
  if (IsWord(i) && Has(i, Lexicon::kSkippable)) return none;
  // "Renate Schmidt (SPD) äußerte": skip a parenthesis.
  if (IsP(i, ')')) {
    size_t p = i;
    for (size_t n = 0; n < 8 && p > lo && !IsP(p, '('); ++n) --p;
    if (!IsP(p, '(') || p <= lo) return none;
    i = p - 1;
  }
  if (IsWord(i) && Has(i, Lexicon::kRelative | Lexicon::kConj)) return none;  // "… and said", "a man who said"
  // "Sen. Tom Reyes (D-Ore.), said": a stray comma after the party label.
  if (IsP(i, ',') && i > lo + 1 && IsP(i - 1, ')')) {
    size_t p = i - 1;
    for (size_t n = 0; n < 8 && p > lo && !IsP(p, '('); ++n) --p;
    if (IsP(p, '(') && p > lo) {
      Np direct = NpEndingAt(p - 1, lo);
      if (direct.kind == Np::kName && AtClauseStart(direct.begin, lo)) return direct;
    }
  }
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
      // "Sen. Ann Lee (R-Utah), also a hopeful, called": the party
      // label ends the name.
      size_t a_last = c0 - 1;
      if (IsP(a_last, ')')) {
        while (a_last > lo + 1 && !IsP(a_last, '(')) --a_last;
        if (IsP(a_last, '(')) --a_last;
      }
      Np a = NpEndingAt(a_last, lo);
      // "Henning Scherf (SPD), warnte": the party in brackets ends the name.
      size_t b_last = c1 - 1;
      if (IsP(b_last, ')')) {
        while (b_last > c0 + 1 && !IsP(b_last, '(')) --b_last;
        if (b_last > c0 + 1) --b_last;
      }
      Np b = NpEndingAt(b_last, c0 + 1);
      const bool b_whole_name = b.kind == Np::kName && b.begin == c0 + 1;
      // "Die Sprecherin der Stiftung X, Heike Laak, sagte": a name inside the
      // first segment's phrase is not the subject; the name in apposition is.
      if (b_whole_name && (a.kind != Np::kName || !AtClauseStart(a.begin, lo))) {
        b.roles.insert(b.roles.end(), a.roles.begin(), a.roles.end());
        if (a.kind != Np::kNone) b.phrase_begin = a.begin;
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
  if (np.kind != Np::kNone && lex_->language == Language::kGerman && !AtClauseStart(np.begin, lo)) np = none;
  if (lex_->language == Language::kGerman && (np.kind == Np::kNone || np.kind == Np::kDescriptor)) {
    // "Stephen Roe, ein Experte vom WWF erklärte": the name before the comma.
    Np a = AppositiveWithoutClosingComma(i, lo);
    if (a.kind == Np::kName) return a;
    // "Theo Kitz vom Bankhaus Merck sagte": a name opening the clause, then
    // where the person works.
    if (np.kind == Np::kNone) return NameThenOrigin(lo, v);
  }
  return np;
}

Np Attributor::SubjectAfter(size_t j, size_t hi) const {
  Np np;
  // Impersonal "zitierte man X", "hieß es von X": the speaker comes later.
  while (j < hi && IsWord(j) &&
         (Has(j, Lexicon::kSkippable) ||
          (lex_->language == Language::kGerman && (T(j).lower == "man" || T(j).lower == "es")))) {
    ++j;
  }
  if (j > 0 && j < hi && IsWord(j - 1) && T(j - 1).lower == "es" && IsWord(j) &&
      (T(j).lower == "von" || T(j).lower == "vom" || T(j).lower == "seitens")) {
    ++j;
  }
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
  // "said Rubio’s deputy campaign manager, Rich Beeson": a possessive name
  // before a lower-case role works like a determiner.
  if (k == j && IsRunTok(j) && (t.lower.ends_with("'s") || t.lower.ends_with("\xE2\x80\x99s")) && IsLowerWord(j + 1)) {
    ++k;
  }
  // "said Republican party boss Reince Priebus", "said Virginia delegate Beau
  // Correll": the name that ends a short stretch of modifiers is the speaker.
  {
    size_t x = k;
    size_t last_b = 0;
    size_t last_e = 0;
    while (x < hi && x < k + 9 && IsWord(x) && !Has(x, Lexicon::kSpeech) &&
           !(Has(x, Lexicon::kPreposition) && !T(x).upper) && !Has(x, Lexicon::kRelative | Lexicon::kConj) &&
           !Has(x, Lexicon::kReporting)) {
      if (IsRunTok(x)) {
        const size_t b = x;
        bool addressee = false;
        while (x < hi && (IsRunTok(x) || ParticleJoins(x)) && !addressee) addressee = AddresseeFollows(x++);
        last_b = b;
        last_e = x;
        if (addressee) break;
      } else {
        ++x;
      }
    }
    if (last_e == x && last_b > k) {
      Np name = FromRun(last_b, last_e);
      bool modifiers_ok = true;
      for (size_t y = k; y < last_b; ++y) modifiers_ok = modifiers_ok && !Has(y, Lexicon::kPronoun);
      if (name.kind == Np::kName && modifiers_ok &&
          !(lex_->language == Language::kGerman && name.name.size() == 1 && last_e - last_b == 1 &&
            !KnownName(last_e - 1))) {
        for (size_t y = k; y < last_b; ++y) {
          const std::string_view role = RoleOf(y);
          if (!role.empty()) name.roles.emplace_back(role);
        }
        name.begin = j;
        name.end = last_e;
        return name;
      }
    }
  }
  // Lower-case words of a descriptor ("the German chancellor", "der frühere Minister").
  size_t e = k;
  while (e < hi && e < k + 6 && IsWord(e) && !Has(e, Lexicon::kSpeech) &&
         !(Has(e, Lexicon::kPreposition) && !T(e).upper) && !IsRunTok(e)) {
    ++e;
  }
  size_t r = e;
  while (r < hi) {
    if (IsRunTok(r)) {
      if (AddresseeFollows(r++)) break;
    } else if (r + 1 < hi && ParticleJoins(r)) {
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
      const std::string_view role = RoleOf(x);
      if (!role.empty()) np.roles.emplace_back(role);
      const std::string_view country = CountryAt(x);
      if (!country.empty() && np.country.empty()) np.country = country;
    }
    // German nouns are capitalised: a lone unknown word after the verb is an
    // object ("äußerte Vorbehalte"), not a person, unless it opens a descriptor.
    // A title right before it makes it a name: "sagte Bundesinnenminister Krause".
    // So does the end of the clause right after a speech verb: "sagte
    // Franziskus, dass …", "erklärte Thaksin." (objects are rarely alone).
    const bool clause_ends = r >= hi || IsQuoteTok(r) || IsP(r, ',') || IsP(r, '.') || IsP(r, ':');
    const bool alone_after_verb = k == j && j > 0 && IsStrongCue(j - 1) && clause_ends &&
                                  doc_midcaps_.count(T(r - 1).lower) != 0 && !HasNounSuffix(T(r - 1).lower);
    if (np.kind == Np::kName && lex_->language == Language::kGerman && np.name.size() == 1 && r - e == 1 &&
        !KnownName(r - 1) && !alone_after_verb) {
      np.kind = k > j ? Np::kDescriptor : Np::kNone;
      np.name.clear();
      if (np.kind == Np::kNone) return np;
    }
  } else if (e > k && (k > j || Has(e - 1, Lexicon::kRole) ||
                       // No articles in Russian: a role noun opens the phrase
                       // ("глава государства", "президент страны").
                       (lex_->language == Language::kRussian && Has(k, Lexicon::kRole)))) {
    // English: "said the spokeswoman" inverts, but "said the program is a
    // “…”" or "saying the plan ignored the “…”" opens a clause: without a
    // role noun at its head the phrase must end the clause and hold no verb.
    if (lex_->language == Language::kEnglish && !Has(e - 1, Lexicon::kRole)) {
      const bool ends_clause = e >= hi || IsP(e, ',') || IsSentenceEnd(e) || IsP(e, ';');
      if (!ends_clause) return np;
      for (size_t x = k; x < e; ++x) {
        if (IsAuxiliary(T(x).lower) || T(x).lower.ends_with("ed")) return np;
      }
    }
    np.kind = Np::kDescriptor;
    np.begin = j;
    np.end = e;
    for (size_t x = k; x < e; ++x) {
      const std::string_view role = RoleOf(x);
      if (!role.empty()) np.roles.emplace_back(role);
      // "the Kazakh minister", "казахстанский министр": which of two ministers.
      const std::string_view country = CountryAt(x);
      if (!country.empty() && np.country.empty()) np.country = country;
    }
  } else {
    return np;
  }
  // "said the spokeswoman, Ann Lee" / "sagte der Vorsitzende des Verbandes,
  // Elmar Gesse" — a name in apposition wins.
  if (np.kind == Np::kDescriptor) {
    size_t c = np.end;
    for (size_t n = 0; n < 10 && c < hi && IsWord(c) && !Has(c, Lexicon::kSpeech); ++n) ++c;
    if (c < hi && IsP(c, ',') && IsRunTok(c + 1)) {
      const size_t b = c + 1;
      size_t x = b;
      while (x < hi && IsRunTok(x)) ++x;
      // "…, Volker Beck das Pontifikat": an object may follow the name.
      // "…, Andrew Pincus of the law firm X": where the person works may follow.
      const bool origin = lex_->language == Language::kEnglish && IsWord(x) &&
                          (T(x).lower == "of" || T(x).lower == "from" || T(x).lower == "at") && x - b >= 2;
      if (x >= hi || !IsWord(x) || (Has(x, Lexicon::kDeterminer) && x - b >= 2) || origin) {
        Np name = FromRun(b, x);
        if (name.kind == Np::kName) {
          name.roles.insert(name.roles.end(), np.roles.begin(), np.roles.end());
          name.begin = j;
          return name;
        }
      }
    }
  }
  // "hieß es vom Abgeordneten des Föderationsrates Viktor Lamm": a full name
  // closing the descriptor's genitive is the one it describes.
  if (np.kind == Np::kDescriptor && lex_->language == Language::kGerman) {
    size_t x = np.end;
    for (size_t n = 0; n < 6 && x < hi && IsWord(x) && !IsRunTok(x) && !Has(x, Lexicon::kSpeech); ++n) ++x;
    size_t e = x;
    while (e < hi && IsRunTok(e)) ++e;
    if (e - x >= 2 && (e >= hi || !IsWord(e))) {
      Np name = FromRun(x, e);
      if (name.kind == Np::kName && name.name.size() >= 2) {
        name.roles.insert(name.roles.end(), np.roles.begin(), np.roles.end());
        name.begin = j;
        return name;
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
    if (Has(i, Lexicon::kPronoun) && AtClauseStart(i, lo)) {
      np.kind = Np::kPronoun;
      np.begin = i;
      np.end = i + 1;
      np.gender = lex_->pronouns.at(T(i).lower);
      e = i + 1;
    } else if (IsRunTok(i) && !(i > lo && IsWord(i - 1) && Has(i - 1, Lexicon::kPreposition))) {
      while (e < limit && IsRunTok(e)) ++e;
      np = FromRun(i, e);
      if (np.kind != Np::kName) {
        i = e;
        continue;
      }
      if (lex_->language == Language::kGerman && np.name.size() == 1 && e - i == 1 && !KnownName(e - 1)) {
        i = e;
        continue;
      }
      if (NamesAPlace(np)) {
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
    // "Sen. Tom Reyes (D-Ore.), said after a lunch …": a stray comma before
    // the speech verb.
    if (IsP(n, ',') && IsWord(n + 1) && Has(n + 1, Lexicon::kSpeech) && np.kind == Np::kName) return np;
    if (IsP(n, ',')) {  // appositive up to the next comma
      size_t c = n + 1;
      while (c < limit && c < n + 15 && !IsP(c, ',') && !IsQuoteTok(c) && !IsSentenceEnd(c)) ++c;
      if (c < limit && IsP(c, ',')) n = c + 1;
    }
    if (IsP(n, '(')) {
      while (n < limit && !IsP(n, ')')) ++n;
      ++n;
    }
    while (n < limit && IsWord(n) && Has(n, Lexicon::kSkippable)) ++n;
    // "the LinkedIn chief executive", "the Slate technology columnist": a
    // name before a role noun modifies it and is not the subject.
    const bool modifies_role = Has(n, Lexicon::kRole) || (IsLowerWord(n + 1) && Has(n + 1, Lexicon::kRole));
    if (IsWord(n) && T(n).has_letter && !T(n).upper && !Has(n, Lexicon::kPreposition) &&
        !Has(n, Lexicon::kDeterminer) && !Has(n, Lexicon::kRelative | Lexicon::kConj) && !modifies_role) {
      return np;
    }
    if (modifies_role && np.kind == Np::kName && lex_->language == Language::kEnglish && n == e) {
      // The person is the role ("the Vermont senator"): a descriptor.
      Np role;
      role.kind = Np::kDescriptor;
      role.begin = i;
      role.end = Has(n, Lexicon::kRole) ? n + 1 : n + 2;
      for (size_t x = role.begin; x < role.end; ++x) {
        if (!RoleOf(x).empty()) role.roles.emplace_back(RoleOf(x));
      }
      return role;
    }
    i = e - 1;
  }
  if (lex_->language == Language::kGerman) return GermanSubject(lo, limit);
  return Np{};
}

}  // namespace newsmon::quote_internal
