// Internal to the quote stage: pairs quote marks into quoted spans.
//
//   std::vector<QuoteSpan> spans = PairQuoteMarks(text, SplitParagraphs(text), {.english = true});
//   for (const QuoteSpan& s : spans) use(text.substr(s.body_begin, s.body_end - s.body_begin));
//
// Marks pair within one paragraph. A quote still open at the paragraph end
// ends there (a quote running over several paragraphs reopens in each).
// Marks inside an open quote (‘…’ in “…”, ‚…‘ in „…“) belong to its text.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "quote/lexicon.h"
#include "quote/scan.h"

namespace newsmon::quote_internal {

struct QuoteSpan {
  size_t open_begin = 0;  // byte offset of the opening mark
  size_t body_begin = 0;  // first byte inside the marks
  size_t body_end = 0;    // one past the last byte inside
  size_t close_end = 0;   // one past the closing mark (== body_end when unclosed)
  size_t paragraph = 0;   // index into the paragraph list
  bool closed = true;
  bool single = false;    // ‘…’ style
  bool question = false;  // an interviewer's line: its speaker is left open
};

struct MarkOptions {
  bool english = true;  // '' (two apostrophes) is a quote mark; in German it is wiki markup
  // Single-quoted top-level spans count only when the text has no double
  // quotes at all (British style); otherwise ’ is far more often an apostrophe.
  bool allow_single = true;
};

std::vector<QuoteSpan> PairQuoteMarks(std::string_view text, const std::vector<Paragraph>& paragraphs,
                                      const MarkOptions& options);

// Russian sets the author's words off with dashes inside one pair of marks
// («…, — заявил Токаев, — …») and writes dialogue as paragraphs opened by a
// dash (— …, — сказал Токаев.). Returns the spans with the first split in
// two around the author's words and the second added, in text order, so the
// attributor reads them as English split quotes. Only where a speech verb
// opens the author's words. Interviews written as a run of paragraphs opened
// by a dash, or by a speaker's label ("Хакимов: …"), without author's words,
// give one quote per paragraph; the questions are marked.
std::vector<QuoteSpan> SplitAtAuthorWords(std::string_view text, const std::vector<Paragraph>& paragraphs,
                                          std::vector<QuoteSpan> spans, const Lexicon& lex);

}  // namespace newsmon::quote_internal
