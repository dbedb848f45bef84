#include "article/headline.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "article/dates.h"
#include "article/meta_text.h"
#include "util/text.h"

namespace newsmon::article {
namespace {

// A title the page states about itself, with the site name removed.
struct Stated {
  std::string text;
  std::string key;       // MatchKey(text)
  std::string full;      // as written, site name kept
  std::string full_key;  // MatchKey(full)
};

constexpr size_t kMaxHeadlineChars = 400;
// An <h1> that shares less than this share of its words with every stated
// title is a section label or a tagline ("Our blog", "Web designs").
constexpr double kMinSharedWords = 0.35;

long Words(std::string_view s) { return std::count(s.begin(), s.end(), ' ') + 1; }

bool IsChromeHeading(std::string_view text) {
  const std::string lower = AsciiLower(text);
  return lower.find("menu") != std::string::npos || lower == "select an option" || lower == "search" ||
         lower == "navigation" || std::count(text.begin(), text.end(), ' ') == 0;
}

// Lower-case words of two or more characters, function words left out.
std::vector<std::string> ContentWords(std::string_view s) {
  static constexpr std::array<std::string_view, 52> kFunctionWords = {
      "an",   "the",   "of",  "for", "to",    "in",   "on",     "and",  "or",   "with", "by",   "at",    "from",
      "your", "our",   "my",  "is",  "are",   "how",  "what",   "why",  "you",  "this", "that", "it",    "as",
      "be",   "do",    "can", "its", "which", "one",  "should", "get",  "does", "much", "will", "about", "into",
      "when", "where", "who", "we",  "their", "they", "was",    "were", "has",  "have", "not",  "but",   "if"};
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 2 && std::find(kFunctionWords.begin(), kFunctionWords.end(), word) == kFunctionWords.end())
      words.push_back(word);
    word.clear();
  };
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80)
      word += static_cast<char>(std::tolower(c));
    else
      flush();
  }
  flush();
  return words;
}

double SharedWords(std::string_view h1, const std::vector<Stated>& stated) {
  const std::vector<std::string> words = ContentWords(h1);
  if (words.empty()) return 1.0;
  std::vector<std::string> known;
  for (const Stated& t : stated) {
    for (std::string& w : ContentWords(t.full)) known.push_back(std::move(w));
  }
  const long shared =
      std::count_if(words.begin(), words.end(), [&](const std::string& w) { return std::ranges::count(known, w) > 0; });
  return static_cast<double>(shared) / static_cast<double>(words.size());
}

// "SUPPORTING OUR CLIENTS": an <h1> typed in capitals, which has lost the
// case of its words. Headlines shown in capitals are mostly styled so by CSS
// and keep their case in the text.
bool IsTypedInCapitals(std::string_view h1) {
  constexpr long kMinCapitals = 8;
  long upper = 0, other = 0;
  for (unsigned char c : h1) {
    if (std::islower(c)) return false;
    if (std::isupper(c)) {
      ++upper;
    } else if (c != ' ') {
      ++other;
    }
  }
  return upper >= kMinCapitals && upper >= other;
}

// A visible headline with a " | Section" tail, or entities escaped twice.
std::string CleanHeadline(const std::string& h1) {
  std::string out = DecodeEntities(h1);
  if (const size_t bar = out.find(" | ");
      bar != std::string::npos && std::count(out.begin(), out.begin() + bar, ' ') >= 1) {
    out.resize(bar);
  }
  return out;
}

// "Posted on July 1, 2024 by Ann Lee": a byline with its date, which broken
// markup can put inside the <h1>.
bool IsDateline(std::string_view text) {
  constexpr long kMaxDatelineWords = 12;
  const std::string lower = AsciiLower(text);
  const bool labelled = lower.starts_with("posted") || lower.starts_with("published") || lower.starts_with("updated") ||
                        lower.starts_with("by ") || lower.starts_with("written");
  return labelled && Words(text) <= kMaxDatelineWords && FindDateInText(text).has_value();
}

