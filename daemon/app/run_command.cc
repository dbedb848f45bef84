#include <spdlog/spdlog.h>

#include <unistd.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/archive_analyzer.h"
#include "app/commands.h"
#include "app/engine.h"
#include "app/pipeline.h"
#include "fetch/http_client.h"
#include "group/changelog.h"
#include "group/feed_partition.h"
#include "group/judge_service.h"
#include "group/membership.h"
#include "group/topic_setup.h"
#include "group/transactional_sink.h"
#include "ops/heartbeat.h"
#include "ops/logging.h"
#include "ops/metrics.h"
#include "ops/metrics_server.h"
#include "ops/notifier.h"
#include "state/swappable_store.h"
#include "util/clock.h"

namespace newsmon {
namespace {

constexpr auto kTick = std::chrono::milliseconds(50);
// Group mode: how long an event may wait for a state commit to take it into
// Kafka before it is committed on its own.
constexpr auto kCommitAtTheLatest = std::chrono::milliseconds(200);

struct KafkaEndpoint {
  std::unique_ptr<EmbeddedKafka> embedded;  // set when kafka.brokers is "embedded"
  std::string bootstrap_servers;
};

Result<KafkaEndpoint> ConnectKafka(const Config& config, const std::string& override_brokers) {
  KafkaEndpoint endpoint;
  const std::string brokers = override_brokers.empty() ? config.kafka.brokers : override_brokers;
  if (brokers == "embedded") {
    std::vector<std::string> topics{config.kafka.stories_topic, config.kafka.quotes_topic};
    if (!config.kafka.articles_topic.empty()) topics.push_back(config.kafka.articles_topic);
    auto cluster = EmbeddedKafka::Start(3, topics);
    if (!cluster) return cluster.error();
    endpoint.embedded = std::move(*cluster);
    endpoint.bootstrap_servers = endpoint.embedded->bootstrap_servers();
    spdlog::info("embedded kafka cluster at {}", endpoint.bootstrap_servers);
  } else {
    endpoint.bootstrap_servers = brokers;
  }
  return endpoint;
}

// Group mode's parts: the membership (which partitions are ours), the
// transactional sink of events and feed-state snapshots, and the cluster
// they live on.
struct GroupRuntime {
  std::unique_ptr<group::Membership> membership;
  std::unique_ptr<group::TransactionalSink> sink;
  std::string bootstrap_servers;
  std::unique_ptr<group::LeaderJudgeService> judge;  // started by the daemon, which owns the metrics
  std::unique_ptr<ArchiveAnalyzer> analyzer;         // the analyzer role only; started by the daemon
  bool enabled = false;
};

// The member's client id: where it runs, for `kafka-consumer-groups --describe`.
std::string InstanceName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::strcpy(host, "unknown");
  return std::string("newsmon@") + host + "/" + std::to_string(getpid());
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

// A config error holds one "file:line:column: message" line per problem:
// logged as one record each, so every record (and journal entry) is one
// problem with its location, as check-config prints them.
void LogEachLine(spdlog::level::level_enum level, std::string_view prefix, const std::string& message) {
  size_t start = 0;
  while (start <= message.size()) {
    size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    spdlog::log(level, "{}{}", prefix, std::string_view(message).substr(start, end - start));
    start = end + 1;
  }
}

Result<std::shared_ptr<const Config>> LoadWithOverrides(const RunOptions& options) {
  auto loaded = LoadConfig(options.config_file);
  if (!loaded) return loaded;
  if (options.state_dir.empty()) return loaded;
  auto patched = std::make_shared<Config>(**loaded);
  patched->state_dir = options.state_dir;
  return std::shared_ptr<const Config>(std::move(patched));
}

// The long-running daemon: one Asio loop thread runs fetches, timers,
// signals and delivery reports; config reloads compile on a side thread.
class Daemon {
 public:
  // In group mode events go to the group's transactional sink, else to
  // `producer`.
  Daemon(const RunOptions& options, CompiledConfig compiled, SwappableStore& store, ReliableProducer& producer,
         GroupRuntime group)
      : options_(options),
        group_(std::move(group)),
        metrics_(NEWSMON_VERSION),
        http_(io_, HttpClientOptions::FromConfig(compiled.config->http)),
        store_(store),
        engine_({io_, http_, store, group_.sink ? static_cast<EventSink&>(*group_.sink) : producer, metrics_, clock_},
                compiled),
        producer_(producer),
        signals_(io_, SIGHUP, SIGTERM, SIGINT),
        tick_(io_) {}
  ~Daemon() {
    // Their threads count in metrics_, which goes first.
    group_.analyzer.reset();
    group_.judge.reset();
    if (reload_thread_.joinable()) reload_thread_.join();
    if (restore_thread_.joinable()) restore_thread_.join();
  }

