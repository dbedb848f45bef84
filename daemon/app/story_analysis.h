// Analysing a story: topic verdicts, quotes and its near-duplicate
// fingerprint, within a budget of work and time. Pure given its inputs (no
// store, no producer, no engine state), so it runs on a worker thread, in
// tests and in benchmarks alike.
//
//   StoryAnalysis a = AnalyzeStory(compiled, story, AnalysisBudget::FromConfig(config.analysis));
//   if (a.over_budget()) retry_or_skip(a.failure_reason);
//   else if (a.matched()) emit(BuildStoryMatched(story, a.matches, a.quotes, ...));
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "article/article.h"
#include "config/config.h"
#include "match/matcher.h"
#include "quote/quote.h"

namespace newsmon {

struct CompiledConfig;

struct AnalysisBudget {
  int64_t max_story_bytes = 0;        // 0: no limit; the body is cut to what remains after the title
  size_t max_quotes = 0;              // 0: no limit
  std::chrono::milliseconds time{0};  // 0: no limit
  static AnalysisBudget FromConfig(const AnalysisConfig& config);
};

enum class AnalysisFailure { kNone, kTooManyQuotes, kTooSlow, kError };
const char* AnalysisFailureName(AnalysisFailure failure);

struct StoryAnalysis {
  std::vector<TopicResult> matches;  // matched topics only
  std::vector<Quote> quotes;         // empty when quote scope excludes the story
  uint64_t simhash = 0;              // near-duplicate fingerprint of the analysed body (0: too short)
  bool text_cut = false;             // the story was longer than max_story_bytes and was cut
  AnalysisFailure failure = AnalysisFailure::kNone;
  std::string failure_detail;
  std::chrono::microseconds took{0};
  bool matched() const { return !matches.empty(); }
  bool over_budget() const { return failure != AnalysisFailure::kNone; }
};

// The story's body as analysed: BodyText() cut at a UTF-8 boundary so that
// title and body together stay within `max_bytes` (0: uncut).
std::string AnalysedBody(const Story& story, int64_t max_bytes, bool* cut = nullptr);

StoryAnalysis AnalyzeStory(const CompiledConfig& compiled, const Story& story, const AnalysisBudget& budget = {});

}  // namespace newsmon
