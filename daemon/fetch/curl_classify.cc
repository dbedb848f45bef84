#include "fetch/curl_classify.h"

#include <curl/curl.h>

#include <cerrno>
#include <cstring>

namespace newsmon {

namespace {

FetchErrorKind KindOf(int code, long os_errno, const char* errbuf, bool headers_done) {
  switch (static_cast<CURLcode>(code)) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return FetchErrorKind::kDns;
    case CURLE_COULDNT_CONNECT:
      return os_errno == ECONNREFUSED ? FetchErrorKind::kConnectRefused : FetchErrorKind::kConnect;
    case CURLE_OPERATION_TIMEDOUT:
      if (std::strstr(errbuf, "too slow") != nullptr) return FetchErrorKind::kTooSlow;
      if (std::strstr(errbuf, "Connection timed out") != nullptr ||
          std::strstr(errbuf, "Connection timeout") != nullptr) {
        return FetchErrorKind::kConnect;
      }
      return FetchErrorKind::kTimeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
      return FetchErrorKind::kTls;
    case CURLE_FILESIZE_EXCEEDED:
      return FetchErrorKind::kTooLarge;
    case CURLE_OUT_OF_MEMORY:
      // A single header line above CURL_MAX_HTTP_HEADER (100 KiB).
      return headers_done ? FetchErrorKind::kInternal : FetchErrorKind::kTooLarge;
#if LIBCURL_VERSION_NUM >= 0x080600
    case CURLE_TOO_LARGE:  // what libcurl 8.6 and later report for oversized headers
      return FetchErrorKind::kTooLarge;
#endif
    case CURLE_RECV_ERROR:
      // All header lines together above 300 KiB: "Too large response headers: 308058 > 307200".
      if (std::strstr(errbuf, "Too large response headers") != nullptr) return FetchErrorKind::kTooLarge;
      return FetchErrorKind::kConnectionLost;
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return FetchErrorKind::kConnectionLost;
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_RANGE_ERROR:
      return FetchErrorKind::kProtocol;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return FetchErrorKind::kBadUrl;
    case CURLE_FILE_COULDNT_READ_FILE:
    case CURLE_READ_ERROR:
      return FetchErrorKind::kFile;
    case CURLE_TOO_MANY_REDIRECTS:
      return FetchErrorKind::kTooManyRedirects;
    default:
      return FetchErrorKind::kInternal;
  }
}

}  // namespace

CurlFailure ClassifyCurlFailure(int code, long os_errno, const char* errbuf, bool headers_done) {
  CurlFailure f;
  f.kind = KindOf(code, os_errno, errbuf, headers_done);
  f.detail = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(static_cast<CURLcode>(code));
  // FILESIZE_EXCEEDED is a declared Content-Length above the cap; every other
  // way to too_large here is the header block.
  if (f.kind == FetchErrorKind::kTooLarge && code != CURLE_FILESIZE_EXCEEDED) {
    f.detail = "response headers too large (" +
               (errbuf[0] != '\0' ? f.detail : std::string("a header line above libcurl's 100 KiB limit")) + ")";
  }
  return f;
}

}  // namespace newsmon