// Whether `shown` is `stated` with characters lost to a broken encoding:
// each '?' (or U+FFFD) in it stands for one to three bytes of `stated`
// ("Beginner?s Guide" for "Beginner's Guide"). Case is ignored.
bool LostCharacters(std::string_view shown, std::string_view stated, int budget = 8) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  while (!shown.empty()) {
    const size_t mark = shown.starts_with(kReplacement) ? kReplacement.size() : shown.front() == '?' ? 1 : 0;
    if (mark > 0) {
      if (--budget < 0) return false;
      for (size_t lost = 1; lost <= 3 && lost <= stated.size(); ++lost) {
        if (LostCharacters(shown.substr(mark), stated.substr(lost), budget)) return true;
      }
      return false;
    }
    if (stated.empty() || std::tolower(static_cast<unsigned char>(shown.front())) !=
                              std::tolower(static_cast<unsigned char>(stated.front()))) {
      return false;
    }
    shown.remove_prefix(1);
    stated.remove_prefix(1);
  }
  return stated.empty();
}

bool HasLostCharacters(std::string_view h1) {
  const size_t q = h1.find('?');
  return h1.find("\xEF\xBF\xBD") != std::string_view::npos || (q != std::string_view::npos && q + 1 < h1.size());
}

// "Blog: Headline", "Dec 18 2025 Headline", "Headline (example.com) 87": the
// stated headline inside an <h1> with a label, a date or a source and a
// comment count around it. Longer additions are a fuller headline.
bool WrapsWithChrome(std::string_view h1, std::string_view stated) {
  const std::string lower = AsciiLower(h1), inner = AsciiLower(stated);
  if (inner.size() < 8) return false;
  const size_t at = lower.find(inner);
  if (at == std::string::npos) return false;
  const std::string_view before = TrimAscii(std::string_view(h1).substr(0, at));
  const std::string_view after = TrimAscii(std::string_view(h1).substr(at + inner.size()));
  if (!before.empty() && !after.empty()) return false;
  const std::string_view extra = before.empty() ? after : before;
  if (extra.empty()) return false;
  const long words = std::count(extra.begin(), extra.end(), ' ') + 1;
  if (!before.empty() && extra.back() == ':' && words <= 2) return true;
  if (words <= 4 && FindDateInText(extra)) return true;
  if (!after.empty() && IsDateline(extra)) return true;
  if (!after.empty() && extra.front() == '(') {
    const size_t close = extra.find(')');
    if (close == std::string_view::npos) return false;
    const std::string_view rest = TrimAscii(extra.substr(close + 1));
    return std::all_of(rest.begin(), rest.end(), [](unsigned char c) { return std::isdigit(c); });
  }
  return false;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string joined;
  for (const auto& p : parts) joined += (joined.empty() ? "" : std::string(sep)) + p;
  return joined;
}

constexpr std::array<std::string_view, 10> kSeparators = {
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " // ", " : "};

std::vector<std::string> Split(const std::string& title, std::string_view sep) {
  std::vector<std::string> parts;
  size_t start = 0, pos;
  while ((pos = title.find(sep, start)) != std::string::npos) {
    parts.push_back(title.substr(start, pos - start));
    start = pos + sep.size();
  }
  parts.push_back(title.substr(start));
  return parts;
}

// The title without the site's name, when the name (or a part of it) is one
// end of the title; nullopt when the site name is unknown or not there.
std::optional<std::string> WithoutSiteName(const std::string& title, const std::string& site_key) {
  if (site_key.empty()) return std::nullopt;
  // The whole name first: it may itself hold a separator ("Blog - University of X").
  for (std::string_view sep : kSeparators) {
    for (size_t p = title.find(sep); p != std::string::npos; p = title.find(sep, p + 1)) {
      if (MatchKey(title.substr(p + sep.size())) == site_key) return title.substr(0, p);
      if (MatchKey(title.substr(0, p)) == site_key) return title.substr(p + sep.size());
    }
  }
  auto is_site = [&](const std::string& part) {
    const std::string k = MatchKey(part);
    return !k.empty() && (site_key.find(k) != std::string::npos || k.find(site_key) != std::string::npos);
  };
  for (std::string_view sep : kSeparators) {
    const std::vector<std::string> parts = Split(title, sep);
    if (parts.size() < 2) continue;
    if (is_site(parts.back())) return Join({parts.begin(), parts.end() - 1}, sep);
    if (is_site(parts.front())) return Join({parts.begin() + 1, parts.end()}, sep);
  }
  return std::nullopt;
}

