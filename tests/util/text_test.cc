// ASCII helpers of util/text.h, against the plain way of doing them.
#include "util/text.h"

#include <gtest/gtest.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string>
#include <vector>

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

TEST(TextTest, UnicodeSpacesAreIcuWhiteSpaceAndZeroWidthSpace) {
  for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
    ASSERT_EQ(IsUnicodeSpace(c), u_isUWhiteSpace(c) != 0 || c == 0x200B) << "U+" << std::hex << c;
  }
}

// CollapseWhitespace as it was first written: a code point at a time, ICU's
// White_Space, invalid sequences passed through.
std::string CollapseWhitespaceReference(std::string_view text) {
  std::string out;
  bool pending_space = false;
  int32_t i = 0;
  const auto len = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < len) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c >= 0 && (u_isUWhiteSpace(c) || c == 0x200B)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out.append(text.data() + start, static_cast<size_t>(i - start));
  }
  return out;
}

TEST(TextTest, CollapseWhitespaceAgreesWithTheCodePointReference) {
  const std::vector<std::string> pieces = {"a",
                                           " ",
                                           "  ",
                                           "\n\n",
                                           "\t",
                                           "\x1F",
                                           ".",
                                           "\x7F",
                                           "\xC3\xA9",
                                           "\xC2\xA0",
                                           "\xFF",
                                           "\xE2\x82",
                                           "\x80",
                                           "\xE2\x80\x8B",
                                           "\xC2\x85",
                                           "\xE3\x80\x80",
                                           "\xF0\x9F\x98\x80"};
  uint32_t seed = 5;
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    seed = seed * 1103515245u + 12345u;
    const uint32_t length = (seed >> 16) % 24;
    for (uint32_t k = 0; k < length; ++k) {
      seed = seed * 1103515245u + 12345u;
      text += pieces[(seed >> 16) % pieces.size()];
    }
    ASSERT_EQ(CollapseWhitespace(text), CollapseWhitespaceReference(text)) << text;
  }
}

}  // namespace
}  // namespace newsmon::testing
