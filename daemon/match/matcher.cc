// First, thin matcher: a boolean/proximity evaluator over folded words.
// Replaced by the Hyperscan engine (see README "Topic rules").
#include "match/matcher.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "util/text.h"

namespace newsmon {

const char* MatchFieldName(MatchField field) { return field == MatchField::kTitle ? "title" : "body"; }

namespace {

struct Word {
  std::string text;  // folded
  size_t start = 0;  // code points
  size_t end = 0;
};

std::vector<Word> Words(std::string_view text) {
  const std::string folded = FoldForMatching(text);
  std::vector<Word> words;
  size_t cp = 0;
  Word cur;
  bool in_word = false;
  for (size_t i = 0; i < folded.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(folded[i]);
    const bool word_char = std::isalnum(c) || c >= 0x80;
    if (word_char) {
      if (!in_word) {
        cur = Word{};
        cur.start = cp;
        in_word = true;
      }
      cur.text += static_cast<char>(c);
    } else if (in_word) {
      cur.end = cp;
      words.push_back(cur);
      in_word = false;
    }
    if ((c & 0xC0) != 0x80) ++cp;
    if (word_char && (c & 0xC0) != 0x80) cur.end = cp;
  }
  if (in_word) {
    cur.end = cp;
    words.push_back(cur);
  }
  return words;
}

struct Node {
  enum Kind { kTerm, kAnd, kOr, kNot, kNear } kind = kTerm;
  std::vector<std::string> words;  // kTerm: one word or a phrase
  bool prefix = false;             // last word is a prefix
  std::string written;
  int distance = 0;
  std::vector<std::unique_ptr<Node>> kids;
};

class Parser {
 public:
  Parser(std::string_view q, const TopicConfig& t) : q_(q), topic_(t) {}

  std::unique_ptr<Node> Parse() {
    auto n = ParseOr();
    Skip();
    if (pos_ < q_.size()) Fail("unexpected '" + std::string(q_.substr(pos_, 1)) + "'");
    return n;
  }

 private:
  [[noreturn]] void Fail(const std::string& message) {
    SourceLocation at = topic_.query_where;
    at.column += static_cast<int>(pos_);
    throw Error{ErrorCode::kInvalidArgument, at.ToString() + ": " + message};
  }
  void Skip() {
    while (pos_ < q_.size() && std::isspace(static_cast<unsigned char>(q_[pos_]))) ++pos_;
  }
  bool Keyword(std::string_view kw) {
    Skip();
    if (q_.substr(pos_, kw.size()) != kw) return false;
    const size_t after = pos_ + kw.size();
    if (after < q_.size() && !std::isspace(static_cast<unsigned char>(q_[after])) && q_[after] != '(' &&
        q_[after] != '/') {
      return false;
    }
    pos_ = after;
    return true;
  }
  std::unique_ptr<Node> ParseOr() {
    auto left = ParseAnd();
    while (Keyword("OR")) {
      auto n = std::make_unique<Node>();
      n->kind = Node::kOr;
      n->kids.push_back(std::move(left));
      n->kids.push_back(ParseAnd());
      left = std::move(n);
    }
    return left;
  }
  std::unique_ptr<Node> ParseAnd() {
    auto left = ParseNear();
    while (true) {
      Skip();
      if (pos_ >= q_.size() || q_[pos_] == ')') break;
      const size_t save = pos_;
      if (Keyword("OR")) {
        pos_ = save;
        break;
      }
      Keyword("AND");
      auto n = std::make_unique<Node>();
      n->kind = Node::kAnd;
      n->kids.push_back(std::move(left));
      n->kids.push_back(ParseNear());
      left = std::move(n);
    }
    return left;
  }
  std::unique_ptr<Node> ParseNear() {
    auto left = ParseUnary();
    while (Keyword("NEAR")) {
      if (pos_ >= q_.size() || q_[pos_] != '/') Fail("NEAR needs a distance, like NEAR/10");
      ++pos_;
      size_t digits = pos_;
      while (digits < q_.size() && std::isdigit(static_cast<unsigned char>(q_[digits]))) ++digits;
      if (digits == pos_) Fail("NEAR needs a distance, like NEAR/10");
      auto n = std::make_unique<Node>();
      n->kind = Node::kNear;
      n->distance = std::stoi(std::string(q_.substr(pos_, digits - pos_)));
      pos_ = digits;
      n->kids.push_back(std::move(left));
      n->kids.push_back(ParseUnary());
      left = std::move(n);
    }
    return left;
  }
  std::unique_ptr<Node> ParseUnary() {
    if (Keyword("NOT")) {
      auto n = std::make_unique<Node>();
      n->kind = Node::kNot;
      n->kids.push_back(ParseUnary());
      return n;
    }
    return ParsePrimary();
  }
  std::unique_ptr<Node> ParsePrimary() {
    Skip();
    if (pos_ >= q_.size()) Fail("unexpected end of rule");
    if (q_[pos_] == '(') {
      ++pos_;
      auto n = ParseOr();
      Skip();
      if (pos_ >= q_.size() || q_[pos_] != ')') Fail("missing ')'");
      ++pos_;
      return n;
    }
    if (q_[pos_] == ')') Fail("unexpected ')'");
    auto n = std::make_unique<Node>();
    std::string raw;
    if (q_[pos_] == '"') {
      const size_t close = q_.find('"', pos_ + 1);
      if (close == std::string_view::npos) Fail("unterminated phrase");
      raw = std::string(q_.substr(pos_ + 1, close - pos_ - 1));
      pos_ = close + 1;
      n->written = "\"" + raw + "\"";
    } else {
      const size_t start = pos_;
      while (pos_ < q_.size() && !std::isspace(static_cast<unsigned char>(q_[pos_])) && q_[pos_] != '(' &&
             q_[pos_] != ')') {
        ++pos_;
      }
      raw = std::string(q_.substr(start, pos_ - start));
      n->written = raw;
    }
    if (!raw.empty() && raw.back() == '*') {
      n->prefix = true;
      raw.pop_back();
    }
    for (auto& w : Words(raw)) n->words.push_back(w.text);
    if (n->words.empty()) Fail("empty term");
    return n;
  }

