// Internal to the quote stage: UTF-8 scanning, paragraphs and word tokens.
// Hand-written so that quote finding never needs std::regex.
//
//   std::vector<Paragraph> paras = SplitParagraphs(text);
//   std::vector<Token> toks = Tokenize(text, paras[0].begin, paras[0].end);
//   if (toks[0].upper) ...
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsmon::quote_internal {

// Code point at byte `i`; `*len` gets its byte length. Invalid bytes decode
// as U+FFFD of length 1, so scanning always advances.
char32_t DecodeAtSlow(std::string_view s, size_t i, size_t* len);
// ASCII is decoded inline: scanners call this for every byte of every story.
inline char32_t DecodeAt(std::string_view s, size_t i, size_t* len) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    *len = 1;
    return b;
  }
  return DecodeAtSlow(s, i, len);
}
// Code point ending right before byte `i` (0 at the start of `s`).
char32_t DecodeBefore(std::string_view s, size_t i);

bool IsLetterSlow(char32_t c);
bool IsUpperSlow(char32_t c);
bool IsLowerLetterSlow(char32_t c);
bool IsDigitSlow(char32_t c);
bool IsSpaceSlow(char32_t c);
inline bool IsLetter(char32_t c) { return c < 0x80 ? ((c | 0x20) - 'a') < 26u : IsLetterSlow(c); }
inline bool IsUpper(char32_t c) { return c < 0x80 ? (c - 'A') < 26u : IsUpperSlow(c); }
inline bool IsLowerLetter(char32_t c) { return c < 0x80 ? (c - 'a') < 26u : IsLowerLetterSlow(c); }
inline bool IsDigit(char32_t c) { return c < 0x80 ? (c - '0') < 10u : IsDigitSlow(c); }
inline bool IsSpace(char32_t c) {
  return c < 0x80 ? (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') : IsSpaceSlow(c);
}
// Any of the quote marks the finder knows (double, single, guillemets).
bool IsQuoteMark(char32_t c);

// FNV-1a with a final mix: the one hash of words in the quote stage's tables.
inline uint64_t WordHash(std::string_view w) {
  uint64_t h = 1469598103934665603ull;
  for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return (h ^ (h >> 29)) | 1;  // never 0, which marks "not computed"
}

// Lower case of a whole word (Unicode simple case mapping).
std::string LowerWord(std::string_view word);
// LowerWord into an existing string, reusing its buffer.
void LowerWordInto(std::string_view word, std::string* out);

// One non-empty line of the text; byte offsets, end exclusive, trimmed.
struct Paragraph {
  size_t begin = 0;
  size_t end = 0;
};
std::vector<Paragraph> SplitParagraphs(std::string_view text);

enum class TokenKind { kWord, kPunct, kQuote };

struct Token {
  // User-provided on purpose: value-initialising a token (emplace_back())
  // would otherwise zero all of it before the member initialisers run.
  Token() {}  // NOLINT(modernize-use-equals-default)
  TokenKind kind = TokenKind::kWord;
  size_t begin = 0;  // bytes into the full text
  size_t end = 0;
  std::string lower;   // lower-cased word (words only)
  bool upper = false;  // starts with an upper-case letter
  bool has_letter = false;
  int quote = -1;  // kQuote: index of the quote span
  // Per-token caches for the attributor (-1 unknown, 0 no, 1 yes).
  mutable signed char name_flag = -1;
  mutable signed char run_flag = -1;
  mutable int64_t lex_bits = -1;  // Lexicon::Bit set for the paragraph's lexicon
  mutable uint64_t hash = 0;      // WordHash(lower), 0 until computed
  mutable bool keys_done = false;
  mutable std::string_view role_key;  // RoleKey / CountryOf of the word
  mutable std::string_view country;
  std::string_view Text(std::string_view text) const { return text.substr(begin, end - begin); }
  bool IsPunct(char c) const { return kind == TokenKind::kPunct && lower.size() == 1 && lower[0] == c; }
};

// Words and punctuation of text[begin, end). A word keeps inner apostrophes,
// hyphens and dots of abbreviations ("U.S.", "Mr.", "J.") so that they do not
// end sentences. Quote marks are not returned (callers insert quote tokens).
void Tokenize(std::string_view text, size_t begin, size_t end, std::vector<Token>* out);

}  // namespace newsmon::quote_internal
