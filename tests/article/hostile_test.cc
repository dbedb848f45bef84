// Pages built to hurt: each must end in a result or a clear error.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>

#include "article/extractor.h"
#include "article/page_guard.h"
#include "fixture.h"

namespace newsmon {
namespace {

const std::string kStory =
    "<p>The story paragraph is long enough to be read as text, with commas, clauses, and a full stop.</p>";

TEST(ArticleHostile, EmptyPageIsAnError) {
  auto a = ExtractArticle("", {});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(ExtractArticle(" \n\t ", {}).ok());
}

TEST(ArticleHostile, BinaryServedAsHtmlIsAnError) {
  std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
  auto a = ExtractArticle(png, {.url = "", .content_type = "text/html"});
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message.find("binary"), std::string::npos);
  std::string noise(8192, '\0');
  for (size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<char>((i * 7919) % 256);
  EXPECT_FALSE(ExtractArticle(noise, {}).ok());
}

TEST(ArticleHostile, DeepNestingIsFlattenedNotFatal) {
  constexpr int kDepth = 200000;
  std::string page = "<html><body>";
  for (int i = 0; i < kDepth; ++i) page += "<div>";
  page += kStory;
  for (int i = 0; i < kDepth; ++i) page += "</div>";
  page += "</body></html>";
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  EXPECT_NE(testing::Joined(*a).find("The story paragraph"), std::string::npos);
}

TEST(ArticleHostile, DeepInlineAndTableNesting) {
  std::string page = "<html><body>";
  for (int i = 0; i < 50000; ++i) page += "<span><table><tr><td><b><i>";
  page += kStory;
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
}

// The <svg> drawing is dropped before the parse; a page of nested or
// unclosed <svg>s must not make that search quadratic, and the story after
// them stays.
TEST(ArticleHostile, ManySvgsNestedOrUnclosed) {
  std::string nested = "<html><body>";
  for (int i = 0; i < 100000; ++i) nested += "<svg><path d='M0 0'/>";
  nested += "</svg>" + std::string(kStory);
  auto a = ExtractArticle(nested, {});
  ASSERT_TRUE(a.ok());
  std::string unclosed = "<html><body>" + std::string(kStory);
  for (int i = 0; i < 100000; ++i) unclosed += "<svg>";
  auto b = ExtractArticle(unclosed, {});
  ASSERT_TRUE(b.ok());
  EXPECT_NE(testing::Joined(*b).find("The story paragraph"), std::string::npos);
}

TEST(ArticleHostile, LimitNestingKeepsShallowPagesUntouched) {
  EXPECT_FALSE(article::LimitNesting("<div><p>a<p>b</div><br><img>", 3).has_value());
  auto cut = article::LimitNesting("<div><div><div>x</div></div></div>", 2);
  ASSERT_TRUE(cut.has_value());
  EXPECT_EQ(*cut, "<div><div>x</div></div>");
  // Tags inside scripts and comments are not counted.
  EXPECT_FALSE(article::LimitNesting("<script><div><div><div></script><!-- <div><div> -->", 1).has_value());
}

TEST(ArticleHostile, HugePageIsBounded) {
  // About 50 MB: the extractor reads a bounded prefix and still finds the story.
  std::string page = "<html><body><div class='content'>" + kStory + kStory;
  const std::string filler = "<div class='x'><span>filler text without much meaning</span></div>\n";
  while (page.size() < (50u << 20)) page += filler;
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  EXPECT_NE(testing::Joined(*a).find("The story paragraph"), std::string::npos);
}

TEST(ArticleHostile, BrokenCharsetsStillGiveValidUtf8) {
  std::string page = "<html><head><meta charset='utf-8'></head><body><p>";
  for (int i = 0; i < 200; ++i) page += "ok \xC3\x28 \xF0\x9F \xFF ";
  page += "</p>" + kStory + "</body></html>";
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  const std::string json = ArticleToJson(*a);  // would throw on invalid UTF-8
  EXPECT_NE(json.find("The story paragraph"), std::string::npos);
  auto b = ExtractArticle(page, {.url = "", .content_type = "text/html; charset=\"\"; charset=utf-16"});
  EXPECT_TRUE(b.ok() || !b.error().message.empty());
}

TEST(ArticleHostile, MalformedJsonLdAndMetaAreIgnored) {
  std::string page =
      "<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": [[[[</script>"
      "<script type='application/ld+json'>";
  for (int i = 0; i < 10000; ++i) page += "{\"@graph\":[";
  page +=
      "</script><meta property='article:published_time' content='not a date'></head><body>" + kStory + "</body></html>";
  auto a = ExtractArticle(page, {});
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->published.has_value());
}

TEST(ArticleCli, ExtractPrintsOneJsonObject) {
  const std::string cmd = std::string(NEWSMON_BINARY) + " extract " + NEWSMON_SOURCE_DIR +
                          "/tests/article/fixtures/time_byline.html --url https://town.example/a 2>&1";
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(cmd.c_str(), "r"), &pclose);
  ASSERT_TRUE(pipe);
  std::string out;
  std::array<char, 4096> buf;
  while (size_t n = fread(buf.data(), 1, buf.size(), pipe.get())) out.append(buf.data(), n);
  EXPECT_NE(out.find("\"title\":\"Night market returns to the old square\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"byline\":\"Jonas Feld, Carla Ruiz\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"canonical_url\":\"https://town.example/a\""), std::string::npos) << out;
}

}  // namespace
}  // namespace newsmon

namespace newsmon {
namespace {

TEST(ArticleHostile, SelfClosingDivsStillNest) {
  // In HTML "<div/>" opens a div: the depth limit must count it.
  std::string page = "<html><body>";
  for (int i = 0; i < 100000; ++i) page += "<div/>";
  page += "<p>The story paragraph is long enough to be read as text, with commas, clauses, and more.</p>";
  auto cut = article::LimitNesting(page, 50);
  ASSERT_TRUE(cut.has_value());
  EXPECT_LT(cut->size(), page.size() / 2);
  // SVG's self-closing shapes do not nest.
  EXPECT_FALSE(article::LimitNesting("<svg><path/><path/><path/><path/></svg><div></div>", 2).has_value());
  // A page that ends inside a tag is not rescanned for every '<'.
  EXPECT_FALSE(article::LimitNesting(std::string(1 << 20, '<'), 5).has_value());
}

}  // namespace
}  // namespace newsmon
