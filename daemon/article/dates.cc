#include "article/dates.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <vector>
#include "util/text.h"

namespace newsmon::article {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr int kMinYear = 1990;
constexpr int kMaxYear = 2100;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// 1..12 for English month names and their usual abbreviations, 0 otherwise.
int MonthFromName(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kNames = {"january",   "february", "march",    "april",
                                                              "may",       "june",     "july",     "august",
                                                              "september", "october",  "november", "december"};
  if (word.size() < 3 || word.size() > 9) return 0;
  const std::string lower = AsciiLower(word);
  if (lower == "sept") return 9;
  for (size_t m = 0; m < kNames.size(); ++m) {
    if (lower == kNames[m] || (lower.size() == 3 && kNames[m].starts_with(lower))) return static_cast<int>(m) + 1;
  }
  return 0;
}

std::optional<PageDate> MakeDate(int y, int m, int d) {
  if (y < kMinYear || y > kMaxYear) return std::nullopt;
  const std::chrono::year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  PageDate out;
  out.utc = Timestamp{std::chrono::sys_days{ymd}};
  return out;
}

struct Token {
  bool number = false;
  std::string_view text;
  int value = 0;
  size_t begin = 0, end = 0;
};

std::vector<Token> Tokenize(std::string_view text, size_t limit) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size() && tokens.size() < limit) {
    if (IsDigit(text[i]) || IsAlpha(text[i])) {
      const bool number = IsDigit(text[i]);
      size_t j = i;
      while (j < text.size() && (number ? IsDigit(text[j]) : IsAlpha(text[j]))) ++j;
      Token t{number, text.substr(i, j - i), 0, i, j};
      if (number) {
        if (j - i > 8)
          t.value = -1;
        else
          std::from_chars(text.data() + i, text.data() + j, t.value);
      }
      tokens.push_back(t);
      i = j;
    } else {
      ++i;
    }
  }
  return tokens;
}

// Text between two tokens, e.g. the "-" in 2025-09-04.
std::string_view Gap(std::string_view text, const Token& a, const Token& b) {
  return text.substr(a.end, b.begin - a.end);
}

bool IsOrdinal(std::string_view w) { return w == "st" || w == "nd" || w == "rd" || w == "th"; }

// Reads [T ]HH:MM[:SS][.frac][Z|±HH[:]MM|GMT|UTC] at `pos`; adjusts `date`.
void ReadTime(std::string_view text, size_t pos, PageDate& date) {
  while (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ' || text[pos] == ',' || text[pos] == '@')) ++pos;
  int hms[3] = {0, 0, 0};
  int parts = 0;
  while (parts < 3 && pos + 1 < text.size() && IsDigit(text[pos])) {
    size_t j = pos;
    while (j < text.size() && IsDigit(text[j]) && j - pos < 2) ++j;
    std::from_chars(text.data() + pos, text.data() + j, hms[parts]);
    ++parts;
    pos = j;
    if (parts < 3 && pos < text.size() && text[pos] == ':')
      ++pos;
    else
      break;
  }
  if (parts < 2 || hms[0] > 23 || hms[1] > 59 || hms[2] > 60) return;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && IsDigit(text[pos])) ++pos;
  }
  while (pos < text.size() && text[pos] == ' ') ++pos;
  const std::string_view rest = text.substr(pos);
  if ((rest.starts_with("PM") || rest.starts_with("pm")) && hms[0] < 12) hms[0] += 12;
  if ((rest.starts_with("AM") || rest.starts_with("am")) && hms[0] == 12) hms[0] = 0;
  if (rest.starts_with("AM") || rest.starts_with("PM") || rest.starts_with("am") || rest.starts_with("pm")) {
    pos += 2;
    while (pos < text.size() && text[pos] == ' ') ++pos;
  }
  date.has_time = true;
  date.utc += std::chrono::hours(hms[0]) + std::chrono::minutes(hms[1]) + std::chrono::seconds(hms[2]);
  const std::string_view zone = text.substr(pos);
  if (zone.starts_with("Z") || zone.starts_with("GMT") || zone.starts_with("UTC")) {
    date.offset_minutes = 0;
    pos += zone[0] == 'Z' ? 1 : 3;
  }
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    size_t j = pos + 1;
    int digits[4];
    int n = 0;
    while (j < text.size() && n < 4 && (IsDigit(text[j]) || (text[j] == ':' && n == 2))) {
      if (text[j] != ':') digits[n++] = text[j] - '0';
      ++j;
    }
    if (n == 4 || n == 2) {
      const int minutes = (digits[0] * 10 + digits[1]) * 60 + (n == 4 ? digits[2] * 10 + digits[3] : 0);
      if (minutes <= 14 * 60) date.offset_minutes = sign * minutes;
    }
  }
  if (date.offset_minutes) date.utc -= std::chrono::minutes(*date.offset_minutes);
}