  std::string_view q_;
  const TopicConfig& topic_;
  size_t pos_ = 0;
};

struct Eval {
  bool matched = false;
  std::vector<std::pair<size_t, size_t>> spans;  // word index ranges [first, last]
};

struct FieldWords {
  MatchField field;
  std::vector<Word> words;
};

class ThinMatcher final : public Matcher {
 public:
  struct Topic {
    std::string id;
    std::unique_ptr<Node> root;
  };
  explicit ThinMatcher(std::vector<Topic> topics) : topics_(std::move(topics)) {}

  std::vector<TopicResult> Match(const MatchInput& input) const override {
    const std::string text = std::string(input.title) + "\n\n" + std::string(input.body);
    const std::vector<Word> words = Words(text);
    const size_t title_cps = CodePointCount(input.title) + 2;
    std::vector<TopicResult> results;
    for (const auto& topic : topics_) {
      TopicResult r;
      r.topic_id = topic.id;
      std::vector<TermHit> hits;
      Eval e = Evaluate(*topic.root, words, hits);
      r.matched = e.matched;
      r.score = e.matched ? 1 : 0;
      if (r.matched) {
        for (auto& h : hits) {
          if (h.start >= title_cps) {
            h.field = MatchField::kBody;
            h.start -= title_cps;
            h.end -= title_cps;
          } else {
            h.field = MatchField::kTitle;
          }
        }
        r.terms = std::move(hits);
      }
      results.push_back(std::move(r));
    }
    return results;
  }

 private:
  static Eval Evaluate(const Node& n, const std::vector<Word>& words, std::vector<TermHit>& hits) {
    Eval e;
    switch (n.kind) {
      case Node::kTerm:
        for (size_t i = 0; i + n.words.size() <= words.size(); ++i) {
          bool ok = true;
          for (size_t k = 0; k < n.words.size() && ok; ++k) {
            const bool last = k + 1 == n.words.size();
            ok = (last && n.prefix) ? words[i + k].text.starts_with(n.words[k]) : words[i + k].text == n.words[k];
          }
          if (ok) {
            e.spans.emplace_back(i, i + n.words.size() - 1);
            hits.push_back(TermHit{n.written, MatchField::kBody, words[i].start, words[i + n.words.size() - 1].end, ""});
          }
        }
        e.matched = !e.spans.empty();
        return e;
      case Node::kNot: {
        std::vector<TermHit> ignored;
        e.matched = !Evaluate(*n.kids[0], words, ignored).matched;
        return e;
      }
      case Node::kOr:
      case Node::kAnd: {
        Eval a = Evaluate(*n.kids[0], words, hits);
        Eval b = Evaluate(*n.kids[1], words, hits);
        e.matched = n.kind == Node::kOr ? (a.matched || b.matched) : (a.matched && b.matched);
        e.spans = a.spans;
        e.spans.insert(e.spans.end(), b.spans.begin(), b.spans.end());
        return e;
      }
      case Node::kNear: {
        Eval a = Evaluate(*n.kids[0], words, hits);
        Eval b = Evaluate(*n.kids[1], words, hits);
        for (const auto& sa : a.spans) {
          for (const auto& sb : b.spans) {
            const size_t gap = sa.second < sb.first ? sb.first - sa.second : (sb.second < sa.first ? sa.first - sb.second : 0);
            if (gap <= static_cast<size_t>(n.distance)) {
              e.spans.emplace_back(std::min(sa.first, sb.first), std::max(sa.second, sb.second));
            }
          }
        }
        e.matched = !e.spans.empty();
        return e;
      }
    }
    return e;
  }

  std::vector<Topic> topics_;
};

}  // namespace

Result<std::shared_ptr<const Matcher>> Matcher::Compile(const std::vector<TopicConfig>& topics) {
  std::vector<ThinMatcher::Topic> compiled;
  try {
    for (const auto& t : topics) {
      Parser p(t.query, t);
      compiled.push_back({t.id, p.Parse()});
    }
  } catch (const Error& e) {
    return e;
  }
  return std::shared_ptr<const Matcher>(std::make_shared<ThinMatcher>(std::move(compiled)));
}

}  // namespace newsmon
