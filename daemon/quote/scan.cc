#include "quote/scan.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace newsmon::quote_internal {

char32_t DecodeAtSlow(std::string_view s, size_t i, size_t* len) {
  const auto c0 = static_cast<unsigned char>(s[i]);
  if (c0 < 0x80) {
    *len = 1;
    return c0;
  }
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), j, static_cast<int32_t>(s.size()), c);
  *len = static_cast<size_t>(j) - i;
  if (c < 0) {
    *len = 1;
    return 0xFFFD;
  }
  return static_cast<char32_t>(c);
}

char32_t DecodeBefore(std::string_view s, size_t i) {
  if (i == 0) return 0;
  size_t b = i - 1;
  // Step back over at most three continuation bytes.
  for (int k = 0; k < 3 && b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80; ++k) --b;
  size_t len = 0;
  const char32_t c = DecodeAt(s, b, &len);
  return b + len == i ? c : 0xFFFD;
}

bool IsLetterSlow(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  // Umlauts and accented Latin letters, and the quotes and dashes of General
  // Punctuation, are the common cases in news text: answer them without ICU.
  if (c >= 0xC0 && c <= 0xFF) return c != 0xD7 && c != 0xF7;
  if (c >= 0x2010 && c <= 0x206F) return false;
  return u_isalpha(static_cast<UChar32>(c));
}
bool IsUpperSlow(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}
bool IsLowerLetterSlow(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return u_islower(static_cast<UChar32>(c));
}
bool IsDigitSlow(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  if (c >= 0x2010 && c <= 0x206F) return false;
  return u_isdigit(static_cast<UChar32>(c));
}
bool IsSpaceSlow(char32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  return c == 0xA0 || c == 0x200B || u_isUWhiteSpace(static_cast<UChar32>(c));
}
bool IsQuoteMark(char32_t c) {
  switch (c) {
    case '"':
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x2039:
    case 0x203A:
      return true;
    default:
      return false;
  }
}

std::string LowerWord(std::string_view word) {
  std::string out;
  LowerWordInto(word, &out);
  return out;
}

void LowerWordInto(std::string_view word, std::string* into) {
  // Most words are ASCII: lower them in one pass without decoding.
  {
    std::string& out = *into;
    out.assign(word);
    bool ascii = true;
    for (char& ch : out) {
      const auto b = static_cast<unsigned char>(ch);
      if (b >= 0x80) {
        ascii = false;
        break;
      }
      if (static_cast<unsigned>(b - 'A') < 26u) ch = static_cast<char>(b + 32);
    }
    if (ascii) return;
  }
  std::string& out = *into;
  out.clear();
  out.reserve(word.size());
  size_t i = 0;
  while (i < word.size()) {
    const auto b = static_cast<unsigned char>(word[i]);
    if (b < 0x80) {
      out += static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
      ++i;
      continue;
    }
    size_t len = 0;
    const char32_t c = DecodeAt(word, i, &len);
    const auto l = static_cast<UChar32>(c == 0xFFFD ? c : u_tolower(static_cast<UChar32>(c)));
    char buf[4];
    int32_t n = 0;
    UBool err = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, l, err);
    if (err) {
      out.append(word.substr(i, len));
    } else {
      out.append(buf, static_cast<size_t>(n));
    }
    i += len;
  }
}

std::vector<Paragraph> SplitParagraphs(std::string_view text) {
  std::vector<Paragraph> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    size_t b = pos;
    size_t e = nl;
    while (b < e && (text[b] == ' ' || text[b] == '\t' || text[b] == '\r')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) --e;
    if (e > b) out.push_back({b, e});
    pos = nl + 1;
  }
  return out;
}

namespace {

// Words that keep a following dot (lower case, without the dot).
bool IsAbbreviation(std::string_view lower) {
  if (lower.size() > 4) return false;  // the longest below; skips the search for most sentence ends
  static constexpr std::array<std::string_view, 52> kAbbrev = {
      "mr",  "mrs", "ms",   "dr",  "sen", "rep", "gov",  "gen",  "lt",   "col",  "sgt",  "prof", "rev",
      "st",  "jr",  "sr",   "vs",  "no",  "jan", "feb",  "mar",  "apr",  "aug",  "sept", "sep",  "oct",
      "nov", "dec", "corp", "inc", "ltd", "co",  "capt", "cmdr", "adm",  "supt", "atty", "fr",   "mt",
      "ft",  "bzw", "ca",   "nr",  "usw", "etc", "vgl",  "hl",   "evtl", "ggf",  "gest", "geb",  "pres"};
  return std::find(kAbbrev.begin(), kAbbrev.end(), lower) != kAbbrev.end();
}

inline bool IsWordChar(char32_t c) {
  if (c < 0x80) return ((c | 0x20) - 'a') < 26u || (c - '0') < 10u;
  return IsLetter(c) || IsDigit(c) || (c >= 0x300 && c <= 0x36F);
}

}  // namespace

