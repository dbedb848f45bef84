// A forgiving, non-validating XML reader for feeds: UTF-8 text in, a small
// tree out. It recovers what browsers and feed readers recover (unclosed or
// stray tags, bare '&' and '<', HTML named entities without a DTD, missing
// attribute quotes) and records each repair as a warning. It never loads
// anything external: a DTD's external entities are refused, internal ones are
// expanded under a byte budget, and nesting depth is capped. At end of input
// the elements still open are closed and marked `unclosed`, so a document cut
// off in transit can be told from a complete one.
//
//   Result<XmlDocument> doc = ReadXml(utf8_text);
//   const XmlNode& root = doc->nodes[doc->root];
//   for (int c = root.first_child; c >= 0; c = doc->nodes[c].next_sibling) ...
#pragma once

#include "util/text.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace newsmon::feed {

// Namespaces the feed mapping cares about; everything else is kOther (the URI
// is still kept in XmlDocument::namespaces).
enum class Ns : uint8_t {
  kNone,
  kOther,
  kAtom10,
  kAtom03,
  kRss090,
  kRss10,
  kRss2,  // the rarely used userland/harvard RSS 2.0 namespaces
  kRdf,
  kDc,
  kDcTerms,
  kContent,
  kXhtml,
  kSy,
  kMedia,
  kItunes,
  kXml,
};

struct XmlAttr {
  std::string name;   // qualified, as written
  std::string value;  // entities decoded
  Ns ns = Ns::kNone;
  uint16_t local_offset = 0;  // local name starts here in `name`
  std::string_view local() const { return std::string_view(name).substr(local_offset); }
};

struct XmlNode {
  bool is_text = false;
  // Still open when the input ended: the text was cut off inside this element
  // (every element from the root down to the cut is marked). An element that a
  // later end tag of an ancestor closed (an unclosed <p> inside a closed item)
  // is recovered, not marked.
  bool unclosed = false;
  Ns ns = Ns::kNone;
  uint16_t ns_id = 0;         // index in XmlDocument::namespaces, 0 = none
  uint16_t local_offset = 0;  // local name starts here in `name`
  std::string name;           // qualified element name, as written
  std::string text;           // decoded character data (text nodes)
  std::vector<XmlAttr> attrs;
  int parent = -1;
  int first_child = -1;
  int last_child = -1;
  int next_sibling = -1;
  int child_elements = 0;
  // The element's content as written, as a byte range of XmlDocument::source.
  size_t inner_begin = 0;
  size_t inner_end = 0;

  std::string_view local() const { return std::string_view(name).substr(local_offset); }
  // Attribute by qualified name; nullptr when absent.
  const std::string* Attr(std::string_view qualified) const;
  // Attribute by namespace and local name (Ns::kNone for unprefixed ones).
  const std::string* Attr(Ns ns, std::string_view local) const;
};

struct XmlLimits {
  size_t max_depth = 512;
  size_t max_entity_bytes = 4u << 20;  // total bytes produced by DTD entity expansion
  size_t max_entities = 10000;         // DTD entity declarations
};

struct XmlDocument {
  std::string source;  // the UTF-8 text that was read; inner_begin/inner_end point into it
  std::vector<XmlNode> nodes;
  std::vector<std::string> namespaces{""};
  int root = -1;
  std::vector<std::string> warnings;

  // Concatenated character data of the node and its descendants.
  std::string TextContent(int node) const;
  std::string_view InnerSource(int node) const;
};

Result<XmlDocument> ReadXml(std::string utf8, const XmlLimits& limits = {});

// Decodes character and entity references (XML, then HTML named entities) in
// text that is already outside markup; unknown references stay as written.
std::string DecodeEntities(std::string_view text);
// The same, appending to `out`.
void DecodeEntitiesTo(std::string_view text, std::string& out);

}  // namespace newsmon::feed
