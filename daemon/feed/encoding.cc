#include "feed/encoding.h"

#include <unicode/ucnv.h>

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsmon::feed {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.front())) || s.front() == '"' || s.front() == '\'')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) || s.back() == '"' || s.back() == '\'')) {
    s.remove_suffix(1);
  }
  return s;
}

struct Utf8Stats {
  size_t invalid = 0;
  size_t multibyte = 0;
};

// Length of the valid UTF-8 sequence at s[i], or 0 when invalid.
size_t SequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const size_t left = s.size() - i;
  auto cont = [&](size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;
    if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;
    if (c == 0xF4 && b(i + 1) >= 0x90) return 0;
    return 4;
  }
  return 0;
}

Utf8Stats Analyze(std::string_view s) {
  Utf8Stats st;
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t n = SequenceLength(s, i);
    if (n == 0) {
      ++st.invalid;
      ++i;
    } else {
      ++st.multibyte;
      i += n;
    }
  }
  return st;
}

bool IsUtf16Or32(std::string_view enc) {
  return enc.starts_with("utf-16") || enc.starts_with("utf-32") || enc.starts_with("ucs-2") ||
         enc.starts_with("ucs-4") || enc == "utf16" || enc == "utf32" || enc == "unicode";
}

bool IsUtf8Compatible(std::string_view enc) {
  return enc.empty() || enc == "utf-8" || enc == "utf8" || enc == "us-ascii" || enc == "ascii";
}

// Converts with ICU; false when the converter is unknown.
bool Convert(std::string_view bytes, const std::string& from, std::string& out) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(from.c_str(), &err);
  if (U_FAILURE(err) || !conv) return false;
  ucnv_close(conv);
  out.resize(bytes.size() * 3 + 16);
  err = U_ZERO_ERROR;
  const int32_t n = ucnv_convert("utf-8", from.c_str(), out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                                 static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return false;
  out.resize(static_cast<size_t>(n));
  return true;
}

}  // namespace

std::string CharsetFromContentType(std::string_view content_type) {
  const std::string ct = Lower(content_type);
  size_t p = ct.find("charset");
  if (p == std::string::npos) return "";
  p = ct.find('=', p);
  if (p == std::string::npos) return "";
  const size_t e = ct.find(';', p);
  return std::string(Trim(std::string_view(ct).substr(p + 1, e == std::string::npos ? std::string::npos : e - p - 1)));
}

std::string XmlDeclaredEncoding(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  while (!bytes.empty() && std::isspace(static_cast<unsigned char>(bytes.front()))) bytes.remove_prefix(1);
  if (!bytes.starts_with("<?xml")) return "";
  const std::string_view decl = bytes.substr(0, bytes.find("?>"));
  const size_t p = decl.find("encoding");
  if (p == std::string_view::npos) return "";
  size_t q = decl.find_first_of("\"'", p);
  if (q == std::string_view::npos) return "";
  const size_t e = decl.find(decl[q], q + 1);
  if (e == std::string_view::npos) return "";
  return Lower(Trim(decl.substr(q + 1, e - q - 1)));
}

size_t CleanUtf8(std::string& text, size_t* removed_controls) {
  // Fast scan: most feeds need no change at all.
  size_t i = 0;
  const size_t n = text.size();
  const auto* d = reinterpret_cast<const unsigned char*>(text.data());
  while (i < n) {
#if defined(__SSE2__)
    // Sixteen bytes at a time while they are printable ASCII or tab, LF, CR.
    if (i + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i));
      const __m128i control = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));  // also every byte >= 0x80
      const __m128i allowed =
          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                       _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
      if (_mm_movemask_epi8(_mm_andnot_si128(allowed, control)) == 0) {
        i += 16;
        continue;
      }
    }
#endif
    // Eight printable ASCII bytes at a time.
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, d + i, 8);
      if (((w | (w - 0x2020202020202020ULL)) & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = d[i];
    if (c >= 0x20 && c < 0x80) {
      ++i;
    } else if (c == '\n' || c == '\t' || c == '\r') {
      ++i;
    } else if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (d[i + 1] & 0xC0) == 0x80) {
      i += 2;  // Cyrillic, Greek, accented Latin: the common case, inline
    } else if (c >= 0x80) {
      const size_t len = SequenceLength(text, i);
      if (len == 0) break;
      if (len == 3 && c == 0xEF && d[i + 1] == 0xBF && d[i + 2] >= 0xBE) break;  // U+FFFE, U+FFFF
      i += len;
    } else {
      break;
    }
  }
  if (i == n) return 0;
  std::string out;
  out.reserve(n);
  out.append(text, 0, i);
  size_t invalid = 0;
  size_t controls = 0;
  while (i < n) {
    const unsigned char c = d[i];
    if (c < 0x80) {
      if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
        out += static_cast<char>(c);
      } else {
        ++controls;
      }
      ++i;
      continue;
    }
    const size_t len = SequenceLength(text, i);
    if (len == 0) {
      ++invalid;
      out += "\xEF\xBF\xBD";
      ++i;
    } else if (len == 3 && c == 0xEF && d[i + 1] == 0xBF && d[i + 2] >= 0xBE) {
      ++controls;
      i += 3;
    } else {
      out.append(text, i, len);
      i += len;
    }
  }
  text = std::move(out);
  if (removed_controls) *removed_controls = controls;
  return invalid;
}

