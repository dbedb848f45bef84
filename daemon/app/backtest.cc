#include "app/backtest.h"

#include <chrono>
#include <map>

#include "emit/event.h"
#include "emit/kafka.h"
#include "newsmon/v1/events.pb.h"
#include "util/text.h"

namespace newsmon {

nlohmann::json TermsJson(const std::vector<TermHit>& terms) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& h : terms) {
    out.push_back({{"term", SanitizeUtf8(h.term)},
                   {"field", MatchFieldName(h.field)},
                   {"paragraph", h.paragraph},
                   {"lead", h.lead},
                   {"snippet", SanitizeUtf8(h.snippet)}});
  }
  return out;
}

std::optional<ArchivedEntry> DecodeArchivedStory(const ConsumedEvent& event) {
  v1::ArchivedStory msg;
  if (event.Header("ce_type") != kStoryArchivedType || !msg.ParseFromString(event.payload)) return std::nullopt;
  ArchivedEntry e;
  e.story_id = msg.story().story_id();
  e.title = msg.story().title();
  e.url = msg.story().canonical_url().empty() ? msg.story().url() : msg.story().canonical_url();
  e.body = msg.body();
  e.recorded.insert(msg.topic_ids().begin(), msg.topic_ids().end());
  return e;
}

// Every archived story since `since`, the latest record of each story id.
Result<std::vector<ArchivedEntry>> ReadArchive(const std::string& brokers, const std::string& topic, Timestamp since,
                                               size_t& records, size_t& undecodable) {
  auto reader = KafkaReader::OpenSince(brokers, topic, since);
  if (!reader) return reader.error();
  std::vector<ArchivedEntry> stories;
  std::map<std::string, size_t> index;
  // Stop at the end the topic had when we started, or after a quiet spell
  // (a transaction marker can sit past the last record we are given).
  auto last_progress = std::chrono::steady_clock::now();
  while (!(*reader)->AtEnd() && std::chrono::steady_clock::now() - last_progress < std::chrono::seconds(10)) {
    auto next = (*reader)->Next(std::chrono::milliseconds(200));
    if (!next) return next.error();
    if (!*next) continue;
    last_progress = std::chrono::steady_clock::now();
    ++records;
    std::optional<ArchivedEntry> decoded = DecodeArchivedStory(**next);
    if (!decoded) {
      ++undecodable;
      continue;
    }
    ArchivedEntry& e = *decoded;
    auto [it, added] = index.emplace(e.story_id, stories.size());
    if (added) {
      stories.push_back(std::move(e));
    } else {
      stories[it->second] = std::move(e);  // an edited story: its latest version counts
    }
  }
  return stories;
}

std::vector<TopicChanges> Backtest(const std::vector<ArchivedEntry>& stories, const Matcher& edited,
                                   const Matcher* running) {
  std::vector<TopicChanges> changes;
  std::map<std::string, size_t> index;  // topic id: position in changes
  auto topic = [&](const std::string& id) -> TopicChanges& {
    auto [it, added] = index.emplace(id, changes.size());
    if (added) changes.push_back({.id = id, .gained = {}, .lost = {}, .kept = 0});
    return changes[it->second];
  };
  for (const ArchivedEntry& story : stories) {
    std::set<std::string> before = story.recorded;
    if (running) {
      before.clear();
      for (const TopicResult& r : running->MatchedTopics({story.title, story.body})) before.insert(r.topic_id);
    }
    std::set<std::string> seen_now;
    for (TopicResult& r : edited.Explain({story.title, story.body})) {
      TopicChanges& c = topic(r.topic_id);
      seen_now.insert(r.topic_id);
      const bool was = before.contains(r.topic_id);
      if (r.matched && was) ++c.kept;
      if (r.matched && !was) c.gained.push_back({&story, std::move(r.terms)});
      if (!r.matched && was) c.lost.push_back({&story, std::move(r.terms)});
    }
    for (const std::string& id : before) {
      if (seen_now.contains(id)) continue;  // a topic the edit removed: all its stories are lost
      topic(id).lost.push_back({&story, {}});
    }
  }
  return changes;
}

}  // namespace newsmon