  int Run() {
    if (group_.enabled && !group_.membership) engine_.SetOwnership([](const std::string&) { return false; });
    if (group_.membership) {
      const int partitions = group_.membership->partitions();
      engine_.SetOwnership([this, partitions](const std::string& feed_id) {
        return restored_.contains(group::FeedPartition(feed_id, partitions));
      });
      engine_.SetCommitGate([this](const std::vector<Engine::FeedCommit>& feeds) { return CommitSnapshots(feeds); });
    }
    if (group_.enabled) {
      const Config& config = *engine_.compiled().config;
      auto judge = group::LeaderJudgeService::Start({group_.bootstrap_servers, config.group, config.kafka.quotes_topic,
                                                     config.kafka.producer, InstanceName(), config.retention},
                                                    metrics_);
      if (!judge) {
        spdlog::critical("group {}: {}", config.group.id, judge.error().message);
        return 1;
      }
      group_.judge = std::move(*judge);
    }
    if (group_.enabled && engine_.compiled().config->group.role == GroupRole::kAnalyzer) {
      auto analyzer = ArchiveAnalyzer::Start({group_.bootstrap_servers, InstanceName()}, engine_.compiled(), metrics_);
      if (!analyzer) {
        spdlog::critical("analyzer: {}", analyzer.error().message);
        return 1;
      }
      group_.analyzer = std::move(*analyzer);
    }
    if (auto s = engine_.Start(); !s) {
      spdlog::critical("{}", s.error().message);
      return 1;
    }
    const Config& config = *engine_.compiled().config;
    if (config.metrics_listen != "off") {
      server_ = std::make_unique<ops::MetricsServer>(
          io_,
          ops::MetricsServerOptions{
              .listen = config.metrics_listen,
              .connections_evicted = &metrics_.metrics_connections_evicted.Get(),
              .header_timeouts = &metrics_.metrics_header_timeouts.Get(),
              .routes = [this](std::string_view path,
                               std::string_view) { return path == "/group" ? GroupAnswer() : std::nullopt; }},
          [this] { return RenderMetrics(); });
      if (auto s = server_->Start(); !s) {
        spdlog::critical("metrics endpoint: {}", s.error().message);
        return 1;
      }
      server_->SetReadinessCheck([this] { return CheckReadiness(); });
      spdlog::info("metrics on http://{}/metrics", config.metrics_listen);
    }
    heartbeat_ = std::make_unique<ops::Heartbeat>(io_, notifier_, server_.get());
    heartbeat_->Start();
    spdlog::info("newsmon running: {} feeds, {} topics, {} leaders", config.feeds.size(), config.topics.size(),
                 config.leaders.size());
    WaitForSignal();
    ScheduleTick();
    UpdateGauges();
    (void)notifier_.Ready();
    io_.run();
    heartbeat_->Stop();
    if (server_) server_->Stop();
    return exit_code_;
  }

