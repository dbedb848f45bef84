// The libxml2-backed Dom: what the extractor's passes rely on, and where
// libxml2's HTML4-era parser had to be corrected towards HTML5 trees.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "article/dom.h"
#include "article/tag_repair.h"

namespace newsmon::article {
namespace {

Dom MustParse(const std::string& html) {
  auto dom = Dom::Parse(html);
  EXPECT_TRUE(dom.ok());
  return std::move(*dom);
}

// Index of the first element with this tag; fails the test when absent.
int FindOrFail(const Dom& dom, GumboTag tag) {
  const int i = dom.Find(tag);
  EXPECT_GE(i, 0) << gumbo_normalized_tagname(tag);
  return i;
}

TEST(ArticleDom, MetaCharsetDoesNotDecodeTheUtf8PageAgain) {
  // charset.cc already turned the page into UTF-8; a second decoding as
  // windows-1251 would turn every Cyrillic letter into two.
  const std::string word = "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82";  // "Привет"
  for (const std::string head : {"<meta charset=\"windows-1251\">",
                                 "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
                                 "<meta charset=\"iso-8859-1\">"}) {
    const Dom dom = MustParse("<html><head>" + head + "</head><body><p>" + word + "</p></body></html>");
    EXPECT_EQ(dom.CollapsedText(FindOrFail(dom, GUMBO_TAG_P)), word) << head;
  }
}

TEST(ArticleDom, DeepNestingIsCappedAndBounded) {
  constexpr int kDepth = 100000;
  std::string page = "<html><body>";
  for (int i = 0; i < kDepth; ++i) page += "<div>";
  page += "<p>deep text</p>";
  for (int i = 0; i < kDepth; ++i) page += "</div>";
  page += "<p>after</p></body></html>";
  const auto start = std::chrono::steady_clock::now();
  {
    const Dom dom = MustParse(page);
    int max_depth = 0;
    for (int i = 0; i < dom.size(); ++i) max_depth = std::max(max_depth, dom.node(i).depth);
    EXPECT_LE(max_depth, Dom::kMaxDepth + 1);
    const std::string text = dom.CollapsedText(0);
    EXPECT_NE(text.find("deep text"), std::string::npos);
    EXPECT_NE(text.find("after"), std::string::npos);
  }  // freeing the 100 000-deep libxml2 tree must not overflow the stack either
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

TEST(ArticleDom, DeepUnclosedInlineNestingIsBounded) {
  std::string page = "<html><body>";
  for (int i = 0; i < 30000; ++i) page += "<span><b><i>";
  page += "<p>text</p>";
  for (int i = 0; i < 30000; ++i) page += "</em>";
  const auto start = std::chrono::steady_clock::now();
  const Dom dom = MustParse(page);
  EXPECT_GT(dom.size(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

TEST(ArticleDom, AttributesDecodeEntities) {
  const Dom dom = MustParse(
      "<a href=\"/x?a=1&amp;b=2\" title=\"caf&eacute; &#x263A; &lt;b&gt; &quot;q&quot;\" data-raw=a&amp;b>x</a>");
  const int a = FindOrFail(dom, GUMBO_TAG_A);
  EXPECT_EQ(dom.Attr(a, "href"), "/x?a=1&b=2");
  EXPECT_EQ(dom.Attr(a, "title"), "caf\xC3\xA9 \xE2\x98\xBA <b> \"q\"");
  EXPECT_EQ(dom.Attr(a, "data-raw"), "a&b");
  EXPECT_EQ(dom.Attr(a, "missing"), "");
  EXPECT_FALSE(dom.HasAttr(a, "missing"));
}

TEST(ArticleDom, ValuelessAttributesArePresentAndEmpty) {
  const Dom dom = MustParse("<div hidden><p>x</p></div>");
  const int div = FindOrFail(dom, GUMBO_TAG_DIV);
  EXPECT_TRUE(dom.HasAttr(div, "hidden"));
  EXPECT_EQ(dom.Attr(div, "hidden"), "");
}

TEST(ArticleDom, UpperCaseTagsAndAttributes) {
  const Dom dom =
      MustParse("<HTML><BODY><DIV CLASS=\"Lead\" Data-Id=7><P>Text</P><My-Widget>w</My-Widget></DIV></BODY>");
  const int div = FindOrFail(dom, GUMBO_TAG_DIV);
  EXPECT_EQ(dom.TagName(div), "div");
  EXPECT_EQ(dom.Attr(div, "class"), "Lead");  // the value keeps its case
  EXPECT_EQ(dom.Attr(div, "CLASS"), "Lead");
  EXPECT_EQ(dom.Attr(div, "data-id"), "7");
  EXPECT_EQ(dom.CollapsedText(FindOrFail(dom, GUMBO_TAG_P)), "Text");
  bool widget = false;
  for (int i = 0; i < dom.size(); ++i) widget = widget || (!dom.node(i).is_text && dom.TagName(i) == "my-widget");
  EXPECT_TRUE(widget);
}

TEST(ArticleDom, ScriptStyleTemplateAndCdataAreNotText) {
  const Dom dom = MustParse(
      "<html><head><style>p { color: red }</style>"
      "<script type=\"application/ld+json\">{\"headline\": \"A </b> & <![CDATA[ B ]]>\"}</script></head>"
      "<body><p>one<script>var x = \"<p>no</p>\";</script> two<![CDATA[ hidden ]]></p>"
      "<template><p>template</p></template><p>three</p></body></html>");
  const int body = FindOrFail(dom, GUMBO_TAG_BODY);
  EXPECT_EQ(dom.CollapsedText(body), "one two three");
  // The JSON-LD reader takes a script's text from its text children, unparsed.
  const int script = FindOrFail(dom, GUMBO_TAG_SCRIPT);
  std::string json;
  for (int j = script + 1; j < dom.node(script).end; ++j) json += dom.Text(j);
  EXPECT_EQ(json, "{\"headline\": \"A </b> & <![CDATA[ B ]]>\"}");
}

TEST(ArticleDom, TreeShape) {
  const Dom dom = MustParse("<!DOCTYPE html><!-- c --><html><body><div><p>a</p><p>b</p></div></body></html>");
  ASSERT_EQ(dom.node(0).tag, GUMBO_TAG_HTML);
  EXPECT_EQ(dom.node(0).end, dom.size());
  const int div = FindOrFail(dom, GUMBO_TAG_DIV);
  const int p1 = dom.node(div).first_child;
  ASSERT_GE(p1, 0);
  const int p2 = dom.node(p1).next_sibling;
  ASSERT_GE(p2, 0);
  EXPECT_EQ(dom.node(p2).parent, div);
  EXPECT_EQ(dom.node(p2).depth, dom.node(div).depth + 1);
  EXPECT_EQ(dom.CollapsedText(p2), "b");
  EXPECT_EQ(dom.node(div).end, p2 + 2);
}

TEST(ArticleDom, ContentAfterTheHtmlEndTagGoesIntoTheBody) {
  const Dom dom = MustParse("<html><body><p>a</p></body></html><p>b</p><html><body class=x><p>c</p>");
  EXPECT_EQ(dom.node(0).end, dom.size());
  const int body = FindOrFail(dom, GUMBO_TAG_BODY);
  EXPECT_EQ(dom.node(body).end, dom.size());
  EXPECT_EQ(dom.CollapsedText(body), "a b c");
  EXPECT_EQ(dom.Find(GUMBO_TAG_HTML, 1), -1);
}

TEST(ArticleDom, EndTagClosesDivsLeftOpenInside) {
  // libxml2 ignores </button> while a <div> inside it is open; the button
  // (never story text) then swallowed the article.
  const Dom dom = MustParse(
      "<body><header><button><div>menu<div></button></header>"
      "<article><p>story</p></article></body>");
  const int article = FindOrFail(dom, GUMBO_TAG_ARTICLE);
  const int button = FindOrFail(dom, GUMBO_TAG_BUTTON);
  EXPECT_LE(dom.node(button).end, article);
  EXPECT_EQ(dom.node(dom.node(article).parent).tag, GUMBO_TAG_BODY);
}

TEST(ArticleDom, Html5VoidElementsHoldNothing) {
  const Dom dom = MustParse("<p>long<wbr>word</p><p>next</p><picture><source srcset=a.jpg><img src=b.jpg></picture>");
  int paragraphs = 0;
  for (int i = 0; i < dom.size(); ++i) {
    const DomNode& n = dom.node(i);
    if (n.is_text) continue;
    if (n.tag == GUMBO_TAG_P) {
      ++paragraphs;
      EXPECT_EQ(dom.node(n.parent).tag, GUMBO_TAG_BODY);
    }
    if (n.tag == GUMBO_TAG_WBR || n.tag == GUMBO_TAG_SOURCE) {
      EXPECT_EQ(n.end, i + 1);
    }
  }
  EXPECT_EQ(paragraphs, 2);
}

TEST(ArticleDom, CodeNobodyReadsIsDroppedBeforeTheParse) {
  EXPECT_EQ(RepairTagsForLibxml2("<style>p{color:red}</style><p>a<!-- note --></p><script>var x = '<p>';</script>")
                .value_or(""),
            "<style></style><p>a</p><script></script>");
  // JSON-LD is where a page states its metadata: kept.
  const std::string json_ld = R"(<script type="application/ld+json">{"headline":"H"}</script>)";
  EXPECT_FALSE(RepairTagsForLibxml2(json_ld).has_value());
  EXPECT_EQ(
      RepairTagsForLibxml2("<svg viewBox='0 0 1 1'><path d='M0 0'/><title>icon</title></svg><p>x</p>").value_or(""),
      "<svg viewBox='0 0 1 1'></svg><p>x</p>");
  // An outer drawing with one nested in it keeps its content rather than
  // risk a wrong end; the inner one is emptied.
  EXPECT_EQ(RepairTagsForLibxml2("<svg><g><svg><path/></svg></g></svg>").value_or(""), "<svg><g><svg></svg></g></svg>");
  const Dom dom =
      MustParse("<html><head>" + json_ld + "</head><body><svg><text>no</text></svg><p>yes</p></body></html>");
  const int script = FindOrFail(dom, GUMBO_TAG_SCRIPT);
  EXPECT_EQ(dom.Text(script + 1), R"({"headline":"H"})");
  EXPECT_EQ(dom.CollapsedText(FindOrFail(dom, GUMBO_TAG_BODY)), "yes");
}

TEST(ArticleDom, AttributesAndUnknownTagNamesSurviveTheParse) {
  const Dom dom = MustParse("<body><my-card data-x='1' CLASS='Lead Story' id=Top hidden>t</my-card></body>");
  int card = -1;
  for (int i = 0; i < dom.size(); ++i) {
    if (!dom.node(i).is_text && dom.TagName(i) == "my-card") card = i;
  }
  ASSERT_GE(card, 0);
  EXPECT_EQ(dom.Attr(card, "class"), "Lead Story");
  EXPECT_EQ(dom.Attr(card, "data-x"), "1");
  EXPECT_TRUE(dom.HasAttr(card, "hidden"));
  EXPECT_FALSE(dom.HasAttr(card, "style"));
  EXPECT_EQ(dom.ClassAndId(card), "lead story top");
  EXPECT_EQ(dom.ClassAndId(card + 1), "");  // the text node
}

TEST(ArticleDom, TagRepairLeavesCleanPagesAlone) {
  EXPECT_FALSE(RepairTagsForLibxml2("<!DOCTYPE html><div><p>a<p>b</div><br><img src='x>y'>").has_value());
  // Tags in script code are not tags; the code itself is dropped, never read.
  EXPECT_EQ(RepairTagsForLibxml2("<ul><li><div>a</div></li></ul><script>'</li><div>'</script>").value_or(""),
            "<ul><li><div>a</div></li></ul><script></script>");
  EXPECT_EQ(RepairTagsForLibxml2("<li><div>a<div>b</div></li>").value_or(""), "<li><div>a<div>b</div></div></li>");
  // The '/' ends an unquoted value, it does not close the link.
  EXPECT_FALSE(RepairTagsForLibxml2("<p><a href=/blog/x/>link</a> text</p>").has_value());
  EXPECT_EQ(RepairTagsForLibxml2("a<wbr>b").value_or(""), "a<wbr></wbr>b");
  EXPECT_EQ(RepairTagsForLibxml2("<source src=a/>x").value_or(""), "<source src=a/></source>x");
  EXPECT_EQ(RepairTagsForLibxml2("a<![CDATA[b]]>c").value_or(""), "ac");
  // Inside a table an unclosed cell blocks the end tag in HTML5 as well.
  EXPECT_FALSE(RepairTagsForLibxml2("<li><table><tr><td><div>x</li>").has_value());
}

TEST(ArticleDom, NothingIsPrintedForBrokenPages) {
  ::testing::internal::CaptureStderr();
  for (const char* page :
       {"<p><b>x</p></b>", "<div <p>>", "<a href=\"x>y</a", "&bogus; &#xD800; <\x01>", "<?xml?><x:y>"}) {
    (void)Dom::Parse(page);
  }
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

}  // namespace
}  // namespace newsmon::article
