// Finding the story body on a page and returning it as paragraphs.
//
//   Result<Dom> dom = Dom::Parse(html);
//   std::vector<std::string> body = ExtractBody(*dom, {.title = "Headline"});
//
// A Readability-style pass: page chrome is dropped by tag, ARIA role, hidden
// state and class/id words (navigation, comments, share bars, newsletter and
// cookie boxes, ads, related links, captions); text blocks are scored by
// length and commas and the score flows to their ancestors; the best
// container (with its sibling blocks that also read like story text) is
// cleaned of link-heavy or form-like parts and read out block by block.
// When that yields too little text the pass is repeated with fewer filters.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "article/dom.h"

namespace newsmon::article {

struct BodyOptions {
  std::string_view title;                // dropped from the top of the body when repeated there
  std::span<const std::string> authors;  // the byline: their bio after the story is not story text
};

std::vector<std::string> ExtractBody(const Dom& dom, const BodyOptions& options);

}  // namespace newsmon::article
