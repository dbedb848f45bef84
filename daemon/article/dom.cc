#include "article/dom.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstring>
#include <mutex>

#include "article/tag_repair.h"
#include "util/text.h"

namespace newsmon::article {
namespace {

// RECOVER: real pages are rarely valid. NOERROR/NOWARNING: a daemon must not
// print a line per malformed tag. NONET: never fetch a DTD. IGNORE_ENC: the input is
// already UTF-8 (charset.cc decoded it), so a <meta charset> must not make
// libxml2 decode it a second time. HUGE: without it libxml2 stops reading
// the page at nesting depth 256 and drops the rest; we keep deeper content
// and flatten it ourselves (kMaxDepth).
constexpr int kParseOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                              HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;

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

Dom::Dom(Dom&&) noexcept = default;
Dom& Dom::operator=(Dom&&) noexcept = default;
Dom::~Dom() = default;

// Receives the parser's SAX events and appends to the Dom's flat table.
// The parser applies its tree rules (implied <html>/<body>/<p>, elements
// closed by what follows them) before it reports an element, so the table
// is the tree libxml2 would have built.
class DomBuilder {
 public:
  explicit DomBuilder(Dom& dom) : dom_(dom) {}

  static void OnStart(void* self, const xmlChar* name, const xmlChar** attrs) {
    static_cast<DomBuilder*>(self)->Start(Chars(name), attrs);
  }
  static void OnEnd(void* self, const xmlChar*) { static_cast<DomBuilder*>(self)->End(); }
  static void OnText(void* self, const xmlChar* text, int length) {
    static_cast<DomBuilder*>(self)->pending_text_.append(reinterpret_cast<const char*>(text),
                                                         static_cast<size_t>(std::max(length, 0)));
  }

  void Finish() {
    FlushText();
    for (; !open_.empty(); open_.pop_back()) {
      if (open_.back().node >= 0) dom_.nodes_[static_cast<size_t>(open_.back().node)].end = dom_.size();
    }
  }

 private:
  // Where an open element's children go: itself, or for a void element, an
  // element past the depth cap or a repeated <html>/<body>, somewhere above.
  struct Open {
    int node;  // -1: nothing to close (folded into `child_parent`, or ended already)
    int child_parent;
    int child_depth;
  };

  // Copies `text` into the Dom's blocks; the view stays valid as they grow.
  std::string_view Store(std::string_view text) {
    if (text.empty()) return {};
    if (text.size() > block_left_) {
      const size_t size = std::max<size_t>(text.size(), kBlockBytes);
      dom_.blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
      block_next_ = dom_.blocks_.back().get();
      block_left_ = size;
    }
    std::memcpy(block_next_, text.data(), text.size());
    const std::string_view stored(block_next_, text.size());
    block_next_ += text.size();
    block_left_ -= text.size();
    return stored;
  }

  // Content after </html> goes into the body, as in HTML5.
  int GraftTarget() const { return body_ >= 0 ? body_ : 0; }

  int Append(DomNode n) {
    const int index = dom_.size();
    dom_.nodes_.push_back(n);
    last_child_.push_back(-1);
    if (n.parent >= 0) {
      int& prev = last_child_[static_cast<size_t>(n.parent)];
      if (prev < 0) {
        dom_.nodes_[static_cast<size_t>(n.parent)].first_child = index;
      } else {
        dom_.nodes_[static_cast<size_t>(prev)].next_sibling = index;
      }
      prev = index;
    }
    return index;
  }

  void FlushText() {
    if (pending_text_.empty()) return;
    // Text outside every element: before the first one it has no place, and
    // libxml2 drops what follows </html> as well.
    if (parser_open_ > 0) {
      DomNode n;
      n.is_text = true;
      n.parent = open_.back().child_parent;
      n.depth = open_.back().child_depth;
      n.text = Store(pending_text_);
      const int index = Append(n);
      dom_.nodes_[static_cast<size_t>(index)].end = index + 1;
    }
    pending_text_.clear();
  }

  void Start(const char* name, const xmlChar** attrs) {
    FlushText();
    const GumboTag tag = gumbo_tag_enum(name);
    int parent = 0;
    int depth = 0;
    if (!open_.empty()) {
      parent = open_.back().child_parent;
      depth = open_.back().child_depth;
    } else if (dom_.size() > 0) {
      // Content after </html>: the target and its ancestors open again, so
      // that their subtrees reach to the new nodes.
      for (int k = GraftTarget(); k >= 0; k = dom_.node(k).parent) {
        open_.insert(open_.begin(), {k, k, dom_.node(k).depth + 1});
      }
      parent = open_.back().child_parent;
      depth = open_.back().child_depth;
    } else {
      parent = -1;
    }
    ++parser_open_;
    if (dom_.size() > 0 && (tag == GUMBO_TAG_HTML || (tag == GUMBO_TAG_BODY && body_ >= 0))) {
      open_.push_back({-1, parent, depth});
      return;
    }
    DomNode n;
    n.tag = tag;
    n.parent = parent;
    n.depth = depth;
    n.first_attr = static_cast<int>(dom_.attrs_.size());
    for (const xmlChar** a = attrs; a && a[0]; a += 2) {
      dom_.attrs_.push_back({Store(Chars(a[0])), Store(Chars(a[1]))});
    }
    n.attrs = static_cast<int>(dom_.attrs_.size()) - n.first_attr;
    if (tag == GUMBO_TAG_UNKNOWN) {
      // The name, for TagName(), as a last pseudo-attribute nobody asks for.
      dom_.attrs_.push_back({{}, Store(name)});
    }
    const int index = Append(n);
    if (tag == GUMBO_TAG_BODY && body_ < 0) body_ = index;
    // Beyond the depth cap children are attached to this node's parent chain
    // at the cap, which keeps their text but flattens their structure.
    const bool hoist = depth >= Dom::kMaxDepth || IsVoid(tag);
    if (hoist) dom_.nodes_[static_cast<size_t>(index)].end = index + 1;
    open_.push_back({hoist ? -1 : index, hoist ? parent : index, hoist ? depth : depth + 1});
  }