 private:
  void ScheduleTick() {
    tick_.expires_after(kTick);
    tick_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;
      if (group_.enabled) ServeGroup();
      engine_.Tick();
      UpdateGauges();
      if (engine_.health().state_replaced) OnStateReplaced();
      if (std::chrono::steady_clock::now() >= next_status_) {
        (void)notifier_.Status(StatusLine());
        next_status_ = std::chrono::steady_clock::now() + std::chrono::seconds(5);
      }
      if (stopping_) {
        const bool flushed = engine_.Idle();
        if (flushed || std::chrono::steady_clock::now() >= stop_deadline_) {
          if (!flushed) {
            spdlog::error(
                "stopping with {} events undelivered and {} polls unfinished; they will be re-processed "
                "after restart",
                engine_.events_in_flight(), engine_.polls_in_flight());
          }
          spdlog::info("stopped");
          io_.stop();
          return;
        }
      }
      ScheduleTick();
    });
  }

  // Group mode, every tick: partitions revoked stop at once; partitions
  // gained are polled only after their feeds' state is restored from the
  // changelog (on a side thread, one batch at a time).
  void ServeGroup() {
    if (std::string failed = group_.judge->failure(); !failed.empty() && !stopping_) {
      StopWithError("the leader judge stopped (" + failed + ")");
    }
    if (std::string failed = group_.analyzer ? group_.analyzer->failure() : ""; !failed.empty() && !stopping_) {
      StopWithError("the analyzer stopped (" + failed + ")");
    }
    if (!group_.membership) return;  // an analyzer polls no feeds
    group::Membership& m = *group_.membership;
    ServeSink();
    const bool assignment_changed = m.Poll();
    if (!m.last_error().empty() && m.last_error() != reported_group_error_) {
      reported_group_error_ = m.last_error();
      spdlog::error("group {}: {}", engine_.compiled().config->group.id, reported_group_error_);
    }
    if (!assignment_changed && !restore_pending_) return;
    restore_pending_ = false;
    const size_t before = restored_.size();
    std::erase_if(restored_, [&](int p) { return !m.owned().contains(p); });
    if (restored_.size() != before) engine_.OwnershipChanged();
    metrics_.group_partitions_owned.Get().Set(static_cast<double>(restored_.size()));
    std::vector<int> gained;
    for (int p : m.owned()) {
      if (!restored_.contains(p)) gained.push_back(p);
    }
    if (gained.empty()) return;
    if (restoring_) {
      restore_pending_ = true;  // after the running restore
      return;
    }
    restoring_ = true;
    if (restore_thread_.joinable()) restore_thread_.join();
    restore_thread_ = std::thread(
        [this, gained, bootstrap = group_.bootstrap_servers, topic = engine_.compiled().config->group.changelog_topic] {
          std::vector<std::pair<int, Result<std::vector<group::FeedSnapshot>>>> read;
          for (int p : gained)
            read.emplace_back(p, group::ReadFeedSnapshots(bootstrap, topic, p, std::chrono::seconds(30)));
          boost::asio::post(io_, [this, read = std::move(read)]() mutable { ApplyRestored(std::move(read)); });
        });
  }

  // The state commit's gate in group mode: the feeds' snapshots join the
  // transaction of their events, and the store (the changelog's cache)
  // commits only once Kafka has committed both.
  Status CommitSnapshots(const std::vector<Engine::FeedCommit>& feeds) {
    const GroupConfig& g = engine_.compiled().config->group;
    std::vector<OutgoingEvent> records;
    std::vector<std::pair<const FeedState*, std::vector<std::pair<std::string, std::string>>>> published;
    for (const Engine::FeedCommit& feed : feeds) {
      const std::string& id = feed.state.feed_id;
      auto before = snapshot_published_.find(id);
      if (before != snapshot_published_.end() && !feed.document_read && feed.seen.empty() &&
          !group::ChangedBeyondSchedule(before->second, feed.state)) {
        continue;
      }
      std::vector<std::pair<std::string, std::string>> known;
      if (!feed.document_read) known = snapshot_seen_[id];
      known.insert(known.end(), feed.seen.begin(), feed.seen.end());
      records.push_back(group::SnapshotEvent(group::FeedSnapshot{feed.state, known}, g.changelog_topic, g.partitions));
      published.emplace_back(&feed.state, std::move(known));
    }
    Status committed = group_.sink->Commit(std::move(records));
    CountTransactions();
    if (!committed) return committed;
    for (auto& [state, known] : published) {
      snapshot_seen_[state->feed_id] = std::move(known);
      snapshot_published_[state->feed_id] = *state;
    }
    metrics_.group_snapshots_published.Get().Inc(static_cast<double>(published.size()));
    return Status::Ok();
  }

