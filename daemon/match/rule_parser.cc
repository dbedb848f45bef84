#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "match/fold.h"
#include "match/rule.h"
#include "util/text.h"

namespace newsmon::match {

namespace {

// Thrown inside the parser only; ParseRule turns it into an Error.
struct RuleError {
  size_t offset;
  std::string token;
  std::string message;
};

struct Token {
  enum class Kind {
    kEnd,
    kWord,
    kPhrase,
    kLParen,
    kRParen,
    kAnd,
    kOr,
    kNot,
    kNear,
    kSamePara,
    kCount,
    kParas,
    kDensity,
    kRef,
    kField,
    kWeight
  };
  Kind kind = Kind::kEnd;
  size_t offset = 0;      // byte offset in the rule text
  std::string_view text;  // as written
  int number = 0;         // kNear distance, kCount minimum, kParas minimum
  bool share = false;     // kParas: `number` is a percentage
  double weight = 0;      // kWeight
  uint8_t fields = 0;     // kField
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
bool IsDelimiter(char c) { return IsSpace(c) || c == '(' || c == ')' || c == '"' || c == '^'; }

bool ParseSmallInt(std::string_view digits, int max, int& out) {
  if (digits.empty() || digits.size() > 6) return false;
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return out <= max;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  // The token after the next, without consuming anything.
  Token Peek() const {
    Lexer copy = *this;
    return copy.Next();
  }

  Token Next() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
    Token t;
    t.offset = pos_;
    if (pos_ >= text_.size()) return t;
    const char c = text_[pos_];
    if (c == '(' || c == ')') {
      t.kind = c == '(' ? Token::Kind::kLParen : Token::Kind::kRParen;
      t.text = text_.substr(pos_++, 1);
      return t;
    }
    if (c == '"') return Phrase();
    if (c == '^') return Weight();
    size_t end = pos_;
    while (end < text_.size() && !IsDelimiter(text_[end])) ++end;
    std::string_view word = text_.substr(pos_, end - pos_);
    // "title:russia" is a field followed by a term, lexed as two tokens.
    const size_t colon = word.find(':');
    if (colon != std::string_view::npos && colon > 0 &&
        std::all_of(word.begin(), word.begin() + static_cast<long>(colon),
                    [](char x) { return (x >= 'a' && x <= 'z') || (x >= 'A' && x <= 'Z'); })) {
      const std::string_view name = word.substr(0, colon);
      t.text = word.substr(0, colon + 1);
      if (name == "title") {
        t.fields = kFieldTitle;
      } else if (name == "body") {
        t.fields = kFieldBody;
      } else if (name == "lead") {
        t.fields = kFieldLead;
      } else {
        throw RuleError{pos_, std::string(word),
                        "unknown field '" + std::string(name) + "' (fields are title:, body: and lead:)"};
      }
      t.kind = Token::Kind::kField;
      pos_ += colon + 1;
      return t;
    }
    t.text = word;
    pos_ = end;
    if (word.starts_with('@')) {
      if (word.size() < 2) throw RuleError{t.offset, std::string(word), "'@' needs a definition name, like @sanctions"};
      t.kind = Token::Kind::kRef;
      return t;
    }
    if (word == "AND") {
      t.kind = Token::Kind::kAnd;
    } else if (word == "OR") {
      t.kind = Token::Kind::kOr;
    } else if (word == "NOT") {
      t.kind = Token::Kind::kNot;
    } else if (word.starts_with("NEAR")) {
      if (word == "NEAR/para") {
        t.kind = Token::Kind::kSamePara;
      } else if (word.starts_with("NEAR/") && ParseSmallInt(word.substr(5), kMaxNearDistance, t.number)) {
        t.kind = Token::Kind::kNear;
      } else {
        throw RuleError{t.offset, std::string(word),
                        "NEAR needs a distance in words from 0 to " + std::to_string(kMaxNearDistance) +
                            " or 'para', like NEAR/5 or NEAR/para"};
      }
    } else if (word.starts_with("COUNT")) {
      if (!word.starts_with("COUNT>=") || !ParseSmallInt(word.substr(7), kMaxCount, t.number) || t.number < 1) {
        throw RuleError{t.offset, std::string(word),
                        "COUNT needs a minimum from 1 to " + std::to_string(kMaxCount) + ", like COUNT>=3(russia)"};
      }
      t.kind = Token::Kind::kCount;
    } else if (word.starts_with("PARAS")) {
      std::string_view number = word.starts_with("PARAS>=") ? word.substr(7) : std::string_view();
      t.share = number.ends_with('%');
      if (t.share) number.remove_suffix(1);
      if (!ParseSmallInt(number, t.share ? kMaxParagraphShare : kMaxCount, t.number) || t.number < 1) {
        throw RuleError{t.offset, std::string(word),
                        "PARAS needs a number of paragraphs from 1 to " + std::to_string(kMaxCount) +
                            " or a share from 1% to 100%, like PARAS>=3(sanction*) or PARAS>=25%(sanction*)"};
      }
      t.kind = Token::Kind::kParas;
    } else if (word.starts_with("DENSITY")) {
      if (!word.starts_with("DENSITY>=") || !ParseSmallInt(word.substr(9), kMaxDensity, t.number) || t.number < 1) {
        throw RuleError{t.offset, std::string(word),
                        "DENSITY needs occurrences per 1,000 words from 1 to " + std::to_string(kMaxDensity) +
                            ", like DENSITY>=10(sanction*)"};
      }
      t.kind = Token::Kind::kDensity;
    } else {
      t.kind = Token::Kind::kWord;
    }
    return t;
  }

