// Every path by which the parser learns a document's encoding.
#include <gtest/gtest.h>

#include "feed/encoding.h"
#include "feed/feed_parser.h"

namespace newsmon::feed {
namespace {

// "Привет" in windows-1251 and KOI8-R, "café" in ISO-8859-1.
const std::string kPrivetCp1251 = "\xCF\xF0\xE8\xE2\xE5\xF2";
const std::string kPrivetKoi8 = "\xF0\xD2\xC9\xD7\xC5\xD4";
const std::string kPrivetUtf8 = "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82";

std::string Rss(const std::string& decl, const std::string& title) {
  return decl + "<rss version=\"2.0\"><channel><title>" + title + "</title></channel></rss>";
}

std::string TitleOf(const std::string& bytes, const std::string& content_type = "") {
  auto f = ParseFeed(bytes, {"", content_type});
  EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
  return f.ok() ? f->title : "";
}

// UTF-16 of an ASCII string, little or big endian.
std::string Utf16(const std::string& ascii, bool little) {
  std::string out;
  for (char c : ascii) {
    out += little ? c : '\0';
    out += little ? '\0' : c;
  }
  return out;
}

TEST(EncodingTest, Utf8BomIsStripped) {
  EXPECT_EQ(TitleOf("\xEF\xBB\xBF" + Rss("<?xml version=\"1.0\"?>", kPrivetUtf8)), kPrivetUtf8);
}

TEST(EncodingTest, Utf16WithBomBothEndians) {
  const std::string doc = Rss("<?xml version=\"1.0\" encoding=\"utf-16\"?>", "Sixteen");
  EXPECT_EQ(TitleOf("\xFF\xFE" + Utf16(doc, true)), "Sixteen");
  EXPECT_EQ(TitleOf("\xFE\xFF" + Utf16(doc, false)), "Sixteen");
}

TEST(EncodingTest, Utf16WithoutBomIsSniffed) {
  const std::string doc = Rss("<?xml version=\"1.0\"?>", "NoBom");
  EXPECT_EQ(TitleOf(Utf16(doc, true)), "NoBom");
  EXPECT_EQ(TitleOf(Utf16(doc, false)), "NoBom");
}

TEST(EncodingTest, XmlDeclarationLegacyEncodings) {
  EXPECT_EQ(TitleOf(Rss("<?xml version=\"1.0\" encoding=\"windows-1251\"?>", kPrivetCp1251)), kPrivetUtf8);
  EXPECT_EQ(TitleOf(Rss("<?xml version=\"1.0\" encoding=\"KOI8-R\"?>", kPrivetKoi8)), kPrivetUtf8);
  EXPECT_EQ(TitleOf(Rss("<?xml version='1.0' encoding='iso-8859-1'?>", "caf\xE9")), "caf\xC3\xA9");
  EXPECT_EQ(TitleOf(Rss("<?xml version=\"1.0\" encoding=\"windows-1252\"?>", "\x93quoted\x94")),
            "\xE2\x80\x9Cquoted\xE2\x80\x9D");
}

TEST(EncodingTest, HttpCharsetWinsOverDeclaration) {
  const std::string doc = Rss("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>", kPrivetKoi8);
  EXPECT_EQ(TitleOf(doc, "application/rss+xml; charset=\"koi8-r\""), kPrivetUtf8);
  EXPECT_EQ(CharsetFromContentType("text/xml;charset='US-ASCII'"), "us-ascii");
  EXPECT_EQ(CharsetFromContentType("text/xml"), "");
}

TEST(EncodingTest, LyingDeclarationUtf8InFact) {
  auto f = ParseFeed(Rss("<?xml version=\"1.0\" encoding=\"windows-1251\"?>", kPrivetUtf8), {});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->title, kPrivetUtf8);
  EXPECT_EQ(f->encoding, "utf-8");
  EXPECT_FALSE(f->warnings.empty());
}

TEST(EncodingTest, DeclaredUtf16ButSingleByte) {
  auto f = ParseFeed(Rss("<?xml version=\"1.0\" encoding=\"utf-16\"?>", "Plain"), {});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->title, "Plain");
  EXPECT_EQ(f->format, "rss");
}

TEST(EncodingTest, UndeclaredLegacyBytesFallBackToWindows1252) {
  auto f = ParseFeed(Rss("", "na\xEFve"), {});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->title, "na\xC3\xAFve");
  EXPECT_EQ(f->encoding, "windows-1252");
}

TEST(EncodingTest, StrayInvalidBytesInUtf8BecomeReplacementCharacters) {
  auto f = ParseFeed(Rss("", kPrivetUtf8 + " \xFF!"), {});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->title, kPrivetUtf8 + " \xEF\xBF\xBD!");
}

TEST(EncodingTest, UnknownEncodingIsAWarningNotAFailure) {
  auto f = ParseFeed(Rss("<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?>", "Still here"), {});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->title, "Still here");
  EXPECT_FALSE(f->warnings.empty());
}

TEST(EncodingTest, IllegalControlCharactersAreRemoved) {
  std::string doc = Rss("", std::string("a\x01"
                                        "b\x0B"
                                        "c\x1F"
                                        "d",
                                        7));
  doc.insert(doc.find("<channel>"), std::string("\0\x08", 2));
  auto f = ParseFeed(doc, {});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->title, "abcd");
  std::string text = "ok\x02\tline\n\xEF\xBF\xBE!";
  CleanUtf8(text);
  EXPECT_EQ(text, "ok\tline\n!");
}

TEST(EncodingTest, DeclarationParsing) {
  EXPECT_EQ(XmlDeclaredEncoding("<?xml version=\"1.0\" encoding=\"ISO-8859-5\"?><a/>"), "iso-8859-5");
  EXPECT_EQ(XmlDeclaredEncoding("<?xml version=\"1.0\"?><a/>"), "");
  EXPECT_EQ(XmlDeclaredEncoding("<a/>"), "");
}

}  // namespace
}  // namespace newsmon::feed
