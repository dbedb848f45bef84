// What an element's class and id say about the block: the vocabulary the
// body finder weighs (Readability's, extended with what modern pages add), read
// with care for utility-class and page-builder markup, where "hidden" and
// "widget" describe layout rather than a role.
//
//   FrameworkTokens layout(dom);
//   if (IsUnlikelyBox(dom.ClassAndId(i))) skip(i);
//   score += HintWeight(class_attribute, layout) + HintWeight(id, layout);
#pragma once

#include <string_view>
#include <unordered_map>

#include "article/dom.h"

namespace newsmon::article {

// Class tokens the page puts on so many elements that they are its layout
// framework's vocabulary ("elementor-widget"), not the mark of one box.
// Counted when first asked about (only tokens with a chrome word are) and
// remembered; the Dom must outlive it.
class FrameworkTokens {
 public:
  explicit FrameworkTokens(const Dom& dom) : dom_(dom) {}
  bool Contains(std::string_view token) const;

 private:
  const Dom& dom_;
  mutable std::unordered_map<std::string_view, bool> known_;
};

// Chrome by name (menus, comments, ads, cookie boxes): dropped before scoring.
// `hints` is Dom::ClassAndId, lower case.
bool IsUnlikelyBox(std::string_view hints);

// +25 for a story word ("article", "content"), -25 for a chrome word or a
// class that hides the element, for one of class or id (lower case).
int HintWeight(std::string_view class_or_id, const FrameworkTokens& layout);

// A chrome word that names what the box is for (an author bio, comments,
// related links), as opposed to how it is laid out.
bool NamesBoxRole(std::string_view hints);

}  // namespace newsmon::article