  void End() {
    FlushText();
    if (open_.empty() || parser_open_ == 0) return;
    --parser_open_;
    const Open closed = open_.back();
    open_.pop_back();
    if (closed.node >= 0) dom_.nodes_[static_cast<size_t>(closed.node)].end = dom_.size();
  }

  static constexpr size_t kBlockBytes = 64 * 1024;
  Dom& dom_;
  std::vector<Open> open_;
  std::vector<int> last_child_;
  std::string pending_text_;
  int body_ = -1;
  int parser_open_ = 0;  // elements open in the parser; below them, ones we reopened
  char* block_next_ = nullptr;
  size_t block_left_ = 0;
};

Result<Dom> Dom::Parse(std::string_view utf8_html) {
  PrepareLibxml2();
  Dom dom;
  const std::optional<std::string> repaired = RepairTagsForLibxml2(utf8_html);
  const std::string_view html = repaired ? std::string_view(*repaired) : utf8_html;
  if (html.size() > static_cast<size_t>(INT_MAX)) return MakeError(ErrorCode::kInvalidArgument, "page too large");
  // As htmlReadMemory sets up its parser, with our handler in place of the
  // one that builds a libxml2 tree.
  xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(html.data(), static_cast<int>(html.size()));
  if (!ctxt || !ctxt->sax) {
    if (ctxt) xmlFreeParserCtxt(ctxt);
    return MakeError(ErrorCode::kInvalidArgument, "HTML parser failed");
  }
  DomBuilder builder(dom);
  xmlSAXHandler sax{};
  sax.startElement = &DomBuilder::OnStart;
  sax.endElement = &DomBuilder::OnEnd;
  sax.characters = &DomBuilder::OnText;
  sax.cdataBlock = &DomBuilder::OnText;  // script and style bodies: text, as in gumbo
  *ctxt->sax = sax;
  ctxt->userData = &builder;
  htmlCtxtUseOptions(ctxt, kParseOptions);
  if (xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8")) xmlSwitchToEncoding(ctxt, utf8);
  dom.nodes_.reserve(html.size() / 40 + 16);
  htmlParseDocument(ctxt);
  builder.Finish();
  xmlFreeParserCtxt(ctxt);
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

// `stored` is in lower case, as the parser gives attribute names; `asked`
// may be in any case.
bool SameName(std::string_view stored, const char* asked) {
  size_t k = 0;
  for (; k < stored.size(); ++k) {
    if (asked[k] == '\0' || stored[k] != AsciiLowerChar(asked[k])) return false;
  }
  return asked[k] == '\0';
}

}  // namespace

std::string_view Dom::Attr(int i, const char* name) const {
  const DomNode& n = node(i);
  if (n.is_text) return {};
  for (int a = n.first_attr; a < n.first_attr + n.attrs; ++a) {
    if (SameName(attrs_[static_cast<size_t>(a)].name, name)) return attrs_[static_cast<size_t>(a)].value;
  }
  return {};
}

std::string_view Dom::ClassAndId(int i) const {
  // All nodes at once, so the text never grows under a view handed out.
  if (class_and_id_span_.empty()) {
    class_and_id_span_.resize(nodes_.size());
    for (int k = 0; k < size(); ++k) {
      const int offset = static_cast<int>(class_and_id_.size());
      if (!node(k).is_text) {
        class_and_id_ += Attr(k, "class");
        class_and_id_ += ' ';
        class_and_id_ += Attr(k, "id");
      }
      class_and_id_span_[static_cast<size_t>(k)] = {offset, static_cast<int>(class_and_id_.size()) - offset};
      if (!node(k).is_text) class_and_id_ += ' ';  // whole-word searches never join two elements
    }
    for (char& c : class_and_id_) c = AsciiLowerChar(c);
  }
  const auto [offset, length] = class_and_id_span_[static_cast<size_t>(i)];
  return std::string_view(class_and_id_).substr(static_cast<size_t>(offset), static_cast<size_t>(length));
}

int Dom::CountClassToken(std::string_view token) const {
  if (token.empty()) return 0;
  if (class_and_id_span_.empty()) (void)ClassAndId(0);
  const std::string_view all = class_and_id_;
  int n = 0;
  for (size_t at = all.find(token); at != std::string_view::npos; at = all.find(token, at + token.size())) {
    const bool starts = at == 0 || all[at - 1] == ' ';
    const bool ends = at + token.size() == all.size() || all[at + token.size()] == ' ';
    if (starts && ends) ++n;
  }
  return n;
}

bool Dom::HasAttr(int i, const char* name) const {
  const DomNode& n = node(i);
  if (n.is_text) return false;
  for (int a = n.first_attr; a < n.first_attr + n.attrs; ++a) {
    if (SameName(attrs_[static_cast<size_t>(a)].name, name)) return true;
  }
  return false;
}

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
  std::string name(attrs_[static_cast<size_t>(n.first_attr + n.attrs)].value);
  for (char& c : name) c = AsciiLowerChar(c);
  return name;
}

}  // namespace newsmon::article
