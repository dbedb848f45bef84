#include "article/page_guard.h"

#include <algorithm>
#include <array>
#include <cctype>
#include "util/text.h"

namespace newsmon::article {
namespace {

constexpr size_t kBinaryProbeBytes = 4096;

// Elements that do not nest: void elements and those whose end tag is implied
// by the next sibling, so a run of them never deepens the tree.
bool NeverNests(std::string_view name) {
  static constexpr std::array<std::string_view, 33> kNames = {
      "area",   "base",  "br",    "col",    "embed", "hr", "img", "input", "link",     "meta",     "param",
      "source", "track", "wbr",   "keygen", "p",     "li", "dt",  "dd",    "option",   "optgroup", "tr",
      "td",     "th",    "tbody", "thead",  "tfoot", "rb", "rt",  "rp",    "colgroup", "caption",  "image"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

bool IsRawText(std::string_view name) {
  return name == "script" || name == "style" || name == "textarea" || name == "title" || name == "xmp" ||
         name == "iframe" || name == "noembed" || name == "noframes" || name == "plaintext";
}

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_'; }

}  // namespace

bool LooksBinary(std::string_view bytes) {
  static constexpr std::array<std::string_view, 9> kMagic = {"%PDF-",
                                                             "\x89PNG",
                                                             "GIF8",
                                                             "\xFF\xD8\xFF",
                                                             "PK\x03\x04",
                                                             "\x1F\x8B",
                                                             "\x7F"
                                                             "ELF",
                                                             "RIFF",
                                                             "BZh"};
  for (std::string_view m : kMagic) {
    if (bytes.starts_with(m)) return true;
  }
  const std::string_view probe = bytes.substr(0, kBinaryProbeBytes);
  if (probe.starts_with("\xFF\xFE") || probe.starts_with("\xFE\xFF")) return false;  // UTF-16 text
  size_t control = 0;
  for (unsigned char c : probe) {
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) ++control;
  }
  return control * 10 > probe.size();
}

std::optional<std::string> LimitNesting(std::string_view html, int max_depth) {
  std::optional<std::string> out;
  size_t copied = 0;
  int depth = 0;
  int dropped = 0;  // open tags removed and not yet closed
  int foreign = 0;  // open <svg>/<math> elements
  auto drop = [&](size_t begin, size_t end) {
    if (!out) {
      out.emplace();
      out->reserve(html.size());
    }
    out->append(html.substr(copied, begin - copied));
    copied = end;
  };
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.substr(i, 4) == "<!--") {
      const size_t close = html.find("-->", i + 4);
      if (close == std::string_view::npos) break;
      i = close + 3;
      continue;
    }
    const bool end_tag = i + 1 < html.size() && html[i + 1] == '/';
    const size_t name_begin = i + (end_tag ? 2 : 1);
    if (name_begin >= html.size() || !std::isalpha(static_cast<unsigned char>(html[name_begin]))) {
      ++i;
      continue;
    }
    size_t name_end = name_begin;
    while (name_end < html.size() && IsNameChar(html[name_end])) ++name_end;
    std::string name(html.substr(name_begin, name_end - name_begin));
    std::transform(name.begin(), name.end(), name.begin(), [](char c) { return AsciiLowerChar(c); });
    const size_t close = html.find('>', name_end);
    if (close == std::string_view::npos) break;  // no complete tag follows; rescanning would be quadratic
    const size_t tag_end = close + 1;
    if (end_tag) {
      if ((name == "svg" || name == "math") && foreign > 0) --foreign;
      if (!NeverNests(name)) {
        if (dropped > 0) {
          --dropped;
          drop(i, tag_end);
        } else if (depth > 0) {
          --depth;
        }
      }
      i = tag_end;
      continue;
    }
    if (IsRawText(name)) {
      const size_t raw_end = FindAsciiNoCase(html, "</" + name, tag_end);
      i = raw_end == std::string_view::npos ? html.size() : raw_end;
      continue;
    }
    // "/>" closes an element only in SVG and MathML; in HTML, <div/> opens a div.
    const bool self_closing = foreign > 0 && html[close - 1] == '/';
    if ((name == "svg" || name == "math") && html[close - 1] != '/') ++foreign;
    if (!NeverNests(name) && !self_closing) {
      if (depth >= max_depth) {
        ++dropped;
        drop(i, tag_end);
      } else {
        ++depth;
      }
    }
    i = tag_end;
  }
  if (out) out->append(html.substr(copied));
  return out;
}

}  // namespace newsmon::article
