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
// The page is parsed with libxml2's HTML parser, about 3.7x faster than gumbo
// on news pages (docs/article.md). Tags keep gumbo's GumboTag numbering: the
// extractor's passes were written against it, and gumbo's tag table is all we
// still use of gumbo.
#pragma once

#include <gumbo.h>

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

struct _xmlNode;
struct _xmlDoc;

namespace newsmon::article {

struct DomNode {
  const _xmlNode* xml = nullptr;
  GumboTag tag = GUMBO_TAG_UNKNOWN;  // GUMBO_TAG_UNKNOWN for text nodes too
  bool is_text = false;
  int parent = -1;
  int first_child = -1;
  int next_sibling = -1;
  int end = 0;  // one past the last node of this subtree
  int depth = 0;
  std::string_view text;  // text nodes only
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

  // Attribute value, "" when absent. Names match case-insensitively.
  std::string_view Attr(int i, const char* name) const;
  bool HasAttr(int i, const char* name) const;
  // Text of a text node (raw, as in the page after entity decoding).
  std::string_view Text(int i) const;
  // All text below node i (script/style skipped), white space collapsed.
  std::string CollapsedText(int i) const;
  // Lower-case tag name, also for unknown (custom) elements.
  std::string TagName(int i) const;

 private:
  struct FreeDoc {
    void operator()(_xmlDoc* doc) const;
  };
  Dom() = default;
  std::unique_ptr<_xmlDoc, FreeDoc> doc_;
  std::vector<DomNode> nodes_;
  // Attribute values libxml2 keeps in pieces, joined on first use; a deque
  // keeps the views handed out valid as it grows.
  mutable std::deque<std::string> joined_;
};

}  // namespace newsmon::article
