// The asynchronous pipeline on the loop thread: schedules feed polls,
// fetches, parses, analyses, emits, and commits through the Ledger.
//
//   boost::asio::io_context io;
//   HttpClient http(io, HttpClientOptions::FromConfig(config.http));
//   Engine engine({io, http, store, producer}, compiled);
//   engine.Start();                 // plans first polls (spread over the interval)
//   every 50 ms: engine.Tick();     // starts due polls, serves deliveries, commits
//
// Everything runs on one thread: fetch callbacks, delivery callbacks and
// Tick. The CPU stages run inline; a story costs tens of microseconds to a
// few milliseconds (see README "Performance").
#pragma once

#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>

#include "app/ledger.h"
#include "app/pipeline.h"
#include "emit/reliable_producer.h"
#include "fetch/fetcher.h"
#include "fetch/poll_planner.h"
#include "ops/metrics.h"
#include "state/near_dup.h"

namespace newsmon {

// Cumulative counts since start; the metrics endpoint reads them.
struct EngineCounters {
  std::map<std::string, uint64_t>
      polls_by_result;  // ok, not_modified, unchanged, http_error, network_error, parse_error
  uint64_t bytes_fetched = 0;
  uint64_t items_new = 0;
  uint64_t articles_fetched = 0;
  uint64_t articles_failed = 0;
  uint64_t articles_extracted = 0;
  std::map<std::string, uint64_t> matches_by_topic;
  uint64_t stories_matched = 0;
  uint64_t stories_duplicate = 0;
  uint64_t quotes_found = 0;
  std::map<std::string, uint64_t> leader_quotes_new;  // by leader
  uint64_t leader_quotes_repeated = 0;
  std::map<std::string, uint64_t> events_produced;   // by ce_type
  std::map<std::string, uint64_t> events_delivered;  // by ce_type
  uint64_t items_committed = 0;
  int64_t feeds_failing = 0;  // feeds whose last poll failed
  uint64_t commits = 0;
  uint64_t commit_failures = 0;
  uint64_t polls_deferred_backpressure = 0;
  std::vector<double> poll_lag_seconds;  // since last TakePollLags()
  std::optional<Timestamp> last_commit;
  std::string last_commit_error;  // empty when the last commit succeeded
};

struct EngineDeps {
  boost::asio::io_context& io;
  Fetcher& fetcher;  // callbacks may arrive inline; the engine re-posts them to `io`
  StateStore& store;
  ReliableProducer& producer;
  ops::NewsmonMetrics* metrics = nullptr;  // optional: the Prometheus view of the counters
};

class Engine {
 public:
  Engine(EngineDeps deps, CompiledConfig compiled);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Loads feed states and recent history; plans first polls. With
  // `poll_all_now`, every feed is due at once (the --once mode).
  Status Start(bool poll_all_now = false);
  // Swaps in a new config: new feeds are planned, removed feeds finish the
  // work they have in flight and are then dropped, rules/leaders apply to
  // the next story analysed.
  void Reload(CompiledConfig compiled);
  // Starts due polls (unless stopping or backpressured), serves delivery
  // reports, commits what is complete.
  void Tick();
  // No new polls from now on; in-flight work continues.
  void StopPolling() { stopping_ = true; }
  // Nothing in flight: no poll running, no event unacknowledged, nothing to commit.
  bool Idle() const;
  // In --once mode: every feed polled once and everything committed.
  bool AllPolledOnce() const;

  const EngineCounters& counters() const { return counters_; }
  std::vector<double> TakePollLags();
  size_t feeds() const { return feeds_.size(); }
  size_t polls_in_flight() const;
  const CompiledConfig& compiled() const { return compiled_; }

 private:
  struct FeedRuntime {
    FeedConfig config;
    FeedState state;  // as last committed (or initial)
    PollSchedule schedule;
    Timestamp due;
    bool polling = false;  // a poll is in flight or not yet committed
    bool removed = false;
    bool polled_once = false;
    double last_lag_seconds = 0;
  };
  struct PollWork;
  struct LeaderHistory {
    std::vector<PriorQuote> quotes;  // committed + in flight
    std::vector<std::string> keys;   // NormalizeQuoteText of each, computed once
  };

  void StartPoll(FeedRuntime& feed, Timestamp now);
  void OnFeedFetched(const std::string& feed_id, Result<FetchResponse> result, Timestamp planned);
  void ProcessFetched(const std::string& feed_id, Result<FetchResponse> result, Timestamp planned);
  void ProcessEntries(std::shared_ptr<PollWork> work);
  void AnalyzeAndEmit(std::shared_ptr<PollWork> work);
  void FinishPoll(std::shared_ptr<PollWork> work);
  void Commit();
  LeaderHistory& HistoryOf(const std::string& leader_id);
  void CountPoll(const std::string& result_name, const Result<FetchResponse>& result, double lag_seconds);

  EngineDeps deps_;
  CompiledConfig compiled_;
  Ledger ledger_;
  std::map<std::string, FeedRuntime> feeds_;
  std::map<std::string, LeaderHistory> quote_history_;
  NearDupIndex near_dups_;
  EngineCounters counters_;
  std::mt19937_64 rng_;
  bool stopping_ = false;
  bool poll_all_now_ = false;
  // In --once mode, responses wait until every feed answered and are then
  // processed in config order, so "first seen" does not depend on which
  // server answered first.
  std::vector<std::tuple<std::string, Result<FetchResponse>, Timestamp>> held_;
  // Guards callbacks that outlive the engine (fetches completing after destruction).
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace newsmon
