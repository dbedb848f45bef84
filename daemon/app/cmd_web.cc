// `newsmon web`: the desk. A reader of the stories and quotes topics feeds a
// DeskModel; the operations HTTP server (Beast, one thread) serves the page,
// its script and style, and /api/desk, beside /healthz and /metrics.
#include <google/protobuf/stubs/logging.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <atomic>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/backtest.h"
#include "app/commands.h"
#include "config/config.h"
#include "desk/assets.h"
#include "desk/desk_model.h"
#include "desk/query.h"
#include "emit/event.h"
#include "emit/kafka.h"
#include "match/matcher.h"
#include "newsmon/v1/events.pb.h"
#include "ops/logging.h"
#include "ops/metrics.h"
#include "ops/metrics_server.h"
#include "util/text.h"
#include "util/time.h"

namespace newsmon {
namespace {

// The page may load nothing from elsewhere and run no inline script.
const std::vector<std::pair<std::string, std::string>> kPageHeaders = {
    {"Content-Security-Policy",
     "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
     "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"}};

ops::HttpAnswer Asset(std::string_view body, const char* type) { return {200, type, std::string(body), kPageHeaders}; }

ops::HttpAnswer JsonAnswer(int status, const nlohmann::json& body) {
  return {status, "application/json", body.dump(), kPageHeaders};
}

// The stories of the archive topic the workbench replays rules against: the
// latest version of each, the newest kMaxArchived kept.
class ArchiveCache {
 public:
  static constexpr size_t kMaxArchived = 20000;

  // False for events that are not archived stories or do not decode.
  bool Add(const ConsumedEvent& event) {
    std::optional<ArchivedEntry> decoded = DecodeArchivedStory(event);
    if (!decoded) return false;
    ArchivedEntry& e = *decoded;
    if (auto it = index_.find(e.story_id); it != index_.end()) {
      stories_[it->second] = std::move(e);
      return true;
    }
    index_[e.story_id] = stories_.size();
    stories_.push_back(std::move(e));
    if (stories_.size() > kMaxArchived) {
      stories_.erase(stories_.begin(), stories_.begin() + kMaxArchived / 10);
      index_.clear();
      for (size_t i = 0; i < stories_.size(); ++i) index_[stories_[i].story_id] = i;
    }
    return true;
  }
  const std::vector<ArchivedEntry>& stories() const { return stories_; }

