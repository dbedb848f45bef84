// The engine's fast paths: the word index, hit grouping, the candidate
// filter and snippet text, each checked against the plain way of doing it.
#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <string>
#include <vector>

#include "match/evaluate.h"
#include "match/fold.h"
#include "match_test_util.h"
#include "util/text.h"

namespace newsmon::testing {
namespace {

using match::FoldedDocument;
using match::Hit;

// The word containing stream byte `pos`, by walking the words.
uint32_t SlowWordAt(const FoldedDocument& doc, size_t pos) {
  uint32_t found = 0;
  for (uint32_t i = 0; i < doc.words.size(); ++i) {
    if (doc.words[i].norm_start <= pos) found = i;
  }
  return found;
}

TEST(EngineTest, WordIndexAgreesWithTheWordListAtEveryByte) {
  std::string long_word(150, 'x');  // spans three 64-byte blocks
  std::string many_short;
  for (int i = 0; i < 100; ++i) many_short += "a b ";
  const std::vector<std::pair<std::string, std::string>> docs = {
      {"", "one"},
      {"Title here", "Body text.\n\nSecond paragraph, with Straße and КАЗАХСТАН."},
      {"", long_word + " y " + long_word},
      {"t", many_short},
      {"Ｋａｚａｋｈｓｔａｎ ½", "ﬁne ﬂow\u00ADer re\u0301sume\u0301"},
  };
  FoldedDocument doc;
  for (const auto& [title, body] : docs) {
    match::FoldDocument(title, body, doc);
    ASSERT_FALSE(doc.words.empty());
    for (size_t pos = doc.words[0].norm_start; pos < doc.stream.size(); ++pos) {
      ASSERT_EQ(doc.WordAt(pos), SlowWordAt(doc, pos)) << "byte " << pos << " of '" << doc.stream << "'";
    }
  }
}

TEST(EngineTest, FoldReusesBuffersWithoutStaleWordStarts) {
  FoldedDocument doc;
  match::FoldDocument("", std::string(300, 'a') + " b c d e f g h", doc);
  match::FoldDocument("", "x y", doc);
  EXPECT_EQ(doc.stream, " x y ");
  EXPECT_EQ(doc.WordAt(1), 0u);
  EXPECT_EQ(doc.WordAt(3), 1u);
}

TEST(EngineTest, AsciiRunsFoldLikeTheTable) {
  FoldedDocument doc;
  match::FoldDocument("MiXeD Case123", "ABC-def_ghi\tJKL", doc);
  EXPECT_EQ(doc.stream, " mixed case123 abc def ghi jkl ");
  ASSERT_EQ(doc.words.size(), 6u);
  EXPECT_EQ(doc.words[3].orig_start, 4u);
  EXPECT_EQ(doc.words[3].orig_end, 7u);
  EXPECT_EQ(doc.words[3].cp_end, 7u);
  EXPECT_EQ(doc.words[5].orig_start, 12u);
}

// Folding written the plain way, code point by code point, for a small
// alphabet: what the 8-bytes-at-a-time folding must agree with.
struct Token {
  std::string utf8;
  std::string folded;  // empty: a separator
};
FoldedDocument ReferenceFold(const std::vector<const Token*>& title, const std::vector<const Token*>& body) {
  FoldedDocument doc;
  uint32_t para = 0;
  auto field = [&](const std::vector<const Token*>& tokens, uint8_t which) {
    bool in_word = false, pending = true;
    int newlines = 0;
    uint32_t byte = 0, cp = 0;
    for (const Token* t : tokens) {
      if (!t->folded.empty()) {
        if (!in_word) {
          doc.stream += ' ';
          if (pending) ++para;
          pending = false;
          newlines = 0;
          match::Word w;
          w.norm_start = static_cast<uint32_t>(doc.stream.size());
          w.orig_start = byte;
          w.cp_start = cp;
          w.para = para;
          w.field = which;
          doc.words.push_back(w);
          in_word = true;
        }
        doc.stream += t->folded;
        doc.words.back().orig_end = byte + static_cast<uint32_t>(t->utf8.size());
        doc.words.back().cp_end = cp + 1;
      } else {
        in_word = false;
        if (t->utf8 == "\n") {
          if (++newlines >= 2) pending = true;
        } else if (t->utf8 != " " && t->utf8 != "\t" && t->utf8 != "\r") {
          newlines = 0;
        }
      }
      byte += static_cast<uint32_t>(t->utf8.size());
      ++cp;
    }
  };
  field(title, match::kFieldTitle);
  para = std::max<uint32_t>(para, 1);
  field(body, match::kFieldBody);
  if (!doc.words.empty()) doc.stream += ' ';
  return doc;
}

TEST(EngineTest, FoldingAgreesWithAPlainReference) {
  const std::vector<Token> alphabet = {{"a", "a"},
                                       {"Z", "z"},
                                       {"q", "q"},
                                       {"7", "7"},
                                       {" ", ""},
                                       {" ", ""},
                                       {"\n", ""},
                                       {"\t", ""},
                                       {"\r", ""},
                                       {".", ""},
                                       {"-", ""},
                                       {"_", ""},
                                       {"\xC3\xA9", "e"},
                                       {"\xC3\x9F", "ss"},
                                       {"\xE2\x80\x99", ""},
                                       {"\xD0\x96", "\xD0\xB6"},
                                       {"\xC2\xA0", ""}};
  auto check = [&alphabet](const std::string& title_text, const std::string& body_text) {
    // Splits the texts into alphabet tokens, then folds both ways.
    auto tokens = [&alphabet](const std::string& text) {
      std::vector<const Token*> out;
      for (size_t at = 0; at < text.size();) {
        const auto t = std::find_if(alphabet.begin(), alphabet.end(),
                                    [&](const Token& k) { return text.compare(at, k.utf8.size(), k.utf8) == 0; });
        if (t == alphabet.end()) {
          ADD_FAILURE() << "no token at " << at << " in " << text;
          return out;
        }
        out.push_back(&*t);
        at += t->utf8.size();
      }
      return out;
    };
    FoldedDocument doc;
    match::FoldDocument(title_text, body_text, doc);
    const FoldedDocument want = ReferenceFold(tokens(title_text), tokens(body_text));
    ASSERT_EQ(doc.stream, want.stream) << "title '" << title_text << "' body '" << body_text << "'";
    ASSERT_EQ(doc.words.size(), want.words.size()) << body_text;
    for (size_t w = 0; w < want.words.size(); ++w) {
      const match::Word& a = doc.words[w];
      const match::Word& b = want.words[w];
      ASSERT_EQ(a.norm_start, b.norm_start) << body_text;
      ASSERT_EQ(a.orig_start, b.orig_start) << body_text;
      ASSERT_EQ(a.orig_end, b.orig_end) << body_text;
      ASSERT_EQ(a.cp_start, b.cp_start) << body_text;
      ASSERT_EQ(a.cp_end, b.cp_end) << body_text;
      ASSERT_EQ(a.para, b.para) << "word " << w << " of '" << title_text << "' / '" << body_text << "'";
      ASSERT_EQ(a.field, b.field) << body_text;
    }
  };
  // Gaps longer than 8 bytes, where a paragraph break may straddle blocks.
  check("", "a       \n.       \nq");
  check("", "a       \n        \nq");
  check("", "a.......\n\t\t\t\t\t\t\t\t\t\nq");
  check("", "a\n       .        \nq\n\nZ");
  check("Zaq", "aaaaaaaaaaaaaaaaaaaaaaaaa ZZZZZZZZ 77777777q");
  check("", "\n\naqa");
  uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFF;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string title_text, body_text;
    const size_t title_len = next() % 6, body_len = next() % 48;
    for (size_t k = 0; k < title_len + body_len; ++k) {
      // Mostly ASCII letters, so words reach past 8 and 16 bytes; runs of
      // blanks, so gaps do too.
      const uint32_t r = next() % 44;
      const std::string& t = r >= 40 ? std::string(9, ' ')
                                     : alphabet[r < 24                     ? r % 4
                                                : r - 24 < alphabet.size() ? r - 24
                                                                           : 4]
                                           .utf8;
      (k < title_len ? title_text : body_text) += t;
    }
    check(title_text, body_text);
    if (::testing::Test::HasFatalFailure() || ::testing::Test::HasNonfatalFailure()) return;
  }
  // Long ASCII stretches, which are folded 64 bytes at a time: words and
  // gaps (with and without line breaks) across block edges, words longer
  // than the 16-byte copies, and a rare non-ASCII character that sends a
  // block back to the 8-byte loop.
  for (int round = 0; round < 1500; ++round) {
    std::string body_text;
    const size_t body_len = next() % 400;
    for (size_t k = 0; k < body_len; ++k) {
      const uint32_t r = next() % 100;
      body_text += r < 70   ? alphabet[r % 4].utf8
                   : r < 78 ? std::string(" ")
                   : r < 80 ? std::string(next() % 2 == 0 ? 20 : 1, 'q')
                   : r < 83 ? std::string("\n")
                   : r < 86 ? std::string(".")
                   : r < 88 ? std::string(9, ' ')
                   : r < 90 ? std::string("\t")
                   : r < 92 ? std::string("\r")
                   : r < 94 ? std::string("-")
                   : r < 99 ? alphabet[(r - 94) % 4].utf8
                            : alphabet[12 + next() % 5].utf8;
    }
    check("Zaq", body_text);
    if (::testing::Test::HasFatalFailure() || ::testing::Test::HasNonfatalFailure()) return;
  }
}

TEST(EngineTest, HitsAreGroupedByLiteralInWordOrder) {
  FoldedDocument doc;
  match::FoldDocument("", "a b c d e f", doc);
  // Out of order on purpose: the grouping must not rely on scan order.
  const std::vector<Hit> hits = {{7, 4}, {3, 1}, {7, 0}, {3, 5}, {7, 2}};
  match::EvalScratch s;
  s.Reset(10);
  s.SetHits(doc, hits);
  auto [a, a_end] = s.HitsOf(7);
  ASSERT_EQ(a_end - a, 3);
  EXPECT_EQ(a[0].first_word, 0u);
  EXPECT_EQ(a[1].first_word, 2u);
  EXPECT_EQ(a[2].first_word, 4u);
  auto [b, b_end] = s.HitsOf(3);
  ASSERT_EQ(b_end - b, 2);
  EXPECT_EQ(b[0].first_word, 1u);
  EXPECT_TRUE(s.Present(3));
  EXPECT_FALSE(s.Present(4));
  EXPECT_EQ(s.HitsOf(4).first, nullptr);
  EXPECT_EQ(s.present_literals().size(), 2u);
  // The next document starts from nothing.
  s.Reset(10);
  s.SetHits(doc, {{4, 0}});
  EXPECT_FALSE(s.Present(7));
  EXPECT_FALSE(s.Present(3));
  EXPECT_TRUE(s.Present(4));
}

TEST(EngineTest, SnippetTextIsSanitizeThenCollapse) {
  const std::vector<std::string> cases = {
      "",
      "plain words",
      "  leading and trailing  ",
      "tabs\tand\nnewlines\r\n\n here",
      "no\u00A0break\u2003em\u3000ideographic\u200Bzero width",
      "bad \xFF byte and \xE2\x82 truncated",
      "\xC0\x80 overlong",
      "unit\x1Fseparator\x1C stays",
      "Кириллица и ümlauts",
      "\xF0\x9F\x98\x80 emoji \xF0\x9F",
      "two  spaces",
      "del\x7F char and ~tilde {braces}",
      " x",
      "x ",
      " ",
      "a b c",
  };
  for (const std::string& c : cases) {
    EXPECT_EQ(match::SnippetText(c), CollapseWhitespace(SanitizeUtf8(c))) << c;
  }
}

TEST(EngineTest, RequiredClausesOtherThanTheTriggerStillCount) {
  // "a AND (b OR c)": an occurring 'a' alone touches the topic, the clause
  // (b OR c) must still hold.
  auto m = CompileOrDie({Topic("t", "alpha AND (beta OR gamma)"), Topic("u", "gamma NEAR/3 alpha")});
  ASSERT_NE(m, nullptr);
  EXPECT_TRUE(m->MatchedTopics({"", "alpha only"}).empty());
  auto r = m->MatchedTopics({"", "alpha and gamma"});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].topic_id, "t");
  EXPECT_EQ(r[1].topic_id, "u");
}

