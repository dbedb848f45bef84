// The Hyperscan matcher: every topic's terms as folded literals in one
// database, one scan per story, rule evaluation on the hits.
#include "match/matcher.h"

#include <hs/hs.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <limits>
#include <unordered_map>

#include "match/evaluate.h"
#include "match/fold.h"
#include "match/rule.h"

namespace newsmon {

const char* MatchFieldName(MatchField field) { return field == MatchField::kTitle ? "title" : "body"; }

namespace {

using match::EvalScratch;
using match::FoldedDocument;
using match::Hit;
using match::Rule;
using match::RuleNode;

// A story repeating a term endlessly must not grow the hit list without
// bound; past this many hits the scan stops and the rest is not seen.
constexpr size_t kMaxHitsPerStory = 1u << 20;

// Hyperscan ids carry the literal's length in their low byte (kLongLiteral:
// look it up), which saves the callback a cache miss per hit.
constexpr unsigned kLengthBits = 8;
constexpr unsigned kLongLiteral = (1u << kLengthBits) - 1;

std::atomic<uint64_t> next_serial{1};

struct HsDatabaseDeleter {
  void operator()(hs_database_t* db) const { hs_free_database(db); }
};

// Everything one thread needs for one story; reused between stories.
struct ThreadWork {
  FoldedDocument doc;
  std::vector<Hit> hits;
  EvalScratch eval;
  std::vector<uint32_t> topics;
  // Bit per topic: already in `topics`. A bitmap (1.25 KB for 10,000
  // topics) rather than stamps keeps the scan's tables in cache. All zero
  // between stories unless a story was cut short (`topic_seen_dirty`).
  std::vector<uint64_t> topic_seen;
  bool topic_seen_dirty = false;
  hs_scratch_t* scratch = nullptr;
  uint64_t scratch_serial = 0;  // the matcher the scratch was last sized for
  ~ThreadWork() {
    if (scratch != nullptr) hs_free_scratch(scratch);
  }
};

ThreadWork& Work() {
  thread_local ThreadWork work;
  return work;
}

struct ScanContext {
  const FoldedDocument* doc;
  const std::vector<uint32_t>* literal_lengths;
  std::vector<Hit>* hits;
  const EvalScratch* eval;
  const uint32_t* trigger_begin;
};

// A term's literal carries the spaces around its words, the space after only
// for an exact term: Hyperscan then reports only whole-word occurrences
// (prefix terms: word-start ones), with no boundary left to check here.
// That makes the scan a fifth faster than one of the bare words (longer
// literals, fewer false starts) and drops the hits inside longer words,
// which were a third of all (bench/match_bench).
// A term with a leading wildcard (*sanktion*) has no space before it and is
// found inside words too; its hit still names the word it is in.
std::string ScanLiteral(const RuleNode& term) {
  return (term.infix ? "" : " ") + term.literal + (term.prefix ? "" : " ");
}

[[gnu::always_inline]] inline int RecordHit(unsigned int id, unsigned long long to, void* context) {
  auto* c = static_cast<ScanContext*>(context);
  const uint32_t literal = id >> kLengthBits;
  const size_t length = (id & kLongLiteral) != kLongLiteral ? id & kLongLiteral : (*c->literal_lengths)[literal];
  const size_t first_byte = static_cast<size_t>(to) - length + 1;  // after the leading space
  c->hits->push_back(Hit{literal, c->doc->WordAt(first_byte)});
  // Misses on the tables the hit is looked up in later, taken now, while
  // the scan goes on, instead of stalling those loops.
  c->eval->Prefetch(literal);
  __builtin_prefetch(c->trigger_begin + literal);
  return c->hits->size() >= kMaxHitsPerStory ? 1 : 0;
}

// Called for every hit. Debian builds for CPUs without POPCNT, which makes
// WordAt's popcount a library call; Hyperscan itself needs SSSE3 only, so
// the POPCNT build of the callback is chosen at run time.
int OnMatch(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
            void* context) {
  return RecordHit(id, to, context);
}
[[gnu::target("popcnt")]] int OnMatchPopcnt(unsigned int id, unsigned long long /*from*/, unsigned long long to,
                                            unsigned int /*flags*/, void* context) {
  return RecordHit(id, to, context);
}
match_event_handler HitHandler() {
  static const match_event_handler handler = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("popcnt") ? OnMatchPopcnt : OnMatch;
  }();
  return handler;
}

// Clauses (sets of literals, one of each must occur) that a node being true
// implies. Empty when the node can be true without any literal.
std::vector<std::vector<uint32_t>> RequiredClauses(const Rule& rule, const std::vector<uint32_t>& literal_ids,
                                                   size_t index) {
  constexpr size_t kMaxClauses = 8;
  const RuleNode& n = rule.nodes[index];
  std::vector<std::vector<uint32_t>> out;
  switch (n.kind) {
    case RuleNode::Kind::kTerm:
      out.push_back({literal_ids[index]});
      break;
    case RuleNode::Kind::kNot:
      break;
    case RuleNode::Kind::kNotNear:
    case RuleNode::Kind::kNotSamePara:
      // True with its left operand alone; the right one may be absent.
      return RequiredClauses(rule, literal_ids, n.kids[0]);
    case RuleNode::Kind::kOr: {
      // Some kid is true, so the smallest clause of some kid holds.
      std::vector<uint32_t> any;
      for (uint32_t k : n.kids) {
        auto kid = RequiredClauses(rule, literal_ids, k);
        if (kid.empty()) return {};
        auto smallest =
            std::min_element(kid.begin(), kid.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
        any.insert(any.end(), smallest->begin(), smallest->end());
      }
      std::sort(any.begin(), any.end());
      any.erase(std::unique(any.begin(), any.end()), any.end());
      out.push_back(std::move(any));
      break;
    }
    default:  // AND, NEAR, COUNT, weights: every kid must be true
      for (uint32_t k : n.kids) {
        for (auto& clause : RequiredClauses(rule, literal_ids, k)) {
          if (out.size() < kMaxClauses) out.push_back(std::move(clause));
        }
      }
      break;
  }
  return out;
}

// What evaluation reads of a topic; the id is only read for matched topics.
struct TopicInfo {
  match::RuleRef rule;
  double threshold = 0;
};

class HyperscanMatcher final : public Matcher {
 public:
  std::vector<TopicResult> Match(const MatchInput& input) const override { return Run(input, false, false); }
  std::vector<TopicResult> MatchedTopics(const MatchInput& input) const override { return Run(input, true, false); }
  std::vector<TopicResult> Explain(const MatchInput& input) const override { return Run(input, false, true); }

  static Result<std::shared_ptr<const Matcher>> Build(const std::vector<TopicConfig>& configs) {
    auto m = std::make_shared<HyperscanMatcher>();
    std::unordered_map<std::string, uint32_t> literal_index;
    std::vector<std::vector<uint32_t>> literal_topics;
    std::vector<std::vector<std::vector<uint32_t>>> topic_clauses;
    for (const TopicConfig& config : configs) {
      Result<Rule> rule = match::ParseRule(config.query, config.query_where, config.definitions.get());
      if (!rule) return rule.error();
      std::vector<uint32_t> literal_ids(rule->nodes.size(), 0);
      const auto topic_index = static_cast<uint32_t>(m->topics_.size());
      for (size_t i = 0; i < rule->nodes.size(); ++i) {
        const RuleNode& n = rule->nodes[i];
        if (n.kind != RuleNode::Kind::kTerm) continue;
        std::string literal = ScanLiteral(n);
        auto [it, added] = literal_index.emplace(literal, static_cast<uint32_t>(m->literals_.size()));
        if (added) {
          m->literal_lengths_.push_back(static_cast<uint32_t>(literal.size()));
          m->literals_.push_back(std::move(literal));
          literal_topics.emplace_back();
        }
        literal_ids[i] = it->second;
        auto& users = literal_topics[it->second];
        if (users.empty() || users.back() != topic_index) users.push_back(topic_index);
      }
      TopicInfo t;
      t.threshold = config.threshold;
      t.rule = m->program_.Add(*rule, literal_ids);
      topic_clauses.push_back(rule->nodes.empty() ? std::vector<std::vector<uint32_t>>{}
                                                  : RequiredClauses(*rule, literal_ids, rule->nodes.size() - 1));
      m->topics_.push_back(t);
      m->ids_.push_back(config.id);
    }
    m->BuildTriggers(literal_topics, topic_clauses);
    m->FindAlwaysEvaluated();
    if (Status s = m->CompileDatabase(); !s) return s.error();
    return std::shared_ptr<const Matcher>(std::move(m));
  }

 private:
  // Per literal, the topics using it, each with its required clauses inline
  // (the literal's own clause left out: it holds when the literal occurs).
  // A story touches a few hundred (literal, topic) pairs; reading them
  // sequentially costs far less than a cache miss per topic, its clause
  // list and each clause.
  void BuildTriggers(const std::vector<std::vector<uint32_t>>& literal_topics,
                     const std::vector<std::vector<std::vector<uint32_t>>>& topic_clauses) {
    trigger_begin_.push_back(0);
    for (uint32_t lit = 0; lit < literal_topics.size(); ++lit) {
      for (uint32_t topic : literal_topics[lit]) {
        const size_t record = triggers_.size();
        triggers_.push_back(topic);
        triggers_.push_back(0);  // the length of the clauses that follow
        for (const auto& clause : topic_clauses[topic]) {
          if (std::binary_search(clause.begin(), clause.end(), lit)) continue;
          triggers_.push_back(static_cast<uint32_t>(clause.size()));
          triggers_.insert(triggers_.end(), clause.begin(), clause.end());
        }
        triggers_[record + 1] = static_cast<uint32_t>(triggers_.size() - record - 2);
      }
      trigger_begin_.push_back(static_cast<uint32_t>(triggers_.size()));
    }
  }

  // Topics that can be true without any of their terms (NOT x, a OR NOT b)
  // are evaluated on every story; all others only when one of their terms occurs.
  void FindAlwaysEvaluated() {
    EvalScratch s;
    FoldedDocument empty;
    std::vector<Hit> no_hits;
    for (uint32_t i = 0; i < topics_.size(); ++i) {
      s.Reset(literals_.size());
      s.SetHits(empty, no_hits);
      const match::NodeValue v = match::EvaluateRule(program_, topics_[i].rule, s);
      if (v.ok) always_.push_back(i);
    }
  }

  Status CompileDatabase() {
    if (literals_.empty()) return Status::Ok();
    if (literals_.size() > (std::numeric_limits<unsigned int>::max() >> kLengthBits)) {
      return MakeError(ErrorCode::kLimit, "too many distinct terms in the topic rules");
    }
    std::vector<const char*> expressions;
    std::vector<size_t> lengths;
    std::vector<unsigned int> ids;
    std::vector<unsigned int> flags(literals_.size(), 0);
    for (size_t i = 0; i < literals_.size(); ++i) {
      expressions.push_back(literals_[i].data());
      lengths.push_back(literals_[i].size());
      ids.push_back(static_cast<unsigned int>(i << kLengthBits | std::min<size_t>(literals_[i].size(), kLongLiteral)));
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* error = nullptr;
    const hs_error_t rc =
        hs_compile_lit_multi(expressions.data(), flags.data(), ids.data(), lengths.data(),
                             static_cast<unsigned int>(literals_.size()), HS_MODE_BLOCK, nullptr, &db, &error);
    if (rc != HS_SUCCESS) {
      std::string message = error != nullptr && error->message != nullptr ? error->message : "unknown error";
      hs_free_compile_error(error);
      return MakeError(ErrorCode::kInternal, "compiling the topic terms failed: " + message);
    }
    db_.reset(db);
    return Status::Ok();
  }

  std::vector<TopicResult> Run(const MatchInput& input, bool only_matched, bool explain_misses) const {
    ThreadWork& w = Work();
    match::FoldDocument(input.title, input.body, w.doc);
    w.hits.clear();
    w.eval.Reset(literals_.size());
    if (db_ != nullptr && !w.doc.stream.empty()) Scan(w);
    w.eval.SetHits(w.doc, w.hits);

    // The topics worth evaluating: those using a literal that occurs, each
    // once, and only if every required clause has an occurring literal.
    if (w.topic_seen_dirty) std::fill(w.topic_seen.begin(), w.topic_seen.end(), 0);
    if (w.topic_seen.size() < topics_.size() / 64 + 1) w.topic_seen.resize(topics_.size() / 64 + 1, 0);
    w.topic_seen_dirty = true;
    w.topics.clear();
    auto add = [this, &w](uint32_t topic) {
      uint64_t& word = w.topic_seen[topic >> 6];
      const uint64_t bit = uint64_t{1} << (topic & 63);
      if ((word & bit) != 0) return;
      word |= bit;
      w.topics.push_back(topic);
      // Read again only after all candidates are found: a miss now overlaps
      // with the others instead of stalling the evaluation loop.
      __builtin_prefetch(&topics_[topic]);
    };
    // Being true without any literal, these have no required clauses.
    for (uint32_t topic : always_) add(topic);
    // Each literal's records are one cache miss away; asking for them a few
    // literals ahead overlaps the misses instead of paying them in turn.
    const std::vector<uint32_t>& present = w.eval.present_literals();
    constexpr size_t kAhead = 8;
    for (size_t j = 0; j < present.size(); ++j) {
      if (j + 2 * kAhead < present.size()) __builtin_prefetch(&trigger_begin_[present[j + 2 * kAhead]]);
      if (j + kAhead < present.size()) __builtin_prefetch(triggers_.data() + trigger_begin_[present[j + kAhead]]);
      const uint32_t lit = present[j];
      const uint32_t* p = triggers_.data() + trigger_begin_[lit];
      const uint32_t* const end = triggers_.data() + trigger_begin_[lit + 1];
      while (p < end) {
        const uint32_t* const next = p + 2 + p[1];
        if (p[1] == 0) {  // no clause besides this literal's own
          add(p[0]);
          p = next;
          continue;
        }
        if (ClausesHold(p + 2, next, w.eval)) add(p[0]);
        p = next;
      }
    }
    // Configuration order, as results are given: read off the bitmap, which
    // also clears it for the next story; cheaper than sorting the list.
    const size_t candidates = w.topics.size();
    w.topics.clear();
    for (size_t k = 0; w.topics.size() < candidates && k < w.topic_seen.size(); ++k) {
      uint64_t bits = w.topic_seen[k];
      w.topic_seen[k] = 0;
      for (; bits != 0; bits &= bits - 1) {
        w.topics.push_back(static_cast<uint32_t>(64 * k + static_cast<size_t>(std::countr_zero(bits))));
      }
    }
    w.topic_seen_dirty = false;
    if (explain_misses) {
      // Every topic, so a miss can show the terms it did find.
      w.topics.resize(topics_.size());
      for (uint32_t i = 0; i < topics_.size(); ++i) w.topics[i] = i;
    }

    std::vector<TopicResult> results;
    if (!only_matched) {
      results.resize(topics_.size());
      for (size_t i = 0; i < topics_.size(); ++i) results[i].topic_id = ids_[i];
    } else {
      results.reserve(w.topics.size());  // one allocation instead of growing
    }
    constexpr size_t kTopicsAhead = 4;
    for (size_t j = 0; j < w.topics.size(); ++j) {
      // The candidates' rules are scattered; fetch a few topics ahead.
      if (j + kTopicsAhead < w.topics.size()) {
        const match::RuleRef ahead = topics_[w.topics[j + kTopicsAhead]].rule;
        const char* first = reinterpret_cast<const char*>(program_.nodes(ahead));
        for (size_t off = 0; off < ahead.size() * sizeof(match::EvalNode); off += 64) __builtin_prefetch(first + off);
        if (only_matched) __builtin_prefetch(&ids_[w.topics[j + kTopicsAhead]]);  // copied if it matches
      }
      const uint32_t i = w.topics[j];
      const TopicInfo& t = topics_[i];
      const match::NodeValue v = match::EvaluateRule(program_, t.rule, w.eval);
      const bool matched = v.ok && (t.threshold <= 0 || v.score >= t.threshold);
      if (only_matched && !matched) continue;
      TopicResult& r = only_matched ? results.emplace_back() : results[i];
      r.topic_id = ids_[i];
      r.matched = matched;
      r.score = v.ok ? v.score : 0;
      if (matched) {
        r.terms = match::ExplainRule(program_, t.rule, w.eval, input.title, input.body, kMaxExplainedHits);
      } else if (explain_misses) {
        r.terms = match::ExplainOccurrences(program_, t.rule, w.eval, input.title, input.body, kMaxExplainedHits);
      }
    }
    return results;
  }

  // Clauses as [length, literals...]*: each needs one literal present.
  static bool ClausesHold(const uint32_t* p, const uint32_t* end, const EvalScratch& s) {
    while (p < end) {
      const uint32_t* const clause_end = p + 1 + p[0];
      const uint32_t* k = p + 1;
      while (k < clause_end && !s.Present(*k)) ++k;
      if (k == clause_end) return false;
      p = clause_end;
    }
    return true;
  }

  void Scan(ThreadWork& w) const {
    if (w.scratch_serial != serial_) {
      // Grows the thread's scratch to fit this database; cheap when it already does.
      if (hs_alloc_scratch(db_.get(), &w.scratch) != HS_SUCCESS) return;
      w.scratch_serial = serial_;
    }
    ScanContext context{&w.doc, &literal_lengths_, &w.hits, &w.eval, trigger_begin_.data()};
    hs_scan(db_.get(), w.doc.stream.data(), static_cast<unsigned int>(w.doc.stream.size()), 0, w.scratch, HitHandler(),
            &context);
  }

  std::vector<TopicInfo> topics_;
  std::vector<std::string> ids_;
  match::RuleProgram program_;
  std::vector<std::string> literals_;
  std::vector<uint32_t> literal_lengths_;
  // Literal i's records are triggers_[trigger_begin_[i] .. trigger_begin_[i + 1]),
  // each [topic, n, n words of clauses as ClausesHold reads them].
  std::vector<uint32_t> trigger_begin_;
  std::vector<uint32_t> triggers_;
  std::vector<uint32_t> always_;
  std::unique_ptr<hs_database_t, HsDatabaseDeleter> db_;
  const uint64_t serial_ = next_serial.fetch_add(1);
};

}  // namespace

Result<std::shared_ptr<const Matcher>> Matcher::Compile(const std::vector<TopicConfig>& topics) {
  try {
    return HyperscanMatcher::Build(topics);
  } catch (const std::bad_alloc&) {
    return MakeError(ErrorCode::kLimit, "out of memory compiling the topic rules");
  }
}

}  // namespace newsmon
