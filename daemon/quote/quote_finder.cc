// FindQuotes: marks -> spans -> attribution -> code point offsets.
#include <nlohmann/json.hpp>

#include "quote/attribution.h"
#include "quote/lexicon.h"
#include "quote/marks.h"
#include "quote/novelty.h"
#include "quote/quote.h"
#include "quote/scan.h"
#include "util/text.h"

namespace newsmon {
namespace {

// A headline quotes words the story gives in full further down ("Глава МИД:
// «…»" over "«…», — сказала Майр"): the speaker found there is the
// headline's, when the headline itself names no one.
void AttributeHeadlineQuotes(std::vector<Quote>& quotes) {
  constexpr size_t kHeadlineQuotes = 4;
  for (size_t i = 0; i < quotes.size() && i < kHeadlineQuotes && quotes[i].paragraph == 0; ++i) {
    Quote& head = quotes[i];
    const bool named = !head.speaker.empty() &&
                       (head.method == AttributionMethod::kExplicit || head.method == AttributionMethod::kSplit ||
                        head.method == AttributionMethod::kPronoun);
    if (named) continue;
    const std::string key = NormalizeQuoteText(head.text);
    if (key.empty()) continue;
    for (size_t j = i + 1; j < quotes.size(); ++j) {
      const Quote& body = quotes[j];
      if (body.paragraph == 0 || body.speaker.empty() || !ContainsWords(NormalizeQuoteText(body.text), key)) continue;
      head.speaker = body.speaker;
      head.leader_id = body.leader_id;
      head.method = body.method;
      break;
    }
  }
}

}  // namespace

const char* AttributionMethodName(AttributionMethod method) {
  switch (method) {
    case AttributionMethod::kNone:
      return "none";
    case AttributionMethod::kExplicit:
      return "explicit";
    case AttributionMethod::kSplit:
      return "split";
    case AttributionMethod::kPronoun:
      return "pronoun";
    case AttributionMethod::kDescriptor:
      return "descriptor";
    case AttributionMethod::kContinuation:
      return "continuation";
  }
  return "none";
}

std::vector<Quote> FindQuotes(std::string_view text, const LeaderIndex& leaders, const QuoteOptions& options,
                              bool* over_budget) {
  using namespace quote_internal;
  if (over_budget != nullptr) *over_budget = false;
  const Language language = ResolveLanguage(options.language, text);
  const std::vector<Paragraph> paragraphs = SplitParagraphs(text);
  MarkOptions marks;
  marks.english = language == Language::kEnglish;
  std::vector<QuoteSpan> spans = PairQuoteMarks(text, paragraphs, marks);
  if (language == Language::kRussian)
    spans = SplitAtAuthorWords(text, paragraphs, std::move(spans), LexiconFor(language));
  if (spans.empty()) return {};
  // Pairing is linear; attribution and de-duplication grow faster with the
  // number of quotes, so the limit applies before them.
  if (options.max_quotes > 0 && spans.size() > options.max_quotes) {
    if (over_budget != nullptr) *over_budget = true;
    return {};
  }
  std::vector<Quote> quotes = AttributeQuotes(text, paragraphs, spans, LexiconFor(language), leaders, options);
  // An interviewer's question is nobody's the story names (both lists are
  // in text order).
  for (size_t s = 0, q = 0; s < spans.size() && q < quotes.size(); ++s) {
    if (!spans[s].question) continue;
    while (q < quotes.size() && quotes[q].start < spans[s].body_begin) ++q;
    if (q < quotes.size() && quotes[q].start == spans[s].body_begin) {
      quotes[q].speaker.clear();
      quotes[q].leader_id.clear();
      quotes[q].method = AttributionMethod::kNone;
    }
  }
  // Byte offsets -> code point offsets, walking forward once (quotes are in text order).
  size_t byte = 0;
  size_t cp = 0;
  auto advance = [&](size_t to) {
    for (; byte < to && byte < text.size(); ++byte) {
      if ((static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80) ++cp;
    }
    return cp;
  };
  for (Quote& q : quotes) {
    const size_t b = q.start;
    const size_t e = q.end;
    q.text = SanitizeUtf8(text.substr(b, e - b));
    q.start = advance(b);
    q.end = advance(e);
  }
  AttributeHeadlineQuotes(quotes);
  return quotes;
}

void DedupeWithinStory(std::vector<Quote>& quotes) {
  std::vector<std::string> keys;
  keys.reserve(quotes.size());
  for (const Quote& q : quotes) keys.push_back(NormalizeQuoteText(q.text));
  std::vector<bool> drop(quotes.size(), false);
  for (size_t i = 0; i < quotes.size(); ++i) {
    if (keys[i].empty()) continue;
    for (size_t j = 0; j < quotes.size() && !drop[i]; ++j) {
      if (i == j || drop[j] || keys[j].size() < keys[i].size()) continue;
      if (quotes[i].speaker != quotes[j].speaker && !quotes[i].speaker.empty() && !quotes[j].speaker.empty()) continue;
      // The same words twice: keep the first. A shorter piece inside a longer one: keep the longer.
      const bool same = keys[j] == keys[i];
      if (same ? j < i : ContainsWords(keys[j], keys[i])) drop[i] = true;
    }
  }
  size_t w = 0;
  for (size_t i = 0; i < quotes.size(); ++i) {
    if (drop[i]) continue;
    if (w != i) quotes[w] = std::move(quotes[i]);
    ++w;
  }
  quotes.resize(w);
}

std::string QuoteToJson(const Quote& quote) {
  nlohmann::json j;
  j["text"] = SanitizeUtf8(quote.text);
  j["start"] = quote.start;
  j["end"] = quote.end;
  j["speaker"] = quote.speaker.empty() ? nlohmann::json(nullptr) : nlohmann::json(SanitizeUtf8(quote.speaker));
  j["leader"] = quote.leader_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(quote.leader_id);
  j["attribution"] = AttributionMethodName(quote.method);
  return j.dump();
}

}  // namespace newsmon
