// When to poll each feed next: pure decisions, no clock reads, no I/O. The
// caller passes `now` and a seeded RNG, so every decision is reproducible in
// tests with a fake clock.
//
//   std::mt19937_64 rng(seed);
//   PollPolicy policy = PollPolicy::FromFeed(feed_config);
//   PollSchedule schedule = ScheduleFromState(feed_state);
//   PollDecision first = PlanFirstPoll(policy, schedule, now, rng);  // spread over the interval
//   ... poll ...
//   PollOutcome outcome;  // from the fetch result and what parsing found
//   outcome.now = Now(); outcome.status = 200; outcome.new_items = 3; outcome.feed_ttl = feed.ttl;
//   PollDecision d = PlanNextPoll(policy, schedule, outcome, rng); // updates `schedule`
//   ApplyScheduleToState(schedule, feed_state);
//
// Rules, in order of precedence:
//  * 410 Gone: wait gone_interval (a day by default) and keep trying; never given up.
//  * 429/503 with Retry-After: wait what the server asked (at least min_interval).
//  * other failures (transport errors, 4xx/5xx, unparsable body): exponential
//    back-off from the normal interval with "equal jitter", capped.
//  * success (200/304): the interval follows the feed's publishing rate (EWMA
//    of new items per hour, seeded from item timestamps) aiming at about
//    polls_per_item polls per new item, clamped to [min_interval, max_interval];
//    publisher hints (RSS <ttl>, sy:updatePeriod, Cache-Control max-age,
//    Expires) lengthen it up to max_interval; ±jitter keeps feeds apart.
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "config/config.h"
#include "fetch/fetch_error.h"
#include "state/state_store.h"
#include "util/poll_result.h"
#include "util/time.h"

namespace newsmon {

struct PollPolicy {
  std::chrono::seconds interval{300};
  std::chrono::seconds min_interval{60};
  std::chrono::seconds max_interval{3600};
  static PollPolicy FromFeed(const FeedConfig& feed);
};

struct PlannerOptions {
  double rate_alpha = 0.3;                        // EWMA weight of the newest rate observation
  double polls_per_item = 2.0;                    // target polls per newly published item
  std::chrono::seconds error_cap{6 * 3600};       // back-off ceiling (or max_interval if larger)
  std::chrono::seconds gone_interval{24 * 3600};  // 410: retry this rarely (or max_interval if larger)
  std::chrono::seconds max_retry_after{24 * 3600};
  double jitter = 0.1;                               // normal intervals vary by ±10%
  std::chrono::seconds rate_window{30 * 24 * 3600};  // item timestamps older than this do not seed the rate
};

// Planner state of one feed.
struct PollSchedule {
  std::optional<Timestamp> next_poll;
  std::optional<Timestamp> last_poll;
  std::chrono::seconds interval{0};  // current normal interval; 0 = not learned yet
  double items_per_hour = -1;        // EWMA of the publishing rate; < 0 = unknown
  int error_streak = 0;
  std::string reason;  // why next_poll is what it is, for logs and state
};

// What one poll found.
struct PollOutcome {
  Timestamp now;                                 // when the poll finished
  PollResult result = PollResult::kOk;           // how the poll ended
  FetchErrorKind error = FetchErrorKind::kNone;  // transport failure, if any
  int status = 0;                                // HTTP status when no transport failure
  int new_items = 0;                             // entries not seen before
  std::vector<Timestamp> item_times;             // published/updated times of the feed's entries (optional)
  std::optional<std::chrono::seconds> feed_ttl;  // Feed::ttl (RSS <ttl>, sy:updatePeriod)
  std::optional<std::chrono::seconds> max_age;   // FetchResponse::max_age
  std::optional<std::chrono::seconds> retry_after;
};

struct PollDecision {
  Timestamp next_poll;
  std::chrono::seconds delay{0};
  std::string reason;
};

// First poll after start: keeps a planned time still in the future (a restart
// does not reset back-off); otherwise a uniform point in [now, now + interval)
// so that starting with thousands of feeds does not burst.
PollDecision PlanFirstPoll(const PollPolicy& policy, PollSchedule& schedule, Timestamp now, std::mt19937_64& rng);

// Records the outcome in `schedule` and plans the next poll.
PollDecision PlanNextPoll(const PollPolicy& policy, PollSchedule& schedule, const PollOutcome& outcome,
                          std::mt19937_64& rng, const PlannerOptions& options = {});

// Publishing rate seeded from item timestamps: (n - 1) items over their time
// span, within `window` before `now`; nullopt with fewer than two usable items.
std::optional<double> ItemsPerHourFromTimes(const std::vector<Timestamp>& times, Timestamp now,
                                            std::chrono::seconds window);

// The schedule travels in FeedState, which the store persists: a restart
// keeps the learned rate, the back-off and the reason.
PollSchedule ScheduleFromState(const FeedState& state);
void ApplyScheduleToState(const PollSchedule& schedule, FeedState& state);

// Permanent redirects: adopt the new URL only after it was seen on
// `threshold` consecutive polls, so a transient misconfiguration does not
// rewrite the feed's address. Call once per completed poll with
// FetchResponse::permanent_redirect (empty when none). Returns the URL to
// adopt when the threshold is reached (and clears the candidate).
std::optional<std::string> ObservePermanentRedirect(FeedState& state, const std::string& target, int threshold = 3);

}  // namespace newsmon
