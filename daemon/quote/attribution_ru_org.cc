// Russian organisations as sources: institutions in the cases a source
// takes ("в Кремле заявили"), a kind of organisation that refers back to the
// one the story named ("в пресс-службе акимата"), a company known by its
// legal form ("ТОО «…»"), and a role with an organisation that names the
// person the story introduced with it ("глава фонда", "зампред Нацбанка").
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "quote/attributor.h"
#include "quote/persons.h"
#include "quote/scan.h"

namespace newsmon::quote_internal {

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

constexpr std::array<InstitutionForm, 60> kInstitutions = {{
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
    {"департаменте", "департамент", "департамент"},
    {"департамента", "департамент", "департамент"},
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

// "Министерстве" → "Министерство": a kind that opens a name, in the
// nominative and capitalised as the name is.
std::string CapitalisedNominative(std::string_view word) {
  std::string lower;
  for (size_t i = 0, len = 0; i < word.size(); i += len) {
    char32_t c = DecodeAt(word, i, &len);
    if (i == 0 && c >= 0x410 && c <= 0x42F) {
      c += 0x20;
      lower += static_cast<char>(0xC0 | (c >> 6));
      lower += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      lower += word.substr(i, len);
    }
  }
  const InstitutionForm* f = FindInstitution(lower);
  if (f == nullptr) return std::string(word);
  std::string nominative(f->nominative);
  size_t len = 0;
  const char32_t first = DecodeAt(nominative, 0, &len);
  if (first >= 0x430 && first <= 0x44F && len == 2) {
    const char32_t upper = first - 0x20;
    nominative[0] = static_cast<char>(0xC0 | (upper >> 6));
    nominative[1] = static_cast<char>(0x80 | (upper & 0x3F));
  }
  return nominative;
}

// What an institution speaks through, in the prepositional case: "в
// сообщении компании", "в заявлении министерства".
bool IsDocumentNoun(std::string_view w) {
  return w == "сообщении" || w == "заявлении" || w == "документе" || w == "ответе" || w == "письме" || w == "релизе" ||
         w == "пресс-релизе" || w == "комментарии" || w == "публикации" || w == "обращении";
}

// The end of "… области" or "… в Вене" right after `end`, else `end`.
size_t RegionOrSeatAfter(std::string_view text, size_t end) {
  if (end + 1 >= text.size() || text[end] != ' ') return end;
  size_t len = 0;
  auto word_end = [&](size_t at) {
    while (at < text.size() && IsLetter(DecodeAt(text, at, &len))) at += len;
    return at;
  };
  const size_t next = end + 1;
  const size_t next_end = word_end(next);
  const std::string_view word = text.substr(next, next_end - next);
  if (word == "области" || word == "района" || word == "края" || word == "округа" || word == "республики")
    return next_end;
  if ((word == "в" || word == "во") && next_end + 1 < text.size() && text[next_end] == ' ' &&
      IsUpperStart(text, next_end + 1)) {
    return word_end(next_end + 1);
  }
  return end;
}

bool IsLegalForm(std::string_view lower) {
  return lower == "ао" || lower == "тоо" || lower == "пао" || lower == "оао" || lower == "зао" || lower == "ооо" ||
         lower == "осоо";
}

// Kinds of organisation a company registers under a legal form.
bool IsCommercialKind(std::string_view stem) {
  return stem == "фонд" || stem == "компани" || stem == "авиакомпани" || stem == "корпораци" || stem == "холдинг" ||
         stem == "банк" || stem == "концерн";
}

// The name of the latest company the text introduced by its legal form
// only: "АО «Ортау Энерго»", "ТОО «Береке»".
std::string LegalFormOrganisation(std::string_view text) {
  static constexpr std::array<std::string_view, 7> kForms = {"АО", "ТОО", "ПАО", "ОАО", "ЗАО", "ООО", "ОсОО"};
  // «Name», or „Name“ inside a quote; the latest of either.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kMarks = {
      {{"\xC2\xAB", "\xC2\xBB"}, {"\xE2\x80\x9E", "\xE2\x80\x9C"}}};
  std::string_view best;
  size_t best_at = 0;
  for (const auto& [open_mark, close_mark] : kMarks) {
    for (size_t open = text.rfind(open_mark); open != std::string_view::npos && open > best_at;
         open = open > 0 ? text.rfind(open_mark, open - 1) : std::string_view::npos) {
      const std::string_view before = text.substr(0, open);
      const std::string_view spaced = before.ends_with(' ') ? before.substr(0, before.size() - 1) : before;
      bool formed = false;
      for (std::string_view form : kForms) {
        formed = formed || (spaced.ends_with(form) && (spaced.size() == form.size() ||
                                                       !IsLetter(DecodeBefore(spaced, spaced.size() - form.size()))));
      }
      if (!formed) continue;
      const size_t body = open + open_mark.size();
      const size_t close = text.find(close_mark, body);
      if (close != std::string_view::npos && close - body < 80) {
        best = text.substr(body, close - body);
        best_at = open;
        break;
      }
    }
  }
  return std::string(best);
}

// Is the role a person is named after in the genitive ("принял
// председателя правления АО «…» Ерлана Иванова")? The role is the first word
// of the lower-case run before the organisation; the name takes its case.
bool RoleBeforeInGenitive(std::string_view text) {
  std::string_view head;
  size_t end = text.size();
  while (end > 0 && (text[end - 1] == ' ' || text.substr(0, end).ends_with("\xC2\xAB")))
    end -= text[end - 1] == ' ' ? 1 : 2;
  for (int words = 0; words < 6 && end > 0; ++words) {
    size_t b = end;
    while (b > 0 && (IsLetter(DecodeBefore(text, b)) || text[b - 1] == '-')) {
      b -= (static_cast<unsigned char>(text[b - 1]) < 0x80) ? 1 : 2;
    }
    if (b == end) break;
    const std::string_view word = text.substr(b, end - b);
    size_t len = 0;
    const char32_t first = DecodeAt(word, 0, &len);
    // Legal forms ("АО", "ТОО") sit inside the run; another capitalised word ends it.
    const bool acronym = word.size() <= 8 && IsUpper(first) && IsUpper(DecodeBefore(word, word.size()));
    if (IsUpper(first) && !acronym) break;
    if (!acronym) head = word;
    end = b;
    while (end > 0 && text[end - 1] == ' ') --end;
  }
  if (head.empty() || head == "глава" || head == "судья") return false;
  return EndsGenitive(head);
}

}  // namespace

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
    // "акимат Атырауской области", "посольство Казахстана в
    // Берлине": a region's noun, or the city the office sits in, ends the name.
    if (end > next) end = RegionOrSeatAfter(text, end);
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
      for (int words = 0; words < 7 && e < text.size() && IsLowerLetter(DecodeAt(text, e, &len)); ++words) {
        size_t w = e;
        while (w < text.size() && IsLetter(DecodeAt(text, w, &len))) w += len;
        const std::string_view word = text.substr(e, w - e);
        // "Агентство по надзору и развитию …": "по" right after the
        // kind, and "и" between two of its nouns, belong to the name.
        const bool joins = (word == "по" && words == 0) || (word == "и" && words > 0 && w + 1 < text.size() &&
                                                            IsLowerLetter(DecodeAt(text, w + 1, &len)));
        if (!joins && (word == "при" || word == "и" || word == "в" || word == "по" || words >= 6)) break;
        end = w;
        e = w;
        if (e < text.size() && text[e] == ' ') ++e;
      }
      // "Министерство культуры Узбекистана": a country in the genitive ends it.
      for (int words = 0; words < 2 && e < text.size() && IsUpperStart(text, e); ++words) {
        size_t w = e;
        while (w < text.size() && IsLetter(DecodeAt(text, w, &len))) w += len;
        if (!EndsGenitive(text.substr(e, w - e))) break;
        end = w;
        e = w < text.size() && text[w] == ' ' ? w + 1 : w;
      }
      if (end > next)
        return CapitalisedNominative(text.substr(hit, w_end - hit)) + std::string(text.substr(w_end, end - w_end));
    }
  }
  return {};
}

