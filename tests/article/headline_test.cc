#include <gtest/gtest.h>

#include <string>

#include "article/extractor.h"
#include "article/headline.h"
#include "article/meta_text.h"

namespace newsmon {
namespace {

using article::HeadlineSources;
using article::PickHeadline;

// A page around the given <head> additions and <body> markup.
std::string Page(const std::string& head, const std::string& body) {
  return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" + head + "</head><body>" + body +
         "<p>The harbour committee met on Tuesday evening to discuss the new timetable for the ferries, which "
         "will run every twenty minutes during the summer months and every hour in winter.</p></body></html>";
}

std::string Title(const std::string& html) {
  auto a = ExtractArticle(html, {.url = "https://harbour.example/story", .content_type = ""});
  return a.ok() ? a->title : "<error>";
}

TEST(ArticleHeadline, SectionLabelH1LosesToStatedTitle) {
  // "Our news" shares no word with what the page says its title is.
  EXPECT_EQ(Title(Page("<title>Ferry timetable changes for summer | Harbour Herald</title>"
                       "<meta property=\"og:site_name\" content=\"Harbour Herald\">",
                       "<h1>Our news</h1>")),
            "Ferry timetable changes for summer");
}

TEST(ArticleHeadline, ShownH1DifferentFromSeoTitleStillWins) {
  // Same story, other words: the visible headline is the headline.
  EXPECT_EQ(Title(Page("<title>Summer ferry timetable: what changes | Harbour Herald</title>",
                       "<h1>Ferry timetable: boats every twenty minutes this summer</h1>")),
            "Ferry timetable: boats every twenty minutes this summer");
  // Question words say nothing about the topic: "ferry" and "pass" are the
  // words to compare.
  EXPECT_EQ(Title(Page("<title>Ferry passes compared for 2031 | Harbour Herald</title>",
                       "<h1>Which Ferry Pass Should You Get?</h1>")),
            "Which Ferry Pass Should You Get?");
}

TEST(ArticleHeadline, StatedTitleShownAsSubheading) {
  EXPECT_EQ(Title(Page("<title>Ferry timetable changes for summer | Quay Notes</title>",
                       "<h1>Welcome aboard</h1><h2>Ferry timetable changes for summer</h2>")),
            "Ferry timetable changes for summer");
}

TEST(ArticleHeadline, AgreedStatedTitleShownAsSubheadingBeatsADifferentH1) {
  const std::string head =
      "<title>Ferry timetable changes for summer 2031 | Harbour Herald</title>"
      "<meta property=\"og:title\" content=\"Ferry timetable changes for summer 2031\">"
      "<meta property=\"og:site_name\" content=\"Harbour Herald\">";
  // The <h1> is part of the stated title, the <h2> all of it.
  EXPECT_EQ(Title(Page(head,
                       "<h1>Ferry timetable changes for summer</h1>"
                       "<h2>Ferry timetable changes for summer 2031</h2>")),
            "Ferry timetable changes for summer 2031");
  // The <h1> is worded otherwise.
  EXPECT_EQ(Title(Page(head,
                       "<h1>Ferry timetable: how the boats will run this summer</h1>"
                       "<h2>Ferry timetable changes for summer 2031</h2>")),
            "Ferry timetable changes for summer 2031");
  // A later <h2> equal to the stated title is a section of the story.
  EXPECT_EQ(Title(Page(head,
                       "<h1>Ferry timetable: how the boats will run this summer</h1><h2>What is new</h2>"
                       "<h2>Ferry timetable changes for summer 2031</h2>")),
            "Ferry timetable: how the boats will run this summer");
  // A subheading equal to a stated title that the others disagree with is
  // not enough: the <h1> stays.
  EXPECT_EQ(Title(Page("<title>Ferry timetable: a guide to the summer changes</title>"
                       "<meta property=\"og:title\" content=\"Ferry timetable\">"
                       "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": "
                       "\"Ferry timetable: a guide to the summer changes\"}</script>",
                       "<h1>Summer ferries: what changes for passengers</h1><h2>Ferry timetable</h2>")),
            "Summer ferries: what changes for passengers");
}

TEST(ArticleHeadline, H1TypedInCapitalsGivesWayToTheStatedTitle) {
  EXPECT_EQ(Title(Page("<meta property=\"og:title\" content=\"Ferry timetable: more boats in summer\">",
                       "<h1>FERRY TIMETABLE: MORE BOATS THIS SUMMER</h1>")),
            "Ferry timetable: more boats in summer");
  // Without a stated title the <h1> is all there is.
  EXPECT_EQ(Title(Page("", "<h1>FERRY TIMETABLE: MORE BOATS THIS SUMMER</h1>")),
            "FERRY TIMETABLE: MORE BOATS THIS SUMMER");
}

TEST(ArticleHeadline, TitleAndSubtitleSpansKeepTheStatedSeparator) {
  // The page lays out title and subtitle on two lines; the text glues them.
  EXPECT_EQ(Title(Page("<meta property=\"og:title\" content=\"Ferry timetable changes - what passengers need to "
                       "know\">",
                       "<h1><span>Ferry timetable changes</span> <span>what passengers need to know</span></h1>")),
            "Ferry timetable changes - what passengers need to know");
  // Punctuation of its own in the <h1> is kept.
  EXPECT_EQ(Title(Page("<meta property=\"og:title\" content=\"Ferry timetable changes - what passengers need to "
                       "know\">",
                       "<h1>Ferry timetable changes: what passengers need to know</h1>")),
            "Ferry timetable changes: what passengers need to know");
}

TEST(ArticleHeadline, H1ThatIsThePagesHostNameIsTheSiteName) {
  // The page is on harbour.example (see Title()).
  EXPECT_EQ(Title(Page("<title>harbour.example Ferry timetable changes for summer</title>",
                       "<h1><a href=\"/\">harbour.example</a></h1>")),
            "Ferry timetable changes for summer");
  // Another host name in the <h1> is not the site's.
  EXPECT_EQ(Title(Page("<title>quay.example Ferry timetable changes for summer</title>", "<h1>quay.example</h1>")),
            "quay.example Ferry timetable changes for summer");
}

TEST(ArticleHeadline, LaterH1MatchingTheTitleBeatsTheBlogName) {
  EXPECT_EQ(Title(Page("<title>Ferry timetable changes for summer - The Quay Magazine</title>",
                       "<h1>The Quay Blog</h1><h1>Ferry timetable changes for summer</h1>")),
            "Ferry timetable changes for summer");
}

TEST(ArticleHeadline, DateOrLabelAroundTheStatedTitleIsDropped) {
  EXPECT_EQ(Title(Page("<meta property=\"og:title\" content=\"Ferry timetable changes for summer\">",
                       "<h1>May 4 2031 Ferry timetable changes for summer</h1>")),
            "Ferry timetable changes for summer");
  EXPECT_EQ(Title(Page("<meta property=\"og:title\" content=\"Ferry timetable changes for summer\">",
                       "<h1>Blog: Ferry timetable changes for summer</h1>")),
            "Ferry timetable changes for summer");
  // A longer <h1> is a fuller headline, not chrome.
  EXPECT_EQ(Title(Page("<meta property=\"og:title\" content=\"Ferry timetable changes\">",
                       "<h1>Ferry timetable changes: more boats at weekends</h1>")),
            "Ferry timetable changes: more boats at weekends");
}

TEST(ArticleHeadline, DatelineInsideTheH1IsDropped) {
  // Unclosed markup puts the byline and its date inside the <h1>.
  EXPECT_EQ(Title(Page("<meta property=\"og:title\" content=\"Ferry timetable changes for summer\">",
                       "<h1>Ferry timetable changes for summer<div></div><h3>Posted on July 1, 2031 by Ann Lee</h3>"
                       "</h1>")),
            "Ferry timetable changes for summer");
  // Without a date it may be part of the headline.
  EXPECT_EQ(Title(Page("<meta property=\"og:title\" content=\"Ferry timetable changes\">",
                       "<h1>Ferry timetable changes by the harbour committee and the council</h1>")),
            "Ferry timetable changes by the harbour committee and the council");
}

TEST(ArticleHeadline, H1WithCharactersLostToEncodingGivesWayToTheStatedTitle) {
  EXPECT_EQ(Title(Page("<meta property=\"og:title\" content=\"Ferry timetable changes: the harbour’s new plan\">",
                       "<h1>Ferry timetable changes? the harbour?s new plan</h1>")),
            "Ferry timetable changes: the harbour’s new plan");
  EXPECT_EQ(Title(Page("<meta property=\"og:title\" content=\"Ferry timetable: the harbour's new plan\">",
                       "<h1>Ferry timetable: the harbour\xEF\xBF\xBDs new plan</h1>")),
            "Ferry timetable: the harbour's new plan");
  // A real question in the <h1> with other words stays.
  EXPECT_EQ(Title(Page("<meta property=\"og:title\" content=\"Ferry timetable changes: fewer boats\">",
                       "<h1>Ferry timetable changes? More boats at weekends</h1>")),
            "Ferry timetable changes? More boats at weekends");
}

TEST(ArticleHeadline, H1IsTheHeadOfALongerStatedTitle) {
  EXPECT_EQ(Title(Page("<title>What is a ferry pass? Our 2031 guide | Harbour Herald</title>",
                       "<h1>What is a ferry pass?</h1>")),
            "What is a ferry pass?");
  // After a colon the <h1> is a blog's name, not the headline.
  EXPECT_EQ(Title(Page("<title>Quay Notes: Ferry timetable changes for summer</title>", "<h1>Quay Notes</h1>")),
            "Quay Notes: Ferry timetable changes for summer");
}

TEST(ArticleHeadline, PublisherNameIsNotTheHeadline) {
  const std::string ld =
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Ferry timetable changes\","
      "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Quay Notes Weekly\"}}</script>"
      "<title>Ferry timetable changes - Quay Notes Weekly</title>";
  EXPECT_EQ(Title(Page(ld, "<h1>Quay Notes Weekly</h1><h1>Ferry timetable changes</h1>")), "Ferry timetable changes");
}

TEST(ArticleHeadline, SiteNameWithASeparatorIsRemovedWhole) {
  EXPECT_EQ(article::StripSiteName("Ferry timetable changes - Blog - Harbour Council", "Blog - Harbour Council"),
            "Ferry timetable changes");
  // The <h1> can carry the site name too.
  EXPECT_EQ(Title(Page("<meta property=\"og:site_name\" content=\"Harbour Herald\">"
                       "<title>Ferry timetable changes for summer – Harbour Herald</title>",
                       "<h1>Ferry timetable changes for summer – Harbour Herald</h1>")),
            "Ferry timetable changes for summer");
}

TEST(ArticleHeadline, EntitiesInJsonLdHeadlineAreDecoded) {
  EXPECT_EQ(Title(Page("<script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":"
                       "\"Ferry timetable &bull; Harbour Herald\"}</script>"
                       "<meta property=\"og:site_name\" content=\"Harbour Herald\">",
                       "")),
            "Ferry timetable");
}

TEST(ArticleHeadline, StatedTitlesVote) {
  HeadlineSources s;
  s.structured = "Timetable";
  s.stated = "Ferry timetable changes for summer";
  s.title_tag = "Ferry timetable changes for summer";
  EXPECT_EQ(PickHeadline(s), "Ferry timetable changes for summer");
  s.title_tag = "Something else entirely";
  EXPECT_EQ(PickHeadline(s), "Timetable");  // no majority: JSON-LD first
}

TEST(ArticleHeadline, DoubleEncodedUtf8IsRepaired) {
  // "’" written as UTF-8, read as Windows-1252 / Latin-1 and written again.
  EXPECT_EQ(article::RepairDoubleEncoding("Investor\xC3\xA2\xC2\x80\xC2\x99s guide"), "Investor\u2019s guide");
  EXPECT_EQ(article::RepairDoubleEncoding("Investor\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s guide"), "Investor\u2019s guide");
  // Real accents stay.
  EXPECT_EQ(article::RepairDoubleEncoding("Caf\u00e9 na\u00efve"), "Caf\u00e9 na\u00efve");
  EXPECT_EQ(article::RepairDoubleEncoding("\u6771\u4eac"), "\u6771\u4eac");
  // Sequence by sequence: the page's own no-break space or accent beside
  // the mojibake does not stop the repair.
  EXPECT_EQ(
      article::RepairDoubleEncoding("Caf\u00e9\u00a0it\xC3\xA2\xC2\x80\xC2\x99s open \xC3\xA2\xC2\x80\xC2\x94 daily"),
      "Caf\u00e9\u00a0it\u2019s open \u2014 daily");
  // Cyrillic read as Latin-1: "Ð¿Ñ\u0080Ð¸" is "при".
  EXPECT_EQ(article::RepairDoubleEncoding("\u00d0\u00bf\u00d1\u0080\u00d0\u00b8"), "\u043f\u0440\u0438");
  // Two real characters that happen to decode, to a script no Latin-1
  // reader produces, stay: "„Spaß“" is German quotation, not mojibake.
  EXPECT_EQ(article::RepairDoubleEncoding("\u201eSpa\u00df\u201c"), "\u201eSpa\u00df\u201c");
  // The HTML parser turns C1 controls into U+FFFD, so pages keep only the
  // Windows-1252 form.
  EXPECT_EQ(Title(Page("", "<h1>A reader\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s guide to ferry passes</h1>")),
            "A reader\u2019s guide to ferry passes");
}

}  // namespace
}  // namespace newsmon
