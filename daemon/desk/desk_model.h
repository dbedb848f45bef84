// What the desk page shows, built from the events newsmon wrote to Kafka:
// matched stories per topic (near-duplicates folded under the first story of
// their cluster) and leader quotes, new or said before.
//
//   DeskModel desk;
//   desk.Add(consumed_event);                 // StoryMatched or LeaderQuote; others are ignored
//   std::string json = desk.Json({.topic = "russia-sanctions"});
//
// Pure logic, no I/O, not thread-safe: the web command feeds and reads it on
// one thread. Story text is untrusted; the JSON carries it as data, and links
// only when they are http(s) URLs.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "emit/kafka.h"

namespace newsmon::v1 {
class Story;
}

namespace newsmon::desk {

struct DeskFilter {
  std::string topic;   // empty: every topic
  std::string leader;  // empty: every leader
  bool new_only = false;
  size_t max_stories_per_topic = 100;
  size_t max_quotes = 200;
};

class DeskModel {
 public:
  // Bounds on what is kept; the oldest go first.
  explicit DeskModel(size_t max_clusters = 5000, size_t max_quotes = 5000)
      : max_clusters_(max_clusters), max_quotes_(max_quotes) {}

  // Returns true when the event changed the desk; false for other event
  // types, undecodable payloads (counted) and events already seen (same ce_id).
  bool Add(const ConsumedEvent& event);

  // Changes so far: the page re-renders when it moves.
  uint64_t version() const { return version_; }
  uint64_t undecodable() const { return undecodable_; }

  // {"version", "topics": [{"id", "stories": [...]}], "leaders": [{"id", "name"}], "quotes": [...]}
  std::string Json(const DeskFilter& filter) const;

 private:
  struct Hit {
    std::string term;
    std::string snippet;
  };
  struct Item {
    std::string story_id;
    std::string title;
    std::string url;
    std::string feed_id;
    std::string language;
    std::string published;  // RFC 3339, "" when unknown
    int64_t order = 0;      // published (ms), else arrival: newest first
  };
  struct Cluster {
    Item head;
    std::vector<Item> folded;                      // later stories of the same cluster
    std::map<std::string, std::vector<Hit>> hits;  // topic id: terms that matched
    uint64_t arrival = 0;
  };
  struct LeaderQuoteView {
    std::string event_id, leader_id, leader_name, text, speaker, first_seen, first_seen_url;
    bool is_new = false;
    Item story;
    uint64_t arrival = 0;
  };

  static Item ItemOf(const v1::Story& story);  // order: publication time, 0 when unknown
  void AddStory(const std::string& payload);
  void AddQuote(const std::string& payload);
  void Evict();

  size_t max_clusters_;
  size_t max_quotes_;
  uint64_t version_ = 0;
  uint64_t arrivals_ = 0;
  uint64_t undecodable_ = 0;
  std::set<std::string> seen_event_ids_;
  std::deque<std::string> seen_order_;                   // to forget the oldest ids
  std::map<std::string, Cluster> clusters_;              // cluster key: cluster
  std::map<std::string, std::string> cluster_of_story_;  // story id: cluster key
  std::deque<LeaderQuoteView> quotes_;                   // arrival order
  std::map<std::string, std::string> leaders_;           // id: name
};

// Keeps a link only when it is an absolute http or https URL: a story's
// `javascript:` or `data:` link must not become clickable.
std::string SafeLink(const std::string& url);

}  // namespace newsmon::desk
