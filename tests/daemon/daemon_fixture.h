// Runs the real newsmon binary as a child process against loopback feeds
// (a scripted HTTP server whose feeds grow while the test runs) and an
// embedded Kafka cluster owned by the test, so the test can break either.
#pragma once

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include "../app/subprocess.h"
#include "../ops/prometheus_parser.h"
#include "../support/http_test_server.h"
#include "emit/kafka.h"
#include "newsmon/v1/events.pb.h"
#include "util/hash.h"

namespace newsmon::testing {

namespace fs = std::filesystem;

inline const std::string kNewsmon = NEWSMON_BINARY;

// RSS feeds served over HTTP whose items can be added at any time.
class GrowingFeeds {
 public:
  explicit GrowingFeeds(int feeds) : feeds_(feeds) {
    for (int f = 0; f < feeds; ++f) {
      const std::string path = Path(f);
      server_.Handle(path, [this, f](const SeenRequest&) {
        return Reply(200, Render(f)).WithHeader("Content-Type", "application/rss+xml");
      });
    }
  }
  static std::string Path(int feed) { return "/feed/" + std::to_string(feed) + ".xml"; }
  std::string Url(int feed) const { return server_.Url(Path(feed)); }
  int feeds() const { return feeds_; }

  // Adds an item whose text matches the test topic ("sanctions" + "Russia").
  std::string AddItem(int feed, const std::string& extra_text = "") {
    std::lock_guard lock(mu_);
    const int n = next_item_++;
    const std::string guid = "item-" + std::to_string(n);
    items_[feed].push_back({guid, "Sanctions story " + std::to_string(n),
                            "New sanctions against Russia, part " + std::to_string(n) + ". " + extra_text});
    return guid;
  }
  // The story id each item gets: events are keyed by it.
  static std::string StoryId(int feed, const std::string& guid) { return StableId({"f" + std::to_string(feed), guid}); }
  std::vector<std::pair<int, std::string>> AllItems() const {
    std::lock_guard lock(mu_);
    std::vector<std::pair<int, std::string>> out;
    for (const auto& [feed, items] : items_) {
      for (const auto& i : items) out.emplace_back(feed, i.guid);
    }
    return out;
  }
  size_t requests() const { return server_.Requests().size(); }
  std::vector<SeenRequest> Requests() const { return server_.Requests(); }

 private:
  struct Item {
    std::string guid, title, body;
  };
  std::string Render(int feed) const {
    std::lock_guard lock(mu_);
    std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed " + std::to_string(feed) +
                      "</title><link>http://feeds.test/</link><description>d</description>";
    auto it = items_.find(feed);
    if (it != items_.end()) {
      for (const auto& i : it->second) {
        xml += "<item><title>" + i.title + "</title><guid isPermaLink=\"false\">" + i.guid +
               "</guid><link>http://feeds.test/" + i.guid +
               "</link><pubDate>Thu, 26 Nov 2026 10:00:00 +0000</pubDate>"
               "<description>" +
               i.body + "</description></item>";
      }
    }
    return xml + "</channel></rss>";
  }

