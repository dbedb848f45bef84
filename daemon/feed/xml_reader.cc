// Hand-written forgiving XML tokenizer, used instead of libxml2 so that
// recovery follows what feed readers do rather than what libxml2's recover
// mode happens to do, and so that entity handling is entirely ours. Alone it
// reads the corpus at about 1 GB/s per core (bench/feed_bench, BM_XmlReaderCorpus).
#include "feed/xml_reader.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "feed/html_entities.h"

namespace newsmon::feed {
namespace {

constexpr size_t kMaxAttributes = 256;
constexpr size_t kMaxBindings = 1024;

// Names in warnings are cut: a hostile name can be megabytes long.
std::string Short(std::string_view name) { return std::string(name.substr(0, 64)); }

struct XmlFailure {
  ErrorCode code;
  std::string message;
};

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
bool IsAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsNameStart(unsigned char c) { return IsAsciiAlpha(c) || c == '_' || c == ':' || c >= 0x80; }
bool IsNameChar(unsigned char c) {
  return IsAsciiAlpha(c) || (c >= '0' && c <= '9') || c == '_' || c == ':' || c == '-' || c == '.' || c >= 0x80;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Ns ClassifyNamespace(std::string_view uri) {
  std::string u = Lower(uri);
  while (!u.empty() && (u.back() == '/' || u.back() == '#' || u.back() == ' ')) u.pop_back();
  static const std::pair<const char*, Ns> kKnown[] = {
      {"http://www.w3.org/2005/atom", Ns::kAtom10},
      {"http://purl.org/atom/ns", Ns::kAtom03},
      {"http://my.netscape.com/rdf/simple/0.9", Ns::kRss090},
      {"http://purl.org/rss/1.0", Ns::kRss10},
      {"http://backend.userland.com/rss2", Ns::kRss2},
      {"http://backend.userland.com/rss", Ns::kRss2},
      {"http://blogs.law.harvard.edu/tech/rss", Ns::kRss2},
      {"http://www.w3.org/1999/02/22-rdf-syntax-ns", Ns::kRdf},
      {"http://purl.org/dc/elements/1.1", Ns::kDc},
      {"http://purl.org/dc/elements/1.0", Ns::kDc},
      {"http://purl.org/dc/terms", Ns::kDcTerms},
      {"http://purl.org/rss/1.0/modules/content", Ns::kContent},
      {"http://www.w3.org/1999/xhtml", Ns::kXhtml},
      {"http://purl.org/rss/1.0/modules/syndication", Ns::kSy},
      {"http://search.yahoo.com/mrss", Ns::kMedia},
      {"http://www.itunes.com/dtds/podcast-1.0.dtd", Ns::kItunes},
      {"http://www.w3.org/xml/1998/namespace", Ns::kXml},
  };
  for (const auto& [known, ns] : kKnown) {
    if (u == known) return ns;
  }
  return Ns::kOther;
}

// Prefixes publishers use without declaring them.
const char* WellKnownPrefix(std::string_view prefix) {
  static const std::pair<const char*, const char*> kPrefixes[] = {
      {"dc", "http://purl.org/dc/elements/1.1/"},
      {"dcterms", "http://purl.org/dc/terms/"},
      {"content", "http://purl.org/rss/1.0/modules/content/"},
      {"atom", "http://www.w3.org/2005/Atom"},
      {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
      {"sy", "http://purl.org/rss/1.0/modules/syndication/"},
      {"media", "http://search.yahoo.com/mrss/"},
      {"itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"},
      {"xhtml", "http://www.w3.org/1999/xhtml"},
      {"xml", "http://www.w3.org/XML/1998/namespace"},
  };
  for (const auto& [p, uri] : kPrefixes) {
    if (prefix == p) return uri;
  }
  return nullptr;
}

uint32_t Windows1252Control(uint32_t cp) {
  // HTML maps &#128;..&#159; to the windows-1252 characters publishers meant.
  static const uint16_t kMap[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  const uint16_t m = kMap[cp - 0x80];
  return m ? m : cp;
}

}  // namespace

namespace {

// Decodes the reference starting at text[amp] == '&'. Returns the bytes
// consumed (0 when it is not a reference we know: the caller keeps '&').
// `custom` resolves DTD-declared names before the HTML table.
template <typename Custom>
size_t DecodeRef(std::string_view text, size_t amp, std::string& out, Custom&& custom) {
  size_t p = amp + 1;
  // The references escaped HTML is made of, without the general path.
  if (p + 3 <= text.size() && text[p + 2] == ';') {
    if (text[p] == 'l' && text[p + 1] == 't') {
      out += '<';
      return 4;
    }
    if (text[p] == 'g' && text[p + 1] == 't') {
      out += '>';
      return 4;
    }
  } else if (p + 4 <= text.size() && text[p] == 'a' && text[p + 1] == 'm' && text[p + 2] == 'p' && text[p + 3] == ';') {
    out += '&';
    return 5;
  }
  if (p < text.size() && text[p] == '#') {
    ++p;
    const bool hex = p < text.size() && (text[p] == 'x' || text[p] == 'X');
    if (hex) ++p;
    const size_t digits_begin = p;
    uint32_t cp = 0;
    while (p < text.size() && p - digits_begin < 9 &&
           (hex ? std::isxdigit(static_cast<unsigned char>(text[p]))
                : std::isdigit(static_cast<unsigned char>(text[p])))) {
      const char c = text[p];
      const uint32_t d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10);
      cp = cp * (hex ? 16 : 10) + d;
      ++p;
    }
    if (p == digits_begin) return 0;
    if (p < text.size() && text[p] == ';') ++p;
    if (cp >= 0x80 && cp < 0xA0) cp = Windows1252Control(cp);
    // Control characters are illegal in XML 1.0 even as references: dropped.
    if (cp == 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')) return p - amp;
    AppendUtf8(out, cp);
    return p - amp;
  }
  size_t q = p;
  while (q < text.size() && q - p < 40 && IsNameChar(static_cast<unsigned char>(text[q]))) ++q;
  if (q == p) return 0;
  const std::string_view name = text.substr(p, q - p);
  if (q >= text.size() || text[q] != ';') {
    // "&amp " without its ';': browsers read the XML-predefined ones anyway.
    static const std::pair<std::string_view, char> kLegacy[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}};
    for (const auto& [n, c] : kLegacy) {
      if (name == n) {
        out += c;
        return q - amp;
      }
    }
    return 0;
  }
  if (name == "amp") {
    out += '&';
  } else if (name == "lt") {
    out += '<';
  } else if (name == "gt") {
    out += '>';
  } else if (name == "quot") {
    out += '"';
  } else if (name == "apos") {
    out += '\'';
  } else if (!custom(name, out)) {
    const std::string_view v = LookupHtmlEntity(name);
    if (v.empty()) return 0;
    out += v;
  }
  return q + 1 - amp;
}

class Reader {
 public:
  Reader(XmlDocument& doc, const XmlLimits& limits) : doc_(doc), s_(doc.source), limits_(limits) {}

  void Run() {
    doc_.nodes.reserve(s_.size() / 64 + 16);
    while (p_ < s_.size()) {
      const char* lt = static_cast<const char*>(std::memchr(s_.data() + p_, '<', s_.size() - p_));
      const size_t end = lt ? static_cast<size_t>(lt - s_.data()) : s_.size();
      if (end > p_) Text(s_.substr(p_, end - p_));
      p_ = end;
      if (p_ < s_.size()) Markup();
    }
    if (!stack_.empty()) {
      Warn("unclosed <" + Short(doc_.nodes[stack_.back()].name) + "> at end of document");
      // Kept in the tree, but marked: the mapper must not take a cut-off item
      // for a whole one.
      for (const int id : stack_) doc_.nodes[id].unclosed = true;
      while (!stack_.empty()) Close(s_.size());
    }
    if (doc_.root < 0) throw XmlFailure{ErrorCode::kInvalidArgument, "no root element: not an XML document"};
  }

 private:
  void Warn(std::string message) {
    if (doc_.warnings.size() < 50) doc_.warnings.push_back(std::move(message));
  }

  void Markup() {
    // Most markup is a start or end tag: decide those on one byte.
    if (p_ + 1 < s_.size()) {
      const unsigned char next = static_cast<unsigned char>(s_[p_ + 1]);
      if (next == '/') return EndTag();
      if (IsNameStart(next) && next != ':') return StartTag();
    }
    const std::string_view rest = s_.substr(p_);
    if (rest.starts_with("<!--")) {
      const size_t e = s_.find("-->", p_ + 4);
      if (e == std::string_view::npos) Warn("unterminated comment");
      p_ = e == std::string_view::npos ? s_.size() : e + 3;
    } else if (rest.starts_with("<![CDATA[")) {
      const size_t e = s_.find("]]>", p_ + 9);
      if (e == std::string_view::npos) Warn("unterminated CDATA section");
      const size_t stop = e == std::string_view::npos ? s_.size() : e;
      AppendText(s_.substr(p_ + 9, stop - p_ - 9));
      p_ = e == std::string_view::npos ? s_.size() : e + 3;
    } else if (rest.starts_with("<!DOCTYPE") || rest.starts_with("<!doctype")) {
      Doctype();
    } else if (rest.starts_with("<?")) {
      const size_t e = s_.find("?>", p_ + 2);
      p_ = e == std::string_view::npos ? s_.size() : e + 2;
    } else if (rest.starts_with("<!")) {
      const size_t e = s_.find('>', p_ + 2);
      p_ = e == std::string_view::npos ? s_.size() : e + 1;
    } else if (rest.size() > 1 && rest[1] == '/') {
      EndTag();
    } else if (rest.size() > 1 && IsNameStart(static_cast<unsigned char>(rest[1]))) {
      StartTag();
    } else {
      Warn("bare '<' in text");
      AppendText("<");
      ++p_;
    }
  }

  std::string_view Name() {
    const size_t b = p_;
    while (p_ < s_.size() && IsNameChar(static_cast<unsigned char>(s_[p_]))) ++p_;
    return s_.substr(b, p_ - b);
  }
  void SkipSpace() {
    while (p_ < s_.size() && IsSpace(s_[p_])) ++p_;
  }

  std::string_view Quoted() {
    if (p_ >= s_.size() || (s_[p_] != '"' && s_[p_] != '\'')) return {};
    const char q = s_[p_];
    const size_t e = s_.find(q, p_ + 1);
    const size_t stop = e == std::string_view::npos ? s_.size() : e;
    std::string_view v = s_.substr(p_ + 1, stop - p_ - 1);
    p_ = e == std::string_view::npos ? s_.size() : e + 1;
    return v;
  }

  // Reads the DOCTYPE, keeping internal general entities and refusing
  // external ones: nothing is ever fetched or read from disk.
  void Doctype() {
    p_ += 9;
    size_t depth = 0;
    while (p_ < s_.size()) {
      const char c = s_[p_];
      if (c == '[') {
        ++depth;
        ++p_;
      } else if (c == ']') {
        if (depth > 0) --depth;
        ++p_;
      } else if (c == '>' && depth == 0) {
        ++p_;
        return;
      } else if (c == '"' || c == '\'') {
        Quoted();
      } else if (depth > 0 && s_.substr(p_).starts_with("<!--")) {
        const size_t e = s_.find("-->", p_ + 4);
        p_ = e == std::string_view::npos ? s_.size() : e + 3;
      } else if (depth > 0 && s_.substr(p_).starts_with("<!ENTITY")) {
        EntityDecl();
      } else {
        ++p_;
      }
    }
    Warn("unterminated DOCTYPE");
  }

  void EntityDecl() {
    p_ += 8;
    SkipSpace();
    bool parameter = false;
    if (p_ < s_.size() && s_[p_] == '%') {
      parameter = true;
      ++p_;
      SkipSpace();
    }
    const std::string name(Name());
    SkipSpace();
    const std::string_view rest = s_.substr(p_);
    if (rest.starts_with("SYSTEM") || rest.starts_with("PUBLIC")) {
      throw XmlFailure{ErrorCode::kInvalidArgument,
                       "document declares external entity '" + Short(name) + "': external entities are refused (XXE)"};
    }
    const std::string_view value = Quoted();
    const size_t e = s_.find('>', p_);
    p_ = e == std::string_view::npos ? s_.size() : e + 1;
    if (parameter || name.empty()) return;
    if (entities_.size() >= limits_.max_entities) {
      throw XmlFailure{ErrorCode::kLimit, "too many entity declarations in DTD"};
    }
    // The expanded size is known now; refusing here stops "billion laughs"
    // before a single byte is expanded.
    std::string expanded;
    Expand(value, expanded, 0);
    if (!entities_.count(name)) entities_.emplace(name, std::move(expanded));
  }

  void Expand(std::string_view value, std::string& out, int depth) {
    if (depth > 8) throw XmlFailure{ErrorCode::kLimit, "entity references nested too deeply"};
    for (size_t i = 0; i < value.size();) {
      if (value[i] != '&') {
        const size_t amp = value.find('&', i);
        const size_t stop = amp == std::string_view::npos ? value.size() : amp;
        out.append(value.substr(i, stop - i));
        i = stop;
      } else {
        const size_t n =
            DecodeRef(value, i, out, [&](std::string_view name, std::string& o) { return Custom(name, o); });
        if (n == 0) out += '&';
        i += n == 0 ? 1 : n;
      }
      if (out.size() > limits_.max_entity_bytes) {
        throw XmlFailure{ErrorCode::kLimit, "entity expansion exceeds limit (billion laughs attack?)"};
      }
    }
  }

  bool Custom(std::string_view name, std::string& out) {
    if (entities_.empty()) return false;
    auto it = entities_.find(std::string(name));
    if (it == entities_.end()) return false;
    expanded_bytes_ += it->second.size();
    if (expanded_bytes_ > limits_.max_entity_bytes) {
      throw XmlFailure{ErrorCode::kLimit, "entity expansion exceeds limit (billion laughs attack?)"};
    }
    out += it->second;
    return true;
  }

  // Decodes references in `raw` into `out`.
  void Decode(std::string_view raw, std::string& out) {
    size_t i = 0;
    while (i < raw.size()) {
      const char* amp = static_cast<const char*>(std::memchr(raw.data() + i, '&', raw.size() - i));
      const size_t stop = amp ? static_cast<size_t>(amp - raw.data()) : raw.size();
      out.append(raw.substr(i, stop - i));
      i = stop;
      if (i >= raw.size()) break;
      const size_t n = DecodeRef(raw, i, out, [&](std::string_view name, std::string& o) { return Custom(name, o); });
      if (n == 0) {
        if (!warned_amp_) Warn("unescaped '&' or unknown entity");
        warned_amp_ = true;
        out += '&';
        ++i;
      } else {
        i += n;
      }
    }
  }

  void Text(std::string_view raw) {
    if (stack_.empty()) return;  // text outside the root (usually white space)
    if (raw.find('&') == std::string_view::npos) {
      AppendText(raw);
      return;
    }
    std::string decoded;
    Decode(raw, decoded);
    AppendText(decoded);
  }

  void AppendText(std::string_view text) {
    if (stack_.empty() || text.empty()) return;
    const int parent = stack_.back();
    XmlNode& pn = doc_.nodes[parent];
    if (pn.last_child >= 0 && doc_.nodes[pn.last_child].is_text) {
      doc_.nodes[pn.last_child].text.append(text);
      return;
    }
    XmlNode n;
    n.is_text = true;
    n.text.assign(text);
    Link(parent, std::move(n));
  }

  int Link(int parent, XmlNode&& n) {
    const int id = static_cast<int>(doc_.nodes.size());
    n.parent = parent;
    doc_.nodes.push_back(std::move(n));
    if (parent >= 0) {
      XmlNode& pn = doc_.nodes[parent];
      if (pn.last_child >= 0) {
        doc_.nodes[pn.last_child].next_sibling = id;
      } else {
        pn.first_child = id;
      }
      pn.last_child = id;
      if (!doc_.nodes[id].is_text) ++pn.child_elements;
    }
    return id;
  }

  uint16_t Intern(std::string_view uri) {
    if (uri.empty()) return 0;
    auto it = ns_index_.find(std::string(uri));
    if (it != ns_index_.end()) return it->second;
    if (doc_.namespaces.size() >= 60000) return 0;
    ns_index_.emplace(std::string(uri), static_cast<uint16_t>(doc_.namespaces.size()));
    doc_.namespaces.emplace_back(uri);
    ns_kinds_.resize(doc_.namespaces.size(), Ns::kNone);
    ns_kinds_.back() = ClassifyNamespace(uri);
    return static_cast<uint16_t>(doc_.namespaces.size() - 1);
  }

  uint16_t Resolve(std::string_view prefix) {
    for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it) {
      if (it->prefix == prefix) return it->ns_id;
    }
    if (prefix.empty()) return 0;
    if (const char* uri = WellKnownPrefix(prefix)) return Intern(uri);
    return 0;
  }

  Ns KindOf(uint16_t ns_id) const { return ns_id < ns_kinds_.size() ? ns_kinds_[ns_id] : Ns::kNone; }

  void StartTag() {
    ++p_;
    XmlNode n;
    n.name.assign(Name());
    // Attributes.
    bool self_closing = false;
    while (true) {
      SkipSpace();
      if (p_ >= s_.size()) {
        Warn("unterminated start tag <" + Short(n.name) + ">");
        break;
      }
      const char c = s_[p_];
      if (c == '>') {
        ++p_;
        break;
      }
      if (c == '/' && p_ + 1 < s_.size() && s_[p_ + 1] == '>') {
        p_ += 2;
        self_closing = true;
        break;
      }
      if (c == '<') {
        Warn("unterminated start tag <" + Short(n.name) + ">");
        break;
      }
      if (!IsNameStart(static_cast<unsigned char>(c))) {
        ++p_;
        continue;
      }
      XmlAttr a;
      a.name.assign(Name());
      SkipSpace();
      if (p_ < s_.size() && s_[p_] == '=') {
        ++p_;
        SkipSpace();
        std::string_view raw;
        if (p_ < s_.size() && (s_[p_] == '"' || s_[p_] == '\'')) {
          raw = Quoted();
        } else {
          const size_t b = p_;
          while (p_ < s_.size() && !IsSpace(s_[p_]) && s_[p_] != '>') ++p_;
          raw = s_.substr(b, p_ - b);
          if (!raw.empty()) Warn("unquoted attribute value");
        }
        if (raw.find('&') == std::string_view::npos) {
          a.value.assign(raw);
        } else {
          Decode(raw, a.value);
        }
        for (char& ch : a.value) {
          if (ch == '\n' || ch == '\t' || ch == '\r') ch = ' ';
        }
      }
      // Capped: the duplicate check is quadratic, and no feed needs more.
      if (n.attrs.size() >= kMaxAttributes) {
        if (!warned_attrs_)
          Warn("more than " + std::to_string(kMaxAttributes) + " attributes on an element; rest ignored");
        warned_attrs_ = true;
        continue;
      }
      bool dup = false;
      for (const auto& o : n.attrs) dup = dup || o.name == a.name;
      if (!dup) n.attrs.push_back(std::move(a));
    }
    // Namespace declarations apply to the element itself.
    const size_t bindings_before = bindings_.size();
    for (const auto& a : n.attrs) {
      if (bindings_.size() >= kMaxBindings) break;  // lookups scan the stack: keep it short
      if (a.name == "xmlns") {
        bindings_.push_back({"", Intern(a.value), stack_.size()});
      } else if (a.name.starts_with("xmlns:")) {
        bindings_.push_back({a.name.substr(6), Intern(a.value), stack_.size()});
      }
    }
    const size_t colon = n.name.find(':');
    std::string_view prefix;
    if (colon != std::string::npos) {
      prefix = std::string_view(n.name).substr(0, colon);
      n.local_offset = static_cast<uint16_t>(std::min<size_t>(colon + 1, 65535));
    }
    n.ns_id = Resolve(prefix);
    n.ns = KindOf(n.ns_id);
    for (auto& a : n.attrs) {
      const size_t ac = a.name.find(':');
      if (ac == std::string::npos || a.name.starts_with("xmlns")) continue;
      a.local_offset = static_cast<uint16_t>(std::min<size_t>(ac + 1, 65535));
      a.ns = KindOf(Resolve(std::string_view(a.name).substr(0, ac)));
    }
    if (stack_.empty() && doc_.root >= 0) {
      // A second root: feeds sometimes concatenate junk after the document.
      Warn("content after the root element ignored");
      bindings_.resize(bindings_before);
      p_ = s_.size();
      return;
    }
    n.inner_begin = n.inner_end = p_;
    const int id = Link(stack_.empty() ? -1 : stack_.back(), std::move(n));
    if (doc_.root < 0) doc_.root = id;
    if (self_closing) {
      bindings_.resize(bindings_before);
      return;
    }
    if (stack_.size() >= limits_.max_depth) {
      throw XmlFailure{ErrorCode::kLimit, "elements nested deeper than " + std::to_string(limits_.max_depth)};
    }
    stack_.push_back(id);
  }

  void Close(size_t inner_end) {
    doc_.nodes[stack_.back()].inner_end = inner_end;
    stack_.pop_back();
    while (!bindings_.empty() && bindings_.back().depth >= stack_.size()) bindings_.pop_back();
  }

  void EndTag() {
    const size_t tag_begin = p_;
    p_ += 2;
    const std::string_view name = Name();
    const size_t e = s_.find('>', p_);
    p_ = e == std::string_view::npos ? s_.size() : e + 1;
    // Close up to the innermost open element of that name, if any is near.
    for (size_t k = stack_.size(), looked = 0; k > 0 && looked < 64; --k, ++looked) {
      if (doc_.nodes[stack_[k - 1]].name == name) {
        if (k != stack_.size()) Warn("unclosed <" + Short(doc_.nodes[stack_.back()].name) + ">");
        while (stack_.size() > k) Close(tag_begin);
        Close(tag_begin);
        return;
      }
    }
    Warn("stray </" + Short(name) + ">");
  }

  struct Binding {
    std::string prefix;
    uint16_t ns_id;
    size_t depth;
  };

  XmlDocument& doc_;
  std::string_view s_;
  const XmlLimits& limits_;
  size_t p_ = 0;
  std::vector<int> stack_;
  std::vector<Binding> bindings_;
  std::vector<Ns> ns_kinds_{Ns::kNone};
  std::unordered_map<std::string, std::string> entities_;
  std::unordered_map<std::string, uint16_t> ns_index_;
  size_t expanded_bytes_ = 0;
  bool warned_attrs_ = false;
  bool warned_amp_ = false;
};

}  // namespace

const std::string* XmlNode::Attr(std::string_view qualified) const {
  for (const auto& a : attrs) {
    if (a.name == qualified) return &a.value;
  }
  return nullptr;
}

const std::string* XmlNode::Attr(Ns attr_ns, std::string_view local_name) const {
  for (const auto& a : attrs) {
    if (a.ns == attr_ns && a.local() == local_name) return &a.value;
  }
  return nullptr;
}

std::string XmlDocument::TextContent(int node) const {
  const XmlNode& n = nodes[node];
  if (n.is_text) return n.text;
  if (n.first_child >= 0 && nodes[n.first_child].next_sibling < 0 && nodes[n.first_child].is_text) {
    return nodes[n.first_child].text;
  }
  std::string out;
  for (int c = n.first_child; c >= 0; c = nodes[c].next_sibling) out += TextContent(c);
  return out;
}

std::string_view XmlDocument::InnerSource(int node) const {
  const XmlNode& n = nodes[node];
  if (n.inner_end <= n.inner_begin || n.inner_end > source.size()) return {};
  return std::string_view(source).substr(n.inner_begin, n.inner_end - n.inner_begin);
}

Result<XmlDocument> ReadXml(std::string utf8, const XmlLimits& limits) {
  XmlDocument doc;
  doc.source = std::move(utf8);
  try {
    Reader reader(doc, limits);
    reader.Run();
  } catch (const XmlFailure& f) {
    return MakeError(f.code, f.message);
  }
  return doc;
}

std::string DecodeEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  DecodeEntitiesTo(text, out);
  return out;
}

void DecodeEntitiesTo(std::string_view text, std::string& out) {
  for (size_t i = 0; i < text.size();) {
    const size_t amp = text.find('&', i);
    const size_t stop = amp == std::string_view::npos ? text.size() : amp;
    out.append(text.substr(i, stop - i));
    i = stop;
    if (i >= text.size()) break;
    const size_t n = DecodeRef(text, i, out, [](std::string_view, std::string&) { return false; });
    if (n == 0) out += '&';
    i += n == 0 ? 1 : n;
  }
}

}  // namespace newsmon::feed
