#include "app/story_analysis.h"

#include "app/pipeline.h"

namespace newsmon {

StoryAnalysis AnalyzeStory(const CompiledConfig& compiled, const Story& story) {
  StoryAnalysis a;
  const std::string body = story.BodyText();
  a.matches = compiled.matcher->Match({story.title, body});
  std::erase_if(a.matches, [](const TopicResult& r) { return !r.matched; });
  if (a.matched() || compiled.config->quote_scope == QuoteScope::kAllStories) {
    a.quotes = FindQuotes(body, *compiled.leaders, {story.language});
  }
  return a;
}

}  // namespace newsmon
