// The daemon's engine over a failing disk: it stops committing and says so,
// loses nothing, re-sends nothing, and commits once the disk recovers.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "app/engine.h"
#include "fetch/http_client.h"
#include "state/fault_injection.h"
#include "test_config.h"
#include "util/clock.h"

namespace newsmon {
namespace {

namespace fs = std::filesystem;

TEST(StoreFaultTest, FailingDiskStopsCommitsUntilItRecovers) {
  char tmpl[] = "/tmp/newsmon-store-fault.XXXXXX";
  const fs::path dir = mkdtemp(tmpl);
  FaultInjectingVfs& vfs = FaultInjectingVfs::Install();
  auto cluster = EmbeddedKafka::Start(3, {"test.stories", "test.quotes"});
  ASSERT_TRUE(cluster.ok());
  auto config = LoadConfig(testing::WriteFixtureConfig(dir, "embedded"));
  ASSERT_TRUE(config.ok()) << config.error().message;
  auto compiled = CompileConfig(*config);
  ASSERT_TRUE(compiled.ok());
  auto store = OpenSqliteStore(dir / "state.db", {.vfs = FaultInjectingVfs::kName});
  ASSERT_TRUE(store.ok());
  auto producer = ReliableProducer::Create((*config)->kafka, (*cluster)->bootstrap_servers());
  ASSERT_TRUE(producer.ok());

  boost::asio::io_context io;
  HttpClient http(io, HttpClientOptions::FromConfig((*config)->http));
  ops::NewsmonMetrics metrics("test");
  SystemClock clock;
  Engine engine({io, http, **store, **producer, metrics, clock}, *compiled);
  ASSERT_TRUE(engine.Start(/*poll_all_now=*/true).ok());
  auto run_for = [&](std::chrono::milliseconds d) {
    const auto end = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < end) {
      engine.Tick();
      io.run_for(std::chrono::milliseconds(5));
      io.restart();
    }
  };

  vfs.FailWrites(true);
  run_for(std::chrono::seconds(4));
  EXPECT_GT(metrics.state_commit_failures.Get().Value(), 0u) << "failed commits must be counted";
  EXPECT_FALSE(engine.health().commit_error.empty());
  EXPECT_EQ(metrics.items_committed.Get().Value(), 0u);
  EXPECT_EQ((*producer)->InFlight(), 0u) << "events are delivered even while the disk fails";
  EXPECT_FALSE(engine.AllPolledOnce()) << "nothing may count as done before it is committed";
  const auto produced_during_fault = ReportFromMetrics(metrics, **config).events_produced;

  vfs.FailWrites(false);
  run_for(std::chrono::seconds(1));
  EXPECT_TRUE(engine.AllPolledOnce());
  EXPECT_EQ(metrics.items_committed.Get().Value(), 4u);
  EXPECT_TRUE(engine.health().commit_error.empty());
  EXPECT_EQ(ReportFromMetrics(metrics, **config).events_produced, produced_during_fault)
      << "nothing re-sent after recovery";
  EXPECT_TRUE((*store)->SeenHash("wire", "wire-a")->has_value());
  EXPECT_EQ((*store)->QuotesOf("kz-tokayev")->size(), 2u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace newsmon
