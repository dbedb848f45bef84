// Entry point of the feed stage: bytes -> encoding -> XML or JSON -> model.
#include "feed/feed_parser.h"

#include <bit>
#include <cstring>
#include <nlohmann/json.hpp>

#include "feed/encoding.h"
#include "feed/feed_internal.h"
#include "feed/html_text.h"
#include "feed/url.h"
#include "feed/xml_reader.h"
#include "util/hash.h"
#include "util/text.h"

namespace newsmon::feed {
namespace {

bool LooksLikeJson(std::string_view text) {
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{';
  }
  return false;
}

// Digits of an article number in a URL path ("/news/123456/some-slug",
// "/world/some-slug-123456"): publishers keep it when they edit the slug.
std::string ArticleNumber(std::string_view path) {
  std::string best;
  size_t i = 0;
  while (i < path.size()) {
    if (!std::isdigit(static_cast<unsigned char>(path[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < path.size() && std::isdigit(static_cast<unsigned char>(path[j]))) ++j;
    const bool bounded_left = i == 0 || path[i - 1] == '/' || path[i - 1] == '-' || path[i - 1] == '_';
    const bool bounded_right = j == path.size() || path[j] == '/' || path[j] == '-' || path[j] == '.' || path[j] == '_';
    if (j - i >= 5 && j - i <= 20 && bounded_left && bounded_right) best = std::string(path.substr(i, j - i));
    i = j;
  }
  return best;
}

// Identity of a URL that survives fragment, tracking-parameter and slug edits.
std::string UrlKey(std::string_view url) {
  std::string u = IdentityUrl(url);
  const size_t scheme_end = u.find("://");
  if (scheme_end == std::string::npos) return u;
  const size_t path_begin = u.find('/', scheme_end + 3);
  if (path_begin == std::string::npos) return u;
  const size_t query = u.find('?', path_begin);
  const std::string_view path =
      std::string_view(u).substr(path_begin, query == std::string::npos ? std::string::npos : query - path_begin);
  const std::string number = ArticleNumber(path);
  if (number.empty()) return u;
  return u.substr(0, path_begin) + "/#" + number + (query == std::string::npos ? "" : u.substr(query));
}

// Stable 128-bit hash of the parts, 8 bytes at a time (util's StableId is
// byte-at-a-time FNV, which dominated the profile on full-content feeds).
// Bytes are assembled little-endian explicitly so the value is the same on
// every platform.
std::string ContentHash(std::initializer_list<std::string_view> parts) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  uint64_t a = 0x243F6A8885A308D3ULL;
  uint64_t b = 0x13198A2E03707344ULL;
  auto mix = [&](uint64_t w) {
    a = (a ^ w) * kMul;
    a ^= a >> 29;
    b = (b + w) * 0xBF58476D1CE4E5B9ULL;
    b ^= b >> 31;
  };
  for (std::string_view p : parts) {
    mix(p.size());
    size_t i = 0;
    for (; i + 8 <= p.size(); i += 8) {
      uint64_t w;
      std::memcpy(&w, p.data() + i, 8);
      if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
      mix(w);
    }
    uint64_t w = 0;
    for (size_t k = p.size(); k > i; --k) w = (w << 8) | static_cast<unsigned char>(p[k - 1]);
    mix(w ^ 0xFF);
  }
  a ^= b >> 17;
  b ^= a >> 23;
  return ToHex(a * kMul) + ToHex(b * 0x94D049BB133111EBULL);
}

}  // namespace

std::string AuthorName(std::string_view text) {
  std::string t = CollapseAsciiSpace(text);
  // "me@x.org (Jane Doe)"
  const size_t open = t.find('(');
  const size_t close = t.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open + 1) {
    std::string inner = CollapseAsciiSpace(std::string_view(t).substr(open + 1, close - open - 1));
    std::string outer = CollapseAsciiSpace(std::string_view(t).substr(0, open));
    // Whichever part is not the e-mail address is the name.
    if (inner.find('@') != std::string::npos && !outer.empty() && outer.find('@') == std::string::npos) return outer;
    if (!inner.empty()) return inner;
  }
  // "Jane Doe <me@x.org>"
  const size_t lt = t.find('<');
  if (lt != std::string::npos && lt > 0 && t.find('@', lt) != std::string::npos) {
    std::string name = CollapseAsciiSpace(std::string_view(t).substr(0, lt));
    if (!name.empty()) return name;
  }
  return t;
}

std::string PlainToText(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i <= text.size()) {
    size_t e = text.find('\n', i);
    if (e == std::string_view::npos) e = text.size();
    std::string line = CollapseAsciiSpace(text.substr(i, e - i));
    if (!line.empty()) {
      if (!out.empty()) out += '\n';
      out += line;
    }
    i = e + 1;
  }
  return out;
}

void FinishEntry(FeedEntry& e, bool summary_is_html, bool content_is_html) {
  e.summary_text = summary_is_html ? HtmlToText(e.summary) : PlainToText(e.summary);
  // Many feeds repeat the same text as description and content: convert once.
  if (content_is_html == summary_is_html && e.content == e.summary) {
    e.content_text = e.summary_text;
  } else {
    e.content_text = content_is_html ? HtmlToText(e.content) : PlainToText(e.content);
  }
  e.content_hash = ContentHash({e.title, e.summary_text, e.content_text});
  if (!e.id.empty()) {
    e.key = IsAbsoluteUrl(e.id) && (e.id.starts_with("http:") || e.id.starts_with("https:")) ? UrlKey(e.id) : e.id;
  } else if (!e.link.empty()) {
    e.key = UrlKey(e.link);
  } else {
    e.key = "hash:" + e.content_hash;
  }
}

Result<Feed> ParseFeed(std::string_view bytes, const ParseOptions& options) {
  if (bytes.size() > kMaxFeedBytes) {
    return MakeError(ErrorCode::kLimit, "feed larger than " + std::to_string(kMaxFeedBytes >> 20) + " MiB refused");
  }
  auto text = DecodeToUtf8(bytes, options.content_type);
  if (!text) return text.error();
  Result<Feed> feed = [&]() -> Result<Feed> {
    if (LooksLikeJson(text->utf8)) return ParseJsonFeed(text->utf8, options);
    auto doc = ReadXml(std::move(text->utf8));
    if (!doc) return doc.error();
    return MapXmlFeed(*doc, options);
  }();
  if (!feed) return feed;
  feed->encoding = text->encoding;
  feed->warnings.insert(feed->warnings.begin(), text->warnings.begin(), text->warnings.end());
  return feed;
}

std::string ToNeutralJson(const Feed& feed) {
  using nlohmann::json;
  auto put = [](json& j, const char* key, const std::string& v) {
    if (!v.empty()) j[key] = SanitizeUtf8(v);
  };
  auto put_time = [](json& j, const char* key, const std::optional<Timestamp>& t) {
    if (t) j[key] = FormatRfc3339(*t);
  };
  json j = json::object();
  put(j, "format", feed.format);
  put(j, "version", feed.version);
  put(j, "title", feed.title);
  put(j, "link", feed.link);
  put(j, "description", feed.description);
  put(j, "language", feed.language);
  put_time(j, "updated", feed.updated);
  if (feed.truncated) j["truncated"] = true;
  json entries = json::array();
  for (const auto& e : feed.entries) {
    json je = json::object();
    put(je, "id", e.id);
    put(je, "title", e.title);
    put(je, "link", e.link);
    put_time(je, "published", e.published);
    put_time(je, "updated", e.updated);
    put(je, "summary", e.summary);
    put(je, "content", e.content);
    if (!e.authors.empty()) {
      json a = json::array();
      for (const auto& s : e.authors) a.push_back(SanitizeUtf8(s));
      je["authors"] = a;
    }
    if (!e.categories.empty()) {
      json a = json::array();
      for (const auto& s : e.categories) a.push_back(SanitizeUtf8(s));
      je["categories"] = a;
    }
    entries.push_back(std::move(je));
  }
  j["entries"] = std::move(entries);
  return j.dump();
}

}  // namespace newsmon::feed
