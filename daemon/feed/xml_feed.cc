// RSS 0.9x/2.0, RSS 0.90/1.0 (RDF) and Atom 0.3/1.0 trees to the feed model.
#include <algorithm>
#include <cctype>

#include "feed/dates.h"
#include "feed/feed_internal.h"
#include "feed/html_text.h"
#include "feed/url.h"

namespace newsmon::feed {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Trims an owned string in place: contents can be megabytes, a copy costs.
std::string Trim(std::string&& s) {
  size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  size_t e = s.size();
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  s.erase(e);
  s.erase(0, b);
  return std::move(s);
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::string Base64Decode(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = val(c);
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

// A text construct's value as given, and whether it is markup.
struct Construct {
  std::string value;
  bool html = false;
};

class Mapper {
 public:
  Mapper(XmlDocument& doc, const ParseOptions& options) : doc_(doc), options_(options) {
    for (const auto& n : doc.nodes) {
      for (const auto& a : n.attrs) has_xml_base_ = has_xml_base_ || a.name == "xml:base";
    }
    if (has_xml_base_) {
      // One index per node into the distinct bases: copying a string per node
      // would let a long xml:base on the root cost gigabytes.
      base_strings_.push_back(options.base_url);
      base_of_.resize(doc.nodes.size());
      for (size_t i = 0; i < doc.nodes.size(); ++i) {
        const XmlNode& n = doc.nodes[i];
        const uint32_t parent = n.parent >= 0 ? base_of_[n.parent] : 0;
        base_of_[i] = parent;
        const std::string* b = n.is_text ? nullptr : n.Attr("xml:base");
        if (b && b->size() <= 2048) {
          std::string resolved = ResolveUrl(base_strings_[parent], *b);
          if (resolved.size() <= 4096) {
            base_of_[i] = static_cast<uint32_t>(base_strings_.size());
            base_strings_.push_back(std::move(resolved));
          }
        }
      }
    }
  }

  Result<Feed> Map() {
    const XmlNode& root = doc_.nodes[doc_.root];
    const std::string root_name = Lower(root.local());
    feed_.warnings = doc_.warnings;
    // Inner elements left open are recovered like browsers do; a root still
    // open at end of input means the rest of the document never arrived.
    if (root.unclosed) MarkTruncated("<" + root.name.substr(0, 64) + "> not closed at end of document");
    if (root_name == "rss") {
      feed_.format = "rss";
      if (const auto* v = root.Attr("version")) feed_.version = Trim(*v);
      MapRssRoot(doc_.root);
    } else if (root_name == "rdf") {
      feed_.format = "rdf";
      feed_.version = "1.0";
      for (int c = root.first_child; c >= 0; c = doc_.nodes[c].next_sibling) {
        if (doc_.nodes[c].ns == Ns::kRss090) feed_.version = "0.90";
      }
      MapRssRoot(doc_.root);
    } else if (root_name == "feed") {
      feed_.format = "atom";
      const auto* v = root.Attr("version");
      feed_.version = root.ns == Ns::kAtom03 || (v && Trim(*v) == "0.3") ? "0.3" : "1.0";
      MapAtomFeed(doc_.root);
    } else if (root_name == "channel") {
      // A bare <channel> (RSS 0.9x without its <rss>): read as RSS.
      feed_.format = "rss";
      MapRssRoot(doc_.root);
    } else {
      return MakeError(ErrorCode::kInvalidArgument,
                       "not a feed: root element <" + doc_.nodes[doc_.root].name + "> is not rss, rdf:RDF or feed");
    }
    return std::move(feed_);
  }

 private:
  const XmlNode& N(int i) const { return doc_.nodes[i]; }
  const std::string& BaseOf(int i) const { return has_xml_base_ ? base_strings_[base_of_[i]] : options_.base_url; }
  std::string Text(int i) const { return Trim(doc_.TextContent(i)); }
  // The text of an element read only once (contents, summaries, titles):
  // moved out of the tree instead of copied, as it can be megabytes.
  std::string Steal(int i) {
    XmlNode& n = doc_.nodes[i];
    if (n.first_child >= 0 && n.first_child == n.last_child && doc_.nodes[n.first_child].is_text) {
      return std::move(doc_.nodes[n.first_child].text);
    }
    return doc_.TextContent(i);
  }
  std::string Link(int i, std::string_view href) const { return ResolveUrl(BaseOf(i), Trim(href)); }

  // Elements in the root's own namespace count as core even when that
  // namespace is unknown (publishers invent "rss2.1" or "newformat" URIs).
  bool IsRssCore(const XmlNode& n) const {
    return n.ns == Ns::kNone || n.ns == Ns::kRss090 || n.ns == Ns::kRss10 || n.ns == Ns::kRss2 ||
           (n.ns == Ns::kOther && n.ns_id == N(doc_.root).ns_id);
  }
  bool IsAtomCore(const XmlNode& n) const {
    return n.ns == Ns::kNone || n.ns == Ns::kAtom10 || n.ns == Ns::kAtom03 ||
           (n.ns == Ns::kOther && n.ns_id == N(doc_.root).ns_id);
  }

  std::optional<Timestamp> Date(int i, std::string_view what) {
    const std::string t = Text(i);
    if (t.empty()) return std::nullopt;
    auto d = ParseFeedDate(t);
    if (!d && feed_.warnings.size() < 100) {
      feed_.warnings.push_back("unparseable date in <" + std::string(what) + ">: '" + t.substr(0, 60) + "'");
    }
    return d;
  }

  // RSS/RDF element content: text, or the markup as written when the
  // publisher left HTML unescaped inside.
  Construct RssConstruct(int i) {
    const XmlNode& n = N(i);
    if (n.child_elements > 0) return {Trim(doc_.InnerSource(i)), true};
    std::string t = Trim(Steal(i));
    const bool html = t.find('<') != std::string::npos || t.find('&') != std::string::npos;
    return {std::move(t), html};
  }

  Construct AtomConstruct(int i) {
    const XmlNode& n = N(i);
    const std::string type = n.Attr("type") ? Lower(Trim(*n.Attr("type"))) : "";
    const std::string mode = n.Attr("mode") ? Lower(Trim(*n.Attr("mode"))) : "";
    const bool type_html = type.find("html") != std::string::npos;
    if (mode == "base64") return {Trim(Base64Decode(doc_.TextContent(i))), type_html};
    // Atom 1.0: any other MIME type that is neither text nor XML is base64.
    if (mode.empty() && type.find('/') != std::string::npos && !type.starts_with("text/") &&
        type.find("xml") == std::string::npos && n.child_elements == 0) {
      return {Trim(Base64Decode(doc_.TextContent(i))), false};
    }
    if (mode == "escaped") return {Trim(Steal(i)), type_html};
    if (type == "xhtml" || type.find("xhtml") != std::string::npos || n.child_elements > 0) {
      // The xhtml div wrapper is not part of the content.
      int only = -1;
      int elements = 0;
      for (int c = n.first_child; c >= 0; c = N(c).next_sibling) {
        if (!N(c).is_text) {
          only = c;
          ++elements;
        } else if (!Trim(N(c).text).empty()) {
          elements = 2;
        }
      }
      if (elements == 1 && Lower(N(only).local()) == "div") return {Trim(doc_.InnerSource(only)), true};
      if (n.child_elements == 0) return {Trim(doc_.TextContent(i)), type_html || type == "xhtml"};
      return {Trim(doc_.InnerSource(i)), true};
    }
    return {Trim(Steal(i)), type_html};
  }

  static std::string TitleText(const Construct& c) {
    return c.html ? HtmlToLine(c.value) : CollapseAsciiSpace(c.value);
  }

  void AddAuthor(FeedEntry& e, std::string name) {
    name = AuthorName(name);
    if (name.empty()) return;
    if (std::find(e.authors.begin(), e.authors.end(), name) == e.authors.end()) e.authors.push_back(std::move(name));
  }
  static void AddCategory(FeedEntry& e, std::string c) {
    c = Trim(c);
    if (c.empty()) return;
    if (std::find(e.categories.begin(), e.categories.end(), c) == e.categories.end())
      e.categories.push_back(std::move(c));
  }

  std::string AtomPerson(int i) const {
    std::string name;
    std::string email;
    for (int c = N(i).first_child; c >= 0; c = N(c).next_sibling) {
      if (N(c).is_text) continue;
      const auto l = N(c).local();
      if (l == "name" && name.empty()) name = Text(c);
      if (l == "email" && email.empty()) email = Text(c);
    }
    if (!name.empty()) return name;
    if (!email.empty()) return email;
    return N(i).child_elements == 0 ? Text(i) : "";
  }

  static bool IsAlternate(const XmlNode& n) {
    const std::string* rel = n.Attr("rel");
    return !rel || Trim(*rel).empty() || Lower(Trim(*rel)) == "alternate";
  }

  void KeepExtension(FeedEntry& e, int i) {
    const XmlNode& n = N(i);
    if (e.extensions.size() >= 64) return;
    ExtensionElement x;
    x.ns = doc_.namespaces[n.ns_id];
    x.name = n.name;
    x.value = Text(i).substr(0, 4096);
    for (const auto& a : n.attrs) x.attributes.emplace_back(a.name, a.value);
    e.extensions.push_back(std::move(x));
  }

  void MarkTruncated(const std::string& where) {
    feed_.truncated = true;
    feed_.warnings.push_back("truncated: " + where);
  }

  // An item or entry still open at end of input was cut off: its text, link
  // or id may be incomplete (a guid "http://" is an id nonetheless), so it
  // is dropped rather than taken for a whole item. Only the last one can be.
  bool CutOff(int item) {
    if (!N(item).unclosed) return false;
    MarkTruncated("<" + N(item).name.substr(0, 64) + "> cut off at end of document, dropped");
    return true;
  }

  void SetTtl(std::chrono::seconds s) {
    if (!feed_.ttl && s.count() > 0) feed_.ttl = s;
  }

  void MapRssRoot(int root) {
    if (Lower(N(root).local()) == "channel") {
      // A bare <channel> is its own channel: reading its items here as well
      // would add each twice, the second time empty (Steal moved the text).
      MapRssChannel(root);
    } else {
      for (int c = N(root).first_child; c >= 0; c = N(c).next_sibling) {
        const XmlNode& n = N(c);
        if (n.is_text) continue;
        const std::string l = Lower(n.local());
        if (l == "channel")
          MapRssChannel(c);
        else if (l == "item" && IsRssCore(n))
          AddRssItem(c);
      }
    }
    ApplySyndication();
  }

  void MapRssChannel(int ch) {
    std::string atom_link;
    std::optional<Timestamp> pub;
    for (int c = N(ch).first_child; c >= 0; c = N(c).next_sibling) {
      const XmlNode& n = N(c);
      if (n.is_text) continue;
      const std::string_view l = n.local();
      if (IsRssCore(n)) {
        if (l == "title" && feed_.title.empty())
          feed_.title = TitleText(RssConstruct(c));
        else if (l == "link" && feed_.link.empty())
          feed_.link = Link(c, Text(c));
        else if (l == "description" && feed_.description.empty())
          feed_.description = RssConstruct(c).value;
        else if (l == "language" && feed_.language.empty())
          feed_.language = Text(c);
        else if (l == "lastBuildDate" && !feed_.updated)
          feed_.updated = Date(c, l);
        else if (l == "pubDate" && !pub)
          pub = Date(c, l);
        else if (l == "ttl") {
          const std::string t = Text(c);
          if (!t.empty() && t.size() < 9 && std::all_of(t.begin(), t.end(), ::isdigit))
            SetTtl(std::chrono::minutes(std::stoi(t)));
        } else if (l == "item")
          AddRssItem(c);
      } else if (n.ns == Ns::kDc) {
        if (l == "language" && feed_.language.empty())
          feed_.language = Text(c);
        else if (l == "date" && !feed_.updated)
          feed_.updated = Date(c, l);
        else if (l == "title" && feed_.title.empty())
          feed_.title = TitleText(RssConstruct(c));
        else if (l == "description" && feed_.description.empty())
          feed_.description = RssConstruct(c).value;
      } else if (n.ns == Ns::kDcTerms) {
        if (l == "modified" && !feed_.updated) feed_.updated = Date(c, l);
      } else if (n.ns == Ns::kAtom10 || n.ns == Ns::kAtom03) {
        if (l == "link" && atom_link.empty() && IsAlternate(n) && n.Attr("href")) atom_link = Link(c, *n.Attr("href"));
      } else if (n.ns == Ns::kItunes) {
        if (l == "summary" && itunes_summary_.empty()) itunes_summary_ = Text(c);
      } else if (n.ns == Ns::kSy) {
        if (l == "updatePeriod") sy_period_ = Lower(Text(c));
        if (l == "updateFrequency") sy_frequency_ = Text(c);
      }
    }
    if (feed_.link.empty()) feed_.link = atom_link;
    if (!feed_.updated) feed_.updated = pub;
    if (feed_.description.empty()) feed_.description = itunes_summary_;
  }

  void ApplySyndication() {
    if (sy_period_.empty() && sy_frequency_.empty()) return;
    long period = 86400;
    if (sy_period_ == "hourly")
      period = 3600;
    else if (sy_period_ == "weekly")
      period = 7 * 86400;
    else if (sy_period_ == "monthly")
      period = 30 * 86400;
    else if (sy_period_ == "yearly")
      period = 365 * 86400;
    long freq = 1;
    if (!sy_frequency_.empty() && sy_frequency_.size() < 7 &&
        std::all_of(sy_frequency_.begin(), sy_frequency_.end(), ::isdigit)) {
      freq = std::max(1L, std::stol(sy_frequency_));
    }
    SetTtl(std::chrono::seconds(period / freq));
  }

  void AddRssItem(int item) {
    if (feed_.entries.size() >= 100000 || CutOff(item)) return;
    FeedEntry e;
    Construct summary;
    Construct content;
    std::string guid_link;
    std::string atom_link;
    std::string dc_title;
    Construct atom_summary;
    Construct itunes_summary;
    if (const auto* about = N(item).Attr(Ns::kRdf, "about")) e.id = Trim(*about);
    for (int c = N(item).first_child; c >= 0; c = N(c).next_sibling) {
      const XmlNode& n = N(c);
      if (n.is_text) continue;
      const std::string_view l = n.local();
      if (IsRssCore(n)) {
        if (l == "title" && e.title.empty())
          e.title = TitleText(RssConstruct(c));
        else if (l == "link" && e.link.empty())
          e.link = Link(c, Text(c));
        else if (l == "guid" && (e.id.empty() || N(item).Attr(Ns::kRdf, "about"))) {
          e.id = Text(c);
          const std::string* perma = n.Attr("isPermaLink");
          if (!(perma && Lower(Trim(*perma)) == "false") && !e.id.empty()) guid_link = Link(c, e.id);
        } else if (l == "description" && summary.value.empty())
          summary = RssConstruct(c);
        else if (l == "pubDate" && !e.published)
          e.published = Date(c, l);
        else if (l == "author")
          AddAuthor(e, Text(c));
        else if (l == "category")
          AddCategory(e, Text(c));
        else if (l == "fullitem" && content.value.empty())
          content = RssConstruct(c);
        else if (l == "body" && content.value.empty())
          content = {Trim(doc_.InnerSource(c)), true};
        else
          KeepExtension(e, c);
      } else if (n.ns == Ns::kDc) {
        if (l == "creator" || l == "author" || l == "contributor")
          AddAuthor(e, Text(c));
        else if (l == "date") {
          auto d = Date(c, l);
          if (!e.published) e.published = d;
          if (!e.updated) e.updated = d;
        } else if (l == "subject")
          AddCategory(e, Text(c));
        else if (l == "description" && summary.value.empty())
          summary = RssConstruct(c);
        else if (l == "title")
          dc_title = TitleText(RssConstruct(c));
        else if (l == "identifier" && e.id.empty())
          e.id = Text(c);
        else
          KeepExtension(e, c);
      } else if (n.ns == Ns::kDcTerms) {
        if (l == "issued" || l == "created") {
          if (!e.published) e.published = Date(c, l);
        } else if (l == "modified") {
          if (!e.updated) e.updated = Date(c, l);
        } else {
          KeepExtension(e, c);
        }
      } else if (n.ns == Ns::kContent && l == "encoded") {
        if (content.value.empty()) content = {Trim(Steal(c)), true};
      } else if (n.ns == Ns::kXhtml && l == "body") {
        if (content.value.empty()) content = {Trim(doc_.InnerSource(c)), true};
      } else if (n.ns == Ns::kAtom10 || n.ns == Ns::kAtom03) {
        if (l == "link" && atom_link.empty() && IsAlternate(n) && n.Attr("href"))
          atom_link = Link(c, *n.Attr("href"));
        else if (l == "published" && !e.published)
          e.published = Date(c, l);
        else if (l == "updated" && !e.updated)
          e.updated = Date(c, l);
        else if (l == "author")
          AddAuthor(e, AtomPerson(c));
        else if (l == "content" && content.value.empty())
          content = AtomConstruct(c);
        else if (l == "summary" && atom_summary.value.empty())
          atom_summary = AtomConstruct(c);
        else if (l == "category" && n.Attr("term"))
          AddCategory(e, *n.Attr("term"));
        else
          KeepExtension(e, c);
      } else if (n.ns == Ns::kItunes && l == "author") {
        AddAuthor(e, Text(c));
      } else if (n.ns == Ns::kItunes && l == "summary") {
        if (itunes_summary.value.empty()) itunes_summary = {Trim(doc_.TextContent(c)), false};
        KeepExtension(e, c);
      } else {
        KeepExtension(e, c);
      }
    }
    if (e.title.empty()) e.title = dc_title;
    if (summary.value.empty()) summary = !atom_summary.value.empty() ? atom_summary : itunes_summary;
    if (e.link.empty()) e.link = !atom_link.empty() ? atom_link : guid_link;
    e.summary = std::move(summary.value);
    e.content = std::move(content.value);
    FinishEntry(e, summary.html, content.html || !content.value.empty());
    feed_.entries.push_back(std::move(e));
  }

  void MapAtomFeed(int root) {
    const XmlNode& r = N(root);
    if (const auto* lang = r.Attr(Ns::kXml, "lang")) feed_.language = Trim(*lang);
    for (int c = r.first_child; c >= 0; c = N(c).next_sibling) {
      const XmlNode& n = N(c);
      if (n.is_text) continue;
      const std::string_view l = n.local();
      if (IsAtomCore(n)) {
        if (l == "title" && feed_.title.empty())
          feed_.title = TitleText(AtomConstruct(c));
        else if (l == "link" && feed_.link.empty() && IsAlternate(n) && n.Attr("href"))
          feed_.link = Link(c, *n.Attr("href"));
        else if ((l == "subtitle" || l == "tagline") && feed_.description.empty())
          feed_.description = AtomConstruct(c).value;
        else if ((l == "updated" || l == "modified") && !feed_.updated)
          feed_.updated = Date(c, l);
        else if (l == "entry")
          AddAtomEntry(c);
      } else if (n.ns == Ns::kDc) {
        if (l == "language" && feed_.language.empty())
          feed_.language = Text(c);
        else if (l == "date" && !feed_.updated)
          feed_.updated = Date(c, l);
      } else if (n.ns == Ns::kSy) {
        if (l == "updatePeriod") sy_period_ = Lower(Text(c));
        if (l == "updateFrequency") sy_frequency_ = Text(c);
      }
    }
    ApplySyndication();
  }

  void AddAtomEntry(int entry) {
    if (feed_.entries.size() >= 100000 || CutOff(entry)) return;
    FeedEntry e;
    Construct summary;
    Construct content;
    bool has_title = false;
    for (int c = N(entry).first_child; c >= 0; c = N(c).next_sibling) {
      const XmlNode& n = N(c);
      if (n.is_text) continue;
      const std::string_view l = n.local();
      if (IsAtomCore(n)) {
        if (l == "title" && !has_title) {
          e.title = TitleText(AtomConstruct(c));
          has_title = true;
        } else if (l == "id" && e.id.empty())
          e.id = Text(c);
        else if (l == "link") {
          // An href-less link carrying its URL as text (seen in Atom 0.3).
          if (e.link.empty() && IsAlternate(n)) e.link = Link(c, n.Attr("href") ? *n.Attr("href") : Text(c));
        } else if (l == "published" || l == "issued") {
          if (auto d = Date(c, l)) e.published = d;  // the last one wins, as in feedparser
        } else if (l == "updated" || l == "modified") {
          if (auto d = Date(c, l)) e.updated = d;
        } else if (l == "summary" && summary.value.empty())
          summary = AtomConstruct(c);
        else if (l == "content" && content.value.empty())
          content = AtomConstruct(c);
        else if (l == "author")
          AddAuthor(e, AtomPerson(c));
        else if (l == "category") {
          if (const auto* term = n.Attr("term")) AddCategory(e, *term);
        } else if (l != "created" && l != "contributor")
          KeepExtension(e, c);
      } else if (n.ns == Ns::kDc) {
        if (l == "creator" || l == "author")
          AddAuthor(e, Text(c));
        else if (l == "subject")
          AddCategory(e, Text(c));
        else if (l == "date") {
          auto d = Date(c, l);
          if (!e.published) e.published = d;
          if (!e.updated) e.updated = d;
        } else if (l == "description" && summary.value.empty())
          summary = RssConstruct(c);
        else
          KeepExtension(e, c);
      } else if (n.ns == Ns::kDcTerms) {
        if ((l == "issued" || l == "created") && !e.published)
          e.published = Date(c, l);
        else if (l == "modified" && !e.updated)
          e.updated = Date(c, l);
      } else if (n.ns == Ns::kContent && l == "encoded") {
        if (content.value.empty()) content = {Trim(Steal(c)), true};
      } else {
        KeepExtension(e, c);
      }
    }
    e.summary = std::move(summary.value);
    e.content = std::move(content.value);
    FinishEntry(e, summary.html, content.html);
    feed_.entries.push_back(std::move(e));
  }

  XmlDocument& doc_;
  const ParseOptions& options_;
  bool has_xml_base_ = false;
  std::vector<std::string> base_strings_;
  std::vector<uint32_t> base_of_;
  Feed feed_;
  std::string itunes_summary_;
  std::string sy_period_;
  std::string sy_frequency_;
};

}  // namespace

Result<Feed> MapXmlFeed(XmlDocument& doc, const ParseOptions& options) {
  Mapper m(doc, options);
  return m.Map();
}

}  // namespace newsmon::feed
