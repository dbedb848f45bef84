// The pipeline on the loop thread. A newcomer reads it as its named steps:
//
//   polling a feed        app/poll_step.h     fetch result -> feed state, planner outcome
//   parsing               worker pool         bytes -> entries (feed/feed_parser.h)
//   new items             Engine              the state store says which entries are new
//   fanning out articles  Engine              one fetch per teaser; extraction on the pool
//   analysing a story     app/story_analysis.h  pure, on the pool, within a budget
//   emitting              app/emit_step.h     near-duplicates, novelty, events, one unit each
//   committing            app/ledger.h        seen items, quotes, feed state after delivery
//   maintenance           app/maintenance.h   retention, compaction, state file health
//
//   boost::asio::io_context io;
//   SystemClock clock;
//   ops::NewsmonMetrics metrics(version);
//   Engine engine({io, fetcher, store, producer, metrics, clock}, compiled);
//   engine.Start();                 // plans first polls (spread over the interval)
//   every 50 ms: engine.Tick();     // starts due polls, serves deliveries, commits, maintains
//
// All engine state lives on the io_context's thread: fetch callbacks, worker
// results, delivery callbacks and Tick run there. CPU work (parsing,
// extraction, analysis) runs on the worker pool; the loop only does I/O,
// timers, health and commits, so /healthz and the watchdog never wait for a
// story. Every count goes to the metrics registry; the cycle report, the
// STATUS= line and /metrics read the same numbers.
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>

#include "app/emit_step.h"
#include "app/ledger.h"
#include "app/maintenance.h"
#include "app/pipeline.h"
#include "app/worker_pool.h"
#include "emit/reliable_producer.h"
#include "feed/feed.h"
#include "fetch/fetcher.h"
#include "fetch/poll_planner.h"
#include "ops/logging.h"
#include "ops/metrics.h"
#include "ops/metrics_server.h"
#include "util/clock.h"

namespace newsmon {

struct EngineDeps {
  EngineDeps(boost::asio::io_context& io_context, Fetcher& fetcher_, StateStore& store_, EventSink& producer_,
             ops::NewsmonMetrics& metrics_, const Clock& clock_)
      : io(io_context), fetcher(fetcher_), store(store_), producer(producer_), metrics(metrics_), clock(clock_) {}
  boost::asio::io_context& io;
  Fetcher& fetcher;  // callbacks may arrive inline; the engine re-posts them to `io`
  StateStore& store;
  EventSink& producer;
  ops::NewsmonMetrics& metrics;
  const Clock& clock;
  uint64_t seed = std::random_device{}();  // poll planning jitter; fixed in tests and benchmarks
  // Worker threads; unset: the config's analysis.workers (0 there: one per
  // core). 0 here runs CPU work inline, deterministically.
  std::optional<size_t> worker_threads;
};

// What the daemon needs to know to stay honest about its health.
struct EngineHealth {
  std::string commit_error;     // the last commit's error; empty when it succeeded
  bool state_replaced = false;  // the state file was deleted or replaced under us
  std::optional<Timestamp> last_commit;
};

// /readyz: ready while running, the state store takes commits and its file
// is in place, and Kafka acknowledges (nothing waited longer than 30 s).
ops::Readiness ReadinessOf(const EngineHealth& health, bool stopping,
                           std::chrono::steady_clock::duration oldest_unacknowledged, size_t unacknowledged);

class Engine {
 public:
  Engine(EngineDeps deps, CompiledConfig compiled);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Loads feed states and recent fingerprints; plans first polls. With
  // `poll_all_now`, every feed is due at once (the --once mode) and polls are
  // processed one after another in config order, so results do not depend
  // on which server answered first. A store read error fails the start.
  Status Start(bool poll_all_now = false);
  // Swaps in a new config: new feeds are planned, removed feeds finish the
  // work they have in flight and are then dropped, rules/leaders apply to
  // the next story analysed. A feed whose stored state cannot be read waits
  // (and is retried on the next tick) instead of starting from no state.
  void Reload(CompiledConfig compiled);
  // Starts due polls (unless stopping or backpressured), serves delivery
  // reports, commits what is complete, runs maintenance when due.
  void Tick();
  // No new polls from now on; in-flight work continues.
  void StopPolling() { stopping_ = true; }
  // Nothing in flight: no poll running, no event unacknowledged, nothing to commit.
  bool Idle() const;
  // In --once mode: every feed polled once and everything committed.
  bool AllPolledOnce() const;
  // The store behind StateStore& was reopened (the file had been replaced):
  // forget what was read from the old one and read again.
  void StateStoreReopened();
  // Group mode: the engine polls only the feeds `owns` accepts (the rest
  // keep their plan and wait). Call OwnershipChanged when its answer may
  // have changed: feeds gained are read again from the store and polled
  // when due; feeds lost finish what is in flight.
  void SetOwnership(std::function<bool(const std::string& feed_id)> owns) { owns_ = std::move(owns); }
  void OwnershipChanged();
  // Group mode: runs before each state commit with the feeds whose polls it
  // commits, for the feed-state changelog (group/changelog.h); the state
  // commit goes ahead only when the gate returns Ok, and a failure keeps it
  // for the next tick. With `document_read`, `seen` is every seen item of
  // the feed's current document; without (not modified, unchanged,
  // failed), only items committed since, to add to what the document had.
  struct FeedCommit {
    const FeedState& state;
    std::vector<std::pair<std::string, std::string>> seen;
    bool document_read;
  };
  using CommitGate = std::function<Status(const std::vector<FeedCommit>& feeds)>;
  void SetCommitGate(CommitGate gate) { commit_gate_ = std::move(gate); }
  // Runs the maintenance step now (tests, benchmarks); normally Tick does
  // it every retention.interval. Returns when the step has finished.
  void MaintainNow();