  // Events no state commit took along (a unit still waiting for others)
  // are committed on their own after a moment, so readers see them.
  void ServeSink() {
    group::TransactionalSink& sink = *group_.sink;
    if (auto fatal = sink.FatalError(); fatal && !stopping_) {
      StopWithError("the transactional producer failed (" + *fatal + ")");
      return;
    }
    if (sink.OldestInFlightAge() > kCommitAtTheLatest) {
      if (Status s = sink.Commit({}); !s) spdlog::warn("group: {}", s.error().message);
      CountTransactions();
    }
  }

  void CountTransactions() {
    const auto& stats = group_.sink->stats();
    metrics_.group_event_transactions.WithLabels({"committed"})
        .Inc(static_cast<double>(stats.committed - counted_transactions_.committed));
    metrics_.group_event_transactions.WithLabels({"aborted"})
        .Inc(static_cast<double>(stats.aborted - counted_transactions_.aborted));
    counted_transactions_ = stats;
  }

  // GET /group, for `newsmon status`: what this member owns now. Nothing
  // outside group mode.
  std::optional<ops::HttpAnswer> GroupAnswer() {
    if (!group_.enabled) return std::nullopt;
    const GroupConfig& g = engine_.compiled().config->group;
    nlohmann::json feed_partitions(restored_), judge_partitions(group_.judge->owned());
    size_t restoring = 0;
    if (group_.membership) {
      for (int p : group_.membership->owned()) restoring += restored_.contains(p) ? 0 : 1;
    }
    ops::HttpAnswer answer;
    answer.content_type = "application/json";
    answer.body = nlohmann::json{{"group", g.id},
                                 {"member", InstanceName()},
                                 {"partitions", g.partitions},
                                 {"feed_partitions", feed_partitions},
                                 {"feed_partitions_restoring", restoring},
                                 {"judge_partitions", judge_partitions}}
                      .dump();
    return answer;
  }

  // On the loop: the restored state goes into the store (the cache of the
  // changelog) unless the store holds a later poll, then the feeds are ours.
  void ApplyRestored(std::vector<std::pair<int, Result<std::vector<group::FeedSnapshot>>>> read) {
    restoring_ = false;
    restore_pending_ = true;  // partitions whose read failed are tried again; new gains are picked up
    const Timestamp now = clock_.Now();
    for (auto& [partition, snapshots] : read) {
      if (!group_.membership->owned().contains(partition)) continue;  // revoked meanwhile
      if (!snapshots) {
        spdlog::error("group: restoring partition {}: {}; retrying", partition, snapshots.error().message);
        continue;
      }
      CommitBatch batch;
      for (group::FeedSnapshot& s : *snapshots) {
        auto local = store_.GetFeedState(s.state.feed_id);
        if (local && local->has_value() && (*local)->last_poll && s.state.last_poll &&
            *(*local)->last_poll > *s.state.last_poll) {
          continue;  // this instance polled it later than the changelog says
        }
        for (auto& [key, hash] : s.seen) batch.seen.push_back(SeenItem{s.state.feed_id, key, hash, now});
        snapshot_seen_[s.state.feed_id] = std::move(s.seen);
        batch.feed_states.push_back(std::move(s.state));
      }
      if (!batch.empty()) {
        if (auto st = store_.Commit(batch); !st) {
          spdlog::error("group: storing restored partition {}: {}; retrying", partition, st.error().message);
          continue;
        }
      }
      spdlog::info("group: partition {} restored ({} feeds)", partition, batch.feed_states.size());
      restored_.insert(partition);
    }
    engine_.OwnershipChanged();
    metrics_.group_partitions_owned.Get().Set(static_cast<double>(restored_.size()));
  }

