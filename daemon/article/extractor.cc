// First, thin extractor: the text of every <p>, <title> as the headline.
#include "article/extractor.h"

#include <gumbo.h>

#include <nlohmann/json.hpp>

#include "util/text.h"

namespace newsmon {
namespace {

void AppendText(const GumboNode* node, std::string& out) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
    out += node->v.text.text;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) return;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) AppendText(static_cast<const GumboNode*>(children.data[i]), out);
}

const char* AttrOf(const GumboNode* node, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a ? a->value : nullptr;
}

void Walk(const GumboNode* node, Article& article, std::string& title_tag) {
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_P) {
    std::string text;
    AppendText(node, text);
    text = CollapseWhitespace(text);
    if (!text.empty()) article.paragraphs.push_back(std::move(text));
    return;
  }
  if (tag == GUMBO_TAG_TITLE && title_tag.empty()) {
    AppendText(node, title_tag);
    title_tag = CollapseWhitespace(title_tag);
  }
  if (tag == GUMBO_TAG_HTML) {
    if (const char* lang = AttrOf(node, "lang")) article.language = std::string(lang).substr(0, 2);
  }
  if (tag == GUMBO_TAG_LINK) {
    const char* rel = AttrOf(node, "rel");
    const char* href = AttrOf(node, "href");
    if (rel && href && std::string_view(rel) == "canonical") article.canonical_url = href;
  }
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) Walk(static_cast<const GumboNode*>(children.data[i]), article, title_tag);
}

}  // namespace

Result<Article> ExtractArticle(std::string_view html, const ExtractOptions& options) {
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  if (!output) return MakeError(ErrorCode::kInvalidArgument, "HTML parser failed");
  Article article;
  std::string title_tag;
  Walk(output->root, article, title_tag);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  article.title = title_tag;
  if (article.canonical_url.empty()) article.canonical_url = options.url;
  return article;
}

std::string ArticleToJson(const Article& article) {
  using nlohmann::json;
  json j = json::object();
  j["title"] = article.title.empty() ? json(nullptr) : json(SanitizeUtf8(article.title));
  std::string byline;
  for (const auto& a : article.authors) byline += (byline.empty() ? "" : ", ") + a;
  j["byline"] = byline.empty() ? json(nullptr) : json(SanitizeUtf8(byline));
  j["published"] = article.published ? json(FormatRfc3339(*article.published)) : json(nullptr);
  j["language"] = article.language.empty() ? json(nullptr) : json(article.language);
  j["canonical_url"] = article.canonical_url.empty() ? json(nullptr) : json(SanitizeUtf8(article.canonical_url));
  json paragraphs = json::array();
  std::string text;
  for (const auto& p : article.paragraphs) {
    paragraphs.push_back(SanitizeUtf8(p));
    if (!text.empty()) text += "\n\n";
    text += p;
  }
  j["paragraphs"] = std::move(paragraphs);
  j["text"] = SanitizeUtf8(text);
  return j.dump();
}

}  // namespace newsmon
