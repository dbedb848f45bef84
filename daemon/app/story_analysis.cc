#include "app/story_analysis.h"

#include "app/pipeline.h"

namespace newsmon {

StoryAnalysis AnalyzeStory(const CompiledConfig& compiled, const Story& story) {
  StoryAnalysis a;
  const std::string body = story.BodyText();
  a.matches = compiled.matcher->MatchedTopics({story.title, body});
  if (a.matched() || compiled.config->quote_scope == QuoteScope::kAllStories) {
    // The story's date picks who held a role ("the chancellor") back then.
    std::optional<std::chrono::sys_days> day;
    if (story.published) day = std::chrono::floor<std::chrono::days>(*story.published);
    a.quotes = FindQuotes(body, *compiled.leaders, QuoteOptions(story.language, day));
    // A partial quote repeating part of a full one is one finding, not two alerts.
    DedupeWithinStory(a.quotes);
  }
  return a;
}

}  // namespace newsmon
