#include "fetch/curl_classify.h"

#include <curl/curl.h>

#include <cerrno>
#include <cstring>

namespace newsmon {

FetchErrorKind ClassifyCurlCode(int code, long os_errno, const char* errbuf) {
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
    case CURLE_RECV_ERROR:
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

}  // namespace newsmon
