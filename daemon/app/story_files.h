// Stories read from files, as `newsmon match`, `check-config` examples and
// labelled sets give them to the topic matcher.
//
//   std::vector<StoryDocument> docs = LoadStoryDocuments("story.txt", bytes);
//   TextStory s = ParseStoryText("Title\n\nFirst paragraph.\nSecond paragraph.\n");
//   // s.title == "Title", s.body == "First paragraph.\n\nSecond paragraph."
//
// A feed file gives one document per entry (`feed.xml#0`, `#1`, ...), an
// HTML page its extracted article, anything else is a plain-text story.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsmon {

// A plain-text story: the title line, a blank line, then the body. Without
// that blank line after the first line the whole text is body. Body
// paragraphs are separated by blank lines; a body without any blank line has
// one paragraph per line (the form of wire copy and of most text dumps).
struct TextStory {
  std::string title;
  std::string body;  // paragraphs joined by "\n\n", as the matcher reads them
};
TextStory ParseStoryText(std::string_view text);
// The body rule alone, for text that has no title line.
std::string StoryBodyText(std::string_view text);

struct StoryDocument {
  std::string name;  // the path, with "#i" for a feed's i-th entry
  std::string title;
  std::string body;
};
std::vector<StoryDocument> LoadStoryDocuments(const std::string& path, const std::string& bytes);

}  // namespace newsmon
