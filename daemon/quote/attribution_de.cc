// German word order for attribution: a name opening the clause before where
// the person works, an apposition missing its closing comma, and the subject
// of a verb-second or verb-final clause.
#include <string_view>
#include <unordered_set>

#include "quote/attributor.h"

namespace newsmon::quote_internal {

Np Attributor::NameThenOrigin(size_t lo, size_t v) const {
  size_t b = lo;
  while (b < v && IsWord(b) && (Has(b, Lexicon::kDeterminer) || IsLowerWord(b))) ++b;
  if (b >= v || !IsRunTok(b)) return Np{};
  size_t e = b;
  while (e < v && IsRunTok(e)) ++e;
  if (e >= v || !IsWord(e)) return Np{};
  const std::string& prep = T(e).lower;
  if (prep != "von" && prep != "vom" && prep != "aus" && prep != "bei" && prep != "beim") return Np{};
  for (size_t x = e; x < v; ++x) {
    if (!IsWord(x) || Has(x, Lexicon::kSpeech)) return Np{};
  }
  Np np = FromRun(b, e);
  if (np.kind != Np::kName || (np.name.size() == 1 && !KnownName(e - 1))) return Np{};
  np.begin = b;
  np.end = e;
  return np;
}

bool Attributor::HasNounSuffix(const std::string& w) {
  for (std::string_view suffix : {"ung", "ungen", "heit", "keit", "schaft", "ion", "ionen", "ismus", "tät", "nis"}) {
    if (w.size() > suffix.size() + 2 && w.ends_with(suffix)) return true;
  }
  return false;
}

Np Attributor::AppositiveWithoutClosingComma(size_t i, size_t lo) const {
  // German writers often drop the comma that closes an apposition: "Theo
  // Kranz, Präsident des Verbandes (DFB) nannte …", "Olga Lenz, die
  // Vertreterin von X sagte …". The name before the one comma is the subject.
  for (size_t c = i, n = 0; c > lo && n < kAppositiveWindow; --c, ++n) {
    if (IsQuoteTok(c) || IsSentenceEnd(c) || IsP(c, ':')) return Np{};
    if (!IsP(c, ',')) continue;
    // A relative or subordinate clause is not an apposition.
    if (IsWord(c + 1) &&
        (T(c + 1).lower == "wie" || T(c + 1).lower == "als" || T(c + 1).lower == "dass" || T(c + 1).lower == "weil" ||
         T(c + 1).lower == "wenn" || T(c + 1).lower == "nachdem" || Has(c + 1, Lexicon::kPronoun))) {
      return Np{};
    }
    Np a = NpEndingAt(c - 1, lo);
    if (a.kind == Np::kName && AtClauseStart(a.begin, lo)) return a;
    return Np{};
  }
  return Np{};
}

Np Attributor::GermanSubject(size_t lo, size_t limit) const {
  // German moves the subject behind the verb ("In seiner Stellungnahme befand
  // der Premierminister Jan Roth …") or behind where the person works ("X vom
  // Verband Y ist der Meinung"). The first full name outside a prepositional
  // phrase or genitive is the subject.
  Np origin = NameThenOrigin(lo, limit);
  if (origin.kind == Np::kName) return origin;
  for (size_t i = lo; i < limit && i < lo + 40; ++i) {
    if (IsQuoteTok(i) || IsP(i, ',') || IsP(i, ':')) return Np{};
    if (!IsRunTok(i)) continue;
    size_t e = i;
    while (e < limit && (IsRunTok(e) || ParticleJoins(e))) ++e;
    Np np = FromRun(i, e);
    size_t b = i;
    while (b > lo && IsWord(b - 1) && IsLowerWord(b - 1) && !Has(b - 1, Lexicon::kPreposition) &&
           !Has(b - 1, Lexicon::kDeterminer) && !Has(b - 1, Lexicon::kSpeech) && i - b < 3) {
      --b;
    }
    // "der"/"des" mark a genitive only after a noun ("Sprecherin der
    // Stiftung X"); after the verb "der" is the subject's article ("befand der
    // Premierminister X").
    const bool article_after_verb = b > lo && IsWord(b - 1) && (T(b - 1).lower == "der" || T(b - 1).lower == "des") &&
                                    b - 1 > lo && IsLowerWord(b - 2) && !Has(b - 2, Lexicon::kPreposition);
    const bool in_phrase = b > lo && IsWord(b - 1) && Has(b - 1, Lexicon::kPreposition) && !article_after_verb;
    const bool titled = e - i > np.name.size();
    // German nouns pair up like names ("Millionen Euro"); only a title or
    // role word marks a person here.
    if (np.kind == Np::kName && !in_phrase && titled && (np.name.size() >= 2 || KnownName(e - 1))) {
      np.begin = i;
      np.end = e;
      return np;
    }
    i = e;
  }
  return Np{};
}

Np Attributor::GermanSpeechNounSource(size_t lo, size_t k) const {
  // "Auf die Kritik des Mieterbunds, es gehe um einen „…“": a noun of
  // speech with its genitive names whose words the clause reports.
  if (lex_->language != Language::kGerman) return Np{};
  static const std::unordered_set<std::string_view> kSpeechNouns = {
      "vorwurf", "vorwürfe", "kritik",    "forderung", "aussage", "aussagen",    "warnung",
      "appell",  "worte",    "vorschlag", "angaben",   "ansicht", "einschätzung"};
  for (size_t i = k; i-- > lo;) {
    if (IsQuoteTok(i) || IsSentenceEnd(i)) break;
    if (!IsWord(i) || kSpeechNouns.count(T(i).lower) == 0 || i + 2 >= k) continue;
    const std::string& link = T(i + 1).lower;
    if (link != "der" && link != "des" && link != "von" && link != "vom") return Np{};
    size_t e = i + 2;
    while (e < k && (IsRunTok(e) || IsAcronymTok(e))) ++e;
    if (e == i + 2) return Np{};
    Np np = FromRun(i + 2, e);
    if (np.kind != Np::kName) return Np{};
    np.begin = i + 2;
    np.end = e;
    return np;
  }
  return Np{};
}

Np Attributor::SentenceFinalSource(size_t lo, size_t k, size_t hi) const {
  // "Vermutlich habe ein Komet die Bahn gekreuzt, ihm einen „kräftigen Stoß“
  // gegeben und …, sagte X.": the attribution closing the sentence covers a fragment
  // anywhere in it; without one, the sentence's subject speaks.
  size_t end = hi;
  if (end > k + 1 && IsSentenceEnd(end - 1)) --end;
  for (size_t c = end; c-- > k + 1;) {
    if (IsQuoteTok(c)) break;
    if (!IsP(c, ',')) continue;
    // "…, so die Behörde.": German "so" stands for the verb.
    if (!IsStrongCue(c + 1) && !(lex_->language == Language::kGerman && IsWord(c + 1) && T(c + 1).lower == "so")) break;
    Np np = SubjectAfter(c + 2, end);
    // "so die UEFA": an organisation's acronym after its article is named.
    if (np.kind == Np::kDescriptor && np.end == end && IsAcronymTok(end - 1)) {
      np.kind = Np::kName;
      np.name.assign(1, T(end - 1).Text(text_));
    }
    if ((np.kind == Np::kName || np.kind == Np::kPronoun) && np.end == end) return np;
    break;
  }
  return SentenceSubject(lo, k);
}

Cue Attributor::GermanDemonstrativeCue(size_t j, size_t hi) const {
  // "„…“ Das sagte Ministerin X am Montag.", "„…“ So formulierte es X.",
  // "„…“ Das musste X am Dienstag einräumen.": a sentence opened by a word
  // pointing back at the quote, then the verb and its subject.
  Cue c;
  if (lex_->language != Language::kGerman || !IsWord(j)) return c;
  const std::string& w = T(j).lower;
  if (w != "das" && w != "dies" && w != "so" && w != "dieses") return c;
  size_t v = j + 1;
  if (v >= hi || !IsWord(v)) return c;
  size_t subject = v + 1;
  size_t limit = hi;
  const std::string& verb = T(v).lower;
  if (!lex_->IsSpeechVerb(verb) || CapitalisedInside(v)) {
    // An auxiliary or modal second, the speech verb last.
    static const std::unordered_set<std::string_view> kAuxiliaries = {
        "hat", "hatte", "musste", "wollte", "will", "konnte", "kann", "durfte", "sollte", "mochte", "möchte"};
    if (kAuxiliaries.count(verb) == 0) return c;
    size_t last = v + 1;
    while (last < hi && !IsSentenceEnd(last) && !IsQuoteTok(last) && last < v + kAfterWindow) ++last;
    if (last <= v + 2 || !IsWord(last - 1) || !lex_->IsSpeechVerb(T(last - 1).lower)) return c;
    limit = last - 1;
  }
  // "So formulierte es X": the object pronoun comes before the subject.
  if (subject < limit && IsWord(subject) && T(subject).lower == "es") ++subject;
  Np np = SubjectAfter(subject, limit);
  if (np.kind != Np::kName && np.kind != Np::kDescriptor) return c;
  c.found = true;
  c.cue = Surface(v);
  c.np = np;
  return c;
}

}  // namespace newsmon::quote_internal
