// Which partition of the coordination topic a feed belongs to: the group's
// assignment of that partition decides which instance polls the feed.
//
//   if (membership.Owns(FeedPartition(feed.id, group.partitions))) poll(feed);
//
// The hash is FNV-1a (64 bit) of the feed id's bytes, reduced modulo the
// partition count. It is part of the group protocol: instances of different
// versions in one group must agree on it, so it never changes.
#pragma once

#include <cstdint>
#include <string_view>

namespace newsmon::group {

uint64_t FeedIdHash(std::string_view feed_id);
// In [0, partitions); partitions must be positive.
int FeedPartition(std::string_view feed_id, int partitions);

}  // namespace newsmon::group
