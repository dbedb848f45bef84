// util/text.h's fast paths, against the plain way of doing them.
#include "util/text.h"

#include <gtest/gtest.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <random>
#include <string>
#include <vector>

namespace newsmon::testing {
namespace {

// Texts of up to `max_pieces` pieces drawn from `pieces`, reproducibly: small
// alphabets make matches, near misses and edge positions all occur.
class RandomTexts {
 public:
  RandomTexts(std::vector<std::string> pieces, uint32_t seed) : pieces_(std::move(pieces)), seed_(seed) {}
  std::string Next(uint32_t max_pieces) {
    std::string text;
    const uint32_t length = Draw() % max_pieces;
    for (uint32_t k = 0; k < length; ++k) text += pieces_[Draw() % pieces_.size()];
    return text;
  }

 private:
  uint32_t Draw() {
    seed_ = seed_ * 1103515245u + 12345u;
    return seed_ >> 16;
  }
  std::vector<std::string> pieces_;
  uint32_t seed_;
};

// The pieces that take different paths through the white space code.
const std::vector<std::string>& TextPieces() {
  static const std::vector<std::string> pieces = {
      "a",        " ",    "  ",           "\n\n",     "\t",           "\x1F",
      ".",        "\x7F", "\xC3\xA9",     "\xC2\xA0", "\xE2\x80\x99", "\xFF",
      "\xE2\x82", "\x80", "\xE2\x80\x8B", "\xC2\x85", "\xE3\x80\x80", "\xF0\x9F\x98\x80"};
  return pieces;
}

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

TEST(TextTest, FindAsciiNoCaseAgreesWithLowerThenFind) {
  RandomTexts hays({"<", "/", "s", "S", "C", "c", "R", "r"}, 99);
  const std::string needles[] = {"</s", "sc", "<", "r", "</scr"};
  for (int round = 0; round < 3000; ++round) {
    const std::string hay = hays.Next(20);
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

TEST(TextTest, CollapseWhitespaceReplacingGrowsForInvalidBytes) {
  std::string expected;
  for (int i = 0; i < 50; ++i) expected += "\xEF\xBF\xBD";
  EXPECT_EQ(CollapseWhitespace(std::string(50, '\xFF'), InvalidUtf8::kReplace), expected);
  EXPECT_EQ(CollapseWhitespace(" a\xFF b \x80", InvalidUtf8::kReplace), "a\xEF\xBF\xBD b \xEF\xBF\xBD");
  EXPECT_EQ(CollapseWhitespace(" a\xFF b \x80"), "a\xFF b \x80");
}

TEST(TextTest, CollapseWhitespaceAgreesWithTheCodePointReference) {
  RandomTexts texts(TextPieces(), 5);
  for (int round = 0; round < 5000; ++round) {
    const std::string text = texts.Next(24);
    ASSERT_EQ(CollapseWhitespace(text), CollapseWhitespaceReference(text)) << text;
    ASSERT_EQ(CollapseWhitespace(text, InvalidUtf8::kReplace), CollapseWhitespaceReference(SanitizeUtf8(text))) << text;
  }
  // Mostly printable ASCII, which goes 16 bytes at a time: single and double
  // spaces at every position of a block, and the other pieces now and then.
  std::vector<std::string> pieces(24, "w");
  pieces.insert(pieces.end(), {"x", "Z", " ", " ", " ", "  "});
  pieces.insert(pieces.end(), TextPieces().begin(), TextPieces().end());
  RandomTexts ascii(pieces, 6);
  for (int round = 0; round < 3000; ++round) {
    const std::string text = ascii.Next(200);
    ASSERT_EQ(CollapseWhitespace(text), CollapseWhitespaceReference(text)) << text;
    ASSERT_EQ(CollapseWhitespace(text, InvalidUtf8::kReplace), CollapseWhitespaceReference(SanitizeUtf8(text))) << text;
  }
}

}  // namespace
}  // namespace newsmon::testing

namespace newsmon {
namespace {

// ASCII text skips ICU; it must fold exactly as ICU folds it. A non-ASCII
// letter appended sends the whole string through ICU, and that letter
// folds to "e" on its own, so both paths meet on every ASCII byte.
TEST(FoldForMatchingTest, AsciiFoldsAsTheUnicodePathDoes) {
  std::string every_byte;
  for (int c = 1; c < 0x80; ++c) every_byte += static_cast<char>(c);
  EXPECT_EQ(FoldForMatching(every_byte) + "e", FoldForMatching(every_byte + "\xC3\xA9"));
  // With the typographic quotes and dashes the fast path keeps, and their
  // neighbours it does not (U+2012, U+2015, U+201A, U+2026 "...").
  const std::vector<std::string> marks = {"\u2013", "\u2014", "\u2018", "\u2019", "\u201C",
                                          "\u201D", "\u2012", "\u2015", "\u201A", "\u2026"};
  std::mt19937 random(7);
  for (int i = 0; i < 2000; ++i) {
    std::string s;
    for (size_t n = random() % 40; n > 0; --n) {
      if (random() % 8 == 0) {
        s += marks[random() % marks.size()];
      } else {
        s += static_cast<char>(1 + random() % 0x7F);
      }
    }
    ASSERT_EQ(FoldForMatching(s) + "e", FoldForMatching(s + "\xC3\xA9")) << s;
  }
  EXPECT_EQ(FoldForMatching("\u201CIt\u2019s \u2014 Fine\u201D"), "\u201Cit\u2019s \u2014 fine\u201D");
  EXPECT_EQ(FoldForMatching("Wait\u2026"), "wait...");
  EXPECT_EQ(FoldForMatching("Subscribe NOW to Our Newsletter!"), "subscribe now to our newsletter!");
  EXPECT_EQ(FoldForMatching("Straße Ökonomie"), "strasse okonomie");
}

}  // namespace
}  // namespace newsmon
