#include "quote/leader_key.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

#include "quote/scan.h"
#include "util/text.h"

namespace newsmon::quote_internal {
namespace {

// Romanisation of Russian and Kazakh letters (after case folding).
std::string_view Cyrillic(char32_t c) {
  static constexpr std::array<std::string_view, 32> kBasic = {
      "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "i",    "k", "l", "m", "n", "o",  "p",
      "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};
  if (c >= 0x430 && c <= 0x44F) return kBasic[c - 0x430];
  switch (c) {
    case 0x451:
      return "yo";
    case 0x4D9:
      return "a";  // ә
    case 0x493:
      return "g";  // ғ
    case 0x49B:
      return "k";  // қ
    case 0x4A3:
      return "n";  // ң
    case 0x4E9:
      return "o";  // ө
    case 0x4B1:
    case 0x4AF:
      return "u";  // ұ ү
    case 0x4BB:
      return "h";  // һ
    case 0x456:
      return "i";  // і
    case 0x454:
      return "ye";
    case 0x457:
      return "yi";
    case 0x491:
      return "g";
    default:
      return {};
  }
}

std::string IcuLatin(std::string_view text) {
  thread_local std::unique_ptr<icu::Transliterator> to_latin = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (to_latin) to_latin->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Spelling variants of one sound merge into one spelling.
std::string Phonetic(std::string_view s) {
  std::string a;
  a.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const char n = i + 1 < s.size() ? s[i + 1] : 0;
    const char n2 = i + 2 < s.size() ? s[i + 2] : 0;
    if (c == 't' && n == 's' && n2 == 'c' && i + 3 < s.size() && s[i + 3] == 'h') {  // tsch -> ch
      a += "ch";
      i += 3;
    } else if (c == 's' && n == 'c' && n2 == 'h') {  // sch -> sh
      a += "sh";
      i += 2;
    } else if ((c == 'z' || c == 'd') && n == 'h' && c == 'z') {  // zh -> j
      a += 'j';
      ++i;
    } else if (c == 'd' && n == 'z' && n2 == 'h') {
      a += 'j';
      i += 2;
    } else if (c == 'k' && n == 'h') {
      a += 'h';
      ++i;
    } else if (c == 'p' && n == 'h') {
      a += 'f';
      ++i;
    } else if ((c == 't' && (n == 'z' || n == 's')) && !(n == 's' && n2 == 'h')) {
      a += 'z';
      ++i;
    } else if (c == 'c' && n == 'k') {
      a += 'k';
      ++i;
    } else if (c == 'c' && n != 'h') {
      a += 'k';
    } else if (c == 'q') {
      a += 'k';
    } else if (c == 'w') {
      a += 'v';
    } else if (c == 'x') {
      a += "ks";
    } else if (c == 'o' && n == 'u') {
      a += 'u';
      ++i;
    } else {
      a += c;
    }
  }
  std::string out;
  out.reserve(a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    const char prev = out.empty() ? 0 : out.back();
    const char next = i + 1 < a.size() ? a[i + 1] : 0;
    if (c == 'y' || c == 'j') {
      if (IsVowel(prev)) continue;                  // Tokayev, Tokajew, Mirziyoyev
      if (c == 'y') c = IsVowel(next) ? 'j' : 'i';  // Yeltsin/Jelzin, Kassym
    }
    if (c == prev) continue;  // doubled letters
    out += c;
  }
  return out;
}

int Cost2(char a, char b) {
  // Costs in half units.
  if (a == b) return 0;
  if (IsVowel(a) && IsVowel(b)) return 1;
  auto pair = [&](char x, char y) { return (a == x && b == y) || (a == y && b == x); };
  if (pair('s', 'z') || pair('k', 'g') || pair('t', 'd') || pair('p', 'b') || pair('f', 'v') || pair('i', 'j'))
    return 1;
  return 2;
}

// Weighted Damerau-Levenshtein distance in half units.
int Distance2(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  const size_t m = b.size();
  std::vector<int> d((n + 1) * (m + 1));
  auto at = [&](size_t i, size_t j) -> int& { return d[i * (m + 1) + j]; };
  auto indel = [](char c) { return IsVowel(c) ? 1 : 2; };
  for (size_t i = 1; i <= n; ++i) at(i, 0) = at(i - 1, 0) + indel(a[i - 1]);
  for (size_t j = 1; j <= m; ++j) at(0, j) = at(0, j - 1) + indel(b[j - 1]);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      int v = std::min({at(i - 1, j) + indel(a[i - 1]), at(i, j - 1) + indel(b[j - 1]),
                        at(i - 1, j - 1) + Cost2(a[i - 1], b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, at(i - 2, j - 2) + 2);
      at(i, j) = v;
    }
  }
  return at(n, m);
}

bool Close(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.empty() || b.empty() || a[0] != b[0]) return false;
  const size_t len = std::max(a.size(), b.size());
  if (len <= 5) return false;
  const int budget = len <= 8 ? 1 : 2;  // half units: one vowel / voicing difference, two for long names
  if (a.size() > b.size() + 2 || b.size() > a.size() + 2) return false;
  return Distance2(a, b) <= budget;
}

bool InflectedMatch(std::string_view mention, std::string_view leader) {
  if (Close(mention, leader)) return true;
  // Inflectional endings: German genitive -s, Russian cases, English possessive.
  // German genitive -s, Russian cases, Kazakh cases (-tyn, -ga, -men ...).
  static constexpr std::array<std::string_view, 23> kEndings = {"s",  "es",  "a",  "u",  "om",  "im",  "ym",  "e",
                                                                "oi", "ovi", "i",  "ia", "tyn", "tin", "nyn", "nin",
                                                                "ga", "ge",  "ka", "ke", "men", "dan", "tan"};
  for (std::string_view e : kEndings) {
    if (mention.size() > e.size() + 3 && mention.substr(mention.size() - e.size()) == e &&
        Close(mention.substr(0, mention.size() - e.size()), leader)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string LatinNameKey(std::string_view word) {
  // ICU folding of an ASCII word is plain lower-casing; skip the transliterator.
  bool ascii = true;
  for (char ch : word) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
  const std::string folded = ascii ? LowerWord(word) : FoldForMatching(word);
  std::string latin;
  latin.reserve(folded.size());
  bool needs_icu = false;
  size_t i = 0;
  while (i < folded.size()) {
    size_t len = 0;
    const char32_t c = DecodeAt(folded, i, &len);
    if (c < 0x80) {
      if (c >= 'a' && c <= 'z') latin += static_cast<char>(c);
      if (c >= 'A' && c <= 'Z') latin += static_cast<char>(c + 32);
    } else if (c == 0xDF) {
      latin += "ss";
    } else if (std::string_view r = Cyrillic(c); !r.empty() || (c >= 0x400 && c <= 0x4FF)) {
      latin += r;
    } else if (IsLetter(c)) {
      needs_icu = true;
      break;
    }
    i += len;
  }
  if (needs_icu) {
    latin.clear();
    for (char c : IcuLatin(folded)) {
      if (c >= 'a' && c <= 'z') latin += c;
    }
  }
  return Phonetic(latin);
}

bool NameKeysMatch(std::string_view mention, std::string_view leader) {
  if (mention.empty() || leader.empty()) return false;
  if (InflectedMatch(mention, leader)) return true;
  // German writes both ш and ж as "sch" (Schukow, Kassym-Schomart): where
  // the leader's key has the ж sound, a mention's "sh" may be it.
  if (mention.find("sh") == std::string_view::npos || leader.find('j') == std::string_view::npos) return false;
  std::string zh;
  zh.reserve(mention.size());
  for (size_t i = 0; i < mention.size(); ++i) {
    const bool sh = mention[i] == 's' && i + 1 < mention.size() && mention[i + 1] == 'h';
    zh += sh ? 'j' : mention[i];
    if (sh) ++i;
  }
  return InflectedMatch(zh, leader);
}

}  // namespace newsmon::quote_internal
