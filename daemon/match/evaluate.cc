#include "match/evaluate.h"

#include <algorithm>

#include "util/text.h"

namespace newsmon::match {

void EvalScratch::Reset(size_t literal_count) {
  if (begin_.size() < literal_count) {
    begin_.resize(literal_count);
    end_.resize(literal_count);
    stamp_.resize(literal_count, 0);
  }
  if (++current_ == 0) {
    // The stamp wrapped: old stamps could look current again.
    std::fill(stamp_.begin(), stamp_.end(), 0);
    current_ = 1;
  }
  present_.clear();
  doc_ = nullptr;
  hits_ = nullptr;
}

void EvalScratch::SetHits(const FoldedDocument& doc, std::vector<Hit>& hits) {
  doc_ = &doc;
  hits_ = &hits;
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.literal != b.literal ? a.literal < b.literal : a.first_word < b.first_word;
  });
  for (uint32_t i = 0; i < hits.size();) {
    const uint32_t lit = hits[i].literal;
    uint32_t j = i;
    while (j < hits.size() && hits[j].literal == lit) ++j;
    if (lit < stamp_.size()) {
      stamp_[lit] = current_;
      begin_[lit] = i;
      end_[lit] = j;
      present_.push_back(lit);
    }
    i = j;
  }
}

std::pair<const Hit*, const Hit*> EvalScratch::HitsOf(uint32_t literal) const {
  if (hits_ == nullptr || literal >= stamp_.size() || stamp_[literal] != current_) return {nullptr, nullptr};
  const Hit* base = hits_->data();
  return {base + begin_[literal], base + end_[literal]};
}

namespace {

class Evaluator {
 public:
  Evaluator(const Rule& rule, const std::vector<uint32_t>& literal_ids, EvalScratch& s)
      : rule_(rule), literal_ids_(literal_ids), s_(s) {}

  NodeValue Run() {
    s_.values.assign(rule_.nodes.size(), NodeValue{});
    s_.spans.clear();
    for (size_t i = 0; i < rule_.nodes.size(); ++i) s_.values[i] = Node(i);
    return s_.values.empty() ? NodeValue{} : s_.values.back();
  }

 private:
  uint32_t SpanCount(const NodeValue& v) const { return v.end - v.begin; }

  NodeValue Node(size_t index) {
    const RuleNode& n = rule_.nodes[index];
    switch (n.kind) {
      case RuleNode::Kind::kTerm:
        return Term(n, literal_ids_[index]);
      case RuleNode::Kind::kAnd: {
        NodeValue v;
        v.ok = true;
        for (uint32_t k : n.kids) v.ok = v.ok && s_.values[k].ok;
        if (!v.ok) return NodeValue{};
        for (uint32_t k : n.kids) v.score += s_.values[k].score;
        Union(n.kids, v);
        return v;
      }
      case RuleNode::Kind::kOr: {
        NodeValue v;
        for (uint32_t k : n.kids) {
          if (!s_.values[k].ok) continue;
          v.ok = true;
          v.score += s_.values[k].score;
        }
        if (v.ok) Union(n.kids, v);
        return v;
      }
      case RuleNode::Kind::kNot: {
        NodeValue v;
        v.ok = !s_.values[n.kids[0]].ok;
        v.begin = v.end = static_cast<uint32_t>(s_.spans.size());
        return v;
      }
      case RuleNode::Kind::kNear:
      case RuleNode::Kind::kSamePara:
        return Near(n);
      case RuleNode::Kind::kCount: {
        NodeValue v = s_.values[n.kids[0]];
        if (!v.ok || SpanCount(v) < static_cast<uint32_t>(n.min_count)) return NodeValue{};
        return v;
      }
      case RuleNode::Kind::kWeight: {
        NodeValue v = s_.values[n.kids[0]];
        v.score = v.ok ? n.weight * SpanCount(v) : 0;
        return v;
      }
    }
    return NodeValue{};
  }

