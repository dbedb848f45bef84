// Sustained events per second into the embedded Kafka cluster with
// delivery-gated commits (ReliableProducer + Ledger + SQLite commits), next
// to a raw librdkafka produce+flush of the same events in the same run; and
// the end-to-end latency from a feed response to the event's acknowledgement.
//
//   build/bench/delivery_bench [events]
#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/ledger.h"
#include "app/pipeline.h"
#include "app/story_analysis.h"
#include "article/story.h"
#include "emit/event.h"
#include "emit/reliable_producer.h"
#include "feed/feed_parser.h"
#include "util/hash.h"

namespace newsmon {
namespace {

using Clock = std::chrono::steady_clock;

OutgoingEvent MakeEvent(int i) {
  OutgoingEvent e;
  e.topic = "bench";
  e.key = "story-" + std::to_string(i % 1000);
  e.event_id = StableId({"bench", std::to_string(i)});
  e.payload.assign(1024, static_cast<char>('a' + i % 26));
  e.headers = {{"ce_specversion", "1.0"}, {"ce_id", e.event_id}, {"ce_type", "bench"}};
  return e;
}

// The floor: librdkafka alone, no ledger, no commits.
// The daemon's own producer defaults on both sides (see emit/kafka.cc).
KafkaConfig BenchKafka() { return KafkaConfig{}; }

double RawProduce(const std::string& bootstrap, int n) {
  KafkaConfig config = BenchKafka();
  auto p = KafkaProducer::Create(config, bootstrap);
  const auto start = Clock::now();
  for (int i = 0; i < n; ++i) {
    while (!p.value()->Produce(MakeEvent(i), nullptr)) p.value()->Poll(std::chrono::milliseconds(1));
  }
  (void)p.value()->Flush(std::chrono::seconds(120));
  return n / std::chrono::duration<double>(Clock::now() - start).count();
}

struct GatedResult {
  double events_per_second = 0;
  uint64_t commits = 0;
};

// Every event is one unit; commits run as the loop turns, as in the daemon.
GatedResult DeliveryGated(const std::string& bootstrap, StateStore& store, int n) {
  KafkaConfig config = BenchKafka();
  auto producer = ReliableProducer::Create(config, bootstrap).value();
  Ledger ledger;
  GatedResult r;
  const auto start = Clock::now();
  FeedState feed_state;
  feed_state.feed_id = "bench-feed";
  const uint64_t poll = ledger.OpenPoll(feed_state);
  int committed = 0;
  auto commit = [&] {
    PreparedCommit c = ledger.Prepare();
    if (c.units.empty()) return;
    if (store.Commit(c.batch)) {
      committed += static_cast<int>(c.units.size());
      ++r.commits;
      ledger.Committed(c);
    }
  };
  auto last_commit = Clock::now();
  for (int i = 0; i < n; ++i) {
    UnitRecord record;
    record.seen = SeenItem{"bench-feed", "item-" + std::to_string(i), "h", Now()};
    const uint64_t unit = ledger.AddUnit(poll, std::move(record), 1);
    producer->Send(MakeEvent(i), [&ledger, unit] { ledger.EventDelivered(unit); });
    if (i % 1000 == 0) producer->Poll(std::chrono::milliseconds(0));
    if (producer->Saturated() || Clock::now() - last_commit > std::chrono::milliseconds(50)) {
      producer->Poll(std::chrono::milliseconds(0));
      commit();
      last_commit = Clock::now();
    }
  }
  while (committed < n) {
    producer->Poll(std::chrono::milliseconds(5));
    commit();
  }
  r.events_per_second = n / std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

std::string SyntheticFeed(int items, int round) {
  std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>bench</title>";
  for (int i = 0; i < items; ++i) {
    xml += "<item><title>Sanctions on Russia " + std::to_string(round) + "-" + std::to_string(i) + "</title><guid>g-" +
           std::to_string(round) + "-" + std::to_string(i) +
           "</guid><description>The EU widened sanctions against Russia. \xE2\x80\x9CWe will enforce the price "
           "cap,\xE2\x80\x9D Tokayev said.</description></item>";
  }
  return xml + "</channel></rss>";
}

// Feed body in hand -> parse, analyse, build, send; latency ends at the ack.
std::vector<double> EndToEndLatencies(const std::string& bootstrap, const CompiledConfig& compiled, int rounds) {
  auto producer = ReliableProducer::Create(compiled.config->kafka, bootstrap).value();
  std::vector<double> latencies;
  for (int round = 0; round < rounds; ++round) {
    const std::string body = SyntheticFeed(10, round);
    const auto t0 = Clock::now();
    auto feed = feed::ParseFeed(body, {"http://bench.test/feed", "application/rss+xml"});
    for (const auto& entry : feed->entries) {
      Story story = MakeStory("bench", "en", entry, nullptr);
      StoryAnalysis a = AnalyzeStory(compiled, story);
      producer->Send(BuildStoryMatched(story, a.matches, a.quotes, compiled.config->kafka), [&latencies, t0] {
        latencies.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
      });
    }
    while (producer->InFlight() > 0) producer->Poll(std::chrono::milliseconds(1));
  }
  std::sort(latencies.begin(), latencies.end());
  return latencies;
}

}  // namespace
}  // namespace newsmon

int main(int argc, char** argv) {
  using namespace newsmon;
  const int n = argc > 1 ? std::atoi(argv[1]) : 200000;
  auto cluster = EmbeddedKafka::Start(3, {"bench", "newsmon.stories.v1", "newsmon.quotes.v1"}).value();
  char tmpl[] = "/tmp/newsmon-delivery-bench.XXXXXX";
  const std::filesystem::path dir = mkdtemp(tmpl);
  auto store = OpenSqliteStore(dir / "state.db").value();

  const double raw = RawProduce(cluster->bootstrap_servers(), n);
  const GatedResult gated = DeliveryGated(cluster->bootstrap_servers(), *store, n);
  std::printf("events: %d of 1 KiB, embedded cluster of 3 brokers, idempotent producer\n", n);
  std::printf("raw librdkafka produce+flush:         %10.0f events/s\n", raw);
  std::printf("delivery-gated commits (ledger+SQLite): %8.0f events/s  (%.2fx raw, %llu commits)\n",
              gated.events_per_second, gated.events_per_second / raw, static_cast<unsigned long long>(gated.commits));

  auto config = std::make_shared<Config>();
  TopicConfig topic;
  topic.id = topic.name = "sanctions";
  topic.query = "sanctions AND Russia";
  config->topics.push_back(topic);
  LeaderConfig tokayev;
  tokayev.id = "kz-tokayev";
  tokayev.name = "Kassym-Jomart Tokayev";
  config->leaders.push_back(tokayev);
  auto compiled = CompileConfig(config).value();
  const auto lat = EndToEndLatencies(cluster->bootstrap_servers(), compiled, 200);
  auto pct = [&](double p) { return lat.empty() ? 0.0 : lat[static_cast<size_t>(p * (lat.size() - 1))] * 1000; };
  std::printf("feed response -> acknowledged event (%zu events): p50 %.2f ms, p99 %.2f ms\n", lat.size(), pct(0.5),
              pct(0.99));
  std::filesystem::remove_all(dir);
  return 0;
}
