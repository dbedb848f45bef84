// Rule evaluation on term hits: the boolean, proximity, count and weight
// logic behind Matcher, separated from scanning so it stays pure.
//
//   RuleProgram p;
//   RuleRef r = p.Add(rule, literal_ids);      // once, when compiling
//   EvalScratch s;
//   s.Reset(literal_count);
//   s.SetHits(doc, hits);                      // hits from one scan of doc.stream
//   NodeValue v = EvaluateRule(p, r, s);       // fills s.values
//   ExplainRule(p, r, s, title, body, max_hits);
//
// A term's hits are word spans; every node's value is a verdict, a score and
// the spans of the terms that make it true, so proximity and counts compose
// over groups.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "match/fold.h"
#include "match/matcher.h"
#include "match/rule.h"

namespace newsmon::match {

// One occurrence of a literal in the folded stream: whole words (an exact
// term) or whole words and a word's start (a prefix term).
struct Hit {
  uint32_t literal = 0;
  uint32_t first_word = 0;
};

struct Span {
  uint32_t first = 0;  // word indices, inclusive
  uint32_t last = 0;
  friend bool operator==(const Span&, const Span&) = default;
  friend bool operator<(const Span& a, const Span& b) {
    return a.first != b.first ? a.first < b.first : a.last < b.last;
  }
};

struct NodeValue {
  bool ok = false;
  double score = 0;
  uint32_t begin = 0;  // spans in EvalScratch::spans
  uint32_t end = 0;
};

// A RuleNode without its strings, small and contiguous with the other
// topics' nodes: evaluating a hundred candidate topics per story then reads
// a few cache lines instead of chasing each node's heap blocks.
struct EvalNode {
  RuleNode::Kind kind = RuleNode::Kind::kTerm;
  uint8_t fields = kFieldAny;
  bool infix = false;       // kTerm: one word may hold several hits
  uint8_t word_count = 0;   // kTerm; at most kMaxPhraseWords
  uint32_t param = 0;       // kNear, kNotNear distance; kCount, kParas, kDensity minimum
  uint32_t kids_begin = 0;  // RuleProgram::kids, indices local to the rule
  uint32_t kids_end = 0;
  struct TermIds {
    uint32_t literal = 0;  // in the scan database
    uint32_t written = 0;  // RuleProgram::written offset; equal strings in a rule share one
  };
  // Sharing the space keeps a node at 24 bytes, so a rule is a cache line or two.
  union {
    TermIds term{};  // kTerm
    double weight;   // kWeight
    bool share;      // kParas: param is a percentage of the story's paragraphs
  };
};
static_assert(sizeof(EvalNode) == 24);

// Where one rule lives in a RuleProgram.
struct RuleRef {
  uint32_t begin = 0;  // nodes [begin, end), post-order, root last
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
};

// All compiled rules back to back.
class RuleProgram {
 public:
  // `literal_ids[i]` is the literal of rule.nodes[i] when it is a term.
  RuleRef Add(const Rule& rule, const std::vector<uint32_t>& literal_ids);
  const EvalNode* nodes(RuleRef r) const { return nodes_.data() + r.begin; }
  const uint32_t* kids() const { return kids_.data(); }
  // The term as written in the rule, by EvalNode::TermIds::written.
  std::string_view written(uint32_t offset) const;
  // Asks for a rule's term strings ahead of explaining it (they are together).
  void PrefetchWritten(uint32_t offset) const { __builtin_prefetch(written_.data() + offset); }

 private:
  std::vector<EvalNode> nodes_;
  std::vector<uint32_t> kids_;
  // Each rule's distinct terms, back to back, each a 32-bit length and its bytes.
  std::string written_;
};

// Per-thread buffers, reused from story to story.
class EvalScratch {
 public:
  // Prepares for a new document over `literal_count` literals.
  void Reset(size_t literal_count);
  // Groups `hits` by literal (keeping each literal's hits in word order);
  // `doc` must outlive evaluation.
  void SetHits(const FoldedDocument& doc, const std::vector<Hit>& hits);
  const FoldedDocument* doc() const { return doc_; }
  // Literal ids that occur in the document, each once.
  const std::vector<uint32_t>& present_literals() const { return present_; }
  bool Present(uint32_t literal) const {
    return literal < literal_count_ && ((present_bits_[literal >> 6] >> (literal & 63)) & 1) != 0;
  }

  std::vector<NodeValue> values;
  std::vector<Span> spans;
  std::vector<Span> tmp;
  // ExplainRule's occurrences before sorting: (span, rule node).
  std::vector<std::pair<Span, uint32_t>> found;

  // Asks for what SetHits will touch for `literal`; after Reset.
  void Prefetch(uint32_t literal) const {
    if (literal < literal_count_) __builtin_prefetch(&ranges_[literal]);
  }

  // Hits of `literal`, sorted by first word; {nullptr, nullptr} when absent.
  std::pair<const Hit*, const Hit*> HitsOf(uint32_t literal) const {
    if (!Present(literal)) return {nullptr, nullptr};
    const Hit* base = sorted_.data();
    const Range& r = ranges_[literal];
    return {base + r.begin, base + r.end};
  }

 private:
  const FoldedDocument* doc_ = nullptr;
  size_t literal_count_ = 0;
  std::vector<uint64_t> present_bits_;
  struct Range {
    uint32_t begin = 0;  // in sorted_
    uint32_t end = 0;
  };
  std::vector<Range> ranges_;  // per literal, meaningful when present
  std::vector<uint32_t> present_;
  std::vector<Hit> sorted_;
};

// The root's verdict before the topic threshold; s.values holds every node's.
NodeValue EvaluateRule(const RuleProgram& program, RuleRef rule, EvalScratch& s);

// The term occurrences that make a true rule true, in text order, at most
// `max_hits`; offsets and snippets refer to the original field texts. Reads
// s.values, so call it right after EvaluateRule on the same rule.
std::vector<TermHit> ExplainRule(const RuleProgram& program, RuleRef rule, EvalScratch& s, std::string_view title,
                                 std::string_view body, size_t max_hits);

// Every occurrence of the rule's terms outside NOT, in text order, at most
// `max_hits`, whether or not the rule is true: why a story was missed.
std::vector<TermHit> ExplainOccurrences(const RuleProgram& program, RuleRef rule, EvalScratch& s,
                                        std::string_view title, std::string_view body, size_t max_hits);

// The snippet text of `text`: invalid UTF-8 replaced by U+FFFD, white space
// runs collapsed to one space and trimmed, in one pass.
std::string SnippetText(std::string_view text);

}  // namespace newsmon::match