  const EngineHealth& health() const { return health_; }
  size_t feeds() const { return feeds_.size(); }
  size_t feeds_failing() const;
  size_t polls_in_flight() const;
  size_t events_in_flight() const { return deps_.producer.InFlight(); }
  const CompiledConfig& compiled() const { return compiled_; }
  const EmitStep& emit_step() const { return emit_; }

 private:
  struct FeedRuntime {
    FeedConfig config;
    FeedState state;  // as last committed (or initial)
    PollSchedule schedule;
    Timestamp due;
    bool state_loaded = false;  // the store answered; until then the feed is not polled
    bool polling = false;       // a poll is in flight or not yet committed
    bool removed = false;
    bool polled_once = false;
    bool owned = true;          // group mode: this instance's to poll
    bool poll_on_load = false;  // just gained from another instance: polled as soon as its state is read
    // Group mode: the current poll's entries seen before it or committed
    // as seen since, (key, content hash), for the feed-state changelog.
    std::vector<std::pair<std::string, std::string>> seen_before;
    bool document_read = false;  // the current poll parsed the feed's document
    std::chrono::steady_clock::time_point poll_started;
  };
  struct PollWork;

  void LoadFeed(FeedRuntime& feed, Timestamp now);
  void StartPoll(FeedRuntime& feed, Timestamp now);
  void OnFeedFetched(const std::string& feed_id, Result<FetchResponse> result);
  void ProcessFetched(const std::string& feed_id, Result<FetchResponse> result);
  void OnParsed(std::shared_ptr<PollWork> work, Result<feed::Feed> parsed);
  void SelectNewEntries(std::shared_ptr<PollWork> work, std::vector<feed::FeedEntry> entries);
  void FetchArticles(std::shared_ptr<PollWork> work);
  void AnalyzeStories(std::shared_ptr<PollWork> work);
  void Emit(std::shared_ptr<PollWork> work);
  void FinishPoll(std::shared_ptr<PollWork> work);
  void OnEventRefused(uint64_t unit, const std::string& feed_id, const std::string& key,
                      const std::string& content_hash, int max_attempts, const std::string& reason);
  void Commit();
  // Group mode: the gate before the store commit; false keeps the batch for the next tick.
  bool PassCommitGate(const PreparedCommit& prepared);
  void ProcessNextHeld();
  void UpdateGauges();

  EngineDeps deps_;
  CompiledConfig compiled_;
  std::function<bool(const std::string&)> owns_;  // empty: every feed is ours
  CommitGate commit_gate_;
  std::unique_ptr<WorkerPool> workers_;
  Ledger ledger_;
  std::map<std::string, FeedRuntime> feeds_;
  EmitStep emit_;
  Maintenance maintenance_;
  EngineHealth health_;
  ops::LogRateLimiter log_limiter_;
  std::mt19937_64 rng_;
  bool stopping_ = false;
  bool poll_all_now_ = false;
  // --once: responses wait until every feed answered, then polls are
  // processed one at a time in config order.
  std::vector<std::pair<std::string, Result<FetchResponse>>> held_;
  bool processing_held_ = false;
  // Polls whose feed state commit is pending, by ledger poll id: when their
  // cycle started, for newsmon_cycle_duration_seconds.
  std::map<uint64_t, std::chrono::steady_clock::time_point> cycle_started_;
  std::optional<std::chrono::steady_clock::time_point> last_state_check_;
  // The earliest time a feed not in flight is due, and how many feeds wait
  // for their stored state: Tick walks the feeds only when either says so.
  Timestamp next_due_ = Timestamp::min();
  size_t feeds_to_load_ = 0;
  mutable size_t failing_ = 0;
  mutable bool failing_valid_ = false;
  // Guards callbacks that outlive the engine (fetches completing after destruction).
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace newsmon