  NodeValue Term(const RuleNode& n, uint32_t literal) {
    NodeValue v;
    v.begin = static_cast<uint32_t>(s_.spans.size());
    const auto [first, last] = s_.HitsOf(literal);
    const std::vector<Word>& words = s_.doc()->words;
    for (const Hit* h = first; h != last; ++h) {
      if (!n.prefix && !h->whole) continue;
      if ((words[h->first_word].field & n.fields) == 0) continue;
      s_.spans.push_back(Span{h->first_word, h->first_word + n.word_count - 1});
    }
    v.end = static_cast<uint32_t>(s_.spans.size());
    v.ok = v.end > v.begin;
    v.score = v.end - v.begin;
    return v;
  }

  // The union of the true kids' spans, sorted and without duplicates.
  void Union(const std::vector<uint32_t>& kids, NodeValue& v) {
    s_.tmp.clear();
    for (uint32_t k : kids) {
      const NodeValue& kv = s_.values[k];
      if (kv.ok) s_.tmp.insert(s_.tmp.end(), s_.spans.begin() + kv.begin, s_.spans.begin() + kv.end);
    }
    Emit(v);
  }

  void Emit(NodeValue& v) {
    std::sort(s_.tmp.begin(), s_.tmp.end());
    s_.tmp.erase(std::unique(s_.tmp.begin(), s_.tmp.end()), s_.tmp.end());
    v.begin = static_cast<uint32_t>(s_.spans.size());
    s_.spans.insert(s_.spans.end(), s_.tmp.begin(), s_.tmp.end());
    v.end = static_cast<uint32_t>(s_.spans.size());
  }

  // Words strictly between two spans; 0 when they touch or overlap.
  static uint32_t Gap(const Span& a, const Span& b) {
    if (b.first > a.last) return b.first - a.last - 1;
    if (a.first > b.last) return a.first - b.last - 1;
    return 0;
  }

  // Appends to tmp the spans of `xs` that have a partner in `ys`.
  void Partners(const RuleNode& n, const NodeValue& xs, const NodeValue& ys) {
    const std::vector<Word>& words = s_.doc()->words;
    const Span* y_begin = s_.spans.data() + ys.begin;
    const Span* y_end = s_.spans.data() + ys.end;
    const Span* y_lo = y_begin;
    for (uint32_t i = xs.begin; i < xs.end; ++i) {
      const Span x = s_.spans[i];
      const Word& xw = words[x.first];
      bool found = false;
      if (n.kind == RuleNode::Kind::kSamePara) {
        // Paragraph numbers grow with word index, so one forward pass suffices.
        while (y_lo != y_end && words[y_lo->first].para < xw.para) ++y_lo;
        // Spans are unique, so x itself is at most one of the candidates.
        for (const Span* y = y_lo; y != y_end && y < y_lo + 2 && !found; ++y) {
          found = words[y->first].para == xw.para && !(*y == x);
        }
      } else {
        // Any partner starts within distance + phrase length before x, or
        // within distance after it.
        const uint32_t reach = static_cast<uint32_t>(n.distance) + static_cast<uint32_t>(kMaxPhraseWords) + 1;
        const uint32_t from = x.first > reach ? x.first - reach : 0;
        const Span* y = std::lower_bound(y_begin, y_end, Span{from, 0});
        for (; y != y_end && y->first <= x.last + static_cast<uint32_t>(n.distance) + 1; ++y) {
          // An occurrence is not near itself: "x NEAR/5 x" wants two of them.
          if (!(*y == x) && words[y->first].field == xw.field && Gap(x, *y) <= static_cast<uint32_t>(n.distance)) {
            found = true;
            break;
          }
        }
      }
      if (found) s_.tmp.push_back(x);
    }
  }

  NodeValue Near(const RuleNode& n) {
    const NodeValue a = s_.values[n.kids[0]];
    const NodeValue b = s_.values[n.kids[1]];
    if (!a.ok || !b.ok) return NodeValue{};
    s_.tmp.clear();
    Partners(n, a, b);
    if (s_.tmp.empty()) return NodeValue{};
    Partners(n, b, a);
    NodeValue v;
    v.ok = true;
    v.score = a.score + b.score;
    Emit(v);
    return v;
  }

