// ASCII helpers of util/text.h, against the plain way of doing them.
#include "util/text.h"

#include <gtest/gtest.h>

#include <string>

namespace newsmon::testing {
namespace {

TEST(TextTest, AsciiLowerLeavesEverythingButAsciiCapitals) {
  EXPECT_EQ(AsciiLower("Hello, WORLD 42 @[`{"), "hello, world 42 @[`{");
  // UTF-8 bytes are not Latin-1 letters, whatever the locale says.
  EXPECT_EQ(AsciiLower("\xC3\x84RGER \xD0\x9C\xD0\x98\xD0\xA0"), "\xC3\x84rger \xD0\x9C\xD0\x98\xD0\xA0");
  EXPECT_TRUE(IsAsciiAlnum('z') && IsAsciiAlnum('Q') && IsAsciiAlnum('0'));
  EXPECT_FALSE(IsAsciiAlnum('_') || IsAsciiAlnum('@') || IsAsciiAlnum('[') || IsAsciiAlnum('\xC3'));
}

TEST(TextTest, FindAsciiNoCaseFindsTheFirstOccurrenceFromAnOffset) {
  EXPECT_EQ(FindAsciiNoCase("<p>x</SCRIPT>y</script>", "</script"), 4u);
  EXPECT_EQ(FindAsciiNoCase("<p>x</SCRIPT>y</script>", "</script", 5), 14u);
  EXPECT_EQ(FindAsciiNoCase("abc", "abcd"), std::string::npos);
  EXPECT_EQ(FindAsciiNoCase("xxDocType", "doctype"), 2u);
  EXPECT_EQ(FindAsciiNoCase("abc", "", 3), 3u);
  EXPECT_EQ(FindAsciiNoCase("abc", "", 4), std::string::npos);
  EXPECT_EQ(FindAsciiNoCase("</scrip", "</script"), std::string::npos);
}

// Random haystacks over a small alphabet, so matches, near misses and
// matches at the very end all occur.
TEST(TextTest, FindAsciiNoCaseAgreesWithLowerThenFind) {
  const std::string alphabet = "<</sSCcRr";
  const std::string needles[] = {"</s", "sc", "<", "r", "</scr"};
  uint32_t seed = 99;
  for (int round = 0; round < 3000; ++round) {
    std::string hay;
    seed = seed * 1103515245u + 12345u;
    const uint32_t length = (seed >> 16) % 20;
    for (uint32_t k = 0; k < length; ++k) {
      seed = seed * 1103515245u + 12345u;
      hay += alphabet[(seed >> 16) % alphabet.size()];
    }
    for (const std::string& needle : needles) {
      for (size_t from = 0; from <= hay.size(); from += 3) {
        ASSERT_EQ(FindAsciiNoCase(hay, needle, from), AsciiLower(hay).find(needle, from))
            << hay << " / " << needle << " from " << from;
      }
    }
  }
}

}  // namespace
}  // namespace newsmon::testing
