// The desk's URL query strings: `/api/desk?topic=T&leader=L&new_only=1`.
//
//   DeskFilter f = FilterFromQuery("topic=russia-sanctions&new_only=1");
//   std::string rule = QueryValue("topic=x&query=a%20AND%20b", "query");  // "a AND b"
#pragma once

#include <string>
#include <string_view>

#include "desk/desk_model.h"

namespace newsmon::desk {

// application/x-www-form-urlencoded: '+' is a space, %XX a byte; a '%' not
// followed by two hex digits stays as it is.
std::string PercentDecode(std::string_view in);
// The decoded value of the first `name=...` pair; "" when absent.
std::string QueryValue(std::string_view query, std::string_view name);
DeskFilter FilterFromQuery(std::string_view query);

}  // namespace newsmon::desk
