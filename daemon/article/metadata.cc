#include "article/metadata.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "article/byline.h"
#include "article/headline.h"
#include "article/meta_text.h"
#include "article/shown_date.h"
#include "feed/url.h"
#include "util/text.h"

namespace newsmon::article {
namespace {

using nlohmann::json;

constexpr size_t kMaxJsonLdBytes = 2 << 20;
constexpr int kMaxJsonDepth = 24;
constexpr size_t kMaxBylineChars = 120;

struct Collected {
  std::unordered_map<std::string, std::vector<std::string>> meta;  // lower-case key -> contents in order
  std::vector<json> ld_articles;                                   // Article-like JSON-LD objects
  std::vector<json> ld_pages;                                      // WebPage-like ones, weaker
  std::unordered_map<std::string, json> ld_by_id;
  std::string title_tag;
  std::vector<std::string> h1s;
  std::vector<std::string> h2s;
  std::vector<std::pair<int, std::string>> headings;  // <h1>s and <h2>s: node, text
  std::string canonical_link;
  std::string html_lang;
  std::vector<std::string> rel_author;
  std::vector<std::string> itemprop_author;
  std::vector<std::string> byline_elements;
  std::vector<PageDate> visible_dates;    // <time> and date-ish elements, in page order
  std::vector<std::string> author_links;  // text of links to author pages
  std::vector<std::string> by_lines;      // "By Jane Doe" text and what follows a "Written by" label
  std::string site_name;
  int first_h1 = -1;
  int first_by_line = -1;  // the element of the first by_lines entry
  std::optional<PageDate> shown_date;
};

const std::string* FirstMeta(const Collected& c, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    auto it = c.meta.find(k);
    if (it == c.meta.end()) continue;
    for (const std::string& v : it->second) {
      if (!TrimAscii(v).empty()) return &v;
    }
  }
  return nullptr;
}

bool TypeMatches(const json& type, bool article) {
  auto one = [article](const std::string& t) {
    if (article) {
      return t.ends_with("Article") || t.ends_with("Posting") || t == "Report" || t == "Review" || t == "article";
    }
    return t.ends_with("WebPage") || t == "WebPage";
  };
  if (type.is_string()) return one(type.get<std::string>());
  if (type.is_array()) {
    for (const auto& t : type) {
      if (t.is_string() && one(t.get<std::string>())) return true;
    }
  }
  return false;
}

void CollectJsonLd(std::string_view text, Collected& c) {
  if (text.size() > kMaxJsonLdBytes) return;
  json root;
  try {
    root = json::parse(text.begin(), text.end(), nullptr, true, true);
  } catch (const json::exception&) {
    return;  // broken JSON-LD is common; the other sources still count
  }
  std::vector<std::pair<const json*, int>> stack{{&root, 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (depth > kMaxJsonDepth) continue;
    if (node->is_array()) {
      for (auto it = node->rbegin(); it != node->rend(); ++it) stack.push_back({&*it, depth + 1});
      continue;
    }
    if (!node->is_object()) continue;
    if (auto id = node->find("@id"); id != node->end() && id->is_string() && node->size() > 1) {
      c.ld_by_id.emplace(id->get<std::string>(), *node);
    }
    if (auto type = node->find("@type"); type != node->end()) {
      if (TypeMatches(*type, true))
        c.ld_articles.push_back(*node);
      else if (TypeMatches(*type, false))
        c.ld_pages.push_back(*node);
    }
    for (const char* key : {"@graph", "mainEntity", "itemListElement", "blogPost"}) {
      if (auto it = node->find(key); it != node->end()) stack.push_back({&*it, depth + 1});
    }
  }
}

std::string JsonString(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_string()) return CollapseWhitespace(DecodeEntities(it->get<std::string>()));
  if (it->is_array() && !it->empty() && (*it)[0].is_string()) {
    return CollapseWhitespace(DecodeEntities((*it)[0].get<std::string>()));
  }
  if (it->is_object()) {
    for (const char* inner : {"@value", "name", "@id", "url"}) {
      if (auto v = it->find(inner); v != it->end() && v->is_string()) {
        return CollapseWhitespace(DecodeEntities(v->get<std::string>()));
      }
    }
  }
  return {};
}

void JsonAuthors(const json& author, const Collected& c, std::vector<std::string>& out, int depth = 0) {
  if (depth > 3) return;
  if (author.is_string()) {
    if (!LooksLikeUrl(author.get<std::string>())) {
      for (auto& n : SplitByline(author.get<std::string>())) out.push_back(n);
    }
  } else if (author.is_array()) {
    for (const auto& a : author) JsonAuthors(a, c, out, depth + 1);
  } else if (author.is_object()) {
    std::string name = JsonString(author, "name");
    if (name.empty()) {
      if (auto id = author.find("@id"); id != author.end() && id->is_string()) {
        if (auto it = c.ld_by_id.find(id->get<std::string>()); it != c.ld_by_id.end())
          name = JsonString(it->second, "name");
      }
    }
    if (!name.empty() && !LooksLikeUrl(name)) {
      for (auto& n : SplitByline(name)) out.push_back(n);
    }
  }
}

// Meta names CMSs invent for the publication date ("w-published-date",
// "published"), kept under two keys of their own, read after the known names.
constexpr const char* kOtherPublishedDate = " published date";
constexpr const char* kOtherPublishedTime = " published time";

const char* HomegrownPublishedKey(std::string_view key) {
  if (key.find("publish") == std::string_view::npos || key.find("publisher") != std::string_view::npos) return nullptr;
  if (key.find("date") != std::string_view::npos || key == "published") return kOtherPublishedDate;
  if (key.find("time") != std::string_view::npos) return kOtherPublishedTime;
  return nullptr;
}

// Class and id words that mark an element holding the author's name.
// `s`: the element's class and id, lower case.
bool IsBylineHint(std::string_view s) {
  if (s.find("byline") != std::string_view::npos) return true;
  if (s.find("author") == std::string_view::npos) return false;
  for (const char* bad : {"bio", "about", "avatar", "image", "img", "photo", "box", "description", "social"}) {
    if (s.find(bad) != std::string_view::npos) return false;
  }
  return true;
}

// `s`: the element's class and id, lower case.
bool IsDateHint(std::string_view s) {
  for (const char* hint : {"date", "time", "published", "posted", "meta", "byline", "timestamp"}) {
    if (s.find(hint) != std::string_view::npos) return true;
  }
  return false;
}

bool IsAuthorHref(std::string_view href) {
  for (const char* part : {"/author/", "/authors/", "/writer/", "/writers/", "/contributor/", "/contributors/",
                           "/staff/", "/people/", "/profile/", "/team/", "/by/", "/user/", "/u/", "/@"}) {
    if (href.find(part) != std::string_view::npos) return true;
  }
  return false;
}

// Whether the element's text may start with one of the labels below. Most
// small elements do not, and this look at their first letters spares them
// the text collapsing. Spaces and non-ASCII bytes before the first ASCII
// letter are passed over, so no label the full test accepts is missed.
bool MayStartWithByLabel(const Dom& dom, int i) {
  for (int j = i + 1; j < dom.node(i).end; ++j) {
    const std::string_view t = dom.Text(j);
    for (size_t k = 0; k < t.size(); ++k) {
      const char c = AsciiLowerChar(t[k]);
      if (c < 'a' || c > 'z') continue;
      const char next = k + 1 < t.size() ? AsciiLowerChar(t[k + 1]) : '\0';
      return (c == 'b' && next == 'y') || (c == 'w' && (next == 'r' || next == 'o')) || (c == 'a' && next == 'u') ||
             (c == 'p' && next == 'o') || next == '\0';
    }
  }
  return false;
}

// "By Jane Doe" as a short element of its own, or a "Written by" label
// followed by an element with the name.
void CollectByLine(const Dom& dom, int i, std::vector<std::string>& out) {
  const DomNode& n = dom.node(i);
  if (n.is_text || n.tag == GUMBO_TAG_BODY || n.tag == GUMBO_TAG_HTML) return;
  // Only the innermost element holding the label.
  for (int c = n.first_child; c >= 0; c = dom.node(c).next_sibling) {
    if (!dom.node(c).is_text && dom.node(c).end - c > 0 && dom.node(c).tag != GUMBO_TAG_A &&
        dom.node(c).tag != GUMBO_TAG_SPAN && dom.node(c).tag != GUMBO_TAG_STRONG && dom.node(c).tag != GUMBO_TAG_B &&
        dom.node(c).tag != GUMBO_TAG_BUTTON && dom.node(c).tag != GUMBO_TAG_EM) {
      return;
    }
  }
  if (!MayStartWithByLabel(dom, i)) return;
  const std::string text = dom.CollapsedText(i);
  if (text.size() > kMaxBylineChars) return;
  const std::string lower = AsciiLower(text);
  for (const char* label : {"by ", "written by ", "author: ", "words by ", "posted by "}) {
    if (lower.starts_with(label) && text.size() > std::string_view(label).size() + 2) {
      out.push_back(text);
      return;
    }
  }
  if (lower == "by" || lower == "written by" || lower == "author" || lower == "author:" || lower == "written by:" ||
      lower == "posted by") {
    // The name is in the next element.
    int next = n.next_sibling;
    while (next >= 0 && dom.node(next).is_text && TrimAscii(dom.Text(next)).empty()) next = dom.node(next).next_sibling;
    if (next >= 0) {
      std::string name = dom.CollapsedText(next);
      if (!name.empty() && name.size() <= kMaxBylineChars) out.push_back(std::move(name));
    }
  }
}

void Collect(const Dom& dom, Collected& c) {
  int menu_end = 0;  // inside a menu up to this node
  for (int i = 0; i < dom.size(); ++i) {
    const DomNode& n = dom.node(i);
    if (n.is_text) continue;
    switch (n.tag) {
      case GUMBO_TAG_HTML:
        if (c.html_lang.empty()) c.html_lang = std::string(dom.Attr(i, "lang"));
        if (c.html_lang.empty()) c.html_lang = std::string(dom.Attr(i, "xml:lang"));
        break;
      case GUMBO_TAG_META: {
        std::string_view key = dom.Attr(i, "property");
        if (key.empty()) key = dom.Attr(i, "name");
        if (key.empty()) key = dom.Attr(i, "itemprop");
        if (key.empty()) key = dom.Attr(i, "http-equiv");
        std::string_view content = dom.Attr(i, "content");
        if (content.empty()) content = dom.Attr(i, "value");
        if (!key.empty() && !content.empty()) {
          const std::string lower = AsciiLower(key);
          c.meta[lower].push_back(std::string(content));
          if (const char* kind = HomegrownPublishedKey(lower)) c.meta[kind].push_back(std::string(content));
        }
        break;
      }
      case GUMBO_TAG_TITLE:
        if (c.title_tag.empty()) c.title_tag = dom.CollapsedText(i);
        break;
      case GUMBO_TAG_LINK: {
        const std::string rel = AsciiLower(dom.Attr(i, "rel"));
        if (rel == "canonical" && c.canonical_link.empty())
          c.canonical_link = std::string(TrimAscii(dom.Attr(i, "href")));
        break;
      }
      case GUMBO_TAG_SCRIPT:
        if (AsciiLower(dom.Attr(i, "type")).find("ld+json") != std::string::npos) {
          std::string text;
          for (int j = i + 1; j < n.end; ++j) text += dom.Text(j);
          CollectJsonLd(text, c);
        }
        break;
      case GUMBO_TAG_H1:
        if (c.first_h1 < 0) c.first_h1 = i;
        if (c.h1s.size() < 8) {
          std::string t = dom.CollapsedText(i);
          if (!t.empty()) {
            c.h1s.push_back(t);
            c.headings.emplace_back(i, std::move(t));
          }
        }
        break;
      case GUMBO_TAG_H2:
        if (c.h2s.size() < 6) {
          std::string t = dom.CollapsedText(i);
          if (!t.empty()) {
            c.h2s.push_back(t);
            c.headings.emplace_back(i, std::move(t));
          }
        }
        break;
      case GUMBO_TAG_TIME:
        if (c.visible_dates.size() < 20) {
          std::optional<PageDate> d = ParsePageDate(dom.Attr(i, "datetime"));
          if (!d) d = FindDateInText(dom.CollapsedText(i));
          if (d) c.visible_dates.push_back(*d);
        }
        break;
      case GUMBO_TAG_A:
        if (c.author_links.size() < 6 && IsAuthorHref(dom.Attr(i, "href"))) {
          std::string t = dom.CollapsedText(i);
          if (!t.empty() && t.size() <= kMaxBylineChars) c.author_links.push_back(std::move(t));
        }
        break;
      default:
        break;
    }
    if (n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE || n.tag == GUMBO_TAG_META) continue;
    const std::string_view itemprop = dom.Attr(i, "itemprop");
    if (itemprop == "author" || itemprop == "creator") {
      std::string name(dom.Attr(i, "content"));
      for (int j = i + 1; name.empty() && j < n.end; ++j) {
        if (dom.Attr(j, "itemprop") == "name") {
          name = dom.Attr(j, "content").empty() ? dom.CollapsedText(j) : std::string(dom.Attr(j, "content"));
        }
      }
      if (name.empty()) name = dom.CollapsedText(i);
      if (!name.empty() && name.size() <= kMaxBylineChars) c.itemprop_author.push_back(std::move(name));
    } else if (itemprop == "datePublished" && n.tag != GUMBO_TAG_META) {
      std::string_view v = dom.Attr(i, "datetime");
      if (v.empty()) v = dom.Attr(i, "content");
      std::string text = v.empty() ? dom.CollapsedText(i) : std::string(v);
      if (!text.empty()) c.meta["itemprop:datepublished"].push_back(std::move(text));
    }
    if (AsciiLower(dom.Attr(i, "rel")).find("author") != std::string::npos && c.rel_author.size() < 6) {
      std::string t = dom.CollapsedText(i);
      if (!t.empty() && t.size() <= kMaxBylineChars) c.rel_author.push_back(std::move(t));
    }
    const std::string_view class_id = dom.ClassAndId(i);
    if (class_id.size() > 1 && c.byline_elements.size() < 10 && IsBylineHint(class_id)) {
      std::string t = dom.CollapsedText(i);
      if (!t.empty() && t.size() <= kMaxBylineChars) c.byline_elements.push_back(std::move(t));
    }
    if (class_id.size() > 1 && c.visible_dates.size() < 20 && n.end - i < 40 && n.tag != GUMBO_TAG_TIME &&
        IsDateHint(class_id)) {
      std::string t = dom.CollapsedText(i);
      if (!t.empty() && t.size() <= 200) {
        if (auto d = FindDateInText(t)) c.visible_dates.push_back(*d);
      }
    }
    // Menus sort by author, role or industry ("By industry"): no byline.
    if (n.tag == GUMBO_TAG_NAV || dom.Attr(i, "role") == "navigation" || dom.Attr(i, "role") == "menu") {
      menu_end = std::max(menu_end, n.end);
    }
    if (c.by_lines.size() < 4 && n.end - i < 30 && i >= menu_end) {
      CollectByLine(dom, i, c.by_lines);
      if (c.first_by_line < 0 && !c.by_lines.empty()) c.first_by_line = i;
    }
  }
}

HeadlineSources HeadlineSourcesOf(const Collected& c, std::string_view page_url) {
  HeadlineSources s;
  s.url = std::string(page_url);
  for (const auto& a : c.ld_articles) {
    s.structured = JsonString(a, "headline");
    if (!s.structured.empty()) break;
  }
  if (const std::string* og =
          FirstMeta(c, {"og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title"})) {
    s.stated = CollapseWhitespace(*og);
  }
  s.title_tag = c.title_tag;
  s.site_name = c.site_name;
  s.h1s = c.h1s;
  s.subheads = c.h2s;
  return s;
}

// The element whose own text is exactly `key`: page builders show the
// headline in a styled <p> or <div> rather than a heading.
int ElementShowing(const Dom& dom, const std::string& key) {
  for (int i = 0; i < dom.size(); ++i) {
    const DomNode& n = dom.node(i);
    if (!n.is_text || n.parent < 0) continue;
    const GumboTag parent = dom.node(n.parent).tag;
    if (parent == GUMBO_TAG_TITLE || parent == GUMBO_TAG_SCRIPT || parent == GUMBO_TAG_STYLE) continue;
    const std::string_view text = TrimAscii(n.text);
    if (text.size() >= key.size() && text.size() <= 2 * key.size() + 16 && MatchKey(text) == key) return n.parent;
  }
  return -1;
}

// The heading that shows `title`, where the byline and date sit, else another
// element showing exactly the title; the first <h1> (else <h2>) when none does.
int HeadlineNode(const Dom& dom, const Collected& c, const std::string& title) {
  const std::string key = MatchKey(title);
  if (key.size() >= 4) {
    for (const auto& [node, text] : c.headings) {
      const std::string k = MatchKey(text);
      if (k.size() >= 4 && (k.find(key) != std::string::npos || key.find(k) != std::string::npos)) return node;
    }
  }
  if (constexpr size_t kDistinctiveChars = 16; key.size() >= kDistinctiveChars) {
    if (const int shown = ElementShowing(dom, key); shown >= 0) return shown;
  }
  if (c.first_h1 >= 0 || c.headings.empty()) return c.first_h1;
  return c.headings.front().first;  // pages without <h1> show the headline as <h2>
}

bool LooksLikeName(std::string_view s) {
  if (s.empty() || s.size() > 80 || LooksLikeUrl(s)) return false;
  int words = 1;
  for (char ch : s) {
    if (ch == ' ') ++words;
    if (std::isdigit(static_cast<unsigned char>(ch)) || ch == '@' || ch == '|') return false;
  }
  return words <= 6;
}

// The names the site goes by, for telling the outlet from a writer.
SiteNames SiteKeys(const Collected& c, std::string_view page_url) {
  std::vector<std::string> names;
  for (const char* key : {"og:site_name", "application-name", "twitter:site"}) {
    if (const std::string* v = FirstMeta(c, {key})) names.push_back(v->starts_with("@") ? v->substr(1) : *v);
  }
  for (const auto& a : c.ld_articles) {
    auto it = a.find("publisher");
    if (it == a.end()) continue;
    std::string name = it->is_object() ? JsonString(*it, "name") : std::string();
    if (name.empty() && it->is_object()) {
      if (auto id = it->find("@id"); id != it->end() && id->is_string()) {
        if (auto found = c.ld_by_id.find(id->get<std::string>()); found != c.ld_by_id.end())
          name = JsonString(found->second, "name");
      }
    }
    if (!name.empty()) names.push_back(std::move(name));
  }
  return SiteNameKeys(names, page_url);
}

// Byline sources in the order they are trusted. The first that names
// someone wins, with two exceptions. Chrome that sits where a byline sits
// ("Learn more", "YouTube") is passed over. The outlet's own name ("USA
// TODAY") yields to a name shaped like a person's from a later source that
// marks an author (schema.org, meta, rel=author, a "By" line), not to names in author
// links or author-ish boxes, which on such pages are mostly commenters; and
// when no such person is named the outlet stands.
std::vector<std::string> PickAuthors(const Collected& c, std::string_view page_url) {
  struct Source {
    std::vector<std::string> names;
    bool marks_author;
  };
  std::vector<Source> sources;
  for (const auto& a : c.ld_articles) {
    std::vector<std::string> out;
    if (auto it = a.find("author"); it != a.end()) JsonAuthors(*it, c, out);
    if (out.empty()) {
      if (auto it = a.find("creator"); it != a.end()) JsonAuthors(*it, c, out);
    }
    if (!out.empty()) {
      sources.push_back({std::move(out), true});
      break;
    }
  }
  auto from_list = [&](const std::vector<std::string>& list, bool marks_author) {
    std::vector<std::string> out;
    for (const std::string& raw : list) {
      for (std::string& name : SplitByline(raw)) {
        if (LooksLikeName(name) && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
      }
    }
    if (!out.empty()) sources.push_back({std::move(out), marks_author});
  };
  from_list(c.itemprop_author, true);
  for (const char* key : {"author", "parsely-author", "sailthru.author", "dc.creator", "article:author", "byl",
                          "dcterms.creator", "citation_author"}) {
    auto it = c.meta.find(key);
    if (it == c.meta.end()) continue;
    std::vector<std::string> names;
    for (const auto& v : it->second) {
      if (!LooksLikeUrl(v)) names.push_back(v);
    }
    const size_t before = sources.size();
    from_list(names, true);
    if (sources.size() > before) break;
  }
  if (auto label = c.meta.find("twitter:label1"); label != c.meta.end() && !label->second.empty() &&
                                                  AsciiLower(label->second.front()).find("by") != std::string::npos) {
    if (auto data = c.meta.find("twitter:data1"); data != c.meta.end()) from_list(data->second, true);
  }
  from_list(c.rel_author, true);
  from_list(c.by_lines, true);
  from_list(c.author_links, false);
  from_list(c.byline_elements, false);

  const SiteNames site = SiteKeys(c, page_url);
  std::vector<std::string> outlet;
  for (const Source& source : sources) {
    if (!outlet.empty() && !source.marks_author) continue;
    std::vector<std::string> out;
    for (const auto& n : source.names) {
      if (!IsPageChrome(n) && (source.marks_author || out.size() < 4)) out.push_back(n);
    }
    if (out.empty()) continue;
    if (outlet.empty()) {
      const bool only_outlet =
          std::all_of(out.begin(), out.end(), [&](const std::string& n) { return IsSiteName(n, site); });
      if (!only_outlet) return out;
      outlet = std::move(out);
    } else if (std::any_of(out.begin(), out.end(), [](const std::string& n) { return LooksLikePersonName(n); })) {
      return out;
    }
  }
  return outlet;
}

std::optional<PageDate> FirstDate(const Collected& c, std::initializer_list<const char*> keys) {
  for (const char* k : keys) {
    auto it = c.meta.find(k);
    if (it == c.meta.end()) continue;
    for (const std::string& v : it->second) {
      if (auto d = ParsePageDate(v)) return d;
    }
  }
  return std::nullopt;
}

std::optional<PageDate> LdDate(const Collected& c, const char* key) {
  for (const auto* list : {&c.ld_articles, &c.ld_pages}) {
    for (const auto& a : *list) {
      if (auto d = ParsePageDate(JsonString(a, key))) return d;
    }
  }
  return std::nullopt;
}

std::optional<PageDate> StatedPublished(const Collected& c) {
  if (auto d = LdDate(c, "datePublished")) return d;
  return FirstDate(c, {"article:published_time",
                       "og:published_time",
                       "article:published",
                       "parsely-pub-date",
                       "sailthru.date",
                       "dc.date.issued",
                       "dcterms.issued",
                       "dc.date",
                       "dcterms.date",
                       "dc.date.created",
                       "dcterms.created",
                       "datepublished",
                       "itemprop:datepublished",
                       "pubdate",
                       "publishdate",
                       "publish-date",
                       "publish_date",
                       "publication_date",
                       "citation_publication_date",
                       "citation_date",
                       "date",
                       "article.published",
                       "cxenseparse:recs:publishtime",
                       "og:article:published_time",
                       kOtherPublishedDate,
                       kOtherPublishedTime});
}

// schema.org's dateModified, in JSON-LD or microdata.
std::optional<PageDate> SchemaModified(const Collected& c) {
  if (auto d = LdDate(c, "dateModified")) return d;
  return FirstDate(c, {"datemodified"});
}

std::optional<PageDate> StatedModified(const Collected& c) {
  if (auto d = SchemaModified(c)) return d;
  return FirstDate(c, {"article:modified_time", "og:updated_time", "dcterms.modified"});
}

// A later shown date that the page's schema.org data also gives as the
// modification day: the page presents its revision as the story's date, and
// readers take it so. The generic modified_time metas are not enough: CMSs
// write them on every save, whether or not the page shows the revision.
bool ShowsRevision(const Collected& c, const PageDate& stated) {
  if (!c.shown_date || !ShownEarlier(stated, *c.shown_date)) return false;
  const std::optional<PageDate> modified = SchemaModified(c);
  return modified && OnShownDay(*c.shown_date, *modified);
}

// A date shown under the headline that is earlier than the stated
// publication is the story's own: the stated one is a migration or a
// re-render of the page. Later shown dates are mostly "Updated" ones, kept
// only when the metadata confirms them as the revision the page presents.
std::optional<PageDate> PickPublished(const Dom& dom, const Collected& c, std::string_view page_url) {
  const std::optional<PageDate> stated = StatedPublished(c);
  const std::optional<PageDate> url_date = DateFromUrl(page_url);
  if (c.shown_date && url_date && DayMonthSwapped(*c.shown_date, *url_date)) return url_date;
  if (stated && c.shown_date && ShownEarlier(*c.shown_date, *stated)) return c.shown_date;
  // The day in the URL is the site's own: a shown date that agrees with it
  // beats a stated time whose UTC day has already turned.
  if (stated && c.shown_date && url_date && UrlKeepsShownDay(*c.shown_date, *url_date, *stated)) return c.shown_date;
  if (stated && ShowsRevision(c, *stated)) return c.shown_date;
  if (stated) return stated;
  if (c.shown_date) return c.shown_date;
  if (!c.visible_dates.empty()) return c.visible_dates.front();
  if (url_date) return url_date;
  // Some templates put the byline and its date at the story's end.
  if (c.first_by_line >= 0) {
    if (auto d = DateBesideByline(dom, c.first_by_line)) return d;
  }
  if (auto d = LdDate(c, "dateCreated")) return d;
  // A page that states only when it was last changed: that is the latest
  // its story can be from.
  if (auto d = LdDate(c, "dateModified")) return d;
  if (auto d = FirstDate(c, {"article:modified_time", "og:updated_time", "dcterms.modified", "last-modified"}))
    return d;
  return LabelledDate(dom);
}

std::string PickLanguage(const Collected& c) {
  std::string lang = c.html_lang;
  if (lang.empty()) {
    if (const std::string* v = FirstMeta(c, {"content-language", "og:locale", "dc.language", "language"})) lang = *v;
  }
  if (lang.empty()) {
    for (const auto& a : c.ld_articles) {
      lang = JsonString(a, "inLanguage");
      if (!lang.empty()) break;
    }
  }
  lang = AsciiLower(TrimAscii(lang));
  const size_t cut = lang.find_first_of("-_,; ");
  if (cut != std::string::npos) lang.resize(cut);
  if (lang.size() < 2 || lang.size() > 3 || !std::all_of(lang.begin(), lang.end(), ::isalpha)) return {};
  return lang;
}

}  // namespace

PageMetadata ExtractMetadata(const Dom& dom, std::string_view page_url) {
  Collected c;
  Collect(dom, c);
  if (const std::string* site = FirstMeta(c, {"og:site_name", "application-name", "twitter:site"})) {
    c.site_name = *site;
    if (c.site_name.starts_with("@")) c.site_name.erase(0, 1);
  }
  for (const auto& a : c.ld_articles) {
    if (!c.site_name.empty()) break;
    if (std::string name = JsonString(a, "publisher"); !LooksLikeUrl(name)) c.site_name = std::move(name);
  }
  PageMetadata m;
  m.title = RepairDoubleEncoding(PickHeadline(HeadlineSourcesOf(c, page_url)));
  c.shown_date = ShownDate(dom, HeadlineNode(dom, c, m.title));
  m.authors = PickAuthors(c, page_url);
  m.published = PickPublished(dom, c, page_url);
  m.updated = StatedModified(c);
  std::string canonical = c.canonical_link;
  if (canonical.empty()) {
    if (const std::string* og = FirstMeta(c, {"og:url"})) canonical = *og;
  }
  m.canonical_url = canonical.empty() ? std::string(page_url) : feed::ResolveUrl(page_url, canonical);
  m.declared_language = PickLanguage(c);
  return m;
}

}  // namespace newsmon::article
