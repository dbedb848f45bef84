// Internal to fetch: maps a libcurl result code to a FetchErrorKind.
#pragma once

#include "fetch/fetch_error.h"

namespace newsmon {

// `code` is a CURLcode; `os_errno` is CURLINFO_OS_ERRNO; `errbuf` is the
// transfer's CURLOPT_ERRORBUFFER (curl reports several failures with one
// code and tells them apart only in that text).
FetchErrorKind ClassifyCurlCode(int code, long os_errno, const char* errbuf);

}  // namespace newsmon
