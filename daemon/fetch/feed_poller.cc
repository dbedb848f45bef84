#include "fetch/feed_poller.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace newsmon {

struct FeedPoller::TimerBox {
  explicit TimerBox(boost::asio::io_context& io) : timer(io) {}
  boost::asio::steady_timer timer;
};

FeedPoller::FeedPoller(boost::asio::io_context& io, HttpClient& client, uint64_t seed, Consumer consumer,
                       PlannerOptions options)
    : io_(io),
      client_(client),
      rng_(seed),
      consumer_(std::move(consumer)),
      options_(options),
      timer_(std::make_unique<TimerBox>(io)),
      alive_(std::make_shared<bool>(true)) {}

FeedPoller::~FeedPoller() { alive_.reset(); }

void FeedPoller::SetFeeds(std::vector<FeedEntry> feeds) {
  std::map<std::string, Tracked> next;
  for (FeedEntry& entry : feeds) {
    const std::string id = entry.config.id;
    auto old = feeds_.find(id);
    if (old != feeds_.end() && old->second.config.url == entry.config.url) {
      Tracked kept = std::move(old->second);
      kept.config = std::move(entry.config);  // intervals may have changed; the schedule adapts at the next poll
      next.emplace(id, std::move(kept));
      continue;
    }
    Tracked t;
    t.state = std::move(entry.state);
    t.state.feed_id = id;
    // A changed configured URL wins over a stored (redirect-adopted) one.
    if (t.state.url.empty() || (old != feeds_.end())) t.state.url = entry.config.url;
    t.config = std::move(entry.config);
    t.schedule = ScheduleFromState(t.state);
    t.generation = next_generation_++;
    next.emplace(id, std::move(t));
  }
  feeds_ = std::move(next);
  due_.clear();
  for (const auto& [id, t] : feeds_) {
    if (t.planned && !t.in_flight && t.schedule.next_poll) due_.emplace(*t.schedule.next_poll, id);
  }
  Arm();
}

int FeedPoller::Tick(Timestamp now) {
  for (auto& [id, t] : feeds_) {
    if (t.planned || t.in_flight) continue;
    PlanFirstPoll(PollPolicy::FromFeed(t.config), t.schedule, now, rng_);
    t.planned = true;
    due_.emplace(*t.schedule.next_poll, id);
  }
  int started = 0;
  while (!due_.empty() && due_.begin()->first <= now) {
    const std::string id = due_.begin()->second;
    due_.erase(due_.begin());
    auto it = feeds_.find(id);
    if (it == feeds_.end() || it->second.in_flight) continue;
    StartFetch(it->second, now);
    ++started;
  }
  Arm();
  return started;
}

void FeedPoller::StartFetch(Tracked& feed, Timestamp /*now*/) {
  feed.in_flight = true;
  ++in_flight_;
  FetchRequest request;
  request.url = feed.state.url;
  request.etag = feed.state.etag;
  request.last_modified = feed.state.last_modified;
  request.trusted = true;
  const std::string id = feed.config.id;
  const uint64_t generation = feed.generation;
  std::weak_ptr<bool> alive = alive_;
  client_.Start(std::move(request), [this, alive, id, generation, url = feed.state.url](FetchResult result) {
    if (!alive.lock()) return;
    // The planner needs the facts, not the body: keep a slim copy for done().
    FetchResult meta = result;
    meta.response.body.clear();
    Poll poll{id, url, std::move(result)};
    auto done_once = std::make_shared<bool>(false);
    consumer_(poll, [this, alive, id, generation, meta = std::move(meta), done_once](Processed processed) {
      if (!alive.lock() || *done_once) return;
      *done_once = true;
      Finish(id, generation, meta, processed, clock_());
    });
  });
}