Attributor::NamedPerson Attributor::RussianPersonNamedAfter(std::string_view organisation, size_t before) const {
  // The organisation in any case: "главы «Береке-Инвеста»" after "АО
  // «Береке-Инвест» Марат Сейтказы" shares all but its ending.
  while (organisation.starts_with("\xC2\xAB")) organisation.remove_prefix(2);
  while (organisation.size() >= 2 && organisation.ends_with("\xC2\xBB")) organisation.remove_suffix(2);
  if (organisation.empty()) return {};
  const size_t last = organisation.size() - (DecodeBefore(organisation, organisation.size()) < 0x80 ? 1 : 2);
  const std::string_view stem = organisation.substr(0, last);
  if (stem.size() < 6) return {};
  const std::string_view text = WindowBefore(text_, before);
  for (size_t at = text.rfind(stem); at != std::string_view::npos && at > 0; at = text.rfind(stem, at - 1)) {
    size_t p = at + stem.size();
    size_t len = 0;
    if (p < text.size() && IsLetter(DecodeAt(text, p, &len))) p = std::min(p + len, text.size());  // the ending
    if (text.substr(p).starts_with("\xC2\xBB")) p += 2;
    std::vector<std::string_view> words;
    while (words.size() < 3 && p < text.size() && text[p] == ' ' && IsUpperStart(text, p + 1)) {
      size_t e = p + 1;
      while (e < text.size() && (IsLetter(DecodeAt(text, e, &len)) || text[e] == '-')) e += len > 0 ? len : 1;
      words.push_back(text.substr(p + 1, e - p - 1));
      p = e;
    }
    if (words.size() >= 2) return {words, RoleBeforeInGenitive(text.substr(0, at))};
    if (at == 0) break;
  }
  return {};
}