struct Found {
  PageDate date;
  size_t end = 0;  // byte offset just after the date
};

std::optional<Found> ScanTokens(std::string_view text, const std::vector<Token>& t) {
  for (size_t i = 0; i < t.size(); ++i) {
    // 2025-09-04, 2025/09/04, 2025.09.04
    if (t[i].number && t[i].text.size() == 4 && i + 2 < t.size() && t[i + 1].number && t[i + 2].number) {
      const std::string_view g1 = Gap(text, t[i], t[i + 1]);
      const std::string_view g2 = Gap(text, t[i + 1], t[i + 2]);
      if (g1.size() == 1 && g1 == g2 && (g1 == "-" || g1 == "/" || g1 == ".") && t[i + 2].text.size() <= 2) {
        if (auto d = MakeDate(t[i].value, t[i + 1].value, t[i + 2].value)) return Found{*d, t[i + 2].end};
      }
    }
    // September 4, 2025 / Sept. 4th 2025
    if (!t[i].number) {
      if (const int m = MonthFromName(t[i].text); m > 0 && i + 2 < t.size() && t[i + 1].number) {
        size_t y = i + 2;
        if (y < t.size() && !t[y].number && IsOrdinal(t[y].text)) ++y;
        if (y < t.size() && t[y].number && t[y].text.size() == 4 && Gap(text, t[i], t[i + 1]).size() <= 3 &&
            Gap(text, t[y - 1], t[y]).size() <= 3) {
          if (auto d = MakeDate(t[y].value, m, t[i + 1].value)) return Found{*d, t[y].end};
        }
      }
      continue;
    }
    // 4 September 2025 / 4th of Sept, 2025
    if (t[i].text.size() <= 2 && i + 2 < t.size()) {
      size_t k = i + 1;
      if (!t[k].number && IsOrdinal(t[k].text)) ++k;
      if (k < t.size() && !t[k].number && t[k].text == "of") ++k;
      if (k + 1 < t.size() && !t[k].number && t[k + 1].number && t[k + 1].text.size() == 4) {
        if (const int m = MonthFromName(t[k].text); m > 0 && Gap(text, t[k], t[k + 1]).size() <= 3) {
          if (auto d = MakeDate(t[k + 1].value, m, t[i].value)) return Found{*d, t[k + 1].end};
        }
      }
    }
    // 04.09.2025 (day first) or 09/04/2025 (US, month first unless impossible)
    if (t[i].text.size() <= 2 && i + 2 < t.size() && t[i + 1].number && t[i + 1].text.size() <= 2 && t[i + 2].number &&
        t[i + 2].text.size() == 4) {
      const std::string_view g1 = Gap(text, t[i], t[i + 1]);
      const std::string_view g2 = Gap(text, t[i + 1], t[i + 2]);
      if (g1.size() == 1 && g1 == g2 && (g1 == "." || g1 == "/" || g1 == "-")) {
        int d = t[i].value, m = t[i + 1].value;
        if (g1 == "/" && m <= 12 && d <= 12)
          std::swap(d, m);
        else if (m > 12)
          std::swap(d, m);
        if (auto date = MakeDate(t[i + 2].value, m, d)) return Found{*date, t[i + 2].end};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<PageDate> ParsePageDate(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty() || text.size() > 200) return std::nullopt;
  // Unix seconds, as some CMS meta tags carry.
  if (text.size() == 10 && std::all_of(text.begin(), text.end(), IsDigit)) {
    long long s = 0;
    std::from_chars(text.data(), text.data() + text.size(), s);
    PageDate d;
    d.utc = Timestamp{std::chrono::seconds{s}};
    d.offset_minutes = 0;
    d.has_time = true;
    return d;
  }
  if (text.size() == 8 && std::all_of(text.begin(), text.end(), IsDigit)) {
    int v = 0;
    std::from_chars(text.data(), text.data() + 8, v);
    return MakeDate(v / 10000, v / 100 % 100, v % 100);
  }
  // YYYY-MM alone: the month's first day (rare, but some pages only give that).
  if (text.size() == 7 && IsDigit(text[0]) && text[4] == '-') {
    int y = 0, m = 0;
    std::from_chars(text.data(), text.data() + 4, y);
    std::from_chars(text.data() + 5, text.data() + 7, m);
    return MakeDate(y, m, 1);
  }
  const std::vector<Token> tokens = Tokenize(text, 40);
  auto found = ScanTokens(text, tokens);
  if (!found) return std::nullopt;
  ReadTime(text, found->end, found->date);
  return found->date;
}

std::optional<PageDate> FindDateInText(std::string_view text) {
  if (text.size() > 4000) text = text.substr(0, 4000);
  auto found = ScanTokens(text, Tokenize(text, 800));
  if (!found) return std::nullopt;
  return found->date;
}

std::optional<PageDate> DateFromUrl(std::string_view url) {
  const size_t scheme = url.find("://");
  size_t pos = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (pos == std::string_view::npos) return std::nullopt;
  std::string_view path = url.substr(pos);
  if (const size_t q = path.find_first_of("?#"); q != std::string_view::npos) path = path.substr(0, q);
  for (size_t i = 0; i + 10 <= path.size(); ++i) {
    if (path[i] != '/' || !IsDigit(path[i + 1])) continue;
    // /YYYY/MM/DD or /YYYY-MM-DD
    const std::string_view s = path.substr(i + 1);
    int y = 0, m = 0, d = 0;
    if (s.size() >= 10 && (s[4] == '/' || s[4] == '-') && s[7] == s[4] && IsDigit(s[5]) && IsDigit(s[8]) &&
        IsDigit(s[9]) && (s.size() == 10 || !IsDigit(s[10]))) {
      std::from_chars(s.data(), s.data() + 4, y);
      std::from_chars(s.data() + 5, s.data() + 7, m);
      std::from_chars(s.data() + 8, s.data() + 10, d);
      if (auto date = MakeDate(y, m, d)) return date;
    }
    // /YYYY/october/03/
    if (s.size() >= 10 && s[4] == '/' && std::all_of(s.begin(), s.begin() + 4, IsDigit)) {
      const size_t slash = s.find('/', 5);
      if (slash != std::string_view::npos && slash + 3 <= s.size() && IsDigit(s[slash + 1]) && IsDigit(s[slash + 2]) &&
          (slash + 3 == s.size() || !IsDigit(s[slash + 3]))) {
        if (const int m = MonthFromName(s.substr(5, slash - 5)); m > 0) {
          std::from_chars(s.data(), s.data() + 4, y);
          std::from_chars(s.data() + slash + 1, s.data() + slash + 3, d);
          if (auto date = MakeDate(y, m, d)) return date;
        }
      }
    }
    // /YYYYMMDD/ or /YYYYMMDD-slug
    if (s.size() >= 8 && std::all_of(s.begin(), s.begin() + 8, IsDigit) && (s.size() == 8 || !IsDigit(s[8]))) {
      int v = 0;
      std::from_chars(s.data(), s.data() + 8, v);
      if (auto date = MakeDate(v / 10000, v / 100 % 100, v % 100)) return date;
    }
  }
  return std::nullopt;
}

std::string FormatPageDate(const PageDate& date) {
  if (!date.offset_minutes || *date.offset_minutes == 0) return FormatRfc3339(date.utc);
  const int off = *date.offset_minutes;
  std::string local = FormatRfc3339(date.utc + std::chrono::minutes(off));
  local.pop_back();  // the "Z"
  char zone[32];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", off < 0 ? '-' : '+', std::abs(off) / 60, std::abs(off) % 60);
  return local + zone;
}

}  // namespace newsmon::article
