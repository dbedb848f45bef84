// Russian sets the author's words inside a quote off with dashes, and writes
// dialogue as paragraphs opened by a dash:
//   «Мы увеличим поставки, — заявил Токаев, — если маршрут заработает».
//   — Германия — наш партнёр, — сказал Токаев.
// Both become the split quotes English writes with two pairs of marks, so the
// attributor reads "…, — заявил Токаев, — …" as it reads "…," Tokayev said, "…".
#include <algorithm>

#include "quote/marks.h"

namespace newsmon::quote_internal {
namespace {

bool IsDash(char32_t c) { return c == 0x2014 || c == 0x2013; }

// The author's words in text[from, to): a dash after a comma, "!", "?" or
// "…" (or after the quote's last word), then a speech verb.
struct AuthorWords {
  size_t quote_end = 0;  // the words before them end here (after their punctuation)
  size_t resume = 0;     // the quote resumes here; == npos when it does not
};

// A dash standing between spaces at byte i, or npos.
size_t DashAt(std::string_view text, size_t i, size_t to) {
  size_t len = 0;
  if (i >= to || !IsDash(DecodeAt(text, i, &len))) return std::string_view::npos;
  if (i == 0 || !IsSpace(DecodeBefore(text, i))) return std::string_view::npos;
  if (i + len >= to) return std::string_view::npos;
  size_t after_len = 0;
  if (!IsSpace(DecodeAt(text, i + len, &after_len))) return std::string_view::npos;
  return i + len + after_len;
}

// The first word at or after i (lower-cased), and where it ends.
std::string WordAt(std::string_view text, size_t i, size_t to, size_t* end) {
  size_t e = i;
  while (e < to) {
    size_t len = 0;
    const char32_t c = DecodeAt(text, e, &len);
    if (!IsLetter(c) && c != '-') break;
    e += len;
  }
  *end = e;
  return LowerWord(text.substr(i, e - i));
}

std::optional<AuthorWords> FindAuthorWords(std::string_view text, size_t from, size_t to, const Lexicon& lex) {
  constexpr size_t kMaxAuthorWords = 14;
  for (size_t i = from; i < to;) {
    size_t len = 0;
    DecodeAt(text, i, &len);
    const size_t after_dash = DashAt(text, i, to);
    if (after_dash == std::string_view::npos) {
      i += len;
      continue;
    }
    size_t verb_end = 0;
    if (!lex.IsSpeechVerb(WordAt(text, after_dash, to, &verb_end))) {
      i += len;
      continue;
    }
    // The quote's part ends before the spaces in front of the dash.
    size_t quote_end = i;
    while (quote_end > from && IsSpace(DecodeBefore(text, quote_end))) {
      quote_end -= 1;
      while (quote_end > from && (static_cast<unsigned char>(text[quote_end]) & 0xC0) == 0x80) --quote_end;
    }
    if (quote_end <= from) return std::nullopt;
    AuthorWords words{quote_end, std::string_view::npos};
    // The author's words run to the next spaced dash, a few words on.
    size_t words_seen = 0;
    for (size_t j = verb_end; j < to && words_seen <= kMaxAuthorWords;) {
      size_t l = 0;
      const char32_t c = DecodeAt(text, j, &l);
      if (const size_t resume = DashAt(text, j, to); resume != std::string_view::npos) {
        words.resume = resume;
        break;
      }
      if (IsSpace(c)) ++words_seen;
      j += l;
    }
    return words;
  }
  return std::nullopt;
}

}  // namespace

std::vector<QuoteSpan> SplitAtAuthorWords(std::string_view text, const std::vector<Paragraph>& paragraphs,
                                          std::vector<QuoteSpan> spans, const Lexicon& lex) {
  std::vector<QuoteSpan> out;
  out.reserve(spans.size());
  // Guillemets around the author's words: two spans.
  for (const QuoteSpan& s : spans) {
    std::optional<AuthorWords> words;
    if (s.closed && !s.single) words = FindAuthorWords(text, s.body_begin, s.body_end, lex);
    if (!words || words->resume == std::string_view::npos) {
      out.push_back(s);
      continue;
    }
    QuoteSpan first = s;
    first.body_end = words->quote_end;
    first.close_end = words->quote_end;
    QuoteSpan second = s;
    second.open_begin = words->resume;
    second.body_begin = words->resume;
    out.push_back(first);
    out.push_back(second);
  }
  // Dialogue: a paragraph opened by a dash, with no marks of its own.
  size_t next_span = 0;
  const size_t marked = out.size();
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    bool has_marks = false;
    while (next_span < marked && out[next_span].paragraph < p) ++next_span;
    has_marks = next_span < marked && out[next_span].paragraph == p;
    const Paragraph& para = paragraphs[p];
    size_t len = 0;
    if (has_marks || para.end - para.begin < 4 || !IsDash(DecodeAt(text, para.begin, &len))) continue;
    size_t body = para.begin + len;
    while (body < para.end && text[body] == ' ') ++body;
    const std::optional<AuthorWords> words = FindAuthorWords(text, body, para.end, lex);
    if (!words) continue;
    QuoteSpan first;
    first.open_begin = para.begin;
    first.body_begin = body;
    first.body_end = words->quote_end;
    first.close_end = words->quote_end;
    first.paragraph = p;
    out.push_back(first);
    if (words->resume != std::string_view::npos && words->resume < para.end) {
      QuoteSpan second = first;
      second.open_begin = words->resume;
      second.body_begin = words->resume;
      second.body_end = para.end;
      second.close_end = para.end;
      out.push_back(second);
    }
  }
  std::sort(out.begin(), out.end(), [](const QuoteSpan& a, const QuoteSpan& b) { return a.open_begin < b.open_begin; });
  return out;
}

}  // namespace newsmon::quote_internal
