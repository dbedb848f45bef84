#include <gtest/gtest.h>

#include "article/extractor.h"
#include "fixture.h"

namespace newsmon {
namespace {

using testing::Joined;
using testing::ReadFixture;

class ArticleBody : public ::testing::Test {
 protected:
  void SetUp() override {
    auto a = ExtractArticle(ReadFixture("jsonld_graph.html"), {.url = "https://courier.example/x", .content_type = ""});
    ASSERT_TRUE(a.ok());
    article_ = *a;
    text_ = Joined(article_);
  }
  bool Has(const std::string& s) const { return text_.find(s) != std::string::npos; }
  Article article_;
  std::string text_;
};

TEST_F(ArticleBody, KeepsStoryParagraphsInOrder) {
  ASSERT_GE(article_.paragraphs.size(), 5u);
  EXPECT_TRUE(article_.paragraphs.front().starts_with("The old harbour bridge reopened"));
  EXPECT_TRUE(article_.paragraphs.back().starts_with("The council will review"));
}

TEST_F(ArticleBody, KeepsSubheadingsBlockQuotesAndLists) {
  EXPECT_TRUE(Has("What changed on the bridge\n"));
  EXPECT_TRUE(Has("We would rather close a bridge"));
  EXPECT_TRUE(Has("Two new steel girders"));
  EXPECT_TRUE(Has("Forty strain sensors"));
}

TEST_F(ArticleBody, LeavesOutTheHeadline) { EXPECT_FALSE(Has("Harbour bridge reopens after repairs")); }
TEST_F(ArticleBody, LeavesOutNavigation) { EXPECT_FALSE(Has("Sport")); }
TEST_F(ArticleBody, LeavesOutCookieNotice) { EXPECT_FALSE(Has("cookies")); }
TEST_F(ArticleBody, LeavesOutShareBar) { EXPECT_FALSE(Has("Share on Facebook")); }
TEST_F(ArticleBody, LeavesOutCaption) { EXPECT_FALSE(Has("Workers finish painting")); }
TEST_F(ArticleBody, LeavesOutNewsletterBox) { EXPECT_FALSE(Has("morning briefing")); }
TEST_F(ArticleBody, LeavesOutAds) { EXPECT_FALSE(Has("garden furniture")); }
TEST_F(ArticleBody, LeavesOutRelatedLinks) { EXPECT_FALSE(Has("Ferry timetable")); }
TEST_F(ArticleBody, LeavesOutComments) { EXPECT_FALSE(Has("took them long enough")); }
TEST_F(ArticleBody, LeavesOutFooter) { EXPECT_FALSE(Has("Copyright")); }

TEST(ArticleBodyHidden, HiddenElementsAreNotStoryText) {
  const std::string page =
      "<html><body><div class='text'>"
      "<p>The first paragraph is long enough to count as story text, with commas, clauses, and more.</p>"
      "<p style='display: none'>This paragraph is hidden from readers, so it is not story text at all.</p>"
      "<p>The second paragraph is also long enough to count as story text, with commas, and so on.</p>"
      "</div></body></html>";
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->paragraphs.size(), 2u);
  EXPECT_EQ(Joined(*a).find("hidden from readers"), std::string::npos);
}

TEST(ArticleBodyHidden, ReactStreamedSegmentsAreTheStoryTheyWillShow) {
  // The visible page holds a glossary box; the story arrives in a streamed
  // segment that a script moves into its placeholder.
  std::string story;
  for (int i = 0; i < 6; ++i) {
    story +=
        "<p>The harbour board approved the new ferry timetable on Monday, after months of talks with the "
        "unions, and the first boats will run in April from the old pier.</p>";
  }
  const std::string page =
      "<html><body><main><h1>Ferry timetable approved</h1><template id='P:0'></template>"
      "<div class='glossary'><h3>Timetable</h3><p>A list of the times at which boats leave, for travellers "
      "and for the crews who work the routes.</p><h3>About the author</h3><p>Ann Lee has covered the harbour, "
      "its boards, its unions and its boats for twenty years, first for the evening paper and then for this "
      "site, and she has won two regional prizes for her reporting on the port's finances and on the ferry "
      "strikes of the last decade, which she followed from the first meeting to the last vote. Before that she "
      "taught history at the harbour school, where she still runs a club for young writers on Thursdays, and "
      "she is writing a book about the ferries that crossed the bay before the bridge was built.</p></div></main>"
      "<div hidden id='S:0'><div class='prose'>" +
      story +
      "</div></div><div hidden id='menu'><p>This hidden menu text is not shown to readers, now or later, and "
      "is no part of the story.</p></div><script>$RS('S:0','P:0')</script></body></html>";
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  const std::string text = Joined(*a);
  EXPECT_NE(text.find("the first boats will run in April"), std::string::npos) << text;
  EXPECT_EQ(text.find("hidden menu text"), std::string::npos) << text;
}

// Enough visible story text that no retry keeps hidden parts.
std::string VisibleIntro() {
  std::string intro;
  for (int i = 0; i < 4; ++i) {
    intro +=
        "<p>The harbour works run in four steps this spring, the board said on Monday, and each step closes one "
        "part of the port for a few weeks while the ferries keep running from the other quays.</p>";
  }
  return intro;
}

TEST(ArticleBodyHidden, CollapsedAccordionPanelsAreStoryText) {
  const std::string intro = VisibleIntro();
  std::string sections;
  for (int i = 0; i < 4; ++i) {
    const std::string n = std::to_string(i);
    sections += "<h2><button id='b" + n + "' aria-controls='s" + n + "'>Step " + n + "</button></h2>" + "<div id='s" +
                n + "' role='region' aria-labelledby='b" + n + "' style='display:none'><p>Step " + n +
                " of the harbour works: the board closes the old pier, moves the ferries to the north quay, and "
                "opens the new waiting room, with ramps, benches and a ticket office.</p></div>";
  }
  const std::string page =
      "<html><body><nav style='display:none'><p>Menu: ferries, timetables, fares, contact, about the board.</p>"
      "</nav><article>" +
      intro + sections +
      "<div hidden='until-found'><p>Fares stay the same during the works, and season tickets remain "
      "valid on every boat that runs from the north quay.</p></div></article></body></html>";
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  const std::string text = Joined(*a);
  EXPECT_NE(text.find("Step 3 of the harbour works"), std::string::npos) << text;
  EXPECT_NE(text.find("season tickets remain valid"), std::string::npos) << text;
  EXPECT_EQ(text.find("Menu: ferries"), std::string::npos) << text;
}

TEST(ArticleBodyHidden, PanelsOfDisclosureButtonsAreStoryText) {
  const std::string intro = VisibleIntro();
  const std::string page =
      "<html><body><button aria-expanded='false' aria-controls='menu'>Menu</button>"
      "<div id='menu' hidden><ul><li><a href='/a'>Ferries</a></li><li><a href='/b'>Timetables</a></li>"
      "<li><a href='/c'>Fares and season tickets for every route</a></li></ul></div><article>" +
      intro +
      // Named by aria-controls.
      "<h3><button aria-expanded='false' aria-controls='faq-1'>Do fares change?</button></h3>"
      "<div id='faq-1' aria-hidden='true' style='height:0;overflow:hidden'><p>Fares stay the same during the "
      "works, and season tickets remain valid on every boat that runs from the north quay.</p></div>"
      // Right after its button, with no id.
      "<h3><button aria-expanded='false'>Where do I board?</button></h3><div hidden><p>Boats leave from the "
      "north quay, where a temporary waiting room with benches and a ticket desk opens in March.</p></div>"
      "<div hidden><p>This hidden notice belongs to no button and is no part of the story.</p></div>"
      "</article></body></html>";
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  const std::string text = Joined(*a);
  EXPECT_NE(text.find("season tickets remain valid"), std::string::npos) << text;
  EXPECT_NE(text.find("temporary waiting room"), std::string::npos) << text;
  EXPECT_EQ(text.find("hidden notice"), std::string::npos) << text;
  EXPECT_EQ(text.find("Timetables"), std::string::npos) << text;
}

TEST(ArticleBodySidebar, SidebarLinkListIsLeftOut) {
  auto a = ExtractArticle(ReadFixture("time_byline.html"), {});
  ASSERT_TRUE(a.ok());
  const std::string text = Joined(*a);
  EXPECT_NE(text.find("stall fees would stay the same"), std::string::npos);
  EXPECT_EQ(text.find("Most read"), std::string::npos);
  EXPECT_EQ(text.find("Council approves budget"), std::string::npos);
}

TEST(ArticleBodyMarkup, MainLeftInsideAnUnclosedAsideIsStillTheStory) {
  const std::string page =
      "<html><body><aside class='announcement'><p>Join our webinar.</p>"
      "<main><article><p>The harbour board approved the new ferry timetable on Monday, after months of talks "
      "with the unions, and the first boats will run in April.</p>"
      "<p>Passengers will be able to buy tickets on board again, the board said, and fares stay the same.</p>"
      "</article></main></body></html>";
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  EXPECT_NE(Joined(*a).find("ferry timetable"), std::string::npos);
}

// A writer's bio is comma-rich prose and can outscore a story told in plain
// short sentences; its box is never the story.
TEST(ArticleBodyMarkup, AuthorBoxIsLeftOut) {
  std::string story;
  for (int i = 0; i < 6; ++i) {
    story += "<p>The harbour board approved the new ferry timetable on Monday and the first boats run in April " +
             std::to_string(i) + ".</p>";
  }
  const std::string page =
      "<html><body><div class='post'>" + story +
      "</div><div class='author-box'><p>Mara Lindqvist covers transport, ports, shipping, fisheries, trade, "
      "energy, labour, housing, and the regional economy, and has written for the paper since 2019, with stints "
      "in Oslo, Riga, Tallinn, Helsinki, and Gdansk, where she reported on ferries, terminals, fleets, unions, "
      "and courts, for which she won two awards.</p></div></body></html>";
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  const std::string text = Joined(*a);
  EXPECT_NE(text.find("ferry timetable"), std::string::npos);
  EXPECT_EQ(text.find("covers transport"), std::string::npos);
}

// Pages that were double-encoded on their way into the CMS show "itâ€™s";
// the story's text is what the writer typed.
TEST(ArticleBodyMarkup, DoubleEncodedParagraphsAreRepaired) {
  std::string story;
  for (int i = 0; i < 4; ++i) {
    story +=
        "<p>The harbour board\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s new ferry timetable starts in April "
        "\xC3\xA2\xE2\x82\xAC\xE2\x80\x9C with boats every hour, the board said on Monday, and fares stay "
        "the same.</p>";
  }
  auto a = ExtractArticle("<html><body><article>" + story + "</article></body></html>", {});
  ASSERT_TRUE(a.ok());
  const std::string text = Joined(*a);
  EXPECT_NE(text.find("The harbour board\u2019s new ferry timetable starts in April \u2013 with boats"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("\xC3\xA2"), std::string::npos) << text;
}

TEST(ArticleBodyJson, JsonHasAllFields) {
  auto a = ExtractArticle(ReadFixture("opengraph.html"), {});
  ASSERT_TRUE(a.ok());
  const std::string json = ArticleToJson(*a);
  for (const char* field : {"\"title\"", "\"byline\"", "\"published\"", "\"language\"", "\"canonical_url\"",
                            "\"paragraphs\"", "\"text\""}) {
    EXPECT_NE(json.find(field), std::string::npos) << field;
  }
  EXPECT_NE(json.find("\"2030-05-11T06:15:00+02:00\""), std::string::npos);
}

}  // namespace
}  // namespace newsmon
