#include "article/shown_date.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>

#include "article/meta_text.h"
#include "util/text.h"

namespace newsmon::article {
namespace {

constexpr int kNodesAfter = 150;
constexpr int kNodesBefore = 30;
// Text nodes longer than this are prose: the byline area has ended.
constexpr size_t kProseChars = 160;
constexpr size_t kAreaChars = 400;

// Icons and scripts: their nodes would use up the area's budget.
bool HoldsNoDate(const Dom& dom, int i) {
  const GumboTag tag = dom.node(i).tag;
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT || tag == GUMBO_TAG_SELECT ||
         tag == GUMBO_TAG_SVG || dom.TagName(i) == "svg";
}

bool EndsArea(const DomNode& n) { return n.tag == GUMBO_TAG_H1 || n.tag == GUMBO_TAG_H2; }

bool IsSubtitle(const Dom& dom, int i, std::string_view area_so_far) {
  return dom.node(i).tag == GUMBO_TAG_H2 && TrimAscii(area_so_far).empty() &&
         dom.CollapsedText(i).size() <= kProseChars;
}

std::optional<PageDate> DateAfter(const Dom& dom, int headline) {
  const std::string headline_key = MatchKey(dom.CollapsedText(headline));
  std::string area;
  int prose = 0;  // a standfirst may sit between the headline and the byline
  bool subtitle_seen = false;
  int visited = 0;
  for (int i = dom.node(headline).end; i < dom.size() && visited < kNodesAfter && area.size() < kAreaChars; ++i) {
    ++visited;
    const DomNode& n = dom.node(i);
    if (!n.is_text) {
      if (HoldsNoDate(dom, i)) {
        i = n.end - 1;
      } else if (n.tag == GUMBO_TAG_TIME) {
        // The machine-readable form keeps the page's offset; text before it wins.
        if (auto d = ParsePageDate(dom.Attr(i, "datetime"))) {
          if (auto shown = FindDateInText(area)) return shown;
          return d;
        }
      } else if (EndsArea(n)) {
        // Templates repeat the headline (one for small screens, say), and
        // blogs set a subtitle as an <h2> right under it, before the byline.
        const bool subtitle = !subtitle_seen && IsSubtitle(dom, i, area);
        subtitle_seen = subtitle_seen || subtitle;
        if (!subtitle && MatchKey(dom.CollapsedText(i)).find(headline_key) == std::string::npos) break;
        i = n.end - 1;
      } else if (n.tag == GUMBO_TAG_P && dom.CollapsedText(i).size() > kProseChars) {
        // A paragraph of prose, also when links split it into short text nodes.
        if (++prose > 1) break;
        i = n.end - 1;
      }
      continue;
    }
    const std::string_view text = TrimAscii(dom.Text(i));
    if (text.size() > kProseChars) {
      if (++prose > 1) break;
      continue;
    }
    area += std::string(text) + " ";
  }
  return FindDateInText(area);
}

bool SaysUpdated(std::string_view text) {
  const std::string lower = AsciiLower(text);
  return lower.find("updated") != std::string::npos || lower.find("modified") != std::string::npos;
}

// The nearest date above the headline; an "Updated" one only when it is the
// only one there.
std::optional<PageDate> DateBefore(const Dom& dom, int headline) {
  std::optional<PageDate> updated;
  size_t chars = 0;
  for (int i = headline - 1; i >= 0 && i >= headline - kNodesBefore && chars < kAreaChars; --i) {
    const DomNode& n = dom.node(i);
    if (!n.is_text) {
      if (n.end > headline) continue;  // an ancestor of the headline
      if (EndsArea(n)) break;
      if (n.tag == GUMBO_TAG_TIME) {
        if (auto d = ParsePageDate(dom.Attr(i, "datetime"))) return d;
      }
      continue;
    }
    const std::string_view text = TrimAscii(dom.Text(i));
    if (text.size() > kProseChars) break;
    if (auto d = FindDateInText(text)) {
      if (!SaysUpdated(text)) return d;
      if (!updated) updated = d;
    }
    chars += text.size();
  }
  return updated;
}

}  // namespace

std::optional<PageDate> ShownDate(const Dom& dom, int headline) {
  if (headline < 0 || headline >= dom.size()) return std::nullopt;
  if (auto d = DateAfter(dom, headline)) return d;
  return DateBefore(dom, headline);
}

namespace {

std::chrono::sys_days LocalDay(const PageDate& d) {
  return std::chrono::floor<std::chrono::days>(d.utc + std::chrono::minutes(d.offset_minutes.value_or(0)));
}

}  // namespace

std::optional<PageDate> DateBesideByline(const Dom& dom, int byline) {
  if (byline < 0 || byline >= dom.size()) return std::nullopt;
  if (auto d = FindDateInText(dom.CollapsedText(byline))) return d;
  return DateAfter(dom, byline);
}

std::optional<PageDate> LabelledDate(const Dom& dom) {
  constexpr size_t kLabelledChars = 80;
  std::optional<PageDate> updated;
  for (int i = 0; i < dom.size(); ++i) {
    const DomNode& n = dom.node(i);
    if (!n.is_text || n.parent < 0 || HoldsNoDate(dom, n.parent)) continue;
    const std::string_view text = TrimAscii(n.text);
    if (text.size() > kLabelledChars) continue;
    const std::string lower = AsciiLower(text);
    const bool published = lower.starts_with("published") || lower.starts_with("posted");
    if (!published && !lower.starts_with("last updated") && !lower.starts_with("updated")) continue;
    const std::optional<PageDate> d = FindDateInText(text);
    if (d && published) return d;
    if (d && !updated) updated = d;
  }
  return updated;
}

bool ShownEarlier(const PageDate& shown, const PageDate& stated) {
  if (shown.has_time && stated.has_time) return shown.utc + std::chrono::hours(24) < stated.utc;
  // A stated time in UTC in the small hours is the evening before in the
  // Americas: the day shown is the same moment in the site's own zone.
  if (!shown.has_time && stated.has_time && stated.offset_minutes.value_or(0) == 0) {
    const auto day = std::chrono::floor<std::chrono::days>(stated.utc);
    const bool early_utc = stated.utc - day < std::chrono::hours(6);
    if (early_utc && (LocalDay(stated) - LocalDay(shown)).count() == 1) return false;
  }
  return LocalDay(shown) < LocalDay(stated);
}

bool OnShownDay(const PageDate& shown, const PageDate& modified) {
  const auto days = (LocalDay(modified) - LocalDay(shown)).count();
  return days == 0 || (days == 1 && modified.offset_minutes.value_or(0) == 0);
}

bool DayMonthSwapped(const PageDate& a, const PageDate& b) {
  const std::chrono::year_month_day x{std::chrono::floor<std::chrono::days>(a.utc)};
  const std::chrono::year_month_day y{std::chrono::floor<std::chrono::days>(b.utc)};
  return x.year() == y.year() && x.month() != y.month() &&
         static_cast<unsigned>(x.month()) == static_cast<unsigned>(y.day()) &&
         static_cast<unsigned>(x.day()) == static_cast<unsigned>(y.month());
}

bool UrlKeepsShownDay(const PageDate& shown, const PageDate& url, const PageDate& stated) {
  return LocalDay(url) == LocalDay(shown) && (LocalDay(stated) - LocalDay(shown)).count() == 1;
}

}  // namespace newsmon::article
