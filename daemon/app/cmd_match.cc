// `newsmon match`: owned by the match stage.
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>
#include "app/cli_io.h"
#include "app/commands.h"

#include "article/extractor.h"
#include "article/story.h"
#include "feed/feed_parser.h"
#include "match/matcher.h"
#include "util/text.h"

namespace newsmon {

namespace {

struct Document {
  std::string name;
  std::string title;
  std::string body;
};

// A feed file gives one document per entry, an HTML page its article, any
// other file its plain text.
std::vector<Document> LoadDocuments(const std::string& path, const std::string& bytes) {
  std::vector<Document> docs;
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
  docs.push_back({path, "", bytes});
  return docs;
}

}  // namespace

int MatchCommand(const std::string& config_file, const std::vector<std::string>& files, bool json) {
  auto config = LoadConfig(config_file);
  if (!config) {
    std::cerr << config.error().message << "\n";
    return 1;
  }
  auto matcher = Matcher::Compile((*config)->topics);
  if (!matcher) {
    std::cerr << matcher.error().message << "\n";
    return 1;
  }
  int rc = 0;
  for (const auto& path : files) {
    auto bytes = ReadFile(path);
    if (!bytes) {
      std::cerr << "cannot read " << path << "\n";
      rc = 1;
      continue;
    }
    for (const Document& doc : LoadDocuments(path, *bytes)) {
      const auto results = (*matcher)->Match({doc.title, doc.body});
      if (json) {
        nlohmann::json j;
        j["document"] = doc.name;
        j["topics"] = nlohmann::json::array();
        for (const auto& r : results) {
          nlohmann::json t{{"id", r.topic_id}, {"matched", r.matched}, {"score", r.score}};
          t["terms"] = nlohmann::json::array();
          for (const auto& h : r.terms) {
            t["terms"].push_back({{"term", SanitizeUtf8(h.term)},
                                  {"field", MatchFieldName(h.field)},
                                  {"start", h.start},
                                  {"end", h.end},
                                  {"snippet", SanitizeUtf8(h.snippet)}});
          }
          j["topics"].push_back(std::move(t));
        }
        std::cout << j.dump() << "\n";
      } else {
        std::cout << doc.name << "\n";
        for (const auto& r : results) {
          std::cout << "  " << r.topic_id << ": " << (r.matched ? "MATCH" : "no match") << " (score " << r.score
                    << ")\n";
          for (const auto& h : r.terms) {
            std::cout << "    " << h.term << " @ " << MatchFieldName(h.field) << " " << h.start << "-" << h.end;
            if (!h.snippet.empty()) std::cout << "  \"" << h.snippet << "\"";
            std::cout << "\n";
          }
        }
      }
    }
  }
  return rc;
}

}  // namespace newsmon
