// SSRF guard: decides whether an untrusted fetch may connect to an address.
// Applied to the RESOLVED address at connect time (the HTTP client calls it
// from CURLOPT_OPENSOCKETFUNCTION for every connection attempt and every
// redirect hop), so DNS names pointing at internal addresses do not pass.
//
//   SsrfPolicy policy{.allow_private = false, .allow_hosts = {"feeds.internal"}};
//   if (auto why = ForbiddenAddressReason(addr)) refuse(*why);  // "loopback"
//   bool exempt = policy.HostExempt("feeds.internal");
#pragma once

#include <sys/socket.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsmon {

// Why an address is not a public unicast destination ("loopback",
// "private", "link-local", "cgnat", "multicast", ...), or nullopt when it is.
// IPv4-mapped, NAT64 and 6to4 IPv6 forms are judged by the embedded IPv4 address.
std::optional<std::string_view> ForbiddenAddressReason(const sockaddr* address, socklen_t length);

// Same for textual addresses ("10.1.2.3", "::1"); nullopt also for non-addresses.
std::optional<std::string_view> ForbiddenAddressReason(std::string_view numeric_address);

struct SsrfPolicy {
  bool allow_private = false;            // lifts the guard entirely (tests, demo)
  std::vector<std::string> allow_hosts;  // exact host names (case-insensitive) exempt from the guard
  bool HostExempt(std::string_view host) const;
};

}  // namespace newsmon
