#include "desk/desk_model.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "emit/event.h"
#include "newsmon/v1/events.pb.h"
#include "util/text.h"
#include "util/time.h"

namespace newsmon::desk {
namespace {

using nlohmann::json;

std::string Rfc3339(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0 && t.nanos() == 0) return "";
  return FormatRfc3339(Timestamp(std::chrono::seconds(t.seconds())));
}

int64_t Millis(const google::protobuf::Timestamp& t) { return t.seconds() * 1000 + t.nanos() / 1000000; }

json ItemJson(const std::string& title, const std::string& url, const std::string& feed, const std::string& language,
              const std::string& published) {
  return {{"title", SanitizeUtf8(title)},
          {"url", SafeLink(url)},
          {"feed", SanitizeUtf8(feed)},
          {"language", SanitizeUtf8(language)},
          {"published", published}};
}

}  // namespace

std::string SafeLink(const std::string& url) {
  const std::string_view trimmed = TrimAscii(url);
  const std::string lower = AsciiLower(trimmed.substr(0, 8));
  if (!lower.starts_with("http://") && !lower.starts_with("https://")) return "";
  // No control characters or spaces: a URL with them is not one a browser
  // would follow as written.
  for (char c : trimmed) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return "";
  }
  return SanitizeUtf8(trimmed);
}

DeskModel::Item DeskModel::ItemOf(const v1::Story& s) {
  return Item{s.story_id(),
              s.title(),
              s.url(),
              s.feed_id(),
              s.language(),
              Rfc3339(s.published()),
              s.has_published() ? Millis(s.published()) : 0};
}

bool DeskModel::Add(const ConsumedEvent& event) {
  const std::string type = event.Header("ce_type");
  if (type != kStoryMatchedType && type != kLeaderQuoteType) return false;
  const std::string id = event.Header("ce_id");
  if (!id.empty()) {
    if (seen_event_ids_.contains(id)) return false;  // a redelivery
    seen_event_ids_.insert(id);
    seen_order_.push_back(id);
    if (seen_order_.size() > 4 * (max_clusters_ + max_quotes_)) {
      seen_event_ids_.erase(seen_order_.front());
      seen_order_.pop_front();
    }
  }
  const uint64_t before = version_;
  if (type == kStoryMatchedType) {
    AddStory(event.payload);
  } else {
    AddQuote(event.payload);
  }
  return version_ != before;
}

void DeskModel::AddStory(const std::string& payload) {
  v1::StoryMatched msg;
  if (!msg.ParseFromString(payload)) {
    ++undecodable_;
    return;
  }
  const v1::Story& s = msg.story();
  Item item = ItemOf(s);
  ++arrivals_;
  if (item.order == 0) item.order = static_cast<int64_t>(arrivals_);
  // A story seen before (an edit) stays in its cluster; a new one joins the
  // cluster the pipeline assigned, or starts its own.
  std::string key;
  if (auto it = cluster_of_story_.find(s.story_id()); it != cluster_of_story_.end()) {
    key = it->second;
  } else {
    key = !s.cluster_id().empty() ? s.cluster_id() : s.story_id();
    cluster_of_story_[s.story_id()] = key;
  }
  auto [it, created] = clusters_.try_emplace(key);
  Cluster& c = it->second;
  if (created) {
    c.head = item;
    c.arrival = arrivals_;
  } else if (c.head.story_id == item.story_id) {
    c.head = item;
  } else {
    auto same =
        std::find_if(c.folded.begin(), c.folded.end(), [&](const Item& f) { return f.story_id == item.story_id; });
    if (same != c.folded.end()) {
      *same = item;
    } else {
      c.folded.push_back(item);
    }
  }
  for (const auto& topic : msg.topics()) {
    std::vector<Hit>& hits = c.hits[topic.topic_id()];
    for (const auto& term : topic.terms()) {
      const bool known = std::any_of(
          hits.begin(), hits.end(), [&](const Hit& h) { return h.term == term.term() && h.snippet == term.snippet(); });
      if (!known && hits.size() < 8) hits.push_back({term.term(), term.snippet()});
    }
  }
  ++version_;
  Evict();
}

