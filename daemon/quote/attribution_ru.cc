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

std::string_view Attributor::RussianOfficeAt(size_t r) const {
  // "министр иностранных дел", "глава МИД", "глава германского
  // внешнеполитического ведомства": one office in several words.
  if (lex_->language != Language::kRussian || !IsWord(r)) return {};
  const std::string& role = T(r).lower;
  // "аким области", "глава региона" → governor; "аким города" → mayor.
  const bool akim = role == "аким" || role == "акима" || role == "акиму" || role == "акимом";
  if (akim || role.starts_with("глав")) {
    const std::string& of = IsWord(r + 1) ? T(r + 1).lower : role;
    if (of == "области" || of == "региона" || of == "края" || of == "губернии") return "governor";
    if (of == "города" || of == "столицы") return "mayor";
    if (akim) return "governor";
  }
  if (!role.starts_with("министр") && !role.starts_with("глав") && !role.starts_with("руководител")) return {};
  for (size_t i = r + 1; i < r + 4 && IsWord(i); ++i) {
    const std::string& w = T(i).lower;
    if (w == "мид" || w == "внешнеполитического" || (w == "иностранных" && IsWord(i + 1) && T(i + 1).lower == "дел"))
      return "foreign minister";
    if (T(i).upper || !(w.ends_with("ого") || w.ends_with("его"))) break;  // only adjectives stand between
  }
  return {};
}

bool IsQuotingVerb(std::string_view lower) {
  return lower.starts_with("цитиру") || lower.starts_with("процитирова") || lower == "приводит" || lower == "привёл" ||
         lower == "привел" || lower == "привела" || lower == "привели";
}

bool Attributor::RussianNameAfterGenitiveRole(const Np& np) const {
  // A name in apposition takes its role's case: "президента Шавката
  // Мирзиёева" is Шавкат Мирзиёев.
  if (lex_->language != Language::kRussian || np.name.size() < 2 || np.end < np.name.size() + 1) return false;
  const size_t role = np.end - np.name.size() - 1;
  if (!IsLowerWord(role) || !Has(role, Lexicon::kRole)) return false;
  const std::string& w = T(role).lower;
  return w != "глава" && w != "судья" && (w.ends_with("а") || w.ends_with("я") || w.ends_with("ы"));
}

namespace {

enum class Generation { kUnknown, kElder, kYounger };

// "его сын Тимур", "отцу Болату": a kinship word right before a first name.
Generation GenerationOf(std::string_view word) {
  static constexpr std::array<std::string_view, 10> kYounger = {"сын",    "сына", "сыну",    "сыном",    "дочь",
                                                                "дочери", "внук", "младший", "младшего", "младшая"};
  static constexpr std::array<std::string_view, 10> kElder = {"отец",   "отца", "отцу",    "отцом",    "мать",
                                                              "матери", "дед",  "старший", "старшего", "старшая"};
  if (std::find(kYounger.begin(), kYounger.end(), word) != kYounger.end()) return Generation::kYounger;
  if (std::find(kElder.begin(), kElder.end(), word) != kElder.end()) return Generation::kElder;
  return Generation::kUnknown;
}

// The word ending right before `end` (spaces skipped), and where it begins.
std::string_view WordBefore(std::string_view text, size_t end, size_t* begin) {
  while (end > 0 && text[end - 1] == ' ') --end;
  size_t b = end;
  while (b > 0 && IsLetter(DecodeBefore(text, b))) b -= static_cast<unsigned char>(text[b - 1]) < 0x80 ? 1 : 2;
  *begin = b;
  return text.substr(b, end - b);
}

}  // namespace

std::string Attributor::RussianNamesake(std::string_view surname, size_t before) const {
  // "Садыков-старший", "Тлеубаев-младший": of two people with one surname,
  // the one the story introduced as the father or the son.
  const size_t hyphen = surname.find('-');
  if (lex_->language != Language::kRussian || hyphen == std::string_view::npos || hyphen < 4) return {};
  const std::string_view which = surname.substr(hyphen + 1);
  const bool elder = which.starts_with("старш");
  if (!elder && !which.starts_with("младш")) return {};
  const std::string_view base = surname.substr(0, hyphen);
  struct Relative {
    std::string first;
    Generation generation;
  };
  std::vector<Relative> relatives;
  const std::string_view text = WindowBefore(text_, before);
  for (size_t at = text.find(base); at != std::string_view::npos; at = text.find(base, at + base.size())) {
    // The surname in any case after a first name: "Тимур Садыков", "Болату Тлеубаеву".
    // Its case ending: up to two letters ("Тлеубаеву", "Тлеубаевым").
    const size_t end = at + base.size();
    size_t ending_end = end;
    size_t len = 0;
    for (int letters = 0; letters < 2 && ending_end < text.size() && IsLetter(DecodeAt(text, ending_end, &len));
         ++letters)
      ending_end += len;
    if (ending_end < text.size() && IsLetter(DecodeAt(text, ending_end, &len))) continue;  // a longer word
    const std::string_view ending = text.substr(end, ending_end - end);
    if (end + ending.size() < text.size() && text[end + ending.size()] == '-') continue;
    size_t first_begin = 0;
    std::string_view first = WordBefore(text, at, &first_begin);
    if (first.empty() || !IsUpperStart(text, first_begin) || first_begin == at) continue;
    size_t marker_begin = 0;
    const std::string marker = LowerWord(WordBefore(text, first_begin, &marker_begin));
    // The first name takes the surname's case: strip its ending the same way.
    std::string nominative(first);
    if (!ending.empty() && first.ends_with(ending)) nominative.resize(first.size() - ending.size());
    if ((ending == "ым" || ending == "ом") && (first.ends_with("ом") || first.ends_with("ем")))
      nominative.resize(first.size() - std::string_view("ом").size());
    Generation g = GenerationOf(marker);
    auto same =
        std::find_if(relatives.begin(), relatives.end(), [&](const Relative& r) { return r.first == nominative; });
    if (same == relatives.end()) {
      relatives.push_back({nominative, g});
    } else if (same->generation == Generation::kUnknown) {
      same->generation = g;
    }
  }
  const Generation wanted = elder ? Generation::kElder : Generation::kYounger;
  const Generation other = elder ? Generation::kYounger : Generation::kElder;
  const Relative* pick = nullptr;
  for (const Relative& r : relatives) {
    if (r.generation == wanted) pick = &r;
  }
  if (pick == nullptr && relatives.size() == 2) {
    if (relatives[0].generation == other && relatives[1].generation != other) pick = &relatives[1];
    if (relatives[1].generation == other && relatives[0].generation != other) pick = &relatives[0];
  }
  return pick == nullptr ? std::string() : pick->first + " " + std::string(base);
}

