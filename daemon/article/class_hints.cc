#include "article/class_hints.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

namespace newsmon::article {
namespace {

// A class token on this many elements is layout vocabulary, not a role.
constexpr int kFrameworkTokenUses = 15;

// Readability's vocabulary, extended with boxes that modern pages add.
constexpr std::array<std::string_view, 51> kUnlikely = {
    "-ad-",       "ai2html",         "banner",     "breadcrumb", "combx",      "comment",    "community",
    "cover-wrap", "disqus",          "extra",      "footer",     "gdpr",       "header",     "legends",
    "menu",       "related",         "remark",     "replies",    "rss",        "shoutbox",   "sidebar",
    "skyscraper", "social",          "sponsor",    "supplement", "ad-break",   "agegate",    "pagination",
    "pager",      "popup",           "yom-remote", "cookie",     "consent",    "newsletter", "subscribe",
    "share",      "sharing",         "promo",      "recommend",  "outbrain",   "taboola",    "signup",
    "sign-up",    "modal",           "toolbar",    "skip-link",  "author-bio", "navbar",     "author-box",
    "authorbox",  "about-the-author"};
constexpr std::array<std::string_view, 9> kMaybe = {"and",  "article", "body",   "column", "content",
                                                    "main", "mathjax", "shadow", "entry"};
constexpr std::array<std::string_view, 29> kNegative = {
    "-ad-",       "banner",    "combx",      "comment",  "com-",     "contact", "footer", "gdpr",
    "masthead",   "media",     "meta",       "outbrain", "promo",    "related", "scroll", "share",
    "shoutbox",   "sidebar",   "skyscraper", "sponsor",  "shopping", "tags",    "widget", "caption",
    "newsletter", "subscribe", "cookie",     "byline",   "author"};
constexpr std::array<std::string_view, 15> kPositive = {"article", "body", "content", "entry",      "hentry",
                                                        "h-entry", "main", "page",    "pagination", "post",
                                                        "text",    "blog", "story",   "prose",      "rich-text"};
// Chrome words that name a box's role, not its layout: never the story.
constexpr std::array<std::string_view, 12> kRoleNegative = {"author",    "byline", "comment", "related",
                                                            "share",     "footer", "sidebar", "newsletter",
                                                            "subscribe", "promo",  "sponsor", "outbrain"};
// Always boilerplate, whatever else the class says.
constexpr std::array<std::string_view, 8> kAlwaysJunk = {"comment", "disqus",       "cookie",   "newsletter",
                                                         "share-",  "social-share", "outbrain", "taboola"};

// "ad", "ads", "advert" as whole words of a class or id ("ad-slot", "top_ads"),
// which substrings cannot tell from "head" or "load".
bool HasAdWord(std::string_view hints) {
  static constexpr std::array<std::string_view, 9> kAdWords = {
      "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "sponsored"};
  size_t i = 0;
  while (i < hints.size()) {
    while (i < hints.size() && !std::isalnum(static_cast<unsigned char>(hints[i]))) ++i;
    size_t j = i;
    while (j < hints.size() && std::isalnum(static_cast<unsigned char>(hints[j]))) ++j;
    if (j > i && std::find(kAdWords.begin(), kAdWords.end(), hints.substr(i, j - i)) != kAdWords.end()) return true;
    i = j;
  }
  return false;
}

// A class that hides its element. Utility-class frameworks say "hidden" of
// what they clip ("overflow-hidden") or show from some width on ("hidden
// md:block"); neither hides the text.
bool ClassHides(std::string_view cls) {
  if (cls.find("hidden") == std::string_view::npos) return false;
  bool hides = false;
  size_t i = 0;
  while (i < cls.size()) {
    while (i < cls.size() && cls[i] == ' ') ++i;
    size_t j = cls.find(' ', i);
    if (j == std::string_view::npos) j = cls.size();
    const std::string_view token = cls.substr(i, j - i);
    i = j;
    if (token.empty()) continue;
    const size_t colon = token.rfind(':');
    if (colon != std::string_view::npos) {
      const std::string_view shown = token.substr(colon + 1);
      if (shown == "block" || shown == "flex" || shown == "grid" || shown == "inline" || shown == "inline-block" ||
          shown == "table") {
        return false;
      }
      continue;
    }
    if (token.find("hidden") == std::string_view::npos || token.starts_with("overflow")) continue;
    hides = true;
  }
  return hides;
}

template <typename F>
void ForEachToken(std::string_view s, F&& f) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) f(s.substr(i, j - i));
    i = j;
  }
}

bool ContainsAny(std::string_view s, auto const& words) {
  for (std::string_view w : words) {
    if (s.find(w) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

bool FrameworkTokens::Contains(std::string_view token) const {
  auto [it, inserted] = known_.try_emplace(token, false);
  if (inserted) it->second = dom_.CountClassToken(token) >= kFrameworkTokenUses;
  return it->second;
}

bool IsUnlikelyBox(std::string_view hints) {
  if (ContainsAny(hints, kAlwaysJunk) || HasAdWord(hints)) return true;
  return ContainsAny(hints, kUnlikely) && !ContainsAny(hints, kMaybe);
}

int HintWeight(std::string_view class_or_id, const FrameworkTokens& layout) {
  // Token by token only when the whole string names chrome at all: this
  // runs for every scored element.
  bool negative = false;
  if (ContainsAny(class_or_id, kNegative)) {
    ForEachToken(class_or_id, [&](std::string_view token) {
      if (!negative && ContainsAny(token, kNegative) && !layout.Contains(token)) negative = true;
    });
  }
  int w = 0;
  if (negative || ClassHides(class_or_id)) w -= 25;
  if (ContainsAny(class_or_id, kPositive)) w += 25;
  return w;
}

bool NamesBoxRole(std::string_view hints) { return ContainsAny(hints, kRoleNegative); }

}  // namespace newsmon::article
