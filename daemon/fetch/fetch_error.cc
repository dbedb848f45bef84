#include "fetch/fetch_error.h"

#include <array>
#include <utility>

namespace newsmon {
namespace {

constexpr std::array<std::pair<FetchErrorKind, std::string_view>, 19> kNames{{
    {FetchErrorKind::kNone, "none"},
    {FetchErrorKind::kBadUrl, "bad_url"},
    {FetchErrorKind::kDns, "dns"},
    {FetchErrorKind::kConnectRefused, "connect_refused"},
    {FetchErrorKind::kConnect, "connect"},
    {FetchErrorKind::kTimeout, "timeout"},
    {FetchErrorKind::kTooSlow, "too_slow"},
    {FetchErrorKind::kTls, "tls"},
    {FetchErrorKind::kTooLarge, "too_large"},
    {FetchErrorKind::kConnectionLost, "connection_lost"},
    {FetchErrorKind::kProtocol, "protocol"},
    {FetchErrorKind::kHttpStatus, "http_status"},
    {FetchErrorKind::kBlockedBySsrf, "blocked_by_ssrf"},
    {FetchErrorKind::kRedirectLoop, "redirect_loop"},
    {FetchErrorKind::kTooManyRedirects, "too_many_redirects"},
    {FetchErrorKind::kBadRedirect, "bad_redirect"},
    {FetchErrorKind::kFile, "file"},
    {FetchErrorKind::kCancelled, "cancelled"},
    {FetchErrorKind::kInternal, "internal"},
}};

}  // namespace

std::string_view FetchErrorKindName(FetchErrorKind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "internal";
}

ErrorCode FetchErrorCode(FetchErrorKind kind) {
  switch (kind) {
    case FetchErrorKind::kBadUrl:
    case FetchErrorKind::kBlockedBySsrf:
    case FetchErrorKind::kBadRedirect:
    case FetchErrorKind::kRedirectLoop:
    case FetchErrorKind::kTooManyRedirects:
      return ErrorCode::kInvalidArgument;
    case FetchErrorKind::kTimeout:
    case FetchErrorKind::kTooSlow:
    case FetchErrorKind::kTooLarge:
      return ErrorCode::kLimit;
    case FetchErrorKind::kFile:
      return ErrorCode::kIo;
    case FetchErrorKind::kInternal:
    case FetchErrorKind::kNone:
      return ErrorCode::kInternal;
    default:
      return ErrorCode::kUnavailable;
  }
}

Error MakeFetchError(FetchErrorKind kind, std::string detail) {
  std::string message(FetchErrorKindName(kind));
  message += ": ";
  message += detail;
  return MakeError(FetchErrorCode(kind), std::move(message));
}

FetchErrorKind FetchErrorKindOf(const Error& error) {
  const std::string_view message = error.message;
  const size_t colon = message.find(':');
  if (colon == std::string_view::npos) return FetchErrorKind::kInternal;
  const std::string_view head = message.substr(0, colon);
  for (const auto& [k, name] : kNames) {
    if (name == head) return k;
  }
  return FetchErrorKind::kInternal;
}

}  // namespace newsmon
