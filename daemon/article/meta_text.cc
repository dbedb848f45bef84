#include "article/meta_text.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "util/text.h"

namespace newsmon::article {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string MatchKey(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c))
      out += static_cast<char>(std::tolower(c));
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

}  // namespace newsmon::article
