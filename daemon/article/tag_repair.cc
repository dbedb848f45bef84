#include "article/tag_repair.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <unordered_map>
#include <vector>
#include "util/text.h"

namespace newsmon::article {
namespace {

// End tags are matched against the top of the open elements only; on a
// deep page one that matches nothing there is dropped. libxml2 would look through its whole
// stack for each, which a page of deep nesting and stray end tags makes
// quadratic (90 000 open <span>s and 30 000 </em>: 9 s).
constexpr size_t kMaxSearch = 512;

// Element ids: GumboTag values for known names, above them for the others.
using Id = uint32_t;
constexpr Id kFirstUnknown = GUMBO_TAG_LAST + 1;

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_'; }

// Elements libxml2 never pushes on its stack of open elements.
bool IsLibxml2Void(Id id) {
  switch (id) {
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_ISINDEX:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM:
      return true;
    default:
      return false;
  }
}

// HTML5 void elements libxml2 does not know.
bool IsUnknownVoid(Id id) {
  return id == GUMBO_TAG_WBR || id == GUMBO_TAG_SOURCE || id == GUMBO_TAG_TRACK || id == GUMBO_TAG_KEYGEN;
}

// libxml2's htmlEndPriority: an end tag cannot close an element of higher
// priority, it is dropped instead.
int EndPriority(Id id) {
  switch (id) {
    case GUMBO_TAG_DIV:
      return 150;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      return 160;
    case GUMBO_TAG_TR:
      return 170;
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
      return 180;
    case GUMBO_TAG_TABLE:
      return 190;
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_BODY:
      return 200;
    case GUMBO_TAG_HTML:
      return 220;
    default:
      return 100;
  }
}

// End tags that HTML5 lets close everything open inside them (the in-body
// rules for "address, article, aside, ...", li, dd, dt and h1..h6).
bool ClosesInside(Id id) {
  switch (id) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return true;
    default:
      return false;
  }
}

// A run of these closes its predecessor (in libxml2 as in HTML5).
bool EndsPrevious(Id id) {
  return id == GUMBO_TAG_P || id == GUMBO_TAG_LI || id == GUMBO_TAG_DT || id == GUMBO_TAG_DD || id == GUMBO_TAG_OPTION;
}

struct TagEnd {
  size_t gt = std::string_view::npos;  // npos when the tag is unfinished
  bool self_closed = false;            // "/>", which libxml2 honours on any element
};

// The '>' that ends the start tag whose name ends at `from`, reading
// attribute values the way libxml2 does: quoted values may hold '>', and an
// unquoted value takes a '/' before the '>' (<a href=/x/>).
TagEnd FindTagEnd(std::string_view html, size_t from) {
  for (size_t i = from; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '>') return {i, i > from && html[i - 1] == '/'};
    if (c != '=') continue;
    size_t v = i + 1;
    while (v < html.size() && std::isspace(static_cast<unsigned char>(html[v]))) ++v;
    if (v < html.size() && (html[v] == '"' || html[v] == '\'')) {
      const size_t close = html.find(html[v], v + 1);
      if (close == std::string_view::npos) return {};
      i = close;
      continue;
    }
    while (v < html.size() && html[v] != '>' && !std::isspace(static_cast<unsigned char>(html[v]))) ++v;
    if (v < html.size() && html[v] == '>') return {v, false};
    i = v;
  }
  return {};
}

class Repairer {
 public:
  explicit Repairer(std::string_view html) : html_(html) {}

  std::optional<std::string> Run() {
    size_t i = 0;
    while ((i = html_.find('<', i)) != std::string_view::npos) {
      if (html_.substr(i, 4) == "<!--") {
        const size_t close = html_.find("-->", i + 4);
        if (close == std::string_view::npos) break;
        Replace(i, close + 3, "");  // never read; libxml2 would build a node for each
        i = close + 3;
        continue;
      }
      if (html_.substr(i, 2) == "<!") {
        const size_t close = html_.find('>', i);
        if (close == std::string_view::npos) break;
        // HTML5 reads <![CDATA[...]]> and other <!...> as a comment that
        // ends at the first '>'; libxml2 would show them as text.
        if (FindAsciiNoCase(html_.substr(i, 9), "<!doctype", 0) != 0) Replace(i, close + 1, "");
        i = close + 1;
        continue;
      }
      const bool end_tag = i + 1 < html_.size() && html_[i + 1] == '/';
      const size_t name_begin = i + (end_tag ? 2 : 1);
      if (name_begin >= html_.size() || !std::isalpha(static_cast<unsigned char>(html_[name_begin]))) {
        ++i;
        continue;
      }
      size_t name_end = name_begin;
      while (name_end < html_.size() && IsNameChar(html_[name_end])) ++name_end;
      const std::string_view name = html_.substr(name_begin, name_end - name_begin);
      const Id id = ToId(name);
      const TagEnd tag = end_tag ? TagEnd{html_.find('>', name_end), false} : FindTagEnd(html_, name_end);
      const size_t tag_end = tag.gt;
      if (tag_end == std::string_view::npos) break;  // an unfinished tag ends the page
      if (end_tag) {
        EndTag(id, i, tag_end + 1);
        i = tag_end + 1;
      } else if (id == GUMBO_TAG_SCRIPT || id == GUMBO_TAG_STYLE) {
        const size_t raw_end = FindAsciiNoCase(html_, id == GUMBO_TAG_SCRIPT ? "</script" : "</style", tag_end);
        i = raw_end == std::string_view::npos ? html_.size() : raw_end;
        // Code and style sheets are about 40 % of a news page's bytes and
        // never story text; libxml2 reads them a character at a time. Only
        // JSON-LD, where the page states its metadata, is kept.
        const bool json_ld =
            FindAsciiNoCase(html_.substr(name_end, tag_end - name_end), "ld+json") != std::string_view::npos;
        if (!json_ld && i > tag_end + 1) Replace(tag_end + 1, i, "");
      } else if (id == GUMBO_TAG_SVG && !tag.self_closed) {
        // Inline icons: hundreds of path nodes the extractor skips whole.
        // A nested <svg> keeps its content rather than risk a wrong end.
        StartTag(id, name, tag_end, false);
        i = tag_end;
        const size_t close = NextSvgEnd(tag_end);
        if (close != std::string_view::npos &&
            FindAsciiNoCase(html_.substr(tag_end, close - tag_end), "<svg") == std::string_view::npos) {
          Replace(tag_end + 1, close, "");
          i = close;
        }
      } else {
        StartTag(id, name, tag_end, tag.self_closed);
        i = tag_end;
      }
    }
    if (out_) out_->append(html_.substr(copied_));
    return std::move(out_);
  }

