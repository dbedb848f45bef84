#include "app/engine.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <exception>
#include <thread>

#include "app/poll_step.h"
#include "app/story_analysis.h"
#include "article/extractor.h"
#include "article/story.h"
#include "feed/feed_parser.h"

namespace newsmon {

namespace {

// How often the engine checks that its state file is still the one it opened.
constexpr auto kStateFileCheckEvery = std::chrono::seconds(5);

size_t WorkerThreads(const EngineDeps& deps, const Config& config) {
  if (deps.worker_threads) return *deps.worker_threads;
  if (config.analysis.workers > 0) return static_cast<size_t>(config.analysis.workers);
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

ops::Readiness ReadinessOf(const EngineHealth& health, bool stopping,
                           std::chrono::steady_clock::duration oldest_unacknowledged, size_t unacknowledged) {
  if (stopping) return {false, "stopping"};
  if (health.state_replaced) return {false, "the state file was deleted or replaced"};
  if (!health.commit_error.empty()) return {false, "state commits failing: " + health.commit_error};
  if (oldest_unacknowledged > std::chrono::seconds(30)) {
    return {false, std::to_string(unacknowledged) + " events waiting for Kafka for " +
                       std::to_string(std::chrono::duration_cast<std::chrono::seconds>(oldest_unacknowledged).count()) +
                       " s"};
  }
  return {true, ""};
}

// One poll of one feed, from fetch to the last story's events.
struct Engine::PollWork {
  std::string feed_id;
  FeedConfig feed;
  CompiledConfig compiled;  // the snapshot the whole poll runs under
  FeedState previous;       // as committed before this poll
  PollStep step;
  uint64_t poll_id = 0;
  std::chrono::steady_clock::time_point started;
  std::vector<feed::FeedEntry> entries;  // new or changed
  std::vector<std::optional<Article>> articles;
  std::vector<Story> stories;
  std::vector<std::optional<StoryAnalysis>> analyses;
  size_t pending = 0;
};

Engine::Engine(EngineDeps deps, CompiledConfig compiled)
    : deps_(deps), compiled_(std::move(compiled)), rng_(deps.seed) {
  workers_ = std::make_unique<WorkerPool>(deps_.io, WorkerThreads(deps_, *compiled_.config));
  ops::Counter& suppressed = deps_.metrics.log_messages_suppressed.Get();
  log_limiter_.OnSuppressed([&suppressed] { suppressed.Inc(); });
}

Engine::~Engine() {
  *alive_ = false;
  workers_.reset();  // joins: no worker result arrives after this
}

Status Engine::Start(bool poll_all_now) {
  poll_all_now_ = poll_all_now;
  const Timestamp now = deps_.clock.Now();
  if (auto s = emit_.LoadFingerprints(deps_.store, now - compiled_.config->retention.stories); !s) return s;
  Reload(compiled_);
  for (const auto& [id, feed] : feeds_) {
    if (!feed.state_loaded) return MakeError(ErrorCode::kIo, "state store: cannot read the state of feed " + id);
  }
  maintenance_.Begin(now, compiled_.config->retention);  // the first run right away: the store may be old
  UpdateGauges();
  return Status::Ok();
}

void Engine::LoadFeed(FeedRuntime& rt, Timestamp now) {
  auto stored = deps_.store.GetFeedState(rt.config.id);
  if (!stored) {
    // Never "no state": validators and back-off would reset and every
    // item would look new. The feed waits until the store answers.
    log_limiter_.Log(spdlog::level::err, "feed-state-" + rt.config.id, "feed {}: state unavailable, not polling: {}",
                     rt.config.id, stored.error().message);
    return;
  }
  if (stored->has_value()) {
    rt.state = **stored;
  } else {
    rt.state = FeedState{};
    rt.state.feed_id = rt.config.id;
  }
  // A URL changed in the config wins over an adopted redirect.
  if (rt.state.url.empty() || rt.state.url == rt.config.url || rt.state.redirect_candidate.empty()) {
    rt.state.url = rt.config.url;
  }
  rt.schedule = ScheduleFromState(rt.state);
  rt.due = poll_all_now_ || rt.poll_on_load
               ? now
               : PlanFirstPoll(PollPolicy::FromFeed(rt.config), rt.schedule, now, rng_).next_poll;
  rt.poll_on_load = false;
  rt.state_loaded = true;
  next_due_ = std::min(next_due_, rt.due);
  failing_valid_ = false;
}

void Engine::Reload(CompiledConfig compiled) {
  compiled_ = std::move(compiled);
  const Timestamp now = deps_.clock.Now();
  std::set<std::string> configured;
  for (const FeedConfig& feed : compiled_.config->feeds) {
    configured.insert(feed.id);
    auto it = feeds_.find(feed.id);
    if (it != feeds_.end()) {
      it->second.config = feed;  // new interval, URL etc. apply from the next poll
      it->second.removed = false;
      continue;
    }
    FeedRuntime rt;
    rt.config = feed;
    rt.owned = !owns_ || owns_(feed.id);
    LoadFeed(rt, now);
    if (!rt.state_loaded) ++feeds_to_load_;
    feeds_.emplace(feed.id, std::move(rt));
  }
  failing_valid_ = false;
  for (auto& [id, rt] : feeds_) {
    if (!configured.count(id)) rt.removed = true;
  }
  std::erase_if(feeds_, [](const auto& kv) { return kv.second.removed && !kv.second.polling; });
  UpdateGauges();
}

size_t Engine::polls_in_flight() const {
  size_t n = 0;
  for (const auto& [id, rt] : feeds_) n += rt.polling ? 1 : 0;
  return n;
}

size_t Engine::feeds_failing() const {
  if (!failing_valid_) {
    failing_ = 0;
    for (const auto& [id, rt] : feeds_) failing_ += rt.state.last_error.empty() ? 0 : 1;
    failing_valid_ = true;
  }
  return failing_;
}

bool Engine::Idle() const { return polls_in_flight() == 0 && ledger_.empty() && deps_.producer.InFlight() == 0; }

bool Engine::AllPolledOnce() const {
  for (const auto& [id, rt] : feeds_) {
    if (!rt.polled_once || rt.polling) return false;
  }
  return ledger_.empty();
}

void Engine::UpdateGauges() {
  ops::NewsmonMetrics& m = deps_.metrics;
  m.feeds.Get().Set(static_cast<double>(feeds_.size()));
  m.feeds_failing.Get().Set(static_cast<double>(feeds_failing()));
  m.worker_tasks.Get().Set(static_cast<double>(workers_->pending()));
  m.producer_queue_depth.Get().Set(static_cast<double>(deps_.producer.InFlight()));
  m.topics.Get().Set(static_cast<double>(compiled_.config->topics.size()));
  m.leaders.Get().Set(static_cast<double>(compiled_.config->leaders.size()));
}

void Engine::Tick() {
  deps_.producer.Poll(std::chrono::milliseconds(0));
  Commit();
  const Timestamp now = deps_.clock.Now();

  // The state file: still the one we opened? A deleted or replaced file
  // would swallow every commit and forget them at the next start.
  if (!last_state_check_ || deps_.clock.Steady() - *last_state_check_ >= kStateFileCheckEvery) {
    last_state_check_ = deps_.clock.Steady();
    auto replaced = deps_.store.FileReplaced();
    if (replaced && *replaced && !health_.state_replaced) {
      health_.state_replaced = true;
      deps_.metrics.state_file_replaced.Get().Inc();
      spdlog::critical("the state file was deleted or replaced while the daemon ran; commits would be lost");
    }
  }

  // Maintenance: one slice a turn, so no turn holds the write lock long.
  if (maintenance_.Due(now)) maintenance_.Begin(now, compiled_.config->retention);
  if (maintenance_.running()) maintenance_.Step(deps_.store, emit_, compiled_.config->retention, deps_.metrics);

  // The feeds are walked only when one may be due: with 10,000 feeds a
  // walk every 50 ms turn would be most of an idle daemon's work.
  if (!stopping_ && (now >= next_due_ || feeds_to_load_ > 0)) {
    next_due_ = Timestamp::max();
    feeds_to_load_ = 0;
    bool deferred = false;
    for (auto& [id, rt] : feeds_) {
      if (!rt.state_loaded) {
        LoadFeed(rt, now);
        if (!rt.state_loaded) {
          ++feeds_to_load_;
          continue;
        }
      }
      if (rt.polling || rt.removed) continue;
      if (!rt.owned) continue;
      if (poll_all_now_ && rt.polled_once) continue;
      if (rt.due > now || deferred) {
        next_due_ = std::min(next_due_, rt.due);
        continue;
      }
      if (deps_.producer.Saturated()) {
        // Backpressure: Kafka is not keeping up; polling more would only
        // grow the queue. Due feeds wait; nothing is dropped.
        deps_.metrics.polls_deferred.Get().Inc();
        deferred = true;
        next_due_ = now;
        continue;
      }
      StartPoll(rt, now);
    }
  }
  UpdateGauges();
}

void Engine::StateStoreReopened() {
  emit_ = EmitStep{};
  if (auto s = emit_.LoadFingerprints(deps_.store, deps_.clock.Now() - compiled_.config->retention.stories); !s) {
    spdlog::error("after reopening the state store: {}", s.error().message);
  }
  for (auto& [id, rt] : feeds_) {
    if (!rt.polling) {
      rt.state_loaded = false;  // read again on the next tick
      ++feeds_to_load_;
    }
  }
  health_.state_replaced = false;
}

void Engine::OwnershipChanged() {
  // The store is the state's cache; a feed another instance polled until now
  // is read again before its first poll here.
  // Its last poll happened elsewhere, at a time this instance does not
  // know: it is polled at once rather than up to an interval late.
  for (auto& [id, rt] : feeds_) {
    const bool owned = !owns_ || owns_(id);
    if (owned && !rt.owned && !rt.polling) {
      rt.state_loaded = false;
      rt.poll_on_load = true;
      ++feeds_to_load_;
    }
    rt.owned = owned;
  }
  next_due_ = Timestamp::min();
}

void Engine::MaintainNow() {
  maintenance_.Begin(deps_.clock.Now(), compiled_.config->retention);
  while (!maintenance_.Step(deps_.store, emit_, compiled_.config->retention, deps_.metrics)) {
  }
}

void Engine::StartPoll(FeedRuntime& feed, Timestamp now) {
  feed.polling = true;
  feed.poll_started = deps_.clock.Steady();
  deps_.metrics.poll_lag_seconds.Get().Observe(std::chrono::duration<double>(now - feed.due).count());
  FetchRequest request{feed.state.url.empty() ? feed.config.url : feed.state.url, feed.state.etag,
                       feed.state.last_modified, true};
  std::weak_ptr<bool> alive = alive_;
  const std::string id = feed.config.id;
  // Posted, so that a fetcher calling back inline cannot re-enter Tick.
  deps_.fetcher.Fetch(std::move(request), [this, alive, id](Result<FetchResponse> r) {
    boost::asio::post(deps_.io, [this, alive, id, r = std::move(r)]() mutable {
      if (alive.expired()) return;
      OnFeedFetched(id, std::move(r));
    });
  });
}

void Engine::OnFeedFetched(const std::string& feed_id, Result<FetchResponse> result) {
  if (!poll_all_now_) return ProcessFetched(feed_id, std::move(result));
  held_.emplace_back(feed_id, std::move(result));
  size_t polling = 0;
  for (const auto& [id, rt] : feeds_) polling += rt.polling ? 1 : 0;
  if (held_.size() < polling) return;
  // Config order, one poll at a time (ProcessNextHeld continues in FinishPoll).
  std::vector<std::pair<std::string, Result<FetchResponse>>> ordered;
  for (const FeedConfig& feed : compiled_.config->feeds) {
    for (auto& [id, r] : held_) {
      if (id == feed.id) ordered.emplace_back(id, std::move(r));
    }
  }
  held_ = std::move(ordered);
  std::reverse(held_.begin(), held_.end());  // pop from the back
  if (!processing_held_) ProcessNextHeld();
}

void Engine::ProcessNextHeld() {
  if (held_.empty()) {
    processing_held_ = false;
    return;
  }
  processing_held_ = true;
  auto [id, r] = std::move(held_.back());
  held_.pop_back();
  ProcessFetched(id, std::move(r));
}

void Engine::ProcessFetched(const std::string& feed_id, Result<FetchResponse> result) {
  auto it = feeds_.find(feed_id);
  if (it == feeds_.end()) return;
  FeedRuntime& feed = it->second;
  auto work = std::make_shared<PollWork>();
  work->feed_id = feed_id;
  work->feed = feed.config;
  work->compiled = compiled_;
  work->previous = feed.state;
  work->started = feed.poll_started;
  work->step = ClassifyFetch(feed.config, feed.state, result, deps_.clock.Now());
  if (result) {
    deps_.metrics.fetched_bytes.Get().Inc(result->body.size());
  } else {
    deps_.metrics.fetch_errors.WithLabels({std::string(FetchErrorKindName(FetchErrorKindOf(result.error())))}).Inc();
  }
  if (!work->step.adopted_redirect.empty()) {
    spdlog::warn("feed {}: permanent redirect seen repeatedly, now polling {}", feed_id, work->step.adopted_redirect);
  }
  if (!work->step.parse) return SelectNewEntries(std::move(work), {});
  // Parsing is CPU work: on the pool, the body moved there and dropped after.
  std::string body = result ? std::move(result->body) : std::string();
  const feed::ParseOptions options{work->step.base_url, work->step.content_type};
  std::weak_ptr<bool> alive = alive_;
  workers_->Run<Result<feed::Feed>>(
      [body = std::move(body), options]() -> Result<feed::Feed> {
        try {
          return feed::ParseFeed(body, options);
        } catch (const std::exception& e) {
          return MakeError(ErrorCode::kInternal, std::string("parser failed: ") + e.what());
        }
      },
      [this, alive, work](Result<feed::Feed> parsed) mutable {
        if (alive.expired()) return;
        OnParsed(std::move(work), std::move(parsed));
      });
}

void Engine::OnParsed(std::shared_ptr<PollWork> work, Result<feed::Feed> parsed) {
  work->step = ApplyParse(std::move(work->step), std::move(parsed));
  std::vector<feed::FeedEntry> entries = std::move(work->step.entries);
  SelectNewEntries(std::move(work), std::move(entries));
}

void Engine::SelectNewEntries(std::shared_ptr<PollWork> work, std::vector<feed::FeedEntry> entries) {
  auto it = feeds_.find(work->feed_id);
  if (it == feeds_.end()) return;
  FeedRuntime& feed = it->second;
  // Only a whole new document replaces the feed's seen list; after an
  // unchanged or cut-short one the list is added to.
  feed.document_read = work->step.result == PollResult::kOk;
  if (feed.document_read) feed.seen_before.clear();
  for (auto& entry : entries) {
    const std::string& key = entry.key.empty() ? entry.id : entry.key;
    auto seen = deps_.store.SeenHash(work->feed_id, key);
    if (!seen) {
      // Without the seen set we cannot tell new from old: the poll fails,
      // its validators do not advance, and the next poll tries again.
      FailWithStateError(work->step, work->previous, "state store: " + seen.error().message);
      work->entries.clear();
      break;
    }
    if (seen->has_value() && **seen == entry.content_hash) {
      if (commit_gate_) feed.seen_before.emplace_back(key, entry.content_hash);
      continue;
    }
    work->entries.push_back(std::move(entry));
  }
  PollStep& step = work->step;
  step.outcome.new_items = static_cast<int>(work->entries.size());
  if (step.result == PollResult::kOk || step.result == PollResult::kTruncated) {
    deps_.metrics.poll_duration_seconds.Get().Observe(
        std::chrono::duration<double>(deps_.clock.Steady() - work->started).count());
  }
  if (!step.next.last_error.empty()) {
    log_limiter_.Log(spdlog::level::warn, "feed-" + work->feed_id + "-" + std::string(PollResultName(step.result)),
                     "feed {}: {}", work->feed_id, step.next.last_error);
  }
  const PollDecision decision = PlanNextPoll(PollPolicy::FromFeed(feed.config), feed.schedule, step.outcome, rng_);
  ApplyScheduleToState(feed.schedule, step.next);
  feed.due = decision.next_poll;
  work->poll_id = ledger_.OpenPoll(step.next, work->previous);
  cycle_started_[work->poll_id] = work->started;
  deps_.metrics.items_new.Get().Inc(work->entries.size());
  FetchArticles(std::move(work));
}

void Engine::FetchArticles(std::shared_ptr<PollWork> work) {
  work->articles.resize(work->entries.size());
  std::vector<size_t> wanted;
  for (size_t i = 0; i < work->entries.size(); ++i) {
    const feed::FeedEntry& entry = work->entries[i];
    const bool want = work->feed.fetch_article == FetchArticle::kAlways ||
                      (work->feed.fetch_article == FetchArticle::kAuto && EntryLooksTruncated(entry));
    if (want && !entry.link.empty()) wanted.push_back(i);
  }
  work->pending = wanted.size();
  if (wanted.empty()) return AnalyzeStories(std::move(work));
  std::weak_ptr<bool> alive = alive_;
  for (size_t i : wanted) {
    // Links inside feeds are untrusted: the SSRF guard applies.
    deps_.fetcher.Fetch({work->entries[i].link, "", "", false}, [this, alive, work, i](Result<FetchResponse> page) {
      boost::asio::post(deps_.io, [this, alive, work, i, page = std::move(page)]() mutable {
        if (alive.expired()) return;
        auto done = [this, work] {
          if (--work->pending == 0) AnalyzeStories(work);
        };
        if (!page || page->status != 200) {
          deps_.metrics.articles_failed.WithLabels({"fetch"}).Inc();
          if (!page) {
            deps_.metrics.fetch_errors.WithLabels({std::string(FetchErrorKindName(FetchErrorKindOf(page.error())))})
                .Inc();
          }
          spdlog::debug("feed {}: article {} not fetched: {}", work->feed_id, work->entries[i].link,
                        page ? "HTTP " + std::to_string(page->status) : page.error().message);
          return done();
        }
        deps_.metrics.articles_fetched.Get().Inc();
        deps_.metrics.fetched_bytes.Get().Inc(page->body.size());
        const ExtractOptions options{page->effective_url, page->content_type};
        workers_->Run<Result<Article>>(
            [body = std::move(page->body), options]() -> Result<Article> {
              try {
                return ExtractArticle(body, options);
              } catch (const std::exception& e) {
                return MakeError(ErrorCode::kInternal, std::string("extractor failed: ") + e.what());
              }
            },
            [this, alive, work, i, done](Result<Article> article) {
              if (alive.expired()) return;
              if (article) {
                deps_.metrics.articles_extracted.Get().Inc();
                work->articles[i] = std::move(*article);
              } else {
                deps_.metrics.articles_failed.WithLabels({"extract"}).Inc();
              }
              done();
            });
      });
    });
  }
}

void Engine::AnalyzeStories(std::shared_ptr<PollWork> work) {
  const size_t n = work->entries.size();
  work->stories.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const feed::FeedEntry& entry = work->entries[i];
    feed::FeedEntry keyed = entry;
    if (!entry.key.empty()) keyed.id = entry.key;  // story identity follows the stable key
    Story story =
        MakeStory(work->feed.id, work->feed.language, keyed, work->articles[i] ? &*work->articles[i] : nullptr);
    story.item_id = entry.id.empty() ? keyed.id : entry.id;
    work->stories.push_back(std::move(story));
  }
  work->articles.clear();  // the stories hold what they need
  work->analyses.resize(n);
  work->pending = n;
  if (n == 0) return Emit(std::move(work));
  const AnalysisBudget budget = AnalysisBudget::FromConfig(work->compiled.config->analysis);
  std::weak_ptr<bool> alive = alive_;
  for (size_t i = 0; i < n; ++i) {
    workers_->Run<StoryAnalysis>(
        [compiled = work->compiled, story = &work->stories[i], budget] {
          // A collector leaves the analysis to the analyzers (README "Group mode").
          const GroupConfig& group = compiled.config->group;
          if (group.enabled() && group.role == GroupRole::kCollector) return StoryAnalysis{};
          return AnalyzeStory(compiled, *story, budget);
        },
        [this, alive, work, i](StoryAnalysis a) {
          if (alive.expired()) return;
          work->analyses[i] = std::move(a);
          if (--work->pending == 0) Emit(work);
        });
  }
}

void Engine::Emit(std::shared_ptr<PollWork> work) {
  ops::NewsmonMetrics& m = deps_.metrics;
  const CompiledConfig& compiled = work->compiled;
  const Timestamp now = deps_.clock.Now();
  // Every leader history the poll's quotes need, before anything is sent:
  // a failed read fails the poll (retried), it never means "no history".
  std::set<std::string> leaders;
  for (const auto& a : work->analyses) {
    for (const Quote& q : a->quotes) {
      if (!q.leader_id.empty()) leaders.insert(q.leader_id);
    }
  }
  if (auto s = emit_.EnsureHistories(deps_.store, leaders); !s) {
    log_limiter_.Log(spdlog::level::err, "history", "feed {}: {}; the poll is retried", work->feed_id,
                     s.error().message);
    FailWithStateError(work->step, work->previous, s.error().message);
    ledger_.UpdatePollState(work->poll_id, work->step.next);
    return FinishPoll(std::move(work));
  }
  bool retry_poll = false;
  for (size_t i = 0; i < work->stories.size(); ++i) {
    const Story& story = work->stories[i];
    const StoryAnalysis& a = *work->analyses[i];
    const feed::FeedEntry& entry = work->entries[i];
    const std::string& key = entry.key.empty() ? entry.id : entry.key;
    m.story_analysis_seconds.Get().Observe(std::chrono::duration<double>(a.took).count());
    if (a.text_cut) m.stories_text_cut.Get().Inc();
    if (a.over_budget()) {
      m.stories_over_budget.WithLabels({AnalysisFailureName(a.failure)}).Inc();
      auto before = deps_.store.AttemptsOf(work->feed_id, key);
      const int attempts = (before ? *before : 0) + 1;
      UnitRecord record;
      if (attempts >= compiled.config->analysis.max_attempts) {
        // A poison pill ends here: committed as seen, never retried again.
        m.items_skipped.Get().Inc();
        spdlog::error("feed {}: item {} skipped after {} failed attempts ({}): {}", work->feed_id, key, attempts,
                      AnalysisFailureName(a.failure), a.failure_detail);
        record.seen = SeenItem{work->feed_id, key, entry.content_hash, now};
        record.attempts_cleared.emplace_back(work->feed_id, key);
      } else {
        m.items_failed.Get().Inc();
        log_limiter_.Log(spdlog::level::warn, "item-failed-" + work->feed_id,
                         "feed {}: item {} failed analysis (attempt {} of {}, {}): {}", work->feed_id, key, attempts,
                         compiled.config->analysis.max_attempts, AnalysisFailureName(a.failure), a.failure_detail);
        record.attempts.push_back(ItemAttempt{work->feed_id, key, attempts, a.failure_detail, now});
        retry_poll = true;
      }
      ledger_.AddUnit(work->poll_id, std::move(record), 0);
      continue;
    }
    EmitStep::Output out =
        emit_.EmitStory(compiled, story, SeenItem{work->feed_id, key, entry.content_hash, now}, a, m);
    const uint64_t unit = ledger_.AddUnit(work->poll_id, std::move(out.record), static_cast<int>(out.events.size()));
    for (auto& e : out.events) {
      std::string type;
      for (const auto& [k, v] : e.headers) {
        if (k == "ce_type") type = v;
      }
      m.events_produced.WithLabels({type}).Inc();
      std::weak_ptr<bool> alive = alive_;
      deps_.producer.Send(
          std::move(e),
          [this, unit, type, alive] {
            if (alive.expired()) return;
            deps_.metrics.events_delivered.WithLabels({type}).Inc();
            ledger_.EventDelivered(unit);
          },
          [this, unit, type, alive, feed_id = work->feed_id, key, hash = entry.content_hash,
           max_attempts = compiled.config->analysis.max_attempts](const std::string& reason) {
            if (alive.expired()) return;
            deps_.metrics.events_failed.WithLabels({type, "refused"}).Inc();
            OnEventRefused(unit, feed_id, key, hash, max_attempts, reason);
          });
    }
  }
  // An item will be tried again: the next poll must fetch the whole feed,
  // so this one keeps the validators it started with.
  if (retry_poll) ledger_.RetryItems(work->poll_id);
  FinishPoll(std::move(work));
}

void Engine::OnEventRefused(uint64_t unit, const std::string& feed_id, const std::string& key,
                            const std::string& content_hash, int max_attempts, const std::string& reason) {
  // Like an analysis over budget: tried again on a later poll, skipped
  // after its attempts; the unit no longer waits for its other events.
  auto before = deps_.store.AttemptsOf(feed_id, key);
  const int attempts = (before ? *before : 0) + 1;
  const Timestamp now = deps_.clock.Now();
  UnitRecord record;
  if (attempts >= max_attempts) {
    deps_.metrics.items_skipped.Get().Inc();
    spdlog::error("feed {}: item {} skipped after {} attempts: Kafka refused its event ({})", feed_id, key, attempts,
                  reason);
    record.seen = SeenItem{feed_id, key, content_hash, now};
    record.attempts_cleared.emplace_back(feed_id, key);
  } else {
    deps_.metrics.items_failed.Get().Inc();
    record.attempts.push_back(ItemAttempt{feed_id, key, attempts, "event refused: " + reason, now});
    ledger_.RetryItems(ledger_.PollOf(unit));
  }
  ledger_.UnitRefused(unit, std::move(record));
}

bool Engine::PassCommitGate(const PreparedCommit& prepared) {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> seen_now;
  for (const SeenItem& item : prepared.batch.seen) seen_now[item.feed_id].emplace_back(item.item_id, item.content_hash);
  std::vector<FeedCommit> feeds;
  for (const FeedState& state : prepared.batch.feed_states) {
    auto it = feeds_.find(state.feed_id);
    if (it == feeds_.end()) continue;
    FeedCommit& commit = feeds.emplace_back(FeedCommit{state, it->second.seen_before, it->second.document_read});
    if (auto now = seen_now.find(state.feed_id); now != seen_now.end()) {
      commit.seen.insert(commit.seen.end(), now->second.begin(), now->second.end());
    }
  }
  Status passed = commit_gate_(feeds);
  if (passed) return true;
  if (health_.commit_error != passed.error().message) spdlog::warn("state commit waits: {}", passed.error().message);
  health_.commit_error = passed.error().message;
  return false;
}

void Engine::FinishPoll(std::shared_ptr<PollWork> work) {
  deps_.metrics.Poll(work->step.result).Inc();  // once a poll, with how it ended
  ledger_.ClosePoll(work->poll_id);
  work.reset();
  // The commit itself waits for the next turn's Tick: one transaction for
  // every poll that finished meanwhile, not a scan of the ledger per poll.
  if (processing_held_) {
    // --once: the next feed's response, in config order.
    boost::asio::post(deps_.io, [this, alive = std::weak_ptr<bool>(alive_)] {
      if (!alive.expired()) ProcessNextHeld();
    });
  }
}

void Engine::Commit() {
  PreparedCommit prepared = ledger_.Prepare();
  if (prepared.empty()) return;
  if (commit_gate_ && !PassCommitGate(prepared)) return;  // kept in the ledger: again next tick
  Status st = deps_.store.Commit(prepared.batch);
  if (!st) {
    // Keep everything in the ledger and try again on the next tick; the
    // feeds involved stay "polling", so nothing is fetched twice meanwhile.
    if (health_.commit_error != st.error().message) {
      spdlog::error("state commit failed, will retry: {}", st.error().message);
    }
    deps_.metrics.state_commit_failures.Get().Inc();
    health_.commit_error = st.error().message;
    return;
  }
  if (!health_.commit_error.empty()) spdlog::info("state commits work again");
  health_.commit_error.clear();
  const Timestamp now = deps_.clock.Now();
  health_.last_commit = now;
  deps_.metrics.state_commits.Get().Inc();
  deps_.metrics.items_committed.Get().Inc(prepared.batch.seen.size());
  ledger_.Committed(prepared);
  for (uint64_t poll : prepared.polls) {
    auto it = cycle_started_.find(poll);
    if (it == cycle_started_.end()) continue;
    deps_.metrics.cycle_duration_seconds.Get().Observe(
        std::chrono::duration<double>(deps_.clock.Steady() - it->second).count());
    cycle_started_.erase(it);
  }
  if (!prepared.polls.empty()) {
    deps_.metrics.last_cycle_timestamp_seconds.Get().Set(static_cast<double>(now.time_since_epoch().count()));
  }
  bool removed_feed_done = false;
  if (commit_gate_) {
    // A poll's items may commit in earlier batches than its feed state.
    for (const SeenItem& item : prepared.batch.seen) {
      auto it = feeds_.find(item.feed_id);
      if (it != feeds_.end()) it->second.seen_before.emplace_back(item.item_id, item.content_hash);
    }
  }
  for (const FeedState& state : prepared.batch.feed_states) {
    auto it = feeds_.find(state.feed_id);
    if (it == feeds_.end()) continue;
    if (commit_gate_) {
      it->second.seen_before.clear();
      it->second.document_read = false;
    }
    if (it->second.state.last_error.empty() != state.last_error.empty()) failing_valid_ = false;
    it->second.state = state;
    it->second.polling = false;
    it->second.polled_once = true;
    next_due_ = std::min(next_due_, it->second.due);
    removed_feed_done = removed_feed_done || it->second.removed;
  }
  if (removed_feed_done) std::erase_if(feeds_, [](const auto& kv) { return kv.second.removed && !kv.second.polling; });
}

}  // namespace newsmon
