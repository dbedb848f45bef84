#include <signal.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>

#include "app/commands.h"
#include "app/logging.h"
#include "app/pipeline.h"

namespace newsmon {
namespace {

struct KafkaEndpoint {
  std::unique_ptr<EmbeddedKafka> embedded;  // set when kafka.brokers is "embedded"
  std::string bootstrap_servers;
};

Result<KafkaEndpoint> ConnectKafka(const Config& config, const std::string& override_brokers) {
  KafkaEndpoint endpoint;
  const std::string brokers = override_brokers.empty() ? config.kafka.brokers : override_brokers;
  if (brokers == "embedded") {
    auto cluster = EmbeddedKafka::Start(3, {config.kafka.stories_topic, config.kafka.quotes_topic});
    if (!cluster) return cluster.error();
    endpoint.embedded = std::move(*cluster);
    endpoint.bootstrap_servers = endpoint.embedded->bootstrap_servers();
    spdlog::info("embedded kafka cluster at {}", endpoint.bootstrap_servers);
  } else {
    endpoint.bootstrap_servers = brokers;
  }
  return endpoint;
}

void PrintEvents(const std::string& bootstrap, const Config& config, int expected) {
  int printed = 0;
  for (const std::string& topic : {config.kafka.stories_topic, config.kafka.quotes_topic}) {
    auto reader = KafkaReader::Open(bootstrap, topic, true);
    if (!reader) {
      spdlog::error("{}", reader.error().message);
      continue;
    }
    auto events = (*reader)->ReadUpTo(static_cast<size_t>(expected), std::chrono::milliseconds(1500));
    if (!events) {
      spdlog::error("{}", events.error().message);
      continue;
    }
    for (const auto& e : *events) {
      std::cout << EventToJson(e) << "\n";
      ++printed;
    }
  }
  std::cout.flush();
  spdlog::info("printed {} events read back from kafka", printed);
}

void LogReport(const CycleReport& r) {
  spdlog::info(
      "cycle: {} feeds polled ({} not modified, {} failed), {} new items, {} matched, {} quotes ({} new from "
      "leaders), events {} produced / {} delivered / {} failed, {} items committed",
      r.feeds_polled, r.feeds_not_modified, r.feeds_failed, r.items_new, r.stories_matched, r.quotes_found,
      r.leader_quotes_new, r.events_produced, r.events_delivered, r.events_failed, r.items_committed);
}

// Feeds whose next poll time has come (never-polled feeds are due at once).
std::vector<std::string> DueFeeds(const Config& config, StateStore& store, Timestamp now, Timestamp& next_wake) {
  std::vector<std::string> due;
  next_wake = now + std::chrono::seconds(60);
  for (const auto& feed : config.feeds) {
    auto state = store.GetFeedState(feed.id);
    std::optional<Timestamp> next;
    if (state && state->has_value()) next = (*state)->next_poll;
    if (!next || *next <= now) {
      due.push_back(feed.id);
    } else {
      next_wake = std::min(next_wake, *next);
    }
  }
  return due;
}

}  // namespace

int RunDaemon(const RunOptions& options) {
  SetUpLogging(options.log_level.empty() ? "info" : options.log_level);
  auto loaded = LoadConfig(options.config_file);
  if (!loaded) {
    spdlog::critical("{}", loaded.error().message);
    return 1;
  }
  if (options.log_level.empty()) SetUpLogging((*loaded)->log_level);
  if (!options.state_dir.empty()) {
    auto patched = std::make_shared<Config>(**loaded);
    patched->state_dir = options.state_dir;
    loaded = std::shared_ptr<const Config>(std::move(patched));
  }
  auto compiled = CompileConfig(*loaded);
  if (!compiled) {
    spdlog::critical("{}", compiled.error().message);
    return 1;
  }
  const Config& config = *compiled->config;
  auto store = OpenSqliteStore(config.state_dir / "state.db");
  if (!store) {
    spdlog::critical("{}", store.error().message);
    return 1;
  }
  auto kafka = ConnectKafka(config, options.brokers);
  if (!kafka) {
    spdlog::critical("{}", kafka.error().message);
    return 1;
  }
  auto producer = KafkaProducer::Create(config.kafka, kafka->bootstrap_servers);
  if (!producer) {
    spdlog::critical("{}", producer.error().message);
    return 1;
  }
  auto fetcher = MakeSimpleFetcher(config.http);
  Pipeline pipeline(*fetcher, **store, **producer);

  if (options.once) {
    CycleReport report = pipeline.RunCycle(*compiled);
    LogReport(report);
    if (options.print_events) PrintEvents(kafka->bootstrap_servers, config, report.events_delivered + 1000);
    return report.events_failed == 0 ? 0 : 1;
  }

  // Signals are taken synchronously with sigtimedwait, so handlers never run
  // in the middle of a cycle.
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGHUP, SIGTERM, SIGINT}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  spdlog::info("newsmon running: {} feeds, {} topics, {} leaders", config.feeds.size(), config.topics.size(),
               config.leaders.size());
  CompiledConfig current = std::move(*compiled);
  while (true) {
    Timestamp next_wake;
    const auto due = DueFeeds(*current.config, **store, Now(), next_wake);
    if (!due.empty()) LogReport(pipeline.RunCycle(current, due));
    const auto wait = std::clamp<int64_t>((next_wake - Now()).count(), 0, 60);
    timespec timeout{static_cast<time_t>(due.empty() ? wait : 0), due.empty() ? 0 : 1000000};
    const int sig = sigtimedwait(&signals, nullptr, &timeout);
    if (sig == SIGTERM || sig == SIGINT) {
      spdlog::info("stopping on signal {}", sig);
      break;
    }
    if (sig == SIGHUP) {
      auto reloaded = LoadConfig(options.config_file);
      Result<CompiledConfig> next = reloaded ? CompileConfig(*reloaded) : Result<CompiledConfig>(reloaded.error());
      if (!next) {
        spdlog::error("reload failed, keeping the running config: {}", next.error().message);
      } else {
        current = std::move(*next);
        spdlog::info("config reloaded: {} feeds, {} topics, {} leaders", current.config->feeds.size(),
                     current.config->topics.size(), current.config->leaders.size());
      }
    }
  }
  if (auto s = (*producer)->Flush(config.kafka.flush_timeout); !s) spdlog::error("{}", s.error().message);
  return 0;
}

}  // namespace newsmon
