#include "fetch/poll_planner.h"

#include <algorithm>
#include <cmath>

namespace newsmon {
namespace {

using std::chrono::seconds;

seconds Clamp(seconds value, seconds low, seconds high) { return std::max(low, std::min(value, high)); }

// Sane policy whatever the config said: positive, min <= interval <= max.
PollPolicy Normalised(PollPolicy p) {
  p.min_interval = std::max(p.min_interval, seconds(1));
  p.max_interval = std::max(p.max_interval, p.min_interval);
  p.interval = Clamp(p.interval, p.min_interval, p.max_interval);
  return p;
}

seconds Jittered(seconds d, double fraction, std::mt19937_64& rng) {
  if (fraction <= 0 || d.count() <= 1) return d;
  std::uniform_real_distribution<double> u(1.0 - fraction, 1.0 + fraction);
  return seconds(std::max<int64_t>(1, std::llround(static_cast<double>(d.count()) * u(rng))));
}

PollDecision Decide(PollSchedule& schedule, Timestamp now, seconds delay, std::string reason) {
  schedule.next_poll = now + delay;
  schedule.reason = reason;
  return PollDecision{now + delay, delay, std::move(reason)};
}

std::string Describe(const PollOutcome& o) {
  if (o.error != FetchErrorKind::kNone) return std::string(FetchErrorKindName(o.error));
  if (o.result == PollResult::kParseError) return "unparsable body";
  if (o.result == PollResult::kTruncated) return "truncated body";
  if (o.result == PollResult::kStateError) return "state store error";
  return "HTTP " + std::to_string(o.status);
}

}  // namespace

PollPolicy PollPolicy::FromFeed(const FeedConfig& feed) {
  return Normalised(PollPolicy{feed.interval, feed.min_interval, feed.max_interval});
}

PollDecision PlanFirstPoll(const PollPolicy& raw_policy, PollSchedule& schedule, Timestamp now, std::mt19937_64& rng) {
  const PollPolicy policy = Normalised(raw_policy);
  if (schedule.next_poll && *schedule.next_poll > now) {
    // Planned before a restart: keep it, but never further out than the
    // longest wait the planner itself would choose.
    const seconds delay = std::min(std::chrono::duration_cast<seconds>(*schedule.next_poll - now),
                                   std::max(PlannerOptions{}.gone_interval, policy.max_interval));
    return Decide(schedule, now, delay, schedule.reason.empty() ? "planned before restart" : schedule.reason);
  }
  const seconds spread = schedule.interval.count() > 0
                             ? Clamp(schedule.interval, policy.min_interval, policy.max_interval)
                             : policy.interval;
  std::uniform_int_distribution<int64_t> u(0, std::max<int64_t>(0, spread.count() - 1));
  return Decide(schedule, now, seconds(u(rng)), "first poll, spread over the interval");
}

std::optional<double> ItemsPerHourFromTimes(const std::vector<Timestamp>& times, Timestamp now, seconds window) {
  std::vector<Timestamp> recent;
  for (Timestamp t : times) {
    // Future timestamps (clock skew, scheduled posts) count as now.
    const Timestamp clipped = std::min(t, now);
    if (now - clipped <= window) recent.push_back(clipped);
  }
  if (recent.size() < 2) return std::nullopt;
  const auto [lo, hi] = std::minmax_element(recent.begin(), recent.end());
  // A span shorter than an hour (a burst, or identical stamps) would claim an
  // absurd rate; an hour is the floor.
  const double hours = std::max(1.0, static_cast<double>((*hi - *lo).count()) / 3600.0);
  return static_cast<double>(recent.size() - 1) / hours;
}

PollDecision PlanNextPoll(const PollPolicy& raw_policy, PollSchedule& schedule, const PollOutcome& o,
                          std::mt19937_64& rng, const PlannerOptions& options) {
  const PollPolicy policy = Normalised(raw_policy);
  const std::optional<Timestamp> previous_poll = schedule.last_poll;
  schedule.last_poll = o.now;
  const seconds normal = schedule.interval.count() > 0 ? schedule.interval : policy.interval;

  const bool failed = o.error != FetchErrorKind::kNone || PollFailed(o.result) || (o.status >= 400) ||
                      (o.status != 304 && (o.status < 200 || o.status >= 300));
  if (failed) {
    ++schedule.error_streak;
    const std::string what = Describe(o);
    if (o.error == FetchErrorKind::kNone && o.status == 410) {
      const seconds delay = std::max(options.gone_interval, policy.max_interval);
      return Decide(schedule, o.now, delay, "gone (410): retrying rarely");
    }
    if (o.error == FetchErrorKind::kNone && (o.status == 429 || o.status == 503) && o.retry_after) {
      const seconds delay =
          Clamp(*o.retry_after, policy.min_interval, std::max(options.max_retry_after, policy.min_interval));
      return Decide(schedule, o.now, delay, what + ": Retry-After");
    }
    // Exponential back-off with equal jitter: half fixed, half random, so
    // feeds failing together (one host down) do not retry together.
    const seconds cap = std::max(options.error_cap, policy.max_interval);
    const int doublings = std::min(schedule.error_streak - 1, 30);
    const double raw = static_cast<double>(normal.count()) * std::ldexp(1.0, doublings);
    const int64_t full = static_cast<int64_t>(std::min(raw, static_cast<double>(cap.count())));
    std::uniform_int_distribution<int64_t> u(0, std::max<int64_t>(0, full / 2));
    const seconds delay(std::max<int64_t>(policy.min_interval.count(), full - full / 2 + u(rng)));
    return Decide(schedule, o.now, delay,
                  what + ": back-off after " + std::to_string(schedule.error_streak) + " failure(s)");
  }

  schedule.error_streak = 0;
  // Publishing rate: new items since the previous poll, per hour, smoothed.
  const int new_items = o.status == 304 ? 0 : std::max(0, o.new_items);
  std::optional<double> observed;
  if (previous_poll && o.now > *previous_poll) {
    const double hours = static_cast<double>((o.now - *previous_poll).count()) / 3600.0;
    observed = static_cast<double>(new_items) / hours;
  }
  if (schedule.items_per_hour < 0) {
    // Unknown so far: the feed's own item dates say most; one observation
    // is the fallback. (On the very first poll every item is "new", which
    // says nothing about the rate, and there is no previous poll.)
    if (auto seeded = ItemsPerHourFromTimes(o.item_times, o.now, options.rate_window)) {
      schedule.items_per_hour = *seeded;
    } else if (observed) {
      schedule.items_per_hour = *observed;
    }
  } else if (observed) {
    schedule.items_per_hour = options.rate_alpha * *observed + (1.0 - options.rate_alpha) * schedule.items_per_hour;
  }

  seconds interval = policy.interval;
  std::string reason = "configured interval";
  if (schedule.items_per_hour > 0) {
    const double wanted = 3600.0 / (schedule.items_per_hour * options.polls_per_item);
    interval = seconds(static_cast<int64_t>(std::min(wanted, static_cast<double>(policy.max_interval.count()))));
    reason = "publishing rate";
  } else if (schedule.items_per_hour == 0) {
    interval = policy.max_interval;
    reason = "no new items";
  }
  interval = Clamp(interval, policy.min_interval, policy.max_interval);
  // Publisher hints may slow us down, never below our own floor nor past max_interval.
  std::optional<seconds> hint;
  std::string hint_name;
  if (o.feed_ttl) {
    hint = o.feed_ttl;
    hint_name = "feed ttl";
  }
  if (o.max_age && (!hint || *o.max_age > *hint)) {
    hint = o.max_age;
    hint_name = "max-age";
  }
  if (hint && *hint > interval) {
    interval = std::min(*hint, policy.max_interval);
    reason = hint_name;
  }
  schedule.interval = interval;
  return Decide(schedule, o.now, Jittered(interval, options.jitter, rng), reason);
}

PollSchedule ScheduleFromState(const FeedState& state) {
  PollSchedule s;
  s.next_poll = state.next_poll;
  s.last_poll = state.last_poll;
  s.interval = seconds(std::max<int64_t>(0, state.interval_seconds));
  s.error_streak = std::max(0, state.error_streak);
  s.items_per_hour = state.items_per_hour;
  s.reason = state.schedule_reason;
  return s;
}

void ApplyScheduleToState(const PollSchedule& schedule, FeedState& state) {
  state.next_poll = schedule.next_poll;
  state.last_poll = schedule.last_poll;
  state.interval_seconds = schedule.interval.count();
  state.error_streak = schedule.error_streak;
  state.items_per_hour = schedule.items_per_hour;
  state.schedule_reason = schedule.reason;
}

std::optional<std::string> ObservePermanentRedirect(FeedState& state, const std::string& target, int threshold) {
  if (target.empty() || target == state.url) {
    state.redirect_candidate.clear();
    state.redirect_count = 0;
    return std::nullopt;
  }
  if (target == state.redirect_candidate) {
    ++state.redirect_count;
  } else {
    state.redirect_candidate = target;
    state.redirect_count = 1;
  }
  if (state.redirect_count < std::max(1, threshold)) return std::nullopt;
  state.redirect_candidate.clear();
  state.redirect_count = 0;
  return target;
}

}  // namespace newsmon
