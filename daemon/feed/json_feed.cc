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

// Builds the tree like json::parse, but keeps what was read when the input
// ends early and remembers which containers were still open, so a feed cut
// off in transit keeps its complete items. Pointers on `open_` stay valid:
// only the last element of an array can be open, and object members live in
// a std::map.
class TreeBuilder final : public json::json_sax_t {
 public:
  explicit TreeBuilder(json& root) : root_(root) {}

  bool null() override { return Put(nullptr); }
  bool boolean(bool v) override { return Put(v); }
  bool number_integer(number_integer_t v) override { return Put(v); }
  bool number_unsigned(number_unsigned_t v) override { return Put(v); }
  bool number_float(number_float_t v, const string_t& /*as_written*/) override { return Put(v); }
  bool string(string_t& v) override { return Put(std::move(v)); }
  bool binary(binary_t& v) override { return Put(json::binary(std::move(v))); }
  bool start_object(std::size_t /*elements*/) override {
    Put(json::object());
    open_.push_back(last_);
    return true;
  }
  bool key(string_t& k) override {
    member_ = &(*open_.back())[k];
    return true;
  }
  bool end_object() override {
    open_.pop_back();
    return true;
  }
  bool start_array(std::size_t /*elements*/) override {
    Put(json::array());
    open_.push_back(last_);
    return true;
  }
  bool end_array() override {
    open_.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& /*error*/) override {
    error_position_ = position;
    return false;
  }

  // Containers still open where parsing stopped, outermost first.
  const std::vector<json*>& open() const { return open_; }
  // Characters read when the error was found; size + 1 when it was the end of input.
  std::size_t error_position() const { return error_position_; }

 private:
  // Places a value where the parser is; always succeeds.
  bool Put(json&& v) {
    if (open_.empty()) {
      last_ = &root_;
    } else if (json& parent = *open_.back(); parent.is_array()) {
      parent.push_back(std::move(v));
      last_ = &parent.back();
      return true;
    } else {
      last_ = member_;
    }
    *last_ = std::move(v);
    return true;
  }

  json& root_;
  std::vector<json*> open_;
  json* member_ = nullptr;  // the value of the last key read
  json* last_ = nullptr;    // the value placed last
  std::size_t error_position_ = 0;
};

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
  json j;
  TreeBuilder builder(j);
  bool truncated = false;
  bool dropped_item = false;
  if (!json::sax_parse(utf8, &builder)) {
    // An error found only by reading past the last character is a cut-off
    // document (nlohmann counts the end of input as one more character read);
    // an error at a character that is there is not JSON.
    if (builder.error_position() <= utf8.size() || builder.open().empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "invalid JSON document");
    }
    truncated = true;
    // Drop the item being cut: open() is {root, items, that item, ...}.
    const auto& open = builder.open();
    auto items = j.find("items");
    if (open.size() >= 3 && items != j.end() && open[1] == &*items && items->is_array() && !items->empty() &&
        open[2] == &items->back()) {
      items->erase(items->size() - 1);
      dropped_item = true;
    }
  }
  if (!j.is_object()) return MakeError(ErrorCode::kInvalidArgument, "invalid JSON document");
  const std::string version = Str(j, "version");
  if (version.find("jsonfeed.org") == std::string::npos && !version.starts_with("1") && !j.contains("items")) {
    return MakeError(ErrorCode::kInvalidArgument, "JSON document is not a JSON Feed");
  }
  Feed f;
  f.format = "json";
  if (truncated) {
    f.truncated = true;
    f.warnings.push_back("truncated: JSON document ends before its top-level object is closed");
    if (dropped_item) f.warnings.push_back("truncated: item cut off at end of document, dropped");
  }
  f.version = version.ends_with("1.1") ? "1.1" : "1.0";
  f.title = Str(j, "title");
  if (const std::string home = Str(j, "home_page_url"); !home.empty()) f.link = ResolveUrl(options.base_url, home);
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
    if (!url.empty()) e.link = ResolveUrl(options.base_url, url);
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
