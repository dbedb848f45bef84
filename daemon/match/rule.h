// The topic rule language: rule text in, a flat post-order expression out.
//
//   Result<Rule> r = ParseRule(topic.query, topic.query_where);
//   if (!r) std::cerr << r.error().message;  // "topics.yaml:7:18: missing ')' near '('"
//   for (const RuleNode& n : r->nodes) ...   // children always precede parents
//
// The grammar (docs/match.md has the reference with examples):
//   or      := and ("OR" and)*
//   and     := near (["AND"] near)*          adjacent operands are ANDed
//   near    := unary ((["NOT"] "NEAR/" n | ["NOT"] "NEAR/para") unary)*
//   unary   := "NOT" unary | postfix
//   postfix := primary ("^" weight)?
//   primary := word | word* | *word | *word* | "phrase" | ( or ) | title: primary | body: primary
//              | lead: primary | COUNT>=k ( or ) | PARAS>=k ( or ) | PARAS>=p% ( or )
//              | DENSITY>=d ( or ) | @name             (a definition, parsed in place)
// Pure logic: no I/O, no Hyperscan. Terms are folded here with FoldWord so the
// engine only has to compare folded literals.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "util/result.h"

namespace newsmon::match {

// Where a term may match (bit mask): the title, the body's lead (its opening
// words, FoldedDocument::lead_end) and the rest of the body. `title:`,
// `body:` and `lead:` (the title and the body's lead) are unions of these.
inline constexpr uint8_t kFieldTitle = 1;
inline constexpr uint8_t kFieldBodyRest = 2;
inline constexpr uint8_t kFieldBodyLead = 4;
inline constexpr uint8_t kFieldBody = kFieldBodyLead | kFieldBodyRest;
inline constexpr uint8_t kFieldLead = kFieldTitle | kFieldBodyLead;
inline constexpr uint8_t kFieldAny = kFieldTitle | kFieldBody;

// Limits that keep hostile or mistaken rules from costing unbounded time.
inline constexpr size_t kMaxRuleBytes = 64 * 1024;
inline constexpr int kMaxDepth = 64;
inline constexpr int kMaxNearDistance = 1000;
inline constexpr int kMaxCount = 1000;
inline constexpr int kMaxParagraphShare = 100;  // PARAS>=p%
inline constexpr int kMaxDensity = 1000;        // DENSITY>=d, per 1,000 words
inline constexpr double kMaxWeight = 1000;
inline constexpr size_t kMaxPhraseWords = 16;
inline constexpr size_t kMinPrefixCodePoints = 2;
inline constexpr size_t kMinInfixCodePoints = 4;

struct RuleNode {
  enum class Kind : uint8_t {
    kTerm,
    kAnd,
    kOr,
    kNot,
    kNear,         // a NEAR/n b
    kSamePara,     // a NEAR/para b
    kNotNear,      // a NOT NEAR/n b: the occurrences of a with no b within n words
    kNotSamePara,  // a NOT NEAR/para b: the occurrences of a in paragraphs without b
    kCount,
    kWeight,
    kParas,    // PARAS>=k(x) or PARAS>=p%(x): x occurs in enough paragraphs
    kDensity,  // DENSITY>=d(x): x occurs at least d times per 1,000 words of the story
  };
  Kind kind = Kind::kTerm;
  // kTerm: the folded words joined by single spaces, as the engine scans for.
  std::string literal;
  std::string written;  // kTerm: the term as written in the rule, for explanations
  bool prefix = false;  // kTerm: the last word may continue (sanction*)
  bool infix = false;   // kTerm: the word may start earlier (*sanktion*: Wirtschaftssanktionen)
  uint8_t fields = kFieldAny;
  uint32_t word_count = 0;     // kTerm: words in the literal
  int distance = 0;            // kNear, kNotNear: at most this many words between the operands
  int min_count = 0;           // kCount; kParas: paragraphs, or percent of them when `share`; kDensity
  bool share = false;          // kParas: min_count is a percentage of the story's paragraphs
  double weight = 1;           // kWeight
  std::vector<uint32_t> kids;  // indices into Rule::nodes, all smaller than this node's
};

struct Rule {
  std::vector<RuleNode> nodes;  // post-order; the root is the last node
};

// Errors: "file:line:column: message near 'TOKEN'", the location being that of
// the offending token, lines advanced across multi-line (block scalar) rules.
// `definitions` (may be null) resolve @name references; an error inside a
// definition points into the definition's text.
Result<Rule> ParseRule(std::string_view text, const SourceLocation& where,
                       const RuleDefinitions* definitions = nullptr);

}  // namespace newsmon::match
