#include "util/text.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <emmintrin.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <memory>
#include <mutex>

namespace newsmon {

size_t CodePointCount(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

size_t CodePointOffset(std::string_view utf8, size_t byte_offset) {
  return CodePointCount(utf8.substr(0, std::min(byte_offset, utf8.size())));
}

bool IsValidUtf8(std::string_view bytes) {
  int32_t i = 0;
  const auto len = static_cast<int32_t>(bytes.size());
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  while (i < len) {
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) return false;
  }
  return true;
}

std::string SanitizeUtf8(std::string_view bytes) {
  if (IsValidUtf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size());
  int32_t i = 0;
  const auto len = static_cast<int32_t>(bytes.size());
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  while (i < len) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(bytes.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

std::string_view TrimAscii(std::string_view text) {
  const char* ws = " \t\r\n\f\v";
  const size_t b = text.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const size_t e = text.find_last_not_of(ws);
  return text.substr(b, e - b + 1);
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiLowerChar(c);
  return out;
}

size_t FindAsciiNoCase(std::string_view hay, std::string_view lower_needle, size_t from) {
  if (lower_needle.empty()) return from <= hay.size() ? from : std::string_view::npos;
  const char first = lower_needle.front();
  const bool letter = first >= 'a' && first <= 'z';
  const char first_upper = letter ? static_cast<char>(first - 'a' + 'A') : first;
  for (size_t i = from; i + lower_needle.size() <= hay.size(); ++i) {
    // Skip to a possible start with memchr when case cannot differ ("</script").
    if (!letter) {
      i = hay.find(first, i);
      if (i == std::string_view::npos || i + lower_needle.size() > hay.size()) break;
    } else if (hay[i] != first && hay[i] != first_upper) {
      continue;
    }
    size_t k = 1;
    while (k < lower_needle.size() && AsciiLowerChar(hay[i + k]) == lower_needle[k]) ++k;
    if (k == lower_needle.size()) return i;
  }
  return std::string_view::npos;
}

bool IsUnicodeSpace(int32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
  if (c < 0x1680) return c == 0x85 || c == 0xA0;
  return c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

std::string CollapseWhitespace(std::string_view text, InvalidUtf8 invalid) {
  // A space is always stored and kept only when the last byte kept was not
  // one; that state lives in a register, so printable ASCII (nearly every
  // byte) needs no branch per space.
  const bool replace = invalid == InvalidUtf8::kReplace;
  std::string out(text.size(), '\0');  // enough unless U+FFFD replaces a byte
  char* first = out.data();
  char* d = first;
  bool after_space = true;  // also drops leading white space
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto len = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < len) {
    if (len - i >= 16) {
      // 16 bytes at a time while they are printable ASCII with no space
      // to drop: a snippet or a cleaned paragraph is nearly all that. The
      // output is never ahead of the input, so `out` has room for the store.
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const auto printable = static_cast<uint32_t>(_mm_movemask_epi8(
          _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x1F)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x7F)))));
      const auto spaces = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' '))));
      const uint32_t dropped = spaces & ((spaces << 1) | static_cast<uint32_t>(after_space));
      const uint32_t stop = (~printable | dropped) & 0xFFFFu;
      const int good = stop == 0 ? 16 : std::countr_zero(stop);
      if (good > 0) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(d), x);
        d += good;
        i += good;
        after_space = ((spaces >> (good - 1)) & 1) != 0;
        continue;
      }
    }
    const uint8_t b = s[i];
    if (b - 0x20u < 0x5Fu) {  // printable ASCII or a space
      const bool is_space = b == ' ';
      *d = static_cast<char>(b);
      d += static_cast<int>(!(is_space && after_space));
      after_space = is_space;
      ++i;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c >= 0 && IsUnicodeSpace(c)) {
      *d = ' ';
      d += static_cast<int>(!after_space);
      after_space = true;
      continue;
    }
    if (c < 0 && replace) {
      // Three bytes for as few as one: make room for them and the rest.
      const size_t used = static_cast<size_t>(d - first);
      const size_t need = used + 3 + static_cast<size_t>(len - i);
      if (need > out.size()) {
        out.resize(std::max(need, 2 * out.size()));
        first = out.data();
        d = first + used;
      }
      std::memcpy(d, "\xEF\xBF\xBD", 3);
      d += 3;
    } else {
      std::memcpy(d, s + start, static_cast<size_t>(i - start));  // other controls and DEL too
      d += i - start;
    }
    after_space = false;
  }
  if (after_space && d > first) --d;
  out.resize(static_cast<size_t>(d - first));
  return out;
}

namespace {

// ASCII is its own NFD and NFKC form, has no marks and folds by lower
// casing; so are typographic quotes and dashes (U+2013, U+2014, U+2018,
// U+2019, U+201C, U+201D), which no fold changes. Text of only these (most
// paragraphs of English pages) never needs ICU, whose transliteration was a
// fifth of article extraction (perf, article_bench). False for other text.
bool FoldPlainText(std::string_view text, std::string& out) {
  out.resize(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out[i] = AsciiLowerChar(static_cast<char>(c));
      ++i;
      continue;
    }
    if (c != 0xE2 || i + 2 >= text.size() || static_cast<unsigned char>(text[i + 1]) != 0x80) return false;
    switch (static_cast<unsigned char>(text[i + 2])) {
      case 0x93:
      case 0x94:
      case 0x98:
      case 0x99:
      case 0x9C:
      case 0x9D:
        out.replace(i, 3, text.substr(i, 3));
        i += 3;
        break;
      default:
        return false;
    }
  }
  return true;
}

}  // namespace

std::string FoldForMatching(std::string_view text) {
  if (std::string plain; FoldPlainText(text, plain)) return plain;
  // The transliterator is expensive to build and not thread-safe to share
  // without cloning, so each thread keeps its own.
  thread_local std::unique_ptr<icu::Transliterator> strip_marks = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("NFD; [:Nonspacing Mark:] Remove; NFKC", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (strip_marks) strip_marks->transliterate(u);
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace newsmon