 private:
  Token Phrase() {
    Token t;
    t.offset = pos_;
    const size_t close = text_.find('"', pos_ + 1);
    if (close == std::string_view::npos) {
      throw RuleError{pos_, std::string(text_.substr(pos_, 20)), "unterminated phrase: missing closing '\"'"};
    }
    t.kind = Token::Kind::kPhrase;
    t.text = text_.substr(pos_, close + 1 - pos_);
    pos_ = close + 1;
    return t;
  }

  Token Weight() {
    Token t;
    t.offset = pos_;
    size_t end = pos_ + 1;
    while (end < text_.size() && !IsDelimiter(text_[end])) ++end;
    t.text = text_.substr(pos_, end - pos_);
    const std::string_view number = t.text.substr(1);
    double w = 0;
    const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), w);
    if (number.empty() || ec != std::errc() || ptr != number.data() + number.size() || !std::isfinite(w) ||
        std::fabs(w) > kMaxWeight) {
      throw RuleError{pos_, std::string(t.text), "'^' needs a weight from -1000 to 1000, like sanction*^2"};
    }
    t.kind = Token::Kind::kWeight;
    t.weight = w;
    pos_ = end;
    return t;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// An error already located in a definition's text, passed up unchanged.
struct LocatedError {
  std::string message;
};

SourceLocation Locate(std::string_view text, size_t offset, const SourceLocation& where);
std::string Shorten(std::string_view token);

class Parser {
 public:
  // Appends the parsed nodes to `rule`; `expanding` holds the definitions
  // being parsed around this text, to refuse a definition that uses itself.
  Parser(std::string_view text, const RuleDefinitions* definitions, Rule& rule, std::vector<std::string>& expanding)
      : lexer_(text), definitions_(definitions), rule_(rule), expanding_(expanding) {
    Advance();
  }

  uint32_t Parse(uint8_t fields = kFieldAny, int depth = 0) {
    const uint32_t root = ParseOr(fields, depth);
    if (cur_.kind == Token::Kind::kRParen) Fail(cur_, "unexpected ')' without a matching '('");
    if (cur_.kind != Token::Kind::kEnd) Fail(cur_, "unexpected token");
    return root;
  }

 private:
  [[noreturn]] void Fail(const Token& t, const std::string& message) {
    if (t.kind == Token::Kind::kEnd) {
      // Nothing to point at past the end: point at the last token instead.
      throw RuleError{last_.offset, std::string(last_.text), message};
    }
    throw RuleError{t.offset, std::string(t.text), message};
  }

  void Advance() {
    last_ = cur_;
    cur_ = lexer_.Next();
  }

  uint32_t Add(RuleNode node) {
    rule_.nodes.push_back(std::move(node));
    return static_cast<uint32_t>(rule_.nodes.size() - 1);
  }

