// Internal to the quote stage: the attributor's state and its noun-phrase
// and cue scanners, shared by attribution.cc (cues and the driver),
// attribution_speakers.cc (resolving phrases to people and leaders),
// attribution_np.cc (noun phrases: names, pronouns, descriptors), the
// language-specific attribution_en.cc, attribution_de.cc and
// attribution_ru.cc, and attribution_titles.cc (marks that name things).
//
//   Attributor a(text, LexiconFor(lang), leaders, options);
//   std::vector<Quote> quotes = a.Run(paragraphs, spans);
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "quote/lexicon.h"
#include "quote/marks.h"
#include "quote/persons.h"
#include "quote/quote.h"
#include "quote/scan.h"

namespace newsmon::quote_internal {

// Quotes shorter than this with no cue in their sentence are scare quotes,
// nicknames or titles rather than speech.
inline constexpr size_t kMinUnattributedWords = 5;
// How far after a quote a "NAME verb" attribution may end, in tokens.
inline constexpr size_t kAfterWindow = 24;
inline constexpr size_t kAppositiveWindow = 24;

// A set of words viewed in the text's tokens: open addressing in one array,
// because a node per word made the per-story sets a tenth of the run time.
class WordSet {
 public:
  static uint64_t Hash(std::string_view w) { return WordHash(w); }
  // Room for n words without growing: growing re-places every word.
  void reserve(size_t n) {
    size_t cap = slots_.empty() ? kMinSlots : slots_.size();
    while (cap < 2 * n) cap *= 2;
    if (cap > slots_.size()) Rehash(cap);
  }
  size_t size() const { return size_; }
  void insert(std::string_view w) { insert(w, Hash(w)); }
  void insert(std::string_view w, uint64_t h) {
    if (w.empty()) return;
    if (2 * (size_ + 1) > slots_.size()) Grow();
    if (Place(&slots_, w, h)) ++size_;
  }
  size_t count(std::string_view w) const { return count(w, Hash(w)); }
  size_t count(std::string_view w, uint64_t h) const {
    if (slots_.empty() || w.empty()) return 0;
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      if (slots_[i].word.empty()) return 0;
      if (slots_[i].hash == h && slots_[i].word == w) return 1;
    }
  }

