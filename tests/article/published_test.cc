#include <gtest/gtest.h>

#include <string>

#include "article/dates.h"
#include "article/extractor.h"

namespace newsmon {
namespace {

constexpr const char* kProse =
    "<p>The harbour committee met on Tuesday evening to discuss the new timetable for the ferries, which will "
    "run every twenty minutes during the summer months and every hour in winter, starting next month.</p>";

std::string Page(const std::string& head, const std::string& body) {
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ferry timetable changes</title>" +
         head + "</head><body>" + body + kProse + "</body></html>";
}

std::string Published(const std::string& html) {
  auto a = ExtractArticle(html, {.url = "https://harbour.example/story", .content_type = ""});
  if (!a.ok() || !a->published) return "";
  return article::FormatPageDate({*a->published, a->published_offset_minutes, true});
}

const std::string kStated = "<meta property=\"article:published_time\" content=\"2031-03-10T09:00:00+00:00\">";

TEST(ArticleShownDate, LaterUpdatedDateDoesNotReplaceThePublishedOne) {
  EXPECT_EQ(Published(Page(kStated, "<h1>Ferry timetable changes</h1><p>By Ann Lee · Updated May 2, 2031</p>")),
            "2031-03-10T09:00:00Z");
}

TEST(ArticleShownDate, ShownRevisionThatSchemaDataConfirmsIsTheDate) {
  const std::string ld =
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2031-03-10T09:00:00Z\","
      "\"dateModified\":\"2031-05-02T16:30:00Z\"}</script>";
  EXPECT_EQ(Published(Page(ld, "<h1>Ferry timetable changes</h1><p>By Ann Lee · Updated May 2, 2031</p>")),
            "2031-05-02T00:00:00Z");
  // Microdata says the same; a UTC time just after midnight is still the shown day somewhere west.
  EXPECT_EQ(Published(Page(kStated + "<meta itemprop=\"dateModified\" content=\"2031-05-03T01:10:00Z\">",
                           "<h1>Ferry timetable changes</h1><p>By Ann Lee · May 2, 2031</p>")),
            "2031-05-02T00:00:00Z");
}

TEST(ArticleShownDate, ShownRevisionOnAnotherDayThanTheModifiedOneIsNotTheDate) {
  EXPECT_EQ(Published(Page(kStated + "<meta itemprop=\"dateModified\" content=\"2031-06-20T10:00:00Z\">",
                           "<h1>Ferry timetable changes</h1><p>By Ann Lee · Updated May 2, 2031</p>")),
            "2031-03-10T09:00:00Z");
  // A CMS's generic modified_time meta does not say the page presents the revision.
  EXPECT_EQ(Published(Page(kStated + "<meta property=\"article:modified_time\" content=\"2031-05-02T10:00:00Z\">",
                           "<h1>Ferry timetable changes</h1><p>By Ann Lee · Updated May 2, 2031</p>")),
            "2031-03-10T09:00:00Z");
}

TEST(ArticleShownDate, HeadlineShownInAParagraphWithoutHeadings) {
  // Page builders style a <p> as the headline; the byline and date follow it.
  EXPECT_EQ(Published(Page("",
                           "<div><p class=\"hero\">Ferry timetable changes</p></div>"
                           "<div><p>Ann Lee</p><p>Feb 16, 2031</p></div>")),
            "2031-02-16T00:00:00Z");
}

TEST(ArticleShownDate, DateAfterASubtitleHeading) {
  EXPECT_EQ(Published(Page("",
                           "<h1>Ferry timetable changes</h1><h2>What the new timetable means for commuters</h2>"
                           "<div><a href=\"/ann\">Ann Lee</a><span>6 min read</span><span>Dec 30, 2030</span></div>")),
            "2030-12-30T00:00:00Z");
  // Only one: a second heading starts the story's sections.
  EXPECT_EQ(Published(Page("",
                           "<h1>Ferry timetable changes</h1><h2>What the new timetable means</h2><h2>Background</h2>"
                           "<p>Dec 30, 2030</p>")),
            "");
}

TEST(ArticleShownDate, DateBesideABylineAtTheStorysEnd) {
  EXPECT_EQ(Published(Page("", std::string("<h1>Ferry timetable changes</h1>") + kProse + kProse +
                                   "<div><p>Written by <a href=\"/ann\">Ann Lee</a></p><p>April 8, 2031</p></div>")),
            "2031-04-08T00:00:00Z");
}

TEST(ArticleShownDate, LabelledDateAnywhereAsTheLastResort) {
  const std::string story = std::string("<h1>Ferry timetable changes</h1>") + kProse + kProse;
  EXPECT_EQ(Published(Page("", story + "<footer><p>Last updated: November 13, 2030</p></footer>")),
            "2030-11-13T00:00:00Z");
  EXPECT_EQ(Published(Page("", story + "<p>Updated: Dec 1, 2030</p><p>Published: Nov 2, 2030</p>")),
            "2030-11-02T00:00:00Z");
}

TEST(ArticleShownDate, EarlierShownDateIsTheStorysOwn) {
  // The stated date is when the page moved to a new CMS.
  EXPECT_EQ(Published(Page(kStated, "<h1>Ferry timetable changes</h1><p>By Ann Lee</p><p>4 June 2024</p>")),
            "2024-06-04T00:00:00Z");
}

TEST(ArticleShownDate, SameMomentInThePagesOffsetIsNotEarlier) {
  EXPECT_EQ(Published(Page(kStated,
                           "<h1>Ferry timetable changes</h1>"
                           "<time datetime=\"2031-03-10T04:00:00-05:00\">March 10</time>")),
            "2031-03-10T09:00:00Z");
}

std::string PublishedAt(const std::string& html, const std::string& url) {
  auto a = ExtractArticle(html, {.url = url, .content_type = ""});
  if (!a.ok() || !a->published) return "";
  return article::FormatPageDate({*a->published, a->published_offset_minutes, true});
}

TEST(ArticleShownDate, SmallHoursInUtcAreTheEveningShownTheDayBefore) {
  // 02:17 UTC is the evening of the 9th in the Americas: one moment, and
  // the stated time says it exactly.
  const std::string small_hours = "<meta property=\"article:published_time\" content=\"2031-03-10T02:17:00+00:00\">";
  const std::string body = "<h1>Ferry timetable changes</h1><p>By Ann Lee</p><p>March 9, 2031</p>";
  EXPECT_EQ(Published(Page(small_hours, body)), "2031-03-10T02:17:00Z");
  // Later in the UTC day the shown day before is an earlier story date.
  EXPECT_EQ(Published(Page(kStated, body)), "2031-03-09T00:00:00Z");
}

TEST(ArticleShownDate, TheUrlsDayConfirmsTheShownDayOverAUtcDayThatTurned) {
  const std::string small_hours = "<meta property=\"article:published_time\" content=\"2031-03-10T03:05:00+00:00\">";
  const std::string html = Page(small_hours, "<h1>Ferry timetable changes</h1><p>By Ann Lee</p><p>March 9, 2031</p>");
  EXPECT_EQ(PublishedAt(html, "https://harbour.example/2031/03/09/ferry-timetable"), "2031-03-09T00:00:00Z");
  EXPECT_EQ(PublishedAt(html, "https://harbour.example/2031/03/10/ferry-timetable"), "2031-03-10T03:05:00Z");
}

TEST(ArticleShownDate, DateAboveTheHeadlineWithoutMetadata) {
  EXPECT_EQ(Published(Page("",
                           "<div><a href=\"/blog\">Back to blog</a><span>Dec 12, 2030</span>"
                           "<h1>Ferry timetable changes</h1></div>")),
            "2030-12-12T00:00:00Z");
}

TEST(ArticleShownDate, DateAfterAStandfirstWithoutMetadata) {
  EXPECT_EQ(
      Published(Page("", std::string("<h1>Ferry timetable changes</h1>") + kProse + "<p>Posted on Nov 21, 2029</p>")),
      "2029-11-21T00:00:00Z");
}

TEST(ArticleShownDate, DatesInTheStoryTextAreNotTheStoryDate) {
  // Past the first paragraphs of prose the byline area is over.
  EXPECT_EQ(Published(Page("", std::string("<h1>Ferry timetable changes</h1>") + kProse + kProse +
                                   "<p>On 3 March 2020 the old pier closed.</p>")),
            "");
}

TEST(ArticleShownDate, JsonLdBlogPostingInsideABlog) {
  EXPECT_EQ(Published(Page("<script type=\"application/ld+json\">{\"@type\":\"Blog\",\"name\":\"Quay Notes\","
                           "\"blogPost\":[{\"@type\":\"BlogPosting\",\"headline\":\"Ferry timetable changes\","
                           "\"datePublished\":\"2031-01-05T10:00:00Z\"}]}</script>",
                           "<h1>Ferry timetable changes</h1>")),
            "2031-01-05T10:00:00Z");
}

TEST(ArticleShownDate, HomegrownPublishedMetaNames) {
  EXPECT_EQ(Published(Page("<meta name=\"w-published-date\" content=\"2031-02-03T04:05:06Z\">",
                           "<h1>Ferry timetable changes</h1>")),
            "2031-02-03T04:05:06Z");
  // A date name beats a time name; neither is the publisher.
  EXPECT_EQ(Published(Page("<meta name=\"publisher\" content=\"2029-01-01\">"
                           "<meta name=\"published-time\" content=\"2031-09-09T00:00:00Z\">"
                           "<meta name=\"published-date\" content=\"2030-02-16\">",
                           "<h1>Ferry timetable changes</h1>")),
            "2030-02-16T00:00:00Z");
}

TEST(ArticleShownDate, ProseSplitByLinksStillEndsTheArea) {
  // Unlabelled: a "Posted" label would count as the last resort anywhere.
  const std::string linked =
      "<p>The pier <a href=\"/p\">reopened</a> after repairs that began on 30 October 2029 <sup>[3]</sup> and "
      "took the council and its contractors far longer than the eleven weeks that had been planned for it.</p>";
  EXPECT_EQ(
      Published(Page("", "<h1>Ferry timetable changes</h1>" + std::string(kProse) + linked + "<p>May 2, 2031</p>")),
      "");
}

TEST(ArticleShownDate, UpdatedDateAboveTheHeadlineOnlyAsALastResort) {
  EXPECT_EQ(Published(Page("",
                           "<div><span>News</span><span>March 1, 2030</span><span>Updated: April 9, 2031</span>"
                           "<h1>Ferry timetable changes</h1></div>")),
            "2030-03-01T00:00:00Z");
  EXPECT_EQ(Published(Page("", "<div><span>Updated: April 9, 2031</span><h1>Ferry timetable changes</h1></div>")),
            "2031-04-09T00:00:00Z");
}

TEST(ArticleShownDate, PageWithoutH1ShowsTheHeadlineAsH2) {
  EXPECT_EQ(Published(Page("", "<h2>Ferry timetable changes, explained</h2><p>Ann Lee December 17, 2030</p>")),
            "2030-12-17T00:00:00Z");
}

TEST(ArticleShownDate, UrlDateSettlesDayAndMonth) {
  const std::string html = Page("", "<h1>Ferry timetable changes</h1><p>03/10/2031 by Ann Lee</p>");
  auto a = ExtractArticle(html, {.url = "https://harbour.example/blog/2031/october/03/ferries", .content_type = ""});
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a->published.has_value());
  EXPECT_EQ(FormatRfc3339(*a->published), "2031-10-03T00:00:00Z");
  ASSERT_TRUE(article::DateFromUrl("https://harbour.example/2031/october/03/").has_value());
  EXPECT_EQ(article::FormatPageDate(*article::DateFromUrl("https://harbour.example/2031/october/03/x")),
            "2031-10-03T00:00:00Z");
  // Without the URL, slashes read month first.
  EXPECT_EQ(Published(html), "2031-03-10T00:00:00Z");
}

TEST(ArticleShownDate, IconsDoNotUseUpTheBylineArea) {
  std::string icons;
  for (int k = 0; k < 40; ++k)
    icons += "<svg viewBox=\"0 0 8 8\"><g><path d=\"M0 0h8\"/><path d=\"M0 8h8\"/></g></svg>";
  EXPECT_EQ(
      Published(Page("", "<h1>Ferry timetable changes</h1><div>" + icons + "</div><p>Ann Lee</p><p>April 8, 2030</p>")),
      "2030-04-08T00:00:00Z");
}

TEST(ArticleShownDate, LastModifiedOnlyAsTheLastResort) {
  EXPECT_EQ(Published(Page("<meta property=\"article:modified_time\" content=\"2031-06-12T10:00:00Z\">",
                           "<h1>Ferry timetable changes</h1>")),
            "2031-06-12T10:00:00Z");
  EXPECT_EQ(Published(Page("<meta property=\"article:modified_time\" content=\"2031-06-12T10:00:00Z\">",
                           "<h1>Ferry timetable changes</h1><p>May 1, 2031</p>")),
            "2031-05-01T00:00:00Z");
}

}  // namespace
}  // namespace newsmon