  uint32_t Combine(RuleNode::Kind kind, std::vector<uint32_t> kids) {
    if (kids.size() == 1) return kids[0];
    RuleNode n;
    n.kind = kind;
    n.kids = std::move(kids);
    return Add(std::move(n));
  }

  static bool StartsOperand(Token::Kind k) {
    return k == Token::Kind::kWord || k == Token::Kind::kPhrase || k == Token::Kind::kLParen ||
           k == Token::Kind::kNot || k == Token::Kind::kField || k == Token::Kind::kCount || k == Token::Kind::kParas ||
           k == Token::Kind::kDensity || k == Token::Kind::kRef;
  }

  static bool IsProximity(Token::Kind k) { return k == Token::Kind::kNear || k == Token::Kind::kSamePara; }

  // "NOT NEAR/n" and "NOT NEAR/para" are one operator; a NOT before anything
  // else starts an operand ANDed to the one before.
  bool AtProximityOperator() {
    if (IsProximity(cur_.kind)) return true;
    return cur_.kind == Token::Kind::kNot && IsProximity(lexer_.Peek().kind);
  }

  uint32_t ParseOr(uint8_t fields, int depth) {
    std::vector<uint32_t> kids{ParseAnd(fields, depth)};
    while (cur_.kind == Token::Kind::kOr) {
      Advance();
      kids.push_back(ParseAnd(fields, depth));
    }
    return Combine(RuleNode::Kind::kOr, std::move(kids));
  }

  uint32_t ParseAnd(uint8_t fields, int depth) {
    std::vector<uint32_t> kids{ParseNear(fields, depth)};
    while (true) {
      if (cur_.kind == Token::Kind::kAnd) {
        Advance();
      } else if (!StartsOperand(cur_.kind)) {
        break;
      }
      kids.push_back(ParseNear(fields, depth));
    }
    return Combine(RuleNode::Kind::kAnd, std::move(kids));
  }

  uint32_t ParseNear(uint8_t fields, int depth) {
    Token first = cur_;
    uint32_t left = ParseUnary(fields, depth);
    while (AtProximityOperator()) {
      const bool negated = cur_.kind == Token::Kind::kNot;
      if (negated) Advance();
      const Token op = cur_;
      RequirePositions(left, first, op);
      Advance();
      const Token right_token = cur_;
      const uint32_t right = ParseUnary(fields, depth);
      RequirePositions(right, right_token, op);
      RuleNode n;
      if (op.kind == Token::Kind::kNear) {
        n.kind = negated ? RuleNode::Kind::kNotNear : RuleNode::Kind::kNear;
      } else {
        n.kind = negated ? RuleNode::Kind::kNotSamePara : RuleNode::Kind::kSamePara;
      }
      n.distance = op.number;
      n.kids = {left, right};
      left = Add(std::move(n));
    }
    return left;
  }

  // Proximity, counts and weights are about where a term occurs; NOT has no
  // occurrences to offer.
  void RequirePositions(uint32_t node, const Token& operand, const Token& op) {
    if (rule_.nodes[node].kind == RuleNode::Kind::kNot) {
      Fail(operand, "'" + std::string(op.text) + "' needs terms with positions, not a NOT");
    }
  }

  uint32_t ParseUnary(uint8_t fields, int depth) {
    if (cur_.kind == Token::Kind::kNot) {
      const Token op = cur_;
      if (depth >= kMaxDepth) Fail(op, "rule nests too deeply");
      Advance();
      RuleNode n;
      n.kind = RuleNode::Kind::kNot;
      n.kids = {ParseUnary(fields, depth + 1)};
      return Add(std::move(n));
    }
    const Token first = cur_;
    uint32_t node = ParsePrimary(fields, depth);
    if (cur_.kind == Token::Kind::kWeight) {
      RequirePositions(node, first, cur_);
      RuleNode n;
      n.kind = RuleNode::Kind::kWeight;
      n.weight = cur_.weight;
      n.kids = {node};
      node = Add(std::move(n));
      Advance();
    }
    return node;
  }

