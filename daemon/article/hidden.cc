#include "article/hidden.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "util/text.h"

namespace newsmon::article {
namespace {

// How far into the element before a hidden panel its disclosure button may sit.
constexpr int kDisclosureButtonNodes = 40;

}  // namespace

bool HiddenElements::IsHidden(int i) { return HiddenByMarkup(i) && !IsCollapsedPanel(i); }

bool HiddenElements::HiddenByMarkup(int i) const {
  if (dom_.HasAttr(i, "hidden")) return !IsStreamedSegment(i);
  if (dom_.Attr(i, "aria-hidden") == "true" && dom_.node(i).tag != GUMBO_TAG_SPAN) return true;
  const std::string_view style = dom_.Attr(i, "style");
  if (style.empty()) return false;
  std::string s(style);
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  std::transform(s.begin(), s.end(), s.begin(), [](char c) { return AsciiLowerChar(c); });
  return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
}

// An accordion's panel (WAI-ARIA's pattern: a region labelled by its
// button) or `hidden="until-found"` content is text the reader opens in
// place, not chrome: the story's sections, collapsed.
// So is a panel a disclosure button opens: one whose id a button with
// aria-expanded names in aria-controls, or one right after such a button.
bool HiddenElements::IsCollapsedPanel(int i) {
  if (dom_.Attr(i, "hidden") == "until-found") return true;
  if (dom_.Attr(i, "role") == "region" && dom_.HasAttr(i, "aria-labelledby")) return true;
  const std::string_view id = dom_.Attr(i, "id");
  if (!id.empty() && std::binary_search(DisclosedIds().begin(), DisclosedIds().end(), id)) return true;
  const int before = PreviousElementSibling(i);
  if (before < 0) return false;
  const int stop = std::min(dom_.node(before).end, before + kDisclosureButtonNodes);
  for (int k = before; k < stop; ++k) {
    if (!dom_.node(k).is_text && dom_.HasAttr(k, "aria-expanded")) return true;
  }
  return false;
}

const std::vector<std::string_view>& HiddenElements::DisclosedIds() {
  if (!disclosed_ids_) {
    disclosed_ids_.emplace();
    for (int k = 0; k < dom_.size(); ++k) {
      if (dom_.node(k).is_text || !dom_.HasAttr(k, "aria-expanded")) continue;
      // aria-controls may name several ids.
      std::string_view ids = dom_.Attr(k, "aria-controls");
      while (!ids.empty()) {
        const size_t space = ids.find(' ');
        if (space != 0) disclosed_ids_->push_back(ids.substr(0, space));
        ids = space == std::string_view::npos ? std::string_view() : ids.substr(space + 1);
      }
    }
    std::sort(disclosed_ids_->begin(), disclosed_ids_->end());
  }
  return *disclosed_ids_;
}

// In pre-order the node before i ends the previous sibling's subtree, so
// climbing from it costs the depth, not the number of siblings; a few
// white-space text nodes between the two are passed over.
int HiddenElements::PreviousElementSibling(int i) const {
  const int parent = dom_.node(i).parent;
  int at = i;
  for (int step = 0; step < 4 && parent >= 0; ++step) {
    int k = at - 1;
    while (k > parent && dom_.node(k).parent != parent) k = dom_.node(k).parent;
    if (k <= parent) return -1;
    if (!dom_.node(k).is_text) return k;
    at = k;
  }
  return -1;
}

// React's streaming renderer sends each finished part as <div hidden
// id="S:1f"> and a script moves it into its <template id="P:1f">
// placeholder: hidden only until the page's first script runs.
bool HiddenElements::IsStreamedSegment(int i) const {
  if (dom_.node(i).tag != GUMBO_TAG_DIV) return false;
  const std::string_view id = dom_.Attr(i, "id");
  if (id.size() < 3 || !id.starts_with("S:")) return false;
  return std::all_of(id.begin() + 2, id.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

}  // namespace newsmon::article
