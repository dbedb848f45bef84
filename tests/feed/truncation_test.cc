// Documents cut off at end of input (a close-delimited HTTP response that
// dropped): the complete items count, the item being cut is dropped, and the
// Feed says `truncated`. Inner tags left open inside a closed item are still
// recovered, not taken for truncation.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "feed/feed_parser.h"

namespace newsmon::feed {
namespace {

const std::string kRss =
    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Wire</title>"
    "<link>https://wire.example/</link>\n"
    "<item><title>First story</title><link>https://wire.example/a/100001</link>"
    "<guid>https://wire.example/a/100001</guid><pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate>"
    "<description><![CDATA[<p>One <b>bold</b> line.</p>]]></description></item>\n"
    "<item><title>Second story</title><link>https://wire.example/a/100002</link>"
    "<guid>https://wire.example/a/100002</guid><pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate>"
    "<description><![CDATA[<p>Two long paragraphs of text.</p><p>And more.</p>]]></description></item>\n"
    "</channel></rss>\n";

const std::string kAtom =
    "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Wire</title>"
    "<link href=\"https://wire.example/\"/>\n"
    "<entry><id>tag:wire.example,2026:1</id><title>First story</title>"
    "<link href=\"https://wire.example/a/100001\"/><updated>2026-03-02T08:00:00Z</updated>"
    "<summary type=\"html\"><![CDATA[<p>One <b>bold</b> line.</p>]]></summary></entry>\n"
    "<entry><id>tag:wire.example,2026:2</id><title>Second story</title>"
    "<link href=\"https://wire.example/a/100002\"/><updated>2026-03-02T09:00:00Z</updated>"
    "<summary type=\"html\"><![CDATA[<p>Two long paragraphs of text.</p><p>And more.</p>]]></summary></entry>\n"
    "</feed>\n";

const std::string kRdf =
    "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
    "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
    "<channel rdf:about=\"https://wire.example/\"><title>Wire</title><link>https://wire.example/</link></channel>\n"
    "<item rdf:about=\"https://wire.example/a/100001\"><title>First story</title>"
    "<link>https://wire.example/a/100001</link><dc:date>2026-03-02T08:00:00Z</dc:date>"
    "<description><![CDATA[<p>One <b>bold</b> line.</p>]]></description></item>\n"
    "<item rdf:about=\"https://wire.example/a/100002\"><title>Second story</title>"
    "<link>https://wire.example/a/100002</link><dc:date>2026-03-02T09:00:00Z</dc:date>"
    "<description><![CDATA[<p>Two long paragraphs of text.</p><p>And more.</p>]]></description></item>\n"
    "</rdf:RDF>\n";

struct Format {
  const char* name;
  const std::string* doc;
  const char* item_open;        // "<item" / "<entry"
  const char* item_close;       // "</item>" / "</entry>"
  const char* root_close;       // "</rss>" / ...
  const char* container_close;  // closes what holds the items, before the root ("</channel>" for RSS)
};

const Format kFormats[] = {
    {"rss", &kRss, "<item", "</item>", "</rss>", "</channel>"},
    {"atom", &kAtom, "<entry", "</entry>", "</feed>", nullptr},
    {"rdf", &kRdf, "<item", "</item>", "</rdf:RDF>", nullptr},
};

Feed MustParse(const std::string& doc) {
  auto r = ParseFeed(doc, {"https://wire.example/feed", ""});
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(*r) : Feed{};
}

bool HasWarning(const Feed& f, const std::string& part) {
  return std::any_of(f.warnings.begin(), f.warnings.end(),
                     [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

// Position of the n-th (0-based) occurrence of `what`.
size_t Nth(const std::string& doc, const std::string& what, int n) {
  size_t at = doc.find(what);
  while (n-- > 0 && at != std::string::npos) at = doc.find(what, at + 1);
  return at;
}

// An entry of a cut document must be the very entry of the whole one.
void ExpectSameEntry(const FeedEntry& got, const FeedEntry& want) {
  EXPECT_EQ(got.key, want.key);
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.link, want.link);
  EXPECT_EQ(got.published, want.published);
  EXPECT_EQ(got.updated, want.updated);
  EXPECT_EQ(got.content_hash, want.content_hash);
}

TEST(TruncationTest, CompleteDocumentsAreNotTruncated) {
  for (const Format& f : kFormats) {
    SCOPED_TRACE(f.name);
    const Feed feed = MustParse(*f.doc);
    EXPECT_FALSE(feed.truncated);
    EXPECT_EQ(feed.entries.size(), 2u);
    EXPECT_FALSE(HasWarning(feed, "truncated"));
  }
}

TEST(TruncationTest, CutMidItemDropsThatItem) {
  for (const Format& f : kFormats) {
    SCOPED_TRACE(f.name);
    const Feed whole = MustParse(*f.doc);
    // Inside the second item's title.
    const Feed cut = MustParse(f.doc->substr(0, f.doc->find("Second st") + 9));
    EXPECT_TRUE(cut.truncated);
    ASSERT_EQ(cut.entries.size(), 1u);
    ExpectSameEntry(cut.entries[0], whole.entries[0]);
    EXPECT_TRUE(HasWarning(cut, "truncated: "));
    EXPECT_TRUE(HasWarning(cut, "cut off at end of document, dropped"));
    EXPECT_EQ(cut.title, "Wire");
  }
}

TEST(TruncationTest, CutBetweenItemsKeepsTheCompleteOnes) {
  for (const Format& f : kFormats) {
    SCOPED_TRACE(f.name);
    const Feed whole = MustParse(*f.doc);
    const size_t after_first = Nth(*f.doc, f.item_close, 0) + std::string(f.item_close).size();
    for (const size_t n : {after_first, after_first + 1, Nth(*f.doc, f.item_open, 1) + 3}) {
      SCOPED_TRACE(n);
      const Feed cut = MustParse(f.doc->substr(0, n));
      EXPECT_TRUE(cut.truncated);
      ASSERT_EQ(cut.entries.size(), 1u);
      ExpectSameEntry(cut.entries[0], whole.entries[0]);
    }
  }
}

TEST(TruncationTest, CutInsideTheLastItemsCdataDropsIt) {
  for (const Format& f : kFormats) {
    SCOPED_TRACE(f.name);
    const Feed whole = MustParse(*f.doc);
    const size_t cdata = Nth(*f.doc, "<![CDATA[", 1);
    ASSERT_NE(cdata, std::string::npos);
    for (const size_t n : {cdata + 4, cdata + 9, cdata + 20, f.doc->find("</p><p>And") + 4}) {
      SCOPED_TRACE(n);
      const Feed cut = MustParse(f.doc->substr(0, n));
      EXPECT_TRUE(cut.truncated);
      ASSERT_EQ(cut.entries.size(), 1u);
      ExpectSameEntry(cut.entries[0], whole.entries[0]);
    }
  }
}

TEST(TruncationTest, CutAfterTheLastItemKeepsEveryItem) {
  for (const Format& f : kFormats) {
    SCOPED_TRACE(f.name);
    const Feed whole = MustParse(*f.doc);
    std::vector<size_t> cuts = {Nth(*f.doc, f.item_close, 1) + std::string(f.item_close).size()};
    cuts.push_back(f.doc->find(f.root_close) + 3);  // inside the root's end tag
    if (f.container_close != nullptr) {
      cuts.push_back(f.doc->find(f.container_close) + std::string(f.container_close).size());
    }
    for (const size_t n : cuts) {
      SCOPED_TRACE(f.doc->substr(0, n).substr(n - 20));
      const Feed cut = MustParse(f.doc->substr(0, n));
      EXPECT_TRUE(cut.truncated);
      EXPECT_TRUE(HasWarning(cut, "not closed at end of document"));
      ASSERT_EQ(cut.entries.size(), 2u);
      ExpectSameEntry(cut.entries[0], whole.entries[0]);
      ExpectSameEntry(cut.entries[1], whole.entries[1]);
    }
  }
}

// The issue's case: an RSS item cut right after "<guid>http://" became an
// entry with id and link "http://" and no date.
TEST(TruncationTest, HalfItemNeverBecomesAnEntry) {
  const std::string doc = kRss.substr(0, Nth(kRss, "<guid>", 1) + 14);
  ASSERT_TRUE(doc.ends_with("<guid>https://"));
  const Feed cut = MustParse(doc);
  EXPECT_TRUE(cut.truncated);
  ASSERT_EQ(cut.entries.size(), 1u);
  EXPECT_EQ(cut.entries[0].id, "https://wire.example/a/100001");
}

// Whatever byte the document is cut at, every entry that comes out is one of
// the whole document's entries, in order, and the feed says it was cut.
TEST(TruncationTest, EveryPrefixGivesOnlyWholeEntries) {
  for (const Format& f : kFormats) {
    SCOPED_TRACE(f.name);
    const Feed whole = MustParse(*f.doc);
    // "</rss" without its '>' already closes the root.
    const size_t root_closed = f.doc->find(f.root_close) + std::string(f.root_close).size() - 1;
    for (size_t n = 0; n < f.doc->size(); ++n) {
      auto r = ParseFeed(f.doc->substr(0, n), {"https://wire.example/feed", ""});
      if (!r.ok()) continue;  // too short to be a feed
      SCOPED_TRACE(n);
      EXPECT_EQ(r->truncated, n < root_closed);
      ASSERT_LE(r->entries.size(), whole.entries.size());
      for (size_t i = 0; i < r->entries.size(); ++i) ExpectSameEntry(r->entries[i], whole.entries[i]);
    }
  }
}

// What browsers recover stays recovered: tags left open inside an item that
// is itself closed, a container closed by the root's end tag.
TEST(TruncationTest, InnerUnclosedTagsAreNotTruncation) {
  const Feed f = MustParse(
      "<rss version=\"2.0\"><channel><title>T</title>"
      "<item><title>A</title><description>line one<br>line two<p>para</description>"
      "<foo><bar>x</item>"
      "<item><title>B</title><link>https://x.example/b</item>"
      "</rss>");
  EXPECT_FALSE(f.truncated);
  ASSERT_EQ(f.entries.size(), 2u);
  EXPECT_EQ(f.entries[0].title, "A");
  EXPECT_NE(f.entries[0].summary_text.find("line two"), std::string::npos);
  EXPECT_EQ(f.entries[1].link, "https://x.example/b");
  EXPECT_FALSE(HasWarning(f, "truncated"));

  const Feed atom = MustParse(
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>1</id>"
      "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>open<br>still</div></content>"
      "</entry></feed>");
  EXPECT_FALSE(atom.truncated);
  EXPECT_EQ(atom.entries.size(), 1u);

  // Junk after a closed root is ignored, not a cut.
  const Feed junk = MustParse(kRss + "<html><body>ad");
  EXPECT_FALSE(junk.truncated);
  EXPECT_EQ(junk.entries.size(), 2u);
}

TEST(TruncationTest, NeutralJsonSaysTruncated) {
  EXPECT_EQ(ToNeutralJson(MustParse(kRss)).find("truncated"), std::string::npos);
  EXPECT_NE(ToNeutralJson(MustParse(kRss.substr(0, kRss.size() - 20))).find("\"truncated\":true"), std::string::npos);
}

const std::string kJson = R"({"version": "https://jsonfeed.org/version/1.1", "title": "Wire",
  "home_page_url": "https://wire.example/",
  "items": [
    {"id": "1", "url": "https://wire.example/a/100001", "title": "First story",
     "content_html": "<p>One <b>bold</b> line.</p>", "date_published": "2026-03-02T08:00:00Z",
     "authors": [{"name": "Ada"}], "tags": ["a", "b"]},
    {"id": "2", "url": "https://wire.example/a/100002", "title": "Second story",
     "content_html": "<p>Two long paragraphs of text.</p>", "date_published": "2026-03-02T09:00:00Z"}
  ],
  "description": "All the news"
}
)";

TEST(TruncationTest, JsonFeedCutKeepsCompleteItems) {
  const Feed whole = MustParse(kJson);
  EXPECT_FALSE(whole.truncated);
  ASSERT_EQ(whole.entries.size(), 2u);
  EXPECT_EQ(whole.description, "All the news");

  const Feed mid_item = MustParse(kJson.substr(0, kJson.find("Second st") + 9));
  EXPECT_TRUE(mid_item.truncated);
  ASSERT_EQ(mid_item.entries.size(), 1u);
  ExpectSameEntry(mid_item.entries[0], whole.entries[0]);
  EXPECT_TRUE(HasWarning(mid_item, "item cut off"));

  const Feed mid_first = MustParse(kJson.substr(0, kJson.find("\"a\", \"b\"") + 4));  // in the first's tags
  EXPECT_TRUE(mid_first.truncated);
  EXPECT_TRUE(mid_first.entries.empty());
  EXPECT_EQ(mid_first.title, "Wire");

  const Feed after_items = MustParse(kJson.substr(0, kJson.find("\"description\"") + 5));
  EXPECT_TRUE(after_items.truncated);
  ASSERT_EQ(after_items.entries.size(), 2u);
  ExpectSameEntry(after_items.entries[1], whole.entries[1]);
  EXPECT_NE(ToNeutralJson(after_items).find("\"truncated\":true"), std::string::npos);
}

TEST(TruncationTest, JsonFeedEveryPrefixGivesOnlyWholeEntries) {
  const Feed whole = MustParse(kJson);
  const size_t root_closed = kJson.rfind('}') + 1;
  for (size_t n = 0; n < kJson.size(); ++n) {
    auto r = ParseFeed(kJson.substr(0, n), {});
    if (!r.ok()) continue;  // nothing yet says it is a JSON Feed, or not even '{'
    SCOPED_TRACE(n);
    EXPECT_EQ(r->format, "json");
    EXPECT_EQ(r->truncated, n < root_closed);
    ASSERT_LE(r->entries.size(), whole.entries.size());
    for (size_t i = 0; i < r->entries.size(); ++i) ExpectSameEntry(r->entries[i], whole.entries[i]);
  }
}

TEST(TruncationTest, BrokenJsonIsStillAnError) {
  // A syntax error before the end is not a cut.
  for (const std::string& doc :
       {std::string(R"({"items": [{"id": "1"}] ] })"), std::string(R"({"items": [{"id": "1",}]})"),
        std::string(R"({"items": []}x)"), std::string(R"({"items": [{"id": "1"}]]})")}) {
    SCOPED_TRACE(doc);
    auto r = ParseFeed(doc, {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "invalid JSON document");
  }
}

}  // namespace
}  // namespace newsmon::feed
