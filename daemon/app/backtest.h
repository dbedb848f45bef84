// Replaying topic rules against the archive topic (kafka.topics.articles):
// which stories an edit gains and loses. Shared by `newsmon backtest` and the
// desk's rule workbench.
//
//   size_t records = 0, undecodable = 0;
//   auto stories = ReadArchive(brokers, "newsmon.articles.v1", Now() - 7d, records, undecodable);
//   std::vector<TopicChanges> changes = Backtest(*stories, *edited_matcher, nullptr);
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "emit/kafka.h"
#include "match/matcher.h"
#include "util/result.h"
#include "util/time.h"

namespace newsmon {

struct ArchivedEntry {
  std::string story_id;
  std::string title;
  std::string url;
  std::string body;
  std::set<std::string> recorded;  // the topics it matched when analysed
};

struct Change {
  const ArchivedEntry* story = nullptr;
  std::vector<TermHit> terms;  // why it matches now (gained), or what it still holds (lost)
};

struct TopicChanges {
  std::string id;
  std::vector<Change> gained;
  std::vector<Change> lost;
  size_t kept = 0;  // matched before and after
};

// The archived story an event carries; nullopt when the event is another
// type or does not decode.
std::optional<ArchivedEntry> DecodeArchivedStory(const ConsumedEvent& event);

// Every archived story since `since`, the latest record of each story id.
Result<std::vector<ArchivedEntry>> ReadArchive(const std::string& brokers, const std::string& topic, Timestamp since,
                                               size_t& records, size_t& undecodable);

// Per topic (the edited rules' order, then topics only the old verdicts
// had): stories the edited rules match that `running` (or, when null, the
// verdicts recorded in the archive) did not, and the reverse.
std::vector<TopicChanges> Backtest(const std::vector<ArchivedEntry>& stories, const Matcher& edited,
                                   const Matcher* running);

// The term hits as JSON: term, field, paragraph, lead, snippet.
nlohmann::json TermsJson(const std::vector<TermHit>& terms);

}  // namespace newsmon
