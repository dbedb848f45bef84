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
