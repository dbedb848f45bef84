#include "article/dom.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <mutex>

#include "article/tag_repair.h"
#include "util/text.h"

namespace newsmon::article {
namespace {

// RECOVER: real pages are rarely valid. NOERROR/NOWARNING: a daemon must not
// print a line per malformed tag. NONET: never fetch a DTD. COMPACT: short
// texts live inside their node, fewer allocations. IGNORE_ENC: the input is
// already UTF-8 (charset.cc decoded it), so a <meta charset> must not make
// libxml2 decode it a second time. HUGE: without it libxml2 stops reading
// the page at nesting depth 256 and drops the rest; we keep deeper content
// and flatten it ourselves (kMaxDepth).
constexpr int kParseOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                              HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;

void IgnoreGenericError(void*, const char*, ...) {}
void IgnoreStructuredError(void*, xmlErrorPtr) {}

// libxml2 reports some errors (out of memory, I/O) outside the parser
// context, through per-thread handlers that print to stderr by default.
void PrepareLibxml2() {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  thread_local const bool silenced = [] {
    xmlSetGenericErrorFunc(nullptr, &IgnoreGenericError);
    xmlSetStructuredErrorFunc(nullptr, &IgnoreStructuredError);
    return true;
  }();
  (void)silenced;
}

// HTML5 void elements. libxml2 knows only the HTML4 ones and lets <wbr>,
// <source>, <track> and <keygen> swallow what follows; their "children" are
// hung on their parent, where an HTML5 parser puts them.
bool IsVoid(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_WBR:
      return true;
    default:
      return false;
  }
}

const char* Chars(const xmlChar* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

}  // namespace

void Dom::FreeDoc::operator()(_xmlDoc* doc) const { xmlFreeDoc(doc); }

Dom::Dom(Dom&&) noexcept = default;
Dom& Dom::operator=(Dom&&) noexcept = default;
Dom::~Dom() = default;

Result<Dom> Dom::Parse(std::string_view utf8_html) {
  PrepareLibxml2();
  Dom dom;
  const std::optional<std::string> repaired = RepairTagsForLibxml2(utf8_html);
  const std::string_view html = repaired ? std::string_view(*repaired) : utf8_html;
  if (html.size() > static_cast<size_t>(INT_MAX)) return MakeError(ErrorCode::kInvalidArgument, "page too large");
  dom.doc_.reset(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", kParseOptions));
  if (!dom.doc_) return MakeError(ErrorCode::kInvalidArgument, "HTML parser failed");

  // Iterative pre-order walk; `last_child` tracks where the next sibling hangs.
  struct Frame {
    const xmlNode* xml;
    int parent;
    int depth;
  };
  std::vector<Frame> stack;
  std::vector<int> last_child;
  for (const xmlNode* c = dom.doc_->last; c; c = c->prev) stack.push_back({c, -1, 0});
  dom.nodes_.reserve(html.size() / 40 + 16);
  // Closing subtrees: node i ends when the walk leaves it, i.e. when the next
  // node is not inside it. We record `end` by scanning the open chain.
  std::vector<int> open;
  int body = -1;
  // Where content after </html>, or inside a second <html> or <body>, goes:
  // into the body, as in HTML5. libxml2 makes it a second root instead.
  auto graft_target = [&] { return body >= 0 && std::find(open.begin(), open.end(), body) != open.end() ? body : 0; };
  while (!stack.empty()) {
    Frame f = stack.back();
    stack.pop_back();
    const xmlNode* x = f.xml;
    const bool is_element = x->type == XML_ELEMENT_NODE;
    // Script and style bodies come as CDATA nodes; they stay text, as in gumbo.
    const bool is_text = x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE;
    if (!is_element && !is_text) continue;
    if (f.parent < 0 && dom.size() == 0 && !is_element) continue;  // node 0 is an element
    if (f.parent < 0 && dom.size() > 0) {
      f.parent = graft_target();
      f.depth = dom.node(f.parent).depth + 1;
    }
    const GumboTag tag = is_element ? gumbo_tag_enum(Chars(x->name)) : GUMBO_TAG_UNKNOWN;
    if (dom.size() > 0 && (tag == GUMBO_TAG_HTML || (tag == GUMBO_TAG_BODY && body >= 0))) {
      const int target = graft_target();
      for (const xmlNode* c = x->last; c; c = c->prev) stack.push_back({c, target, dom.node(target).depth + 1});
      continue;
    }
    const int index = dom.size();
    while (!open.empty() && open.back() != f.parent) {
      dom.nodes_[static_cast<size_t>(open.back())].end = index;
      open.pop_back();
    }
    DomNode n;
    n.xml = x;
    n.is_text = is_text;
    n.tag = tag;
    if (n.tag == GUMBO_TAG_BODY && body < 0) body = index;
    if (is_text) n.text = Chars(x->content);
    n.parent = f.parent;
    n.depth = f.depth;
    dom.nodes_.push_back(n);
    last_child.push_back(-1);
    if (f.parent >= 0) {
      int& prev = last_child[static_cast<size_t>(f.parent)];
      if (prev < 0) {
        dom.nodes_[static_cast<size_t>(f.parent)].first_child = index;
      } else {
        dom.nodes_[static_cast<size_t>(prev)].next_sibling = index;
      }
      prev = index;
    }
    open.push_back(index);
    if (!is_element) continue;
    // Beyond the depth cap children are attached to this node's parent chain
    // at the cap, which keeps their text but flattens their structure.
    const bool hoist = f.depth >= kMaxDepth || IsVoid(n.tag);
    const int child_parent = hoist ? f.parent : index;
    const int child_depth = hoist ? f.depth : f.depth + 1;
    if (hoist) open.pop_back(), dom.nodes_.back().end = index + 1;
    for (const xmlNode* c = x->last; c; c = c->prev) stack.push_back({c, child_parent, child_depth});
  }
  while (!open.empty()) {
    dom.nodes_[static_cast<size_t>(open.back())].end = dom.size();
    open.pop_back();
  }
  if (dom.nodes_.empty()) return MakeError(ErrorCode::kInvalidArgument, "no HTML elements");
  return dom;
}

int Dom::Find(GumboTag tag, int from) const {
  for (int i = std::max(from, 0); i < size(); ++i) {
    if (nodes_[static_cast<size_t>(i)].tag == tag && !nodes_[static_cast<size_t>(i)].is_text) return i;
  }
  return -1;
}

namespace {

const xmlAttr* FindAttr(const DomNode& n, const char* name) {
  if (n.is_text) return nullptr;
  for (const xmlAttr* a = n.xml->properties; a; a = a->next) {
    if (xmlStrcasecmp(a->name, reinterpret_cast<const xmlChar*>(name)) == 0) return a;
  }
  return nullptr;
}

}  // namespace

std::string_view Dom::Attr(int i, const char* name) const {
  const xmlAttr* a = FindAttr(node(i), name);
  if (!a || !a->children) return {};
  // The HTML parser decodes entities itself and stores one text child.
  if (!a->children->next && a->children->type == XML_TEXT_NODE) return Chars(a->children->content);
  xmlChar* joined = xmlNodeListGetString(a->doc, a->children, 1);
  joined_.emplace_back(Chars(joined));
  xmlFree(joined);
  return joined_.back();
}

bool Dom::HasAttr(int i, const char* name) const { return FindAttr(node(i), name) != nullptr; }

std::string_view Dom::Text(int i) const { return node(i).text; }

std::string Dom::CollapsedText(int i) const {
  std::string raw;
  const int end = node(i).end;
  for (int j = i; j < end;) {
    const DomNode& n = node(j);
    if (!n.is_text && (n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE || n.tag == GUMBO_TAG_TEMPLATE)) {
      j = n.end;
      continue;
    }
    if (n.is_text) raw += n.text;
    if (!n.is_text && (n.tag == GUMBO_TAG_BR || n.tag == GUMBO_TAG_P || n.tag == GUMBO_TAG_DIV)) raw += ' ';
    ++j;
  }
  return CollapseWhitespace(raw);
}

std::string Dom::TagName(int i) const {
  const DomNode& n = node(i);
  if (n.is_text) return {};
  if (n.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(n.tag);
  std::string name = Chars(n.xml->name);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name;
}

}  // namespace newsmon::article
