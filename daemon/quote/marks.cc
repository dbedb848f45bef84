#include "quote/marks.h"

#include <optional>

namespace newsmon::quote_internal {
namespace {

// Mark kinds; kApos2 is '' and kTick2 is `` (both English typewriter style).
enum class Mark {
  kLeftDouble,
  kRightDouble,
  kLow,
  kAscii,
  kApos2,
  kTick2,
  kLeftGuil,
  kRightGuil,
  kLeftSingle,
  kRightSingle,
  kLowSingle,
  kLeftAngle,
  kRightAngle
};

struct MarkAt {
  Mark mark;
  size_t pos = 0;
  size_t len = 0;
  bool can_open = false;
  bool can_close = false;
};

std::optional<Mark> Classify(char32_t c) {
  switch (c) {
    case 0x201C:
      return Mark::kLeftDouble;
    case 0x201D:
    case 0x201F:
      return Mark::kRightDouble;
    case 0x201E:
      return Mark::kLow;
    case '"':
      return Mark::kAscii;
    case 0xAB:
      return Mark::kLeftGuil;
    case 0xBB:
      return Mark::kRightGuil;
    case 0x2018:
      return Mark::kLeftSingle;
    case 0x2019:
      return Mark::kRightSingle;
    case 0x201A:
      return Mark::kLowSingle;
    case 0x2039:
      return Mark::kLeftAngle;
    case 0x203A:
      return Mark::kRightAngle;
    default:
      return std::nullopt;
  }
}

bool IsSingle(Mark m) {
  return m == Mark::kLeftSingle || m == Mark::kRightSingle || m == Mark::kLowSingle || m == Mark::kLeftAngle ||
         m == Mark::kRightAngle;
}

bool OpensContext(char32_t prev) {
  return prev == 0 || IsSpace(prev) || prev == '(' || prev == '[' || prev == '{' || prev == 0x2014 || prev == 0x2013 ||
         prev == '-' || prev == '/' || prev == ':' || IsQuoteMark(prev);
}

bool ClosesContext(char32_t next) { return next == 0 || IsSpace(next) || !(IsLetter(next) || IsDigit(next)); }

// Does `m` open a quote when none is open?
bool Opens(const MarkAt& m, bool allow_single) {
  switch (m.mark) {
    case Mark::kLeftDouble:
    case Mark::kAscii:
    case Mark::kApos2:
      return m.can_open || !m.can_close;
    case Mark::kLow:
    case Mark::kLeftGuil:
    case Mark::kTick2:
      return true;
    case Mark::kRightGuil:
    case Mark::kRightDouble:
      return m.can_open && !m.can_close;
    case Mark::kLeftSingle:
    case Mark::kLowSingle:
    case Mark::kLeftAngle:
      return allow_single && m.can_open;
    case Mark::kRightSingle:
    case Mark::kRightAngle:
      return false;
  }
  return false;
}

// Does `m` close a quote opened by `open`?
bool Closes(Mark open, const MarkAt& m) {
  switch (open) {
    case Mark::kLeftDouble:
      return m.mark == Mark::kRightDouble || ((m.mark == Mark::kLeftDouble || m.mark == Mark::kAscii) && m.can_close);
    case Mark::kLow:
      return m.mark == Mark::kLeftDouble || m.mark == Mark::kRightDouble || (m.mark == Mark::kAscii && m.can_close);
    case Mark::kAscii:
      return (m.mark == Mark::kAscii && (m.can_close || !m.can_open)) || (m.mark == Mark::kRightDouble && m.can_close);
    case Mark::kApos2:
    case Mark::kTick2:
      return m.mark == Mark::kApos2;
    case Mark::kLeftGuil:
      return m.mark == Mark::kRightGuil;
    case Mark::kRightGuil:
      return m.mark == Mark::kLeftGuil;
    case Mark::kRightDouble:
      return m.mark == Mark::kRightDouble && m.can_close;
    case Mark::kLeftSingle:
      return m.mark == Mark::kRightSingle && m.can_close;
    case Mark::kLowSingle:
      return (m.mark == Mark::kLeftSingle || m.mark == Mark::kRightSingle) && m.can_close;
    case Mark::kLeftAngle:
      return m.mark == Mark::kRightAngle;
    case Mark::kRightSingle:
    case Mark::kRightAngle:
      return false;
  }
  return false;
}

bool HasWordChar(std::string_view text, size_t b, size_t e) {
  for (size_t i = b; i < e;) {
    size_t len = 0;
    const char32_t c = DecodeAt(text, i, &len);
    if (IsLetter(c) || IsDigit(c)) return true;
    i += len;
  }
  return false;
}

bool HasDoubleMarks(std::string_view text, bool english) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '"') return true;
    if (english && b == '\'' && i + 1 < text.size() && text[i + 1] == '\'') return true;
    if (b == 0xC2 && i + 1 < text.size() &&
        (static_cast<unsigned char>(text[i + 1]) == 0xAB || static_cast<unsigned char>(text[i + 1]) == 0xBB)) {
      return true;
    }
    if (b == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      const auto c = static_cast<unsigned char>(text[i + 2]);
      if (c >= 0x9C && c <= 0x9F) return true;
    }
  }
  return false;
}