  const Rule& rule_;
  const std::vector<uint32_t>& literal_ids_;
  EvalScratch& s_;
};

class Explainer {
 public:
  Explainer(const Rule& rule, const EvalScratch& s, std::string_view title, std::string_view body, size_t max_hits)
      : rule_(rule), s_(s), title_(title), body_(body), max_hits_(max_hits) {}

  std::vector<TermHit> Run() {
    if (!rule_.nodes.empty()) Collect(rule_.nodes.size() - 1, nullptr, nullptr);
    std::sort(found_.begin(), found_.end(),
              [](const Found& a, const Found& b) { return a.span != b.span ? a.span < b.span : a.node < b.node; });
    found_.erase(std::unique(found_.begin(), found_.end(),
                             [&](const Found& a, const Found& b) {
                               return a.span == b.span && rule_.nodes[a.node].written == rule_.nodes[b.node].written;
                             }),
                 found_.end());
    std::vector<TermHit> hits;
    for (const Found& f : found_) {
      if (hits.size() >= max_hits_) break;
      hits.push_back(MakeHit(f));
    }
    return hits;
  }

 private:
  struct Found {
    Span span;
    size_t node;
  };

  // Under a proximity operator only the occurrences that have a partner
  // explain the verdict; [filter, filter_end) are those occurrences.
  void Collect(size_t index, const Span* filter, const Span* filter_end) {
    const RuleNode& n = rule_.nodes[index];
    const NodeValue& v = s_.values[index];
    if (!v.ok) return;
    switch (n.kind) {
      case RuleNode::Kind::kTerm:
        for (uint32_t i = v.begin; i < v.end; ++i) {
          const Span& sp = s_.spans[i];
          if (filter != nullptr && !std::binary_search(filter, filter_end, sp)) continue;
          // Enough to explain, yet bounded for a story that repeats a term a million times.
          if (found_.size() >= 16 * max_hits_) return;
          found_.push_back(Found{sp, index});
        }
        return;
      case RuleNode::Kind::kNot:
        return;
      case RuleNode::Kind::kNear:
      case RuleNode::Kind::kSamePara:
        if (filter == nullptr) {
          filter = s_.spans.data() + v.begin;
          filter_end = s_.spans.data() + v.end;
        }
        break;
      default:
        break;
    }
    for (uint32_t k : n.kids) Collect(k, filter, filter_end);
  }

  TermHit MakeHit(const Found& f) const {
    const std::vector<Word>& words = s_.doc()->words;
    const Word& first = words[f.span.first];
    const Word& last = words[f.span.last];
    TermHit h;
    h.term = rule_.nodes[f.node].written;
    h.field = first.field == kFieldTitle ? MatchField::kTitle : MatchField::kBody;
    h.start = first.cp_start;
    h.end = last.cp_end;
    // A few words either side, from the same field.
    constexpr uint32_t kContext = 4;
    uint32_t lo = f.span.first;
    for (uint32_t k = 0; k < kContext && lo > 0 && words[lo - 1].field == first.field; ++k) --lo;
    uint32_t hi = f.span.last;
    for (uint32_t k = 0; k < kContext && hi + 1 < words.size() && words[hi + 1].field == first.field; ++k) ++hi;
    const std::string_view text = first.field == kFieldTitle ? title_ : body_;
    const size_t from = words[lo].orig_start;
    const size_t to = std::min<size_t>(words[hi].orig_end, text.size());
    if (from < to) h.snippet = CollapseWhitespace(SanitizeUtf8(text.substr(from, to - from)));
    return h;
  }

  const Rule& rule_;
  const EvalScratch& s_;
  std::string_view title_;
  std::string_view body_;
  size_t max_hits_;
  std::vector<Found> found_;
};

}  // namespace

NodeValue EvaluateRule(const Rule& rule, const std::vector<uint32_t>& literal_ids, EvalScratch& s) {
  return Evaluator(rule, literal_ids, s).Run();
}

std::vector<TermHit> ExplainRule(const Rule& rule, const EvalScratch& s, std::string_view title, std::string_view body,
                                 size_t max_hits) {
  return Explainer(rule, s, title, body, max_hits).Run();
}

}  // namespace newsmon::match
