#include "article/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "util/text.h"

namespace newsmon::article {
namespace {

constexpr size_t kMetaScanBytes = 4096;

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Value after `key=` in `text` (quotes and trailing junk removed), or "".
std::string ValueAfter(std::string_view text, std::string_view key) {
  const std::string lower = Lower(text);
  size_t pos = lower.find(key);
  if (pos == std::string::npos) return {};
  pos += key.size();
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '=' || text[pos] == '"' || text[pos] == '\'')) ++pos;
  size_t end = pos;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-' ||
                               text[end] == '_' || text[end] == ':' || text[end] == '.')) {
    ++end;
  }
  return std::string(text.substr(pos, end - pos));
}

bool IsUtf8Name(std::string_view name) {
  const std::string n = Lower(name);
  return n == "utf-8" || n == "utf8" || n == "unicode-1-1-utf-8";
}

// Per the WHATWG encoding standard, these labels all mean windows-1252.
bool IsLatin1Name(std::string_view name) {
  const std::string n = Lower(name);
  return n == "iso-8859-1" || n == "latin1" || n == "latin-1" || n == "iso8859-1" || n == "l1" || n == "ascii" ||
         n == "us-ascii" || n == "windows-1252" || n == "cp1252" || n == "iso_8859-1" || n == "x-cp1252";
}

// Converts with ICU; invalid sequences become U+FFFD. Error when ICU does not know the name.
Result<std::string> Convert(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  const std::string name = IsLatin1Name(charset) ? "windows-1252" : charset;
  UConverter* conv = ucnv_open(name.c_str(), &status);
  if (U_FAILURE(status) || !conv) return MakeError(ErrorCode::kInvalidArgument, "unknown charset " + charset);
  std::unique_ptr<UConverter, decltype(&ucnv_close)> guard(conv, &ucnv_close);
  UConverter* utf8 = ucnv_open("UTF-8", &status);
  if (U_FAILURE(status) || !utf8) return MakeError(ErrorCode::kInternal, "ICU has no UTF-8 converter");
  std::unique_ptr<UConverter, decltype(&ucnv_close)> guard8(utf8, &ucnv_close);
  // Worst case one input byte becomes a 3-byte U+FFFD or a 3-byte BMP character;
  // multi-byte encodings never expand more than that.
  std::string out(bytes.size() * 3 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(utf8, conv, &target, out.data() + out.size(), &source, bytes.data() + bytes.size(), nullptr, nullptr,
                 nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) return MakeError(ErrorCode::kInvalidArgument, "cannot convert from " + charset);
  out.resize(static_cast<size_t>(target - out.data()));
  return out;
}

std::string Guess(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  if (U_FAILURE(status)) return "windows-1252";
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> guard(det, &ucsdet_close);
  const auto n = static_cast<int32_t>(std::min<size_t>(bytes.size(), 64 * 1024));
  ucsdet_setText(det, bytes.data(), n, &status);
  ucsdet_enableInputFilter(det, true);  // ignore markup
  const UCharsetMatch* match = ucsdet_detect(det, &status);
  if (U_FAILURE(status) || !match) return "windows-1252";
  const char* name = ucsdet_getName(match, &status);
  if (U_FAILURE(status) || !name) return "windows-1252";
  // Detector confidence is low on short or mostly-ASCII text; latin is the web's old default.
  if (ucsdet_getConfidence(match, &status) < 20) return "windows-1252";
  return name;
}

}  // namespace

std::string CharsetFromContentType(std::string_view content_type) { return ValueAfter(content_type, "charset"); }

std::string CharsetFromMeta(std::string_view html_prefix) {
  const std::string lower = Lower(html_prefix.substr(0, kMetaScanBytes));
  size_t pos = 0;
  while ((pos = lower.find("<meta", pos)) != std::string::npos) {
    const size_t end = lower.find('>', pos);
    const std::string_view tag = std::string_view(lower).substr(pos, end == std::string::npos ? end : end - pos);
    pos += 5;
    if (tag.find("charset") == std::string_view::npos) continue;
    std::string value = ValueAfter(tag, "charset");
    if (!value.empty()) return value;
  }
  return {};
}

Result<DecodedPage> DecodeHtml(std::string_view bytes, std::string_view content_type) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return DecodedPage{SanitizeUtf8(bytes.substr(3)), "UTF-8"};
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    const std::string name = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    auto out = Convert(bytes.substr(2), name);
    if (!out) return out.error();
    return DecodedPage{std::move(*out), name};
  }
  const std::string from_http = CharsetFromContentType(content_type);
  if (Lower(from_http).starts_with("utf-16")) {
    auto out = Convert(bytes, from_http);
    if (!out) return out.error();
    return DecodedPage{std::move(*out), from_http};
  }
  // Valid UTF-8 with non-ASCII text is almost never a legacy encoding by
  // accident, so it wins over any declaration (declared latin-1 but UTF-8 is common).
  if (IsValidUtf8(bytes)) return DecodedPage{std::string(bytes), "UTF-8"};
  std::string declared = from_http;
  if (declared.empty()) declared = CharsetFromMeta(bytes);
  // Declared UTF-8 (or nothing) but invalid: guess, rather than fill the page with U+FFFD.
  if (declared.empty() || IsUtf8Name(declared)) declared = Guess(bytes);
  auto out = Convert(bytes, declared);
  if (!out) {
    // An unknown label: fall back to a guess rather than failing the page.
    declared = Guess(bytes);
    out = Convert(bytes, declared);
    if (!out) return out.error();
  }
  return DecodedPage{std::move(*out), declared};
}

}  // namespace newsmon::article
