// Item identity (FeedEntry::key), content hash and URL resolution.
#include <gtest/gtest.h>

#include "feed/feed_parser.h"
#include "feed/url.h"

namespace newsmon::feed {
namespace {

FeedEntry One(const std::string& item_xml) {
  auto r = ParseFeed("<rss version=\"2.0\"><channel><item>" + item_xml + "</item></channel></rss>", {});
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.ok() ? r->entries.size() : 0u, 1u);
  return r.ok() && !r->entries.empty() ? r->entries[0] : FeedEntry{};
}

TEST(IdentityTest, GuidIsTheKeyAndIdStaysAsWritten) {
  const FeedEntry e = One("<guid isPermaLink=\"false\"> abc-123 </guid><link>http://x.example/a</link>");
  EXPECT_EQ(e.id, "abc-123");
  EXPECT_EQ(e.key, "abc-123");
}

TEST(IdentityTest, LinkKeyIgnoresFragmentTrackingAndScheme) {
  const FeedEntry a = One("<link>https://www.news.example/world/story?utm_source=rss&amp;utm_campaign=x#top</link>");
  const FeedEntry b = One("<link>http://news.example/world/story/</link>");
  EXPECT_TRUE(a.id.empty());
  EXPECT_EQ(a.key, b.key);
  const FeedEntry c = One("<link>https://news.example/world/other-story</link>");
  EXPECT_NE(a.key, c.key);
  // Real query parameters still count.
  EXPECT_NE(One("<link>https://n.example/read?id=1</link>").key, One("<link>https://n.example/read?id=2</link>").key);
}

TEST(IdentityTest, SlugEditsKeepTheKeyWhenTheUrlHasAnArticleNumber) {
  const FeedEntry a = One("<link>https://n.example/politics/123456/minister-resigns</link>");
  const FeedEntry b = One("<link>https://n.example/politics/123456/minister-resigns-after-vote</link>");
  EXPECT_EQ(a.key, b.key);
  const FeedEntry c = One("<link>https://n.example/news/minister-resigns-20260301123</link>");
  const FeedEntry d = One("<link>https://n.example/news/minister-quits-20260301123</link>");
  EXPECT_EQ(c.key, d.key);
  // Dates are not article numbers: two stories of the same day differ.
  EXPECT_NE(One("<link>https://n.example/2026/03/01/first-story</link>").key,
            One("<link>https://n.example/2026/03/01/second-story</link>").key);
  // A permalink guid is normalized the same way.
  EXPECT_EQ(One("<guid>https://n.example/politics/123456/minister-resigns#comments</guid>").key, a.key);
}

TEST(IdentityTest, HashFallbackWithoutGuidOrLink) {
  const FeedEntry a = One("<title>Only a title</title><description>and text</description>");
  const FeedEntry b = One("<title>Only a title</title><description>and text</description>");
  EXPECT_FALSE(a.key.empty());
  EXPECT_EQ(a.key, b.key);
  EXPECT_NE(a.key, One("<title>Another title</title>").key);
}

TEST(IdentityTest, ContentHashTellsUpdatesFromMarkupChanges) {
  const FeedEntry a = One("<guid>g1</guid><title>T</title><description>&lt;p&gt;Body one&lt;/p&gt;</description>");
  const FeedEntry b =
      One("<guid>g1</guid><title>T</title><description>&lt;div&gt;Body   one&lt;/div&gt;</description>");
  const FeedEntry c = One("<guid>g1</guid><title>T</title><description>&lt;p&gt;Body two&lt;/p&gt;</description>");
  EXPECT_EQ(a.key, c.key);
  EXPECT_EQ(a.content_hash, b.content_hash);
  EXPECT_NE(a.content_hash, c.content_hash);
}

TEST(UrlTest, ResolveFollowsRfc3986) {
  const std::string base = "http://a.example/b/c/d;p?q";
  EXPECT_EQ(ResolveUrl(base, "g"), "http://a.example/b/c/g");
  EXPECT_EQ(ResolveUrl(base, "./g/"), "http://a.example/b/c/g/");
  EXPECT_EQ(ResolveUrl(base, "/g"), "http://a.example/g");
  EXPECT_EQ(ResolveUrl(base, "//g.example/x"), "http://g.example/x");
  EXPECT_EQ(ResolveUrl(base, "?y"), "http://a.example/b/c/d;p?y");
  EXPECT_EQ(ResolveUrl(base, "#s"), "http://a.example/b/c/d;p?q#s");
  EXPECT_EQ(ResolveUrl(base, "../../g"), "http://a.example/g");
  EXPECT_EQ(ResolveUrl(base, "../.."), "http://a.example/");
  EXPECT_EQ(ResolveUrl(base, "https://other.example/"), "https://other.example/");
  EXPECT_EQ(ResolveUrl("", "relative/path"), "relative/path");
  EXPECT_EQ(ResolveUrl("http://a.example", "x"), "http://a.example/x");
}

TEST(UrlTest, IdentityUrl) {
  EXPECT_EQ(IdentityUrl("HTTPS://WWW.Example.ORG:443/Path/?b=2&utm_medium=x&a=1#frag"),
            "http://example.org/Path?a=1&b=2");
  EXPECT_EQ(IdentityUrl("not a url"), "not a url");
}

}  // namespace
}  // namespace newsmon::feed
