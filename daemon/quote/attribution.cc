#include "quote/attribution.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "quote/persons.h"
#include "util/text.h"

#include "quote/attributor.h"

namespace newsmon::quote_internal {
namespace {

// Words after which a German capitalised word is a noun, not a name. Titles
// ("der Kanzler Scholz") stay names through the role and title lists.
bool IsGermanArticle(std::string_view w) {
  static const std::unordered_set<std::string_view> kArticles = {
      "der",   "die",   "das",   "des",   "dem",    "den",    "ein",    "eine",   "einer",   "eines",
      "einem", "einen", "kein",  "keine", "keiner", "keinen", "keinem", "im",     "am",      "zum",
      "zur",   "vom",   "beim",  "ins",   "seine",  "seiner", "seinem", "seinen", "seines",  "ihre",
      "ihrer", "ihrem", "ihren", "ihres", "dieser", "diese",  "dieses", "diesem", "diesen",  "jeder",
      "jede",  "jedes", "jedem", "jeden", "unsere", "unser",  "eure",   "welche", "welcher", "welches"};
  return kArticles.count(w) != 0;
}

// "CDU", "EY", "NATO": organisations keep their article but still speak.
bool IsAcronym(std::string_view w) {
  int upper = 0;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 2;
}

}  // namespace

Cue Attributor::CueInNextSentence(size_t k, size_t j) const {
  // "„…“. Das musste X einräumen.": a quote that is a sentence of its own,
  // its full stop outside the marks, and the pointing sentence after it.
  // Russian also puts the full stop inside: "«… в Европу.» Об этом заявил X".
  if (j != k + 1 || j >= toks_.size() || (k > 0 && !IsSentenceEnd(k - 1))) return Cue{};
  size_t next = j + 1;
  if (!IsSentenceEnd(j)) {
    if (lex_->language != Language::kRussian || !EndsSentence((*spans_)[static_cast<size_t>(T(k).quote)])) return Cue{};
    next = j;
  }
  size_t next_hi = next;
  while (next_hi < toks_.size() && !IsSentenceEnd(next_hi) && !IsQuoteTok(next_hi)) ++next_hi;
  return lex_->language == Language::kRussian ? RussianDemonstrativeCue(next, next_hi)
                                              : GermanDemonstrativeCue(next, next_hi);
}

Cue Attributor::CueAfter(size_t k, size_t hi) const {
  Cue c;
  size_t j = k + 1;
  for (int n = 0; n < 2 && j < hi && (IsP(j, ',') || IsP(j, '-')); ++n) ++j;
  if (Cue next = CueInNextSentence(k, j); next.found) return next;
  if (j >= hi || !IsWord(j)) return c;
  const std::string& w = T(j).lower;
  const bool german_so = lex_->language == Language::kGerman && w == "so" && j == k + 2 && IsP(k + 1, ',');
  if ((lex_->IsSpeechVerb(w) && !CapitalisedInside(j)) || german_so) {
    // "„…“, so urteilte Romney": the verb after "so" comes before the subject.
    const size_t subj = german_so && IsWord(j + 1) && Has(j + 1, Lexicon::kSpeech) ? j + 2 : j + 1;
    const bool quotes_object = IsQuotingVerb(w);  // "— цитирует Мерца пресс-служба": Мерц is quoted, not told
    Np np = quotes_object ? Np{} : RoleAfterTheOutletTold(subj, hi);
    bool settled = np.kind != Np::kNone;  // the outlet told, or the role quoted
    if (!settled) np = SubjectAfter(subj, hi);
    settled = settled || (quotes_object && NarrowToQuotedRole(subj, hi, &np));
    if (lex_->language == Language::kRussian && !settled && np.kind != Np::kName && np.kind != Np::kPronoun) {
      if (Np later = RussianSubjectAfter(subj, hi); later.kind == Np::kName) np = later;
      if (np.kind == Np::kNone) np = RussianImpersonalSource(j, k, hi);
    }
    DropGovernedObliqueHead(subj, &np);
    MarkRussianGenitive(subj, &np);
    // "— цитирует Мерца пресс-служба": the one quoted is the object, and a
    // man's name as the object takes the genitive's form.
    if (lex_->language == Language::kRussian && np.kind == Np::kName && quotes_object) {
      np.genitive = true;
    }
    if (np.kind != Np::kNone) {
      c.found = true;
      c.cue = Surface(j);
      c.np = np;
      return c;
    }
  }
  // "Als „verpasste Chance“ beurteilte der Geschäftsführer X …": the verb
  // right after an "als" fragment names its subject next.
  if (lex_->language == Language::kGerman && j == k + 1 && k > 0 && IsWord(k - 1) && T(k - 1).lower == "als" &&
      Has(j, Lexicon::kSpeech | Lexicon::kWeak)) {
    Np np = SubjectAfter(j + 1, hi);
    if (np.kind == Np::kName || np.kind == Np::kDescriptor) {
      c.found = true;
      c.cue = Surface(j);
      c.np = np;
      return c;
    }
  }
  if (Cue demonstrative = j == k + 1 ? GermanDemonstrativeCue(j, hi) : Cue{}; demonstrative.found) return demonstrative;
  // German inverts subject and verb after a quote, whatever the verb: "„…“,
  // strich Romney heraus", "„…“, wies die Ministerin zurück". A name or
  // pronoun right after the verb makes it an attribution.
  if (lex_->language == Language::kGerman && j == k + 2 && IsP(k + 1, ',') && IsLowerWord(j) &&
      !lex_->IsFunctionWord(w) && !lex_->IsPreposition(w) && !lex_->IsDeterminer(w) && !lex_->IsRelativeOrConj(w) &&
      !lex_->IsSkippable(w) && !lex_->IsPronoun(w)) {
    Np np = SubjectAfter(j + 1, hi);
    if (np.kind == Np::kName || np.kind == Np::kPronoun) {
      c.found = true;
      c.cue = Surface(j);
      c.np = np;
      return c;
    }
  }
  if (Np pronoun = PossessivePoSlovam(j); pronoun.kind != Np::kNone) {
    c.found = true;
    c.cue = "по словам";
    c.np = pronoun;
    return c;
  }
  if ((w == "according" && IsWord(j + 1) && T(j + 1).lower == "to") || (w == "по" && IsRussianSourceNoun(j + 1))) {
    c.found = true;
    c.cue = Surface(j) + " " + Surface(j + 1);
    c.np = SubjectAfter(j + 2, hi);
    c.np.genitive = w == "по";
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
    // "called it “a turning point” for the region, said Clara Jensen":
    // the quote's clause ends in a short prepositional phrase, then the
    // speaker comes inverted.
    if (lex_->language == Language::kEnglish && v > j + 1 && v - j <= 7 && IsP(v - 1, ',') && IsLowerWord(j) &&
        Has(j, Lexicon::kPreposition)) {
      Np inverted = SubjectAfter(v + 1, hi);
      if (inverted.kind == Np::kName) {
        c.found = true;
        c.cue = Surface(v);
        c.np = inverted;
        return c;
      }
    }
    Np np = SubjectBefore(v, j);
    // Modifiers may precede the name: "election law expert Rick Hasen
    // tweeted", "New York attorney Eric Levine said", "DoubleLine Capital
    // portfolio manager Bonnie Baha said"; in an apposition the phrase
    // before the commas does ("the White House press secretary, Josh Earnest,").
    bool starts_here = np.begin == j || np.phrase_begin == j;
    if (!starts_here && np.kind == Np::kName && np.begin > j && np.begin <= j + 6) {
      starts_here = true;
      bool role_seen = !np.roles.empty() || Has(np.begin, Lexicon::kRole);
      for (size_t y = j; y < np.begin; ++y) {
        starts_here =
            starts_here && IsWord(y) &&
            !Has(y, Lexicon::kSkippable | Lexicon::kSpeech | Lexicon::kConj | Lexicon::kRelative | Lexicon::kPronoun);
        role_seen = role_seen || (IsLowerWord(y) && Has(y, Lexicon::kRole));
        if (!IsLowerWord(y) && np.begin > j + 4) starts_here = false;
      }
      // Capitalised modifiers only with a role noun among them.
      bool all_lower = true;
      for (size_t y = j; y < np.begin; ++y) all_lower = all_lower && IsLowerWord(y);
      starts_here = starts_here && (all_lower || role_seen);
    }
    // After a full stop inside the marks, "NAME said." still attributes;
    // "NAME said the plan …" starts a new statement.
    bool closes = true;
    if (full_stop) {
      const size_t n = v + 1;
      closes = n >= hi || IsSentenceEnd(n) || IsP(n, ',') || IsQuoteTok(n) ||
               (IsWord(n) && (Has(n, Lexicon::kPreposition) || T(n).lower == "as" || T(n).lower == "while" ||
                              T(n).lower.ends_with("ly")));
    }
    if (np.kind != Np::kNone && starts_here && closes) {
      c.found = true;
      c.cue = Surface(v);
      c.np = np;
      c.subject_first = true;
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
          w == "habe" || w == "haben" || w == "hatten" || w == "soll" || w == "sollen" || w == "will" ||
          w == "wollte" || w == "sollte" || w == "dürfte" || w == "könnte") {
        verb = a;
        break;
      }
    }
  }
  const std::string& w = T(v).lower;
  // Passive "wird Watzke auf der Website zitiert": the one quoted follows the auxiliary.
  if (verb != v && w.starts_with("zitiert") && (T(verb).lower == "wird" || T(verb).lower == "wurde")) {
    c.np = SubjectAfter(verb + 1, v);
    if (c.np.kind != Np::kNone) return c;
  }
  // "…, saying …", "telling the crowd …": the participle's subject is the sentence's.
  if (lex_->language == Language::kEnglish && w.ends_with("ing")) {
    c.np = SentenceSubject(lo, v);
    return c;
  }
  size_t before = verb;
  while (before > lo && IsWord(before - 1) && Has(before - 1, Lexicon::kSkippable)) --before;
  // "X … and said", and the infinitive "X hadn't had a chance to read the plan".
  const bool infinitive =
      lex_->language == Language::kEnglish && before > lo && IsWord(before - 1) && T(before - 1).lower == "to";
  if (before > lo && IsWord(before - 1) && (Has(before - 1, Lexicon::kConj) || infinitive)) {
    c.np = SentenceSubject(lo, verb);
    return c;
  }
  c.np = RussianInstitutionAfterPlural(verb, k);  // "…, сообщили в Департаменте X"
  if (c.np.kind == Np::kNone) c.np = SubjectBefore(verb, lo);
  // "Мария Захарова в своём Telegram-канале назвала": the name nearest the
  // verb is a preposition's object; the subject opens the clause.
  if (c.np.kind == Np::kName && RussianGovernedName(c.np.begin, lo)) c.np = RussianSubject(lo, verb);
  if (c.np.kind == Np::kNone && lex_->language == Language::kGerman) {
    // Verb-final clause: "Wie der Minister am Dienstag erklärte, …", "…, dass er …".
    for (size_t a = verb; a-- > lo;) {
      if (IsP(a, ',') || IsQuoteTok(a)) break;
      if (IsWord(a) && (T(a).lower == "wie" || T(a).lower == "als" || T(a).lower == "dass" || T(a).lower == "nachdem" ||
                        T(a).lower == "weil" || T(a).lower == "da")) {
        c.np = SubjectAfter(a + 1, verb);
        break;
      }
      // Relative clause: "…, die Gerhard Schröder zum Ziel erklärt hatte: „…“".
      if (a > lo && IsP(a - 1, ',') && IsWord(a) && Has(a, Lexicon::kRelative)) {
        Np np = SubjectAfter(a + 1, verb);
        if (np.kind == Np::kName) c.np = np;
        break;
      }
    }
  }
  // English inverts only right at the start of a clause ("…,” said Scholz").
  const bool may_invert = lex_->language != Language::kEnglish || before == lo || IsP(before - 1, ',') ||
                          IsP(before - 1, ':') || IsQuoteTok(before - 1);
  if (c.np.kind == Np::kNone && may_invert) {
    c.np = SubjectAfter(verb + 1, k);
    // English inverts only right after the verb ("…,” said Scholz); a name
    // further on is the object's ("told investors that … like Harbour Pharma").
    if (lex_->language == Language::kEnglish && c.np.kind != Np::kNone && c.np.begin > verb + 3) c.np = Np{};
  }
  if (c.np.kind == Np::kNone && (!may_invert || lex_->language == Language::kGerman)) {
    c.np = SentenceSubject(lo, verb);
  }
  if (c.np.kind == Np::kNone && lex_->language == Language::kRussian) c.np = RussianSubject(lo, verb);
  if (c.np.kind == Np::kNone) c.np = RussianImpersonalSource(verb, lo, k);
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
    if (lex_->IsSpeechVerb(w) && !CapitalisedInside(v)) return CueAt(v, lo, k);
    if (Np pronoun = PossessivePoSlovam(v); pronoun.kind != Np::kNone) {
      c.found = true;
      c.cue = "по словам";
      c.np = pronoun;
      return c;
    }
    if ((w == "according" && IsWord(v + 1) && T(v + 1).lower == "to") || w == "laut" ||
        (w == "по" && IsRussianSourceNoun(v + 1)) ||
        (w == "worten" && v > lo && IsWord(v - 1) && T(v - 1).lower == "den")) {
      c.found = true;
      c.cue = Surface(v);
      c.np = SubjectAfter(v + (w == "laut" || w == "worten" ? 1 : 2), k);
      if (c.np.kind == Np::kNone && w == "по") c.np = RussianInstitutionAt(v + 2);  // "по информации ведомства"
      c.np.genitive = w == "по";
      // "Ein Sender zitierte Wendt mit den Worten: …": the one quoted is the
      // object of "zitieren"; with other verbs the subject speaks.
      if (c.np.kind == Np::kNone && w == "worten" && v >= lo + 2 && T(v - 2).lower == "mit") {
        for (size_t z = v - 2; z-- > lo;) {
          if (IsQuoteTok(z)) break;
          if (IsWord(z) && T(z).lower.starts_with("zitiert")) {
            c.np = SubjectAfter(z + 1, v - 2);
            break;
          }
        }
      }
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
    // "Nach Tokajews Worten …", "nach Merz' Worten": the genitive names the speaker.
    if ((w == "worten" || w == "angaben") && v > lo && IsNameTok(v - 1) &&
        (T(v - 1).lower.ends_with('s') || T(v - 1).lower.ends_with('\''))) {
      Np np;
      np.kind = Np::kName;
      np.begin = v - 1;
      np.end = v;
      const std::string_view genitive = T(v - 1).Text(text_);
      np.name.push_back(genitive.substr(0, genitive.size() - 1));
      if (IsNameTok(v - 2) && v - 2 >= lo) np.name.insert(np.name.begin(), T(v - 2).Text(text_));
      c.found = true;
      c.cue = Surface(v);
      c.np = np;
      return c;
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
      if (!reported && !weak.found && v > lo && IsWord(v - 1) && Has(v - 1, Lexicon::kPronoun) &&
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

Language Attributor::ParagraphLanguage(size_t limit) const {
  // The counts of DetectLanguageOr over the paragraph's first 800 bytes, taken
  // from its tokens instead of scanning the text again.
  size_t cyrillic = 0;
  size_t latin = 0;
  int en = 0;
  int de = 0;
  for (const Token& t : toks_) {
    if (t.begin >= limit) break;
    if (t.kind != TokenKind::kWord || !t.has_letter) continue;
    size_t len = 0;
    const char32_t c = DecodeAt(text_, t.begin, &len);
    if (c < 0x80) {
      if (!IsLetter(c)) continue;
      ++latin;
      const int vote = t.upper ? 0 : FunctionWordVote(t.lower);
      en += vote > 0 ? 1 : 0;
      de += vote < 0 ? 1 : 0;
    } else if (c >= 0x400 && c <= 0x4FF) {
      ++cyrillic;
    }
  }
  return LanguageFromCounts(cyrillic, latin, en, de, doc_lex_->language);
}

uint32_t Attributor::ComputeBits(const Token& t) const {
  if (t.kind != TokenKind::kWord) return 0;
  if (t.hash == 0) t.hash = WordHash(t.lower);
  uint32_t b = lex_->Lookup(t.lower, t.hash);
  // "gingerly said", "Hastily, …"; but "Donnelly", "Kelly" (capitalised inside
  // sentences too) are names.
  if (lex_->language == Language::kEnglish && Lexicon::IsLyAdverb(t.lower) &&
      (!t.upper || doc_midcaps_.count(t.lower) == 0)) {
    b |= Lexicon::kSkippable;
  }
  return b;
}

std::vector<Quote> Attributor::Run(const std::vector<Paragraph>& paragraphs, const std::vector<QuoteSpan>& spans) {
  persons_.set_inflected(doc_lex_->language == Language::kRussian);
  // Tokens of every paragraph, with each quote as one token.
  std::vector<std::vector<Token>> para_toks(paragraphs.size());
  std::vector<std::pair<std::string_view, std::string_view>> maybe_nouns;
  // News text runs about six bytes a word; most words are lower case.
  doc_lower_.reserve(text_.size() / 8);
  doc_caps_.reserve(text_.size() / 32);
  doc_midcaps_.reserve(text_.size() / 32);
  size_t si = 0;
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    std::vector<Token>& out = para_toks[p];
    out.reserve((paragraphs[p].end - paragraphs[p].begin) / 5 + 8);  // tokens average over five bytes
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
    for (size_t i = 0; i < out.size(); ++i) {
      const Token& t = out[i];
      if (t.kind != TokenKind::kWord || !t.has_letter) continue;
      if (!t.upper) {
        const std::string_view key = LowerNameKey(t.lower);
        t.hash = WordHash(t.lower);
        doc_lower_.insert(key, key.size() == t.lower.size() ? t.hash : WordHash(key));
        continue;
      }
      const uint64_t h = t.hash = WordHash(t.lower);
      doc_caps_.insert(t.lower, h);
      const bool opens = i == 0 || out[i - 1].kind == TokenKind::kQuote || out[i - 1].IsPunct('.') ||
                         out[i - 1].IsPunct('!') || out[i - 1].IsPunct('?') || out[i - 1].IsPunct(':');
      if (!opens) {
        doc_midcaps_.insert(t.lower, h);
        // Russian names are inflected: "по словам Оспанова" vouches for
        // "Оспанов" opening a sentence. The stem is the word less its last
        // two letters, at least four letters kept.
        if (doc_lex_->language == Language::kRussian) doc_midstems_.insert(RussianStem(t.lower));
      }
      // After a comma "die"/"der" is a relative pronoun: "…, die Gerhard Schröder …".
      if (i > 0 && out[i - 1].kind == TokenKind::kWord && IsGermanArticle(out[i - 1].lower) &&
          !IsAcronym(t.Text(text_)) && !(i > 1 && out[i - 2].IsPunct(','))) {
        const bool before_cap = i + 1 < out.size() && out[i + 1].kind == TokenKind::kWord && out[i + 1].upper;
        if (before_cap) {
          maybe_nouns.emplace_back(t.lower, out[i + 1].lower);
        } else {
          doc_nouns_.insert(t.lower);
        }
      }
    }
  }
  // "um die Mitt Romney …": an article before a given name. A word seen after
  // an article only in front of another capitalised word is a noun only when
  // that word is one too ("der Stiftung Warentest" is settled by roles).
  for (const auto& [word, next] : maybe_nouns) {
    if (doc_nouns_.count(next) != 0 || doc_lower_.count(LowerNameKey(next)) != 0 || HasNounSuffix(std::string(word))) {
      doc_nouns_.insert(word);
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
      while (e < toks_.size() && (IsRunTok(e) || ParticleJoins(e))) {
        if (AddresseeFollows(e++)) break;
      }
      Np np = FromRun(i, e);
      DropGovernedObliqueHead(i, &np);
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
      lex_ = &LexiconFor(ParagraphLanguage(paragraphs[p].begin + 800));
      // Token caches were filled with the text's lexicon in the first pass.
      if (lex_ != doc_lex_) {
        for (const Token& t : toks_) {
          t.name_flag = t.run_flag = -1;
          t.lex_bits = -1;
        }
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
      size_t clause_lo = s_lo;
      for (size_t k = s_lo; k < s_hi; ++k) {
        if (!IsQuoteTok(k)) continue;
        const QuoteSpan& span = spans[static_cast<size_t>(T(k).quote)];
        // A quote with its own full stop ends its sentence: "„… erwarten.“
        // Auch der Minister X griff …" starts a new one, with its own subject.
        if (prev_exists && k > prev_q + 1 && IsWord(prev_q + 1) && T(prev_q + 1).upper &&
            EndsSentence(spans[static_cast<size_t>(T(prev_q).quote)])) {
          clause_lo = prev_q + 1;
          prev_exists = false;
        }
        const size_t lo = prev_exists ? prev_q + 1 : clause_lo;
        const bool sentence_initial = k == clause_lo;
        const bool colon_intro = k > lo && IsP(k - 1, ':');
        Cue after = CueAfter(k, s_hi);
        Cue before = CueBefore(k, lo, !sentence_initial);
        Cue chosen;
        AttributionMethod method = AttributionMethod::kExplicit;
        // "X nannte seinen Platzverweis „überzogen“, Y bezeichnete …": a verb
        // that governs the quoted fragment beats a new clause after it.
        const bool governed = lex_->language == Language::kGerman && before.found && !before.reported &&
                              (before.weak || lex_->IsWeakCue(LowerWord(before.cue))) && after.subject_first &&
                              !sentence_initial;
        // "X told investors it was “overdone,” adding that …": the participle
        // after the quote continues the subject of the cue before it.
        const bool participle_after = lex_->language == Language::kEnglish && after.found && after.cue.size() > 4 &&
                                      after.cue.ends_with("ing") && before.found && !before.reported &&
                                      (before.np.kind == Np::kName || before.np.kind == Np::kPronoun);
        // "Auf die Kritik des Verbands, es gehe um „…“, antwortete X": the Verband's words.
        const bool noun_of_speech =
            (!before.found || before.reported) && !sentence_initial && GermanSpeechNounSource(lo, k).kind != Np::kNone;
        if ((colon_intro && before.found && !before.reported) || governed || participle_after) {
          chosen = before;
        } else if (after.found && !noun_of_speech) {
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
          // "— сказала глава МИД": a Russian past-tense verb agrees with
          // its subject in gender.
          if (np.gender == Gender::kUnknown && np.kind != Np::kPronoun) np.gender = RussianVerbGender(chosen.cue);
          // A cue without its own subject ("…, adding: “…”") belongs to the sentence's subject.
          if (np.kind == Np::kNone) np = SentenceSubject(clause_lo, k);
          sp = Resolve(np);
          if (np.kind == Np::kPronoun) method = AttributionMethod::kPronoun;
          if (np.kind == Np::kDescriptor) method = AttributionMethod::kDescriptor;
          if (np.kind == Np::kNone) {
            sp = current_;
            method = sp.name.empty() ? AttributionMethod::kNone : AttributionMethod::kContinuation;
          }
          if ((chosen.weak || chosen.reported) && words <= 4 && LooksLikeTitle(span)) report = false;
          if ((chosen.weak || chosen.reported || words <= 6) && NamesAWork(k, clause_lo, span)) report = false;
        } else {
          // No cue: a partial quote inside a sentence belongs to its subject;
          // a quote standing alone continues the running speaker.
          Np np;
          if (!sentence_initial) np = GermanSpeechNounSource(lo, k);
          if (!sentence_initial && np.kind == Np::kNone) np = SentenceFinalSource(clause_lo, k, s_hi);
          if (np.kind == Np::kNone && colon_intro) np = NameBeforeColon(lo, k - 1);
          // A role as the subject ("the Vermont senator … enjoys „…“") says a
          // person speaks, not which one: the running speaker keeps it.
          // A second fragment of one sentence keeps the first one's speaker
          // ("Biden, Rubio said, had served “a thousand years” and passed
          // “hundreds of bills”").
          const bool keeps_speaker = prev_exists && !current_.name.empty();
          if ((np.kind == Np::kName || np.kind == Np::kPronoun) && !keeps_speaker) {
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
            const bool person_subject = np.kind != Np::kNone;
            report =
                standalone ? words >= 2 || k == 0 : words >= kMinUnattributedWords || german_partial || person_subject;
            if (words <= 4 && LooksLikeTitle(span) && !(k == 0 && toks_.size() <= 2)) report = false;
            if (NamesAWork(k, clause_lo, span)) report = false;
          }
          if (sp.name.empty()) method = AttributionMethod::kNone;
        }
        if (report && words <= 4 && NamedByArticle(k, span)) report = false;
        if (report && NamedShow(k, span)) report = false;
        if (report && (NamesASource(k, span) || IsDomainName(span) || GenitiveTitle(k, span))) report = false;
        if (report && !(chosen.found && !chosen.weak && !chosen.reported) && ForeignTitle(span)) report = false;
        // Inside a clause even a speech verb's object is a name ("fordert
        // einen „Flood Response Plan“"); speech of that shape is framed.
        if (report && !colon_intro && !after.found && EveryWordCapitalised(span)) report = false;
        if (report && RussianNameOrTerm(k, span, chosen.found)) report = false;
        // The person a name in marks was found with is the sentence's
        // ("so der Schriftsteller X auf der Website der „Zeitung“"); a
        // description before the name in marks is not ("аналитик группы
        // «Степь» Тимур Ахметов").
        if (sp.person >= 0 || (report && !sp.name.empty())) {
          current_ = sp;
        }
        // A sentence whose marks hold only names ("Наставник «Астаны» X
        // остался недоволен.") is about a person like any other, and a name
        // in marks ("написавшая рецензию для журнала «Жулдыз», назвала")
        // does not end the clause the next quote's cue is in.
        if (!report) continue;
        q.speaker = sp.name;
        q.leader_id = sp.leader_id;
        q.method = method;
        has_quote = true;
        quotes.push_back(std::move(q));
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

std::vector<Quote> AttributeQuotes(std::string_view text, const std::vector<Paragraph>& paragraphs,
                                   const std::vector<QuoteSpan>& spans, const Lexicon& lexicon,
                                   const LeaderIndex& leaders, const QuoteOptions& options) {
  Attributor a(text, lexicon, leaders, options);
  return a.Run(paragraphs, spans);
}

}  // namespace newsmon::quote_internal