Cue Attributor::RussianDemonstrativeCue(size_t j, size_t hi) const {
  // "«…». Об этом заявил министр X на брифинге.", "Так прокомментировал
  // решение X.", "Такое мнение высказал X": a sentence pointing back at the
  // quote, then the verb and its subject.
  Cue c;
  if (lex_->language != Language::kRussian || !IsWord(j)) return c;
  const std::string& w = T(j).lower;
  size_t v = j + 1;
  if (w == "об" && IsWord(j + 1) && T(j + 1).lower == "этом") {
    v = j + 2;
  } else if ((w == "такое" || w == "такую" || w == "такой" || w == "эти" || w == "эту" || w == "этот") &&
             IsLowerWord(j + 1)) {
    v = j + 2;  // "Такое мнение высказал X", "Эти слова произнёс X"
  } else if (w != "так" && w != "это") {
    return c;
  }
  // Adverbials before the verb: "Об этом в среду заявил X".
  for (size_t limit = v + 4; v < hi && v < limit && IsLowerWord(v) && !IsStrongCue(v);) ++v;
  if (v >= hi || !IsStrongCue(v)) return c;
  Np np = RoleAfterTheOutletTold(v + 1, hi);
  if (np.kind == Np::kNone) np = RussianSubjectAfter(v + 1, hi);
  if (np.kind == Np::kNone) np = SubjectAfter(v + 1, hi);
  if (np.kind == Np::kNone) np = RussianImpersonalSource(v, j, hi);
  if (np.kind == Np::kNone) return c;
  c.found = true;
  c.cue = Surface(v);
  c.np = np;
  return c;
}

bool Attributor::NarrowToQuotedRole(size_t subj, size_t hi, Np* np) const {
  // "— цитирует пресс-служба Акорды слова президента", "— приводит слова
  // министра X пресс-служба": the one whose words are quoted.
  for (size_t w = subj; w < hi && w < subj + 8 && !IsSentenceEnd(w) && !IsQuoteTok(w); ++w) {
    if (!IsWord(w) || (T(w).lower != "слова" && T(w).lower != "слов")) continue;
    size_t b = w + 1;
    while (b < hi && b < w + 4 && IsLowerWord(b)) ++b;  // the role and its complement
    size_t e = b;
    while (e < hi && IsRunTok(e)) ++e;
    Np whose = e > b ? FromRun(b, e) : Np{};
    if (whose.kind == Np::kName) {
      whose.genitive = true;
    } else if (IsLowerWord(w + 1) && Has(w + 1, Lexicon::kRole)) {
      whose = Np{};
      whose.kind = Np::kDescriptor;
      e = w + 2;
      if (!RoleOf(w + 1).empty()) whose.roles.emplace_back(RoleOf(w + 1));
    } else {
      return false;
    }
    for (size_t r = w + 1; r < b; ++r) {
      if (!RoleOf(r).empty()) whose.roles.emplace_back(RoleOf(r));
    }
    whose.begin = w + 1;
    whose.end = e;
    *np = whose;
    return true;
  }
  // "— процитировала министра пресс-служба ведомства": the role quoted, not
  // the press service that quotes.
  if (np->kind != Np::kDescriptor || np->begin != subj || !Has(subj, Lexicon::kRole) || RoleOf(subj).empty())
    return false;
  np->end = subj + 1;
  np->roles.assign(1, RoleOf(subj));
  return true;
}

Gender Attributor::RussianVerbGender(std::string_view verb) const {
  // "процитировала министра": a verb of quoting agrees with the one who
  // quotes, not with the one quoted who speaks.
  if (lex_->language != Language::kRussian || IsQuotingVerb(verb)) return Gender::kUnknown;
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
  // "в интервью «Вестнику»": the outlet told, in the dative, is no source.
  if (WordCount(s) == 1 && (body.ends_with("у") || body.ends_with("ю"))) return np;
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
