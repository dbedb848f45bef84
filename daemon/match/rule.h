// The topic rule language: rule text in, a flat post-order expression out.
//
//   Result<Rule> r = ParseRule(topic.query, topic.query_where);
//   if (!r) std::cerr << r.error().message;  // "topics.yaml:7:18: missing ')' near '('"
//   for (const RuleNode& n : r->nodes) ...   // children always precede parents
//
// The grammar (docs/match.md has the reference with examples):
//   or      := and ("OR" and)*
//   and     := near (["AND"] near)*          adjacent operands are ANDed
//   near    := unary (("NEAR/" n | "NEAR/para") unary)*
//   unary   := "NOT" unary | postfix
//   postfix := primary ("^" weight)?
//   primary := word | word* | "phrase" | ( or ) | title: primary | body: primary
//              | COUNT>=k ( or )
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

// Fields a term may match in (bit mask).
inline constexpr uint8_t kFieldTitle = 1;
inline constexpr uint8_t kFieldBody = 2;
inline constexpr uint8_t kFieldAny = kFieldTitle | kFieldBody;

// Limits that keep hostile or mistaken rules from costing unbounded time.
inline constexpr size_t kMaxRuleBytes = 64 * 1024;
inline constexpr int kMaxDepth = 64;
inline constexpr int kMaxNearDistance = 1000;
inline constexpr int kMaxCount = 1000;
inline constexpr double kMaxWeight = 1000;
inline constexpr size_t kMaxPhraseWords = 16;
inline constexpr size_t kMinPrefixCodePoints = 2;

struct RuleNode {
  enum class Kind : uint8_t { kTerm, kAnd, kOr, kNot, kNear, kSamePara, kCount, kWeight };
  Kind kind = Kind::kTerm;
  // kTerm: the folded words joined by single spaces, as the engine scans for.
  std::string literal;
  std::string written;  // kTerm: the term as written in the rule, for explanations
  bool prefix = false;  // kTerm: the last word may continue (sanction*)
  uint8_t fields = kFieldAny;
  uint32_t word_count = 0;     // kTerm: words in the literal
  int distance = 0;            // kNear: at most this many words between the operands
  int min_count = 0;           // kCount
  double weight = 1;           // kWeight
  std::vector<uint32_t> kids;  // indices into Rule::nodes, all smaller than this node's
};

struct Rule {
  std::vector<RuleNode> nodes;  // post-order; the root is the last node
};

// Errors: "file:line:column: message near 'TOKEN'", the location being that of
// the offending token, lines advanced across multi-line (block scalar) rules.
Result<Rule> ParseRule(std::string_view text, const SourceLocation& where);

}  // namespace newsmon::match