 private:
  struct Slot {
    std::string_view word;
    uint64_t hash = 0;
  };
  static bool Place(std::vector<Slot>* slots, std::string_view w, uint64_t h) {
    const size_t mask = slots->size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& s = (*slots)[i];
      if (s.word.empty()) {
        s = {w, h};
        return true;
      }
      if (s.hash == h && s.word == w) return false;
    }
  }
  static constexpr size_t kMinSlots = 256;
  void Grow() { Rehash(slots_.empty() ? kMinSlots : 2 * slots_.size()); }
  void Rehash(size_t cap) {
    std::vector<Slot> bigger(cap);
    for (const Slot& s : slots_) {
      if (!s.word.empty()) Place(&bigger, s.word, s.hash);
    }
    slots_.swap(bigger);
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

struct Np {
  enum Kind { kNone, kName, kPronoun, kDescriptor } kind = kNone;
  size_t begin = 0;  // token range of the whole phrase
  size_t end = 0;
  size_t phrase_begin = SIZE_MAX;  // an apposition's first segment, when the name is in the second
  // Views, not copies: noun phrases are built and dropped many times per
  // sentence. Name words view the story text, roles and country the static
  // key tables, all of which outlive the attributor.
  std::vector<std::string_view> name;   // surface words (kName)
  std::vector<std::string_view> roles;  // role keys
  std::string_view country;
  Gender gender = Gender::kUnknown;
  bool genitive = false;  // Russian "по словам X": the name words are in the genitive
};

struct Cue {
  bool found = false;
  bool weak = false;           // a cue that only supports partial quotes (called, sei)
  bool reported = false;       // Konjunktiv: the speaker is the current one
  bool subject_first = false;  // "„…“, Scholz said": a clause of its own after the quote
  Np np;
  std::string cue;
};

// The story's last 16 KB before `end`, where Russian antecedents are looked
// for: a story of many such references costs linear time, not quadratic.
std::string_view WindowBefore(std::string_view text, size_t end);
// Does a capital letter start at byte `at`?
bool IsUpperStart(std::string_view text, size_t at);
// Russian verbs of quoting take the one quoted as their object ("цитирует").
bool IsQuotingVerb(std::string_view lower);

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
  // Lexicon bits of token i, looked up once per token and lexicon.
  uint32_t Bits(size_t i) const {
    const Token& t = toks_[i];
    if (t.lex_bits < 0) t.lex_bits = ComputeBits(t);
    return static_cast<uint32_t>(t.lex_bits);
  }
  uint32_t ComputeBits(const Token& t) const;
  Language ParagraphLanguage(size_t limit) const;
  bool Has(size_t i, uint32_t bits) const {
    if (i >= toks_.size()) return false;
    uint32_t b = Bits(i);
    // German role nouns are found by their endings, which is slow: only on demand.
    if ((bits & Lexicon::kRole) != 0 && (b & kRoleChecked) == 0) {
      const Token& t = toks_[i];
      b |= kRoleChecked | (t.kind == TokenKind::kWord && lex_->IsRoleNoun(t.lower) ? Lexicon::kRole : 0u);
      t.lex_bits = b;
    }
    return (b & bits) != 0;
  }
  static constexpr uint32_t kRoleChecked = 1u << 30;
  std::string_view RoleOf(size_t i) const {
    Keys(i);
    return toks_[i].role_key;
  }
  std::string_view CountryAt(size_t i) const {
    Keys(i);
    return toks_[i].country;
  }
  void Keys(size_t i) const {
    const Token& t = toks_[i];
    if (!t.keys_done) {
      t.role_key = RoleKeyView(t.lower);
      t.country = CountryView(t.lower);
      t.keys_done = true;
    }
  }
  bool IsNameTok(size_t i) const;
  bool IsRunTok(size_t i) const;
  bool KnownName(size_t i) const;
  bool AddresseeFollows(size_t i) const;
  bool NamesAPlace(const Np& np) const;
  static bool IsAuxiliary(const std::string& w);
  bool IsAcronymTok(size_t i) const;
  bool ParticleJoins(size_t i) const;
  bool ComputeNameTok(size_t i) const;
  bool IsLowerWord(size_t i) const { return IsWord(i) && !T(i).upper && T(i).has_letter; }
  std::string Surface(size_t i) const { return std::string(T(i).Text(text_)); }

  // --- noun phrases ---
  Np FromRun(size_t b, size_t e) const;
  void AddContext(size_t b, size_t lo, Np* np) const;
  Np NpEndingAt(size_t i, size_t lo) const;
  Np DescriptorEndingAt(size_t i, size_t lo) const;
  Np SubjectBefore(size_t v, size_t lo) const;
  size_t BeforeTimePhrase(size_t i, size_t lo) const;
  Np AppositiveWithoutClosingComma(size_t i, size_t lo) const;
  Np NameThenOrigin(size_t lo, size_t v) const;
  static bool HasNounSuffix(const std::string& w);
  Np SubjectAfter(size_t j, size_t hi) const;
  bool RussianGenitiveComplement(size_t name) const;
  // Sets np->genitive when its one-word name, at or after token `from`, is
  // a genitive complement.
  void MarkRussianGenitive(size_t from, Np* np) const;
  // Drops the oblique-case names a preposition governs from the head of a
  // Russian name run, at or after token `from`.
  void DropGovernedObliqueHead(size_t from, Np* np) const;
  // The first name word of the Russian run [b, e) after its leading roles at
  // `s`, moved past a genitive complement of the noun before it ("зампред
  // Минфина Нурлан Сапаров"); e when the run names an institution only
  // ("Председатель Союза пекарей").
  size_t SkipRussianGenitiveHead(size_t b, size_t s, size_t e) const;
  Np SentenceSubject(size_t lo, size_t limit) const;
  Np GermanSubject(size_t lo, size_t limit) const;
  Cue GermanDemonstrativeCue(size_t j, size_t hi) const;
  // The pointing sentence after a quote that is a sentence of its own ("„…“.
  // Das sagte X.", "«…». Об этом заявил X.").
  Cue CueInNextSentence(size_t k, size_t j) const;
  Cue RussianDemonstrativeCue(size_t j, size_t hi) const;
  Np GermanSpeechNounSource(size_t lo, size_t k) const;
  // The subject of ", sagte X." closing the sentence of the fragment at k
  // (before hi); else the subject of the sentence opening at lo.
  Np SentenceFinalSource(size_t lo, size_t k, size_t hi) const;
  Np NameBeforeColon(size_t lo, size_t colon) const;
  bool AtClauseStart(size_t b, size_t lo) const;

  // --- cues ---
  // A capitalised word after another word is a name, not a verb: "the
  // United States has become" holds no "states".
  bool CapitalisedInside(size_t i) const { return T(i).upper && i > 0 && IsWord(i - 1); }
  bool IsStrongCue(size_t i) const { return IsWord(i) && Has(i, Lexicon::kSpeech) && !CapitalisedInside(i); }
  Cue CueAfter(size_t k, size_t hi) const;
  Cue CueBefore(size_t k, size_t lo, bool partial) const;
  Cue CueAt(size_t v, size_t lo, size_t k) const;
  Np PossessivePoSlovam(size_t i) const;
  // "словам", "информации", "данным" after "по": the source follows.
  bool IsRussianSourceNoun(size_t i) const {
    if (!IsWord(i)) return false;
    const std::string& w = T(i).lower;
    return w == "словам" || w == "информации" || w == "данным" || w == "сведениям" || w == "оценке";
  }
  Np RussianSubject(size_t lo, size_t verb) const;
  Np RussianSubjectAfter(size_t j, size_t hi) const;
  // The role noun speaking after the outlet told at token j, as a descriptor.
  Np RoleAfterTheOutletTold(size_t j, size_t hi) const;
  // The institution named in marks at quote token i after a governed noun.
  Np QuotedGenitiveSource(size_t i) const;
  // "Садыков-старший": the first and last name of the father (or of the
  // son, "-младший") the story introduced with that surname; empty when unsure.
  std::string RussianNamesake(std::string_view surname, size_t before) const;
  // Is the Russian name right after a role noun in the genitive?
  bool RussianNameAfterGenitiveRole(const Np& np) const;
  // Cuts a descriptor after "цитирует" to the role noun at subj, the one
  // quoted; false when the descriptor does not open with one.
  bool NarrowToQuotedRole(size_t subj, size_t hi, Np* np) const;
  // "foreign minister" when the Russian role noun at r opens that office.
  std::string_view RussianOfficeAt(size_t r) const;
  // The gender a Russian past-tense speech verb agrees with ("сказала").
  Gender RussianVerbGender(std::string_view verb) const;
  // Does a preposition govern the Russian name starting at token b?
  bool RussianGovernedName(size_t b, size_t lo) const;
  Np RussianImpersonalSource(size_t verb, size_t lo, size_t hi) const;
  std::string RussianInstitution(const Np& np) const;
  // The institution at token i ("ведомства", "Минфина") as a one-word
  // descriptor; none when the word names no institution.
  Np RussianInstitutionAt(size_t i) const;
  // "…, сообщили в Департаменте по ЧС": after a plural verb, the institution
  // in "в …" is the source, whatever word stands before the verb.
  Np RussianInstitutionAfterPlural(size_t verb, size_t hi) const;
  // The company a bare legal form ("ТОО") refers to; empty when np is none.
  std::string RussianLegalFormSource(const Np& np) const;
  std::string RussianAntecedentOrganisation(std::string_view stem, size_t before) const;
  struct NamedPerson {
    std::vector<std::string_view> words;  // as the story wrote them
    bool genitive = false;                // after a role in the genitive
  };
  NamedPerson RussianPersonOfOrganisation(const Np& np) const;
  // The person the story named right after the organisation (in any case)
  // that ends before `before`: "АО «Береке-Инвест» Марат Сейтказы".
  NamedPerson RussianPersonNamedAfter(std::string_view organisation, size_t before) const;
  struct RoleHolder {
    // kInstitution: a state body ("Кремля", "Минфина"); kOrganisation: a
    // company, fund or agency, named or referred to by its kind.
    enum Kind { kNone, kInstitution, kOrganisation } kind = kNone;
    NamedPerson person;  // the holder, when the story named one
  };
  // A person named in words that may be in the genitive, as a mention.
  int MentionNamed(const NamedPerson& named, const Np& np);
  RoleHolder RussianRoleHolder(const Np& np) const;

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
  bool NamedByArticle(size_t k, const QuoteSpan& s) const;
  bool NamedShow(size_t k, const QuoteSpan& s) const;
  size_t TitleWords(const QuoteSpan& s, bool allow_end_punct) const;
  bool NamesAWork(size_t k, size_t s_lo, const QuoteSpan& s) const;
  bool NamesASource(size_t k, const QuoteSpan& s) const;
  bool IsDomainName(const QuoteSpan& s) const;
  bool GenitiveTitle(size_t k, const QuoteSpan& s) const;
  bool ForeignTitle(const QuoteSpan& s) const;
  bool EveryWordCapitalised(const QuoteSpan& s) const;
  bool RussianNameOrTerm(size_t k, const QuoteSpan& s, bool cued) const;
  bool StartsUpper(const QuoteSpan& s) const;
  bool EndsSentence(const QuoteSpan& s) const;

  std::string_view text_;
  const Lexicon* lex_;      // of the current paragraph
  const Lexicon* doc_lex_;  // of the whole text
  const LeaderIndex& leaders_;
  const QuoteOptions& options_;
  Persons persons_;
  // Name words rewritten into the nominative; a deque, so the views the
  // person table keeps stay valid as it grows.
  std::deque<std::string> nominatives_;
  // Views into the tokens' lower-case words, which live as long as Run().
  WordSet doc_lower_;
  // German words seen right after an article or possessive: common nouns,
  // which German capitalises like names ("die Eignung", "des Doktorvaters").
  WordSet doc_nouns_;
  // Capitalised words of the text, to tell a name's genitive ("Merkels").
  WordSet doc_caps_;
  // Capitalised words seen inside a sentence: "Dennoch" or "Relativierend"
  // open sentences only, a surname also turns up mid-sentence.
  WordSet doc_midcaps_;
  // Stems of those, in Russian texts (RussianStem).
  WordSet doc_midstems_;
  static std::string_view RussianStem(std::string_view lower) {
    size_t letters = 0;
    for (char c : lower) letters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    size_t drop = letters >= 6 ? 2 : (letters == 5 ? 1 : 0);
    size_t end = lower.size();
    while (drop > 0 && end > 0) {
      --end;
      while (end > 0 && (static_cast<unsigned char>(lower[end]) & 0xC0) == 0x80) --end;
      --drop;
    }
    return lower.substr(0, end);
  }
  std::vector<std::optional<std::string>> person_leader_;  // by person index, resolved on first use
  // Tracked leaders the story names anywhere, by id, as the story spells
  // them; filled on first use.
  std::optional<std::unordered_map<std::string, std::vector<std::string_view>>> leaders_named_;
  const std::vector<std::string_view>* NamedLeader(const std::string& leader_id);
  mutable std::unordered_map<std::string, bool> leader_word_;  // KnownName cache
  std::vector<Token> toks_;
  const std::vector<QuoteSpan>* spans_ = nullptr;
  Speaker current_;  // speaker of the latest quote or speech event
};

}  // namespace newsmon::quote_internal
