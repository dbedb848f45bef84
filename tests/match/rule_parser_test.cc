// Rule errors name the file, line and column of the offending token.
#include <gtest/gtest.h>

#include "match/rule.h"
#include "match_test_util.h"

namespace newsmon::testing {
namespace {

// query_where of every test topic is topics.yaml:3:12.
TEST(RuleParserTest, MissingCloseParenPointsAtOpenParen) {
  EXPECT_EQ(CompileError("sanctions AND (russia OR iran"), "topics.yaml:3:26: missing ')' for this '(' near '('");
}

TEST(RuleParserTest, UnexpectedCloseParen) {
  EXPECT_EQ(CompileError("russia )"), "topics.yaml:3:19: unexpected ')' without a matching '(' near ')'");
}

TEST(RuleParserTest, DanglingOperatorPointsAtOperator) {
  EXPECT_EQ(CompileError("russia AND"), "topics.yaml:3:19: rule ends early: expected a term or '(' near 'AND'");
  EXPECT_EQ(CompileError("russia OR OR iran"), "topics.yaml:3:22: expected a term or '(' near 'OR'");
}

TEST(RuleParserTest, LaterLinesOfBlockScalarAdvanceLines) {
  // Line 2 of the rule is line 4 of the file; block scalar lines share the first line's indentation.
  EXPECT_EQ(CompileError("russia\nAND \"price cap"),
            "topics.yaml:4:16: unterminated phrase: missing closing '\"' near "
            "'\"price cap'");
  EXPECT_EQ(CompileError("a OR\nb OR\n  c NEAR/x d"),
            "topics.yaml:5:16: NEAR needs a distance in words from 0 to 1000 or 'para', like NEAR/5 or NEAR/para "
            "near 'NEAR/x'");
}

TEST(RuleParserTest, ColumnsCountCodePoints) {
  // "санкции " is 8 code points (15 bytes) before the bad token.
  EXPECT_EQ(CompileError("санкции foo:bar"),
            "topics.yaml:3:20: unknown field 'foo' (fields are title:, body: and lead:) near 'foo:bar'");
}

TEST(RuleParserTest, WildcardErrors) {
  EXPECT_EQ(CompileError("sanc*tion"),
            "topics.yaml:3:12: a wildcard '*' may only start or end a term near 'sanc*tion'");
  EXPECT_EQ(CompileError("x OR s*"), "topics.yaml:3:17: a wildcard needs at least 2 letters before '*' near 's*'");
  EXPECT_EQ(CompileError("*"), "topics.yaml:3:12: a term needs letters or digits near '*'");
  EXPECT_EQ(CompileError("*abc*"),
            "topics.yaml:3:12: a leading wildcard needs at least 4 letters after '*' near '*abc*'");
  EXPECT_EQ(CompileError("\"*price cap\""),
            "topics.yaml:3:12: a wildcard '*' may only start or end a term near '\"*price cap\"'");
  EXPECT_EQ(CompileError("*price-cap"),
            "topics.yaml:3:12: a leading '*' works on one word, like *sanktion* near '*price-cap'");
}

TEST(RuleParserTest, AboutnessOperatorErrors) {
  EXPECT_EQ(CompileError("PARAS>=0(russia)"),
            "topics.yaml:3:12: PARAS needs a number of paragraphs from 1 to 1000 or a share from 1% to 100%, like "
            "PARAS>=3(sanction*) or PARAS>=25%(sanction*) near 'PARAS>=0'");
  EXPECT_EQ(CompileError("PARAS>=101%(russia)"),
            "topics.yaml:3:12: PARAS needs a number of paragraphs from 1 to 1000 or a share from 1% to 100%, like "
            "PARAS>=3(sanction*) or PARAS>=25%(sanction*) near 'PARAS>=101%'");
  EXPECT_EQ(CompileError("PARAS>=2 russia"),
            "topics.yaml:3:12: PARAS needs a group in parentheses, like PARAS>=3(sanction*) near 'PARAS>=2'");
  EXPECT_EQ(CompileError("DENSITY>=x(russia)"),
            "topics.yaml:3:12: DENSITY needs occurrences per 1,000 words from 1 to 1000, like DENSITY>=10(sanction*) "
            "near 'DENSITY>=x'");
  EXPECT_EQ(CompileError("DENSITY>=3(NOT russia)"),
            "topics.yaml:3:22: 'DENSITY>=3' needs terms with positions, not a NOT near '('");
  EXPECT_EQ(CompileError("russia NOT NEAR/x iran"),
            "topics.yaml:3:23: NEAR needs a distance in words from 0 to 1000 or 'para', like NEAR/5 or NEAR/para "
            "near 'NEAR/x'");
  EXPECT_EQ(CompileError("russia NOT NEAR/3 NOT iran"),
            "topics.yaml:3:30: 'NEAR/3' needs terms with positions, not a NOT near 'NOT'");
  EXPECT_EQ(CompileError("title:(lead:(body:russia))"),
            "topics.yaml:3:25: this field is inside a scope of the other field and never matches near 'body:'");
}

TEST(RuleParserTest, InvalidUtf8IsAnErrorNotAnotherTerm) {
  // Latin-1 "été": folding would have made it the term "t".
  EXPECT_EQ(CompileError("russia OR \xE9t\xE9"),
            "topics.yaml:3:22: the rule is not valid UTF-8 (save the file as UTF-8) near '\xEF\xBF\xBDt\xEF\xBF\xBD'");
}

TEST(RuleParserTest, DefinitionsAreParsedInPlace) {
  RuleDefinitions defs;
  defs["ru"] = {"russia OR moscow", SourceLocation{"vocabulary.yaml", 5, 9}};
  defs["sx"] = {"sanction* OR\n  \"price cap", SourceLocation{"vocabulary.yaml", 8, 9}};
  defs["loop"] = {"a OR @loop", SourceLocation{"vocabulary.yaml", 11, 9}};
  auto ok = match::ParseRule("title:@ru AND sanctions", SourceLocation{"t.yaml", 1, 1}, &defs);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  // The definition's terms carry the field of the scope they are used in.
  EXPECT_EQ(ok->nodes[0].literal, "russia");
  EXPECT_EQ(ok->nodes[0].fields, match::kFieldTitle);
  auto bad = match::ParseRule("@sx", SourceLocation{"t.yaml", 1, 1}, &defs);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message,
            "vocabulary.yaml:9:11: unterminated phrase: missing closing '\"' near '\"price cap' (in definition 'sx')");
  auto missing = match::ParseRule("russia OR @nope", SourceLocation{"t.yaml", 1, 1}, &defs);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "t.yaml:1:11: no definition 'nope' (add it under 'define:') near '@nope'");
  auto loop = match::ParseRule("@loop", SourceLocation{"t.yaml", 1, 1}, &defs);
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.error().message,
            "vocabulary.yaml:11:14: definition 'loop' uses itself near '@loop' (in definition 'loop')");
}