// "Title - Subtitle" stated, "<span>Title</span> <span>Subtitle</span>"
// shown: the <h1> is the stated title with the separator between its parts
// left to the layout (two lines on screen, glued in the text).
bool DropsSeparator(std::string_view h1, std::string_view stated) {
  const std::string shown = AsciiLower(CollapseWhitespace(h1)), full = AsciiLower(stated);
  for (std::string_view sep : kSeparators) {
    for (size_t p = full.find(sep); p != std::string::npos; p = full.find(sep, p + 1)) {
      if (full.substr(0, p) + " " + full.substr(p + sep.size()) == shown) return true;
    }
  }
  return false;
}

// "What is X? Our 2026 guide", "History of X | Origin, Facts": the <h1> is
// the head of the stated title, cut off by a question mark, a bar or a dash.
// After a colon the rest is a subtitle, or the <h1> is the blog's name.
bool HeadsStatedTitle(std::string_view h1, std::string_view stated) {
  const std::string head = AsciiLower(h1), full = AsciiLower(stated);
  if (Words(head) < 2 || !full.starts_with(head) || full.size() == head.size()) return false;
  if (head.back() == '?' || head.back() == '!') return true;
  const std::string_view rest = TrimAscii(std::string_view(full).substr(head.size()));
  for (std::string_view mark : {"|", "-", "\u2013", "\u2014", "?", "!"}) {
    if (rest.starts_with(mark)) return true;
  }
  return false;
}

// "Headline – Site" shown in the <h1> itself; only the known site name goes.
std::string StripKnownSiteName(const std::string& h1, std::string_view site_name) {
  const std::optional<std::string> stripped = WithoutSiteName(h1, MatchKey(site_name));
  return stripped && MatchKey(*stripped).size() >= 4 ? *stripped : h1;
}

