// NearDupIndex against the linear scan it replaced: same verdicts (including
// which of equally close stories), same expiry, on random fingerprints with
// planted near-duplicates.
#include "state/near_dup.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <random>
#include <string>
#include <vector>

namespace newsmon {
namespace {

using std::chrono::seconds;

// The previous NearDupIndex, kept as the reference: every fingerprint in a
// vector, scanned in insertion order, the first strictly closer one kept.
class LinearNearDup {
 public:
  explicit LinearNearDup(int max_distance) : max_distance_(max_distance) {}
  void Add(StoryFingerprint f) {
    if (f.simhash != 0) entries_.push_back(std::move(f));
  }
  std::optional<StoryFingerprint> FindNear(uint64_t simhash) const {
    if (simhash == 0) return std::nullopt;
    const StoryFingerprint* best = nullptr;
    int best_distance = max_distance_ + 1;
    for (const auto& e : entries_) {
      const int d = HammingDistance(e.simhash, simhash);
      if (d < best_distance) {
        best_distance = d;
        best = &e;
      }
    }
    if (!best) return std::nullopt;
    return *best;
  }
  size_t Expire(Timestamp before) {
    return std::erase_if(entries_, [before](const StoryFingerprint& f) { return f.seen_at < before; });
  }
  size_t size() const { return entries_.size(); }

