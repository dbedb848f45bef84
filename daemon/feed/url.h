// URL helpers for feeds: RFC 3986 reference resolution (xml:base, document
// URL) and the normalized form used for item identity.
//
//   ResolveUrl("http://a.org/blog/feed", "../post?id=1")  // "http://a.org/post?id=1"
//   IdentityUrl("HTTP://A.org/p/?utm_source=x#top")     // "http://a.org/p"
#pragma once

#include <string>
#include <string_view>

namespace newsmon::feed {

// `ref` resolved against `base`; `ref` unchanged when it is absolute or base is empty/relative.
std::string ResolveUrl(std::string_view base, std::string_view ref);
bool IsAbsoluteUrl(std::string_view url);

// Lower-case scheme and host, no fragment, no default port, no tracking
// query parameters (utm_*, fbclid, gclid, ...), no trailing slash, "www."
// dropped: two links to the same article compare equal.
std::string IdentityUrl(std::string_view url);

}  // namespace newsmon::feed
