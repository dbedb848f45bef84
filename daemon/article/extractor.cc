// The extractor's pipeline: bytes -> UTF-8 -> bounded DOM -> metadata + body.
#include "article/extractor.h"

#include <nlohmann/json.hpp>

#include "article/charset.h"
#include "article/content.h"
#include "article/dates.h"
#include "article/dom.h"
#include "article/language.h"
#include "article/meta_text.h"
#include "article/metadata.h"
#include "article/page_guard.h"
#include "util/text.h"

namespace newsmon {
namespace {

// Story text sits early in a page; past this the rest is scripts and chrome.
// Truncating keeps a 50 MB page within bounded time and memory.
constexpr size_t kMaxHtmlBytes = 8u << 20;
constexpr int kMaxNesting = 200;

}  // namespace

Result<Article> ExtractArticle(std::string_view html, const ExtractOptions& options) {
  if (TrimAscii(html).empty()) return MakeError(ErrorCode::kInvalidArgument, "empty page");
  if (article::LooksBinary(html)) return MakeError(ErrorCode::kInvalidArgument, "not HTML: the page is binary data");
  if (html.size() > kMaxHtmlBytes) html = html.substr(0, kMaxHtmlBytes);
  auto decoded = article::DecodeHtml(html, options.content_type);
  if (!decoded) return decoded.error();
  std::optional<std::string> flat = article::LimitNesting(decoded->utf8, kMaxNesting);
  auto dom = article::Dom::Parse(flat ? *flat : decoded->utf8);
  if (!dom) return dom.error();

  article::PageMetadata meta = article::ExtractMetadata(*dom, options.url);
  Article a;
  a.title = std::move(meta.title);
  a.authors = std::move(meta.authors);
  if (meta.published) {
    a.published = meta.published->utc;
    a.published_offset_minutes = meta.published->offset_minutes;
  }
  if (meta.updated) a.updated = meta.updated->utc;
  a.canonical_url = std::move(meta.canonical_url);
  a.paragraphs = article::ExtractBody(*dom, {.title = a.title, .authors = a.authors});
  for (auto& p : a.paragraphs) p = article::RepairDoubleEncoding(p);
  std::string sample = a.title;
  for (const auto& p : a.paragraphs) {
    if (sample.size() > 4 * 1024) break;
    sample += "\n";
    sample += p;
  }
  a.language = article::ResolveLanguage(meta.declared_language, sample);
  return a;
}

std::string ArticleToJson(const Article& article) {
  using nlohmann::json;
  json j = json::object();
  j["title"] = article.title.empty() ? json(nullptr) : json(SanitizeUtf8(article.title));
  std::string byline;
  for (const auto& a : article.authors) byline += (byline.empty() ? "" : ", ") + a;
  j["byline"] = byline.empty() ? json(nullptr) : json(SanitizeUtf8(byline));
  if (article.published) {
    article::PageDate d{*article.published, article.published_offset_minutes, true};
    j["published"] = article::FormatPageDate(d);
  } else {
    j["published"] = nullptr;
  }
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
