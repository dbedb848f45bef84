// Small UTF-8 text helpers shared by the stages.
//
//   size_t n = CodePointCount("Токаев");          // 6
//   std::string t = CollapseWhitespace("a \n b"); // "a b"
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsmon {

size_t CodePointCount(std::string_view utf8);
// Code point index of byte offset `byte_offset` (which must be on a boundary).
size_t CodePointOffset(std::string_view utf8, size_t byte_offset);
bool IsValidUtf8(std::string_view bytes);
// Replaces invalid sequences with U+FFFD so that downstream code (protobuf
// string fields, JSON) never sees broken UTF-8.
std::string SanitizeUtf8(std::string_view bytes);
// Runs of ASCII and Unicode white space become one space; ends trimmed.
// Invalid UTF-8 passes through unchanged, or with kReplace becomes U+FFFD
// (the same as CollapseWhitespace(SanitizeUtf8(text)) in one pass).
enum class InvalidUtf8 { kKeep, kReplace };
std::string CollapseWhitespace(std::string_view text, InvalidUtf8 invalid = InvalidUtf8::kKeep);
// White space as CollapseWhitespace has it: Unicode's White_Space property
// (fixed since Unicode 6.3) and U+200B ZERO WIDTH SPACE, without ICU's lookup.
bool IsUnicodeSpace(int32_t code_point);
// Case folded, NFKC (width-insensitive), combining marks removed (é->e, and
// also й->и, as search engines do): the key for matching that must not care
// about case, accents or width.
std::string FoldForMatching(std::string_view text);
std::string_view TrimAscii(std::string_view text);
// ASCII case and classes: unlike <cctype>, no locale and no library call,
// which matters in loops over every byte of a page.
constexpr char AsciiLowerChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (AsciiLowerChar(c) >= 'a' && AsciiLowerChar(c) <= 'z');
}
std::string AsciiLower(std::string_view text);
// The first occurrence of `lower_needle` (lower case) in `hay` at or after
// `from`, ignoring ASCII case; npos when there is none.
size_t FindAsciiNoCase(std::string_view hay, std::string_view lower_needle, size_t from = 0);
// Appends code point `cp` as UTF-8 (U+FFFD for surrogates and values past U+10FFFF).
void AppendUtf8(std::string& out, uint32_t cp);

}  // namespace newsmon