void DeskModel::AddQuote(const std::string& payload) {
  v1::LeaderQuote msg;
  if (!msg.ParseFromString(payload)) {
    ++undecodable_;
    return;
  }
  LeaderQuoteView q;
  q.event_id = msg.event_id();
  q.leader_id = msg.leader_id();
  q.leader_name = msg.leader_name().empty() ? msg.leader_id() : msg.leader_name();
  q.text = msg.quote().text();
  q.speaker = msg.quote().speaker();
  q.is_new = msg.is_new();
  q.first_seen = Rfc3339(msg.first_seen());
  q.first_seen_url = msg.first_seen_url();
  q.story = ItemOf(msg.story());
  q.arrival = ++arrivals_;
  if (q.story.order == 0) q.story.order = static_cast<int64_t>(q.arrival);
  leaders_[q.leader_id] = q.leader_name;
  quotes_.push_back(std::move(q));
  while (quotes_.size() > max_quotes_) quotes_.pop_front();
  ++version_;
}

void DeskModel::Evict() {
  while (clusters_.size() > max_clusters_) {
    auto oldest = std::min_element(clusters_.begin(), clusters_.end(),
                                   [](const auto& a, const auto& b) { return a.second.arrival < b.second.arrival; });
    std::erase_if(cluster_of_story_, [&](const auto& entry) { return entry.second == oldest->first; });
    clusters_.erase(oldest);
  }
}

std::string DeskModel::Json(const DeskFilter& filter) const {
  // Topics, each with its clusters newest first.
  std::map<std::string, std::vector<const Cluster*>> by_topic;
  for (const auto& [key, c] : clusters_) {
    for (const auto& [topic, hits] : c.hits) {
      if (filter.topic.empty() || filter.topic == topic) by_topic[topic].push_back(&c);
    }
  }
  json topics = json::array();
  for (auto& [topic, list] : by_topic) {
    std::sort(list.begin(), list.end(), [](const Cluster* a, const Cluster* b) {
      return a->head.order != b->head.order ? a->head.order > b->head.order : a->arrival > b->arrival;
    });
    json stories = json::array();
    for (const Cluster* c : list) {
      if (stories.size() >= filter.max_stories_per_topic) break;
      json story = ItemJson(c->head.title, c->head.url, c->head.feed_id, c->head.language, c->head.published);
      story["story_id"] = SanitizeUtf8(c->head.story_id);
      json terms = json::array();
      for (const Hit& h : c->hits.at(topic)) {
        terms.push_back({{"term", SanitizeUtf8(h.term)}, {"snippet", SanitizeUtf8(h.snippet)}});
      }
      story["terms"] = std::move(terms);
      json folded = json::array();
      for (const Item& f : c->folded) folded.push_back(ItemJson(f.title, f.url, f.feed_id, f.language, f.published));
      story["folded"] = std::move(folded);
      stories.push_back(std::move(story));
    }
    topics.push_back({{"id", SanitizeUtf8(topic)}, {"stories", std::move(stories)}});
  }
  json leaders = json::array();
  for (const auto& [id, name] : leaders_) leaders.push_back({{"id", SanitizeUtf8(id)}, {"name", SanitizeUtf8(name)}});
  // Quotes newest first by their story's time, then by arrival.
  std::vector<const LeaderQuoteView*> ordered;
  for (const auto& q : quotes_) ordered.push_back(&q);
  std::sort(ordered.begin(), ordered.end(), [](const LeaderQuoteView* a, const LeaderQuoteView* b) {
    return a->story.order != b->story.order ? a->story.order > b->story.order : a->arrival > b->arrival;
  });
  json quotes = json::array();
  for (const LeaderQuoteView* p : ordered) {
    if (quotes.size() >= filter.max_quotes) break;
    const LeaderQuoteView& q = *p;
    if (!filter.leader.empty() && q.leader_id != filter.leader) continue;
    if (filter.new_only && !q.is_new) continue;
    json v = {{"event_id", SanitizeUtf8(q.event_id)},
              {"leader_id", SanitizeUtf8(q.leader_id)},
              {"leader_name", SanitizeUtf8(q.leader_name)},
              {"text", SanitizeUtf8(q.text)},
              {"speaker", SanitizeUtf8(q.speaker)},
              {"is_new", q.is_new},
              {"first_seen", q.first_seen},
              {"first_seen_url", SafeLink(q.first_seen_url)}};
    v["story"] = ItemJson(q.story.title, q.story.url, q.story.feed_id, q.story.language, q.story.published);
    quotes.push_back(std::move(v));
  }
  json out = {{"version", version_},
              {"topics", std::move(topics)},
              {"leaders", std::move(leaders)},
              {"quotes", std::move(quotes)}};
  return out.dump();
}

}  // namespace newsmon::desk