 private:
  std::vector<ArchivedEntry> stories_;
  std::map<std::string, size_t> index_;
};

// The YAML an analyst pastes into the topic's file.
std::string TopicYaml(const TopicConfig& topic, const std::string& query) {
  std::string yaml = "topics:\n  - id: " + topic.id + "\n";
  if (!topic.name.empty()) yaml += "    name: " + nlohmann::json(topic.name).dump() + "\n";
  if (topic.threshold > 0) yaml += "    threshold: " + std::to_string(topic.threshold) + "\n";
  yaml += "    query: |\n";
  size_t start = 0;
  while (start < query.size()) {
    const size_t nl = query.find('\n', start);
    yaml += "      " + query.substr(start, nl == std::string::npos ? std::string::npos : nl - start) + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return yaml;
}

nlohmann::json ChangesJson(const std::vector<Change>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const Change& ch : list) {
    if (out.size() >= 100) break;
    out.push_back({{"story_id", SanitizeUtf8(ch.story->story_id)},
                   {"title", SanitizeUtf8(ch.story->title)},
                   {"url", desk::SafeLink(ch.story->url)},
                   {"terms", TermsJson(ch.terms)}});
  }
  return out;
}

// GET /api/backtest?topic=ID&query=RULE: the topic's edited rule against the
// archive, compared with the verdicts recorded there.
ops::HttpAnswer Workbench(const Config& config, const ArchiveCache& archive, std::string_view query) {
  const std::string id = desk::QueryValue(query, "topic");
  const std::string rule = desk::QueryValue(query, "query");
  std::vector<TopicConfig> topics = config.topics;
  auto topic = std::find_if(topics.begin(), topics.end(), [&](const TopicConfig& t) { return t.id == id; });
  if (topic == topics.end()) return JsonAnswer(404, {{"error", "no topic '" + SanitizeUtf8(id) + "' in the config"}});
  if (TrimAscii(rule).empty()) return JsonAnswer(400, {{"error", "the rule is empty"}});
  topic->query = rule;
  auto edited = Matcher::Compile(topics);
  if (!edited) return JsonAnswer(400, {{"error", SanitizeUtf8(edited.error().message)}});
  nlohmann::json out = {{"topic", SanitizeUtf8(id)},
                        {"stories", archive.stories().size()},
                        {"kept", 0},
                        {"gained", nlohmann::json::array()},
                        {"lost", nlohmann::json::array()},
                        {"yaml", SanitizeUtf8(TopicYaml(*topic, rule))}};
  for (const TopicChanges& c : Backtest(archive.stories(), **edited, nullptr)) {
    if (c.id != id) continue;
    out["kept"] = c.kept;
    out["gained"] = ChangesJson(c.gained);
    out["lost"] = ChangesJson(c.lost);
  }
  return JsonAnswer(200, out);
}

}  // namespace

int WebCommand(const WebOptions& options) {
  ops::SetUpLogging("warn");
  // A payload with invalid UTF-8 in a string field is counted as undecodable
  // (newsmon_desk_undecodable_events); libprotobuf would also print a line
  // to stderr for each.
  google::protobuf::SetLogHandler(nullptr);
  std::string brokers = options.brokers;
  std::string stories_topic = "newsmon.stories.v1";
  std::string quotes_topic = "newsmon.quotes.v1";
  std::string archive_topic;  // the workbench's stories; empty: no workbench
  std::shared_ptr<const Config> config;
  if (!options.config_file.empty()) {
    auto loaded = LoadConfig(options.config_file);
    if (!loaded) {
      std::cerr << "web: " << loaded.error().message << "\n";
      return 1;
    }
    config = *loaded;
    stories_topic = config->kafka.stories_topic;
    quotes_topic = config->kafka.quotes_topic;
    archive_topic = config->kafka.articles_topic;
    if (brokers.empty() && !config->kafka.embedded()) brokers = config->kafka.brokers;
  }
  if (brokers.empty()) {
    std::cerr << "web: give --brokers, or --config with kafka.brokers\n";
    return 2;
  }
  const auto window = ParseDuration(options.since);
  if (!window) {
    std::cerr << "web: --since must be a duration like 7d, 12h or 30m, found '" << options.since << "'\n";
    return 2;
  }
  const Timestamp since = Now() - *window;

  boost::asio::io_context io;
  desk::DeskModel model;
  ArchiveCache archive;
  std::string kafka_status = "connecting to " + brokers;
  ops::MetricsRegistry registry;
  auto& events = registry.AddCounter("newsmon_desk_events_total", "Events read from Kafka by the desk.", {"type"});
  auto& undecodable = registry.AddGauge("newsmon_desk_undecodable_events", "Events the desk could not decode.");

  ops::MetricsServerOptions server_options;
  server_options.listen = options.listen;
  server_options.routes = [&](std::string_view path, std::string_view query) -> std::optional<ops::HttpAnswer> {
    if (path == "/") return Asset(desk::PageHtml(), "text/html; charset=utf-8");
    if (path == "/desk.js") return Asset(desk::PageScript(), "text/javascript; charset=utf-8");
    if (path == "/desk.css") return Asset(desk::PageStyle(), "text/css; charset=utf-8");
    if (path == "/favicon.svg" || path == "/favicon.ico") return Asset(desk::PageIcon(), "image/svg+xml");
    if (path == "/api/desk") return Asset(model.Json(desk::FilterFromQuery(query)), "application/json");
    if (path == "/api/status") return Asset(kafka_status + "\n", "text/plain; charset=utf-8");
    if (path == "/api/topics") {
      nlohmann::json topics = nlohmann::json::array();
      if (config && !archive_topic.empty()) {
        for (const TopicConfig& t : config->topics) {
          topics.push_back({{"id", t.id}, {"name", SanitizeUtf8(t.name)}, {"query", SanitizeUtf8(t.query)}});
        }
      }
      return JsonAnswer(200, {{"workbench", !topics.empty()}, {"archive", archive_topic}, {"topics", topics}});
    }
    if (path == "/api/backtest") {
      if (!config || archive_topic.empty()) {
        return JsonAnswer(404, {{"error", "the workbench needs --config with kafka.topics.articles"}});
      }
      return Workbench(*config, archive, query);
    }
    return std::nullopt;
  };
  ops::MetricsServer server(io, server_options, [&] {
    undecodable.Get().Set(static_cast<double>(model.undecodable()));
    return registry.Render();
  });
  if (auto s = server.Start(); !s) {
    std::cerr << "web: " << s.error().message << "\n";
    return 1;
  }
  server.SetReady(true);
  const std::string host = options.listen.substr(0, options.listen.rfind(':'));
  std::cout << "LISTEN=" << host << ":" << server.port() << std::endl;
  std::cerr << "newsmon desk: open http://" << host << ":" << server.port() << "/ in a browser\n";

  // The reader thread hands each event to the io thread, which owns the model.
  std::atomic<bool> stopping = false;
  std::thread reader([&] {
    std::vector<std::unique_ptr<KafkaReader>> readers;
    while (!stopping && readers.empty()) {
      std::vector<std::string> topics = {stories_topic, quotes_topic};
      if (!archive_topic.empty()) topics.push_back(archive_topic);
      if (!options.group.empty()) {
        // One member of the group: the partitions it is assigned, from `since`.
        auto r = KafkaReader::OpenGroup(brokers, topics, options.group, since);
        if (r) {
          readers.push_back(std::move(*r));
        } else {
          boost::asio::post(io, [&, message = r.error().message] { kafka_status = "kafka: " + message; });
        }
        if (readers.empty()) std::this_thread::sleep_for(std::chrono::seconds(2));
        continue;
      }
      for (const std::string& topic : topics) {
        auto r = KafkaReader::OpenSince(brokers, topic, since);
        if (!r) {
          boost::asio::post(io, [&, message = r.error().message] { kafka_status = "kafka: " + message; });
          readers.clear();
          break;
        }
        readers.push_back(std::move(*r));
      }
      if (readers.empty()) std::this_thread::sleep_for(std::chrono::seconds(2));
    }
    const std::string reading = "reading " + stories_topic + " and " + quotes_topic;
    boost::asio::post(io, [&kafka_status, reading] { kafka_status = reading; });
    while (!stopping) {
      for (auto& r : readers) {
        auto next = r->Next(std::chrono::milliseconds(100));
        if (!next) {
          boost::asio::post(io, [&, message = next.error().message] { kafka_status = message; });
          continue;
        }
        if (!*next) continue;
        // Counted by the types the desk knows, never by a header's raw value.
        boost::asio::post(io, [&, reading, event = std::move(**next)] {
          kafka_status = reading;  // an event after an error: reading again
          if (event.topic == archive_topic) {
            if (archive.Add(event)) events.WithLabels({kStoryArchivedType}).Inc();
          } else if (model.Add(event)) {
            events.WithLabels({event.Header("ce_type") == kLeaderQuoteType ? kLeaderQuoteType : kStoryMatchedType})
                .Inc();
          }
        });
      }
    }
  });

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) {
    stopping = true;
    server.Stop();
    io.stop();
  });
  boost::asio::steady_timer tick(io);
  std::function<void()> schedule = [&] {
    server.Tick();
    tick.expires_after(std::chrono::seconds(1));
    tick.async_wait([&](const boost::system::error_code& ec) {
      if (!ec) schedule();
    });
  };
  schedule();
  io.run();
  stopping = true;
  reader.join();
  return 0;
}

}  // namespace newsmon