  void WaitForSignal() {
    signals_.async_wait([this](const boost::system::error_code& ec, int sig) {
      if (ec) return;
      if (sig == SIGHUP) {
        Reload();
      } else if (!stopping_) {
        spdlog::info("stopping on signal {}: no new polls, delivering what is in flight", sig);
        (void)notifier_.Stopping();
        stopping_ = true;
        engine_.StopPolling();
        if (group_.judge) group_.judge->Stop();
        if (group_.analyzer) group_.analyzer->Stop();
        stop_deadline_ = std::chrono::steady_clock::now() + engine_.compiled().config->kafka.flush_timeout;
      }
      WaitForSignal();
    });
  }

  // Parsing and compiling rules can take seconds for large rule sets: done
  // on a side thread, the result swapped in on the loop.
  void Reload() {
    if (reloading_) return;
    reloading_ = true;
    (void)notifier_.Reloading();
    spdlog::info("reloading {}", options_.config_file);
    if (reload_thread_.joinable()) reload_thread_.join();  // the previous one has posted its result
    reload_thread_ = std::thread([this] {
      auto loaded = LoadWithOverrides(options_);
      Result<CompiledConfig> next = loaded ? CompileConfig(*loaded) : Result<CompiledConfig>(loaded.error());
      boost::asio::post(io_, [this, next = std::move(next)]() mutable {
        reloading_ = false;
        if (!next) {
          metrics_.config_reload_failures.Get().Inc();
          LogEachLine(spdlog::level::err, "reload failed, keeping the running config: ", next.error().message);
          (void)notifier_.Ready();
          return;
        }
        const GroupConfig& running = engine_.compiled().config->group;
        const GroupConfig& edited = next->config->group;
        if (edited.id != running.id || edited.partitions != running.partitions || edited.topic != running.topic ||
            edited.session_timeout != running.session_timeout) {
          spdlog::warn("the group settings changed in {}: they apply from the next restart", options_.config_file);
        }
        engine_.Reload(std::move(*next));
        if (group_.analyzer) group_.analyzer->SetConfig(engine_.compiled());
        metrics_.config_reload_success.Get().Inc();
        metrics_.config_last_reload_success_timestamp_seconds.Get().SetToCurrentTime();
        (void)notifier_.Ready();
        const Config& c = *engine_.compiled().config;
        spdlog::info("config reloaded: {} feeds, {} topics, {} leaders", c.feeds.size(), c.topics.size(),
                     c.leaders.size());
      });
    });
  }

  // The state file was deleted or replaced under the daemon: commits would
  // go nowhere and a restart would forget them. Stop (the default) or
  // reopen the path, as configured; never carry on silently.
  void OnStateReplaced() {
    const Config& config = *engine_.compiled().config;
    if (config.on_state_replaced == OnStateReplaced::kReopen) {
      auto reopened = OpenSqliteStore(config.state_dir / "state.db");
      if (reopened) {
        spdlog::warn("reopened the state store at {} as configured (state.on_replaced: reopen)",
                     (config.state_dir / "state.db").string());
        store_.Swap(std::move(*reopened));
        engine_.StateStoreReopened();
        return;
      }
      spdlog::critical("cannot reopen the state store: {}", reopened.error().message);
    }
    if (!stopping_) StopWithError("the state file was deleted or replaced (state.on_replaced: stop)");
  }

  // Stops as on SIGTERM (in-flight events delivered), then exits 1 so the
  // service manager restarts the daemon.
  void StopWithError(const std::string& why) {
    spdlog::critical("stopping: {}", why);
    exit_code_ = 1;
    (void)notifier_.Stopping();
    stopping_ = true;
    engine_.StopPolling();
    if (group_.judge) group_.judge->Stop();
    if (group_.analyzer) group_.analyzer->Stop();
    stop_deadline_ = std::chrono::steady_clock::now() + engine_.compiled().config->kafka.flush_timeout;
  }

