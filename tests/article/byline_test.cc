#include "article/byline.h"

#include <gtest/gtest.h>

#include <string>

#include "article/extractor.h"

namespace newsmon {
namespace {

using article::IsPageChrome;
using article::IsSiteName;
using article::LooksLikePersonName;
using article::SiteNameKeys;

TEST(ArticleByline, SiteNamesComeFromStatedNamesAndTheHost) {
  const auto keys = SiteNameKeys({"The Harbour Courier"}, "https://www.harbourcourier.co.uk/news/1");
  EXPECT_TRUE(IsSiteName("The Harbour Courier", keys));
  EXPECT_TRUE(IsSiteName("HARBOURCOURIER", keys));
  EXPECT_TRUE(IsSiteName("Harbourcourier Staff", keys));
  EXPECT_FALSE(IsSiteName("Mara Lindqvist", keys));
  EXPECT_FALSE(IsSiteName("co", keys));  // the public suffix is not a name
  // A personal site named after its writer: the name is still a person's.
  EXPECT_FALSE(IsSiteName("Mara Lindqvist", SiteNameKeys({}, "https://maralindqvist.example/post")));
}

TEST(ArticleByline, PersonNamesHaveCapitalisedWords) {
  EXPECT_TRUE(LooksLikePersonName("Mara Lindqvist"));
  EXPECT_TRUE(LooksLikePersonName("Jean-Luc Moreau"));
  EXPECT_FALSE(LooksLikePersonName("Lindqvist"));
  EXPECT_FALSE(LooksLikePersonName("USA TODAY"));
  EXPECT_FALSE(LooksLikePersonName("Harbour Heart Foundation"));
  EXPECT_FALSE(LooksLikePersonName("The Harbour Courier"));
}

TEST(ArticleByline, ChromeIsNobody) {
  for (const char* chrome : {"Log in", "Learn More", "Written By", "YouTube", "Bluesky", "Sat", "Name *",
                             "page.head.extra.author", "{{ author }}", "industry, role"}) {
    EXPECT_TRUE(IsPageChrome(chrome)) << chrome;
  }
  for (const char* name : {"Mara Lindqvist", "kirstin moreau", "whova", "jane.doe@courier.example", "Anonymous"}) {
    EXPECT_FALSE(IsPageChrome(name)) << name;
  }
}

std::string Byline(const std::string& head, const std::string& body, const std::string& url) {
  auto a = ExtractArticle("<html><head>" + head + "</head><body>" + body +
                              "<article><p>The council approved the harbour budget on Monday after a long "
                              "debate, and work is due to start in the spring.</p></article></body></html>",
                          {.url = url, .content_type = ""});
  if (!a.ok()) return "(error)";
  std::string out;
  for (const auto& n : a->authors) out += (out.empty() ? "" : ", ") + n;
  return out;
}

TEST(ArticleByline, TheOutletYieldsToAPersonNamedAsAuthor) {
  const std::string head = R"(<meta property="og:site_name" content="Harbour Courier">)"
                           R"(<script type="application/ld+json">{"@type":"NewsArticle","headline":"Budget",)"
                           R"("author":{"@type":"Organization","name":"Harbour Courier"}}</script>)";
  EXPECT_EQ(Byline(head, "<p class=byline>By Mara Lindqvist</p>", "https://harbourcourier.example/a"),
            "Mara Lindqvist");
  // Nobody else named: the outlet stands.
  EXPECT_EQ(Byline(head, "", "https://harbourcourier.example/a"), "Harbour Courier");
  // Names in a menu that sorts stories "By Industry" are no byline.
  EXPECT_EQ(Byline(head, "<nav><ul><li><p>By Industry Type</p></li></ul></nav>", "https://harbourcourier.example/a"),
            "Harbour Courier");
}

TEST(ArticleByline, ChromeInTheAuthorSlotIsPassedOver) {
  EXPECT_EQ(Byline(R"(<meta name="author" content="YouTube">)", "<p>By Ines Moreau</p>", "https://news.example/a"),
            "Ines Moreau");
  EXPECT_EQ(Byline(R"(<meta name="author" content="Learn More">)", "", "https://news.example/a"), "");
}

}  // namespace
}  // namespace newsmon
