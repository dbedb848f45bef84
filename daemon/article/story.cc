#include "article/story.h"

#include "util/hash.h"
#include "util/text.h"

namespace newsmon {

std::string Story::BodyText() const {
  std::string out;
  for (const auto& p : paragraphs) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

bool EntryLooksTruncated(const feed::FeedEntry& entry) {
  const std::string& text = entry.content_text.empty() ? entry.summary_text : entry.content_text;
  if (CodePointCount(text) < 600) return true;
  const std::string_view t = TrimAscii(text);
  return t.ends_with("...") || t.ends_with("…") || t.ends_with("[…]") || t.ends_with("[...]");
}

namespace {

std::vector<std::string> SplitParagraphs(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string p = CollapseWhitespace(std::string_view(text).substr(start, end - start));
    if (!p.empty()) out.push_back(std::move(p));
    start = end + 1;
  }
  return out;
}

}  // namespace

Story MakeStory(std::string_view feed_id, std::string_view feed_language, const feed::FeedEntry& entry,
                const Article* article) {
  Story s;
  s.feed_id = std::string(feed_id);
  s.item_id = entry.id;
  s.id = StableId({feed_id, entry.id});
  s.url = entry.link;
  s.title = entry.title;
  s.authors = entry.authors;
  s.published = entry.published;
  s.updated = entry.updated;
  s.language = std::string(feed_language);
  s.content_hash = entry.content_hash;
  if (article && !article->paragraphs.empty()) {
    s.article_fetched = true;
    s.paragraphs = article->paragraphs;
    if (s.title.empty()) s.title = article->title;
    if (!article->authors.empty()) s.authors = article->authors;
    if (!s.published) s.published = article->published;
    if (article->updated) s.updated = article->updated;
    if (!article->language.empty()) s.language = article->language;
    s.canonical_url = article->canonical_url;
  } else {
    s.paragraphs = SplitParagraphs(entry.content_text.empty() ? entry.summary_text : entry.content_text);
  }
  if (s.canonical_url.empty()) s.canonical_url = s.url;
  return s;
}

}  // namespace newsmon