TEST(EngineTest, AlwaysTrueTopicsAreEvaluatedWithoutHits) {
  auto m =
      CompileOrDie({Topic("never", "russia"), Topic("absent", "NOT russia"), Topic("or", "iran OR NOT venezuela")});
  ASSERT_NE(m, nullptr);
  auto r = m->MatchedTopics({"", "nothing relevant"});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].topic_id, "absent");
  EXPECT_EQ(r[1].topic_id, "or");
}

TEST(EngineTest, MatchedTopicsIsTheMatchedPartOfMatchInConfigurationOrder) {
  std::vector<TopicConfig> topics;
  const std::vector<std::string> words = {"russia", "iran", "sanction*", "\"price cap\"", "embargo", "oil"};
  for (size_t i = 0; i < 40; ++i) {
    const std::string& a = words[i % words.size()];
    const std::string& b = words[(i * 7 + 3) % words.size()];
    const std::string query = i % 4 == 0   ? a + " AND " + b
                              : i % 4 == 1 ? a + " NEAR/2 " + b
                              : i % 4 == 2 ? a + "^2 OR " + b
                                           : "COUNT>=2(" + a + " OR " + b + ")";
    topics.push_back(Topic("t" + std::to_string(i), query, i % 4 == 2 ? 3 : 0));
  }
  auto m = CompileOrDie(topics);
  ASSERT_NE(m, nullptr);
  const std::vector<std::string> bodies = {
      "Russia and Iran face an oil embargo.",
      "The price cap on oil: sanctions, sanctions.\n\nRussia said the embargo hurts.",
      "Nothing at all.",
      "Iran iran IRAN oil oil price cap price cap",
  };
  for (const std::string& body : bodies) {
    const auto all = m->Match({"Oil news", body});
    const auto matched = m->MatchedTopics({"Oil news", body});
    std::vector<const TopicResult*> expected;
    for (const auto& r : all) {
      if (r.matched) expected.push_back(&r);
    }
    ASSERT_EQ(matched.size(), expected.size()) << body;
    for (size_t i = 0; i < matched.size(); ++i) {
      EXPECT_EQ(matched[i].topic_id, expected[i]->topic_id);
      EXPECT_EQ(matched[i].score, expected[i]->score);
      ASSERT_EQ(matched[i].terms.size(), expected[i]->terms.size());
      for (size_t k = 0; k < matched[i].terms.size(); ++k) {
        EXPECT_EQ(matched[i].terms[k].term, expected[i]->terms[k].term);
        EXPECT_EQ(matched[i].terms[k].start, expected[i]->terms[k].start);
        EXPECT_EQ(matched[i].terms[k].snippet, expected[i]->terms[k].snippet);
      }
    }
  }
}

