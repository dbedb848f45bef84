// Rewrites the few tag patterns where libxml2's HTML4-era parser builds a
// tree very different from what browsers (HTML5) build, before Dom::Parse
// hands the page to libxml2.
//
//   std::optional<std::string> fixed = RepairTagsForLibxml2(html);
//   parse(fixed ? *fixed : html);
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsmon::article {

// Returns the repaired page, or nothing when the page needs no change:
//  * an end tag such as </li>, </header> or </button> closes the <div>s
//    left open inside it, as in HTML5. libxml2 instead ignores an end tag
//    that would close a <div>, so one unclosed <div> in a menu made the menu
//    swallow the rest of the page;
//  * HTML5 void elements libxml2 does not know (<wbr>, <source>, <track>,
//    <keygen>) get an end tag, or they would contain what follows them;
//  * <![CDATA[...]]> and other bogus <!...> comments are dropped, as HTML5
//    does; libxml2 would keep them as text;
//  * what the extractor never reads is dropped before libxml2 spends time
//    on it: comments, the code in <script> (JSON-LD kept) and <style>, and
//    the drawing inside <svg>. The elements themselves stay.
std::optional<std::string> RepairTagsForLibxml2(std::string_view html);

}  // namespace newsmon::article
