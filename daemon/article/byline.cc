#include "article/byline.h"

#include <algorithm>
#include <array>

#include "util/text.h"

namespace newsmon::article {
namespace {

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Words a site adds to its own name when it signs a page.
constexpr std::array<std::string_view, 10> kSiteSuffixes = {"blog", "team",   "staff", "editors", "editorial",
                                                            "news", "online", "media", "desk",    "contributor"};

}  // namespace

// Two to four words, each a capital followed by lower-case letters ("Gary
// Marcus", "Jean-Luc Picard"), none of them a word organisations use.
bool LooksLikePersonName(std::string_view name) {
  static constexpr std::array<std::string_view, 16> kOrgWords = {
      "Clinic", "Foundation", "Association", "Institute", "University", "Center", "Centre", "Council",
      "Group",  "News",       "Media",       "Team",      "Staff",      "Press",  "Times",  "The"};
  int words = 0;
  size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && name[i] == ' ') ++i;
    if (i == name.size()) break;
    const size_t start = i;
    while (i < name.size() && name[i] != ' ') ++i;
    const std::string_view word = name.substr(start, i - start);
    if (std::find(kOrgWords.begin(), kOrgWords.end(), word) != kOrgWords.end()) return false;
    if (word.size() < 2 || !IsAsciiUpper(word[0])) return false;
    const bool lower_after = std::any_of(word.begin() + 1, word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!lower_after) return false;
    ++words;
  }
  return words >= 2 && words <= 4;
}

std::string NameKey(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (IsAsciiAlnum(c)) {
      key += AsciiLowerChar(c);
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      key += c;  // non-ASCII letters are kept as written
    }
  }
  return key;
}

