// The polling loop: keeps every feed's next poll time, starts the fetches
// that are due through HttpClient (so politeness limits apply), hands each
// result to the consumer, and plans the next poll from what the consumer
// found (new items, feed ttl, parse failure) with the pure PollPlanner.
//
//   FeedPoller poller(io, client, seed, [&](const FeedPoller::Poll& poll, FeedPoller::DoneFn done) {
//     // on the loop thread; may hand off to other threads and call done() later
//     FeedPoller::Processed p;
//     if (poll.result.ok() && poll.result.response.status == 200) p = ParseAndEmit(poll);
//     done(p);
//   });
//   poller.SetFeeds(feeds_with_states);  // again on config reload: states of kept feeds survive
//   poller.Run();                         // arms a timer; io.run() drives everything
//   ...
//   for (const FeedState& s : poller.TakeChangedStates()) store.Commit(...);
//
// Tick(now) is the whole decision step and takes the time as an argument, so
// tests drive the loop with a fake clock; Run() only calls Tick(Now()) from a
// timer at the next due time.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "fetch/http_client.h"
#include "fetch/poll_planner.h"
#include "state/state_store.h"
#include "util/time.h"

namespace newsmon {

class FeedPoller {
 public:
  struct FeedEntry {
    FeedConfig config;
    FeedState state;  // as stored; feed_id and url filled in from config when empty
  };

  // One finished fetch, for the consumer.
  struct Poll {
    std::string feed_id;
    std::string url;
    FetchResult result;
  };

  // What the consumer found in the response.
  struct Processed {
    int new_items = 0;
    bool parse_failed = false;
    std::vector<Timestamp> item_times;
    std::optional<std::chrono::seconds> feed_ttl;
  };

  using DoneFn = std::function<void(Processed)>;
  // Must call `done` exactly once (later is fine); the feed is not polled again before.
  using Consumer = std::function<void(const Poll& poll, DoneFn done)>;

  FeedPoller(boost::asio::io_context& io, HttpClient& client, uint64_t seed, Consumer consumer,
             PlannerOptions options = {});
  ~FeedPoller();
  FeedPoller(const FeedPoller&) = delete;
  FeedPoller& operator=(const FeedPoller&) = delete;

  // Replaces the feed set. Feeds already known keep their schedule; new ones
  // get a spread first poll (computed at the next Tick).
  void SetFeeds(std::vector<FeedEntry> feeds);

  // Starts every feed due at `now` that is not already in flight; returns how many.
  int Tick(Timestamp now);

  // Drives Tick from a timer at each next due time (with the real clock) until Stop().
  void Run();
  void Stop();

  // Earliest planned poll among feeds not in flight.
  std::optional<Timestamp> NextDue() const;
  const FeedState* StateOf(const std::string& feed_id) const;
  const PollSchedule* ScheduleOf(const std::string& feed_id) const;
  // States changed since the last call (for the state store), in feed id order.
  std::vector<FeedState> TakeChangedStates();
  size_t in_flight() const { return in_flight_; }

  // The wall clock used when a poll finishes and by Run(); tests pass a fake one.
  void set_clock(std::function<Timestamp()> clock) { clock_ = std::move(clock); }

 private:
  struct Tracked {
    FeedConfig config;
    FeedState state;
    PollSchedule schedule;
    bool planned = false;  // first poll computed
    bool in_flight = false;
    uint64_t generation = 0;  // bumps when the feed is removed/re-added, so stale callbacks are ignored
  };

  void StartFetch(Tracked& feed, Timestamp now);
  void Finish(const std::string& feed_id, uint64_t generation, const FetchResult& result, const Processed& processed,
              Timestamp now);
  void Arm();

  boost::asio::io_context& io_;
  HttpClient& client_;
  std::mt19937_64 rng_;
  Consumer consumer_;
  PlannerOptions options_;
  std::map<std::string, Tracked> feeds_;
  std::set<std::pair<Timestamp, std::string>> due_;  // (next_poll, feed id) of planned feeds not in flight
  std::set<std::string> changed_;
  size_t in_flight_ = 0;
  uint64_t next_generation_ = 1;
  bool running_ = false;
  struct TimerBox;
  std::unique_ptr<TimerBox> timer_;
  std::shared_ptr<bool> alive_;
  std::function<Timestamp()> clock_ = [] { return Now(); };
};

}  // namespace newsmon
