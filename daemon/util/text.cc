#include "util/text.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

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

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  int32_t i = 0;
  const auto len = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < len) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c >= 0 && (u_isUWhiteSpace(c) || c == 0x200B)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out.append(text.data() + start, static_cast<size_t>(i - start));
  }
  return out;
}

std::string FoldForMatching(std::string_view text) {
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
