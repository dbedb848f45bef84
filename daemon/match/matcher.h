// Topic matching: compiled rules in, per-topic verdicts with explanations out.
//
//   Result<std::shared_ptr<const Matcher>> m = Matcher::Compile(config.topics);
//   std::vector<TopicResult> r = (*m)->Match({.title = story.title, .body = body});
//
// A compiled Matcher is immutable and safe to use from many threads; a reload
// compiles a new one off the hot path and swaps the pointer. All topics' terms
// are in one Hyperscan literal database: one scan per story over the folded
// text, then each topic whose terms occur is evaluated on the hits. The rule
// language is described in docs/match.md and in match/rule.h.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "util/result.h"

namespace newsmon {

enum class MatchField { kTitle, kBody };
const char* MatchFieldName(MatchField field);

struct MatchInput {
  std::string_view title;
  std::string_view body;  // paragraphs separated by "\n\n"
};

// One occurrence of a rule term that contributed to the verdict.
struct TermHit {
  std::string term;  // the term as written in the rule
  MatchField field = MatchField::kBody;
  size_t start = 0;  // code point offsets into the field's text, end exclusive
  size_t end = 0;
  std::string snippet;     // a few words of context around the hit
  uint32_t paragraph = 0;  // 0 in the title, 1 for the body's first paragraph, ...
  bool lead = false;       // in the lead (`lead:`): the title or the body's opening words
};

struct TopicResult {
  std::string topic_id;
  bool matched = false;
  double score = 0;
  std::vector<TermHit> terms;
};

class Matcher {
 public:
  virtual ~Matcher() = default;
  // Errors point at the rule text: "file:line:column: message near 'token'".
  static Result<std::shared_ptr<const Matcher>> Compile(const std::vector<TopicConfig>& topics);
  // One result per configured topic, in configuration order.
  virtual std::vector<TopicResult> Match(const MatchInput& input) const = 0;
  // Only the matched topics, in configuration order: what the pipeline keeps,
  // without building a result for each of thousands of unmatched topics.
  virtual std::vector<TopicResult> MatchedTopics(const MatchInput& input) const = 0;
  // Like Match, but an unmatched topic lists the occurrences of its terms
  // that the story has, for rule authors asking why a story was missed.
  virtual std::vector<TopicResult> Explain(const MatchInput& input) const = 0;
  // Explanations list at most this many term occurrences per topic.
  static constexpr size_t kMaxExplainedHits = 100;
};

}  // namespace newsmon
