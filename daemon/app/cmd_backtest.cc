// `newsmon backtest`: replays edited topic rules against the archive topic
// (kafka.topics.articles) and lists the stories they would gain and lose.
#include <spdlog/spdlog.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "app/commands.h"
#include "emit/event.h"
#include "emit/kafka.h"
#include "match/matcher.h"
#include "newsmon/v1/events.pb.h"
#include "ops/logging.h"
#include "util/text.h"
#include "util/time.h"

namespace newsmon {

namespace {

struct ArchivedEntry {
  std::string story_id;
  std::string title;
  std::string url;
  std::string body;
  std::set<std::string> recorded;  // the topics it matched when analysed
};

struct Change {
  const ArchivedEntry* story = nullptr;
  std::vector<TermHit> terms;  // why it matches now (gained), or what it still holds (lost)
};

struct TopicChanges {
  std::vector<Change> gained;
  std::vector<Change> lost;
  size_t kept = 0;  // matched before and after
};

Result<std::shared_ptr<const Matcher>> CompileFile(const std::string& file) {
  auto config = LoadConfig(file);
  if (!config) return config.error();
  return Matcher::Compile((*config)->topics);
}

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
    v1::ArchivedStory msg;
    if ((*next)->Header("ce_type") != kStoryArchivedType || !msg.ParseFromString((*next)->payload)) {
      ++undecodable;
      continue;
    }
    ArchivedEntry e;
    e.story_id = msg.story().story_id();
    e.title = msg.story().title();
    e.url = msg.story().canonical_url().empty() ? msg.story().url() : msg.story().canonical_url();
    e.body = msg.body();
    e.recorded.insert(msg.topic_ids().begin(), msg.topic_ids().end());
    auto [it, added] = index.emplace(e.story_id, stories.size());
    if (added) {
      stories.push_back(std::move(e));
    } else {
      stories[it->second] = std::move(e);  // an edited story: its latest version counts
    }
  }
  return stories;
}

}  // namespace

int BacktestCommand(const BacktestOptions& options) {
  ops::SetUpLogging("warn");
  auto config = LoadConfig(options.config_file);
  if (!config) {
    std::cerr << config.error().message << "\n";
    return 1;
  }
  auto edited = Matcher::Compile((*config)->topics);
  if (!edited) {
    std::cerr << edited.error().message << "\n";
    return 1;
  }
  std::shared_ptr<const Matcher> running;
  if (!options.against_file.empty()) {
    auto against = CompileFile(options.against_file);
    if (!against) {
      std::cerr << against.error().message << "\n";
      return 1;
    }
    running = *against;
  }
  const std::string brokers = !options.brokers.empty() ? options.brokers : (*config)->kafka.brokers;
  if (brokers.empty() || brokers == "embedded") {
    std::cerr << "backtest: give --brokers (the config's kafka.brokers is '" << brokers << "')\n";
    return 2;
  }
  std::string topic = options.topic;
  if (topic.empty()) topic = (*config)->kafka.articles_topic;
  if (topic.empty()) topic = "newsmon.articles.v1";
  const auto window = ParseDuration(options.since);
  if (!window) {
    std::cerr << "backtest: --since must be a duration like 7d, 12h or 30m, found '" << options.since << "'\n";
    return 2;
  }
  const Timestamp since = Now() - *window;
  size_t records = 0, undecodable = 0;
  auto stories = ReadArchive(brokers, topic, since, records, undecodable);
  if (!stories) {
    std::cerr << "backtest: " << stories.error().message << "\n";
    return 1;
  }

  std::vector<std::string> order;  // topic ids: the edited config's, then ones only the running rules had
  std::map<std::string, TopicChanges> changes;
  for (const ArchivedEntry& story : *stories) {
    std::set<std::string> before = story.recorded;
    if (running) {
      before.clear();
      for (const TopicResult& r : running->MatchedTopics({story.title, story.body})) before.insert(r.topic_id);
    }
    std::set<std::string> seen_now;
    for (TopicResult& r : (*edited)->Explain({story.title, story.body})) {
      if (!changes.contains(r.topic_id)) order.push_back(r.topic_id);
      TopicChanges& c = changes[r.topic_id];
      seen_now.insert(r.topic_id);
      const bool was = before.contains(r.topic_id);
      if (r.matched && was) ++c.kept;
      if (r.matched && !was) c.gained.push_back({&story, std::move(r.terms)});
      if (!r.matched && was) c.lost.push_back({&story, std::move(r.terms)});
    }
    for (const std::string& id : before) {
      if (seen_now.contains(id)) continue;  // a topic the edit removed: all its stories are lost
      if (!changes.contains(id)) order.push_back(id);
      changes[id].lost.push_back({&story, {}});
    }
  }

  size_t gained = 0, lost = 0;
  for (const auto& [id, c] : changes) {
    gained += c.gained.size();
    lost += c.lost.size();
  }
  if (options.json) {
    nlohmann::json out;
    out["topic"] = topic;
    out["since"] = FormatRfc3339(since);
    out["stories"] = stories->size();
    out["undecodable"] = undecodable;
    out["topics"] = nlohmann::json::array();
    for (const std::string& id : order) {
      const TopicChanges& c = changes[id];
      nlohmann::json t{{"id", id}, {"kept", c.kept}};
      for (const char* which : {"gained", "lost"}) {
        nlohmann::json list = nlohmann::json::array();
        for (const Change& ch : std::string(which) == "gained" ? c.gained : c.lost) {
          list.push_back({{"story_id", ch.story->story_id},
                          {"title", SanitizeUtf8(ch.story->title)},
                          {"url", SanitizeUtf8(ch.story->url)},
                          {"terms", TermsJson(ch.terms)}});
        }
        t[which] = std::move(list);
      }
      out["topics"].push_back(std::move(t));
    }
    out["gained"] = gained;
    out["lost"] = lost;
    std::cout << out.dump() << "\n";
    return 0;
  }
  for (const std::string& id : order) {
    const TopicChanges& c = changes[id];
    std::cout << id << ": +" << c.gained.size() << " gained, -" << c.lost.size() << " lost, " << c.kept
              << " still matched\n";
    for (const char* which : {"+", "-"}) {
      for (const Change& ch : std::string(which) == "+" ? c.gained : c.lost) {
        std::cout << "  " << which << " " << ch.story->title << "  " << ch.story->url << "\n";
        for (const TermHit& h : ch.terms) {
          std::cout << "      " << h.term << " @ " << MatchFieldName(h.field) << " paragraph " << h.paragraph
                    << (h.lead ? " (lead)" : "") << "  \"" << h.snippet << "\"\n";
        }
      }
    }
  }
  std::cout << "backtest: " << stories->size() << " stories in " << topic << " since " << FormatRfc3339(since) << " ("
            << records << " records" << (undecodable ? ", " + std::to_string(undecodable) + " not decodable" : "")
            << "): +" << gained << " gained, -" << lost << " lost against "
            << (running ? "the rules in " + options.against_file : std::string("the rules that ran")) << "\n";
  return 0;
}

}  // namespace newsmon
