#include <gtest/gtest.h>

#include "article/charset.h"
#include "article/extractor.h"
#include "article/language.h"
#include "fixture.h"

namespace newsmon {
namespace {

using article::DecodeHtml;
using testing::Joined;
using testing::ReadFixture;

const std::string kLatinBody =
    "<p>Caf\xE9 owners on the boulevard say the new parking rules have cost them customers, "
    "and they want the council to think again.</p>";

TEST(ArticleCharset, HttpHeaderDeclaresLatin1) {
  auto page = DecodeHtml("<html><body>" + kLatinBody + "</body></html>", "text/html; charset=ISO-8859-1");
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->utf8.find("Caf\u00e9 owners"), std::string::npos);
}

TEST(ArticleCharset, MetaCharsetDeclaresWindows1252) {
  const std::string html = "<html><head><meta charset=\"windows-1252\"></head><body>" + kLatinBody +
                           "<p>\x93Quoted\x94 text.</p></body></html>";
  auto page = DecodeHtml(html, "");
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->utf8.find("Caf\u00e9"), std::string::npos);
  EXPECT_NE(page->utf8.find("\u201CQuoted\u201D"), std::string::npos);
}

TEST(ArticleCharset, HttpEquivDeclaresKoi8r) {
  // "Привет" in KOI8-R.
  const std::string html =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"></head>"
      "<body><p>\xF0\xD2\xC9\xD7\xC5\xD4</p></body></html>";
  auto page = DecodeHtml(html, "");
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->utf8.find("\u041F\u0440\u0438\u0432\u0435\u0442"), std::string::npos);
}

TEST(ArticleCharset, WrongLatin1DeclarationOnUtf8Survives) {
  const std::string html =
      "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\u00e9 \u2014 ok</p></body></html>";
  auto page = DecodeHtml(html, "text/html; charset=latin1");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->charset, "UTF-8");
  EXPECT_NE(page->utf8.find("Caf\u00e9 \u2014 ok"), std::string::npos);
}

TEST(ArticleCharset, ByteOrderMarksWin) {
  auto utf8 = DecodeHtml("\xEF\xBB\xBF<p>caf\xC3\xA9</p>", "text/html; charset=iso-8859-1");
  ASSERT_TRUE(utf8.ok());
  EXPECT_EQ(utf8->utf8, "<p>caf\u00e9</p>");
  const std::string utf16le("\xFF\xFE<\0p\0>\0\xE9\0", 10);
  auto u16 = DecodeHtml(utf16le, "");
  ASSERT_TRUE(u16.ok());
  EXPECT_EQ(u16->utf8, "<p>\u00e9");
}

TEST(ArticleCharset, DeclaredUtf8ButInvalidIsGuessed) {
  auto page = DecodeHtml("<html><body>" + kLatinBody + "</body></html>", "text/html; charset=utf-8");
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->utf8.find("Caf\u00e9"), std::string::npos);
}

TEST(ArticleCharset, UnknownCharsetNameFallsBackToAGuess) {
  auto page = DecodeHtml("<html><body>" + kLatinBody + "</body></html>", "text/html; charset=x-no-such-thing");
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->utf8.find("owners on the boulevard"), std::string::npos);
}

TEST(ArticleCharset, ExtractArticleUsesContentType) {
  auto a = ExtractArticle("<html><body>" + kLatinBody + "</body></html>",
                          {.url = "", .content_type = "text/html; charset=windows-1252"});
  ASSERT_TRUE(a.ok());
  EXPECT_NE(Joined(*a).find("Caf\u00e9 owners"), std::string::npos);
}

TEST(ArticleLanguage, TextOverridesAWrongDeclaration) {
  auto a = ExtractArticle(ReadFixture("german.html"), {});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->language, "de");  // declared "en" by the template
}

TEST(ArticleLanguage, DeclarationKeptWhenTheTextAgrees) {
  auto a = ExtractArticle(ReadFixture("meta_names.html"), {});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->language, "en");
}

TEST(ArticleLanguage, DetectedWithoutDeclaration) {
  auto a = ExtractArticle(ReadFixture("opengraph.html"), {});  // no lang attribute
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->language, "en");
  EXPECT_EQ(article::ResolveLanguage("fr", "ok"), "fr");  // too little text to overrule
  EXPECT_TRUE(article::DetectLanguage("").code.empty());
}

}  // namespace
}  // namespace newsmon
