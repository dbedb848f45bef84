// HTML named character references (&eacute; &nbsp; ...), which feeds use in
// XML without declaring them.
//
//   std::string_view v = LookupHtmlEntity("eacute");  // "é" (UTF-8); empty when unknown
#pragma once

#include <string_view>

namespace newsmon::feed {

// `name` without '&' and ';'. Returns the UTF-8 replacement, or "" when unknown.
std::string_view LookupHtmlEntity(std::string_view name);

}  // namespace newsmon::feed
