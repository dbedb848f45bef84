#include "feed/dates.h"

#include <array>
#include <cctype>
#include <chrono>
#include <string>
#include <vector>

namespace newsmon::feed {
namespace {

using namespace std::chrono;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<Timestamp> Build(int y, int mo, int d, int h, int mi, int s, int offset_minutes) {
  if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  if (h < 0 || h > 24 || mi < 0 || mi > 59 || s < 0 || s > 61) return std::nullopt;
  if (h == 24 && (mi != 0 || s != 0)) return std::nullopt;
  if (s >= 60) s = 59;  // leap second: keep it in its minute
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  const sys_seconds t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s};
  return t - minutes{offset_minutes};
}

int Month(std::string_view name) {
  static const std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  const std::string l = Lower(name.substr(0, 3));
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (l == kMonths[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool IsDayName(std::string_view name) {
  static const std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  if (name.size() < 3) return false;
  const std::string l = Lower(name.substr(0, 3));
  for (const char* d : kDays) {
    if (l == d) return true;
  }
  return false;
}

// Zone names in minutes east of UTC; military letters per RFC 822.
std::optional<int> NamedZone(std::string_view name) {
  static const std::pair<const char*, int> kZones[] = {
      {"ut", 0},      {"utc", 0},    {"gmt", 0},    {"z", 0},      {"wet", 0},    {"bst", 60},   {"cet", 60},
      {"cest", 120},  {"met", 60},   {"mest", 120}, {"eet", 120},  {"eest", 180}, {"est", -300}, {"edt", -240},
      {"cst", -360},  {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420}, {"akst", -540},
      {"akdt", -480}, {"hst", -600}, {"ast", -240}, {"adt", -180}, {"nst", -210}, {"ndt", -150}, {"et", -300},
      {"ct", -360},   {"mt", -420},  {"pt", -480},  {"jst", 540},  {"kst", 540},  {"ist", 330},  {"msk", 180},
      {"aest", 600},  {"aedt", 660}, {"acst", 570}, {"awst", 480}, {"nzst", 720}, {"nzdt", 780}, {"sgt", 480},
      {"hkt", 480},
  };
  const std::string l = Lower(name);
  for (const auto& [n, off] : kZones) {
    if (l == n) return off;
  }
  if (l.size() == 1 && l[0] >= 'a' && l[0] <= 'z' && l[0] != 'j') {
    const char c = l[0];
    if (c <= 'i') return -(c - 'a' + 1) * 60;
    if (c <= 'm') return -(c - 'a') * 60;  // k=-10, l=-11, m=-12
    return (c - 'n' + 1) * 60;             // n=+1 .. y=+12
  }
  return std::nullopt;
}

// "+0530", "-05:00", "+05", "-5" -> minutes east.
std::optional<int> NumericZone(std::string_view z) {
  if (z.size() < 2 || (z[0] != '+' && z[0] != '-')) return std::nullopt;
  const int sign = z[0] == '-' ? -1 : 1;
  std::string digits;
  for (char c : z.substr(1)) {
    if (IsDigit(c)) {
      digits += c;
    } else if (c != ':') {
      return std::nullopt;
    }
  }
  int h = 0;
  int m = 0;
  if (digits.size() <= 2 && !digits.empty()) {
    h = ToInt(digits);
  } else if (digits.size() == 3 || digits.size() == 4) {
    h = ToInt(std::string_view(digits).substr(0, digits.size() - 2));
    m = ToInt(std::string_view(digits).substr(digits.size() - 2));
  } else {
    return std::nullopt;
  }
  if (h > 14 || m > 59) return std::nullopt;
  return sign * (h * 60 + m);
}

int FixYear(std::string_view digits) {
  int y = ToInt(digits);
  if (digits.size() <= 2)
    y += y < 50 ? 2000 : 1900;
  else if (digits.size() == 3)
    y += 1900;
  return y;
}

// "HH:MM[:SS[.frac]]" possibly glued to a zone ("10:00:00+0100", "10:00Z").
bool ParseClock(std::string_view t, int& h, int& mi, int& s, std::string& zone_rest) {
  std::vector<std::string_view> parts;
  size_t i = 0;
  size_t start = 0;
  for (; i < t.size(); ++i) {
    if (t[i] == ':') {
      parts.push_back(t.substr(start, i - start));
      start = i + 1;
    } else if (!IsDigit(t[i]) && t[i] != '.') {
      break;
    }
  }
  parts.push_back(t.substr(start, i - start));
  zone_rest = std::string(t.substr(i));
  if (parts.size() < 2 || parts.size() > 3) return false;
  std::string_view sec = parts.size() == 3 ? parts[2] : "0";
  sec = sec.substr(0, sec.find('.'));
  if (!AllDigits(parts[0]) || !AllDigits(parts[1]) || !AllDigits(sec)) return false;
  if (parts[0].size() > 2 || parts[1].size() > 2 || sec.size() > 2) return false;
  h = ToInt(parts[0]);
  mi = ToInt(parts[1]);
  s = ToInt(sec);
  return true;
}

}  // namespace

std::optional<Timestamp> ParseRfc822Date(std::string_view text) {
  // Tokens split on space, comma and dashes between date parts ("01-Jan-2004").
  std::vector<std::string> tokens;
  std::string cur;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash_sep =
        c == '-' && !cur.empty() && i + 1 < text.size() && (IsAlpha(text[i + 1]) || IsAlpha(cur.back()));
    const bool slash_sep = c == '/';
    if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r' || dash_sep || slash_sep) {
      if (!cur.empty()) tokens.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) tokens.push_back(std::move(cur));
  size_t k = 0;
  if (k < tokens.size() && IsAlpha(tokens[k][0]) && IsDayName(tokens[k]) && !Month(tokens[k])) ++k;
  if (k < tokens.size() && tokens[k] == ".") ++k;
  int d = 0;
  int mo = 0;
  int y = 0;
  // "10 Jun 2003" or "Jun 10 2003" (asctime-like; the year may follow the time).
  std::string year_token;
  if (k + 1 < tokens.size() && AllDigits(tokens[k]) && Month(tokens[k + 1])) {
    d = ToInt(tokens[k]);
    mo = Month(tokens[k + 1]);
    k += 2;
  } else if (k + 1 < tokens.size() && Month(tokens[k]) && AllDigits(tokens[k + 1])) {
    mo = Month(tokens[k]);
    d = ToInt(tokens[k + 1]);
    k += 2;
  } else {
    return std::nullopt;
  }
  if (k < tokens.size() && AllDigits(tokens[k]) && tokens[k].size() <= 4) {
    year_token = tokens[k++];
  }
  int h = 0;
  int mi = 0;
  int s = 0;
  std::string zone;
  if (k < tokens.size() && tokens[k].find(':') != std::string::npos) {
    if (!ParseClock(tokens[k], h, mi, s, zone)) return std::nullopt;
    ++k;
  }
  if (year_token.empty() && k < tokens.size() && AllDigits(tokens[k]) && tokens[k].size() == 4)
    year_token = tokens[k++];
  if (year_token.empty()) return std::nullopt;
  y = FixYear(year_token);
  if (zone.empty() && k < tokens.size()) zone = tokens[k++];
  // "GMT+0100", "UTC-5": a named base plus an offset.
  int offset = 0;
  if (!zone.empty()) {
    std::string z = zone;
    if (z.size() > 3 && (Lower(z.substr(0, 3)) == "gmt" || Lower(z.substr(0, 3)) == "utc") &&
        (z[3] == '+' || z[3] == '-')) {
      z = z.substr(3);
    }
    if (z.front() == '(') z.clear();
    if (!z.empty() && (z.front() == '+' || z.front() == '-')) {
      // A following token may complete it ("+05 30" is rare; ignore).
      auto n = NumericZone(z);
      if (!n) return std::nullopt;
      offset = *n;
    } else if (!z.empty()) {
      auto n = NamedZone(z);
      if (!n) {
        if (AllDigits(z) && z.size() == 4) {
          offset = 0;  // "1200" after the time without a sign: treat as a year we already have
        } else {
          return std::nullopt;
        }
      } else {
        offset = *n;
      }
    }
  }
  return Build(y, mo, d, h, mi, s, offset);
}

std::optional<Timestamp> ParseIso8601Date(std::string_view t) {
  size_t i = 0;
  auto digits = [&](size_t n) -> std::optional<int> {
    if (i + n > t.size()) return std::nullopt;
    for (size_t k = 0; k < n; ++k) {
      if (!IsDigit(t[i + k])) return std::nullopt;
    }
    const int v = ToInt(t.substr(i, n));
    i += n;
    return v;
  };
  auto y = digits(4);
  if (!y) return std::nullopt;
  int mo = 1;
  int d = 1;
  bool compact = false;
  if (i < t.size() && t[i] == '-') {
    ++i;
    auto m = digits(2);
    if (!m) return std::nullopt;
    mo = *m;
    if (i < t.size() && t[i] == '-') {
      ++i;
      auto dd = digits(2);
      if (!dd) return std::nullopt;
      d = *dd;
    }
  } else if (i + 4 <= t.size() && IsDigit(t[i])) {
    compact = true;
    auto m = digits(2);
    auto dd = digits(2);
    if (!m || !dd) return std::nullopt;
    mo = *m;
    d = *dd;
  }
  int h = 0;
  int mi = 0;
  int s = 0;
  int offset = 0;
  if (i < t.size() && (t[i] == 'T' || t[i] == 't' || t[i] == ' ')) {
    ++i;
    auto hh = digits(2);
    if (!hh) return std::nullopt;
    h = *hh;
    if (i < t.size() && t[i] == ':') ++i;
    auto mm = digits(2);
    if (!mm) return std::nullopt;
    mi = *mm;
    if (i < t.size() && (t[i] == ':' || (compact && IsDigit(t[i])))) {
      if (t[i] == ':') ++i;
      auto ss = digits(2);
      if (!ss) return std::nullopt;
      s = *ss;
    }
    if (i < t.size() && (t[i] == '.' || t[i] == ',')) {
      ++i;
      while (i < t.size() && IsDigit(t[i])) ++i;
    }
    while (i < t.size() && t[i] == ' ') ++i;
    if (i < t.size()) {
      const std::string_view z = t.substr(i);
      if (z == "Z" || z == "z") {
        offset = 0;
      } else if (auto n = NumericZone(z)) {
        offset = *n;
      } else if (auto named = NamedZone(z)) {
        offset = *named;
      } else {
        return std::nullopt;
      }
      i = t.size();
    }
  }
  while (i < t.size() && t[i] == ' ') ++i;
  if (i != t.size()) return std::nullopt;
  return Build(*y, mo, d, h, mi, s, offset);
}

std::optional<Timestamp> ParseFeedDate(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty() || text.size() > 100) return std::nullopt;
  if (text.size() >= 4 && AllDigits(text.substr(0, 4))) {
    if (auto t = ParseIso8601Date(text)) return t;
  }
  return ParseRfc822Date(text);
}

}  // namespace newsmon::feed
