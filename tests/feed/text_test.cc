// Plain-text forms of titles, summaries and contents.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "feed/html_entities.h"
#include "feed/html_text.h"

namespace newsmon::feed {
namespace {

TEST(HtmlTextTest, OneParagraphPerLine) {
  EXPECT_EQ(HtmlToText("<p>One &amp;\n  two</p><p>Three<br/>four</p>"), "One & two\nThree\nfour");
  EXPECT_EQ(HtmlToText("<div><ul><li>a</li><li>b</li></ul></div>tail"), "a\nb\ntail");
  EXPECT_EQ(HtmlToText("<h2>Head</h2>Body <b>bold</b> <i>it</i>"), "Head\nBody bold it");
}

TEST(HtmlTextTest, LongRunsAndNbsp) {
  // Runs longer than eight bytes take the word-at-a-time path.
  const std::string cyr = "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82\xD1\x81\xD1\x82\xD0\xB2\xD1\x83\xD1\x8E";
  EXPECT_EQ(HtmlToText("<p>" + cyr + "  " + cyr + "</p>"), cyr + " " + cyr);
  EXPECT_EQ(HtmlToText("https://example.org/a/very/long/path?x=1\xC2\xA0next"),
            "https://example.org/a/very/long/path?x=1 next");
  EXPECT_EQ(HtmlToText("abcdefghijklmnop\tqrstuvwxyz0123456789\n"), "abcdefghijklmnop qrstuvwxyz0123456789");
  EXPECT_EQ(HtmlToLine("abcdefgh\xC2\xA0ijklmnop"), "abcdefgh\xC2\xA0ijklmnop");  // titles keep NBSP
}

// The byte-at-a-time definition of the collapsing, for text without markup:
// white space runs (and NBSP outside titles) become one separator, leading
// and trailing ones vanish.
std::string NaiveCollapse(std::string_view s, bool one_line) {
  std::string out;
  bool pending = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool nbsp = !one_line && c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || nbsp) {
      if (nbsp) ++i;
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

TEST(HtmlTextTest, BlockCopyAgreesWithTheByteLoopDefinition) {
  // Random prose over an alphabet that puts every decision (single and
  // double spaces, line breaks, NBSP, other 0xC2 characters, control bytes)
  // at every position of the 16-byte blocks, and at block boundaries.
  const std::vector<std::string> pieces = {"a",        "bc",       "word", "longerword", " ",
                                           " ",        " ",        "  ",   "\n",         "\t",
                                           "\xC2\xA0", "\xC2\xAB", "\x01", "\xD0\x9A",   "0123456789abcdef"};
  std::mt19937 rng(20261128);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    ASSERT_EQ(HtmlToText(text), NaiveCollapse(text, false)) << "input: " << text;
    ASSERT_EQ(HtmlToLine(text), NaiveCollapse(text, true)) << "input: " << text;
    // The same text around markup and entities keeps the same words.
    ASSERT_EQ(HtmlToLine("<b>" + text + "</b>&amp;" + text), NaiveCollapse(text + "&" + text, true))
        << "input: " << text;
  }
}

TEST(HtmlTextTest, ScriptsStylesAndCommentsDropped) {
  EXPECT_EQ(HtmlToText("a<script>var x = '<p>';</script>b<style>p{}</style>c<!-- <p>no</p> -->d"), "abcd");
}

TEST(HtmlTextTest, StrayCharactersSurvive) {
  EXPECT_EQ(HtmlToText("1 < 2 & 3 > 2"), "1 < 2 & 3 > 2");
  EXPECT_EQ(HtmlToLine("<a href=http://x.example/\">link</a> text"), "link text");
  EXPECT_EQ(HtmlToText("<a title='a > b'>x</a>"), "x");
}

TEST(HtmlTextTest, LineFormForTitles) {
  EXPECT_EQ(HtmlToLine("<p>Breaking:</p><p>news &eacute;</p>"), "Breaking: news \xC3\xA9");
  EXPECT_EQ(CollapseAsciiSpace("  a \t\n b  "), "a b");
}

TEST(HtmlEntitiesTest, Lookup) {
  EXPECT_EQ(LookupHtmlEntity("eacute"), "\xC3\xA9");
  EXPECT_EQ(LookupHtmlEntity("nbsp"), "\xC2\xA0");
  EXPECT_EQ(LookupHtmlEntity("hellip"), "\xE2\x80\xA6");
  EXPECT_EQ(LookupHtmlEntity("lang"), "\xE2\x8C\xA9");  // HTML 4 meaning
  EXPECT_EQ(LookupHtmlEntity("nosuchentity"), "");
}

}  // namespace
}  // namespace newsmon::feed