TEST(EngineTest, LiteralsLongerThanTheLengthInTheScanIdStillAnchorAtWordStarts) {
  // The scan id holds lengths up to 254 bytes; longer literals look theirs up.
  const std::string long_word(300, 'k');
  std::string phrase;
  for (int i = 0; i < 12; ++i) phrase += (i > 0 ? " " : "") + std::string(25, static_cast<char>('a' + i));
  auto m = CompileOrDie({Topic("word", long_word), Topic("phrase", "\"" + phrase + "\"")});
  ASSERT_NE(m, nullptr);
  auto r = m->MatchedTopics({"", "x " + long_word + " y " + phrase + " z"});
  ASSERT_EQ(r.size(), 2u);
  ASSERT_EQ(r[0].terms.size(), 1u);
  EXPECT_EQ(r[0].terms[0].start, 2u);
  EXPECT_EQ(r[0].terms[0].end, 302u);
  ASSERT_EQ(r[1].terms.size(), 1u);
  EXPECT_EQ(r[1].terms[0].start, 305u);
  // Not a word start: the literal occurs inside a longer word.
  EXPECT_TRUE(m->MatchedTopics({"", "q" + long_word + " q" + phrase}).empty());
}

TEST(EngineTest, RepeatedTermsAcrossTopicsShareOneExplanationText) {
  // Terms are interned: both topics explain with the term as written.
  auto m = CompileOrDie({Topic("a", "Sanction* AND russia"), Topic("b", "sanction* OR Russia")});
  ASSERT_NE(m, nullptr);
  auto r = m->MatchedTopics({"", "Russia and sanctions"});
  ASSERT_EQ(r.size(), 2u);
  ASSERT_EQ(r[0].terms.size(), 2u);
  EXPECT_EQ(r[0].terms[0].term, "russia");
  EXPECT_EQ(r[0].terms[1].term, "Sanction*");
  EXPECT_EQ(r[1].terms[0].term, "Russia");
  EXPECT_EQ(r[1].terms[1].term, "sanction*");
}

}  // namespace
}  // namespace newsmon::testing
