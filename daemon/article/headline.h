// Choosing the headline among what the page states and what it shows.
//
//   HeadlineSources s{.stated = "Night market returns | Townsfolk",
//                     .title_tag = "Night market returns | Townsfolk",
//                     .site_name = "Townsfolk",
//                     .h1s = {"Townsfolk", "Night market returns"}};
//   PickHeadline(s);  // "Night market returns"
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsmon::article {

struct HeadlineSources {
  std::string structured;             // JSON-LD headline of the article
  std::string stated;                 // og:title, twitter:title and the like
  std::string title_tag;              // <title>
  std::string site_name;              // og:site_name and the like; "" when unknown
  std::vector<std::string> h1s;       // visible <h1> texts, in page order
  std::vector<std::string> subheads;  // the first <h2> texts, in page order
  std::string url;                    // the page's URL; "" when unknown
};

std::string PickHeadline(const HeadlineSources& sources);

// "Headline | Site" -> "Headline", using the site name when known.
std::string StripSiteName(std::string_view title, std::string_view site_name);

}  // namespace newsmon::article