  int feeds_;
  HttpTestServer server_;
  mutable std::mutex mu_;
  std::map<int, std::vector<Item>> items_;
  int next_item_ = 0;
};

// A metric of the daemon listening on `port`; 0 when absent.
inline double Metric(int port, const std::string& name, const std::map<std::string, std::string>& labels = {}) {
  auto e = ops::testing::ParseExposition(
      RunCommand("curl -sf http://127.0.0.1:" + std::to_string(port) + "/metrics").output);
  return e.ok ? e.Find(name, labels).value_or(0) : 0;
}

inline int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

class DaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/newsmon-daemon-test.XXXXXX";
    dir_ = mkdtemp(tmpl);
    auto cluster = EmbeddedKafka::Start(3, {"test.stories", "test.quotes"});
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(*cluster);
    metrics_port_ = FreePort();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A config over `feeds`, polled every second, with the topic rules in a
  // separate file so tests can edit and reload them.
  fs::path WriteConfig(const GrowingFeeds& feeds, const std::string& topic_query = "sanctions AND Russia",
                       const std::string& extra_yaml = "") {
    WriteTopics(topic_query);
    std::string yaml = "state_dir: " + (dir_ / "state").string() +
                       "\nmetrics_listen: 127.0.0.1:" + std::to_string(metrics_port_) + R"(
log_level: info
http: {allow_private_addresses: true, per_host_connections: 8}
)" + KafkaYaml() + R"(include: [topics.yaml]
)" + extra_yaml + R"(
feeds:
)";
    yaml += FeedsYaml(feeds);
    std::ofstream(dir_ / "config.yaml") << yaml;
    return dir_ / "config.yaml";
  }
  // The kafka section: the test's cluster and topics, short timeouts.
  std::string KafkaYaml() const {
    return "kafka:\n  brokers: " + cluster_->bootstrap_servers() +
           "\n  topics: {stories: test.stories, quotes: test.quotes}\n  flush_timeout: 10s\n"
           "  producer: {message.timeout.ms: \"5000\"}\n";
  }
  // The feeds section's items: every feed polled every second or two.
  static std::string FeedsYaml(const GrowingFeeds& feeds) {
    std::string yaml;
    for (int f = 0; f < feeds.feeds(); ++f) {
      yaml += "  - {id: f" + std::to_string(f) + ", url: \"" + feeds.Url(f) +
              "\", interval: 1s, min_interval: 1s, max_interval: 2s, fetch_article: never}\n";
    }
    return yaml;
  }
  void WriteTopics(const std::string& query) {
    std::ofstream(dir_ / "topics.yaml") << "topics:\n  - id: watch\n    query: '" << query << "'\n";
  }

  std::unique_ptr<ChildProcess> StartDaemon(const std::vector<std::string>& env = {}) {
    return std::make_unique<ChildProcess>(
        std::vector<std::string>{kNewsmon, "run", "--config", (dir_ / "config.yaml").string()}, env);
  }

  // Every StoryMatched consumed so far, by story id; asserts that duplicates
  // are byte-identical in key, ce_id and payload.
  std::map<std::string, ConsumedEvent> ConsumeStories(size_t expected, std::chrono::seconds timeout) {
    std::map<std::string, ConsumedEvent> by_story;
    auto reader = KafkaReader::Open(cluster_->bootstrap_servers(), "test.stories", true);
    EXPECT_TRUE(reader.ok());
    if (!reader) return by_story;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (by_story.size() < expected && std::chrono::steady_clock::now() < deadline) {
      auto batch = (*reader)->ReadUpTo(10000, std::chrono::milliseconds(500));
      if (!batch) continue;
      for (auto& e : *batch) {
        auto [it, inserted] = by_story.emplace(e.key, e);
        if (!inserted) {
          ++duplicates_;
          EXPECT_EQ(it->second.Header("ce_id"), e.Header("ce_id")) << "a re-sent event must keep its ce_id";
          EXPECT_EQ(it->second.payload, e.payload) << "a re-sent event must be byte-identical";
        }
      }
    }
    return by_story;
  }

  void ExpectEveryItemDelivered(const GrowingFeeds& feeds, std::chrono::seconds timeout) {
    const auto items = feeds.AllItems();
    const auto stories = ConsumeStories(items.size(), timeout);
    size_t missing = 0;
    for (const auto& [feed, guid] : items) {
      if (!stories.count(GrowingFeeds::StoryId(feed, guid))) ++missing;
    }
    EXPECT_EQ(missing, 0u) << "of " << items.size() << " items";
    EXPECT_EQ(stories.size(), items.size()) << "events for stories that were never published";
  }

  fs::path dir_;
  std::unique_ptr<EmbeddedKafka> cluster_;
  int metrics_port_ = 0;
  int duplicates_ = 0;
};

}  // namespace newsmon::testing
