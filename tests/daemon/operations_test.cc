// The daemon as systemd and operators see it: sd_notify, reload, metrics,
// graceful stop.
#include <sqlite3.h>
#include <sys/un.h>

#include <thread>

#include "../ops/prometheus_parser.h"
#include "daemon_fixture.h"

namespace newsmon::testing {
namespace {

using ops::testing::ParseExposition;

// A real AF_UNIX datagram socket standing in for systemd's notify socket.
class NotifySocket {
 public:
  explicit NotifySocket(const fs::path& path) : path_(path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  }
  ~NotifySocket() { close(fd_); }
  // Next datagram, or nullopt after `timeout`.
  std::optional<std::string> Receive(std::chrono::milliseconds timeout) {
    pollfd pfd{fd_, POLLIN, 0};
    if (poll(&pfd, 1, static_cast<int>(timeout.count())) <= 0) return std::nullopt;
    char buf[4096];
    const ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n < 0) return std::nullopt;
    return std::string(buf, static_cast<size_t>(n));
  }
  // Waits for a datagram containing `needle`; records what came before.
  std::optional<std::string> WaitFor(const std::string& needle, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      auto msg = Receive(left);
      if (!msg) return std::nullopt;
      seen.push_back({std::chrono::steady_clock::now(), *msg});
      if (msg->find(needle) != std::string::npos) return msg;
    }
    return std::nullopt;
  }
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::string>> seen;

 private:
  fs::path path_;
  int fd_ = -1;
};

ops::testing::Exposition Scrape(int port) {
  const auto r = RunCommand("curl -sf http://127.0.0.1:" + std::to_string(port) + "/metrics");
  return ParseExposition(r.output);
}

// Waits until a metric reaches `at_least`.
double WaitForMetric(int port, const std::string& name, const std::map<std::string, std::string>& labels,
                     double at_least, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  double v = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    auto e = Scrape(port);
    if (e.ok) {
      v = e.Find(name, labels).value_or(0);
      if (v >= at_least) return v;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return v;
}

TEST_F(DaemonTest, SpeaksTheSystemdNotifyProtocol) {
  GrowingFeeds feeds(1);
  feeds.AddItem(0);
  WriteConfig(feeds);
  NotifySocket notify(dir_ / "notify.sock");
  auto daemon = StartDaemon({"NOTIFY_SOCKET=" + (dir_ / "notify.sock").string(), "WATCHDOG_USEC=600000"});
  ASSERT_TRUE(notify.WaitFor("READY=1", std::chrono::seconds(20))) << "no READY=1";
  ASSERT_TRUE(notify.WaitFor("STATUS=", std::chrono::seconds(10))) << "no STATUS line";
  // Watchdog pings at half of WatchdogSec (300 ms here), from the loop.
  notify.seen.clear();
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1600)) {
    notify.WaitFor("WATCHDOG=1", std::chrono::milliseconds(700));
  }
  std::vector<std::chrono::steady_clock::time_point> pings;
  for (const auto& [t, m] : notify.seen) {
    if (m.find("WATCHDOG=1") != std::string::npos) pings.push_back(t);
  }
  ASSERT_GE(pings.size(), 4u);
  for (size_t i = 1; i < pings.size(); ++i) {
    EXPECT_LT(pings[i] - pings[i - 1], std::chrono::milliseconds(600)) << "watchdog gap too long";
  }
  daemon->Signal(SIGHUP);
  auto reloading = notify.WaitFor("RELOADING=1", std::chrono::seconds(10));
  ASSERT_TRUE(reloading);
  EXPECT_NE(reloading->find("MONOTONIC_USEC="), std::string::npos) << *reloading;
  ASSERT_TRUE(notify.WaitFor("READY=1", std::chrono::seconds(10))) << "no READY=1 after reload";
  daemon->Signal(SIGTERM);
  ASSERT_TRUE(notify.WaitFor("STOPPING=1", std::chrono::seconds(10)));
  EXPECT_EQ(daemon->WaitFor(std::chrono::seconds(20)), std::optional<int>(0));
}

TEST_F(DaemonTest, ReloadSwapsRulesAndAnInvalidEditKeepsTheOldOnes) {
  GrowingFeeds feeds(1);
  feeds.AddItem(0, "giraffe");  // no topic matches it yet
  WriteConfig(feeds, "zebra");
  auto daemon = StartDaemon();
  ASSERT_GE(WaitForMetric(metrics_port_, "newsmon_items_new_total", {}, 1, std::chrono::seconds(20)), 1);

  WriteTopics("giraffe");
  daemon->Signal(SIGHUP);
  ASSERT_GE(WaitForMetric(metrics_port_, "newsmon_config_reload_success_total", {}, 1, std::chrono::seconds(20)), 1);
  const std::string second = feeds.AddItem(0, "giraffe");
  auto stories = ConsumeStories(1, std::chrono::seconds(20));
  ASSERT_EQ(stories.size(), 1u) << "the new rule should match the next story";
  EXPECT_TRUE(stories.count(GrowingFeeds::StoryId(0, second)));

  WriteTopics("giraffe AND (");  // broken: the running rules must stay
  daemon->Signal(SIGHUP);
  ASSERT_GE(WaitForMetric(metrics_port_, "newsmon_config_reload_failures_total", {}, 1, std::chrono::seconds(20)), 1);
  const std::string third = feeds.AddItem(0, "giraffe");
  stories = ConsumeStories(2, std::chrono::seconds(20));
  EXPECT_TRUE(stories.count(GrowingFeeds::StoryId(0, third))) << "old rules should still match after a bad edit";
  daemon->Signal(SIGTERM);
  EXPECT_EQ(daemon->WaitFor(std::chrono::seconds(20)), std::optional<int>(0));
}

