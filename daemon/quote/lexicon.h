// Internal to the quote stage: per-language word lists for attribution
// (speech verbs, pronouns, titles, descriptors) and a cheap language guess.
//
//   const Lexicon& lex = LexiconFor(DetectLanguage(text));
//   if (lex.IsSpeechVerb("sagte")) ...
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace newsmon::quote_internal {

enum class Language { kEnglish, kGerman, kRussian };

// "en", "de", "ru"; anything else (or empty) falls back to counting function
// words and Cyrillic letters in the text.
Language ResolveLanguage(std::string_view code, std::string_view text);
Language DetectLanguage(std::string_view text);

enum class Gender { kUnknown, kMale, kFemale, kPlural };

struct Lexicon {
  Language language = Language::kEnglish;
  std::unordered_set<std::string> speech_verbs;      // finite forms: said, sagte, заявил
  std::unordered_set<std::string> weak_cues;         // call, describe, warn of: cue partial quotes only
  // Reported-speech markers (German Konjunktiv I: sei, habe, müsse): the
  // clause reports what the current speaker said.
  std::unordered_set<std::string> reported_markers;
  std::unordered_set<std::string> conjunctions;  // and, und: "X ... and said" -> subject of the sentence
  std::unordered_set<std::string> relatives;     // who, which: "a man who said" is not the subject
  std::unordered_map<std::string, Gender> pronouns;  // subject pronouns
  std::unordered_set<std::string> determiners;       // the, a, der, ein
  std::unordered_set<std::string> skippable;         // adverbs / auxiliaries between subject and verb
  std::unordered_map<std::string, Gender> titles;    // mr., frau, senator (strip from names)
  std::unordered_set<std::string> role_nouns;        // chancellor, präsident, президент, spokesman
  std::unordered_set<std::string> function_words;    // never a name even when capitalised
  std::unordered_set<std::string> prepositions;      // a name after these is not the speaker
  std::unordered_set<std::string> name_particles;    // von, de, van, al
  std::unordered_set<std::string> reporting_preps;   // according (to), laut, zufolge, по (словам)

  bool IsSpeechVerb(const std::string& w) const { return speech_verbs.count(w) != 0; }
  bool IsWeakCue(const std::string& w) const { return weak_cues.count(w) != 0; }
  bool IsReported(const std::string& w) const { return reported_markers.count(w) != 0; }
  bool IsRelativeOrConj(const std::string& w) const { return relatives.count(w) != 0 || conjunctions.count(w) != 0; }
  bool IsPronoun(const std::string& w) const { return pronouns.count(w) != 0; }
  bool IsDeterminer(const std::string& w) const { return determiners.count(w) != 0; }
  bool IsSkippable(const std::string& w) const { return skippable.count(w) != 0; }
  bool IsTitle(const std::string& w) const { return titles.count(w) != 0; }
  bool IsFunctionWord(const std::string& w) const { return function_words.count(w) != 0; }
  bool IsPreposition(const std::string& w) const { return prepositions.count(w) != 0; }
  bool IsParticle(const std::string& w) const { return name_particles.count(w) != 0; }
  // A role or office noun, including German compounds (Bundeskanzlerin,
  // SPD-Fraktionschef) recognised by their final part.
  bool IsRoleNoun(const std::string& w) const;
};

const Lexicon& LexiconFor(Language language);

}  // namespace newsmon::quote_internal
