#include "article/story.h"

#include <cctype>

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

namespace {

constexpr size_t kShortEntry = 600;     // code points: a teaser, not a story
constexpr size_t kShortSummary = 1200;  // a one-paragraph summary this short is a lede

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Feeds mark cut text at its end: an ellipsis or a "read more" link text.
bool EndsWithContinuation(std::string_view text) {
  const std::string t = Lower(TrimAscii(text));
  for (const char* end : {"...", "\u2026", "[\u2026]", "[...]", "(more\u2026)", "(more...)", "read more",
                          "read more \u00bb", "continue reading", "continue reading \u2192", "read the full story",
                          "read full article", "\u00bb", "more \u00bb", "[more]"}) {
    if (t.ends_with(end)) return true;
  }
  return false;
}

}  // namespace

bool EntryLooksTruncated(const feed::FeedEntry& entry) {
  const bool has_content = !TrimAscii(entry.content_text).empty();
  std::string_view text = has_content ? entry.content_text : entry.summary_text;
  // WordPress appends "The post X appeared first on Y." to full and cut posts alike.
  if (const size_t p = text.rfind("The post ");
      p != std::string_view::npos && p > 0 && text.find("appeared first on", p) != std::string_view::npos) {
    text = text.substr(0, p);
  }
  text = TrimAscii(text);
  if (EndsWithContinuation(text)) return true;
  const size_t length = CodePointCount(text);
  if (length < kShortEntry) return true;
  // A summary alone, in one paragraph, is a lede even when it is long-ish.
  return !has_content && length < kShortSummary && text.find('\n') == std::string_view::npos;
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
