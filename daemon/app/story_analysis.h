// What one story yields: topic verdicts, quotes, and the events to emit.
// Pure given its inputs (the quote history and near-duplicate verdict are
// passed in), so it runs the same in the daemon, in tests and in benchmarks.
//
//   StoryAnalysis a = AnalyzeStory(compiled, story);
//   if (a.matched()) emit(BuildStoryMatched(story, a.matches, a.quotes, ...));
#pragma once

#include <vector>

#include "article/article.h"
#include "match/matcher.h"
#include "quote/quote.h"

namespace newsmon {

struct CompiledConfig;

struct StoryAnalysis {
  std::vector<TopicResult> matches;  // matched topics only
  std::vector<Quote> quotes;         // empty when quote scope excludes the story
  bool matched() const { return !matches.empty(); }
};

StoryAnalysis AnalyzeStory(const CompiledConfig& compiled, const Story& story);

}  // namespace newsmon
