#include "group/feed_partition.h"

namespace newsmon::group {

uint64_t FeedIdHash(std::string_view feed_id) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : feed_id) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

int FeedPartition(std::string_view feed_id, int partitions) {
  return static_cast<int>(FeedIdHash(feed_id) % static_cast<uint64_t>(partitions));
}

}  // namespace newsmon::group
