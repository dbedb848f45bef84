#include "app/story_analysis.h"

#include <exception>
#include <new>

#include "app/pipeline.h"
#include "state/near_dup.h"

namespace newsmon {

AnalysisBudget AnalysisBudget::FromConfig(const AnalysisConfig& config) {
  AnalysisBudget b;
  b.max_story_bytes = config.max_story_bytes;
  b.max_quotes = static_cast<size_t>(std::max(0, config.max_quotes_per_story));
  b.time = config.story_time_budget;
  return b;
}

const char* AnalysisFailureName(AnalysisFailure failure) {
  switch (failure) {
    case AnalysisFailure::kNone:
      return "none";
    case AnalysisFailure::kTooManyQuotes:
      return "too_many_quotes";
    case AnalysisFailure::kTooSlow:
      return "too_slow";
    case AnalysisFailure::kError:
      return "error";
  }
  return "error";
}

std::string AnalysedBody(const Story& story, int64_t max_bytes, bool* cut) {
  std::string body = story.BodyText();
  if (cut != nullptr) *cut = false;
  if (max_bytes <= 0) return body;
  const int64_t room = std::max<int64_t>(0, max_bytes - static_cast<int64_t>(story.title.size()));
  if (static_cast<int64_t>(body.size()) <= room) return body;
  size_t end = static_cast<size_t>(room);
  // Back to the start of a code point, so the cut text stays valid UTF-8.
  while (end > 0 && (static_cast<unsigned char>(body[end]) & 0xC0) == 0x80) --end;
  body.resize(end);
  if (cut != nullptr) *cut = true;
  return body;
}

StoryAnalysis AnalyzeStory(const CompiledConfig& compiled, const Story& story, const AnalysisBudget& budget) {
  const auto start = std::chrono::steady_clock::now();
  StoryAnalysis a;
  try {
    const std::string body = AnalysedBody(story, budget.max_story_bytes, &a.text_cut);
    a.matches = compiled.matcher->MatchedTopics({story.title, body});
    if (a.matched() || compiled.config->quote_scope == QuoteScope::kAllStories) {
      // The story's date picks who held a role ("the chancellor") back then.
      std::optional<std::chrono::sys_days> day;
      if (story.published) day = std::chrono::floor<std::chrono::days>(*story.published);
      QuoteOptions options(story.language, day);
      options.max_quotes = budget.max_quotes;
      bool too_many = false;
      a.quotes = FindQuotes(body, *compiled.leaders, options, &too_many);
      if (too_many) {
        a.failure = AnalysisFailure::kTooManyQuotes;
        a.failure_detail = "more than " + std::to_string(budget.max_quotes) + " quotes";
      }
      // A partial quote repeating part of a full one is one finding, not two alerts.
      DedupeWithinStory(a.quotes);
    }
    a.simhash = SimHash(body);
  } catch (const std::bad_alloc&) {
    a.failure = AnalysisFailure::kError;
    a.failure_detail = "out of memory";
  } catch (const std::exception& e) {
    a.failure = AnalysisFailure::kError;
    a.failure_detail = e.what();
  }
  a.took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  if (a.failure == AnalysisFailure::kNone && budget.time.count() > 0 && a.took > budget.time) {
    a.failure = AnalysisFailure::kTooSlow;
    a.failure_detail =
        "took " + std::to_string(a.took.count() / 1000) + " ms, budget " + std::to_string(budget.time.count()) + " ms";
  }
  return a;
}

}  // namespace newsmon
