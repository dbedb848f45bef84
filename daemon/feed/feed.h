// The feed model: what the parser gives the pipeline, whatever the format.
//
//   Result<Feed> feed = ParseFeed(bytes, {.base_url = url, .content_type = ct});
//   for (const FeedEntry& e : feed->entries) use(e.id, e.link, e.plain_text());
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "util/time.h"

namespace newsmon::feed {

struct FeedEntry {
  std::string id;        // stable identity (see ItemKey); as written when the feed gives one
  std::string title;     // plain text
  std::string link;      // absolute when a base was known
  std::optional<Timestamp> published;
  std::optional<Timestamp> updated;
  std::string summary;   // as given (may hold HTML)
  std::string content;   // as given (may hold HTML)
  std::string summary_text;  // plain text forms, for matching and quotes
  std::string content_text;
  std::vector<std::string> authors;
  std::vector<std::string> categories;
  std::string content_hash;  // changes when the entry's text changes
};

struct Feed {
  std::string format;   // rss | rdf | atom | json
  std::string version;
  std::string title;
  std::string link;
  std::string description;
  std::string language;
  std::optional<Timestamp> updated;
  std::optional<std::chrono::seconds> ttl;  // RSS <ttl> or sy:updatePeriod/Frequency: publisher's poll hint
  std::vector<FeedEntry> entries;
  std::vector<std::string> warnings;  // what was wrong but recovered
};

}  // namespace newsmon::feed
