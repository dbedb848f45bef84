// ArrivalLog and SeqList against plain containers doing the same thing.
#include "util/arrival_log.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace newsmon {
namespace {

Timestamp T(int64_t s) { return Timestamp(std::chrono::seconds(s)); }

TEST(ArrivalLog, LateItemLeavesOnTime) {
  ArrivalLog<std::string> log;
  EXPECT_EQ(log.Push("a", T(10)), 0u);
  EXPECT_EQ(log.Push("b", T(20)), 1u);
  EXPECT_EQ(log.Push("late", T(5)), 2u);
  std::vector<std::string> gone;
  EXPECT_EQ(log.Expire(T(6), [&](uint64_t, const std::string& s) { gone.push_back(s); }), 1u);
  EXPECT_EQ(gone, std::vector<std::string>{"late"});
  EXPECT_EQ(log.Find(2), nullptr);
  ASSERT_NE(log.Find(0), nullptr);
  EXPECT_EQ(*log.Find(0), "a");
  EXPECT_EQ(log.size(), 2u);
}

// Random times drifting upwards with late arrivals; after every Expire the
// log holds exactly the items a filter over everything would keep, in order.
TEST(ArrivalLog, SameAsFilter) {
  std::mt19937 rng(3);
  ArrivalLog<int> log;
  std::map<uint64_t, std::pair<int64_t, int>> reference;  // seq -> (time, value)
  int64_t now = 0;
  for (int i = 0; i < 20000; ++i) {
    now += rng() % 4;
    const int64_t at = rng() % 10 == 0 ? now - static_cast<int64_t>(rng() % 500) : now;
    reference[log.Push(i, T(at))] = {at, i};
    if (rng() % 100 == 0) {
      const int64_t before = now - static_cast<int64_t>(rng() % 400);
      std::set<uint64_t> removed;
      const size_t n = log.Expire(T(before), [&](uint64_t seq, const int& v) {
        ASSERT_EQ(reference.at(seq).second, v);
        removed.insert(seq);
      });
      std::set<uint64_t> want;
      for (auto it = reference.begin(); it != reference.end();) {
        if (it->second.first < before) {
          want.insert(it->first);
          it = reference.erase(it);
        } else {
          ++it;
        }
      }
      ASSERT_EQ(removed, want);
      ASSERT_EQ(n, want.size());
      ASSERT_EQ(log.size(), reference.size());
      std::vector<uint64_t> order;
      log.ForEach([&](uint64_t seq, const int&) { order.push_back(seq); });
      std::vector<uint64_t> want_order;
      for (const auto& [seq, v] : reference) want_order.push_back(seq);
      ASSERT_EQ(order, want_order);
    }
  }
}

TEST(SeqList, RemovalsAnywhere) {
  std::mt19937 rng(5);
  SeqList<uint32_t> list;
  std::set<uint64_t> reference;
  uint64_t next = 0;
  for (int i = 0; i < 50000; ++i) {
    if (rng() % 3 != 0 || reference.empty()) {
      next += 1 + rng() % 3;
      list.Append(next, static_cast<uint32_t>(next * 7));
      reference.insert(next);
    } else {
      // Mostly the front, as expiry does; sometimes the middle or a missing one.
      uint64_t seq = *reference.begin();
      if (rng() % 4 == 0) seq = *std::next(reference.begin(), static_cast<long>(rng() % reference.size()));
      if (rng() % 10 == 0) seq = next + 1;
      ASSERT_EQ(list.Remove(seq), reference.erase(seq) == 1);
    }
    ASSERT_EQ(list.size(), reference.size());
    if (!reference.empty()) {
      ASSERT_EQ(list.front().seq, *reference.begin());
    }
    if (i % 500 == 0) {
      std::vector<uint64_t> got;
      list.ForEach([&](const SeqList<uint32_t>::Entry& e) {
        EXPECT_EQ(e.extra, static_cast<uint32_t>(e.seq * 7));
        got.push_back(e.seq);
        return true;
      });
      ASSERT_EQ(got, std::vector<uint64_t>(reference.begin(), reference.end()));
      for (uint64_t s = next > 50 ? next - 50 : 0; s <= next; ++s) {
        ASSERT_EQ(list.Contains(s), reference.count(s) == 1);
      }
    }
  }
}

TEST(StringHeapBytes, ShortStringsLiveInside) {
  EXPECT_EQ(StringHeapBytes(std::string("short")), 0u);
  const std::string long_one(100, 'x');
  EXPECT_GE(StringHeapBytes(long_one), 101u);
}

}  // namespace
}  // namespace newsmon
