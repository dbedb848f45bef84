// One hostile feed item cannot stall the daemon: the real binary, loopback
// feeds and the embedded Kafka cluster.
#include <atomic>
#include <thread>

#include "../ops/prometheus_parser.h"
#include "daemon_fixture.h"

namespace newsmon::testing {
namespace {

using ops::testing::ParseExposition;

constexpr char kLeaders[] = R"(leaders:
  - id: kz-tokayev
    name: Kassym-Jomart Tokayev
    roles: [{title: President of Kazakhstan, from: 2019-03-20}]
    country: KZ
)";

// Seconds /healthz took to answer 200, or a negative number when it did not.
double HealthzSeconds(int port) {
  const auto r =
      RunCommand("curl -s -m 5 -o /dev/null -w '%{http_code} %{time_total}' http://127.0.0.1:" + std::to_string(port) +
                 "/healthz");
  int code = 0;
  double seconds = -1;
  if (std::sscanf(r.output.c_str(), "%d %lf", &code, &seconds) != 2 || code != 200) return -1;
  return seconds;
}

TEST_F(DaemonTest, APoisonPillIsSkippedWhileHealthAndOtherFeedsCarryOn) {
  GrowingFeeds feeds(2);
  // About a megabyte of short quotes attributed to a tracked leader: the
  // item that stalled the loop for 30-45 s.
  std::string pill;
  pill.reserve(1100000);
  for (int i = 0; i < 12800 && pill.size() < 1000000; ++i) {
    pill += "\u201cWe shall stand firm on point " + std::to_string(i) + " of the plan,\u201d Tokayev said. ";
  }
  const std::string pill_guid = feeds.AddItem(1, pill);
  feeds.AddItem(0);
  WriteConfig(feeds, "sanctions AND Russia", kLeaders);
  auto daemon = StartDaemon();

  std::atomic<bool> stop{false};
  std::atomic<int> probes{0};
  std::atomic<int> slow_or_failed{0};
  double worst = 0;
  std::thread prober([&] {
    // Wait for the endpoint, then probe it every 200 ms.
    while (!stop && HealthzSeconds(metrics_port_) < 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    while (!stop) {
      const double s = HealthzSeconds(metrics_port_);
      ++probes;
      if (s < 0 || s >= 1.0) ++slow_or_failed;
      worst = std::max(worst, s);
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  // The healthy feed keeps publishing meanwhile.
  for (int i = 0; i < 40; ++i) {
    feeds.AddItem(0);
    if (i % 10 == 0) feeds.AddItem(1);  // the hostile feed's other items flow too
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  const double skipped_by = Metric(metrics_port_, "newsmon_items_skipped_total");
  std::this_thread::sleep_for(std::chrono::seconds(3));
  stop = true;
  prober.join();

  EXPECT_GT(probes.load(), 30);
  EXPECT_EQ(slow_or_failed.load(), 0) << "/healthz must answer within 1 s throughout (worst " << worst << " s)";
  EXPECT_EQ(skipped_by, 1) << "the hostile item is skipped after its attempts";
  EXPECT_GE(Metric(metrics_port_, "newsmon_items_failed_total"), 2);

  // Every other item's event is delivered; none for the pill.
  auto items = feeds.AllItems();
  std::erase_if(items, [&](const auto& i) { return i.second == pill_guid; });
  const auto stories = ConsumeStories(items.size(), std::chrono::seconds(30));
  size_t missing = 0;
  for (const auto& [feed, guid] : items) missing += stories.count(GrowingFeeds::StoryId(feed, guid)) ? 0 : 1;
  EXPECT_EQ(missing, 0u) << "of " << items.size();
  EXPECT_EQ(stories.count(GrowingFeeds::StoryId(1, pill_guid)), 0u);
  daemon->Signal(SIGTERM);
  EXPECT_EQ(daemon->WaitFor(std::chrono::seconds(30)), std::optional<int>(0));
}

}  // namespace
}  // namespace newsmon::testing
