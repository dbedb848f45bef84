// Story bodies on pages built by page builders and utility-class frameworks:
// deep single-child wrappers, layout words in every class, and "hidden" in
// class names that do not hide anything.
#include <gtest/gtest.h>

#include <string>

#include "article/extractor.h"
#include "fixture.h"

namespace newsmon {
namespace {

using testing::Joined;

std::string Paragraph(int i) {
  return "<p>The harbour board approved the new ferry timetable for line " + std::to_string(i) +
         " on Monday, after months of talks with the unions, and the first boats run in April.</p>";
}

// Every paragraph sits alone in its own section, five wrappers deep, as page
// builders lay out a post. Counted level by level, no ancestor gathers the
// sections, and a comma-rich bio box elsewhere on the page wins.
TEST(ArticleBodyLayout, SectionsBehindSingleChildWrappersAreOneStory) {
  std::string sections;
  for (int i = 0; i < 8; ++i) {
    sections +=
        "<section class='pb-section'><div class='pb-container'><div class='pb-column'><div class='pb-wrap'>"
        "<div class='pb-element'><div class='pb-text'><p>The harbour board approved the new ferry timetable for line " +
        std::to_string(i) +
        " on Monday after months of talks with the unions and the first boats run in April.</p>"
        "</div></div></div></div></div></section>";
  }
  const std::string bio =
      "<p>Mara Lindqvist covers transport, ports, shipping, fisheries, trade, energy, labour, housing, and the "
      "regional economy, and has written for the paper since 2019.</p>"
      "<p>Before that she reported from Oslo, Riga, Tallinn, Helsinki, and Gdansk, on ferries, terminals, fleets, "
      "unions, and courts, and she won two awards for it.</p>"
      "<p>She studied in Bergen, Uppsala, and Kiel, speaks Swedish, Norwegian, German, Latvian, and English, and "
      "sails, cycles, and climbs.</p>";
  std::string more = "<ul>";
  for (int i = 0; i < 12; ++i) {
    more += "<li><a href='/t" + std::to_string(i) + "'>More stories on topic " + std::to_string(i) + "</a></li>";
  }
  more += "</ul>";
  const std::string page = "<html><body><div class='site'><div class='pb-page'>" + sections +
                           "</div></div><div class='site-more'><div class='pb-profile'>" + bio + "</div>" + more +
                           "</div></body></html>";
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  const std::string text = Joined(*a);
  EXPECT_NE(text.find("line 0 "), std::string::npos);
  EXPECT_NE(text.find("line 7 "), std::string::npos);
}

// "widget" names a sidebar box on some pages and every block of the layout on
// others; on the second kind it says nothing about the story.
TEST(ArticleBodyLayout, LayoutWordOnEveryBlockDoesNotRemoveTheStory) {
  std::string blocks =
      "<div class='intro'>" + Paragraph(100) + Paragraph(101) + Paragraph(102) + Paragraph(103) + "</div>";
  for (int i = 0; i < 16; ++i) {
    blocks += "<div class='pb-widget'><div class='pb-widget-body'>" + Paragraph(i) + "</div></div>";
  }
  const std::string page = "<html><body><div class='entry'>" + blocks + "</div></body></html>";
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->paragraphs.size(), 20u);
}

// A long run of prose in a box with a layout word in its class ("media") is
// story; a box named for a role (an author bio) is not, however long.
TEST(ArticleBodyLayout, LongProseSurvivesALayoutWordButNotARoleWord) {
  std::string prose;
  for (int i = 0; i < 6; ++i) prose += Paragraph(10 + i);
  const std::string page = "<html><body><div class='post'>" + Paragraph(0) + Paragraph(1) + Paragraph(2) +
                           "<div class='media-block'>" + prose + "</div><div class='author-details'>" + Paragraph(20) +
                           Paragraph(21) + Paragraph(22) + Paragraph(23) + Paragraph(24) + Paragraph(25) +
                           "</div></div></body></html>";
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  const std::string text = Joined(*a);
  EXPECT_NE(text.find("line 0 "), std::string::npos);
  EXPECT_NE(text.find("line 12 "), std::string::npos);
  EXPECT_EQ(text.find("line 22 "), std::string::npos);
}

// Utility classes: "overflow-hidden" clips, "hidden md:block" shows from a
// width on. Neither marks the story as hidden.
TEST(ArticleBodyLayout, UtilityClassesWithHiddenKeepTheStory) {
  std::string prose;
  for (int i = 0; i < 6; ++i) prose += Paragraph(i);
  const std::string page =
      "<html><body><div class='flex flex-col'><div class='flex-1 overflow-hidden'><div class='prose'>" + prose +
      "</div></div><div class='hidden md:block'>" + Paragraph(30) + Paragraph(31) +
      "</div></div><div class='hidden'><p>Sign in to keep reading, with an account you can create in a minute or "
      "two, for free.</p></div></body></html>";
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  const std::string text = Joined(*a);
  EXPECT_NE(text.find("line 0 "), std::string::npos);
  EXPECT_NE(text.find("line 30 "), std::string::npos);
  EXPECT_EQ(text.find("Sign in"), std::string::npos);
}

}  // namespace
}  // namespace newsmon
