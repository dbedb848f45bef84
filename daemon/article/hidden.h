// Whether an element of the page is hidden from readers. Hidden markup
// (`hidden`, `aria-hidden`, `display:none`, `visibility:hidden`) is, except
// for what the reader or the page's first script shows in place: React's
// streamed segments, accordion panels, panels of disclosure buttons and
// `hidden="until-found"` content.
//
//   HiddenElements hidden(dom);
//   if (hidden.IsHidden(i)) skip(i);
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "article/dom.h"

namespace newsmon::article {

class HiddenElements {
 public:
  explicit HiddenElements(const Dom& dom) : dom_(dom) {}
  bool IsHidden(int i);

 private:
  bool HiddenByMarkup(int i) const;
  bool IsCollapsedPanel(int i);
  const std::vector<std::string_view>& DisclosedIds();
  int PreviousElementSibling(int i) const;
  bool IsStreamedSegment(int i) const;

  const Dom& dom_;
  std::optional<std::vector<std::string_view>> disclosed_ids_;  // built on first use
};

}  // namespace newsmon::article
