#include "article/dom.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "util/text.h"

namespace newsmon::article {

// Gumbo frees its tree recursively, which a deeply nested page turns into a
// stack overflow. Allocating from an arena lets us drop the tree without
// walking it, and is faster than malloc for the many small nodes.
struct Dom::Arena {
  static constexpr size_t kBlockSize = 1 << 20;
  std::vector<std::unique_ptr<char[]>> blocks;
  char* cursor = nullptr;
  size_t left = 0;

  void* Allocate(size_t size) {
    size = (size + 15) & ~size_t{15};
    if (size > left) {
      const size_t block = std::max(kBlockSize, size);
      blocks.emplace_back(new char[block]);
      cursor = blocks.back().get();
      left = block;
    }
    void* p = cursor;
    cursor += size;
    left -= size;
    return p;
  }

  static void* GumboAllocate(void* self, size_t size) { return static_cast<Arena*>(self)->Allocate(size); }
  static void GumboFree(void*, void*) {}
};

Dom::Dom() : arena_(std::make_unique<Arena>()) {}
Dom::Dom(Dom&&) noexcept = default;
Dom& Dom::operator=(Dom&&) noexcept = default;
Dom::~Dom() = default;  // the arena owns every gumbo allocation

Result<Dom> Dom::Parse(std::string_view utf8_html) {
  Dom dom;
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::GumboAllocate;
  options.deallocator = &Arena::GumboFree;
  options.userdata = dom.arena_.get();
  options.max_errors = 0;
  dom.output_ = gumbo_parse_with_options(&options, utf8_html.data(), utf8_html.size());
  if (!dom.output_ || !dom.output_->root) return MakeError(ErrorCode::kInvalidArgument, "HTML parser failed");

  // Iterative pre-order walk; `last_child` tracks where the next sibling hangs.
  struct Frame {
    const GumboNode* gumbo;
    int parent;
    int depth;
  };
  std::vector<Frame> stack;
  std::vector<int> last_child;
  stack.push_back({dom.output_->root, -1, 0});
  dom.nodes_.reserve(utf8_html.size() / 40 + 16);
  // Closing subtrees: node i ends when the walk leaves it, i.e. when the next
  // node is not inside it. We record `end` by scanning the open chain.
  std::vector<int> open;
  while (!stack.empty()) {
    const Frame f = stack.back();
    stack.pop_back();
    const GumboNode* g = f.gumbo;
    const bool is_element = g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE;
    const bool is_text = g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE || g->type == GUMBO_NODE_CDATA;
    if (!is_element && !is_text) continue;
    const int index = dom.size();
    while (!open.empty() && open.back() != f.parent) {
      dom.nodes_[static_cast<size_t>(open.back())].end = index;
      open.pop_back();
    }
    DomNode n;
    n.gumbo = g;
    n.is_text = is_text;
    n.tag = is_element ? g->v.element.tag : GUMBO_TAG_UNKNOWN;
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
    const bool capped = f.depth >= kMaxDepth;
    const int child_parent = capped ? f.parent : index;
    const int child_depth = capped ? f.depth : f.depth + 1;
    if (capped) open.pop_back(), dom.nodes_.back().end = index + 1;
    const GumboVector& children = g->v.element.children;
    for (unsigned i = children.length; i-- > 0;) {
      stack.push_back({static_cast<const GumboNode*>(children.data[i]), child_parent, child_depth});
    }
  }
  while (!open.empty()) {
    dom.nodes_[static_cast<size_t>(open.back())].end = dom.size();
    open.pop_back();
  }
  return dom;
}

int Dom::Find(GumboTag tag, int from) const {
  for (int i = std::max(from, 0); i < size(); ++i) {
    if (nodes_[static_cast<size_t>(i)].tag == tag && !nodes_[static_cast<size_t>(i)].is_text) return i;
  }
  return -1;
}

std::string_view Dom::Attr(int i, const char* name) const {
  const DomNode& n = node(i);
  if (n.is_text) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n.gumbo->v.element.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

bool Dom::HasAttr(int i, const char* name) const {
  const DomNode& n = node(i);
  return !n.is_text && gumbo_get_attribute(&n.gumbo->v.element.attributes, name) != nullptr;
}

std::string_view Dom::Text(int i) const {
  const DomNode& n = node(i);
  return n.is_text ? std::string_view(n.gumbo->v.text.text) : std::string_view();
}

std::string Dom::CollapsedText(int i) const {
  std::string raw;
  const int end = node(i).end;
  for (int j = i; j < end;) {
    const DomNode& n = node(j);
    if (!n.is_text && (n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE || n.tag == GUMBO_TAG_TEMPLATE)) {
      j = n.end;
      continue;
    }
    if (n.is_text) raw += Text(j);
    if (!n.is_text && (n.tag == GUMBO_TAG_BR || n.tag == GUMBO_TAG_P || n.tag == GUMBO_TAG_DIV)) raw += ' ';
    ++j;
  }
  return CollapseWhitespace(raw);
}

std::string Dom::TagName(int i) const {
  const DomNode& n = node(i);
  if (n.is_text) return {};
  if (n.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(n.tag);
  GumboStringPiece piece = n.gumbo->v.element.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data ? piece.data : "", piece.length);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name;
}

}  // namespace newsmon::article
