// First, thin quote finder: paired marks within a paragraph, a speaker from
// "NAME said" / "said NAME" next to the quote. Replaced by the real finder.
#include <nlohmann/json.hpp>
#include <regex>

#include "quote/quote.h"
#include "util/text.h"

namespace newsmon {

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

namespace {

struct MarkPair {
  std::string_view open;
  std::string_view close;
};

constexpr MarkPair kMarks[] = {{"\xE2\x80\x9C", "\xE2\x80\x9D"},   // “ ”
                               {"\xE2\x80\x9E", "\xE2\x80\x9C"},   // „ “
                               {"\xC2\xAB", "\xC2\xBB"},           // « »
                               {"\"", "\""}};

}  // namespace

std::vector<Quote> FindQuotes(std::string_view text, const LeaderIndex& leaders, const QuoteOptions&) {
  std::vector<Quote> quotes;
  static const std::regex kAfter(R"(^,?\s*(?:(said|says|added|told)\s+((?:[A-Z][\w'-]+\s*){1,3})|((?:[A-Z][\w'-]+\s*){1,3})\s+(said|says|added|sagte|заявил)))");
  static const std::regex kBefore(R"(((?:[A-Z][\w'-]+\s*){1,3})\s+(said|says|sagte|заявил)\s*:\s*$)");
  size_t paragraph = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] == '\n') {
      if (pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
      ++paragraph;
      ++pos;
      continue;
    }
    bool found = false;
    for (const auto& m : kMarks) {
      if (text.substr(pos, m.open.size()) != m.open) continue;
      const size_t body = pos + m.open.size();
      const size_t nl = text.find('\n', body);
      const size_t close = text.find(m.close, body);
      if (close == std::string_view::npos || (nl != std::string_view::npos && close > nl)) break;
      Quote q;
      q.text = std::string(text.substr(body, close - body));
      q.start = CodePointOffset(text, body);
      q.end = q.start + CodePointCount(q.text);
      q.paragraph = paragraph;
      const size_t after_start = close + m.close.size();
      const size_t line_end = nl == std::string_view::npos ? text.size() : nl;
      const std::string after(text.substr(after_start, line_end - after_start));
      const size_t line_start = text.rfind('\n', pos) == std::string_view::npos ? 0 : text.rfind('\n', pos) + 1;
      const std::string before(text.substr(line_start, pos - line_start));
      std::smatch sm;
      if (std::regex_search(after, sm, kAfter)) {
        q.speaker = std::string(TrimAscii(sm[2].matched ? sm[2].str() : sm[3].str()));
        q.cue = sm[1].matched ? sm[1].str() : sm[4].str();
        q.method = AttributionMethod::kExplicit;
      } else if (std::regex_search(before, sm, kBefore)) {
        q.speaker = std::string(TrimAscii(sm[1].str()));
        q.cue = sm[2].str();
        q.method = AttributionMethod::kExplicit;
      }
      if (!q.speaker.empty()) {
        if (auto id = leaders.ResolveName(q.speaker)) q.leader_id = *id;
      }
      // Only quotes with a speaker, so scare quotes are not reported.
      if (q.method != AttributionMethod::kNone) quotes.push_back(std::move(q));
      pos = close + m.close.size();
      found = true;
      break;
    }
    if (!found) ++pos;
  }
  return quotes;
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
