// Each feed format and extension, from hand-written fixtures.
#include <gtest/gtest.h>

#include <algorithm>

#include "feed/feed_parser.h"
#include "feed_test_util.h"

namespace newsmon::feed {
namespace {

using testing::ReadFixture;

Feed Parse(const std::string& fixture, const std::string& url = "", const std::string& ct = "") {
  auto r = ParseFeed(ReadFixture(fixture), {url, ct});
  EXPECT_TRUE(r.ok()) << fixture << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(*r) : Feed{};
}

std::string Rfc(const std::optional<Timestamp>& t) { return t ? FormatRfc3339(*t) : "(none)"; }

TEST(FormatsTest, Rss20WithExtensions) {
  const Feed f = Parse("rss20_full.xml", "https://gazette.example/feed.xml");
  EXPECT_EQ(f.format, "rss");
  EXPECT_EQ(f.version, "2.0");
  EXPECT_EQ(f.title, "Harbour Town Gazette");
  EXPECT_EQ(f.link, "https://gazette.example/");  // not the atom:link rel=self
  EXPECT_EQ(f.language, "en-gb");
  EXPECT_EQ(Rfc(f.updated), "2026-03-02T09:15:00Z");
  ASSERT_TRUE(f.ttl.has_value());
  EXPECT_EQ(f.ttl->count(), 45 * 60);  // <ttl> wins over sy:updatePeriod
  ASSERT_EQ(f.entries.size(), 3u);
  const FeedEntry& e = f.entries[0];
  EXPECT_EQ(e.title, "Ferry timetable changes & new berth");
  EXPECT_EQ(e.id, "gazette-48213");
  EXPECT_EQ(Rfc(e.published), "2026-03-02T08:00:00Z");
  EXPECT_EQ(e.authors, (std::vector<std::string>{"Ada Quayside", "News Desk"}));
  EXPECT_EQ(e.categories, (std::vector<std::string>{"Transport", "Harbour"}));
  EXPECT_NE(e.summary.find("<b>earlier</b>"), std::string::npos);  // kept as given
  EXPECT_EQ(e.summary_text, "The morning ferry leaves earlier.\nA second berth opens in May.");
  EXPECT_EQ(e.content_text, "The morning ferry leaves at 06:40 from March.\nBerth one\nBerth two");
  // Unknown namespaces are kept, not lost.
  auto has_ext = [&](const std::string& name) {
    return std::any_of(e.extensions.begin(), e.extensions.end(),
                       [&](const ExtensionElement& x) { return x.name == name; });
  };
  EXPECT_TRUE(has_ext("media:thumbnail"));
  EXPECT_TRUE(has_ext("slash:comments"));
  const auto thumb = std::find_if(e.extensions.begin(), e.extensions.end(),
                                  [](const ExtensionElement& x) { return x.name == "media:thumbnail"; });
  EXPECT_EQ(thumb->ns, "http://search.yahoo.com/mrss/");
  ASSERT_FALSE(thumb->attributes.empty());
  EXPECT_EQ(thumb->attributes[0].second, "https://gazette.example/img/ferry.jpg");
  // Relative item link resolved against the document URL; EST converted to UTC.
  EXPECT_EQ(f.entries[1].link, "https://gazette.example/news/48190/lighthouse-reopens");
  EXPECT_EQ(Rfc(f.entries[1].published), "2026-03-01T22:30:00Z");
  // A permalink guid stands in for a missing <link>; a bad date is reported, not invented.
  EXPECT_EQ(f.entries[2].link, "https://gazette.example/news/48100/market-day");
  EXPECT_FALSE(f.entries[2].published.has_value());
  EXPECT_TRUE(std::any_of(f.warnings.begin(), f.warnings.end(),
                          [](const std::string& w) { return w.find("not a date at all") != std::string::npos; }));
}

TEST(FormatsTest, Rss091WithHtmlEntitiesAndExternalDtdSubset) {
  const Feed f = Parse("rss091.xml");
  EXPECT_EQ(f.format, "rss");
  EXPECT_EQ(f.version, "0.91");
  EXPECT_EQ(f.description,
            "Notes \xC3\xA9"
            "crites \xC3\xA0 la main\xC2\xA0!");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].title, "Caf\xC3\xA9 ouvert");
}

