// Internal to the quote stage: decides which quoted spans are quotations and
// who said them.
//
//   std::vector<Quote> quotes = AttributeQuotes(text, paragraphs, spans, LexiconFor(lang), leaders, options);
//
// Evidence, strongest first: a speech cue next to the quote in the same
// sentence ("…," Scholz said / Scholz said: "…" / according to), with
// pronouns and descriptors resolved against the people seen so far; then
// continuation of the previous quote's or speech event's speaker. Short
// quoted strings without any cue are taken for scare quotes or titles and
// dropped.
#pragma once

#include <string_view>
#include <vector>

#include "quote/lexicon.h"
#include "quote/marks.h"
#include "quote/quote.h"
#include "quote/scan.h"

namespace newsmon::quote_internal {

std::vector<Quote> AttributeQuotes(std::string_view text, const std::vector<Paragraph>& paragraphs,
                                   const std::vector<QuoteSpan>& spans, const Lexicon& lexicon,
                                   const LeaderIndex& leaders, const QuoteOptions& options);

}  // namespace newsmon::quote_internal