  uint32_t ParsePrimary(uint8_t fields, int depth) {
    const Token t = cur_;
    if (depth >= kMaxDepth) Fail(t, "rule nests too deeply");
    switch (t.kind) {
      case Token::Kind::kLParen: {
        Advance();
        const uint32_t inner = ParseOr(fields, depth + 1);
        if (cur_.kind != Token::Kind::kRParen) {
          if (cur_.kind == Token::Kind::kEnd) Fail(t, "missing ')' for this '('");
          Fail(cur_, "expected ')' or an operator");
        }
        Advance();
        return inner;
      }
      case Token::Kind::kField: {
        if ((fields & t.fields) == 0) Fail(t, "this field is inside a scope of the other field and never matches");
        Advance();
        if (!StartsOperand(cur_.kind) || cur_.kind == Token::Kind::kNot) {
          Fail(cur_.kind == Token::Kind::kEnd ? t : cur_, "expected a term or '(' after the field");
        }
        return ParsePrimary(fields & t.fields, depth + 1);
      }
      case Token::Kind::kCount: {
        Advance();
        if (cur_.kind != Token::Kind::kLParen) Fail(t, "COUNT needs a group in parentheses, like COUNT>=3(russia)");
        const Token group = cur_;
        const uint32_t inner = ParsePrimary(fields, depth + 1);
        RequirePositions(inner, group, t);
        RuleNode n;
        n.kind = RuleNode::Kind::kCount;
        n.min_count = t.number;
        n.kids = {inner};
        return Add(std::move(n));
      }
      case Token::Kind::kParas:
      case Token::Kind::kDensity: {
        const bool paras = t.kind == Token::Kind::kParas;
        Advance();
        if (cur_.kind != Token::Kind::kLParen) {
          Fail(t, paras ? "PARAS needs a group in parentheses, like PARAS>=3(sanction*)"
                        : "DENSITY needs a group in parentheses, like DENSITY>=10(sanction*)");
        }
        const Token group = cur_;
        const uint32_t inner = ParsePrimary(fields, depth + 1);
        RequirePositions(inner, group, t);
        RuleNode n;
        n.kind = paras ? RuleNode::Kind::kParas : RuleNode::Kind::kDensity;
        n.min_count = t.number;
        n.share = t.share;
        n.kids = {inner};
        return Add(std::move(n));
      }
      case Token::Kind::kWord:
      case Token::Kind::kPhrase:
        Advance();
        return Term(t, fields);
      case Token::Kind::kRef:
        Advance();
        return Reference(t, fields, depth);
      case Token::Kind::kEnd:
        Fail(t, last_.kind == Token::Kind::kEnd ? "empty rule" : "rule ends early: expected a term or '('");
      case Token::Kind::kRParen:
        Fail(t, "expected a term or '(' before ')'");
      default:
        Fail(t, "expected a term or '('");
    }
  }

  uint32_t Term(const Token& t, uint8_t fields) {
    std::string_view raw = t.text;
    if (t.kind == Token::Kind::kPhrase) raw = raw.substr(1, raw.size() - 2);
    RuleNode n;
    n.kind = RuleNode::Kind::kTerm;
    n.written = SanitizeUtf8(t.text);
    n.fields = fields;
    if (!raw.empty() && raw.back() == '*') {
      n.prefix = true;
      raw.remove_suffix(1);
    }
    if (t.kind == Token::Kind::kWord && !raw.empty() && raw.front() == '*') {
      n.infix = true;
      raw.remove_prefix(1);
    }
    if (raw.find('*') != std::string_view::npos) Fail(t, "a wildcard '*' may only start or end a term");
    const std::vector<std::string> words = FoldWords(raw);
    if (words.empty()) Fail(t, t.kind == Token::Kind::kPhrase ? "empty phrase" : "a term needs letters or digits");
    if (words.size() > kMaxPhraseWords) {
      Fail(t, "a phrase may have at most " + std::to_string(kMaxPhraseWords) + " words");
    }
    if (n.prefix) {
      // "sanction *" would put the wildcard on a word it does not touch.
      const char before = raw.empty() ? ' ' : raw.back();
      if (IsSpace(before)) Fail(t, "'*' must follow a word directly, like sanction*");
      if (CodePointCount(words.back()) < kMinPrefixCodePoints) {
        Fail(t, "a wildcard needs at least " + std::to_string(kMinPrefixCodePoints) + " letters before '*'");
      }
    }
    if (n.infix) {
      // Inside words there is no boundary to anchor on: a short stem would
      // be found everywhere and cost the scan its speed.
      if (words.size() != 1) Fail(t, "a leading '*' works on one word, like *sanktion*");
      if (CodePointCount(words.front()) < kMinInfixCodePoints) {
        Fail(t, "a leading wildcard needs at least " + std::to_string(kMinInfixCodePoints) + " letters after '*'");
      }
    }
    for (const auto& w : words) {
      if (!n.literal.empty()) n.literal += ' ';
      n.literal += w;
    }
    n.word_count = static_cast<uint32_t>(words.size());
    return Add(std::move(n));
  }

