// Building a Story from a feed entry and, when fetched, its article page.
//
//   Story s = MakeStory("rferl", entry, article_or_null);
#pragma once

#include <string_view>

#include "article/article.h"
#include "feed/feed.h"

namespace newsmon {

// Entry text alone is often a teaser; this says when the page is worth fetching.
bool EntryLooksTruncated(const feed::FeedEntry& entry);

Story MakeStory(std::string_view feed_id, std::string_view feed_language, const feed::FeedEntry& entry,
                const Article* article);

}  // namespace newsmon
