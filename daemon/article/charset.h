// Turning page bytes into UTF-8 before parsing.
//
//   Result<DecodedPage> page = DecodeHtml(bytes, "text/html; charset=ISO-8859-1");
//   Parse(page->utf8);  // page->charset says what was used ("UTF-8", "windows-1252", ...)
//
// Order of evidence, as browsers do: byte order mark, HTTP Content-Type,
// <meta charset> / http-equiv in the first bytes, then a guess. Declarations
// are checked against the bytes: a page declared latin-1 (or nothing) that is
// valid UTF-8 is read as UTF-8, and a page declared UTF-8 that is not is
// guessed again, because wrong declarations are common on the web.
#pragma once

#include <string>
#include <string_view>

#include "util/result.h"

namespace newsmon::article {

struct DecodedPage {
  std::string utf8;
  std::string charset;  // canonical name of what was used
};

// The charset named in a Content-Type value ("text/html; charset=utf-8" -> "utf-8"), or "".
std::string CharsetFromContentType(std::string_view content_type);
// The charset declared by <meta charset> or <meta http-equiv content> near the top, or "".
std::string CharsetFromMeta(std::string_view html_prefix);

Result<DecodedPage> DecodeHtml(std::string_view bytes, std::string_view content_type);

}  // namespace newsmon::article