void FeedPoller::Finish(const std::string& feed_id, uint64_t generation, const FetchResult& result,
                        const Processed& processed, Timestamp now) {
  --in_flight_;
  auto it = feeds_.find(feed_id);
  if (it == feeds_.end() || it->second.generation != generation) return;  // removed or replaced meanwhile
  Tracked& t = it->second;
  t.in_flight = false;
  const FetchResponse& r = result.response;

  PollOutcome o;
  o.now = now;
  o.error = result.error;
  o.status = r.status;
  o.parse_failed = processed.parse_failed;
  o.new_items = processed.new_items;
  o.item_times = processed.item_times;
  o.feed_ttl = processed.feed_ttl;
  o.max_age = r.max_age;
  o.retry_after = r.retry_after;
  const PollDecision decision = PlanNextPoll(PollPolicy::FromFeed(t.config), t.schedule, o, rng_, options_);

  FeedState& s = t.state;
  ApplyScheduleToState(t.schedule, s);
  s.last_http_status = result.ok() ? r.status : 0;
  const bool success =
      result.ok() && !processed.parse_failed && (r.status == 304 || (r.status >= 200 && r.status < 300));
  if (success) {
    // A 304 may omit validators: keep the ones that still match.
    if (!r.etag.empty() || r.status != 304) s.etag = r.etag;
    if (!r.last_modified.empty() || r.status != 304) s.last_modified = r.last_modified;
    if (r.status != 304) s.body_hash = r.body_hash;
    s.last_error.clear();
  } else {
    s.last_error = result.ok() ? "HTTP " + std::to_string(r.status) + ": " + decision.reason
                               : result.message + " (" + decision.reason + ")";
    if (processed.parse_failed) s.last_error = "unparsable body (" + decision.reason + ")";
  }
  if (result.ok()) {
    if (auto adopted = ObservePermanentRedirect(s, r.permanent_redirect)) {
      s.url = *adopted;
      s.etag.clear();  // validators belong to the old URL's response chain
      s.last_modified.clear();
    }
  }
  due_.emplace(*t.schedule.next_poll, feed_id);
  changed_.insert(feed_id);
  Arm();
}

void FeedPoller::Run() {
  running_ = true;
  Tick(clock_());
}

void FeedPoller::Stop() {
  running_ = false;
  timer_->timer.cancel();
}

void FeedPoller::Arm() {
  if (!running_) return;
  const std::optional<Timestamp> next = NextDue();
  if (!next) {
    timer_->timer.cancel();
    return;
  }
  // Wait on the precise clock so the timer never fires before the (whole
  // second) due time and Tick finds nothing to do.
  const auto wait = std::max(std::chrono::system_clock::duration::zero(), *next - std::chrono::system_clock::now());
  timer_->timer.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(wait));
  std::weak_ptr<bool> alive = alive_;
  timer_->timer.async_wait([this, alive](const boost::system::error_code& ec) {
    if (ec || !alive.lock()) return;
    Tick(clock_());
  });
}

std::optional<Timestamp> FeedPoller::NextDue() const {
  std::optional<Timestamp> next;
  if (!due_.empty()) next = due_.begin()->first;
  // Feeds without a first plan are due now.
  for (const auto& [id, t] : feeds_) {
    if (!t.planned && !t.in_flight) return clock_();
  }
  return next;
}

const FeedState* FeedPoller::StateOf(const std::string& feed_id) const {
  auto it = feeds_.find(feed_id);
  return it == feeds_.end() ? nullptr : &it->second.state;
}

const PollSchedule* FeedPoller::ScheduleOf(const std::string& feed_id) const {
  auto it = feeds_.find(feed_id);
  return it == feeds_.end() ? nullptr : &it->second.schedule;
}

std::vector<FeedState> FeedPoller::TakeChangedStates() {
  std::vector<FeedState> out;
  for (const std::string& id : changed_) {
    if (const FeedState* s = StateOf(id)) out.push_back(*s);
  }
  changed_.clear();
  return out;
}

}  // namespace newsmon
