// Near-duplicate stories: a SimHash over word shingles of the body, so
// syndicated and lightly edited copies of one story land in one cluster.
//
//   uint64_t fp = SimHash(story.BodyText());
//   if (auto hit = index.FindNear(fp)) story.duplicate_of = hit->story_id;
//   index.Add({story.id, fp, cluster_id, now});
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "state/state_store.h"

namespace newsmon {

// 64-bit SimHash of the case-folded word 3-shingles of `text`; 0 for texts
// too short to fingerprint (fewer than kMinWords words).
uint64_t SimHash(std::string_view text);
inline constexpr int kMinWords = 20;
int HammingDistance(uint64_t a, uint64_t b);

// Recent fingerprints, searched linearly: a few thousand stories a day fit
// in microseconds; a permuted-table index is the next step at 10^6.
class NearDupIndex {
 public:
  explicit NearDupIndex(int max_distance = 3) : max_distance_(max_distance) {}
  void Add(StoryFingerprint fingerprint);
  // The closest earlier story within max_distance, if any.
  std::optional<StoryFingerprint> FindNear(uint64_t simhash) const;
  // Forget fingerprints older than `before`.
  void Expire(Timestamp before);
  size_t size() const { return entries_.size(); }

 private:
  int max_distance_;
  std::vector<StoryFingerprint> entries_;
};

}  // namespace newsmon