SiteNames SiteNameKeys(const std::vector<std::string>& stated_names, std::string_view page_url) {
  SiteNames site;
  auto add = [](std::vector<std::string>& keys, std::string key) {
    if (key.size() >= 3 && std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  };
  for (const auto& n : stated_names) add(site.stated, NameKey(n));
  std::string_view host = page_url;
  if (const size_t scheme = host.find("://"); scheme != std::string_view::npos) host.remove_prefix(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#:"));
  std::vector<std::string_view> labels;
  while (!host.empty()) {
    const size_t dot = host.find('.');
    labels.push_back(host.substr(0, dot));
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  // The last label is the public suffix; so is a short second-to-last one
  // ("co.uk", "com.au").
  size_t usable = labels.size() > 1 ? labels.size() - 1 : 0;
  if (usable >= 2 && labels[usable - 1].size() <= 3) --usable;
  for (size_t i = 0; i < usable; ++i) {
    if (labels[i] != "www" && labels[i] != "m" && labels[i] != "amp") add(site.host, NameKey(labels[i]));
  }
  return site;
}

bool IsSiteName(std::string_view name, const SiteNames& site) {
  const std::string key = NameKey(name);
  if (key.empty()) return false;
  auto matches = [&](const std::vector<std::string>& keys) {
    for (const auto& k : keys) {
      if (key == k) return true;
      if (!key.starts_with(k)) continue;
      const std::string_view rest = std::string_view(key).substr(k.size());
      if (std::find(kSiteSuffixes.begin(), kSiteSuffixes.end(), rest) != kSiteSuffixes.end()) return true;
    }
    return false;
  };
  return matches(site.stated) || (matches(site.host) && !LooksLikePersonName(name));
}

std::vector<std::string> SplitByline(std::string_view byline_in) {
  std::string s = CollapseWhitespace(byline_in);
  // Cut at the first date-like or separator part: "Jane Doe | May 4, 2025", "Jane Doe • 5 min read".
  for (const char* cut : {" | ", " • ", " · ", "\u2022", " — ", " - ", "Published", "Updated", "Posted on", "On "}) {
    if (const size_t p = s.find(cut); p != std::string::npos && p > 0) s.resize(p);
  }
  std::vector<std::string> names;
  // Leading "By", "Written by", "Author:" and the like.
  for (const char* prefix : {"written and reviewed by ", "written by ", "posted by ", "reviewed by ", "words by ",
                             "author: ", "authors: ", "by: ", "by ", "par ", "von ", "por "}) {
    const std::string_view label = std::string_view(prefix).substr(0, std::string_view(prefix).size() - 1);
    const std::string lower = AsciiLower(s);
    if (lower.starts_with(prefix) || (lower.starts_with(label) && lower.size() > label.size() + 1 &&
                                      lower[label.size()] == ':' && lower[label.size() + 1] == ' ')) {
      s.erase(0, lower.starts_with(prefix) ? std::string_view(prefix).size() : label.size() + 2);
      break;
    }
  }
  if (const size_t p = AsciiLower(s).find(" by "); p != std::string::npos && p < 30) s.erase(0, p + 4);
  std::string current;
  auto flush = [&] {
    std::string n = CollapseWhitespace(current);
    while (!n.empty() && (n.back() == ',' || n.back() == '.' || n.back() == ':')) n.pop_back();
    if (!n.empty()) names.push_back(n);
    current.clear();
  };
  size_t i = 0;
  while (i < s.size()) {
    const std::string_view rest = std::string_view(s).substr(i);
    if (rest.starts_with(", ") || rest.starts_with(";") || rest.starts_with(" & ") || rest.starts_with(" and ") ||
        rest.starts_with(" And ") || rest.starts_with(" und ") || rest.starts_with(" et ")) {
      flush();
      i += rest.starts_with(" and ") || rest.starts_with(" And ") || rest.starts_with(" und ") ? 5
           : rest.starts_with(" & ") || rest.starts_with(" et ")                               ? 3
           : rest.starts_with(", ")                                                            ? 2
                                                                                               : 1;
      continue;
    }
    current += s[i++];
  }
  flush();
  return names;
}

bool IsPageChrome(std::string_view name) {
  const std::string_view trimmed = TrimAscii(name);
  if (trimmed.empty()) return true;
  if (trimmed.find("{{") != std::string_view::npos || trimmed.find("${") != std::string_view::npos) return true;
  // "page.head.extra.author": a template's identifier, not a name.
  const bool spaced = trimmed.find(' ') != std::string_view::npos;
  if (!spaced && std::count(trimmed.begin(), trimmed.end(), '.') >= 2 && trimmed.find('@') == std::string_view::npos &&
      std::none_of(trimmed.begin(), trimmed.end(), IsAsciiUpper)) {
    return true;
  }
  // A lower-case list ("industry, role") is a set of labels; a lower-case
  // name or handle ("kirstin boatto", "whova") is still someone.
  const bool ascii =
      std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii && trimmed.find(',') != std::string_view::npos &&
      std::none_of(trimmed.begin(), trimmed.end(), IsAsciiUpper)) {
    return true;
  }
  // Compared without spaces: "Log in" and "Login" are one label.
  static constexpr std::array<std::string_view, 42> kChrome = {
      "login",     "signin",     "signup",   "logout",   "learnmore", "readmore", "more",
      "writtenby", "authoredby", "postedby", "author",   "authors",   "by",       "meettheteam",
      "ourteam",   "about",      "aboutus",  "contact",  "contactus", "share",    "menu",
      "home",      "twitter",    "x",        "facebook", "youtube",   "tiktok",   "instagram",
      "linkedin",  "pinterest",  "bluesky",  "threads",  "reddit",    "medium",   "mastodon",
      "telegram",  "whatsapp",   "email",    "gmail",    "subscribe", "name",     "videos"};
  std::string key;
  for (char c : trimmed) {
    if (c != ' ') key += AsciiLowerChar(c);
  }
  // A form's field label: "Name *", "Author:".
  while (!key.empty() && (key.back() == '*' || key.back() == ':')) key.pop_back();
  if (std::find(kChrome.begin(), kChrome.end(), key) != kChrome.end()) return true;
  static constexpr std::array<std::string_view, 15> kDays = {"monday",   "tuesday", "wednesday", "thursday", "friday",
                                                             "saturday", "sunday",  "mon",       "tue",      "tues",
                                                             "wed",      "thu",     "fri",       "sat",      "sun"};
  return std::find(kDays.begin(), kDays.end(), key) != kDays.end();
}

}  // namespace newsmon::article
