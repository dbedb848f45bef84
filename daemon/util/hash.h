// Stable, platform-independent hashes for ids that leave the process
// (event ids, Kafka keys, store keys). std::hash is not stable across
// builds, so it must never be used for these.
//
//   std::string id = StableId({"feed-a", item_guid, content_hash});  // 32 hex chars
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace newsmon {

// FNV-1a, 64 bit, with a caller-chosen offset basis.
uint64_t Fnv1a64(std::string_view data, uint64_t basis = 14695981039346656037ULL);

// 128-bit id over the parts (length-prefixed so ("ab","c") != ("a","bc")), as 32 lower-case hex chars.
std::string StableId(std::initializer_list<std::string_view> parts);

std::string ToHex(uint64_t value);

}  // namespace newsmon
