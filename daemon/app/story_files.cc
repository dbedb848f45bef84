#include "app/story_files.h"

#include "article/extractor.h"
#include "article/story.h"
#include "feed/feed_parser.h"
#include "util/text.h"

namespace newsmon {

namespace {

bool IsBlank(std::string_view line) { return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos; }

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t nl = text.find('\n', start);
    const size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

}  // namespace

std::string StoryBodyText(std::string_view text) {
  const std::vector<std::string_view> lines = Lines(text);
  // A blank line between two lines of text; leading and trailing ones do not count.
  bool has_blank = false;
  bool seen_text = false;
  bool blank_after_text = false;
  for (std::string_view line : lines) {
    if (IsBlank(line)) {
      blank_after_text = seen_text;
    } else {
      has_blank = has_blank || blank_after_text;
      seen_text = true;
    }
  }
  // Paragraphs: runs of non-blank lines (joined by '\n') when the text has
  // blank lines, single lines otherwise.
  std::string body;
  bool pending_break = false;
  for (std::string_view line : lines) {
    if (IsBlank(line)) {
      pending_break = true;
      continue;
    }
    if (!body.empty()) body += (pending_break || !has_blank) ? "\n\n" : "\n";
    body += TrimAscii(line);
    pending_break = false;
  }
  return body;
}

TextStory ParseStoryText(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark
  const size_t first_nl = text.find('\n');
  if (first_nl != std::string_view::npos) {
    std::string_view first = TrimAscii(text.substr(0, first_nl));
    std::string_view rest = text.substr(first_nl + 1);
    const size_t second_nl = rest.find('\n');
    const std::string_view second = rest.substr(0, second_nl);
    if (!first.empty() && IsBlank(second)) {
      return TextStory{std::string(first), StoryBodyText(rest)};
    }
  }
  return TextStory{"", StoryBodyText(text)};
}

std::vector<StoryDocument> LoadStoryDocuments(const std::string& path, const std::string& bytes) {
  std::vector<StoryDocument> docs;
  const std::string_view head = TrimAscii(std::string_view(bytes).substr(0, 2048));
  const bool looks_xml =
      head.starts_with("<?xml") || head.starts_with("<rss") || head.starts_with("<feed") || head.starts_with("<rdf");
  if (looks_xml) {
    auto feed = feed::ParseFeed(bytes, {"", ""});
    if (feed && !feed->entries.empty()) {
      for (size_t i = 0; i < feed->entries.size(); ++i) {
        Story s = MakeStory("cli", "", feed->entries[i], nullptr);
        docs.push_back({path + "#" + std::to_string(i), s.title, s.BodyText()});
      }
      return docs;
    }
  }
  const bool looks_html = head.find("<html") != std::string_view::npos ||
                          head.find("<!DOCTYPE html") != std::string_view::npos ||
                          head.find("<!doctype html") != std::string_view::npos;
  if (looks_html) {
    auto article = ExtractArticle(bytes, {"", ""});
    if (article) {
      Story s;
      s.paragraphs = article->paragraphs;
      docs.push_back({path, article->title, s.BodyText()});
      return docs;
    }
  }
  TextStory text = ParseStoryText(bytes);
  docs.push_back({path, std::move(text.title), std::move(text.body)});
  return docs;
}

}  // namespace newsmon
