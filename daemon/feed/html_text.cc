#include "feed/html_text.h"

#include <cctype>
#include <cstring>

#include "feed/xml_reader.h"

namespace newsmon::feed {
namespace {

bool IsBlock(std::string_view tag) {
  static constexpr std::string_view kBlocks[] = {
      "p",       "br",      "div",    "li",         "ul",    "ol",         "h1",     "h2",      "h3",
      "h4",      "h5",      "h6",     "tr",         "table", "blockquote", "pre",    "section", "article",
      "header",  "footer",  "figure", "figcaption", "hr",    "dd",         "dt",     "dl",      "aside",
      "nav",     "address", "main",   "tbody",      "thead", "caption",    "center", "form",    "fieldset",
      "details", "summary", "iframe", "video",      "audio", "img"};
  for (std::string_view b : kBlocks) {
    if (tag == b) return true;
  }
  return false;
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }
bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }

class TextBuilder {
 public:
  explicit TextBuilder(bool one_line) : one_line_(one_line) {}

  void Text(std::string_view raw) {
    if (raw.find('&') != std::string_view::npos) {
      AddRun(DecodeEntities(raw));
    } else {
      AddRun(raw);
    }
  }
  void Break() {
    if (!out_.empty()) pending_break_ = true;
  }
  std::string Take() { return std::move(out_); }

 private:
  void AddRun(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
      const char c = s[i];
      bool space = IsAsciiSpace(c);
      size_t skip = 1;
      // NBSP is a space for matching purposes.
      if (!one_line_ && c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
        space = true;
        skip = 2;
      }
      if (space) {
        if (!out_.empty()) pending_space_ = true;
        i += skip;
        continue;
      }
      if (pending_break_) {
        out_ += one_line_ ? ' ' : '\n';
      } else if (pending_space_) {
        out_ += ' ';
      }
      pending_break_ = pending_space_ = false;
      // Copy the whole word at once.
      size_t j = i + 1;
      while (j < s.size() && !IsAsciiSpace(s[j]) && s[j] != '\xC2') ++j;
      out_.append(s, i, j - i);
      i = j;
    }
  }

  std::string out_;
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
    if (h.substr(i).starts_with("<!--")) {
      const size_t e = h.find("-->", i + 4);
      i = e == std::string_view::npos ? h.size() : e + 3;
      continue;
    }
    if (h.substr(i).starts_with("<![CDATA[")) {
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
    // A quote opens a value only right after '=' (a stray quote must not swallow the rest).
    char quote = 0;
    char prev = 0;
    while (p < h.size()) {
      const char c = h[p];
      if (quote) {
        if (c == quote) quote = 0;
      } else if ((c == '"' || c == '\'') && prev == '=') {
        quote = c;
      } else if (c == '>') {
        break;
      }
      if (c != ' ') prev = c;
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
