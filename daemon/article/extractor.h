// Article extraction: HTML in, Article out. Pure: no I/O, no clock.
//
//   Result<Article> a = ExtractArticle(html, {.url = "https://example.org/story"});
//   std::cout << ArticleToJson(*a);  // the model of `newsmon extract`
#pragma once

#include <string>
#include <string_view>

#include "article/article.h"
#include "util/result.h"

namespace newsmon {

struct ExtractOptions {
  std::string url;           // page URL, for relative links and the canonical URL
  std::string content_type;  // HTTP Content-Type, may carry a charset
};

Result<Article> ExtractArticle(std::string_view html, const ExtractOptions& options);

// {"title","byline","published","language","canonical_url","paragraphs","text"}
std::string ArticleToJson(const Article& article);

}  // namespace newsmon
