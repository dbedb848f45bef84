// Russian clause structure for attribution: subjects separated from their
// verb by adverbials or closing the author's words, addressees after a
// surname, institutions speaking through impersonal plural verbs, and "по
// его словам". Russian has no articles and free word order, so these replace
// the determiner- and position-based rules English and German use.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "quote/attributor.h"
#include "quote/scan.h"

namespace newsmon::quote_internal {
namespace {

// Instrumental, dative and prepositional endings of Russian names (Шольцем,
// Токаевым, Олафу, Ивановой): never the nominative of a man's name.
bool EndsOblique(std::string_view w) {
  for (std::string_view ending : {"ем", "ом", "ым", "им", "ой", "у", "ю"}) {
    if (w.size() > ending.size() + 2 && w.ends_with(ending)) return true;
  }
  return false;
}

// Genitive singular and plural endings of the institutions a role noun
// takes ("Минфина", "Госдумы", "Академии"); the nominative of many women's
// names too, so callers look at what surrounds the word.
bool EndsGenitive(std::string_view w) {
  for (std::string_view ending : {"а", "я", "ы", "и", "ой", "ей", "ого", "его"}) {
    if (w.size() > ending.size() + 4 && w.ends_with(ending)) return true;
  }
  return false;
}

bool IsPatronymic(std::string_view w) {
  for (std::string_view ending : {"вич", "вна", "чна", "ична", "улы", "ұлы", "кызы", "қызы"}) {
    if (w.ends_with(ending)) return true;
  }
  return false;
}

// Past tense and third-person present forms: a verb, not a noun, precedes.
bool LooksLikeRussianVerb(std::string_view w) {
  for (std::string_view ending : {"л", "ла", "ло", "ли", "лся", "лась", "лись", "ет", "ит", "ют", "ят", "ает"}) {
    if (w.ends_with(ending)) return true;
  }
  return false;
}

}  // namespace

Gender Attributor::RussianVerbGender(std::string_view verb) const {
  if (lex_->language != Language::kRussian) return Gender::kUnknown;
  if (verb.ends_with("ла") || verb.ends_with("лась")) return Gender::kFemale;
  if (verb.ends_with("л") || verb.ends_with("лся")) return Gender::kMale;
  return Gender::kUnknown;
}

size_t Attributor::SkipRussianGenitiveHead(size_t b, size_t s, size_t e) const {
  // "Председатель Союза пекарей", "зампред Минфина Нурлан Сапаров": a
  // capitalised word right after a noun, in the genitive, is the institution
  // that noun belongs to. Apposition ("критик Мария Соколова") gives the
  // person's full name instead, so only a word the text never used as a
  // surname, followed by a two-word name or by no name at all, is skipped.
  // "Вице-спикер Совфеда Константин Косачев": a noun opening the sentence
  // (never capitalised inside one), its genitive complement, then the name.
  const bool sentence_initial = s == b && (s == 0 || IsSentenceEnd(s - 1));
  if (sentence_initial && e - s >= 4 && doc_midcaps_.count(T(s).lower) == 0 && EndsGenitive(T(s + 1).lower) &&
      !KnownName(s + 1) && !IsPatronymic(T(s + 2).lower)) {
    return s + 2;
  }
  if (s >= e || !IsWord(s) || !EndsGenitive(T(s).lower) || KnownName(s)) return s;
  const bool after_role = s > b;
  const bool after_noun = s == b && s > 0 && IsWord(s - 1) && !T(s - 1).upper &&
                          !Has(s - 1, Lexicon::kPreposition | Lexicon::kSpeech | Lexicon::kWeak | Lexicon::kPronoun) &&
                          !LooksLikeRussianVerb(T(s - 1).lower);
  if (!after_role && !after_noun) return s;
  if (e - s == 1) {
    // Alone, it names the institution when the phrase goes on in lower case
    // ("Союза пекарей"); a verb after it makes it a subject. At the end of
    // a clause it may be a given name ("жительница района Айгерим").
    // After a noun in the genitive ("комитета Госдумы по делам СНГ") the
    // chain of genitives goes on through a preposition too.
    const bool genitive_chain = s > 0 && IsWord(s - 1) && EndsGenitive(T(s - 1).lower);
    const bool phrase_goes_on = IsWord(e) && !T(e).upper && !LooksLikeRussianVerb(T(e).lower) &&
                                !Has(e, Lexicon::kSpeech | Lexicon::kWeak) &&
                                (genitive_chain || !Has(e, Lexicon::kPreposition));
    return phrase_goes_on ? e : s;
  }
  // "комитета Совета Федерации": two genitives; a person's surname does not
  // end as the second does.
  if (e - s == 2) {
    const std::string& last = T(s + 1).lower;
    const bool institution_ending = last.ends_with("ии") || last.ends_with("ы");
    return institution_ending ? e : s;
  }
  if (!IsPatronymic(T(s + 1).lower)) return s + 1;
  return s;
}

Np Attributor::RussianImpersonalSource(size_t verb, size_t lo, size_t hi) const {
  // "В МВД Казахстана сообщили, что …", "— сообщили в оргкомитете
  // марафона": a plural verb without a subject, the institution in "в …" speaks.
  if (lex_->language != Language::kRussian || !T(verb).lower.ends_with("ли")) return Np{};
  auto phrase_at = [&](size_t v) -> Np {
    if (!IsWord(v) || (T(v).lower != "в" && T(v).lower != "во")) return Np{};
    size_t e = v + 1;
    while (e < hi && e < v + 7 && IsWord(e) && !Has(e, Lexicon::kSpeech) && T(e).lower != "что") ++e;
    if (e == v + 1) return Np{};
    Np np;
    np.kind = Np::kDescriptor;
    np.begin = v + 1;
    np.end = e;
    return np;
  };
  // Right after the verb, or opening the clause before it.
  if (Np after = phrase_at(verb + 1); after.kind != Np::kNone) return after;
  for (size_t i = verb; i-- > lo;) {
    if (IsQuoteTok(i) || IsSentenceEnd(i) || IsP(i, ',')) break;
    if (Np before = phrase_at(i); before.kind != Np::kNone && before.end == verb) return before;
  }
  return Np{};
}

namespace {

// Institutions that speak in Russian news, in the cases a source takes ("в
// Кремле заявили", "пресс-служба Минфина"), with their nominative. Generic
// kinds ("акимата", "фонда") also name the stem to find the organisation
// the story introduced with that kind.
struct InstitutionForm {
  std::string_view form;
  std::string_view nominative;
  std::string_view kind_stem;  // non-empty: a kind of organisation, not a name
};

constexpr std::array<InstitutionForm, 58> kInstitutions = {{
    {"кремле", "Кремль", ""},
    {"кремля", "Кремль", ""},
    {"акорде", "Акорда", ""},
    {"акорды", "Акорда", ""},
    {"ақорде", "Ақорда", ""},
    {"ақорды", "Ақорда", ""},
    {"минфине", "Минфин", ""},
    {"минфина", "Минфин", ""},
    {"госдуме", "Госдума", ""},
    {"госдумы", "Госдума", ""},
    {"нацбанке", "Нацбанк", ""},
    {"нацбанка", "Нацбанк", ""},
    {"совфеде", "Совфед", ""},
    {"совфеда", "Совфед", ""},
    {"мажилисе", "Мажилис", ""},
    {"мажилиса", "Мажилис", ""},
    {"сенате", "Сенат", ""},
    {"сената", "Сенат", ""},
    {"бундестаге", "Бундестаг", ""},
    {"бундестага", "Бундестаг", ""},
    {"еврокомиссии", "Еврокомиссия", ""},
    {"генпрокуратуре", "Генпрокуратура", ""},
    {"генпрокуратуры", "Генпрокуратура", ""},
    {"акимате", "акимат", "акимат"},
    {"акимата", "акимат", "акимат"},
    {"мэрии", "мэрия", "мэри"},
    {"администрации", "администрация", "администраци"},
    {"правительстве", "правительство", "правительств"},
    {"правительства", "правительство", "правительств"},
    {"министерстве", "министерство", "министерств"},
    {"министерства", "министерство", "министерств"},
    {"ведомстве", "ведомство", "ведомств"},
    {"ведомства", "ведомство", "ведомств"},
    {"агентстве", "агентство", "агентств"},
    {"агентства", "агентство", "агентств"},
    {"фонде", "фонд", "фонд"},
    {"фонда", "фонд", "фонд"},
    {"компании", "компания", "компани"},
    {"авиакомпании", "авиакомпания", "авиакомпани"},
    {"корпорации", "корпорация", "корпораци"},
    {"холдинге", "холдинг", "холдинг"},
    {"холдинга", "холдинг", "холдинг"},
    {"банке", "банк", "банк"},
    {"банка", "банк", "банк"},
    {"регуляторе", "регулятор", "регулятор"},
    {"регулятора", "регулятор", "регулятор"},
    {"посольстве", "посольство", "посольств"},
    {"посольства", "посольство", "посольств"},
    {"комитете", "комитет", "комитет"},
    {"комитета", "комитет", "комитет"},
    {"концерне", "концерн", "концерн"},
    {"концерна", "концерн", "концерн"},
    {"оргкомитете", "оргкомитет", "оргкомитет"},
    {"оргкомитета", "оргкомитет", "оргкомитет"},
    {"управлении", "управление", "управлени"},
    {"управления", "управление", "управлени"},
    {"службе", "служба", "служб"},
    {"службы", "служба", "служб"},
}};

const InstitutionForm* FindInstitution(std::string_view lower) {
  for (const InstitutionForm& f : kInstitutions) {
    if (f.form == lower) return &f;
  }
  return nullptr;
}

// The text an antecedent is looked for in: the story's last 16 KB before
// `end`, so a story of many such quotes costs linear time, not quadratic.
std::string_view WindowBefore(std::string_view text, size_t end) {
  constexpr size_t kAntecedentWindow = 16 * 1024;
  end = std::min(end, text.size());
  size_t start = end > kAntecedentWindow ? end - kAntecedentWindow : 0;
  while (start < end && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) ++start;
  return text.substr(start, end - start);
}

bool IsUpperStart(std::string_view text, size_t at) {
  size_t len = 0;
  return at < text.size() && IsUpper(DecodeAt(text, at, &len));
}

}  // namespace

std::string Attributor::RussianAntecedentOrganisation(std::string_view stem, size_t before) const {
  // The latest "<kind> <Name>" or "<kind> «Name»" before the quote ("акимат
  // Караганды", "фонд «Береке»"), or a name the kind opens ("Агентство
  // внешней занятости").
  const std::string_view text = WindowBefore(text_, before);
  for (size_t at = text.size(); at > 0;) {
    size_t hit = std::string_view::npos;
    size_t stem_len = 0;
    const char32_t stem_first = DecodeAt(stem, 0, &stem_len);
    for (size_t p = at; p-- > 0;) {
      if ((static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) continue;  // inside a character
      size_t len = 0;
      char32_t c = DecodeAt(text, p, &len);
      if (c >= 0x410 && c <= 0x42F) c += 0x20;  // Cyrillic capital: the stems are lower case
      if (c != stem_first || p + len > text.size() || !text.substr(p + len).starts_with(stem.substr(stem_len)))
        continue;
      if (p > 0 && IsLetter(DecodeBefore(text, p))) continue;
      hit = p;
      break;
    }
    if (hit == std::string_view::npos) return {};
    at = hit;
    const bool capital = IsUpperStart(text, hit);
    size_t w_end = hit;
    size_t len = 0;
    while (w_end < text.size() && IsLetter(DecodeAt(text, w_end, &len))) w_end += len;
    size_t next = w_end;
    while (next < text.size() && text[next] == ' ') ++next;
    if (next >= text.size() || next == w_end) continue;
    if (text.substr(next).starts_with("\xC2\xAB")) {  // «Name»
      const size_t close = text.find("\xC2\xBB", next);
      if (close != std::string_view::npos && close - next < 80)
        return std::string(text.substr(next + 2, close - next - 2));
      continue;
    }
    // Up to three capitalised words: "акимат Караганды", "Авиакомпания Steppe Air".
    size_t end = next;
    for (size_t at_word = next, words = 0; words < 3 && at_word < text.size() && IsUpperStart(text, at_word); ++words) {
      size_t e = at_word;
      while (e < text.size() && (IsLetter(DecodeAt(text, e, &len)) || text[e] == '-')) e += len > 0 ? len : 1;
      end = std::min(e, text.size());
      if (end >= text.size() || text[end] != ' ') break;
      at_word = end + 1;
    }
    if (end > next) {
      // "в акимате Караганды" names "акимат Караганды".
      const InstitutionForm* kind = FindInstitution(text.substr(hit, w_end - hit));
      const std::string_view head = kind != nullptr ? kind->nominative : text.substr(hit, w_end - hit);
      return std::string(head) + std::string(text.substr(w_end, end - w_end));
    }
    // "Агентство внешней занятости": the kind opens the name, its
    // genitive words follow in lower case.
    if (capital) {
      size_t e = next;
      for (int words = 0; words < 4 && e < text.size() && IsLowerLetter(DecodeAt(text, e, &len)); ++words) {
        size_t w = e;
        while (w < text.size() && IsLetter(DecodeAt(text, w, &len))) w += len;
        const std::string_view word = text.substr(e, w - e);
        if (word == "при" || word == "и" || word == "в" || word == "по") break;
        end = w;
        e = w;
        if (e < text.size() && text[e] == ' ') ++e;
      }
      if (end > next) return std::string(text.substr(hit, end - hit));
    }
  }
  return {};
}

std::vector<std::string_view> Attributor::RussianPersonOfOrganisation(const Np& np) const {
  // "зампред Нацбанка" after "заместитель председателя Нацбанка Руслан
  // Омаров": a one-word organisation after a role noun refers to the
  // person the story named right after that organisation.
  if (lex_->language != Language::kRussian || np.name.size() != 1 || np.end == 0) return {};
  const size_t org = np.end - 1;
  if (org == 0 || !IsLowerWord(org - 1) || !lex_->IsRoleNoun(T(org - 1).lower)) return {};
  std::string_view surface = T(org).Text(text_);
  while (!surface.empty() && (surface.starts_with("\xC2\xAB"))) surface.remove_prefix(2);
  while (surface.size() >= 2 && surface.ends_with("\xC2\xBB")) surface.remove_suffix(2);
  // The organisation in any case: "главы «Береке-Инвеста»" after "АО
  // «Береке-Инвест» Марат Сейтказы" shares all but its ending.
  const size_t last = surface.size() - (DecodeBefore(surface, surface.size()) < 0x80 ? 1 : 2);
  const std::string_view stem = surface.substr(0, last);
  if (stem.size() < 6) return {};
  const std::string_view text = WindowBefore(text_, T(org).begin);
  for (size_t at = text.rfind(stem); at != std::string_view::npos && at > 0; at = text.rfind(stem, at - 1)) {
    size_t p = at + stem.size();
    size_t len = 0;
    if (p < text.size() && IsLetter(DecodeAt(text, p, &len))) p = std::min(p + len, text.size());  // the ending
    if (text.substr(p).starts_with("\xC2\xBB")) p += 2;
    std::vector<std::string_view> words;
    while (words.size() < 3 && p < text.size() && text[p] == ' ' && IsUpperStart(text, p + 1)) {
      size_t e = p + 1;
      size_t len = 0;
      while (e < text.size() && (IsLetter(DecodeAt(text, e, &len)) || text[e] == '-')) e += len > 0 ? len : 1;
      words.push_back(text.substr(p + 1, e - p - 1));
      p = e;
    }
    if (words.size() >= 2) return words;
    if (at == 0) break;
  }
  return {};
}

std::string Attributor::RussianInstitution(const Np& np) const {
  // "в пресс-службе акимата", "в самом агентстве", "в Кремле": the
  // institution in the nominative, a kind the story named before resolved
  // to that organisation. Empty when the phrase names none.
  size_t b = np.begin;
  while (b < np.end && IsWord(b) &&
         (T(b).lower.starts_with("пресс-служб") || T(b).lower == "самом" || T(b).lower == "самой" ||
          T(b).lower == "самого")) {
    ++b;
  }
  if (b >= np.end || !IsWord(b)) return {};
  const InstitutionForm* f = FindInstitution(T(b).lower);
  if (f == nullptr) return {};
  std::string rest;
  for (size_t i = b + 1; i < np.end && i < toks_.size(); ++i) {
    rest += ' ';
    rest += Surface(i);
  }
  if (!f->kind_stem.empty() && rest.empty()) {
    std::string antecedent = RussianAntecedentOrganisation(f->kind_stem, T(b).begin);
    if (!antecedent.empty()) return antecedent;
  }
  return std::string(f->nominative) + rest;
}

bool Attributor::RussianGenitiveComplement(size_t name) const {
  // "в сообщении Акорды", "в пресс-службе Газпрома": a one-word name right
  // after a noun that a preposition governs completes that noun, in the
  // genitive. Longer names ("МИД Казахстана") carry their own genitive.
  if (lex_->language != Language::kRussian || name < 1 || !IsWord(name - 1) || T(name - 1).upper) return false;
  // "сообщает пресс-служба Акорды": a press service always speaks for someone.
  if (T(name - 1).lower.starts_with("пресс-служб")) return true;
  return name >= 2 && !Has(name - 1, Lexicon::kPreposition) && IsWord(name - 2) && Has(name - 2, Lexicon::kPreposition);
}

void Attributor::MarkRussianGenitive(size_t from, Np* np) const {
  if (np->kind != Np::kName || np->name.size() != 1) return;
  for (size_t b = from; b < np->end; ++b) {
    if (IsWord(b) && T(b).Text(text_) == np->name.front()) {
      np->genitive = np->genitive || RussianGenitiveComplement(b);
      return;
    }
  }
}

void Attributor::DropGovernedObliqueHead(size_t from, Np* np) const {
  if (lex_->language != Language::kRussian || np->kind != Np::kName || np->name.size() < 2) return;
  size_t b = from;
  while (b < np->end && !(IsWord(b) && T(b).Text(text_) == np->name.front())) ++b;
  if (b == 0 || b >= np->end || !IsWord(b - 1) || !Has(b - 1, Lexicon::kPreposition)) return;
  // "с Ахметовым Сергей Кравцов": the preposition's object, then the subject.
  size_t keep = 0;
  while (keep + 1 < np->name.size() && EndsOblique(np->name[keep])) ++keep;
  // "из Бухары Фарход Каримов": a place in the genitive, then a full name.
  if (keep == 0 && np->name.size() >= 3 && (IsRussianPlaceWord(T(b).lower) || EndsGenitive(T(b).lower)) &&
      !IsPatronymic(T(b + 1).lower)) {
    keep = 1;
  }
  if (keep == 0 || EndsOblique(np->name.back())) return;
  np->name.erase(np->name.begin(), np->name.begin() + static_cast<std::ptrdiff_t>(keep));
}

bool Attributor::RussianGovernedName(size_t b, size_t lo) const {
  // "в своём Telegram-канале", "на этой неделе": lower-case words between
  // the preposition and the name agree with it.
  if (lex_->language != Language::kRussian) return false;
  for (size_t p = b; p-- > lo && p + 3 >= b;) {
    if (!IsWord(p)) return false;
    if (Has(p, Lexicon::kPreposition) && !T(p).upper) return true;
    if (T(p).upper) return false;
  }
  return false;
}

Np Attributor::RussianSubject(size_t lo, size_t verb) const {
  // Russian puts adverbials between subject and verb: "Шольц в ответ
  // заявил:", "Министр Алмасбек Садыров в своём выступлении заявил:",
  // "Токаев 17 сентября на пленарной сессии заявил:". The subject is the
  // first name of the clause that no preposition governs.
  for (size_t i = lo; i < verb; ++i) {
    if (IsQuoteTok(i) || IsSentenceEnd(i)) return Np{};
    if (!IsRunTok(i)) continue;
    size_t e = i;
    while (e < verb && IsRunTok(e)) ++e;
    const bool governed = i > lo && IsWord(i - 1) && Has(i - 1, Lexicon::kPreposition);
    Np np = FromRun(i, e);
    if (!governed && np.kind == Np::kName) {
      np.begin = i;
      np.end = e;
      return np;
    }
    i = e - 1;
  }
  return Np{};
}

Np Attributor::PossessivePoSlovam(size_t i) const {
  // "по его словам", "по её словам", "по их словам": a pronoun in the
  // possessive names the speaker.
  Np np;
  if (!IsWord(i) || T(i).lower != "по" || !IsWord(i + 1) || !IsWord(i + 2) ||
      (T(i + 2).lower != "словам" && T(i + 2).lower != "мнению")) {
    return np;
  }
  const std::string& p = T(i + 1).lower;
  if (p == "его") {
    np.gender = Gender::kMale;
  } else if (p == "её" || p == "ее") {
    np.gender = Gender::kFemale;
  } else if (p == "их") {
    np.gender = Gender::kPlural;
  } else {
    return np;
  }
  np.kind = Np::kPronoun;
  np.begin = i + 1;
  np.end = i + 2;
  return np;
}

bool Attributor::AddresseeFollows(size_t i) const {
  // "сказал Токаев Олафу Шольцу": a surname ends the speaker's name, and a
  // capitalised word after it in an oblique case is the person spoken to.
  if (lex_->language != Language::kRussian || !IsRunTok(i + 1) || !KnownName(i)) return false;
  const std::string& next = T(i + 1).lower;
  for (std::string_view ending : {"у", "ю", "ом", "ем", "ым", "им", "ой", "а", "я"}) {
    if (next.ends_with(ending)) return true;
  }
  return false;
}

Np Attributor::RoleAfterTheOutletTold(size_t j, size_t hi) const {
  // "заявил РИА Новости источник в правительстве", "сообщил ТАСС
  // собеседник агентства": the outlet right after the verb is told; the role
  // noun after it speaks. A name after the role ("заявил ТАСС министр Арман
  // Шаккалиев") is left to the name rules.
  Np np;
  if (lex_->language != Language::kRussian || !IsWord(j) || !T(j).upper) return np;
  size_t e = j;
  while (e < hi && e < j + 3 && IsWord(e) && T(e).upper) ++e;
  if (!IsWord(e) || T(e).upper || !Has(e, Lexicon::kRole)) return np;
  np.kind = Np::kDescriptor;
  np.begin = e;
  np.end = e + 1;
  while (np.end < hi && np.end < e + 4 && IsWord(np.end) && !T(np.end).upper &&
         !Has(np.end, Lexicon::kSpeech | Lexicon::kConj | Lexicon::kRelative)) {
    ++np.end;
  }
  if (IsRunTok(np.end)) return Np{};
  const std::string_view role = RoleOf(e);
  if (!role.empty()) np.roles.emplace_back(role);
  return np;
}

Np Attributor::QuotedGenitiveSource(size_t i) const {
  // "— говорится в сообщении «Казатомпрома»": Russian puts company names in
  // marks, and the name in the genitive after a governed noun is the source.
  // Only a one-word name is put back in the nominative; longer ones are
  // usually left undeclined («Казахстан темир жолы»).
  Np np;
  if (!RussianGenitiveComplement(i) || spans_ == nullptr || T(i).quote < 0) return np;
  const QuoteSpan& s = (*spans_)[static_cast<size_t>(T(i).quote)];
  if (!s.closed || !StartsUpper(s) || WordCount(s) > 3) return np;
  std::string_view body = text_.substr(s.body_begin, s.body_end - s.body_begin);
  while (!body.empty()) {
    const size_t space = body.find(' ');
    np.name.push_back(body.substr(0, space));
    if (space == std::string_view::npos) break;
    body.remove_prefix(space + 1);
  }
  np.kind = Np::kName;
  np.genitive = np.name.size() == 1;
  np.end = i + 1;
  return np;
}

Np Attributor::RussianSubjectAfter(size_t j, size_t hi) const {
  // "— сказал в интервью газете «Хандельсблатт» статс-секретарь
  // министерства Михаэль Хартманн.", "— признался 29-летний инженер из
  // Бухары Фарход Каримов.": the subject closes the author's words,
  // after adverbials and its description. The last name of the clause that
  // no preposition governs.
  Np found;
  for (size_t i = j; i < hi && i < j + 20; ++i) {
    if (IsP(i, '.') || IsP(i, ',') || IsP(i, '-') || IsP(i, ':') || IsP(i, ';')) break;
    if (IsQuoteTok(i) && found.kind == Np::kNone) {
      if (Np source = QuotedGenitiveSource(i); source.kind == Np::kName) {
        source.begin = j;
        return source;
      }
    }
    if (!IsRunTok(i)) continue;
    size_t e = i;
    bool addressee = false;
    while (e < hi && IsRunTok(e) && !addressee) addressee = AddresseeFollows(e++);
    bool governed = i > j && IsWord(i - 1) && Has(i - 1, Lexicon::kPreposition);
    size_t b = i;
    // "— заявил в беседе с Шольцем Мирзиёев": the preposition governs only
    // the name in an oblique case; the nominative after it is the subject.
    if (governed) {
      for (size_t s = i + 1; s < e; ++s) {
        // "из Бухары Фарход Каримов": a place governed, then a full name.
        const bool object_ends = EndsOblique(T(s - 1).lower) || (s == i + 1 && e - s >= 2);
        if (object_ends && !EndsOblique(T(e - 1).lower) && FromRun(s, e).kind == Np::kName) {
          b = s;
          governed = false;
          break;
        }
      }
    }
    Np np = FromRun(b, e);
    if (!governed && np.kind == Np::kName) {
      // "— говорится в сообщении Акорды": a name right after a governed noun
      // is that noun's genitive complement.
      np.genitive = b == i && e == i + 1 && RussianGenitiveComplement(i);
      np.begin = j;
      np.end = e;
      AddContext(b, j, &np);
      found = np;
      if (addressee) break;
    }
    i = e - 1;
  }
  return found;
}

}  // namespace newsmon::quote_internal
