// Whether a byline candidate is a person: not the outlet that published the
// page, and not page chrome that sits where a byline sits.
//
//   const SiteNames site = SiteNameKeys({og_site_name, publisher}, page_url);
//   if (IsPageChrome(name)) skip();                 // "Log in", "Twitter", "page.author"
//   if (IsSiteName(name, site)) prefer_a_person();  // "USA TODAY" on usatoday.com
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsmon::article {

// Lower-case letters and digits of `name` only: "USA TODAY" and "usatoday"
// have the same key.
std::string NameKey(std::string_view name);

// "By Jane Doe and John Roe | May 4, 2025" -> {"Jane Doe", "John Roe"}.
std::vector<std::string> SplitByline(std::string_view byline);

// The names the site goes by, as NameKeys: those it states (og:site_name,
// the JSON-LD publisher, twitter:site without its "@") and the labels of its
// host other than "www" and the public suffix ("usatoday" for
// www.usatoday.com).
struct SiteNames {
  std::vector<std::string> stated;
  std::vector<std::string> host;
};
SiteNames SiteNameKeys(const std::vector<std::string>& stated_names, std::string_view page_url);

// The outlet, not a writer: the candidate is a name the site states, or a
// host label, either alone or followed by a generic word ("Paycom Blog"). A
// host label that reads as a person's name ("Gary Marcus" on
// garymarcus.example) is the writer's own site, so the name stays a person's.
bool IsSiteName(std::string_view name, const SiteNames& site);

// Two to four words, each a capital followed by lower-case letters ("Gary
// Marcus", "Tracy Parker"), none of them a word organisations use.
bool LooksLikePersonName(std::string_view name);

// Text that sits where bylines sit and names nobody: buttons and labels
// ("Log in", "Written by", "Meet the team"), social networks ("Twitter",
// "YouTube"), day names, template placeholders ("page.head.extra.author",
// "{{author}}"), and lower-case lists ("industry, role").
bool IsPageChrome(std::string_view name);

}  // namespace newsmon::article
