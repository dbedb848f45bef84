// Thin first fetcher: one blocking curl easy handle per request.
#include <curl/curl.h>

#include <memory>
#include <string>

#include "fetch/fetcher.h"

namespace newsmon {
namespace {

struct Transfer {
  std::string body;
  FetchResponse response;
  int64_t max_bytes = 0;
  bool too_big = false;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t len = size * n;
  if (static_cast<int64_t>(t->body.size() + len) > t->max_bytes) {
    t->too_big = true;
    return 0;  // aborts the transfer
  }
  t->body.append(data, len);
  return len;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string line(data, size * n);
  const size_t colon = line.find(':');
  if (line.rfind("HTTP/", 0) == 0) {
    // A new response (redirect hop): headers of the previous one no longer apply.
    t->response.etag.clear();
    t->response.last_modified.clear();
  }
  if (colon == std::string::npos) return size * n;
  std::string name = line.substr(0, colon);
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string value = line.substr(colon + 1);
  value.erase(0, value.find_first_not_of(" \t"));
  value.erase(value.find_last_not_of(" \t\r\n") + 1);
  if (name == "etag") t->response.etag = value;
  if (name == "last-modified") t->response.last_modified = value;
  return size * n;
}

class SimpleFetcher final : public Fetcher {
 public:
  explicit SimpleFetcher(const HttpConfig& config) : config_(config) {}

  void Fetch(FetchRequest request, Callback done) override { done(FetchOne(request)); }
  void Drain() override {}

 private:
  Result<FetchResponse> FetchOne(const FetchRequest& request) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return MakeError(ErrorCode::kInternal, "curl_easy_init failed");
    Transfer t;
    t.max_bytes = config_.max_body_bytes;
    const bool is_file = request.url.rfind("file://", 0) == 0;
    curl_easy_setopt(curl.get(), CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, is_file ? "file" : "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, static_cast<long>(config_.max_redirects));
    curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, config_.user_agent.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, static_cast<long>(config_.connect_timeout.count()));
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, static_cast<long>(config_.total_timeout.count()));
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &t);
    struct curl_slist* headers = nullptr;
    if (!request.etag.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + request.etag).c_str());
    if (!request.last_modified.empty()) {
      headers = curl_slist_append(headers, ("If-Modified-Since: " + request.last_modified).c_str());
    }
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers);
    const CURLcode rc = curl_easy_perform(curl.get());
    curl_slist_free_all(headers);
    if (t.too_big) {
      return MakeError(ErrorCode::kLimit, "body larger than " + std::to_string(config_.max_body_bytes) + " bytes");
    }
    if (rc != CURLE_OK) return MakeError(ErrorCode::kUnavailable, curl_easy_strerror(rc));
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    char* content_type = nullptr;
    curl_easy_getinfo(curl.get(), CURLINFO_CONTENT_TYPE, &content_type);
    char* effective = nullptr;
    curl_easy_getinfo(curl.get(), CURLINFO_EFFECTIVE_URL, &effective);
    t.response.status = is_file ? 200 : static_cast<int>(status);
    if (content_type) t.response.content_type = content_type;
    if (effective) t.response.effective_url = effective;
    t.response.body = std::move(t.body);
    return std::move(t.response);
  }

  HttpConfig config_;
};

}  // namespace

std::unique_ptr<Fetcher> MakeSimpleFetcher(const HttpConfig& config) { return std::make_unique<SimpleFetcher>(config); }

}  // namespace newsmon