Attributor::NamedPerson Attributor::RussianPersonOfOrganisation(const Np& np) const {
  // "зампред Нацбанка" after "заместитель председателя Нацбанка Руслан
  // Омаров": a one-word organisation after a role noun refers to the
  // person the story named right after that organisation.
  if (lex_->language != Language::kRussian || np.name.size() != 1 || np.end == 0) return {};
  const size_t org = np.end - 1;
  if (org == 0 || !IsLowerWord(org - 1) || !lex_->IsRoleNoun(T(org - 1).lower)) return {};
  return RussianPersonNamedAfter(T(org).Text(text_), T(org).begin);
}

Attributor::RoleHolder Attributor::RussianRoleHolder(const Np& np) const {
  // "глава фонда", "представитель «Ортау Энерго»", "пресс-секретарь
  // Кремля": a role with the organisation it serves in the genitive. Its
  // holder is the person the story named right after that organisation,
  // and never the head of state the story called "глава государства".
  RoleHolder holder;
  if (lex_->language != Language::kRussian) return holder;
  size_t role = np.begin;
  while (role < np.end && !(IsWord(role) && lex_->IsRoleNoun(T(role).lower))) ++role;
  const size_t complement = role + 1;
  if (role >= np.end || complement >= toks_.size()) return holder;
  std::string organisation;
  if (IsQuoteTok(complement) && spans_ != nullptr && T(complement).quote >= 0) {
    const QuoteSpan& s = (*spans_)[static_cast<size_t>(T(complement).quote)];
    if (!s.closed || !StartsUpper(s) || WordCount(s) > 3) return holder;
    organisation = text_.substr(s.body_begin, s.body_end - s.body_begin);
    holder.kind = RoleHolder::kOrganisation;
  } else if (IsWord(complement) && !T(complement).upper) {
    const InstitutionForm* f = FindInstitution(T(complement).lower);
    if (f == nullptr) return holder;
    if (f->kind_stem.empty()) {
      organisation = T(complement).Text(text_);
      holder.kind = RoleHolder::kInstitution;
    } else if (f->kind_stem != "правительств") {
      organisation = RussianAntecedentOrganisation(f->kind_stem, T(complement).begin);
      if (organisation.empty() && IsCommercialKind(f->kind_stem))
        organisation = LegalFormOrganisation(WindowBefore(text_, T(complement).begin));
      holder.kind = RoleHolder::kOrganisation;
    }
  } else if (IsWord(complement) && T(complement).upper) {
    const InstitutionForm* f = FindInstitution(T(complement).lower);
    if (f == nullptr || !f->kind_stem.empty()) return holder;
    organisation = T(complement).Text(text_);
    holder.kind = RoleHolder::kInstitution;
  }
  if (!organisation.empty()) holder.person = RussianPersonNamedAfter(organisation, T(np.begin).begin);
  return holder;
}

std::string Attributor::RussianLegalFormSource(const Np& np) const {
  if (lex_->language != Language::kRussian || np.name.size() != 1 || np.end == 0 || !IsWord(np.end - 1)) return {};
  const Token& form = T(np.end - 1);
  if (!IsLegalForm(form.lower)) return {};
  return LegalFormOrganisation(WindowBefore(text_, form.begin));
}

Np Attributor::RussianInstitutionAfterPlural(size_t verb, size_t hi) const {
  if (lex_->language != Language::kRussian || !IsWord(verb) || !T(verb).lower.ends_with("ли") || !IsWord(verb + 2) ||
      (T(verb + 1).lower != "в" && T(verb + 1).lower != "во")) {
    return Np{};
  }
  const Token& place = T(verb + 2);
  const bool institution = FindInstitution(place.lower) != nullptr || (place.upper && !IsRussianPlaceWord(place.lower));
  return institution ? RussianImpersonalSource(verb, verb, hi) : Np{};
}

