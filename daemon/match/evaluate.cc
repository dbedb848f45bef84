#include "match/evaluate.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <iterator>
#include <unordered_map>

#include "util/text.h"

namespace newsmon::match {

RuleRef RuleProgram::Add(const Rule& rule, const std::vector<uint32_t>& literal_ids) {
  RuleRef r;
  r.begin = static_cast<uint32_t>(nodes_.size());
  // A rule's terms sit together, each once: explaining a match then costs
  // one cache miss for its strings, not one per term.
  std::unordered_map<std::string_view, uint32_t> interned;
  for (size_t i = 0; i < rule.nodes.size(); ++i) {
    const RuleNode& n = rule.nodes[i];
    EvalNode e;
    e.kind = n.kind;
    e.fields = n.fields;
    e.infix = n.infix;
    e.word_count = static_cast<uint8_t>(n.word_count);
    if (n.kind == RuleNode::Kind::kWeight) e.weight = n.weight;
    if (n.kind == RuleNode::Kind::kNear || n.kind == RuleNode::Kind::kNotNear) {
      e.param = static_cast<uint32_t>(n.distance);
    }
    if (n.kind == RuleNode::Kind::kCount || n.kind == RuleNode::Kind::kDensity) {
      e.param = static_cast<uint32_t>(n.min_count);
    }
    if (n.kind == RuleNode::Kind::kParas) {
      e.param = static_cast<uint32_t>(n.min_count);
      e.share = n.share;
    }
    if (n.kind == RuleNode::Kind::kTerm) {
      e.term.literal = literal_ids[i];
      const auto [it, added] = interned.emplace(n.written, static_cast<uint32_t>(written_.size()));
      if (added) {
        const auto length = static_cast<uint32_t>(n.written.size());
        written_.append(reinterpret_cast<const char*>(&length), sizeof length);
        written_ += n.written;
      }
      e.term.written = it->second;
    }
    e.kids_begin = static_cast<uint32_t>(kids_.size());
    kids_.insert(kids_.end(), n.kids.begin(), n.kids.end());
    e.kids_end = static_cast<uint32_t>(kids_.size());
    nodes_.push_back(e);
  }
  r.end = static_cast<uint32_t>(nodes_.size());
  return r;
}

std::string_view RuleProgram::written(uint32_t offset) const {
  uint32_t length = 0;
  std::memcpy(&length, written_.data() + offset, sizeof length);
  return std::string_view(written_).substr(offset + sizeof length, length);
}

void EvalScratch::Reset(size_t literal_count) {
  for (uint32_t lit : present_) present_bits_[lit >> 6] &= ~(uint64_t{1} << (lit & 63));
  present_.clear();
  if (ranges_.size() < literal_count) {
    ranges_.resize(literal_count);
    present_bits_.resize((literal_count + 63) / 64, 0);
  }
  literal_count_ = literal_count;
  doc_ = nullptr;
  sorted_.clear();
}

void EvalScratch::SetHits(const FoldedDocument& doc, const std::vector<Hit>& hits) {
  doc_ = &doc;
  // A counting sort by literal: the scan reports hits in text order, so each
  // literal's hits come out in word order without comparing them.
  for (const Hit& h : hits) {
    const uint32_t lit = h.literal;
    if (lit >= literal_count_) continue;
    if (!Present(lit)) {
      present_bits_[lit >> 6] |= uint64_t{1} << (lit & 63);
      present_.push_back(lit);
      ranges_[lit].end = 0;
    }
    ++ranges_[lit].end;
  }
  uint32_t offset = 0;
  for (uint32_t lit : present_) {
    Range& r = ranges_[lit];
    r.begin = offset;
    offset += r.end;
    r.end = r.begin;
  }
  sorted_.resize(offset);
  for (const Hit& h : hits) {
    if (h.literal < literal_count_) sorted_[ranges_[h.literal].end++] = h;
  }
  // Hyperscan orders matches by end offset; a literal's occurrences all have
  // its length, so they are in start order too. Checked, not assumed.
  for (uint32_t lit : present_) {
    Hit* first = sorted_.data() + ranges_[lit].begin;
    Hit* last = sorted_.data() + ranges_[lit].end;
    if (!std::is_sorted(first, last, [](const Hit& a, const Hit& b) { return a.first_word < b.first_word; })) {
      std::sort(first, last, [](const Hit& a, const Hit& b) { return a.first_word < b.first_word; });
    }
  }
}

namespace {

class Evaluator {
 public:
  Evaluator(const RuleProgram& program, RuleRef rule, EvalScratch& s)
      : nodes_(program.nodes(rule)), size_(rule.size()), kids_(program.kids()), s_(s) {}

