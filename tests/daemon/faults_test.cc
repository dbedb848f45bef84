// No event lost through crashes, broker outages, request errors and leader
// changes: the daemon runs as a real child process over growing loopback feeds.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <atomic>
#include <random>
#include <thread>

#include "daemon_fixture.h"

namespace newsmon::testing {
namespace {

// Adds an item to a random feed every `period` until stopped.
class ItemSource {
 public:
  ItemSource(GrowingFeeds& feeds, std::chrono::milliseconds period, unsigned seed)
      : thread_([this, &feeds, period, seed] {
          std::mt19937 rng(seed);
          while (!stop_) {
            feeds.AddItem(static_cast<int>(rng() % static_cast<unsigned>(feeds.feeds())));
            std::this_thread::sleep_for(period);
          }
        }) {}
  ~ItemSource() { Stop(); }
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST_F(DaemonTest, KillNineAtTwentyRandomMomentsLosesNothing) {
  GrowingFeeds feeds(4);
  for (int f = 0; f < 4; ++f) feeds.AddItem(f);
  WriteConfig(feeds);
  const unsigned seed = static_cast<unsigned>(std::random_device{}());
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  {
    ItemSource source(feeds, std::chrono::milliseconds(120), seed);
    for (int kill = 0; kill < 20; ++kill) {
      auto daemon = StartDaemon();
      std::this_thread::sleep_for(std::chrono::milliseconds(150 + rng() % 1350));
      daemon->Signal(SIGKILL);
      EXPECT_EQ(daemon->Wait(), 128 + SIGKILL);
    }
  }
  auto daemon = StartDaemon();
  const auto items = feeds.AllItems();
  ConsumeStories(items.size(), std::chrono::seconds(60));
  daemon->Signal(SIGTERM);
  EXPECT_EQ(daemon->WaitFor(std::chrono::seconds(30)), std::optional<int>(0));
  ExpectEveryItemDelivered(feeds, std::chrono::seconds(10));
  std::cerr << "items " << items.size() << ", duplicates re-sent after kills: " << duplicates_ << "\n";
}

TEST_F(DaemonTest, TwentySecondOutageOfAllBrokersWhileItemsArrive) {
  GrowingFeeds feeds(3);
  WriteConfig(feeds);
  auto daemon = StartDaemon();
  {
    ItemSource source(feeds, std::chrono::milliseconds(400), 7);
    std::this_thread::sleep_for(std::chrono::seconds(3));
    for (int b = 1; b <= 3; ++b) cluster_->SetBrokerDown(b, true);
    std::this_thread::sleep_for(std::chrono::seconds(20));
    for (int b = 1; b <= 3; ++b) cluster_->SetBrokerDown(b, false);
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  ConsumeStories(feeds.AllItems().size(), std::chrono::seconds(60));
  daemon->Signal(SIGTERM);
  EXPECT_EQ(daemon->WaitFor(std::chrono::seconds(30)), std::optional<int>(0));
  ExpectEveryItemDelivered(feeds, std::chrono::seconds(10));
}

TEST_F(DaemonTest, RequestErrorsAndLeaderChangesLoseNothing) {
  GrowingFeeds feeds(3);
  WriteConfig(feeds);
  auto daemon = StartDaemon();
  {
    ItemSource source(feeds, std::chrono::milliseconds(200), 11);
    for (int round = 0; round < 8; ++round) {
      rd_kafka_mock_push_request_errors(cluster_->mock(), 0 /* Produce */, 4,
                                        RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                                        RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS, RD_KAFKA_RESP_ERR__TRANSPORT);
      for (int p = 0; p < 3; ++p) {
        rd_kafka_mock_partition_set_leader(cluster_->mock(), "test.stories", p, 1 + (p + round) % 3);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(800));
    }
  }
  ConsumeStories(feeds.AllItems().size(), std::chrono::seconds(60));
  daemon->Signal(SIGTERM);
  EXPECT_EQ(daemon->WaitFor(std::chrono::seconds(30)), std::optional<int>(0));
  ExpectEveryItemDelivered(feeds, std::chrono::seconds(10));
}

}  // namespace
}  // namespace newsmon::testing