void PairInParagraph(std::string_view text, const Paragraph& p, size_t index, const MarkOptions& options,
                     bool allow_single, std::vector<QuoteSpan>* out) {
  std::vector<MarkAt> marks;
  for (size_t i = p.begin; i < p.end;) {
    // Only three ASCII characters can be marks; skip the rest without classifying.
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80 && b != '"' && b != '\'' && b != '`') {
      ++i;
      continue;
    }
    size_t len = 0;
    const char32_t c = DecodeAt(text, i, &len);
    std::optional<Mark> m;
    if (c == '\'' && options.english && i + 1 < p.end && text[i + 1] == '\'') {
      m = Mark::kApos2;
      len = 2;
    } else if (c == '`' && options.english && i + 1 < p.end && text[i + 1] == '`') {
      m = Mark::kTick2;
      len = 2;
    } else {
      m = Classify(c);
    }
    if (m) {
      const char32_t prev = i > p.begin ? DecodeBefore(text, i) : 0;
      size_t next_len = 0;
      const char32_t next = i + len < p.end ? DecodeAt(text, i + len, &next_len) : 0;
      MarkAt at{*m, i, len};
      at.can_open = next != 0 && !IsSpace(next) && OpensContext(prev);
      at.can_close = prev != 0 && !IsSpace(prev) && ClosesContext(next);
      // An apostrophe between letters (it’s) is never a mark.
      if (!(m == Mark::kRightSingle && IsLetter(prev) && IsLetter(next))) marks.push_back(at);
    }
    i += len;
  }
  std::optional<MarkAt> open;
  auto emit = [&](size_t body_end, size_t close_end, bool closed) {
    if (HasWordChar(text, open->pos + open->len, body_end)) {
      QuoteSpan s;
      s.open_begin = open->pos;
      s.body_begin = open->pos + open->len;
      s.body_end = body_end;
      s.close_end = close_end;
      s.paragraph = index;
      s.closed = closed;
      s.single = IsSingle(open->mark);
      out->push_back(s);
    }
    open.reset();
  };
  for (const MarkAt& m : marks) {
    if (!open) {
      if (Opens(m, allow_single)) open = m;
      continue;
    }
    if (Closes(open->mark, m)) {
      emit(m.pos, m.pos + m.len, true);
      continue;
    }
    // A fresh opener of the same style while one is open: the earlier quote
    // lost its closing mark, so it ends before the new one.
    if (open->mark == m.mark && (m.mark == Mark::kLeftDouble || m.mark == Mark::kLow) && m.can_open && !m.can_close) {
      size_t e = m.pos;
      while (e > open->pos + open->len && IsSpace(DecodeBefore(text, e))) --e;
      emit(e, e, false);
      open = m;
    }
  }
  if (open) emit(p.end, p.end, false);
}

}  // namespace

std::vector<QuoteSpan> PairQuoteMarks(std::string_view text, const std::vector<Paragraph>& paragraphs,
                                      const MarkOptions& options) {
  std::vector<QuoteSpan> out;
  const bool allow_single = options.allow_single && !HasDoubleMarks(text, options.english);
  for (size_t i = 0; i < paragraphs.size(); ++i) PairInParagraph(text, paragraphs[i], i, options, allow_single, &out);
  return out;
}

}  // namespace newsmon::quote_internal
