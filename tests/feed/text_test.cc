// Plain-text forms of titles, summaries and contents.
#include <gtest/gtest.h>

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