TEST(FormatsTest, Rdf10WithDublinCoreAndSyndication) {
  const Feed f = Parse("rdf10.xml");
  EXPECT_EQ(f.format, "rdf");
  EXPECT_EQ(f.version, "1.0");
  EXPECT_EQ(f.language, "en");
  EXPECT_EQ(Rfc(f.updated), "2025-10-04T10:00:00Z");
  ASSERT_TRUE(f.ttl.has_value());
  EXPECT_EQ(f.ttl->count(), 86400 / 4);
  ASSERT_EQ(f.entries.size(), 1u);
  const FeedEntry& e = f.entries[0];
  EXPECT_EQ(e.id, "http://orchard.example/2025/10/harvest");  // rdf:about
  EXPECT_EQ(e.authors, std::vector<std::string>{"Pip Grower"});
  EXPECT_EQ(e.categories, std::vector<std::string>{"Harvest"});
  EXPECT_EQ(Rfc(e.published), "2025-10-04T07:30:00Z");  // dc:date counts as both
  EXPECT_EQ(Rfc(e.updated), "2025-10-04T07:30:00Z");
}

TEST(FormatsTest, Rdf090) {
  const Feed f = Parse("rdf090.xml");
  EXPECT_EQ(f.format, "rdf");
  EXPECT_EQ(f.version, "0.90");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].link, "http://ninety.example/first");
}

TEST(FormatsTest, Atom10TextConstructsXmlBaseAndPersons) {
  const Feed f = Parse("atom10.xml", "https://ignored.example/");
  EXPECT_EQ(f.format, "atom");
  EXPECT_EQ(f.version, "1.0");
  EXPECT_EQ(f.title, "Alpine Diary");  // type=html reduced to text
  EXPECT_EQ(f.language, "de");
  EXPECT_EQ(f.link, "https://alpine.example/blog/");  // xml:base wins over the document URL
  ASSERT_EQ(f.entries.size(), 2u);
  const FeedEntry& e = f.entries[0];
  EXPECT_EQ(e.title, "Snow on the pass <again>");                             // type=text taken as is
  EXPECT_EQ(e.link, "https://alpine.example/blog/2025/12/snow-on-the-pass");  // not the enclosure
  EXPECT_EQ(Rfc(e.published), "2025-12-24T06:45:00Z");
  EXPECT_EQ(Rfc(e.updated), "2025-12-24T08:00:00Z");
  EXPECT_EQ(e.authors, (std::vector<std::string>{"Heidi Berg", "guest@alpine.example"}));
  EXPECT_EQ(e.categories, (std::vector<std::string>{"weather", "passes"}));
  EXPECT_EQ(e.content, "<p>The road is <b>closed</b>.</p><p>Chains needed.</p>");  // xhtml div unwrapped
  EXPECT_EQ(e.content_text, "The road is closed.\nChains needed.");
  EXPECT_EQ(e.summary_text, "Twenty centimetres overnight.");
  EXPECT_EQ(f.entries[1].link, "https://other.example/mirror/post.html");  // nested xml:base
  EXPECT_EQ(f.entries[1].content_text, "Line one\nLine two");
}

TEST(FormatsTest, Atom03ModesAndDates) {
  const Feed f = Parse("atom03.xml");
  EXPECT_EQ(f.format, "atom");
  EXPECT_EQ(f.version, "0.3");
  EXPECT_EQ(f.title, "Canal & Locks");  // mode=escaped html
  EXPECT_EQ(f.description, "Boating notes");
  EXPECT_EQ(Rfc(f.updated), "2004-05-06T07:08:09Z");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].title, "Lock keeper");  // mode=base64
  EXPECT_EQ(Rfc(f.entries[0].published), "2004-05-05T15:00:00Z");
  EXPECT_EQ(f.entries[0].summary_text, "Meet the keeper");
}