Np Attributor::RussianInstitutionAt(size_t i) const {
  Np np;
  if (lex_->language != Language::kRussian || !IsWord(i) || FindInstitution(T(i).lower) == nullptr) return np;
  np.kind = Np::kDescriptor;
  np.begin = i;
  np.end = i + 1;
  return np;
}

std::string Attributor::RussianInstitution(const Np& np) const {
  // "в пресс-службе акимата", "в самом агентстве", "в Кремле": the
  // institution in the nominative, a kind the story named before resolved
  // to that organisation. Empty when the phrase names none.
  size_t b = np.begin;
  while (b < np.end && IsWord(b) &&
         (T(b).lower.starts_with("пресс-служб") || T(b).lower == "самом" || T(b).lower == "самой" ||
          T(b).lower == "самого" || IsDocumentNoun(T(b).lower))) {
    ++b;
  }
  if (b >= np.end || !IsWord(b)) return {};
  // "— говорится в сообщении ТОО": the company the story gave that legal form.
  if (b + 1 == np.end && IsLegalForm(T(b).lower)) return LegalFormOrganisation(WindowBefore(text_, T(b).begin));
  const InstitutionForm* f = FindInstitution(T(b).lower);
  if (f == nullptr) return {};
  std::string rest;
  for (size_t i = b + 1; i < np.end && i < toks_.size(); ++i) {
    rest += ' ';
    rest += Surface(i);
  }
  if (!f->kind_stem.empty() && rest.empty()) {
    std::string antecedent = RussianAntecedentOrganisation(f->kind_stem, T(b).begin);
    if (antecedent.empty() && IsCommercialKind(f->kind_stem))
      antecedent = LegalFormOrganisation(WindowBefore(text_, T(b).begin));
    if (!antecedent.empty()) return antecedent;
  }
  // "в Департаменте по чрезвычайным ситуациям …" is a name: its capital stays.
  return (T(b).upper ? CapitalisedNominative(T(b).Text(text_)) : std::string(f->nominative)) + rest;
}

Np Attributor::RussianImpersonalSource(size_t verb, size_t lo, size_t hi) const {
  // "В МВД Казахстана сообщили, что …", "— сообщили в оргкомитете
  // марафона", "— говорится в сообщении компании": a plural or impersonal
  // verb without a subject, the institution in "в …" speaks.
  if (lex_->language != Language::kRussian) return Np{};
  const std::string& form = T(verb).lower;
  if (!form.ends_with("ли") && form != "говорится" && form != "сообщается") return Np{};
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
  if (form == "говорится" || form == "сообщается") {
    // "— говорится в сообщении компании": only a kind the story named an
    // organisation by speaks; otherwise the institution quoted last goes on.
    Np after = phrase_at(verb + 1);
    const size_t kind = after.begin + 1;
    if (after.kind == Np::kNone || !IsDocumentNoun(T(after.begin).lower) || kind >= after.end || !IsLowerWord(kind))
      return Np{};
    // "— говорится в обращении главы государства": the role's holder.
    if (Has(kind, Lexicon::kRole) && FindInstitution(T(kind).lower) == nullptr) {
      after.begin = kind;
      after.roles.clear();
      if (!RoleOf(kind).empty()) after.roles.emplace_back(RoleOf(kind));
      return after;
    }
    const InstitutionForm* f = FindInstitution(T(kind).lower);
    if (f == nullptr) return Np{};
    const std::string source = RussianInstitution(after);
    // "В посольстве Казахстана в Вене заверили … — говорится в заявлении
    // посольства": the institution that spoke last goes on in its fullest form.
    if (current_.person < 0 && current_.name.size() > 2 && source.size() > 2 &&
        current_.name.substr(2).starts_with(std::string_view(f->nominative).substr(2))) {
      return Np{};
    }
    return source != f->nominative ? after : Np{};
  }
  // Right after the verb, or opening the clause before it.
  if (Np after = phrase_at(verb + 1); after.kind != Np::kNone) return after;
  for (size_t i = verb; i-- > lo;) {
    if (IsQuoteTok(i) || IsSentenceEnd(i) || IsP(i, ',')) break;
    if (Np before = phrase_at(i); before.kind != Np::kNone && before.end == verb) return before;
  }
  return Np{};
}

}  // namespace newsmon::quote_internal
