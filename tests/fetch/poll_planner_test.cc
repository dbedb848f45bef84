// Poll planning as pure functions with a fake clock and a seeded RNG.
#include "fetch/poll_planner.h"

#include <gtest/gtest.h>

namespace newsmon {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const Timestamp kT0 = Timestamp(seconds(1800000000));

PollPolicy Policy(seconds interval = minutes(10), seconds min = minutes(2), seconds max = hours(2)) {
  PollPolicy p;
  p.interval = interval;
  p.min_interval = min;
  p.max_interval = max;
  return p;
}

PollOutcome Ok(Timestamp now, int status = 200, int new_items = 0) {
  PollOutcome o;
  o.now = now;
  o.status = status;
  o.new_items = new_items;
  return o;
}

PollOutcome Failed(Timestamp now, FetchErrorKind kind) {
  PollOutcome o;
  o.now = now;
  o.error = kind;
  return o;
}

PollOutcome Status(Timestamp now, int status, std::optional<seconds> retry_after = std::nullopt) {
  PollOutcome o = Ok(now, status);
  o.retry_after = retry_after;
  return o;
}

TEST(PollPlannerTest, FirstPollsAreSpreadOverTheInterval) {
  std::mt19937_64 rng(42);
  const PollPolicy policy = Policy(minutes(10));
  std::vector<int> buckets(10, 0);
  for (int i = 0; i < 10000; ++i) {
    PollSchedule s;
    const PollDecision d = PlanFirstPoll(policy, s, kT0, rng);
    ASSERT_GE(d.next_poll, kT0);
    ASSERT_LT(d.next_poll, kT0 + minutes(10));
    ++buckets[(d.next_poll - kT0) / minutes(1)];
  }
  // Uniform: every minute of the interval gets about a tenth.
  for (int b : buckets) {
    EXPECT_GT(b, 850);
    EXPECT_LT(b, 1150);
  }
}

TEST(PollPlannerTest, FirstPollKeepsAFuturePlanAcrossRestart) {
  std::mt19937_64 rng(1);
  PollSchedule s;
  s.next_poll = kT0 + hours(3);  // a back-off planned before the restart
  EXPECT_EQ(PlanFirstPoll(Policy(), s, kT0, rng).next_poll, kT0 + hours(3));
  s.next_poll = kT0 - hours(3);  // overdue: spread, do not burst
  const PollDecision d = PlanFirstPoll(Policy(), s, kT0, rng);
  EXPECT_GE(d.next_poll, kT0);
  EXPECT_LT(d.next_poll, kT0 + minutes(10));
}

TEST(PollPlannerTest, SameSeedSameDecisions) {
  std::mt19937_64 a(7), b(7);
  PollSchedule sa, sb;
  for (int i = 0; i < 5; ++i) {
    const Timestamp now = kT0 + minutes(10 * i);
    EXPECT_EQ(PlanNextPoll(Policy(), sa, Ok(now, 200, i), a).next_poll,
              PlanNextPoll(Policy(), sb, Ok(now, 200, i), b).next_poll);
  }
}

TEST(PollPlannerTest, BusyFeedConvergesToMinInterval) {
  std::mt19937_64 rng(3);
  PollSchedule s;
  Timestamp now = kT0;
  PlannerOptions no_jitter;
  no_jitter.jitter = 0;
  PlanNextPoll(Policy(), s, Ok(now), rng, no_jitter);
  PollDecision d;
  for (int i = 0; i < 30; ++i) {
    now = d.next_poll > now ? d.next_poll : now + minutes(10);
    d = PlanNextPoll(Policy(), s, Ok(now, 200, 20), rng, no_jitter);  // 20 new items every poll
  }
  EXPECT_EQ(d.delay, minutes(2));
  EXPECT_EQ(d.reason, "publishing rate");
}

TEST(PollPlannerTest, QuietFeedBacksOffToMaxInterval) {
  std::mt19937_64 rng(3);
  PollSchedule s;
  PlannerOptions no_jitter;
  no_jitter.jitter = 0;
  Timestamp now = kT0;
  PollDecision d = PlanNextPoll(Policy(), s, Ok(now, 200, 5), rng, no_jitter);
  for (int i = 0; i < 40; ++i) {
    now = d.next_poll;
    d = PlanNextPoll(Policy(), s, Ok(now, 304), rng, no_jitter);
  }
  EXPECT_EQ(d.delay, hours(2));
  // The interval grew steadily, never past max.
  EXPECT_EQ(s.interval, hours(2));
}

TEST(PollPlannerTest, RateSeededFromItemTimestamps) {
  std::mt19937_64 rng(3);
  PlannerOptions no_jitter;
  no_jitter.jitter = 0;
  PollSchedule s;
  PollOutcome o = Ok(kT0, 200, 24);
  for (int i = 0; i < 24; ++i) o.item_times.push_back(kT0 - hours(i));  // one item an hour
  const PollDecision d = PlanNextPoll(Policy(minutes(10), minutes(1), hours(4)), s, o, rng, no_jitter);
  EXPECT_NEAR(s.items_per_hour, 1.0, 0.05);
  EXPECT_EQ(d.delay, minutes(30));  // two polls per item at one item an hour
}

TEST(PollPlannerTest, PublisherHintsLengthenUpToMax) {
  std::mt19937_64 rng(3);
  PlannerOptions no_jitter;
  no_jitter.jitter = 0;
  PollSchedule s;
  PollOutcome ttl = Ok(kT0, 200);
  ttl.feed_ttl = minutes(60);
  PollDecision d = PlanNextPoll(Policy(), s, ttl, rng, no_jitter);
  EXPECT_EQ(d.delay, minutes(60));
  EXPECT_EQ(d.reason, "feed ttl");

  PollSchedule s2;
  PollOutcome age = Ok(kT0, 304);
  age.max_age = hours(10);  // past max_interval: capped
  d = PlanNextPoll(Policy(), s2, age, rng, no_jitter);
  EXPECT_EQ(d.delay, hours(2));
  EXPECT_EQ(d.reason, "max-age");

  PollSchedule s3;
  PollOutcome short_hint = Ok(kT0, 200);
  short_hint.feed_ttl = seconds(10);  // shorter than ours: ignored
  EXPECT_EQ(PlanNextPoll(Policy(), s3, short_hint, rng, no_jitter).delay, minutes(10));
}

TEST(PollPlannerTest, RetryAfterIsHonouredOn429And503) {
  std::mt19937_64 rng(3);
  PollSchedule s;
  PollDecision d = PlanNextPoll(Policy(), s, Status(kT0, 429, minutes(45)), rng);
  EXPECT_EQ(d.delay, minutes(45));
  EXPECT_EQ(s.error_streak, 1);
  d = PlanNextPoll(Policy(), s, Status(kT0, 503, seconds(5)), rng);  // below our floor
  EXPECT_EQ(d.delay, minutes(2));
  d = PlanNextPoll(Policy(), s, Status(kT0, 503, hours(24 * 30)), rng);  // absurd: capped at a day
  EXPECT_EQ(d.delay, hours(24));
  EXPECT_NE(d.reason.find("Retry-After"), std::string::npos);
}

TEST(PollPlannerTest, ServerErrorsBackOffExponentiallyWithJitterCapped) {
  std::mt19937_64 rng(11);
  PollSchedule s;
  std::vector<seconds> delays;
  Timestamp now = kT0;
  for (int i = 0; i < 12; ++i) {
    const PollDecision d = PlanNextPoll(Policy(), s, Status(now, 500 + i % 4), rng);
    delays.push_back(d.delay);
    now = d.next_poll;
  }
  EXPECT_EQ(s.error_streak, 12);
  // Equal jitter: within [full/2, full] where full = 10 min * 2^(n-1), capped at 6 h.
  for (size_t i = 0; i < delays.size(); ++i) {
    const seconds full = std::min<seconds>(minutes(10) * (int64_t{1} << i), hours(6));
    EXPECT_GE(delays[i], full / 2) << i;
    EXPECT_LE(delays[i], full) << i;
  }
  EXPECT_LE(delays.back(), hours(6));
  EXPECT_GE(delays.back(), hours(3));

  // Two feeds failing together do not retry together.
  std::mt19937_64 rng2(12);
  PollSchedule a, b;
  a.error_streak = b.error_streak = 5;
  EXPECT_NE(PlanNextPoll(Policy(), a, Status(kT0, 502), rng2).next_poll,
            PlanNextPoll(Policy(), b, Status(kT0, 502), rng2).next_poll);

  // Success resets the streak.
  PlanNextPoll(Policy(), s, Ok(now, 304), rng);
  EXPECT_EQ(s.error_streak, 0);
}

TEST(PollPlannerTest, TransportErrorsAndParseFailuresBackOff) {
  std::mt19937_64 rng(5);
  PollSchedule s;
  PollDecision d = PlanNextPoll(Policy(), s, Failed(kT0, FetchErrorKind::kTimeout), rng);
  EXPECT_NE(d.reason.find("timeout"), std::string::npos);
  d = PlanNextPoll(Policy(), s, Failed(kT0, FetchErrorKind::kDns), rng);
  PollOutcome bad = Ok(kT0, 200);
  bad.result = PollResult::kParseError;
  d = PlanNextPoll(Policy(), s, bad, rng);
  EXPECT_EQ(s.error_streak, 3);
  EXPECT_GE(d.delay, minutes(20));  // 10 min * 2^2 / 2
}

TEST(PollPlannerTest, GoneIsRetriedRarelyNeverDropped) {
  std::mt19937_64 rng(5);
  PollSchedule s;
  for (int i = 0; i < 100; ++i) {
    const PollDecision d = PlanNextPoll(Policy(), s, Status(kT0, 410), rng);
    EXPECT_EQ(d.delay, hours(24));
    EXPECT_EQ(d.reason, "gone (410): retrying rarely");
  }
  EXPECT_EQ(s.error_streak, 100);
  EXPECT_TRUE(s.next_poll.has_value());
}

TEST(PollPlannerTest, BadPolicyIsNormalised) {
  std::mt19937_64 rng(5);
  PollSchedule s;
  // min > max and a zero interval: still a sane, positive delay.
  const PollDecision d = PlanNextPoll(Policy(seconds(0), hours(1), minutes(1)), s, Ok(kT0), rng);
  EXPECT_GE(d.delay, minutes(50));
  EXPECT_LE(d.delay, minutes(70));
}

TEST(PollPlannerTest, ItemsPerHourIgnoresOldAndNeedsTwo) {
  EXPECT_EQ(ItemsPerHourFromTimes({kT0}, kT0, hours(24 * 30)), std::nullopt);
  EXPECT_EQ(ItemsPerHourFromTimes({kT0 - hours(24 * 60), kT0 - hours(24 * 61)}, kT0, hours(24 * 30)), std::nullopt);
  EXPECT_NEAR(*ItemsPerHourFromTimes({kT0, kT0 - hours(10), kT0 - hours(20)}, kT0, hours(24)), 0.1, 1e-9);
  // A burst of identical stamps does not claim an infinite rate.
  EXPECT_NEAR(*ItemsPerHourFromTimes({kT0, kT0, kT0}, kT0, hours(24)), 2.0, 1e-9);
}

TEST(PollPlannerTest, StateRoundTrip) {
  FeedState state;
  state.interval_seconds = 900;
  state.error_streak = 2;
  state.next_poll = kT0;
  PollSchedule s = ScheduleFromState(state);
  EXPECT_EQ(s.interval, seconds(900));
  EXPECT_EQ(s.error_streak, 2);
  std::mt19937_64 rng(1);
  PlanNextPoll(Policy(), s, Ok(kT0 + minutes(5), 304), rng);
  ApplyScheduleToState(s, state);
  EXPECT_EQ(state.error_streak, 0);
  EXPECT_EQ(state.last_poll, kT0 + minutes(5));
  EXPECT_EQ(state.next_poll, s.next_poll);
}

TEST(RedirectAdoptionTest, AdoptAfterThreeConsecutivePolls) {
  FeedState state;
  state.url = "http://old.example/feed";
  EXPECT_EQ(ObservePermanentRedirect(state, "http://new.example/feed"), std::nullopt);
  EXPECT_EQ(ObservePermanentRedirect(state, "http://new.example/feed"), std::nullopt);
  EXPECT_EQ(state.redirect_count, 2);
  EXPECT_EQ(ObservePermanentRedirect(state, "http://new.example/feed"), "http://new.example/feed");
  EXPECT_EQ(state.redirect_candidate, "");
}

TEST(RedirectAdoptionTest, InterruptedOrChangedTargetsStartOver) {
  FeedState state;
  state.url = "http://old.example/feed";
  ObservePermanentRedirect(state, "http://a.example/");
  ObservePermanentRedirect(state, "http://a.example/");
  EXPECT_EQ(ObservePermanentRedirect(state, ""), std::nullopt);  // a poll without the redirect
  EXPECT_EQ(state.redirect_count, 0);
  ObservePermanentRedirect(state, "http://a.example/");
  ObservePermanentRedirect(state, "http://a.example/");
  EXPECT_EQ(ObservePermanentRedirect(state, "http://b.example/"), std::nullopt);  // a different target
  EXPECT_EQ(state.redirect_candidate, "http://b.example/");
  EXPECT_EQ(state.redirect_count, 1);
}

}  // namespace
}  // namespace newsmon