TEST(FormatsTest, JsonFeed11) {
  const Feed f = Parse("jsonfeed11.json");
  EXPECT_EQ(f.format, "json");
  EXPECT_EQ(f.version, "1.1");
  EXPECT_EQ(f.title, "Bakery Bulletin");
  EXPECT_EQ(f.link, "https://bakery.example/");
  ASSERT_EQ(f.entries.size(), 2u);
  EXPECT_EQ(f.entries[0].content_text, "Dark rye returns.\nAsk at the counter.");
  EXPECT_EQ(Rfc(f.entries[0].published), "2026-01-10T11:00:00Z");
  EXPECT_EQ(f.entries[0].authors, std::vector<std::string>{"Bea Baker"});
  EXPECT_EQ(f.entries[0].categories, (std::vector<std::string>{"bread", "rye"}));
  EXPECT_EQ(f.entries[1].id, "43");  // numeric ids become strings
  EXPECT_EQ(f.entries[1].content, "Closed on Monday.");
  EXPECT_TRUE(f.entries[1].link.empty());
  EXPECT_FALSE(f.entries[1].published.has_value());
  EXPECT_FALSE(f.warnings.empty());
}

TEST(FormatsTest, JsonFeed10) {
  const Feed f = Parse("jsonfeed10.json");
  EXPECT_EQ(f.version, "1.0");
  ASSERT_EQ(f.entries.size(), 1u);
  EXPECT_EQ(f.entries[0].authors, std::vector<std::string>{"Solo Writer"});
}

TEST(FormatsTest, MalformedXmlIsRecoveredWithWarnings) {
  const Feed f = Parse("malformed.xml");
  EXPECT_EQ(f.title, "Broken & Co \xC2\xA9 2026 &bogus; R&D");
  ASSERT_EQ(f.entries.size(), 2u);
  EXPECT_EQ(f.entries[0].title, "Unclosed bold");
  EXPECT_EQ(f.entries[0].summary, "Fish & chips < 5 pounds");
  EXPECT_EQ(f.entries[0].link, "http://broken.example/1");
  EXPECT_EQ(f.entries[1].title, "Second \xE2\x80\xA6");
  EXPECT_EQ(f.entries[1].categories, std::vector<std::string>{"Food"});
  auto warned = [&](const std::string& what) {
    return std::any_of(f.warnings.begin(), f.warnings.end(),
                       [&](const std::string& w) { return w.find(what) != std::string::npos; });
  };
  EXPECT_TRUE(warned("unclosed"));
  EXPECT_TRUE(warned("'&'"));
  EXPECT_TRUE(warned("unquoted attribute"));
}

TEST(FormatsTest, NeutralJsonKeepsIdAsWritten) {
  const Feed f = Parse("rss20_full.xml");
  const std::string json = ToNeutralJson(f);
  EXPECT_NE(json.find("\"id\":\"gazette-48213\""), std::string::npos);
  EXPECT_NE(json.find("\"format\":\"rss\""), std::string::npos);
  EXPECT_EQ(json.find("\"key\""), std::string::npos);
}

// RSS 0.9x without its <rss>: each item once, with its text.
TEST(FormatsTest, BareChannelReadsEachItemOnce) {
  auto r = ParseFeed(
      "<channel><title>T</title><item><title>a</title><link>https://x.example/a</link></item>"
      "<item><title>b</title></item></channel>",
      {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->format, "rss");
  EXPECT_EQ(r->title, "T");
  ASSERT_EQ(r->entries.size(), 2u);
  EXPECT_EQ(r->entries[0].title, "a");
  EXPECT_EQ(r->entries[0].link, "https://x.example/a");
  EXPECT_EQ(r->entries[1].title, "b");
}

TEST(FormatsTest, NotAFeedIsAClearError) {
  auto r = ParseFeed("<html><body>hello</body></html>", {});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("not a feed"), std::string::npos);
  auto empty = ParseFeed("", {});
  ASSERT_FALSE(empty.ok());
  auto json = ParseFeed("{\"hello\": 1}", {});
  ASSERT_FALSE(json.ok());
}

}  // namespace
}  // namespace newsmon::feed
