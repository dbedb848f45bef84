// Near-duplicate stories: a SimHash over word shingles of the body, so
// syndicated and lightly edited copies of one story land in one cluster.
//
//   uint64_t fp = SimHash(story.BodyText());
//   if (auto hit = index.FindNear(fp)) story.duplicate_of = hit->story_id;
//   index.Add({story.id, fp, cluster_id, now});
//   index.Expire(now - kHistoryWindow);  // e.g. once per poll; returns how many left
//
// The engine keeps one NearDupIndex for the process: filled at start from
// StateStore::RecentFingerprints(now - window), Add for every fingerprinted
// story, Expire(now - window) from time to time (each call costs what it
// removes, so calling it every poll is fine), memory_bytes() and size() for
// the metrics.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "state/state_store.h"
#include "util/arrival_log.h"

namespace newsmon {

// 64-bit SimHash of the case-folded word 3-shingles of `text`; 0 for texts
// too short to fingerprint (fewer than kMinWords words).
uint64_t SimHash(std::string_view text);
inline constexpr int kMinWords = 20;
int HammingDistance(uint64_t a, uint64_t b);

// Recent fingerprints, indexed for Hamming-distance lookups (multi-index
// hashing): the 64 bits are cut into max_distance + 1 bands, and a hash
// within max_distance of the query equals it on at least one band
// (pigeonhole), so FindNear looks in one exact-match table per band and
// checks the few candidates with popcount. With the default distance 3 the
// bands are 16 bits: about 4 * n / 65536 candidates per lookup for n random
// fingerprints, instead of n. Distances above kMaxBandedDistance would make
// bands so narrow that the tables cost more than a scan; those indexes scan.
//
// Fingerprints are kept in arrival order (Add order); Expire removes the
// expired front, and fingerprints that arrived late (older than one added
// before them) leave through a small heap, so Expire costs what it removes.
class NearDupIndex {
 public:
  static constexpr int kMaxBandedDistance = 7;

  // A negative max_distance finds nothing.
  explicit NearDupIndex(int max_distance = 3);

  // Fingerprints with simhash 0 (too short to fingerprint) are not kept.
  void Add(StoryFingerprint fingerprint);
  // The closest earlier story within max_distance, if any; among equally
  // close ones the earliest added (the order a linear scan would find them).
  std::optional<StoryFingerprint> FindNear(uint64_t simhash) const;
  // Forgets fingerprints seen before `before` (seen_at < before); returns how many.
  size_t Expire(Timestamp before);
  size_t size() const { return log_.size(); }
  // Approximate bytes held: fingerprints, their strings and the band tables.
  size_t memory_bytes() const;
  int max_distance() const { return max_distance_; }

 private:
  struct Band {
    int shift = 0;
    uint64_t mask = 0;
    // band value -> the fingerprints with that value (payload: the simhash,
    // so candidates are checked without touching the log)
    std::unordered_map<uint64_t, SeqList<uint64_t>> table;
    uint64_t KeyOf(uint64_t simhash) const { return (simhash >> shift) & mask; }
  };

  void Unindex(uint64_t seq, uint64_t simhash);

  int max_distance_;
  std::vector<Band> bands_;  // empty: scan the log
  ArrivalLog<StoryFingerprint> log_;
  size_t list_bytes_ = 0;    // capacity of every band table's lists
  size_t string_bytes_ = 0;  // heap bytes of the kept fingerprints' strings
};

}  // namespace newsmon
