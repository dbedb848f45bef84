// Internal to fetch: maps a failed libcurl transfer to a FetchErrorKind and
// words for logs and FeedState::last_error.
//
//   CurlFailure f = ClassifyCurlFailure(rc, os_errno, errbuf, headers_done);
//   Fail(f.kind, f.detail + " (" + url + ")");
#pragma once

#include <string>

#include "fetch/fetch_error.h"

namespace newsmon {

struct CurlFailure {
  FetchErrorKind kind = FetchErrorKind::kInternal;
  std::string detail;  // curl's text, or ours where curl's misleads
};

// `code` is a CURLcode; `os_errno` is CURLINFO_OS_ERRNO; `errbuf` is the
// transfer's CURLOPT_ERRORBUFFER (curl reports several failures with one
// code and tells them apart only in that text); `headers_done` says whether
// the response's header block had ended (its blank line was seen). libcurl
// 7.88 reports a header line above its 100 KiB limit as "Out of memory" with
// nothing in errbuf, so an out-of-memory before the headers ended is taken
// for headers too large: a real allocation failure there is far less likely.
CurlFailure ClassifyCurlFailure(int code, long os_errno, const char* errbuf, bool headers_done);

}  // namespace newsmon