  std::string RenderMetrics() { return metrics_.registry.Render(); }

  // Ready when running, the state store takes commits and Kafka takes
  // events: nothing has waited for an acknowledgement for long.
  ops::Readiness CheckReadiness() {
    if (group_.sink) {
      return ReadinessOf(engine_.health(), stopping_, group_.sink->OldestInFlightAge(), group_.sink->InFlight());
    }
    return ReadinessOf(engine_.health(), stopping_, producer_.OldestInFlightAge(), producer_.InFlight());
  }

  void UpdateGauges() {
    metrics_.ready.Get().Set(CheckReadiness().ready ? 1 : 0);
    // Failed delivery attempts by cause (each is retried; none is dropped).
    for (const auto& [cause, n] : producer_.stats().failures_by_cause) {
      uint64_t& seen = reported_failures_[cause];
      if (n > seen) metrics_.events_failed.WithLabels({"any", cause}).Inc(n - seen);
      seen = n;
    }
  }

  // The STATUS= line: read from the same registry as /metrics.
  std::string StatusLine() {
    const CycleReport r = ReportFromMetrics(metrics_, *engine_.compiled().config);
    const auto& last = engine_.health().last_commit;
    return std::to_string(engine_.feeds()) + " feeds (" + std::to_string(engine_.feeds_failing()) + " failing), " +
           std::to_string(engine_.polls_in_flight()) + " polls in flight, " +
           std::to_string(engine_.events_in_flight()) + " events pending, " + std::to_string(r.items_committed) +
           " items committed, " + std::to_string(r.leader_quotes_new) + " new leader quotes, last commit " +
           (last ? FormatRfc3339(*last) : std::string("never"));
  }

  RunOptions options_;
  GroupRuntime group_;      // group mode only
  std::set<int> restored_;  // owned partitions whose feeds' state is restored: the ones polled
  // Per feed, the seen items of its current document: what the next
  // snapshot carries when a poll does not read the document again.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> snapshot_seen_;
  // Per feed, the state of its last published snapshot: a poll that changes
  // only the schedule publishes none.
  std::map<std::string, FeedState> snapshot_published_;
  group::TransactionalSink::Stats counted_transactions_;  // already in the metrics
  bool restoring_ = false;
  bool restore_pending_ = false;
  std::thread restore_thread_;
  std::string reported_group_error_;
  ops::NewsmonMetrics metrics_;
  ops::Notifier notifier_;
  boost::asio::io_context io_;
  SystemClock clock_;
  HttpClient http_;
  SwappableStore& store_;
  Engine engine_;
  ReliableProducer& producer_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer tick_;
  std::unique_ptr<ops::MetricsServer> server_;
  std::unique_ptr<ops::Heartbeat> heartbeat_;
  std::map<std::string, uint64_t> reported_failures_;
  std::chrono::steady_clock::time_point next_status_;
  bool stopping_ = false;
  bool reloading_ = false;
  std::thread reload_thread_;
  std::chrono::steady_clock::time_point stop_deadline_;
  int exit_code_ = 0;
};

}  // namespace

