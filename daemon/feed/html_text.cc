#include "feed/html_text.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

#include "feed/xml_reader.h"

namespace newsmon::feed {
namespace {

bool IsBlock(std::string_view tag) {
  // The short, frequent tags are decided without a table walk.
  if (tag.size() == 1) return tag[0] == 'p';
  if (tag.size() == 2) {
    const char a = tag[0];
    const char b = tag[1];
    if (a == 'h') return (b >= '1' && b <= '6') || b == 'r';
    return (a == 'b' && b == 'r') || (a == 'l' && b == 'i') || (a == 'u' && b == 'l') || (a == 'o' && b == 'l') ||
           (a == 't' && b == 'r') || (a == 'd' && (b == 'd' || b == 't' || b == 'l'));
  }
  static constexpr std::string_view kBlocks[] = {
      "div",        "table",    "blockquote", "pre",     "section", "article", "header", "footer",  "figure",
      "figcaption", "aside",    "nav",        "address", "main",    "tbody",   "thead",  "caption", "center",
      "form",       "fieldset", "details",    "summary", "iframe",  "video",   "audio",  "img"};
  for (std::string_view b : kBlocks) {
    if (tag == b) return true;
  }
  return false;
}

bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }

class TextBuilder {
 public:
  explicit TextBuilder(bool one_line) : one_line_(one_line) {}

  void Text(std::string_view raw) {
    if (std::memchr(raw.data(), '&', raw.size()) != nullptr) {
      decoded_.clear();
      DecodeEntitiesTo(raw, decoded_);
      AddRun(decoded_);
    } else {
      AddRun(raw);
    }
  }
  void Break() {
    if (!out_.empty()) pending_break_ = true;
  }
  std::string Take() { return std::move(out_); }

 private:
  // Appends `s` with white space collapsed. Writes through a pointer into
  // space reserved up front, copying runs of ordinary bytes in a tight loop:
  // this is the hottest code in the parser.
  void AddRun(std::string_view s) {
    const size_t old = out_.size();
    out_.resize(old + s.size() + 1);  // at most one separator plus the bytes
    char* const begin = out_.data();
    char* d = begin + old;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* const end = p + s.size();
    while (p < end) {
      const uint8_t cls = kClass[*p];
      if (cls == 1 || (cls == 2 && !one_line_ && p + 1 < end && p[1] == 0xA0)) {
        // White space; NBSP counts as space for matching purposes.
        p += cls;
        if (d != begin) pending_space_ = true;
        continue;
      }
      if (pending_break_ || pending_space_) {
        if (d != begin) *d++ = pending_break_ && !one_line_ ? '\n' : ' ';
        pending_break_ = pending_space_ = false;
      }
      *d++ = static_cast<char>(*p++);
      // Eight bytes at a time while none can be white space or NBSP (long
      // runs: URLs, non-Latin scripts), then byte by byte to the word's end.
      while (end - p >= 8) {
        uint64_t w;
        std::memcpy(&w, p, 8);
        const uint64_t below_0x21 = (w - 0x2121212121212121ULL) & ~w & 0x8080808080808080ULL;
        const uint64_t x = w ^ 0xC2C2C2C2C2C2C2C2ULL;
        const uint64_t has_c2 = (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
        if ((below_0x21 | has_c2) != 0) break;
        std::memcpy(d, p, 8);
        d += 8;
        p += 8;
      }
      while (p < end && kClass[*p] == 0) *d++ = static_cast<char>(*p++);
    }
    out_.resize(static_cast<size_t>(d - begin));
  }

  // 1: ASCII white space, 2: first byte of a possible NBSP, 0: anything else.
  static constexpr auto kClass = [] {
    std::array<uint8_t, 256> t{};
    t[' '] = t['\n'] = t['\t'] = t['\r'] = t['\f'] = 1;
    t[0xC2] = 2;
    return t;
  }();

  std::string out_;
  std::string decoded_;  // reused between runs
  bool one_line_;
  bool pending_space_ = false;
  bool pending_break_ = false;
};

std::string Convert(std::string_view h, bool one_line) {
  TextBuilder b(one_line);
  size_t i = 0;
  while (i < h.size()) {
    const char* lt = static_cast<const char*>(std::memchr(h.data() + i, '<', h.size() - i));
    const size_t stop = lt ? static_cast<size_t>(lt - h.data()) : h.size();
    if (stop > i) b.Text(h.substr(i, stop - i));
    i = stop;
    if (i >= h.size()) break;
    // A tag, a comment, or a bare '<'.
    if (i + 1 < h.size() && h[i + 1] == '!' && h.substr(i).starts_with("<!--")) {
      const size_t e = h.find("-->", i + 4);
      i = e == std::string_view::npos ? h.size() : e + 3;
      continue;
    }
    if (i + 1 < h.size() && h[i + 1] == '!' && h.substr(i).starts_with("<![CDATA[")) {
      const size_t e = h.find("]]>", i + 9);
      const size_t end = e == std::string_view::npos ? h.size() : e;
      b.Text(h.substr(i + 9, end - i - 9));
      i = end == h.size() ? end : end + 3;
      continue;
    }
    size_t p = i + 1;
    const bool closing = p < h.size() && h[p] == '/';
    if (closing) ++p;
    if (p >= h.size() || !(IsAsciiAlpha(h[p]) || h[p] == '!' || h[p] == '?')) {
      b.Text("<");
      ++i;
      continue;
    }
    const size_t name_begin = p;
    while (p < h.size() && (IsAsciiAlnum(h[p]) || h[p] == ':' || h[p] == '-')) ++p;
    std::string tag(h.substr(name_begin, p - name_begin));
    for (char& c : tag) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    if (const size_t colon = tag.find(':'); colon != std::string::npos) tag = tag.substr(colon + 1);
    // Skip to the end of the tag, respecting quoted attribute values.
    // Skip to the tag's '>', jumping over quoted values. A quote opens a
    // value only right after '=' (a stray quote must not swallow the rest).
    while (p < h.size()) {
      const char c = h[p];
      if (c == '>') break;
      if ((c == '"' || c == '\'') && p > 0) {
        size_t back = p - 1;
        while (back > 0 && h[back] == ' ') --back;
        if (h[back] == '=') {
          const void* close = std::memchr(h.data() + p + 1, c, h.size() - p - 1);
          p = close ? static_cast<size_t>(static_cast<const char*>(close) - h.data()) + 1 : h.size();
          continue;
        }
      }
      ++p;
    }
    i = p < h.size() ? p + 1 : h.size();
    if (!closing && (tag == "script" || tag == "style" || tag == "noscript" || tag == "template")) {
      const std::string end_tag = "</" + tag;
      size_t e = i;
      while (e < h.size()) {
        e = h.find("</", e);
        if (e == std::string_view::npos) break;
        std::string cand(h.substr(e, end_tag.size()));
        for (char& c : cand) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (cand == end_tag) break;
        e += 2;
      }
      if (e == std::string_view::npos || e >= h.size()) {
        i = h.size();
      } else {
        const size_t gt = h.find('>', e);
        i = gt == std::string_view::npos ? h.size() : gt + 1;
      }
      continue;
    }
    if (IsBlock(tag)) b.Break();
  }
  return b.Take();
}

}  // namespace

std::string HtmlToText(std::string_view html) { return Convert(html, false); }
std::string HtmlToLine(std::string_view html) { return Convert(html, true); }

std::string CollapseAsciiSpace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace newsmon::feed
