// The desk page: plain HTML, CSS and a little JavaScript served by the
// binary, no build chain. The script fetches /api/desk and renders every
// value with textContent, never as markup.
#pragma once

#include <string_view>

namespace newsmon::desk {

std::string_view PageHtml();
std::string_view PageScript();
std::string_view PageStyle();
std::string_view PageIcon();

}  // namespace newsmon::desk
