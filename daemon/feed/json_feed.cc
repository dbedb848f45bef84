// JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1) to the feed model.
#include <nlohmann/json.hpp>

#include "feed/dates.h"
#include "feed/feed_internal.h"
#include "feed/url.h"

namespace newsmon::feed {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  if (it->is_number()) return it->dump();
  return "";
}

void AddAuthor(FeedEntry& e, const json& a) {
  if (a.is_object()) {
    std::string name = Str(a, "name");
    if (name.empty()) name = Str(a, "url");
    if (!name.empty()) e.authors.push_back(AuthorName(name));
  } else if (a.is_string()) {
    e.authors.push_back(AuthorName(a.get<std::string>()));
  }
}

}  // namespace

Result<Feed> ParseJsonFeed(std::string_view utf8, const ParseOptions& options) {
  // Depth-limited: nlohmann recurses, and a hostile document must not blow the stack.
  int depth = 0;
  int max_depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < utf8.size(); ++i) {
    const char c = utf8[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      max_depth = std::max(max_depth, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  if (max_depth > 64) return MakeError(ErrorCode::kLimit, "JSON nested deeper than 64 levels");
  json j = json::parse(utf8, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return MakeError(ErrorCode::kInvalidArgument, "invalid JSON document");
  const std::string version = Str(j, "version");
  if (version.find("jsonfeed.org") == std::string::npos && !version.starts_with("1") && !j.contains("items")) {
    return MakeError(ErrorCode::kInvalidArgument, "JSON document is not a JSON Feed");
  }
  Feed f;
  f.format = "json";
  f.version = version.ends_with("1.1") ? "1.1" : "1.0";
  f.title = Str(j, "title");
  f.link = ResolveUrl(options.base_url, Str(j, "home_page_url"));
  f.description = Str(j, "description");
  f.language = Str(j, "language");
  auto items = j.find("items");
  if (items == j.end() || !items->is_array()) return f;
  for (const json& it : *items) {
    if (!it.is_object()) continue;
    FeedEntry e;
    e.id = Str(it, "id");
    e.title = Str(it, "title");
    std::string url = Str(it, "url");
    if (url.empty()) url = Str(it, "external_url");
    e.link = ResolveUrl(options.base_url, url);
    e.summary = Str(it, "summary");
    std::string html = Str(it, "content_html");
    const bool is_html = !html.empty();
    e.content = is_html ? html : Str(it, "content_text");
    for (const char* key : {"date_published", "date_modified"}) {
      const std::string d = Str(it, key);
      if (d.empty()) continue;
      auto t = ParseFeedDate(d);
      if (!t) f.warnings.push_back("unparseable date in " + std::string(key) + ": '" + d.substr(0, 60) + "'");
      (key[5] == 'p' ? e.published : e.updated) = t;
    }
    if (auto a = it.find("authors"); a != it.end() && a->is_array()) {
      for (const json& x : *a) AddAuthor(e, x);
    }
    if (auto a = it.find("author"); a != it.end()) AddAuthor(e, *a);
    if (auto t = it.find("tags"); t != it.end() && t->is_array()) {
      for (const json& x : *t) {
        if (x.is_string()) e.categories.push_back(x.get<std::string>());
      }
    }
    FinishEntry(e, false, is_html);
    f.entries.push_back(std::move(e));
  }
  return f;
}

}  // namespace newsmon::feed