 private:
  int max_distance_;
  std::vector<StoryFingerprint> entries_;
};

Timestamp T(int64_t s) { return Timestamp(seconds(s)); }

StoryFingerprint Fp(const std::string& id, uint64_t simhash, int64_t at) { return {id, simhash, "c-" + id, T(at)}; }

// `bits` distinct random bits of `h` flipped.
uint64_t Flip(uint64_t h, int bits, std::mt19937_64& rng) {
  uint64_t mask = 0;
  while (std::popcount(mask) < bits) mask |= uint64_t{1} << (rng() % 64);
  return h ^ mask;
}

std::string IdOf(const std::optional<StoryFingerprint>& f) { return f ? f->story_id : "(none)"; }

TEST(NearDupIndex, ClosestWins) {
  NearDupIndex index;
  index.Add(Fp("far", 0xFF00, 1));         // distance 3 from the query
  index.Add(Fp("near", 0xFF00 ^ 0x3, 2));  // distance 1
  auto hit = index.FindNear(0xFF00 ^ 0x3 ^ 0x100);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->story_id, "near");
  EXPECT_EQ(hit->cluster_id, "c-near");
}

TEST(NearDupIndex, EqualDistanceEarliestAddedWins) {
  NearDupIndex index;
  index.Add(Fp("first", 0xF0F0 ^ 0x1, 5));
  index.Add(Fp("second", 0xF0F0 ^ 0x2, 1));  // seen earlier, added later
  index.Add(Fp("farther", 0xF0F0 ^ 0x4 ^ 0x8, 0));
  EXPECT_EQ(IdOf(index.FindNear(0xF0F0)), "first");
  // Two exact copies: the first added.
  index.Add(Fp("copy-1", 0x123456789, 6));
  index.Add(Fp("copy-2", 0x123456789, 7));
  EXPECT_EQ(IdOf(index.FindNear(0x123456789)), "copy-1");
}

TEST(NearDupIndex, BeyondMaxDistanceIsNotNear) {
  NearDupIndex index(3);
  index.Add(Fp("a", 0xABCDEF, 1));
  EXPECT_TRUE(index.FindNear(0xABCDEF ^ 0x7));
  EXPECT_FALSE(index.FindNear(0xABCDEF ^ 0xF));
  EXPECT_FALSE(index.FindNear(0));  // "no fingerprint" is near nothing
}

TEST(NearDupIndex, ZeroIsNotKept) {
  NearDupIndex index;
  index.Add(Fp("short", 0, 1));
  EXPECT_EQ(index.size(), 0u);
}

TEST(NearDupIndex, ExpireForgetsOlderAndCounts) {
  NearDupIndex index;
  index.Add(Fp("a", 0x1111, 10));
  index.Add(Fp("b", 0x2222, 20));
  index.Add(Fp("late", 0x3333, 5));  // arrived after b, seen before a
  index.Add(Fp("c", 0x4444, 30));
  EXPECT_EQ(index.Expire(T(6)), 1u);  // only the late one, though it is not at the front
  EXPECT_FALSE(index.FindNear(0x3333));
  EXPECT_EQ(index.size(), 3u);
  EXPECT_EQ(index.Expire(T(20)), 1u);  // a; b is seen at 20, not before
  EXPECT_FALSE(index.FindNear(0x1111));
  EXPECT_EQ(IdOf(index.FindNear(0x2222)), "b");
  EXPECT_EQ(index.Expire(T(20)), 0u);
  EXPECT_EQ(index.Expire(T(100)), 2u);
  EXPECT_EQ(index.size(), 0u);
  index.Add(Fp("d", 0x4444, 1));  // an old time after everything expired is fine
  EXPECT_EQ(IdOf(index.FindNear(0x4444)), "d");
}

TEST(NearDupIndex, MemoryFollowsContent) {
  NearDupIndex index;
  const size_t empty = index.memory_bytes();
  std::mt19937_64 rng(7);
  for (int i = 0; i < 1000; ++i) index.Add(Fp("story-with-a-long-identifier-" + std::to_string(i), rng() | 1, i));
  const size_t full = index.memory_bytes();
  // At least the fingerprints themselves and four band entries each.
  EXPECT_GT(full, empty + 1000 * (sizeof(StoryFingerprint) + 4 * 16));
  EXPECT_EQ(index.Expire(T(1000)), 1000u);
  EXPECT_LT(index.memory_bytes(), empty + (full - empty) / 4);
}

// Random fingerprints arriving in roughly increasing time (some late), with
// planted near-duplicates of earlier ones at distances 0..5, copies and
// equidistant pairs (ties); queries at distances 0..5 from live, expired and
// random fingerprints; expiry in steps. Index and linear scan must agree on
// every answer, every Expire count and every size.
void CompareWithLinearScan(int max_distance, int adds, int query_every, uint64_t seed) {
  SCOPED_TRACE("max_distance " + std::to_string(max_distance) + " seed " + std::to_string(seed));
  NearDupIndex index(max_distance);
  LinearNearDup reference(max_distance);
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> added;
  int64_t now = 0;
  int compared = 0, found = 0;
  const auto query = [&](uint64_t h) {
    const std::string got = IdOf(index.FindNear(h));
    const std::string want = IdOf(reference.FindNear(h));
    ASSERT_EQ(got, want) << "query " << std::hex << h;
    ++compared;
    found += want != "(none)" ? 1 : 0;
  };
  for (int i = 0; i < adds; ++i) {
    now += static_cast<int64_t>(rng() % 3);
    int64_t at = now;
    if (rng() % 50 == 0) at -= static_cast<int64_t>(rng() % 200);  // a late arrival
    uint64_t h = rng();
    const uint64_t kind = rng() % 10;
    if (!added.empty() && kind < 4) {
      // A near-duplicate of an earlier story, recent or old.
      const size_t back = kind < 3 ? rng() % std::min<size_t>(added.size(), 50) : rng() % added.size();
      h = Flip(added[added.size() - 1 - back], static_cast<int>(rng() % 6), rng);
    }
    if (h == 0) h = 1;
    added.push_back(h);
    const std::string id = "s" + std::to_string(i);
    index.Add(Fp(id, h, at));
    reference.Add(Fp(id, h, at));
    if (i % query_every == 0) {
      // Mostly recent (live) targets, some that may have expired.
      const size_t back = rng() % 4 != 0 ? rng() % std::min<size_t>(added.size(), 3000) : rng() % added.size();
      const uint64_t target = added[added.size() - 1 - back];
      query(Flip(target, static_cast<int>(rng() % 6), rng));
      query(target);
      query(rng() | 1);
    }
    if (i % 997 == 0) {
      // Keep the last 3,000-6,000 seconds: a few thousand fingerprints.
      const Timestamp before = T(now - 3000 - static_cast<int64_t>(rng() % 3000));
      ASSERT_EQ(index.Expire(before), reference.Expire(before));
      ASSERT_EQ(index.size(), reference.size());
    }
  }
  // Queries after a large expiry: what is gone must not be found.
  ASSERT_EQ(index.Expire(T(now - 2000)), reference.Expire(T(now - 2000)));
  for (int q = 0; q < 2000; ++q) {
    const uint64_t target = added[added.size() - 1 - rng() % std::min<size_t>(added.size(), 4000)];
    query(Flip(target, static_cast<int>(rng() % 6), rng));
  }
  ASSERT_EQ(index.size(), reference.size());
  // Hits are compared too, not only misses (with max_distance -1 there are none).
  if (max_distance >= 0) {
    EXPECT_GT(found, compared / 4) << found << " of " << compared;
  }
}

TEST(NearDupIndex, SameAsLinearScanDefaultDistance) { CompareWithLinearScan(3, 50000, 10, 1); }

TEST(NearDupIndex, SameAsLinearScanOtherDistances) {
  for (int k : {-1, 0, 1, 2, 4, 5, 7, 8, 12}) CompareWithLinearScan(k, 6000, 5, 100 + static_cast<uint64_t>(k));
}

TEST(SimHash, PunctuationAroundDoesNotCount) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "word" + std::to_string(i % 23) + " w" + std::to_string(i) + " ";
  EXPECT_EQ(SimHash(text), SimHash("  " + text + "!"));
  EXPECT_EQ(SimHash("too short to fingerprint"), 0u);
}

}  // namespace
}  // namespace newsmon
