#include "util/hash.h"

#include <array>

namespace newsmon {

uint64_t Fnv1a64(std::string_view data, uint64_t basis) {
  uint64_t h = basis;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string ToHex(uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kDigits[value & 0xf];
    value >>= 4;
  }
  return out;
}

std::string StableId(std::initializer_list<std::string_view> parts) {
  // Two FNV streams with different bases; a final avalanche mix so that
  // similar inputs do not give similar prefixes.
  uint64_t a = 14695981039346656037ULL;
  uint64_t b = 0x9e3779b97f4a7c15ULL;
  for (std::string_view part : parts) {
    const uint64_t len = part.size();
    std::array<char, 8> len_bytes{};
    for (size_t i = 0; i < 8; ++i) len_bytes[i] = static_cast<char>((len >> (8 * i)) & 0xff);
    const std::string_view len_view(len_bytes.data(), len_bytes.size());
    a = Fnv1a64(len_view, a);
    a = Fnv1a64(part, a);
    b = Fnv1a64(part, b);
    b = Fnv1a64(len_view, b);
  }
  auto mix = [](uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
  };
  return ToHex(mix(a)) + ToHex(mix(b ^ a));
}

}  // namespace newsmon
