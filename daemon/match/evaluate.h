// Rule evaluation on term hits: the boolean, proximity, count and weight
// logic behind Matcher, separated from scanning so it stays pure.
//
//   EvalScratch s;
//   s.Reset(literal_count);
//   s.SetHits(doc, hits);                       // hits from one scan of doc.stream
//   bool ok = EvaluateRule(rule, literal_ids, s); // fills s.values
//   ExplainRule(rule, s, title, body, hits_out);
//
// A term's hits are word spans; every node's value is a verdict, a score and
// the spans of the terms that make it true, so proximity and counts compose
// over groups.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "match/fold.h"
#include "match/matcher.h"
#include "match/rule.h"

namespace newsmon::match {

// One occurrence of a literal in the folded stream.
struct Hit {
  uint32_t literal = 0;
  uint32_t first_word = 0;
  bool whole = false;  // ends at a word end (an exact term); prefix terms take any
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

// Per-thread buffers, reused from story to story.
class EvalScratch {
 public:
  // Prepares for a new document over `literal_count` literals.
  void Reset(size_t literal_count);
  // Sorts `hits` and indexes them by literal; `hits` must outlive evaluation.
  void SetHits(const FoldedDocument& doc, std::vector<Hit>& hits);
  const FoldedDocument* doc() const { return doc_; }
  // Literal ids that occur in the document, each once.
  const std::vector<uint32_t>& present_literals() const { return present_; }

  std::vector<NodeValue> values;
  std::vector<Span> spans;
  std::vector<Span> tmp;
  std::vector<uint8_t> marks;

  // Hits of `literal`, sorted by first word.
  std::pair<const Hit*, const Hit*> HitsOf(uint32_t literal) const;

 private:
  const FoldedDocument* doc_ = nullptr;
  const std::vector<Hit>* hits_ = nullptr;
  std::vector<uint32_t> begin_, end_, stamp_;
  std::vector<uint32_t> present_;
  uint32_t current_ = 0;
};

// `literal_ids[i]` is the literal of rule.nodes[i] when it is a term. Returns
// the root's verdict before the topic threshold; s.values holds every node's.
NodeValue EvaluateRule(const Rule& rule, const std::vector<uint32_t>& literal_ids, EvalScratch& s);

// The term occurrences that make a true rule true, in text order, at most
// `max_hits`; offsets and snippets refer to the original field texts.
std::vector<TermHit> ExplainRule(const Rule& rule, const EvalScratch& s, std::string_view title, std::string_view body,
                                 size_t max_hits);

}  // namespace newsmon::match
