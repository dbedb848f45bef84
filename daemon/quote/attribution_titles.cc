// Quoted spans that are names rather than speech: titles of works and
// newspapers, organisation names, scare quotes.
#include <string_view>
#include <unordered_set>

#include "quote/attributor.h"

namespace newsmon::quote_internal {

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

bool Attributor::NamedByArticle(size_t k, const QuoteSpan& s) const {
  // "sagte er der „Welt“", "berichtet die „Computerwoche“", "laut „Reuters“":
  // a capitalised title right after a definite article or preposition names a
  // newspaper or a work. Speech after an article is indefinite ("von einer
  // „Gefahr für Leib und Leben“") or starts in lower case.
  if (k == 0 || !IsWord(k - 1) || !LooksLikeTitle(s)) return false;
  static const std::unordered_set<std::string_view> kDefinite = {
      "der", "die", "das",  "dem", "des",       "den", "im",  "am", "vom", "beim",
      "zum", "zur", "laut", "ins", "gegenüber", "the", "von", "in", "bei"};
  if (kDefinite.count(T(k - 1).lower) == 0) return false;
  size_t len = 0;
  size_t i = s.body_begin;
  while (i < s.body_end && !IsLetter(DecodeAt(text_, i, &len))) i += len > 0 ? len : 1;
  return i < s.body_end && IsUpper(DecodeAt(text_, i, &len));
}

bool Attributor::StartsUpper(const QuoteSpan& s) const {
  size_t len = 0;
  size_t i = s.body_begin;
  while (i < s.body_end && !IsLetter(DecodeAt(text_, i, &len))) i += len > 0 ? len : 1;
  return i < s.body_end && IsUpper(DecodeAt(text_, i, &len));
}

bool Attributor::EndsSentence(const QuoteSpan& s) const {
  size_t p = s.body_end;
  while (p > s.body_begin) {
    const char32_t c = DecodeBefore(text_, p);
    if (!IsSpace(c)) return c == '.' || c == '!' || c == '?' || c == U'\u2026';
    --p;
    while (p > s.body_begin && (static_cast<unsigned char>(text_[p]) & 0xC0) == 0x80) --p;
  }
  return false;
}

bool Attributor::NamesASource(size_t k, const QuoteSpan& s) const {
  // A quoted name standing where the source of a report stands is the
  // source, not speech: "Wie die „Aktion Deutschland hilft“ heute mitteilte",
  // "Die „Kampagne für ein Freies Tibet“ berichtete",
  // "schrieb „Die Zeit“ in einem Nachruf", "zitiert „BBC News“ aus".
  // German only: English partial quotes after "the" run into verbs too
  // ("the “rigged” system claimed").
  if (lex_->language != Language::kGerman || !StartsUpper(s)) return false;
  const bool determiner_before = k > 0 && IsWord(k - 1) && Has(k - 1, Lexicon::kDeterminer);
  const bool wie_before =
      k > 0 && IsWord(k - 1) &&
      (T(k - 1).lower == "wie" || (determiner_before && k > 1 && IsWord(k - 2) && T(k - 2).lower == "wie"));
  const size_t clause_start = determiner_before ? k - 1 : k;
  const bool opens_clause = clause_start == 0 || !IsWord(clause_start - 1) || wie_before;
  if (determiner_before || wie_before) {
    // Subject: a short adverbial ("am Montag", "heute"), then the reporting verb.
    size_t v = k + 1;
    const uint32_t reporting = Lexicon::kSpeech | Lexicon::kWeak;
    for (size_t n = 0; n < 4 && IsWord(v) && !Has(v, reporting); ++n) ++v;
    if (IsWord(v) && Has(v, reporting) && (opens_clause || wie_before)) return true;
  }
  // German inverts the subject after the verb, the clause going on with a
  // preposition: "schrieb „Die Zeit“ in einem Nachruf". A one-word answer
  // is speech there ("sagte „Nein“ zu"); English does not invert so.
  if (lex_->language == Language::kGerman && k > 0 && IsWord(k - 1) && IsStrongCue(k - 1) && LooksLikeTitle(s) &&
      WordCount(s) >= 2 && IsWord(k + 1) && Has(k + 1, Lexicon::kPreposition)) {
    return true;
  }
  return false;
}

bool Attributor::IsDomainName(const QuoteSpan& s) const {
  // "tagesschau.de", "montagsdemo.net", ".asia": addresses, never speech.
  // German only: English news quotes a site's name as part of an
  // attribution's content, and the annotated sets count it so.
  if (lex_->language != Language::kGerman) return false;
  const std::string_view body = text_.substr(s.body_begin, s.body_end - s.body_begin);
  if (body.empty() || body.size() > 64 || body.find_first_of(" \t\n") != std::string_view::npos) return false;
  const size_t dot = body.rfind('.');
  if (dot == std::string_view::npos || body.size() - dot < 3 || body.size() - dot > 7) return false;
  for (size_t i = dot + 1; i < body.size(); ++i) {
    if (body[i] < 'a' || body[i] > 'z') return false;
  }
  return true;
}

bool Attributor::GenitiveTitle(size_t k, const QuoteSpan& s) const {
  // "Teile des „Gesetzes über den Verfassungsschutz“", "die Liste des „Kids’
  // Right to Read Project“": a capitalised name in the genitive after a noun.
  return lex_->language == Language::kGerman && k >= 2 && IsWord(k - 1) && T(k - 1).lower == "des" && IsWord(k - 2) &&
         T(k - 2).upper && StartsUpper(s);
}

bool Attributor::EveryWordCapitalised(const QuoteSpan& s) const {
  // German writes nouns capitalised but speech of two words or more has
  // lower-case words in it (articles, verbs, adjectives, "und"); a phrase of
  // capitalised words only is a name ("Flood Response Plan", "Data Hub").
  if (lex_->language != Language::kGerman) return false;
  size_t words = 0;
  size_t i = s.body_begin;
  while (i < s.body_end) {
    size_t len = 0;
    while (i < s.body_end && IsSpace(DecodeAt(text_, i, &len))) i += len > 0 ? len : 1;
    if (i >= s.body_end) break;
    const char32_t first = DecodeAt(text_, i, &len);
    if (!IsUpper(first) && !IsDigit(first)) return false;
    ++words;
    while (i < s.body_end && !IsSpace(DecodeAt(text_, i, &len))) {
      const char32_t c = DecodeAt(text_, i, &len);
      if (c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':') return false;
      i += len > 0 ? len : 1;
    }
  }
  return words >= 2 && words <= 5;
}

bool Attributor::ForeignTitle(const QuoteSpan& s) const {
  // A German text citing an English name: "das Album „Piper at the Gates of
  // Dawn“", "der „United Front for Democracy against Dictatorship“". English
  // function words and no German ones; English speech quoted in a German
  // story comes with a speech verb, which the caller checks.
  // The whole text German too: an English paragraph read with German cues
  // (a mixed or misjudged text) quotes English speech.
  if (lex_->language != Language::kGerman || doc_lex_->language != Language::kGerman || WordCount(s) > 8) {
    return false;
  }
  static const std::unordered_set<std::string_view> kEnglish = {"the", "of", "for", "against", "to", "at", "and"};
  const Lexicon& german = *lex_;
  bool english = false;
  size_t i = s.body_begin;
  while (i < s.body_end) {
    size_t len = 0;
    while (i < s.body_end && !IsLetter(DecodeAt(text_, i, &len))) i += len > 0 ? len : 1;
    const size_t b = i;
    while (i < s.body_end && (IsLetter(DecodeAt(text_, i, &len)) || text_[i] == '\'')) i += len > 0 ? len : 1;
    if (b == i) break;
    const std::string w = LowerWord(text_.substr(b, i - b));
    if (kEnglish.count(w) != 0) english = true;
    if (german.IsFunctionWord(w) || german.IsDeterminer(w) || german.IsPronoun(w)) return false;
  }
  return english;
}

bool Attributor::RussianNameOrTerm(size_t k, const QuoteSpan& s, bool cued) const {
  // Russian puts names of companies, papers, programmes and terms in «…»:
  // "компания «Транснефть»", "газете «Коммерсант»", программа «Работа в
  // Германии», «серые» схемы. Speech that short stands in its own frame:
  // "«Да», — сказал он", "ответил: «Нет»".
  if (lex_->language != Language::kRussian) return false;
  const size_t words = WordCount(s);
  if (words > 4) return false;
  const bool framed = (IsP(k + 1, ',') && IsP(k + 2, '-')) || IsP(k + 1, '-') || (k > 0 && IsP(k - 1, ':'));
  // "«Дефицита не будет». Об этом заявил X": a sentence of its own.
  const bool own_sentence = (k == 0 || IsSentenceEnd(k - 1)) && IsSentenceEnd(k + 1);
  if (framed || own_sentence) return false;
  // "так называемый «теневой» импорт": the writer's "so-called" marks a term,
  // whoever is cited around it.
  if (k >= 2 && IsWord(k - 1) && IsWord(k - 2) && T(k - 2).lower == "так" && T(k - 1).lower.starts_with("называем")) {
    return true;
  }
  for (size_t i = s.body_begin; i < s.body_end; ++i) {
    const char c = text_[i];
    if (c == '.' || c == '!' || c == '?' || c == ',' || c == ';') return false;  // a sentence, not a name
  }
  if (StartsUpper(s)) return true;
  // A lower-case word or two with no cue is a term ("серые" схемы); with a
  // cue ("назвал решение «правильным»") it is the speaker's word.
  return words <= 2 && !cued;
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

bool Attributor::LooksLikeTitle(const QuoteSpan& s) const { return TitleWords(s, false) > 0; }

bool Attributor::NamedShow(size_t k, const QuoteSpan& s) const {
  // "he said on “Meet the Press.”", "a show called “Brokers,”", "her film,
  // “Trainwreck.”": a title after these words names a programme or a work,
  // even with the sentence's comma or full stop inside the marks.
  if (k == 0 || TitleWords(s, true) == 0) return false;
  static const std::unordered_set<std::string_view> kBefore = {"on", "called", "titled", "entitled", "dubbed"};
  if (IsWord(k - 1)) return kBefore.count(T(k - 1).lower) != 0;
  static const std::unordered_set<std::string_view> kWorks = {"film",    "movie",     "show", "series", "book", "play",
                                                              "program", "programme", "ad",   "song",   "album"};
  return k >= 2 && IsP(k - 1, ',') && IsWord(k - 2) && kWorks.count(T(k - 2).lower) != 0;
}

size_t Attributor::TitleWords(const QuoteSpan& s, bool allow_end_punct) const {
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
          if (j - i > 3) return 0;
        }
      }
      at_word_start = false;
    } else if (IsSpace(c)) {
      at_word_start = true;
    }
    if (!IsSpace(c)) last = c;
    i += len;
  }
  if (allow_end_punct) return words >= 1 && words <= 6 && last != '?' ? words : 0;
  return words >= 1 && words <= 4 && last != '.' && last != '!' && last != '?' && last != ',' ? words : 0;
}

}  // namespace newsmon::quote_internal
