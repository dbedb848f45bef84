// The language of a story: the page's declaration, checked against its text.
//
//   std::string lang = ResolveLanguage("en", body_text);  // "de" if the text is plainly German
//
// Templates often declare a default ("en-US") whatever the story's language,
// so a reliable CLD2 verdict on the text overrides the declaration.
#pragma once

#include <string>
#include <string_view>

namespace newsmon::article {

struct DetectedLanguage {
  std::string code;  // primary tag, e.g. "en"; "" when unknown
  bool reliable = false;
  int percent = 0;  // share of the text in that language
};

DetectedLanguage DetectLanguage(std::string_view utf8_text);
std::string ResolveLanguage(std::string_view declared, std::string_view utf8_text);

}  // namespace newsmon::article
