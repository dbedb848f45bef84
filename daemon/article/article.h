// What a reader sees on a story page, and the Story that flows downstream.
//
//   Result<Article> a = ExtractArticle(html, {.url = page_url});
//   Story s = MakeStory(feed_config.id, entry, a ? &*a : nullptr);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/time.h"

namespace newsmon {

struct Article {
  std::string title;
  std::vector<std::string> authors;  // byline, one name each
  std::optional<Timestamp> published;
  std::optional<Timestamp> updated;
  std::string canonical_url;
  std::string language;                 // BCP 47 primary tag, e.g. "en", "de", "ru"
  std::vector<std::string> paragraphs;  // story body, in order, plain text
  // Minutes east of UTC that the page wrote `published` in (its local day can
  // differ from the UTC day); nullopt when the page gave no offset.
  std::optional<int> published_offset_minutes;
};

// The unit that matching, quotes and events work on.
struct Story {
  std::string id;  // deterministic: feed id + item id
  std::string feed_id;
  std::string item_id;  // the feed item's stable id
  std::string url;      // item link
  std::string canonical_url;
  std::string title;
  std::vector<std::string> authors;
  std::optional<Timestamp> published;
  std::optional<Timestamp> updated;
  std::string language;
  std::vector<std::string> paragraphs;  // body, plain text
  std::string content_hash;             // of the item as the feed gave it
  bool article_fetched = false;

  // Paragraphs joined by "\n\n": the text quote offsets refer to.
  std::string BodyText() const;
};

}  // namespace newsmon
