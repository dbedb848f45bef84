// Internal to the quote stage: per-language word lists for attribution
// (speech verbs, pronouns, titles, descriptors) and a cheap language guess.
//
//   const Lexicon& lex = LexiconFor(DetectLanguage(text));
//   if (lex.IsSpeechVerb("sagte")) ...
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace newsmon::quote_internal {

enum class Language { kEnglish, kGerman, kRussian };

// "en", "de", "ru"; anything else (or empty) falls back to counting function
// words and Cyrillic letters in the text.
Language ResolveLanguage(std::string_view code, std::string_view text);
Language DetectLanguage(std::string_view text);
// Like DetectLanguage, but `fallback` when the text gives no clear evidence
// (a short paragraph).
Language DetectLanguageOr(std::string_view text, Language fallback);
// The decision DetectLanguageOr makes from its counts: words starting with a
// Cyrillic or an ASCII letter, and English / German function words.
Language LanguageFromCounts(size_t cyrillic, size_t latin, int en, int de, Language fallback);
// +1 for an English function word, -1 for a German one, else 0 (case-sensitive).
// Inline: the language guesses ask it of every short word of a story.
inline int FunctionWordVote(std::string_view w) {
  switch (w.size()) {
    case 2:
      if (w == "of" || w == "to" || w == "is") return 1;
      return 0;
    case 3:
      switch (w[0]) {
        case 't':
          return w == "the" ? 1 : 0;
        case 'a':
          return w == "and" ? 1 : 0;
        case 'd':
          return w == "der" || w == "die" || w == "das" || w == "den" ? -1 : 0;
        case 'u':
          return w == "und" ? -1 : 0;
        case 'i':
          return w == "ist" ? -1 : 0;
        case 'm':
          return w == "mit" ? -1 : 0;
        case 'v':
          return w == "von" ? -1 : 0;
        default:
          return 0;
      }
    case 4:
      if (w == "said" || w == "that" || w == "with") return 1;
      return w == "sich" ? -1 : 0;
    case 5:
      return w == "nicht" || w == "sagte" ? -1 : 0;
    default:
      return 0;
  }
}

enum class Gender { kUnknown, kMale, kFemale, kPlural };
// Both known, one a man's and the other a woman's.
inline bool GendersDiffer(Gender a, Gender b) {
  const bool a_known = a == Gender::kMale || a == Gender::kFemale;
  const bool b_known = b == Gender::kMale || b == Gender::kFemale;
  return a_known && b_known && a != b;
}

struct Lexicon {
  Language language = Language::kEnglish;
  std::unordered_set<std::string> speech_verbs;  // finite forms: said, sagte, заявил
  std::unordered_set<std::string> weak_cues;     // call, describe, warn of: cue partial quotes only
  // Reported-speech markers (German Konjunktiv I: sei, habe, müsse): the
  // clause reports what the current speaker said.
  std::unordered_set<std::string> reported_markers;
  std::unordered_set<std::string> conjunctions;      // and, und: "X ... and said" -> subject of the sentence
  std::unordered_set<std::string> relatives;         // who, which: "a man who said" is not the subject
  std::unordered_map<std::string, Gender> pronouns;  // subject pronouns
  std::unordered_set<std::string> determiners;       // the, a, der, ein
  std::unordered_set<std::string> skippable;         // adverbs / auxiliaries between subject and verb
  std::unordered_map<std::string, Gender> titles;    // mr., frau, senator (strip from names)
  std::unordered_set<std::string> role_nouns;        // chancellor, präsident, президент, spokesman
  // Nouns for a person that, bare, refer back to someone named (Russian
  // "политик", "дипломат": the language has no article to say so).
  std::unordered_set<std::string> anaphoric_nouns;
  std::unordered_set<std::string> function_words;   // never a name even when capitalised
  std::unordered_set<std::string> prepositions;     // a name after these is not the speaker
  std::unordered_set<std::string> name_particles;   // von, de, van, al
  std::unordered_set<std::string> reporting_preps;  // according (to), laut, zufolge, по (словам)

  // Membership bits of one word in the lists above, from one probe of a flat
  // table built by Finish(): attribution asks these questions for every
  // token many times, and std::hash over std::string dominated the profile.
  enum Bit : uint32_t {
    kSpeech = 1u << 0,
    kWeak = 1u << 1,
    kReported = 1u << 2,
    kConj = 1u << 3,
    kRelative = 1u << 4,
    kPronoun = 1u << 5,
    kDeterminer = 1u << 6,
    kSkippable = 1u << 7,
    kTitle = 1u << 8,
    kRole = 1u << 9,
    kFunction = 1u << 10,
    kPreposition = 1u << 11,
    kParticle = 1u << 12,
    kReporting = 1u << 13,
  };
  void Finish();
  uint32_t Lookup(std::string_view w) const;
  uint32_t Lookup(std::string_view w, uint64_t hash) const;  // hash = WordHash(w)

  bool IsSpeechVerb(std::string_view w) const { return (Lookup(w) & kSpeech) != 0; }
  bool IsWeakCue(std::string_view w) const { return (Lookup(w) & kWeak) != 0; }
  bool IsReported(std::string_view w) const { return (Lookup(w) & kReported) != 0; }
  bool IsRelativeOrConj(std::string_view w) const { return (Lookup(w) & (kRelative | kConj)) != 0; }
  bool IsConjunction(std::string_view w) const { return (Lookup(w) & kConj) != 0; }
  bool IsRelative(std::string_view w) const { return (Lookup(w) & kRelative) != 0; }
  bool IsPronoun(std::string_view w) const { return (Lookup(w) & kPronoun) != 0; }
  bool IsDeterminer(std::string_view w) const { return (Lookup(w) & kDeterminer) != 0; }
  bool IsSkippable(std::string_view w) const {
    return (Lookup(w) & kSkippable) != 0 || (language == Language::kEnglish && IsLyAdverb(w));
  }
  // English -ly adverbs ("gingerly said"), minus common nouns ending in -ly.
  static bool IsLyAdverb(std::string_view w);
  bool IsTitle(std::string_view w) const { return (Lookup(w) & kTitle) != 0; }
  bool IsFunctionWord(std::string_view w) const { return (Lookup(w) & kFunction) != 0; }
  bool IsPreposition(std::string_view w) const { return (Lookup(w) & kPreposition) != 0; }
  bool IsParticle(std::string_view w) const { return (Lookup(w) & kParticle) != 0; }
  bool IsReportingPrep(std::string_view w) const { return (Lookup(w) & kReporting) != 0; }
  // A role or office noun, including German compounds (Bundeskanzlerin,
  // SPD-Fraktionschef) recognised by their final part.
  bool IsRoleNoun(std::string_view w) const;
  bool IsAnaphoricPersonNoun(const std::string& w) const { return anaphoric_nouns.count(w) != 0; }

 private:
  std::vector<std::pair<std::string, uint32_t>> index_;  // open addressing, size a power of two
};

const Lexicon& LexiconFor(Language language);
// The German lists, before Finish() (lexicon_de.cc).
Lexicon GermanLexicon();

// For the files that fill the word lists.
inline void AddWords(std::unordered_set<std::string>* set, std::initializer_list<const char*> words) {
  for (const char* w : words) set->insert(w);
}
inline void AddGendered(std::unordered_map<std::string, Gender>* map, Gender g,
                        std::initializer_list<const char*> words) {
  for (const char* w : words) map->emplace(w, g);
}

}  // namespace newsmon::quote_internal
