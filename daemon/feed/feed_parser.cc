// First, thin parser: RSS 2.0 and Atom 1.0 through libxml2 in recover mode.
#include "feed/feed_parser.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstring>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>

#include "util/hash.h"
#include "util/text.h"

namespace newsmon::feed {
namespace {

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

std::string_view Name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

std::string Text(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return std::string(TrimAscii(s));
}

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* c = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return s;
}

std::string StripTags(std::string_view html) {
  std::string out;
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') {
      in_tag = true;
      out += ' ';
    } else if (c == '>') {
      in_tag = false;
    } else if (!in_tag) {
      out += c;
    }
  }
  // The few entities that survive XML decoding inside escaped HTML.
  auto replace_all = [&](std::string_view from, std::string_view to) {
    for (size_t p = out.find(from); p != std::string::npos; p = out.find(from, p + to.size())) {
      out.replace(p, from.size(), to);
    }
  };
  replace_all("&nbsp;", " ");
  replace_all("&quot;", "\"");
  replace_all("&#39;", "'");
  replace_all("&lt;", "<");
  replace_all("&gt;", ">");
  replace_all("&amp;", "&");
  return CollapseWhitespace(out);
}

std::optional<Timestamp> ParseRfc822(const std::string& text) {
  struct tm tm {};
  const char* formats[] = {"%a, %d %b %Y %H:%M:%S", "%d %b %Y %H:%M:%S"};
  for (const char* f : formats) {
    std::memset(&tm, 0, sizeof tm);
    const char* rest = strptime(text.c_str(), f, &tm);
    if (!rest) continue;
    while (*rest == ' ') ++rest;
    long offset = 0;
    if (*rest == '+' || *rest == '-') {
      const long v = std::strtol(rest + 1, nullptr, 10);
      offset = (v / 100 * 60 + v % 100) * 60 * (*rest == '-' ? -1 : 1);
    }
    return Timestamp(std::chrono::seconds(timegm(&tm) - offset));
  }
  return std::nullopt;
}

std::optional<Timestamp> ParseDate(const std::string& text) {
  if (auto t = ParseRfc3339(text)) return t;
  return ParseRfc822(text);
}

void Finish(FeedEntry& e) {
  e.summary_text = StripTags(e.summary);
  e.content_text = StripTags(e.content);
  e.content_hash = StableId({e.title, e.summary, e.content});
  if (e.id.empty()) e.id = !e.link.empty() ? e.link : e.content_hash;
}

FeedEntry ParseRssItem(const xmlNode* item) {
  FeedEntry e;
  for (const xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const auto name = Name(c);
    const bool content_ns = c->ns && std::strstr(reinterpret_cast<const char*>(c->ns->href), "content");
    if (name == "title") e.title = StripTags(Text(c));
    if (name == "link") e.link = Text(c);
    if (name == "guid") e.id = Text(c);
    if (name == "pubDate" || name == "date") e.published = ParseDate(Text(c));
    if (name == "description") e.summary = Text(c);
    if (name == "encoded" && content_ns) e.content = Text(c);
    if (name == "author" || name == "creator") e.authors.push_back(Text(c));
    if (name == "category") e.categories.push_back(Text(c));
  }
  Finish(e);
  return e;
}

FeedEntry ParseAtomEntry(const xmlNode* entry) {
  FeedEntry e;
  for (const xmlNode* c = entry->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const auto name = Name(c);
    if (name == "title") e.title = StripTags(Text(c));
    if (name == "id") e.id = Text(c);
    if (name == "link") {
      const std::string rel = Attr(c, "rel");
      if (rel.empty() || rel == "alternate") e.link = Attr(c, "href");
    }
    if (name == "published") e.published = ParseDate(Text(c));
    if (name == "updated") e.updated = ParseDate(Text(c));
    if (name == "summary") e.summary = Text(c);
    if (name == "content") e.content = Text(c);
    if (name == "author") {
      for (const xmlNode* a = c->children; a; a = a->next) {
        if (a->type == XML_ELEMENT_NODE && Name(a) == "name") e.authors.push_back(Text(a));
      }
    }
    if (name == "category") e.categories.push_back(Attr(c, "term"));
  }
  Finish(e);
  return e;
}

}  // namespace

Result<Feed> ParseFeed(std::string_view bytes, const ParseOptions& options) {
  // NONET and no NOENT: no external entities, no DTD fetching.
  const int flags = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  std::unique_ptr<xmlDoc, DocDeleter> doc(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()),
                                                        options.base_url.c_str(), nullptr, flags));
  if (!doc) return MakeError(ErrorCode::kInvalidArgument, "not an XML document");
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return MakeError(ErrorCode::kInvalidArgument, "document has no root element");
  Feed feed;
  const auto root_name = Name(root);
  if (root_name == "rss") {
    feed.format = "rss";
    feed.version = Attr(root, "version");
    for (const xmlNode* ch = root->children; ch; ch = ch->next) {
      if (ch->type != XML_ELEMENT_NODE || Name(ch) != "channel") continue;
      for (const xmlNode* c = ch->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const auto name = Name(c);
        if (name == "title") feed.title = StripTags(Text(c));
        if (name == "link" && !c->ns) feed.link = Text(c);
        if (name == "description") feed.description = Text(c);
        if (name == "language") feed.language = Text(c);
        if (name == "item") feed.entries.push_back(ParseRssItem(c));
      }
    }
  } else if (root_name == "feed") {
    feed.format = "atom";
    feed.version = "1.0";
    for (const xmlNode* c = root->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      const auto name = Name(c);
      if (name == "title") feed.title = StripTags(Text(c));
      if (name == "subtitle") feed.description = Text(c);
      if (name == "link") {
        const std::string rel = Attr(c, "rel");
        if (rel.empty() || rel == "alternate") feed.link = Attr(c, "href");
      }
      if (name == "updated") feed.updated = ParseDate(Text(c));
      if (name == "entry") feed.entries.push_back(ParseAtomEntry(c));
    }
  } else {
    return MakeError(ErrorCode::kInvalidArgument, "unknown feed format: root element <" + std::string(root_name) + ">");
  }
  return feed;
}

std::string ToNeutralJson(const Feed& feed) {
  using nlohmann::json;
  auto put = [](json& j, const char* key, const std::string& v) {
    if (!v.empty()) j[key] = SanitizeUtf8(v);
  };
  auto put_time = [](json& j, const char* key, const std::optional<Timestamp>& t) {
    if (t) j[key] = FormatRfc3339(*t);
  };
  json j = json::object();
  put(j, "format", feed.format);
  put(j, "version", feed.version);
  put(j, "title", feed.title);
  put(j, "link", feed.link);
  put(j, "description", feed.description);
  put(j, "language", feed.language);
  put_time(j, "updated", feed.updated);
  json entries = json::array();
  for (const auto& e : feed.entries) {
    json je = json::object();
    put(je, "id", e.id);
    put(je, "title", e.title);
    put(je, "link", e.link);
    put_time(je, "published", e.published);
    put_time(je, "updated", e.updated);
    put(je, "summary", e.summary);
    put(je, "content", e.content);
    if (!e.authors.empty()) {
      json a = json::array();
      for (const auto& s : e.authors) a.push_back(SanitizeUtf8(s));
      je["authors"] = a;
    }
    if (!e.categories.empty()) {
      json a = json::array();
      for (const auto& s : e.categories) a.push_back(SanitizeUtf8(s));
      je["categories"] = a;
    }
    entries.push_back(std::move(je));
  }
  j["entries"] = std::move(entries);
  return j.dump();
}

}  // namespace newsmon::feed
