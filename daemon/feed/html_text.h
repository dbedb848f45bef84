// HTML fragments (feed summaries and contents) to plain text, keeping
// paragraph structure: one paragraph per line, white space inside a
// paragraph collapsed, script/style dropped, entities decoded.
//
//   HtmlToText("<p>One &amp; two</p><p>Three<br>four</p>")  // "One & two\nThree\nfour"
//   HtmlToLine("<b>Breaking:</b>  news")                   // "Breaking: news"
#pragma once

#include <string>
#include <string_view>

namespace newsmon::feed {

std::string HtmlToText(std::string_view html);
// The same on one line (titles): paragraph breaks become spaces.
std::string HtmlToLine(std::string_view html);
// Trims and collapses runs of ASCII white space to one space.
std::string CollapseAsciiSpace(std::string_view text);

}  // namespace newsmon::feed