// "www.example.com:8080" in "https://www.example.com:8080/a", without "www.";
// "" when the URL has no host.
std::string HostOf(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string();
  url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#:"));
  if (const size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  std::string host = AsciiLower(url);
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

// Whether `h1` is the page's own host name ("example.com"), which is the
// site's name shown as a heading.
bool IsOwnHostName(std::string_view h1, std::string_view url) {
  std::string name = AsciiLower(TrimAscii(h1));
  if (name.starts_with("www.")) name.erase(0, 4);
  return name.find('.') != std::string::npos && name == HostOf(url);
}

// The site's host name at one end of a title with only a space between, as
// in "example.com Headline".
std::optional<std::string> WithoutHostName(const std::string& title, std::string_view host) {
  if (title.size() <= host.size() + 1) return std::nullopt;
  const std::string lower = AsciiLower(title), name = AsciiLower(host);
  if (lower.starts_with(name + " ")) return title.substr(host.size() + 1);
  if (lower.ends_with(" " + name)) return title.substr(0, title.size() - host.size() - 1);
  return std::nullopt;
}

std::vector<Stated> StatedTitles(const HeadlineSources& s, const std::string& site_name) {
  std::vector<Stated> out;
  for (const std::string* raw : {&s.structured, &s.stated, &s.title_tag}) {
    if (raw->empty()) continue;
    const std::string decoded = CollapseWhitespace(DecodeEntities(*raw));
    Stated t{StripSiteName(decoded, site_name), "", decoded, MatchKey(decoded)};
    // Only a host name the page shows alone as its <h1> is cut so:
    // "Example.com fined" may be news about the site in og:site_name.
    if (t.text == decoded && s.site_name.empty() && !site_name.empty()) {
      t.text = WithoutHostName(decoded, site_name).value_or(decoded);
    }
    t.key = MatchKey(t.text);
    if (!t.key.empty()) out.push_back(std::move(t));
  }
  return out;
}

// The site's name: the stated one, else an <h1> that is the page's own host
// name.
std::string SiteName(const HeadlineSources& s) {
  if (!s.site_name.empty()) return s.site_name;
  for (const std::string& h1 : s.h1s) {
    if (IsOwnHostName(h1, s.url)) return std::string(TrimAscii(h1));
  }
  return std::string();
}

// The stated title most sources agree on; ties go to the first (JSON-LD,
// then OpenGraph, then <title>).
const Stated* Consensus(const std::vector<Stated>& stated) {
  const Stated* best = nullptr;
  long best_votes = 0;
  for (const Stated& a : stated) {
    const long votes = std::count_if(stated.begin(), stated.end(), [&](const Stated& b) { return b.key == a.key; });
    if (votes > best_votes) {
      best = &a;
      best_votes = votes;
    }
  }
  return best;
}

// The first subheading that is exactly a stated title; with `only`, the
// first subheading if it is exactly that title.
const std::string* StatedSubhead(const HeadlineSources& s, const std::vector<Stated>& stated,
                                 const Stated* only = nullptr) {
  for (const std::string& h : s.subheads) {
    const std::string key = MatchKey(h);
    if (key.size() < 4 || h.size() > kMaxHeadlineChars) continue;
    if (only) return key == only->key ? &h : nullptr;
    for (const Stated& t : stated) {
      if (key == t.key) return &h;
    }
  }
  return nullptr;
}

}  // namespace

std::string PickHeadline(const HeadlineSources& s) {
  const std::string site_name = SiteName(s);
  const std::vector<Stated> stated = StatedTitles(s, site_name);
  const std::string site_key = MatchKey(site_name);
  const Stated* consensus = Consensus(stated);
  // A first subheading that shows the agreed stated title word for word
  // beats an <h1> that is only part of it or worded otherwise: the page shows
  // both at its top, and only the subheading agrees with what the page says
  // its title is. (A later <h2> equal to it is a section of the story.)
  const std::string* stated_subhead = consensus ? StatedSubhead(s, stated, consensus) : nullptr;
  std::vector<std::string> unmatched;
  const Stated* wrapped = nullptr;
  // The visible headline wins when it is most of what the page says its title
  // is; an <h1> that is only a small part of it is the site's name.
  for (const std::string& shown : s.h1s) {
    const std::string h1 = StripKnownSiteName(shown, site_name);
    const std::string key = MatchKey(h1);
    if (key.size() < 4 || h1.size() > kMaxHeadlineChars || key == site_key) continue;
    bool contained = false;
    for (const Stated& t : stated) {
      if (HasLostCharacters(h1) && LostCharacters(h1, t.text)) return t.text;
      if (DropsSeparator(h1, t.text)) return t.text;
      if (key == t.key || key == t.full_key) return CleanHeadline(h1);
      for (const std::string* ref : {&t.key, &t.full_key}) {
        const size_t at = ref->find(key);
        if (at == std::string::npos) continue;
        if (key.size() * 2 >= ref->size() || (at == 0 && HeadsStatedTitle(h1, t.full))) {
          return CleanHeadline(stated_subhead ? *stated_subhead : h1);
        }
        contained = true;
      }
      // An <h1> that is the stated title plus a date, a "Blog:" label or a
      // comment count around it.
      if (!wrapped && WrapsWithChrome(h1, t.text)) wrapped = &t;
    }
    if (!contained && !IsChromeHeading(h1)) unmatched.push_back(h1);
  }
  if (wrapped) return wrapped->text;
  // Pages often have an SEO <title> that differs from the headline shown; the
  // shown one wins unless it has little to do with any stated title.
  if (!unmatched.empty()) {
    const std::string& h1 = unmatched.front();
    if (stated_subhead) return CleanHeadline(*stated_subhead);
    // An <h1> in capitals that matches no stated title is a banner, or the
    // headline without its case: the stated title is the better text.
    if (consensus && IsTypedInCapitals(h1)) return consensus->text;
    if (!consensus || SharedWords(h1, stated) >= kMinSharedWords) return CleanHeadline(h1);
  }
  // The stated title shown as a subheading: the page's <h1>s are the site's.
  if (const std::string* h = StatedSubhead(s, stated)) return CleanHeadline(*h);
  if (consensus) return consensus->text;
  return s.h1s.empty() ? std::string() : s.h1s.front();
}

std::string StripSiteName(std::string_view title_in, std::string_view site_name) {
  std::string title = CollapseWhitespace(title_in);
  if (std::optional<std::string> known = WithoutSiteName(title, MatchKey(site_name))) return *known;
  for (std::string_view sep : kSeparators) {
    const std::vector<std::string> parts = Split(title, sep);
    if (parts.size() < 2) continue;
    // "Headline | Section | Site": keep the first part if it reads like a headline.
    if (sep == " : ") continue;  // colons are part of many headlines
    const bool dash = sep == " - " || sep == " – " || sep == " — ";
    if (!dash && Words(parts.front()) >= 2) return parts.front();
    // Dashes also join clauses of headlines: only a short last part is a site name.
    if (dash && Words(parts.front()) >= 3 && Words(parts.back()) <= 4) {
      return Join({parts.begin(), parts.end() - 1}, sep);
    }
    if (Words(parts.back()) >= 3 && Words(parts.front()) <= 2) return parts.back();
  }
  return title;
}

}  // namespace newsmon::article
