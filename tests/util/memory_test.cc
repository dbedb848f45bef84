#include "util/memory.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace newsmon {
namespace {

constexpr size_t kBlock = 64 * 1024;
constexpr size_t kBlocks = 256;  // 16 MiB in pieces the allocator keeps in its arenas

std::vector<std::unique_ptr<char[]>> Allocate() {
  std::vector<std::unique_ptr<char[]>> blocks;
  for (size_t i = 0; i < kBlocks; ++i) {
    blocks.push_back(std::make_unique<char[]>(kBlock));
    blocks.back()[kBlock - 1] = 1;  // touched, so it is resident
  }
  return blocks;
}

TEST(AllocatedHeapBytesTest, FollowsWhatTheProgramHoldsNotWhatTheAllocatorKeeps) {
  const long long before = AllocatedHeapBytes();
  ASSERT_GE(before, 0) << "every allocator newsmon is built with can tell";
  auto blocks = Allocate();
  const long long holding = AllocatedHeapBytes();
  EXPECT_GE(holding - before, static_cast<long long>(kBlock * kBlocks * 9 / 10));
  blocks.clear();
  const long long after = AllocatedHeapBytes();
  EXPECT_LE(after - before, static_cast<long long>(kBlock * kBlocks / 10)) << "freed blocks are not counted";
}

TEST(ReleaseFreeMemoryTest, CanBeCalledAnyTimeAndKeepsLiveMemoryIntact) {
  auto kept = Allocate();
  { auto freed = Allocate(); }
  const long long live = AllocatedHeapBytes();
  ReleaseFreeMemory();
  ReleaseFreeMemory();  // nothing left to release: still fine
  EXPECT_EQ(AllocatedHeapBytes(), live) << "releasing free pages frees nothing the program holds";
  for (const auto& block : kept) EXPECT_EQ(block[kBlock - 1], 1);
}

}  // namespace
}  // namespace newsmon