 private:
  Id ToId(std::string_view name) {
    const GumboTag tag = gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size()));
    if (tag != GUMBO_TAG_UNKNOWN) return tag;
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) { return AsciiLowerChar(c); });
    auto [it, added] = unknown_.try_emplace(std::move(lower), kFirstUnknown + static_cast<Id>(unknown_.size()));
    return it->second;
  }

  // The first "</svg" at or after `from`. Remembered, so that a page of
  // nested <svg>s is searched once, not once per <svg>.
  size_t NextSvgEnd(size_t from) {
    if (svg_end_ == std::string_view::npos ? svg_end_searched_from_ > from : svg_end_ < from) {
      svg_end_ = FindAsciiNoCase(html_, "</svg", from);
      svg_end_searched_from_ = from;
    }
    return svg_end_;
  }

  // Replaces html_[begin, end) in the copy, made on the first change.
  void Replace(size_t begin, size_t end, std::string_view text) {
    if (!out_) {
      out_.emplace();
      out_->reserve(html_.size() + 1024);
    }
    out_->append(html_.substr(copied_, begin - copied_));
    out_->append(text);
    copied_ = end;
  }

  // `tag_end` is the position of the tag's '>'.
  void StartTag(Id id, std::string_view name, size_t tag_end, bool self_closed) {
    if (self_closed || IsLibxml2Void(id) || id == GUMBO_TAG_HTML || id == GUMBO_TAG_HEAD || id == GUMBO_TAG_BODY) {
      return;
    }
    if (IsUnknownVoid(id)) {
      Replace(tag_end + 1, tag_end + 1, "</" + std::string(name) + ">");
      return;
    }
    // A new cell or row closes the open one.
    if (id == GUMBO_TAG_TD || id == GUMBO_TAG_TH || id == GUMBO_TAG_TR) {
      for (size_t k = open_.size(), seen = 0; k-- > 0 && seen < kMaxSearch; ++seen) {
        const Id o = open_[k];
        if (o == GUMBO_TAG_TABLE) break;
        if (o == GUMBO_TAG_TD || o == GUMBO_TAG_TH || (id == GUMBO_TAG_TR && o == GUMBO_TAG_TR)) {
          open_.resize(k);
          break;
        }
      }
    }
    if (!open_.empty() && open_.back() == id && EndsPrevious(id)) return;
    open_.push_back(id);
  }

  // The end tag spans [begin, end).
  void EndTag(Id id, size_t begin, size_t end) {
    // Elements the model does not track keep their end tags.
    if (id == GUMBO_TAG_HTML || id == GUMBO_TAG_HEAD || id == GUMBO_TAG_BODY || id == GUMBO_TAG_SCRIPT ||
        id == GUMBO_TAG_STYLE || IsLibxml2Void(id) || IsUnknownVoid(id)) {
      return;
    }
    size_t k = open_.size();
    bool found = false;
    for (size_t seen = 0; k > 0 && seen < kMaxSearch; ++seen) {
      if (open_[--k] == id) {
        found = true;
        break;
      }
    }
    if (!found) {
      // libxml2 drops it too, after a search we spare it on deep pages.
      if (open_.size() > kMaxSearch / 2) Replace(begin, end, "");
      return;
    }
    const int priority = EndPriority(id);
    bool blocked = false;
    bool only_divs = true;
    for (size_t j = k + 1; j < open_.size(); ++j) {
      if (EndPriority(open_[j]) > priority) {
        blocked = true;
        only_divs = only_divs && open_[j] == GUMBO_TAG_DIV;
      }
    }
    if (blocked) {
      // Inside a table HTML5 would ignore the end tag as well.
      if (!only_divs || !ClosesInside(id)) return;
      std::string closes;
      for (size_t j = open_.size(); j-- > k + 1;) {
        if (open_[j] == GUMBO_TAG_DIV) closes += "</div>";
      }
      Replace(begin, begin, closes);
    }
    open_.resize(k);
  }

  std::string_view html_;
  std::vector<Id> open_;
  std::unordered_map<std::string, Id> unknown_;
  std::optional<std::string> out_;
  size_t copied_ = 0;
  size_t svg_end_ = std::string_view::npos;
  size_t svg_end_searched_from_ = std::string_view::npos;
};

}  // namespace

std::optional<std::string> RepairTagsForLibxml2(std::string_view html) { return Repairer(html).Run(); }

}  // namespace newsmon::article