Result<DecodedText> DecodeToUtf8(std::string_view bytes, std::string_view content_type) {
  DecodedText r;
  std::string bom;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bom = "utf-8";
    bytes.remove_prefix(3);
  } else if (bytes.starts_with(std::string_view("\xFF\xFE\x00\x00", 4))) {
    bom = "utf-32le";
    bytes.remove_prefix(4);
  } else if (bytes.starts_with(std::string_view("\x00\x00\xFE\xFF", 4))) {
    bom = "utf-32be";
    bytes.remove_prefix(4);
  } else if (bytes.starts_with("\xFE\xFF")) {
    bom = "utf-16be";
    bytes.remove_prefix(2);
  } else if (bytes.starts_with("\xFF\xFE")) {
    bom = "utf-16le";
    bytes.remove_prefix(2);
  }
  // Without a BOM, the position of NUL bytes around the first '<' tells
  // UTF-16/32 apart from ASCII-compatible encodings.
  std::string sniffed;
  if (bom.empty() && bytes.size() >= 4) {
    const std::string_view h = bytes.substr(0, 4);
    if (h == std::string_view("\x00\x00\x00<", 4))
      sniffed = "utf-32be";
    else if (h == std::string_view("<\x00\x00\x00", 4))
      sniffed = "utf-32le";
    else if (h[0] == 0 && h[1] != 0 && h[2] == 0 && h[3] != 0)
      sniffed = "utf-16be";
    else if (h[0] != 0 && h[1] == 0 && h[2] != 0 && h[3] == 0)
      sniffed = "utf-16le";
  }
  const std::string http = CharsetFromContentType(content_type);
  const std::string declared = bom.empty() && sniffed.empty() ? XmlDeclaredEncoding(bytes) : "";

  std::string chosen = !bom.empty() ? bom : !sniffed.empty() ? sniffed : !http.empty() ? http : declared;
  if (IsUtf16Or32(chosen) && bom.empty() && sniffed.empty()) {
    // Declared UTF-16 but the bytes have no NULs where UTF-16 would: single-byte text.
    if (bytes.size() < 2 || std::memchr(bytes.data(), 0, std::min<size_t>(bytes.size(), 64)) == nullptr) {
      r.warnings.push_back("declared encoding " + chosen + " does not match the bytes; ignored");
      chosen = http != chosen && !IsUtf16Or32(http) ? http : "";
    }
  }
  if (chosen == "utf-16" && !bom.empty()) chosen = bom;

  if (!IsUtf8Compatible(chosen) && !IsUtf16Or32(chosen)) {
    const Utf8Stats st = Analyze(bytes);
    if (st.invalid == 0 && st.multibyte > 0) {
      // The lying case: a legacy encoding declared, valid UTF-8 sent.
      r.warnings.push_back("declared encoding " + chosen + " but the document is UTF-8; read as UTF-8");
      chosen = "utf-8";
    }
  }

  size_t controls = 0;
  size_t invalid = 0;
  bool cleaned = false;
  if (IsUtf8Compatible(chosen)) {
    r.utf8.assign(bytes);
    r.encoding = "utf-8";
    cleaned = true;
    invalid = CleanUtf8(r.utf8, &controls);
    // Only documents with invalid UTF-8 need the closer look.
    const Utf8Stats st = invalid > 0 ? Analyze(bytes) : Utf8Stats{};
    if (st.invalid > 0 && st.multibyte == 0) {
      // Not UTF-8 at all and nothing declared: the web's default legacy encoding.
      std::string converted;
      if (Convert(bytes, "windows-1252", converted)) {
        r.utf8 = std::move(converted);
        cleaned = false;
        r.encoding = "windows-1252";
        r.warnings.push_back("document is not UTF-8 and declares no other encoding; read as windows-1252");
      }
    }
  } else {
    std::string converted;
    if (Convert(bytes, chosen, converted)) {
      r.utf8 = std::move(converted);
      r.encoding = chosen;
    } else {
      r.warnings.push_back("unknown encoding '" + chosen + "'; read as UTF-8");
      r.utf8.assign(bytes);
      r.encoding = "utf-8";
    }
  }
  // The UTF-8 path was cleaned above; converted text is cleaned here.
  if (!cleaned) {
    controls = 0;
    invalid = CleanUtf8(r.utf8, &controls);
  }
  if (invalid > 0) r.warnings.push_back(std::to_string(invalid) + " invalid UTF-8 bytes replaced with U+FFFD");
  if (controls > 0) r.warnings.push_back(std::to_string(controls) + " control characters illegal in XML removed");
  return r;
}

}  // namespace newsmon::feed
