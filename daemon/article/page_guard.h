// Bounds for hostile pages, applied before the HTML parser sees them.
//
//   if (LooksBinary(bytes)) return error;
//   std::optional<std::string> flat = LimitNesting(html, 200);
//   Parse(flat ? *flat : html);
//
// Gumbo's tree builder rescans the stack of open elements for many tags, so
// its time grows with the square of the nesting depth (40k nested <div>s take
// seconds). A cheap tag scanner drops start tags (and their end tags) past
// the depth limit; their text stays.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsmon::article {

// Images, archives, PDFs and other bytes that are not text served as text/html.
bool LooksBinary(std::string_view bytes);

// nullopt when the page never nests deeper than `max_depth`; otherwise the page
// with the deeper tags removed.
std::optional<std::string> LimitNesting(std::string_view html, int max_depth);

}  // namespace newsmon::article