TEST(RuleParserTest, OperandErrors) {
  EXPECT_EQ(CompileError("\"\""), "topics.yaml:3:12: empty phrase near '\"\"'");
  EXPECT_EQ(CompileError("a NEAR/3 NOT b"),
            "topics.yaml:3:21: 'NEAR/3' needs terms with positions, not a NOT near 'NOT'");
  EXPECT_EQ(CompileError("COUNT>=2 russia"),
            "topics.yaml:3:12: COUNT needs a group in parentheses, like COUNT>=3(russia) near 'COUNT>=2'");
  EXPECT_EQ(CompileError("COUNT>=0(russia)"),
            "topics.yaml:3:12: COUNT needs a minimum from 1 to 1000, like COUNT>=3(russia) near 'COUNT>=0'");
  EXPECT_EQ(CompileError("russia^x"),
            "topics.yaml:3:18: '^' needs a weight from -1000 to 1000, like sanction*^2 near '^x'");
  EXPECT_EQ(CompileError("title:(body:russia)"),
            "topics.yaml:3:19: this field is inside a scope of the other field and never matches near 'body:'");
  EXPECT_EQ(CompileError("   "), "topics.yaml:3:12: empty rule near ''");
}

TEST(RuleParserTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep(10000, '(');
  EXPECT_NE(CompileError(deep + "x").find("rule nests too deeply"), std::string::npos);
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  EXPECT_NE(CompileError(nots + "x").find("rule nests too deeply"), std::string::npos);
}

TEST(RuleParserTest, LongRulesAreRefused) {
  std::string rule;
  while (rule.size() <= match::kMaxRuleBytes) rule += "word OR ";
  EXPECT_NE(CompileError(rule + "x").find("rule is longer than"), std::string::npos);
}

TEST(RuleParserTest, LongFlatListsDoNotRecurse) {
  std::string rule = "w0";
  for (int i = 1; i < 5000; ++i) rule += " OR w" + std::to_string(i);
  EXPECT_EQ(CompileError(rule), "(compiled)");
}

TEST(RuleParserTest, TermsAreFoldedIntoLiterals) {
  auto r = match::ParseRule("title:\"Export Controls*\" Straße^2", SourceLocation{"f", 1, 1});
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& nodes = r->nodes;
  ASSERT_EQ(nodes.size(), 4u);
  EXPECT_EQ(nodes[0].literal, "export controls");
  EXPECT_TRUE(nodes[0].prefix);
  EXPECT_EQ(nodes[0].fields, match::kFieldTitle);
  EXPECT_EQ(nodes[0].written, "\"Export Controls*\"");
  EXPECT_EQ(nodes[1].literal, "strasse");
  EXPECT_EQ(nodes[2].kind, match::RuleNode::Kind::kWeight);
  EXPECT_EQ(nodes[2].weight, 2);
  EXPECT_EQ(nodes[3].kind, match::RuleNode::Kind::kAnd);
}

TEST(RuleParserTest, ErrorsComeBackFromCompileWithTheirTopicsLocation) {
  TopicConfig good = Topic("good", "russia");
  TopicConfig bad = Topic("bad", "(iran");
  bad.query_where = SourceLocation{"packs/b.yaml", 40, 5};
  auto m = Matcher::Compile({good, bad});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().message, "packs/b.yaml:40:5: missing ')' for this '(' near '('");
}

}  // namespace
}  // namespace newsmon::testing
