#include "util/time.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace newsmon {
namespace {

using std::chrono::seconds;

TEST(ParseDurationTest, UnitsScaleToSeconds) {
  EXPECT_EQ(ParseDuration("90"), seconds(90));
  EXPECT_EQ(ParseDuration("30s"), seconds(30));
  EXPECT_EQ(ParseDuration("5m"), seconds(300));
  EXPECT_EQ(ParseDuration("2h"), seconds(7200));
  EXPECT_EQ(ParseDuration("1d"), seconds(86400));
  EXPECT_EQ(ParseDuration("0s"), seconds(0));
}

TEST(ParseDurationTest, MalformedTextIsRefused) {
  for (const char* text : {"", "s", "5 m", "5min", "-1s", "1.5h", "+5m", "5m ", " 5m", "5ms"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(ParseDuration(text), std::nullopt);
  }
}

// value * scale used to wrap around: 106751991167301d became a few seconds.
TEST(ParseDurationTest, OverflowIsRefusedNotWrapped) {
  for (const char* text : {"106751991167301d", "9223372036854775807s", "9223372036854775807d", "153722867280912931m",
                           "2562047788015216h", "99999999999999999999s"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(ParseDuration(text), std::nullopt);
  }
}

TEST(ParseDurationTest, LongestAcceptedIsKMaxDuration) {
  EXPECT_EQ(ParseDuration("36500d"), kMaxDuration);
  EXPECT_EQ(ParseDuration(std::to_string(kMaxDuration.count()) + "s"), kMaxDuration);
  EXPECT_EQ(ParseDuration("36501d"), std::nullopt);
  EXPECT_EQ(ParseDuration(std::to_string(kMaxDuration.count() + 1)), std::nullopt);
  EXPECT_EQ(ParseDuration(std::to_string(kMaxDuration.count() / 60 + 1) + "m"), std::nullopt);
}

// What kMaxDuration promises its users: converted to nanoseconds and added
// to the system clock's now(), nothing overflows.
TEST(ParseDurationTest, LongestFitsNanosecondsAddedToNow) {
  using std::chrono::nanoseconds;
  const auto max_ns = std::chrono::duration_cast<nanoseconds>(kMaxDuration).count();
  const auto now_ns =
      std::chrono::duration_cast<nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_LT(max_ns, std::numeric_limits<int64_t>::max() - now_ns);
}

}  // namespace
}  // namespace newsmon