TEST_F(DaemonTest, MetricsAgreeWithWhatWasFedIn) {
  GrowingFeeds feeds(2);
  for (int i = 0; i < 5; ++i) feeds.AddItem(i % 2);
  WriteConfig(feeds);
  auto daemon = StartDaemon();
  ASSERT_GE(WaitForMetric(metrics_port_, "newsmon_events_delivered_total", {{"type", "org.newsmon.story.matched.v1"}},
                          5, std::chrono::seconds(30)),
            5);
  auto e = Scrape(metrics_port_);
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_EQ(e.Value("newsmon_items_new_total"), 5);
  EXPECT_EQ(e.Value("newsmon_stories_matched_total"), 5);
  EXPECT_EQ(e.Value("newsmon_topic_matches_total", {{"topic", "watch"}}), 5);
  EXPECT_EQ(e.Value("newsmon_events_produced_total", {{"type", "org.newsmon.story.matched.v1"}}), 5);
  EXPECT_GE(e.Value("newsmon_polls_total", {{"result", "ok"}}), 2);
  EXPECT_EQ(e.Value("newsmon_feeds"), 2);
  EXPECT_EQ(e.Value("newsmon_config_reload_failures_total"), 0);
  EXPECT_GE(e.Value("newsmon_maintenance_runs_total"), 1) << "the first maintenance run comes at start-up";
  EXPECT_GT(e.Value("newsmon_heap_allocated_bytes"), 1 << 20) << "sampled by that run, whichever the allocator";
  EXPECT_EQ(RunCommand("curl -sf http://127.0.0.1:" + std::to_string(metrics_port_) + "/healthz").exit_code, 0);
  EXPECT_EQ(RunCommand("curl -sf http://127.0.0.1:" + std::to_string(metrics_port_) + "/readyz").exit_code, 0);
  // `newsmon status` reads the same registry the daemon exports.
  const auto status = RunCommand(kNewsmon + " status --config " + (dir_ / "config.yaml").string());
  EXPECT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find("daemon at 127.0.0.1:" + std::to_string(metrics_port_) +
                               ": 2 feeds (0 failing), 5 items committed"),
            std::string::npos)
      << status.output;
  EXPECT_NE(status.output.find("f0\tok"), std::string::npos) << status.output;
  daemon->Signal(SIGTERM);
  EXPECT_EQ(daemon->WaitFor(std::chrono::seconds(20)), std::optional<int>(0));
}

// Every item the store marks seen has its event in Kafka.
std::vector<std::string> CommittedItems(const fs::path& db_path) {
  std::vector<std::string> out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) return out;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT feed_id, item_id FROM seen_item", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    out.push_back(StableId({reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                            reinterpret_cast<const char*>(sqlite3_column_text(st, 1))}));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TEST_F(DaemonTest, ADeletedStateFileStopsTheDaemonInsteadOfCommittingIntoNothing) {
  GrowingFeeds feeds(1);
  feeds.AddItem(0);
  WriteConfig(feeds);
  auto daemon = StartDaemon();
  ASSERT_GE(WaitForMetric(metrics_port_, "newsmon_items_committed_total", {}, 1, std::chrono::seconds(30)), 1);
  fs::remove(dir_ / "state" / "state.db");
  // Noticed within the 5 s check (logged critical, /readyz 503), then the
  // daemon stops with an error instead of committing into an unlinked file.
  const auto exit_code = daemon->WaitFor(std::chrono::seconds(30));
  EXPECT_EQ(exit_code, std::optional<int>(1));
}

TEST_F(DaemonTest, SigtermDuringACycleLosesNothing) {
  GrowingFeeds feeds(6);
  for (int i = 0; i < 30; ++i) feeds.AddItem(i % 6);
  WriteConfig(feeds);
  auto daemon = StartDaemon();
  // Stop while polls are under way (first polls spread over the first second).
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  daemon->Signal(SIGTERM);
  EXPECT_EQ(daemon->WaitFor(std::chrono::seconds(20)), std::optional<int>(0));
  const auto committed = CommittedItems(dir_ / "state" / "state.db");
  const auto stories = ConsumeStories(committed.size(), std::chrono::seconds(15));
  for (const auto& story_id : committed) EXPECT_TRUE(stories.count(story_id)) << "committed but not in Kafka";
  // A restart finishes the rest.
  daemon = StartDaemon();
  ConsumeStories(30, std::chrono::seconds(30));
  daemon->Signal(SIGTERM);
  EXPECT_EQ(daemon->WaitFor(std::chrono::seconds(20)), std::optional<int>(0));
  ExpectEveryItemDelivered(feeds, std::chrono::seconds(10));
}

}  // namespace
}  // namespace newsmon::testing
