#include "fetch/http_parse.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>

namespace newsmon {
namespace {

constexpr std::chrono::seconds kMaxRetryAfter{7 * 24 * 3600};

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<int64_t> ParseDigits(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec == std::errc::result_out_of_range) return INT64_MAX;  // absurdly large: the caller caps it
  if (ec != std::errc() || end != s.data() + s.size() || value < 0) return std::nullopt;
  return value;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

void ResponseHeaders::AddLine(std::string_view line) {
  if (line.size() >= 5 && line.substr(0, 5) == "HTTP/") {
    *this = ResponseHeaders{};
    return;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;
  const std::string_view name = Trim(line.substr(0, colon));
  const std::string value(Trim(line.substr(colon + 1)));
  if (EqualsNoCase(name, "etag")) {
    etag = value;
  } else if (EqualsNoCase(name, "last-modified")) {
    last_modified = value;
  } else if (EqualsNoCase(name, "cache-control")) {
    // Repeated Cache-Control headers combine as one list.
    cache_control = cache_control.empty() ? value : cache_control + ", " + value;
  } else if (EqualsNoCase(name, "expires")) {
    expires = value;
  } else if (EqualsNoCase(name, "retry-after")) {
    retry_after = value;
  } else if (EqualsNoCase(name, "date")) {
    date = value;
  } else if (EqualsNoCase(name, "location")) {
    location = value;
  } else if (EqualsNoCase(name, "content-type")) {
    content_type = value;
  }
}

std::optional<Timestamp> ParseHttpDate(std::string_view text) {
  text = Trim(text);
  if (text.empty() || text.size() > 64) return std::nullopt;
  // curl_getdate knows all three RFC 9110 forms; it reads no clock when given no `now`.
  const std::string copy(text);
  const time_t t = curl_getdate(copy.c_str(), nullptr);
  if (t == -1) return std::nullopt;
  return Timestamp(std::chrono::seconds(t));
}

std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value, Timestamp now) {
  value = Trim(value);
  if (value.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(value.front()))) {
    const std::optional<int64_t> n = ParseDigits(value);
    if (!n) return std::nullopt;
    return std::min(std::chrono::seconds(*n), kMaxRetryAfter);
  }
  const std::optional<Timestamp> when = ParseHttpDate(value);
  if (!when) return std::nullopt;
  if (*when <= now) return std::chrono::seconds(0);
  return std::min(std::chrono::duration_cast<std::chrono::seconds>(*when - now), kMaxRetryAfter);
}

std::optional<std::chrono::seconds> ParseMaxAge(std::string_view cache_control) {
  while (!cache_control.empty()) {
    const size_t comma = cache_control.find(',');
    std::string_view directive = Trim(cache_control.substr(0, comma));
    cache_control = comma == std::string_view::npos ? std::string_view() : cache_control.substr(comma + 1);
    const size_t eq = directive.find('=');
    if (eq == std::string_view::npos || !EqualsNoCase(Trim(directive.substr(0, eq)), "max-age")) continue;
    std::string_view arg = Trim(directive.substr(eq + 1));
    if (arg.size() >= 2 && arg.front() == '"' && arg.back() == '"') arg = arg.substr(1, arg.size() - 2);
    const std::optional<int64_t> n = ParseDigits(arg);
    if (!n) return std::nullopt;
    return std::chrono::seconds(std::min<int64_t>(*n, INT32_MAX));
  }
  return std::nullopt;
}

std::optional<std::chrono::seconds> FreshnessLifetime(const ResponseHeaders& headers, Timestamp now) {
  if (auto max_age = ParseMaxAge(headers.cache_control)) return max_age;
  if (headers.expires.empty()) return std::nullopt;
  const std::optional<Timestamp> expires = ParseHttpDate(headers.expires);
  if (!expires) return std::chrono::seconds(0);
  const Timestamp date = ParseHttpDate(headers.date).value_or(now);
  if (*expires <= date) return std::chrono::seconds(0);
  return std::chrono::duration_cast<std::chrono::seconds>(*expires - date);
}

std::string UrlParts::HostKey() const { return host + ":" + std::to_string(port); }

Result<UrlParts> ParseUrlParts(const std::string& url) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
  if (!u) return MakeError(ErrorCode::kInternal, "curl_url failed");
  if (curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return MakeError(ErrorCode::kInvalidArgument, "malformed URL: " + url);
  }
  UrlParts parts;
  auto get = [&](CURLUPart part, std::string& out, unsigned flags) {
    char* value = nullptr;
    if (curl_url_get(u.get(), part, &value, flags) != CURLUE_OK || value == nullptr) return false;
    out = value;
    curl_free(value);
    return true;
  };
  if (!get(CURLUPART_SCHEME, parts.scheme, 0)) return MakeError(ErrorCode::kInvalidArgument, "URL without scheme");
  parts.scheme = Lower(parts.scheme);
  if (parts.scheme == "file") return parts;
  if (!get(CURLUPART_HOST, parts.host, 0)) return MakeError(ErrorCode::kInvalidArgument, "URL without host: " + url);
  parts.host = Lower(parts.host);
  if (parts.host.size() >= 2 && parts.host.front() == '[' && parts.host.back() == ']') {
    parts.host = parts.host.substr(1, parts.host.size() - 2);
  }
  std::string port;
  if (get(CURLUPART_PORT, port, CURLU_DEFAULT_PORT)) parts.port = std::atoi(port.c_str());
  return parts;
}

}  // namespace newsmon
