#include "fetch/ssrf_guard.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace newsmon {
namespace {

struct V4Range {
  uint32_t base;
  int prefix;
  std::string_view reason;
};

constexpr uint32_t Ip(uint32_t a, uint32_t b, uint32_t c, uint32_t d) { return a << 24 | b << 16 | c << 8 | d; }

// IANA special-purpose IPv4 registry, minus the globally reachable entries.
constexpr std::array<V4Range, 17> kV4Ranges{{
    {Ip(0, 0, 0, 0), 8, "unspecified"},
    {Ip(10, 0, 0, 0), 8, "private"},
    {Ip(100, 64, 0, 0), 10, "cgnat"},
    {Ip(127, 0, 0, 0), 8, "loopback"},
    {Ip(169, 254, 0, 0), 16, "link-local"},
    {Ip(172, 16, 0, 0), 12, "private"},
    {Ip(192, 0, 0, 0), 24, "ietf-protocol"},
    {Ip(192, 0, 2, 0), 24, "documentation"},
    {Ip(192, 88, 99, 0), 24, "6to4-relay"},
    {Ip(192, 168, 0, 0), 16, "private"},
    {Ip(198, 18, 0, 0), 15, "benchmarking"},
    {Ip(198, 51, 100, 0), 24, "documentation"},
    {Ip(203, 0, 113, 0), 24, "documentation"},
    {Ip(224, 0, 0, 0), 4, "multicast"},
    {Ip(240, 0, 0, 0), 4, "reserved"},
    {Ip(255, 255, 255, 255), 32, "broadcast"},
    {Ip(192, 31, 196, 0), 24, "as112"},
}};

std::optional<std::string_view> V4Reason(uint32_t ip) {
  for (const V4Range& r : kV4Ranges) {
    const uint32_t mask = r.prefix == 0 ? 0 : ~uint32_t{0} << (32 - r.prefix);
    if ((ip & mask) == (r.base & mask)) return r.reason;
  }
  return std::nullopt;
}

uint32_t V4At(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | uint32_t{p[3]};
}

std::optional<std::string_view> V6Reason(const uint8_t* a) {
  static constexpr uint8_t kZero[16] = {};
  if (std::memcmp(a, kZero, 16) == 0) return "unspecified";
  if (std::memcmp(a, kZero, 15) == 0 && a[15] == 1) return "loopback";
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible): judge the IPv4 address.
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(a, kMapped, 12) == 0) return V4Reason(V4At(a + 12));
  if (std::memcmp(a, kZero, 12) == 0) return "ipv4-compatible";
  // 64:ff9b::/96 NAT64 well-known prefix translates to the embedded IPv4 address.
  static constexpr uint8_t kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(a, kNat64, 12) == 0) return V4Reason(V4At(a + 12));
  if (a[0] == 0 && a[1] == 0x64 && a[2] == 0xff && a[3] == 0x9b && a[4] == 0 && a[5] == 1) return "nat64-local";
  if (a[0] == 0x20 && a[1] == 0x02) return V4Reason(V4At(a + 2));  // 6to4 embeds the IPv4 address
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0 && a[3] == 0) return "teredo";
  if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8) return "documentation";
  if (a[0] == 0x01 && a[1] == 0 && std::memcmp(a + 2, kZero, 6) == 0) return "discard";
  if ((a[0] & 0xfe) == 0xfc) return "private";  // fc00::/7 unique local
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return "link-local";
  if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) return "site-local";
  if (a[0] == 0xff) return "multicast";
  return std::nullopt;
}

}  // namespace

std::optional<std::string_view> ForbiddenAddressReason(const sockaddr* address, socklen_t length) {
  if (address == nullptr) return "no-address";
  if (address->sa_family == AF_INET && length >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    sockaddr_in v4;
    std::memcpy(&v4, address, sizeof v4);
    return V4Reason(ntohl(v4.sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6 && length >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    sockaddr_in6 v6;
    std::memcpy(&v6, address, sizeof v6);
    return V6Reason(v6.sin6_addr.s6_addr);
  }
  return "not-ip";  // unix sockets and anything else never reach an untrusted fetch
}

std::optional<std::string_view> ForbiddenAddressReason(std::string_view numeric_address) {
  const std::string text(numeric_address);
  in_addr v4;
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return V4Reason(ntohl(v4.s_addr));
  in6_addr v6;
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) return V6Reason(v6.s6_addr);
  return std::nullopt;
}

bool SsrfPolicy::HostExempt(std::string_view host) const {
  for (const std::string& allowed : allow_hosts) {
    if (allowed.size() != host.size()) continue;
    bool same = true;
    for (size_t i = 0; i < host.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(allowed[i])) == std::tolower(static_cast<unsigned char>(host[i]));
    }
    if (same) return true;
  }
  return false;
}

}  // namespace newsmon
