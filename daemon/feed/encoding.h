// Turning feed bytes into clean UTF-8: byte-order mark, HTTP charset, XML
// declaration, the "declared one encoding, sent UTF-8" lie, legacy encodings
// through ICU, and removal of characters XML forbids (C0 controls, U+FFFE/F).
//
//   Result<DecodedText> t = DecodeToUtf8(bytes, "text/xml; charset=koi8-r");
//   ReadXml(std::move(t->utf8));
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace newsmon::feed {

struct DecodedText {
  std::string utf8;
  std::string encoding;  // what was used, lower case ("utf-8", "windows-1251", ...)
  std::vector<std::string> warnings;
};

// Never fails on content: undecodable bytes become U+FFFD and a warning.
Result<DecodedText> DecodeToUtf8(std::string_view bytes, std::string_view content_type);

// "text/xml; charset='KOI8-R'" -> "koi8-r"; "" when none.
std::string CharsetFromContentType(std::string_view content_type);
// Encoding named by the XML declaration at the start of `bytes`; "" when none.
std::string XmlDeclaredEncoding(std::string_view bytes);

// Replaces invalid UTF-8 with U+FFFD and drops characters illegal in XML 1.0.
// Returns the number of bytes that were invalid (0 when all was valid UTF-8).
size_t CleanUtf8(std::string& text, size_t* removed_controls = nullptr);

}  // namespace newsmon::feed
