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

// Where the words of an interview line start: after the dash that opens the
// paragraph, or after a one-word label and its colon ("Хакимов: …"); npos
// when the paragraph is no such line or holds the author's words.
size_t InterviewLineBody(std::string_view text, const Paragraph& para, const Lexicon& lex) {
  size_t len = 0;
  if (para.begin >= para.end) return std::string_view::npos;
  const char32_t first = DecodeAt(text, para.begin, &len);
  size_t body = std::string_view::npos;
  if (IsDash(first)) {
    body = para.begin + len;
  } else if (IsUpper(first)) {
    size_t word_end = 0;
    WordAt(text, para.begin, para.end, &word_end);
    if (word_end > para.begin && word_end + 1 < para.end && text[word_end] == ':' && text[word_end + 1] == ' ')
      body = word_end + 1;
  }
  if (body == std::string_view::npos) return body;
  while (body < para.end && text[body] == ' ') ++body;
  // Speech opens with a capital; a list item ("— снижение пошлин;") need not.
  if (body >= para.end || !IsUpper(DecodeAt(text, body, &len)) || FindAuthorWords(text, body, para.end, lex))
    return std::string_view::npos;
  return body;
}

bool EndsWithQuestion(std::string_view text, const Paragraph& para) {
  size_t end = para.end;
  while (end > para.begin && text[end - 1] == ' ') --end;
  return end > para.begin && text[end - 1] == '?';
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
  // Dialogue: speech opened by a dash at the start of a paragraph or of a
  // sentence ("… упал почти до нуля. — Раньше …, — сказал он. — …"), up to
  // the author's words and again after them.
  const std::vector<QuoteSpan> marked = out;  // in text order
  std::vector<QuoteSpan> dialogue;
  // Positions are asked in increasing order: one pass over the marks in all.
  size_t next_mark = 0;
  auto inside_marks = [&](size_t at) {
    while (next_mark < marked.size() && marked[next_mark].close_end <= at) ++next_mark;
    return next_mark < marked.size() && marked[next_mark].open_begin <= at;
  };
  // An interview: two or more lines in a row, each one quote, and a
  // question among them (a list set off by dashes asks none).
  std::vector<size_t> interview(paragraphs.size() + 1, std::string_view::npos);
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    if (!inside_marks(paragraphs[p].begin)) interview[p] = InterviewLineBody(text, paragraphs[p], lex);
  }
  std::vector<bool> in_run(paragraphs.size(), false);
  for (size_t p = 0; p < paragraphs.size();) {
    size_t e = p;
    bool asks = false;
    while (e < paragraphs.size() && interview[e] != std::string_view::npos)
      asks = EndsWithQuestion(text, paragraphs[e++]) || asks;
    for (size_t r = p; r < e && e - p >= 2 && asks; ++r) in_run[r] = true;
    p = e > p ? e : p + 1;
  }
  next_mark = 0;
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    const Paragraph& para = paragraphs[p];
    if (in_run[p]) {
      QuoteSpan line;
      line.open_begin = para.begin;
      line.body_begin = interview[p];
      line.body_end = line.close_end = para.end;
      while (line.body_end > line.body_begin && text[line.body_end - 1] == ' ') --line.body_end;
      line.question = line.body_end > line.body_begin && text[line.body_end - 1] == '?';
      line.paragraph = p;
      dialogue.push_back(line);
      continue;
    }
    for (size_t at = para.begin; at < para.end;) {
      size_t len = 0;
      const char32_t c = DecodeAt(text, at, &len);
      size_t body = std::string_view::npos;
      if (IsDash(c) && !inside_marks(at)) {
        if (at == para.begin) {
          body = at + len;
        } else if (const size_t after = DashAt(text, at, para.end); after != std::string_view::npos) {
          // A sentence ended right before: ". — ", "! — ", "? — ", "… — ".
          size_t before = at;
          while (before > para.begin && IsSpace(DecodeBefore(text, before))) --before;
          const char32_t end_mark = before > para.begin ? DecodeBefore(text, before) : 0;
          if (end_mark == '.' || end_mark == '!' || end_mark == '?' || end_mark == 0x2026) body = after;
        }
      }
      if (body == std::string_view::npos) {
        at += len;
        continue;
      }
      while (body < para.end && text[body] == ' ') ++body;
      const std::optional<AuthorWords> words = FindAuthorWords(text, body, para.end, lex);
      // No author's words up to the paragraph's end: none after a later
      // opener either (its search would cover a part of this one's), so
      // the paragraph is done; a text of many dashes stays linear.
      if (!words) break;
      QuoteSpan first;
      first.open_begin = at;
      first.body_begin = body;
      first.body_end = words->quote_end;
      first.close_end = words->quote_end;
      first.paragraph = p;
      dialogue.push_back(first);
      if (words->resume == std::string_view::npos || words->resume >= para.end) break;
      // The speech resumes after the author's words and runs to the next
      // sentence opened by a dash, or to the paragraph's end.
      QuoteSpan second = first;
      second.open_begin = words->resume;
      second.body_begin = words->resume;
      second.body_end = para.end;
      second.close_end = para.end;
      dialogue.push_back(second);
      break;
    }
  }
  if (!dialogue.empty()) {
    // Marks inside the speech are part of it (a name it mentions).
    // Both lists are in text order and the dialogue spans do not overlap:
    // one merge pass.
    std::vector<QuoteSpan> kept;
    size_t d = 0;
    for (const QuoteSpan& m : out) {
      while (d < dialogue.size() && dialogue[d].body_end <= m.open_begin) ++d;
      const bool nested =
          d < dialogue.size() && dialogue[d].body_begin <= m.open_begin && m.close_end <= dialogue[d].body_end;
      if (!nested) kept.push_back(m);
    }
    kept.insert(kept.end(), dialogue.begin(), dialogue.end());
    out.swap(kept);
  }
  std::sort(out.begin(), out.end(), [](const QuoteSpan& a, const QuoteSpan& b) { return a.open_begin < b.open_begin; });
  return out;
}

}  // namespace newsmon::quote_internal
