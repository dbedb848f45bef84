// The feed model: what the parser gives the pipeline, whatever the format.
//
//   Result<Feed> feed = ParseFeed(bytes, {.base_url = url, .content_type = ct});
//   for (const FeedEntry& e : feed->entries) use(e.key, e.link, e.content_text);
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "util/time.h"

namespace newsmon::feed {

// An element from a namespace the model has no field for (media:, itunes:,
// slash:, ...), kept so that nothing the publisher sent is lost.
struct ExtensionElement {
  std::string ns;     // namespace URI ("" when the prefix was undeclared)
  std::string name;   // qualified name as written, e.g. "media:thumbnail"
  std::string value;  // text content, trimmed
  std::vector<std::pair<std::string, std::string>> attributes;
};

struct FeedEntry {
  std::string id;     // as written: RSS guid, Atom id, rdf:about, JSON id ("" when none)
  std::string key;    // stable identity for de-duplication: use this, not `id` (see ItemKey)
  std::string title;  // plain text
  std::string link;   // absolute when a base was known
  std::optional<Timestamp> published;
  std::optional<Timestamp> updated;
  std::string summary;       // as given (may hold HTML)
  std::string content;       // as given (may hold HTML)
  std::string summary_text;  // plain text forms, one paragraph per line, for matching and quotes
  std::string content_text;
  std::vector<std::string> authors;
  std::vector<std::string> categories;
  std::string content_hash;  // changes when the entry's text changes, not when only markup does
  std::vector<ExtensionElement> extensions;
};

struct Feed {
  std::string format;  // rss | rdf | atom | json
  std::string version;
  std::string title;
  std::string link;
  std::string description;
  std::string language;
  std::optional<Timestamp> updated;
  std::optional<std::chrono::seconds> ttl;  // RSS <ttl> or sy:updatePeriod/Frequency: publisher's poll hint
  std::string encoding;                     // the character encoding the bytes were read in
  std::vector<FeedEntry> entries;
  std::vector<std::string> warnings;  // what was wrong but recovered
  // The document ended before it was complete: its root element (RSS, RDF,
  // Atom) or top-level object (JSON Feed) is still open at end of input, as
  // when a response whose length is only known by the connection closing is
  // cut off. `entries` then holds only the items that were complete; the one
  // being cut is dropped, never half-read. A warning starting "truncated: "
  // says where. What the caller should do: feed/feed_parser.h.
  bool truncated = false;
};

}  // namespace newsmon::feed
