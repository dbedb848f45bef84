// Plain-text stories as `newsmon match`, topic examples and labelled sets read them.
#include "app/story_files.h"

#include <gtest/gtest.h>

namespace newsmon {
namespace {

TEST(StoryFilesTest, TitleLineThenBodyWithOneParagraphPerLine) {
  const TextStory s = ParseStoryText("EU adopts sanctions\n\nFirst paragraph.\nSecond paragraph.\n");
  EXPECT_EQ(s.title, "EU adopts sanctions");
  EXPECT_EQ(s.body, "First paragraph.\n\nSecond paragraph.");
}

TEST(StoryFilesTest, BlankLinesSeparateParagraphsWhenTheBodyHasThem) {
  const TextStory s = ParseStoryText("Title\n\nA paragraph\nwrapped over lines.\n\nAnother.\n\n");
  EXPECT_EQ(s.title, "Title");
  EXPECT_EQ(s.body, "A paragraph\nwrapped over lines.\n\nAnother.");
}

TEST(StoryFilesTest, NoBlankLineAfterTheFirstLineMeansNoTitle) {
  const TextStory s = ParseStoryText("Brussels, Monday. The council agreed.\nDiplomats said more.\n");
  EXPECT_EQ(s.title, "");
  EXPECT_EQ(s.body, "Brussels, Monday. The council agreed.\n\nDiplomats said more.");
}

TEST(StoryFilesTest, WindowsLineEndsByteOrderMarkAndEmptyText) {
  const TextStory s = ParseStoryText("\xEF\xBB\xBFTitle\r\n\r\nBody one.\r\nBody two.\r\n");
  EXPECT_EQ(s.title, "Title");
  EXPECT_EQ(s.body, "Body one.\n\nBody two.");
  EXPECT_EQ(ParseStoryText("").body, "");
  EXPECT_EQ(ParseStoryText("\n\n\n").title, "");
  EXPECT_EQ(StoryBodyText("  one  \n  two\n"), "one\n\ntwo");
}

TEST(StoryFilesTest, FeedsGiveOneDocumentPerEntry) {
  const std::string feed =
      "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
      "<item><title>A</title><description>one</description></item>"
      "<item><title>B</title><description>two</description></item></channel></rss>";
  const auto docs = LoadStoryDocuments("f.xml", feed);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].name, "f.xml#0");
  EXPECT_EQ(docs[1].title, "B");
  const auto text = LoadStoryDocuments("s.txt", "T\n\nBody");
  ASSERT_EQ(text.size(), 1u);
  EXPECT_EQ(text[0].title, "T");
}

}  // namespace
}  // namespace newsmon
