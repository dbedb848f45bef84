#include "article/meta_text.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <utility>

#include "util/text.h"

namespace newsmon::article {

std::string MatchKey(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (IsAsciiAlnum(static_cast<char>(c)))
      out += AsciiLowerChar(static_cast<char>(c));
    else if (c >= 0x80 && c != 0xE2 && c != 0x80 && c != 0x98 && c != 0x99 && c != 0x9C && c != 0x9D)
      out += static_cast<char>(c);
  }
  return out;
}

bool LooksLikeUrl(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//") || s.starts_with("www.");
}

std::string DecodeEntities(std::string s) {
  if (s.find('&') == std::string::npos) return s;
  static const std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"},        {"lt", "<"},         {"gt", ">"},          {"quot", "\""},      {"apos", "'"},
      {"nbsp", " "},       {"rsquo", "\u2019"}, {"lsquo", "\u2018"},  {"ldquo", "\u201C"}, {"rdquo", "\u201D"},
      {"ndash", "\u2013"}, {"mdash", "\u2014"}, {"hellip", "\u2026"}, {"bull", "\u2022"},  {"middot", "\u00B7"},
      {"raquo", "\u00BB"}, {"laquo", "\u00AB"}, {"copy", "\u00A9"},   {"reg", "\u00AE"},   {"trade", "\u2122"}};
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const size_t semi = s[i] == '&' ? s.substr(i, 12).find(';') : std::string::npos;
    if (semi == std::string::npos) {
      out += s[i];
      continue;
    }
    const std::string_view name = std::string_view(s).substr(i + 1, semi - 1);
    bool done = false;
    if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string digits(name.substr(hex ? 2 : 1));
      char* end = nullptr;
      const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && end && *end == '\0' && cp > 0 && cp < 0x110000 && (cp < 0xD800 || cp > 0xDFFF)) {
        AppendUtf8(out, static_cast<uint32_t>(cp));
        done = true;
      }
    } else {
      for (const auto& [n, v] : kNamed) {
        if (name == n) {
          out += v;
          done = true;
          break;
        }
      }
    }
    if (done)
      i += semi;
    else
      out += s[i];
  }
  return out;
}

namespace {

// The Windows-1252 byte for code point `cp`, or -1.
int Cp1252Byte(uint32_t cp) {
  if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF) || (cp >= 0x80 && cp <= 0x9F)) return static_cast<int>(cp);
  static constexpr std::pair<uint32_t, int> kHigh[] = {
      {0x20AC, 0x80}, {0x201A, 0x82}, {0x0192, 0x83}, {0x201E, 0x84}, {0x2026, 0x85}, {0x2020, 0x86}, {0x2021, 0x87},
      {0x02C6, 0x88}, {0x2030, 0x89}, {0x0160, 0x8A}, {0x2039, 0x8B}, {0x0152, 0x8C}, {0x017D, 0x8E}, {0x2018, 0x91},
      {0x2019, 0x92}, {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95}, {0x2013, 0x96}, {0x2014, 0x97}, {0x02DC, 0x98},
      {0x2122, 0x99}, {0x0161, 0x9A}, {0x203A, 0x9B}, {0x0153, 0x9C}, {0x017E, 0x9E}, {0x0178, 0x9F}};
  for (const auto& [code, byte] : kHigh) {
    if (code == cp) return byte;
  }
  return -1;
}

// One UTF-8 character of `s` at `i`: its code point and length, or length 0.
std::pair<uint32_t, size_t> ReadUtf8At(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const size_t len = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return {0, 0};
  uint32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) {
    const auto cont = static_cast<unsigned char>(s[i + k]);
    if ((cont & 0xC0) != 0x80) return {0, 0};
    cp = (cp << 6) | (cont & 0x3F);
  }
  return {cp, len};
}

// What mojibake stands for in text: Latin, Greek and Cyrillic letters and
// typographic punctuation. Other results of a decode are an accident of two
// real characters in a row ("Spaß“" reads as DF 93, an NKo letter).
bool PlausibleRepair(uint32_t cp) {
  return (cp >= 0x80 && cp < 0x250) || (cp >= 0x370 && cp < 0x530) || (cp >= 0x2000 && cp < 0x2070) ||
         (cp >= 0x20A0 && cp < 0x20D0) || (cp >= 0x2100 && cp < 0x2200);
}

}  // namespace

std::string RepairDoubleEncoding(std::string_view s) {
  // Only a lead byte of a multi-byte sequence (Â..ô) read as a character
  // starts mojibake; plain ASCII and most accented text leave early.
  if (s.find('\xC3') == std::string_view::npos && s.find('\xC2') == std::string_view::npos) return std::string(s);
  if (!IsValidUtf8(s)) return std::string(s);
  // Sequence by sequence: a page's own characters (a no-break space, a real
  // "é") often sit in the same paragraph as the mojibake, so the text as a
  // whole need not decode.
  std::string out;
  bool changed = false;
  for (size_t i = 0; i < s.size();) {
    const auto [lead_cp, lead_len] = ReadUtf8At(s, i);
    const int lead = Cp1252Byte(lead_cp);
    const size_t want = lead >= 0xC2 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3 : 0;
    if (want > 0) {
      std::string bytes(1, static_cast<char>(lead));
      size_t j = i + lead_len;
      while (bytes.size() < want && j < s.size()) {
        const auto [cp, len] = ReadUtf8At(s, j);
        const int byte = len == 0 ? -1 : Cp1252Byte(cp);
        if (byte < 0x80 || byte > 0xBF) break;
        bytes += static_cast<char>(byte);
        j += len;
      }
      if (bytes.size() == want) {
        const auto [cp, len] = ReadUtf8At(bytes, 0);
        if (len == want && PlausibleRepair(cp)) {
          out += bytes;
          changed = true;
          i = j;
          continue;
        }
      }
    }
    const size_t step = lead_len == 0 ? 1 : lead_len;
    out.append(s.substr(i, step));
    i += step;
  }
  return changed ? out : std::string(s);
}

}  // namespace newsmon::article