  // @name: the definition's text parsed in place, in the fields in scope.
  uint32_t Reference(const Token& t, uint8_t fields, int depth) {
    const std::string name(t.text.substr(1));
    const RuleDefinition* def = nullptr;
    if (definitions_ != nullptr) {
      auto it = definitions_->find(name);
      if (it != definitions_->end()) def = &it->second;
    }
    if (def == nullptr) Fail(t, "no definition '" + name + "' (add it under 'define:')");
    if (std::find(expanding_.begin(), expanding_.end(), name) != expanding_.end()) {
      Fail(t, "definition '" + name + "' uses itself");
    }
    expanding_.push_back(name);
    uint32_t root = 0;
    try {
      Parser inner(def->text, definitions_, rule_, expanding_);
      root = inner.Parse(fields, depth + 1);
    } catch (const RuleError& e) {
      throw LocatedError{Locate(def->text, e.offset, def->where).ToString() + ": " + e.message + " near '" +
                         Shorten(e.token) + "' (in definition '" + name + "')"};
    }
    expanding_.pop_back();
    return root;
  }

  Lexer lexer_;
  Token cur_;
  Token last_;
  const RuleDefinitions* definitions_;
  Rule& rule_;
  std::vector<std::string>& expanding_;
};

// Line and column of a byte offset; lines after the first start at the
// column of the first (block scalars strip the same indentation from each).
SourceLocation Locate(std::string_view text, size_t offset, const SourceLocation& where) {
  SourceLocation at = where;
  if (at.line <= 0) at.line = 1;
  if (at.column <= 0) at.column = 1;
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const size_t newlines = static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  const size_t line_start = newlines == 0 ? 0 : before.rfind('\n') + 1;
  at.line += static_cast<int>(newlines);
  at.column += static_cast<int>(CodePointCount(before.substr(line_start)));
  return at;
}

std::string Shorten(std::string_view token) {
  constexpr size_t kMax = 40;
  if (token.size() <= kMax) return SanitizeUtf8(token);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(token[cut]) & 0xC0) == 0x80) --cut;
  return SanitizeUtf8(token.substr(0, cut)) + "...";
}

}  // namespace

Result<Rule> ParseRule(std::string_view text, const SourceLocation& where, const RuleDefinitions* definitions) {
  if (text.size() > kMaxRuleBytes) {
    return MakeError(ErrorCode::kLimit, Locate(text, 0, where).ToString() + ": rule is longer than " +
                                            std::to_string(kMaxRuleBytes) + " bytes near '" + Shorten(text) + "'");
  }
  if (!IsValidUtf8(text)) {
    // Folding would turn the bad bytes into U+FFFD, a separator: a Latin-1
    // "été" would silently become the term "t".
    size_t bad = 0;
    for (int32_t i = 0, length = static_cast<int32_t>(text.size()); i < length;) {
      const int32_t at = i;
      UChar32 c = 0;
      U8_NEXT(text.data(), i, length, c);
      if (c < 0) {
        bad = static_cast<size_t>(at);
        break;
      }
    }
    return MakeError(ErrorCode::kInvalidArgument, Locate(text, bad, where).ToString() +
                                                      ": the rule is not valid UTF-8 (save the file as UTF-8) near '" +
                                                      Shorten(text.substr(bad, 8)) + "'");
  }
  try {
    Rule rule;
    std::vector<std::string> expanding;
    Parser(text, definitions, rule, expanding).Parse();
    return rule;
  } catch (const LocatedError& e) {
    return MakeError(ErrorCode::kInvalidArgument, e.message);
  } catch (const RuleError& e) {
    return MakeError(ErrorCode::kInvalidArgument,
                     Locate(text, e.offset, where).ToString() + ": " + e.message + " near '" + Shorten(e.token) + "'");
  }
}

}  // namespace newsmon::match