  NodeValue Run() {
    if (s_.values.size() < size_) s_.values.resize(size_);
    s_.spans.clear();
    for (uint32_t i = 0; i < size_; ++i) s_.values[i] = Node(nodes_[i]);
    return size_ == 0 ? NodeValue{} : s_.values[size_ - 1];
  }

 private:
  static uint32_t SpanCount(const NodeValue& v) { return v.end - v.begin; }
  const NodeValue& Kid(const EvalNode& n, uint32_t k = 0) const { return s_.values[kids_[n.kids_begin + k]]; }

  NodeValue Node(const EvalNode& n) {
    switch (n.kind) {
      case RuleNode::Kind::kTerm:
        return Term(n);
      case RuleNode::Kind::kAnd: {
        NodeValue v;
        for (uint32_t k = n.kids_begin; k < n.kids_end; ++k) {
          if (!s_.values[kids_[k]].ok) return NodeValue{};
        }
        v.ok = true;
        for (uint32_t k = n.kids_begin; k < n.kids_end; ++k) v.score += s_.values[kids_[k]].score;
        Union(n, v);
        return v;
      }
      case RuleNode::Kind::kOr: {
        NodeValue v;
        for (uint32_t k = n.kids_begin; k < n.kids_end; ++k) {
          const NodeValue& kv = s_.values[kids_[k]];
          if (!kv.ok) continue;
          v.ok = true;
          v.score += kv.score;
        }
        if (v.ok) Union(n, v);
        return v;
      }
      case RuleNode::Kind::kNot: {
        NodeValue v;
        v.ok = !Kid(n).ok;
        v.begin = v.end = static_cast<uint32_t>(s_.spans.size());
        return v;
      }
      case RuleNode::Kind::kNear:
      case RuleNode::Kind::kSamePara:
        return Near(n);
      case RuleNode::Kind::kNotNear:
      case RuleNode::Kind::kNotSamePara:
        return NotNear(n);
      case RuleNode::Kind::kParas:
        return Paras(n);
      case RuleNode::Kind::kDensity: {
        NodeValue v = Kid(n);
        // Occurrences per 1,000 words, in integers: count * 1000 >= d * words.
        const uint64_t words = s_.doc()->words.size();
        if (!v.ok || uint64_t{SpanCount(v)} * 1000 < uint64_t{n.param} * words) return NodeValue{};
        return v;
      }
      case RuleNode::Kind::kCount: {
        NodeValue v = Kid(n);
        if (!v.ok || SpanCount(v) < n.param) return NodeValue{};
        return v;
      }
      case RuleNode::Kind::kWeight: {
        NodeValue v = Kid(n);
        v.score = v.ok ? n.weight * SpanCount(v) : 0;
        return v;
      }
    }
    return NodeValue{};
  }

  NodeValue Term(const EvalNode& n) {
    NodeValue v;
    v.begin = static_cast<uint32_t>(s_.spans.size());
    const auto [first, last] = s_.HitsOf(n.term.literal);
    if (n.fields == kFieldAny && n.word_count == 1 && !n.infix) {
      // Nothing to check: spare the word lookups, a miss each in a long story.
      for (const Hit* h = first; h != last; ++h) s_.spans.push_back(Span{h->first_word, h->first_word});
    } else {
      ScopedSpans(n, first, last);
    }
    v.end = static_cast<uint32_t>(s_.spans.size());
    v.ok = v.end > v.begin;
    v.score = v.end - v.begin;
    return v;
  }

  // The hits in the term's fields; a phrase's only within one paragraph.
  void ScopedSpans(const EvalNode& n, const Hit* first, const Hit* last) {
    const std::vector<Word>& words = s_.doc()->words;
    const uint32_t lead_end = s_.doc()->lead_end;
    const size_t before = s_.spans.size();
    for (const Hit* h = first; h != last; ++h) {
      const Word& head = words[h->first_word];
      if ((WordZone(head, h->first_word, lead_end) & n.fields) == 0) continue;
      // "*sanktion*" twice in one word is one occurrence.
      if (n.infix && s_.spans.size() > before && s_.spans.back().first == h->first_word) continue;
      const uint32_t last_word = h->first_word + n.word_count - 1u;
      // The stream does not mark paragraphs; a phrase must not span two.
      if (last_word != h->first_word && words[last_word].para != head.para) continue;
      s_.spans.push_back(Span{h->first_word, last_word});
    }
  }

