// Page metadata: headline, authors, dates, canonical URL, declared language.
//
//   Result<Dom> dom = Dom::Parse(html);
//   PageMetadata m = ExtractMetadata(*dom, "https://example.org/a/story");
//   m.title;  // "Headline" without " | Example News"
//
// Sources, strongest first: JSON-LD (Article types, also inside @graph),
// OpenGraph / article:* meta, common meta names (parsely, sailthru, Dublin
// Core, citation), microdata, the page's <h1>/<time>/byline elements, and
// the date in the URL as the last resort.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article/dates.h"
#include "article/dom.h"
#include "article/headline.h"

namespace newsmon::article {

struct PageMetadata {
  std::string title;
  std::vector<std::string> authors;
  std::optional<PageDate> published;
  std::optional<PageDate> updated;
  std::string canonical_url;
  std::string declared_language;  // primary tag, lower case, e.g. "en"; "" when undeclared
};

PageMetadata ExtractMetadata(const Dom& dom, std::string_view page_url);

}  // namespace newsmon::article