int RunDaemon(const RunOptions& options) {
  ops::SetUpLogging(options.log_level.empty() ? "info" : options.log_level);
  auto loaded = LoadWithOverrides(options);
  if (!loaded) {
    LogEachLine(spdlog::level::critical, "", loaded.error().message);
    return 1;
  }
  if (options.log_level.empty()) ops::SetUpLogging((*loaded)->log_level);
  auto compiled = CompileConfig(*loaded);
  if (!compiled) {
    spdlog::critical("{}", compiled.error().message);
    return 1;
  }
  const Config& config = *compiled->config;
  auto opened = OpenSqliteStore(config.state_dir / "state.db");
  if (!opened) {
    spdlog::critical("{}", opened.error().message);
    return 1;
  }
  // A store that cannot take a commit would fail every poll later; say so now.
  if (auto s = (*opened)->CheckWritable(); !s) {
    spdlog::critical("the state store at {} is not writable: {}", (config.state_dir / "state.db").string(),
                     s.error().message);
    return 1;
  }
  SwappableStore store(std::move(*opened));
  auto kafka = ConnectKafka(config, options.brokers);
  if (!kafka) {
    spdlog::critical("{}", kafka.error().message);
    return 1;
  }
  auto producer = ReliableProducer::Create(config.kafka, kafka->bootstrap_servers);
  if (!producer) {
    spdlog::critical("{}", producer.error().message);
    return 1;
  }

  if (options.once && config.group.enabled()) {
    spdlog::critical("--once runs one instance's cycle and does not join group {}: run without --once",
                     config.group.id);
    return 1;
  }
  if (options.once) {
    auto report = RunOnce(*compiled, store, **producer, std::chrono::seconds(60) + config.kafka.flush_timeout);
    if (!report) {
      spdlog::critical("{}", report.error().message);
      return 1;
    }
    spdlog::info(
        "cycle: {} feeds polled ({} not modified, {} failed), {} new items, {} matched, {} quotes ({} new "
        "from leaders), events {} produced / {} delivered, {} items committed, {} skipped",
        report->feeds_polled, report->feeds_not_modified, report->feeds_failed, report->items_new,
        report->stories_matched, report->quotes_found, report->leader_quotes_new, report->events_produced,
        report->events_delivered, report->items_committed, report->items_skipped);
    if (options.print_events) PrintEvents(kafka->bootstrap_servers, config, report->events_delivered + 1000);
    if (!report->complete) spdlog::error("the cycle did not complete: undelivered events will be re-processed");
    // A run that reached no feed at all did not do its job, whatever it committed.
    const bool all_failed = report->feeds_polled > 0 && report->feeds_failed == report->feeds_polled;
    if (all_failed) spdlog::error("every feed failed ({} of {})", report->feeds_failed, report->feeds_polled);
    return report->complete && !all_failed ? 0 : 1;
  }
  GroupRuntime group;
  if (config.group.enabled()) {
    if (kafka->embedded) {
      spdlog::critical("group mode needs a Kafka cluster the instances share: set kafka.brokers or --brokers");
      return 1;
    }
    // Created when missing; one with another partition count stops the start.
    auto topics = group::SetUpTopics(kafka->bootstrap_servers, group::GroupTopicsFor(config), true);
    if (!topics) {
      spdlog::critical("group {}: {}", config.group.id, topics.error().message);
      return 1;
    }
    if (!group::AllOk(*topics)) {
      for (const group::TopicReport& r : *topics) {
        if (!r.detail.empty()) spdlog::critical("group {}: the topic {} {}", config.group.id, r.spec.name, r.detail);
      }
      return 1;
    }
    group.enabled = true;
    group.bootstrap_servers = kafka->bootstrap_servers;
    // An analyzer polls no feeds, so it takes no part in sharing them.
    if (config.group.role != GroupRole::kAnalyzer) {
      auto joined = group::Membership::Join(kafka->bootstrap_servers, config.group, InstanceName());
      if (!joined) {
        spdlog::critical("group {}: {}", config.group.id, joined.error().message);
        return 1;
      }
      auto sink = group::TransactionalSink::Open(
          config.kafka, kafka->bootstrap_servers,
          {.transactional_id = "newsmon-events." + config.group.id + "." + InstanceName()});
      if (!sink) {
        spdlog::critical("group {}: {}", config.group.id, sink.error().message);
        return 1;
      }
      group.membership = std::move(*joined);
      group.sink = std::move(*sink);
    }
  }
  Daemon daemon(options, std::move(*compiled), store, **producer, std::move(group));
  const int rc = daemon.Run();
  return rc;
}

}  // namespace newsmon