  // The union of the true kids' spans, sorted and without duplicates.
  void Union(const EvalNode& n, NodeValue& v) {
    // One true kid: its spans are already sorted and unique.
    uint32_t true_kids = 0;
    const NodeValue* only = nullptr;
    for (uint32_t k = n.kids_begin; k < n.kids_end; ++k) {
      const NodeValue& kv = s_.values[kids_[k]];
      if (kv.ok) {
        ++true_kids;
        only = &kv;
      }
    }
    if (true_kids == 1) {
      v.begin = only->begin;
      v.end = only->end;
      return;
    }
    s_.tmp.clear();
    for (uint32_t k = n.kids_begin; k < n.kids_end; ++k) {
      const NodeValue& kv = s_.values[kids_[k]];
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

  static bool ByParagraph(const EvalNode& n) {
    return n.kind == RuleNode::Kind::kSamePara || n.kind == RuleNode::Kind::kNotSamePara;
  }

  // Appends to tmp the spans of `xs` that have a partner in `ys` (`want`
  // true) or that have none (`want` false).
  void Partners(const EvalNode& n, const NodeValue& xs, const NodeValue& ys, bool want = true) {
    const std::vector<Word>& words = s_.doc()->words;
    const Span* y_begin = s_.spans.data() + ys.begin;
    const Span* y_end = s_.spans.data() + ys.end;
    const Span* y_lo = y_begin;
    for (uint32_t i = xs.begin; i < xs.end; ++i) {
      const Span x = s_.spans[i];
      const Word& xw = words[x.first];
      bool found = false;
      if (ByParagraph(n)) {
        // Paragraph numbers grow with word index, so one forward pass suffices.
        while (y_lo != y_end && words[y_lo->first].para < xw.para) ++y_lo;
        // Spans are unique, so x itself is at most one of the candidates.
        for (const Span* y = y_lo; y != y_end && y < y_lo + 2 && !found; ++y) {
          found = words[y->first].para == xw.para && !(*y == x);
        }
      } else {
        // Any partner starts within distance + phrase length before x, or
        // within distance after it.
        const uint32_t reach = n.param + static_cast<uint32_t>(kMaxPhraseWords) + 1;
        const uint32_t from = x.first > reach ? x.first - reach : 0;
        const Span* y = std::lower_bound(y_begin, y_end, Span{from, 0});
        for (; y != y_end && y->first <= x.last + n.param + 1; ++y) {
          // An occurrence is not near itself: "x NEAR/5 x" wants two of them.
          if (!(*y == x) && words[y->first].field == xw.field && Gap(x, *y) <= n.param) {
            found = true;
            break;
          }
        }
      }
      if (found == want) s_.tmp.push_back(x);
    }
  }

  // The occurrences of `a NEAR b` are those of a that have a b near: one per
  // pair, so COUNT, DENSITY, PARAS and weights over "frozen NEAR/4 assets"
  // count "frozen Russian assets" once. (The explanation lists both sides.)
  NodeValue Near(const EvalNode& n) {
    const NodeValue a = Kid(n, 0);
    const NodeValue b = Kid(n, 1);
    if (!a.ok || !b.ok) return NodeValue{};
    s_.tmp.clear();
    Partners(n, a, b);
    if (s_.tmp.empty()) return NodeValue{};
    NodeValue v;
    v.ok = true;
    v.score = a.score + b.score;
    // A subsequence of a's spans: already sorted and unique.
    v.begin = static_cast<uint32_t>(s_.spans.size());
    s_.spans.insert(s_.spans.end(), s_.tmp.begin(), s_.tmp.end());
    v.end = static_cast<uint32_t>(s_.spans.size());
    return v;
  }

  // The left operand's occurrences with no right one near; they score their
  // share of the left operand's score.
  NodeValue NotNear(const EvalNode& n) {
    const NodeValue a = Kid(n, 0);
    const NodeValue b = Kid(n, 1);
    if (!a.ok) return NodeValue{};
    if (!b.ok) return a;
    s_.tmp.clear();
    Partners(n, a, b, false);
    if (s_.tmp.empty()) return NodeValue{};
    NodeValue v;
    v.ok = true;
    v.score = a.score * static_cast<double>(s_.tmp.size()) / static_cast<double>(SpanCount(a));
    v.begin = static_cast<uint32_t>(s_.spans.size());
    // Already sorted and unique: a subsequence of a's spans.
    s_.spans.insert(s_.spans.end(), s_.tmp.begin(), s_.tmp.end());
    v.end = static_cast<uint32_t>(s_.spans.size());
    return v;
  }

  // True when the kid's occurrences fall in enough distinct paragraphs.
  NodeValue Paras(const EvalNode& n) {
    const NodeValue v = Kid(n);
    if (!v.ok) return NodeValue{};
    const FoldedDocument& doc = *s_.doc();
    uint32_t need = n.param;
    if (n.share) need = std::max<uint32_t>(1, (n.param * doc.paragraphs + 99) / 100);
    uint32_t seen = 0;
    uint32_t last_para = 0;
    // Spans are in word order, so paragraph numbers never decrease.
    for (uint32_t i = v.begin; i < v.end && seen < need; ++i) {
      const uint32_t para = doc.words[s_.spans[i].first].para;
      if (para != last_para) {
        ++seen;
        last_para = para;
      }
    }
    return seen >= need ? v : NodeValue{};
  }

  const EvalNode* nodes_;
  uint32_t size_;
  const uint32_t* kids_;
  EvalScratch& s_;
};

class Explainer {
 public:
  Explainer(const RuleProgram& program, RuleRef rule, EvalScratch& s, std::string_view title, std::string_view body,
            size_t max_hits, bool every_occurrence = false)
      : every_occurrence_(every_occurrence),
        found_(s.found),
        program_(program),
        nodes_(program.nodes(rule)),
        size_(rule.size()),
        kids_(program.kids()),
        s_(s),
        title_(title),
        body_(body),
        max_hits_(max_hits) {}

  std::vector<TermHit> Run() {
    found_.clear();
    // The first node in post-order is a leaf: a term, whose string starts the rule's.
    if (size_ > 0 && nodes_[0].kind == RuleNode::Kind::kTerm) program_.PrefetchWritten(nodes_[0].term.written);
    if (size_ > 0) Collect(size_ - 1, nullptr, nullptr);
    // By occurrence, then by term: a term used in several places of a rule
    // (a definition used twice) is listed once per occurrence.
    std::sort(found_.begin(), found_.end(), [this](const Found& a, const Found& b) {
      if (!(a.first == b.first)) return a.first < b.first;
      return nodes_[a.second].term.written < nodes_[b.second].term.written;
    });
    // Interned per rule, so equal written terms have equal offsets.
    found_.erase(std::unique(found_.begin(), found_.end(),
                             [&](const Found& a, const Found& b) {
                               return a.first == b.first &&
                                      nodes_[a.second].term.written == nodes_[b.second].term.written;
                             }),
                 found_.end());
    std::vector<TermHit> hits;
    hits.reserve(std::min(found_.size(), max_hits_));
    for (const Found& f : found_) {
      if (hits.size() >= max_hits_) break;
      hits.push_back(MakeHit(f));
    }
    return hits;
  }

 private:
  using Found = std::pair<Span, uint32_t>;

  // Under a proximity operator only the occurrences that have a partner
  // explain the verdict; [filter, filter_end) are those occurrences.
  void Collect(uint32_t index, const Span* filter, const Span* filter_end) {
    const EvalNode& n = nodes_[index];
    const NodeValue& v = s_.values[index];
    if (every_occurrence_) {
      if (n.kind == RuleNode::Kind::kNot) return;
      if (n.kind != RuleNode::Kind::kTerm) {
        for (uint32_t k = n.kids_begin; k < n.kids_end; ++k) Collect(kids_[k], nullptr, nullptr);
        return;
      }
    }
    if (!v.ok) return;
    switch (n.kind) {
      case RuleNode::Kind::kTerm:
        for (uint32_t i = v.begin; i < v.end; ++i) {
          const Span& sp = s_.spans[i];
          if (filter != nullptr && !std::binary_search(filter, filter_end, sp)) continue;
          // Enough to explain, yet bounded for a story that repeats a term a million times.
          if (found_.size() >= 16 * max_hits_) return;
          found_.emplace_back(sp, index);
        }
        return;
      case RuleNode::Kind::kNot:
        return;
      case RuleNode::Kind::kNear:
      case RuleNode::Kind::kSamePara: {
        // The node's occurrences are its left operand's that have a partner;
        // under an outer proximity only those the outer one kept count.
        std::vector<Span>& left = owned_.emplace_back();
        const Span* mine = s_.spans.data() + v.begin;
        const Span* mine_end = s_.spans.data() + v.end;
        if (filter == nullptr) {
          left.assign(mine, mine_end);
        } else {
          std::set_intersection(mine, mine_end, filter, filter_end, std::back_inserter(left));
        }
        Collect(kids_[n.kids_begin], left.data(), left.data() + left.size());
        // The right operand's occurrences that are their partners.
        const NodeValue& rv = s_.values[kids_[n.kids_begin + 1]];
        std::vector<Span>& right = owned_.emplace_back();
        for (uint32_t i = rv.begin; i < rv.end; ++i) {
          if (HasPartner(n, s_.spans[i], left)) right.push_back(s_.spans[i]);
        }
        Collect(kids_[n.kids_begin + 1], right.data(), right.data() + right.size());
        return;
      }
      case RuleNode::Kind::kNotNear:
      case RuleNode::Kind::kNotSamePara:
        // Only the left operand's occurrences that kept their distance
        // explain it; the right operand is what they avoid.
        if (filter == nullptr) {
          filter = s_.spans.data() + v.begin;
          filter_end = s_.spans.data() + v.end;
        }
        Collect(kids_[n.kids_begin], filter, filter_end);
        return;
      default:
        break;
    }
    for (uint32_t k = n.kids_begin; k < n.kids_end; ++k) Collect(kids_[k], filter, filter_end);
  }

  // Whether `y` has an occurrence of `xs` (sorted) near it, by the rules of
  // proximity node `n`.
  bool HasPartner(const EvalNode& n, const Span& y, const std::vector<Span>& xs) const {
    const std::vector<Word>& words = s_.doc()->words;
    if (n.kind == RuleNode::Kind::kSamePara) {
      const uint32_t para = words[y.first].para;
      auto it = std::partition_point(xs.begin(), xs.end(), [&](const Span& x) { return words[x.first].para < para; });
      for (; it != xs.end() && words[it->first].para == para; ++it) {
        if (!(*it == y)) return true;
      }
      return false;
    }
    const uint32_t reach = n.param + static_cast<uint32_t>(kMaxPhraseWords) + 1;
    const uint32_t from = y.first > reach ? y.first - reach : 0;
    for (auto it = std::lower_bound(xs.begin(), xs.end(), Span{from, 0});
         it != xs.end() && it->first <= y.last + n.param + 1; ++it) {
      const uint32_t gap =
          it->first > y.last ? it->first - y.last - 1 : (y.first > it->last ? y.first - it->last - 1 : 0);
      if (!(*it == y) && words[it->first].field == words[y.first].field && gap <= n.param) return true;
    }
    return false;
  }

  TermHit MakeHit(const Found& found) const {
    const Span& span = found.first;
    const std::vector<Word>& words = s_.doc()->words;
    const Word& first = words[span.first];
    const Word& last = words[span.last];
    TermHit h;
    h.term = program_.written(nodes_[found.second].term.written);
    h.field = first.field == kFieldTitle ? MatchField::kTitle : MatchField::kBody;
    h.start = first.cp_start;
    h.end = last.cp_end;
    h.paragraph = first.field == kFieldTitle ? 0 : first.para - 1;
    h.lead = span.first < s_.doc()->lead_end;
    // A few words either side, from the same field.
    constexpr uint32_t kContext = 4;
    uint32_t lo = span.first;
    for (uint32_t k = 0; k < kContext && lo > 0 && words[lo - 1].field == first.field; ++k) --lo;
    uint32_t hi = span.last;
    for (uint32_t k = 0; k < kContext && hi + 1 < words.size() && words[hi + 1].field == first.field; ++k) ++hi;
    const std::string_view text = first.field == kFieldTitle ? title_ : body_;
    const size_t from = words[lo].orig_start;
    const size_t to = std::min<size_t>(words[hi].orig_end, text.size());
    if (from < to) h.snippet = SnippetText(text.substr(from, to - from));
    return h;
  }

  bool every_occurrence_;
  // Filters made while explaining proximity, kept until the explanation is
  // done (a deque: filters point into them while later ones are added).
  std::deque<std::vector<Span>> owned_;
  std::vector<Found>& found_;
  const RuleProgram& program_;
  const EvalNode* nodes_;
  uint32_t size_;
  const uint32_t* kids_;
  const EvalScratch& s_;
  std::string_view title_;
  std::string_view body_;
  size_t max_hits_;
};

}  // namespace

NodeValue EvaluateRule(const RuleProgram& program, RuleRef rule, EvalScratch& s) {
  return Evaluator(program, rule, s).Run();
}

std::vector<TermHit> ExplainRule(const RuleProgram& program, RuleRef rule, EvalScratch& s, std::string_view title,
                                 std::string_view body, size_t max_hits) {
  return Explainer(program, rule, s, title, body, max_hits).Run();
}

std::vector<TermHit> ExplainOccurrences(const RuleProgram& program, RuleRef rule, EvalScratch& s,
                                        std::string_view title, std::string_view body, size_t max_hits) {
  return Explainer(program, rule, s, title, body, max_hits, true).Run();
}

std::string SnippetText(std::string_view text) { return CollapseWhitespace(text, InvalidUtf8::kReplace); }

}  // namespace newsmon::match
