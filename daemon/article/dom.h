// A flat, read-only view of a parsed HTML page for the extractor's passes.
//
//   Result<Dom> dom = Dom::Parse(utf8_html);
//   for (int i = 0; i < dom->size(); ++i)
//     if (dom->node(i).tag == GUMBO_TAG_P) use(dom->CollapsedText(i));
//
// Nodes are numbered in document (pre-order) order, so the subtree of node i
// is the range [i, node(i).end). Passes over the page are loops, not
// recursion, and the tree depth is capped, so hostile nesting cannot blow the
// stack.
//
// The page is read by libxml2's HTML parser, about 3.7x faster than gumbo
// on news pages (docs/article.md), through its SAX interface: the parser's
// tree rules (implied and auto-closed elements) apply, but the nodes go
// straight into the flat table and their text into a few large blocks, not
// into a libxml2 tree that would be built, walked and freed node by node.
// Tags keep gumbo's GumboTag numbering: the extractor's passes were written
// against it, and gumbo's tag table is all we still use of gumbo.
#pragma once

#include <gumbo.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace newsmon::article {

struct DomNode {
  GumboTag tag = GUMBO_TAG_UNKNOWN;  // GUMBO_TAG_UNKNOWN for text nodes too
  bool is_text = false;
  int parent = -1;
  int first_child = -1;
  int next_sibling = -1;
  int end = 0;  // one past the last node of this subtree
  int depth = 0;
  std::string_view text;  // text nodes only; the tag name of an unknown element
  int first_attr = 0;     // the element's attributes: [first_attr, first_attr + attrs)
  int attrs = 0;
};

struct DomAttr {
  std::string_view name;  // lower case, as the parser gives it
  std::string_view value;
};

class Dom {
 public:
  // Deeper elements are hung on their ancestor at this depth.
  static constexpr int kMaxDepth = 256;

  static Result<Dom> Parse(std::string_view utf8_html);

  Dom(Dom&&) noexcept;
  Dom& operator=(Dom&&) noexcept;
  ~Dom();

  int size() const { return static_cast<int>(nodes_.size()); }
  const DomNode& node(int i) const { return nodes_[static_cast<size_t>(i)]; }
  // The <html> element is node 0 when the page has one; -1 when absent.
  int Find(GumboTag tag, int from = 0) const;

  // Attribute value, "" when absent. `name` in lower case, as HTML's
  // attribute names are case-insensitive and the parser lowers them.
  std::string_view Attr(int i, const char* name) const;
  bool HasAttr(int i, const char* name) const;
  // Text of a text node (raw, as in the page after entity decoding).
  std::string_view Text(int i) const;
  // All text below node i (script/style skipped), white space collapsed.
  std::string CollapsedText(int i) const;
  // Lower-case tag name, also for unknown (custom) elements.
  std::string TagName(int i) const;
  // The element's class and id attributes, lower case, joined by a space:
  // what every pass reads to tell story from chrome. Computed once per node.
  std::string_view ClassAndId(int i) const;
  // How many elements carry `token` (lower case) as a whole word of their
  // class or id; one pass over the page's class text.
  int CountClassToken(std::string_view token) const;

 private:
  friend class DomBuilder;
  Dom() = default;
  std::vector<DomNode> nodes_;
  std::vector<DomAttr> attrs_;
  // The text, attribute and unknown tag names the views above point into:
  // blocks that never move once written.
  std::vector<std::unique_ptr<char[]>> blocks_;
  // ClassAndId's cache: the text, and per node its span in it.
  mutable std::string class_and_id_;
  mutable std::vector<std::pair<int, int>> class_and_id_span_;
};

}  // namespace newsmon::article
