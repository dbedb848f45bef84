#include <gtest/gtest.h>

#include "article/byline.h"
#include "article/dates.h"
#include "article/extractor.h"
#include "article/metadata.h"
#include "fixture.h"

namespace newsmon {
namespace {

using article::FormatPageDate;
using article::ParsePageDate;
using testing::ReadFixture;

std::string Published(const Article& a) {
  return a.published ? article::FormatPageDate({*a.published, a.published_offset_minutes, true}) : "";
}

TEST(ArticleMetadata, JsonLdGraphGivesHeadlineAuthorsDateAndLanguage) {
  auto a =
      ExtractArticle(ReadFixture("jsonld_graph.html"), {.url = "https://courier.example/x?y=1", .content_type = ""});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->title, "Harbour bridge reopens after repairs");
  ASSERT_EQ(a->authors.size(), 2u);
  EXPECT_EQ(a->authors[0], "Mara Lindqvist");      // resolved through @id
  EXPECT_EQ(a->authors[1], "Tomasz Wr\u00f3bel");  // entity decoded
  // The local day is kept: 23:30 at -04:00 is already the next day in UTC.
  EXPECT_EQ(Published(*a), "2031-04-02T23:30:00-04:00");
  ASSERT_TRUE(a->updated.has_value());
  EXPECT_EQ(FormatRfc3339(*a->updated), "2031-04-03T12:00:00Z");
  EXPECT_EQ(a->canonical_url, "https://courier.example/news/2031/harbour-bridge-reopens");
  EXPECT_EQ(a->language, "en");
}

TEST(ArticleMetadata, OpenGraphAndMetaAuthor) {
  auto a = ExtractArticle(ReadFixture("opengraph.html"), {.url = "https://farming.example/p?id=7", .content_type = ""});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->title, "Orchard growers count the cost of late frost");  // site name stripped
  ASSERT_EQ(a->authors.size(), 1u);
  EXPECT_EQ(a->authors[0], "Ines Moreau");  // article:author is a URL and is skipped
  EXPECT_EQ(Published(*a), "2030-05-11T06:15:00+02:00");
  EXPECT_EQ(a->canonical_url, "https://farming.example/orchards/late-frost");
}

TEST(ArticleMetadata, ParselyMetaNamesBeforeOtherMeta) {
  auto a = ExtractArticle(ReadFixture("meta_names.html"), {});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->title, "Library extends opening hours");
  ASSERT_EQ(a->authors.size(), 1u);
  EXPECT_EQ(a->authors[0], "Daniel Osei");
  EXPECT_EQ(Published(*a), "2029-09-30T14:00:00Z");
}

TEST(ArticleMetadata, SailthruAuthorAndDublinCoreDate) {
  auto a = ExtractArticle(ReadFixture("sailthru_dc.html"), {});
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->authors.size(), 1u);
  EXPECT_EQ(a->authors[0], "Priya Raman");
  EXPECT_EQ(Published(*a), "2028-02-14T00:00:00Z");
}

TEST(ArticleMetadata, TimeElementAndBylineElement) {
  auto a =
      ExtractArticle(ReadFixture("time_byline.html"), {.url = "https://town.example/night-market", .content_type = ""});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->title, "Night market returns to the old square");
  ASSERT_EQ(a->authors.size(), 2u);
  EXPECT_EQ(a->authors[0], "Jonas Feld");
  EXPECT_EQ(a->authors[1], "Carla Ruiz");
  EXPECT_EQ(Published(*a), "2027-07-19T18:00:00+01:00");
  EXPECT_EQ(a->canonical_url, "https://town.example/night-market");  // no canonical: the page URL
}

TEST(ArticleMetadata, DateFromUrlAsLastResort) {
  auto a = ExtractArticle(ReadFixture("url_date.html"),
                          {.url = "https://choirs.example/2026/03/15/choir-wins", .content_type = ""});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(Published(*a), "2026-03-15T00:00:00Z");
  auto none =
      ExtractArticle(ReadFixture("url_date.html"), {.url = "https://choirs.example/choir-wins", .content_type = ""});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->published.has_value());
}

TEST(ArticleDates, ParsesCommonForms) {
  EXPECT_EQ(FormatPageDate(*ParsePageDate("2025-09-04")), "2025-09-04T00:00:00Z");
  EXPECT_EQ(FormatPageDate(*ParsePageDate("2025-09-04T10:20:30.123+0530")), "2025-09-04T10:20:30+05:30");
  EXPECT_EQ(FormatPageDate(*ParsePageDate("2025-09-04 10:20")), "2025-09-04T10:20:00Z");
  EXPECT_EQ(FormatPageDate(*ParsePageDate("Thu, 04 Sep 2025 10:00:00 GMT")), "2025-09-04T10:00:00Z");
  EXPECT_EQ(FormatPageDate(*ParsePageDate("September 4th, 2025")), "2025-09-04T00:00:00Z");
  EXPECT_EQ(FormatPageDate(*ParsePageDate("4 Sept. 2025")), "2025-09-04T00:00:00Z");
  EXPECT_EQ(FormatPageDate(*ParsePageDate("04.09.2025")), "2025-09-04T00:00:00Z");
  EXPECT_EQ(FormatPageDate(*ParsePageDate("09/24/2025")), "2025-09-24T00:00:00Z");
  EXPECT_FALSE(ParsePageDate("2025-13-40").has_value());
  EXPECT_FALSE(ParsePageDate("yesterday").has_value());
  EXPECT_FALSE(ParsePageDate("").has_value());
  EXPECT_EQ(FormatPageDate(*article::FindDateInText("Posted on March 3, 2024 by the editors")), "2024-03-03T00:00:00Z");
  EXPECT_EQ(FormatPageDate(*article::DateFromUrl("https://x.example/news/20240131-slug")), "2024-01-31T00:00:00Z");
  EXPECT_FALSE(article::DateFromUrl("https://x.example/2024/99/99/slug").has_value());
}

TEST(ArticleMetadata, StripSiteName) {
  EXPECT_EQ(article::StripSiteName("Big news today | Daily Paper", "Daily Paper"), "Big news today");
  EXPECT_EQ(article::StripSiteName("Daily Paper - Big news today", "Daily Paper"), "Big news today");
  EXPECT_EQ(article::StripSiteName("Big news in the town hall - Paper", ""), "Big news in the town hall");
  EXPECT_EQ(article::StripSiteName("Why: a question", ""), "Why: a question");
}

TEST(ArticleMetadata, SplitByline) {
  using V = std::vector<std::string>;
  EXPECT_EQ(article::SplitByline("By Jane Doe and John Roe | May 4, 2025"), (V{"Jane Doe", "John Roe"}));
  EXPECT_EQ(article::SplitByline("Written by: A. Smith, B. Jones & C. Brown"), (V{"A. Smith", "B. Jones", "C. Brown"}));
  EXPECT_TRUE(article::SplitByline("").empty());
}

// The canonical link is resolved with the feed stage's RFC 3986 resolver.
TEST(ArticleMetadata, RelativeCanonicalLinkIsResolvedAgainstThePage) {
  auto a = ExtractArticle(
      "<html><head><link rel=canonical href='../news/budget'></head><body><p>The council approved the harbour "
      "budget on Monday after a long debate.</p></body></html>",
      {.url = "https://courier.example/today/x?y=1", .content_type = ""});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->canonical_url, "https://courier.example/news/budget");
}

}  // namespace
}  // namespace newsmon