void Tokenize(std::string_view text, size_t begin, size_t end, std::vector<Token>* out) {
  size_t i = begin;
  while (i < end) {
    size_t len = 0;
    const char32_t c = DecodeAt(text, i, &len);
    if (IsSpace(c) || IsQuoteMark(c)) {
      // An apostrophe-like mark inside a word is handled below; here it is a
      // quote mark or stray, and quote spans are inserted by the caller.
      i += len;
      continue;
    }
    // Built in place: a token is large, and moving it in cost a tenth of the tokenizer.
    Token& t = out->emplace_back();
    t.begin = i;
    if (IsWordChar(c)) {
      size_t j = i + len;
      bool has_letter = IsLetter(c);
      bool has_inner_dot = false;
      while (j < end) {
        size_t l2 = 0;
        const char32_t d = DecodeAt(text, j, &l2);
        if (IsWordChar(d)) {
          has_letter = has_letter || IsLetter(d);
          j += l2;
          continue;
        }
        // Inner joiners: it's, Trump’s, Kassym-Jomart, U.S, 1,000, 3.5
        if ((d == '\'' || d == 0x2019 || d == '-' || d == 0x2010 || d == '.' || d == ',' || d == '&') && j + l2 < end) {
          size_t l3 = 0;
          const char32_t e = DecodeAt(text, j + l2, &l3);
          const bool digits = IsDigit(DecodeBefore(text, j)) && IsDigit(e);
          if ((d == ',' && !digits) || (d == '&' && !IsUpper(e))) break;
          // "ndr.de", "tagesschau.de": a dot between lower-case letters is a
          // domain name, not a sentence end (those are followed by a space).
          const bool domain = d == '.' && IsLowerLetter(e) && IsLowerLetter(DecodeBefore(text, j));
          if (IsWordChar(e) &&
              (d != '.' || digits || domain || (IsLetter(e) && !IsLetter(DecodeBefore(text, j - 1))))) {
            has_inner_dot = has_inner_dot || d == '.';
            j += l2;
            continue;
          }
        }
        break;
      }
      t.kind = TokenKind::kWord;
      t.end = j;
      t.has_letter = has_letter;
      t.upper = IsUpper(c);
      LowerWordInto(text.substr(i, j - i), &t.lower);
      // Keep the dot of abbreviations and initials so it does not end a sentence.
      if (j < end && text[j] == '.') {
        const size_t cps = t.lower.size();
        const bool initial =
            has_letter && t.upper && (cps == 1 || (cps == 2 && static_cast<unsigned char>(t.lower[0]) >= 0x80));
        const bool ordinal =
            !has_letter && j - i <= 2 && j + 2 < end && text[j + 1] == ' ' && IsLetter(DecodeAt(text, j + 2, &len));
        if (initial || has_inner_dot || ordinal || IsAbbreviation(t.lower)) {
          t.end = j + 1;
          t.lower += '.';
        }
      }
      i = t.end;
    } else {
      t.kind = TokenKind::kPunct;
      t.end = i + len;
      // Dashes and ellipses of several ASCII characters stay one token.
      if (c == '-' || c == '.') {
        while (t.end < end && text[t.end] == static_cast<char>(c)) ++t.end;
      }
      t.lower = std::string(text.substr(i, t.end - i));
      if (c == 0x2014 || c == 0x2013 || (c == '-' && t.end - i >= 2)) t.lower = "-";
      // "Journalistinnen- und …": a hyphen glued to a word is a compound
      // ellipsis, not a dash that separates phrases.
      if (c == '-' && t.end - i == 1 && i > begin && IsLetter(DecodeBefore(text, i))) t.lower = "~";
      if (c == 0x2026 || (c == '.' && t.end - i >= 3)) t.lower = "...";
      i = t.end;
    }
  }
}

}  // namespace newsmon::quote_internal
