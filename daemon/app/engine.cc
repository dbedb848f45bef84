#include "app/engine.h"

#include <spdlog/fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include "app/story_analysis.h"
#include "article/extractor.h"
#include "article/story.h"
#include "emit/event.h"
#include "feed/feed_parser.h"
#include "util/hash.h"

namespace newsmon {

namespace {

constexpr auto kHistoryWindow = std::chrono::hours(24 * 14);

const char* ResultName(const Result<FetchResponse>& r) {
  if (!r) return "network_error";
  if (r->not_modified()) return "not_modified";
  if (r->status >= 400) return "http_error";
  return "ok";
}

}  // namespace

// One poll of one feed, from fetch to the last story's events.
struct Engine::PollWork {
  std::string feed_id;
  uint64_t poll_id = 0;
  FeedState next_state;
  std::vector<feed::FeedEntry> entries;  // new or changed
  std::vector<std::optional<Article>> articles;
  int articles_pending = 0;
};

Engine::Engine(EngineDeps deps, CompiledConfig compiled)
    : deps_(deps), compiled_(std::move(compiled)), rng_(std::random_device{}()) {}

Engine::~Engine() { *alive_ = false; }

Status Engine::Start(bool poll_all_now) {
  poll_all_now_ = poll_all_now;
  const Timestamp now = Now();
  auto fingerprints = deps_.store.RecentFingerprints(now - kHistoryWindow);
  if (!fingerprints) return fingerprints.error();
  for (auto& f : *fingerprints) near_dups_.Add(std::move(f));
  Reload(compiled_);
  return Status::Ok();
}

void Engine::Reload(CompiledConfig compiled) {
  compiled_ = std::move(compiled);
  const Timestamp now = Now();
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
    auto stored = deps_.store.GetFeedState(feed.id);
    if (stored && stored->has_value()) {
      rt.state = **stored;
    } else {
      rt.state.feed_id = feed.id;
    }
    // A URL changed in the config wins over an adopted redirect.
    if (rt.state.url.empty() || rt.state.url == feed.url || rt.state.redirect_candidate.empty())
      rt.state.url = feed.url;
    rt.schedule = ScheduleFromState(rt.state);
    if (!rt.state.last_error.empty()) ++counters_.feeds_failing;
    rt.due = poll_all_now_ ? now : PlanFirstPoll(PollPolicy::FromFeed(feed), rt.schedule, now, rng_).next_poll;
    feeds_.emplace(feed.id, std::move(rt));
  }
  for (auto& [id, rt] : feeds_) {
    if (!configured.count(id)) rt.removed = true;
  }
  std::erase_if(feeds_, [](const auto& kv) { return kv.second.removed && !kv.second.polling; });
}

size_t Engine::polls_in_flight() const {
  size_t n = 0;
  for (const auto& [id, rt] : feeds_) n += rt.polling ? 1 : 0;
  return n;
}

bool Engine::Idle() const { return polls_in_flight() == 0 && ledger_.empty() && deps_.producer.InFlight() == 0; }

bool Engine::AllPolledOnce() const {
  for (const auto& [id, rt] : feeds_) {
    if (!rt.polled_once || rt.polling) return false;
  }
  return ledger_.empty();
}

std::vector<double> Engine::TakePollLags() { return std::exchange(counters_.poll_lag_seconds, {}); }

void Engine::Tick() {
  deps_.producer.Poll(std::chrono::milliseconds(0));
  Commit();
  if (stopping_) return;
  const Timestamp now = Now();
  for (auto& [id, rt] : feeds_) {
    if (rt.polling || rt.removed || rt.due > now) continue;
    if (poll_all_now_ && rt.polled_once) continue;
    if (deps_.producer.Saturated()) {
      // Backpressure: Kafka is not keeping up; polling more would only grow
      // the queue. Due feeds wait; nothing is dropped.
      ++counters_.polls_deferred_backpressure;
      break;
    }
    StartPoll(rt, now);
  }
}

void Engine::CountPoll(const std::string& result_name, const Result<FetchResponse>& result, double lag_seconds) {
  ++counters_.polls_by_result[result_name];
  if (!deps_.metrics) return;
  ops::NewsmonMetrics& m = *deps_.metrics;
  ops::PollResult r = ops::PollResult::kOk;
  if (result_name == "not_modified") r = ops::PollResult::kNotModified;
  if (result_name == "unchanged") r = ops::PollResult::kUnchanged;
  if (result_name == "http_error") r = ops::PollResult::kHttpError;
  if (result_name == "parse_error" || result_name == "state_error") r = ops::PollResult::kParseError;
  if (result_name == "network_error") {
    const FetchErrorKind kind = FetchErrorKindOf(result.error());
    r = kind == FetchErrorKind::kBlockedBySsrf ? ops::PollResult::kBlocked : ops::PollResult::kNetworkError;
    m.fetch_errors.WithLabels({std::string(FetchErrorKindName(kind))}).Inc();
  }
  m.Poll(r).Inc();
  m.poll_lag_seconds.Get().Observe(lag_seconds);
  if (result) m.fetched_bytes.Get().Inc(result->body.size());
}

void Engine::StartPoll(FeedRuntime& feed, Timestamp now) {
  feed.polling = true;
  const double lag = std::chrono::duration<double>(now - feed.due).count();
  counters_.poll_lag_seconds.push_back(lag);
  feed.last_lag_seconds = lag;
  const Timestamp planned = feed.due;
  FetchRequest request{feed.state.url.empty() ? feed.config.url : feed.state.url, feed.state.etag,
                       feed.state.last_modified, true};
  std::weak_ptr<bool> alive = alive_;
  const std::string id = feed.config.id;
  // Posted, so that a fetcher calling back inline cannot re-enter Tick.
  deps_.fetcher.Fetch(std::move(request), [this, alive, id, planned](Result<FetchResponse> r) {
    boost::asio::post(deps_.io, [this, alive, id, planned, r = std::move(r)]() mutable {
      if (alive.expired()) return;
      OnFeedFetched(id, std::move(r), planned);
    });
  });
}

void Engine::OnFeedFetched(const std::string& feed_id, Result<FetchResponse> result, Timestamp planned) {
  if (!poll_all_now_) return ProcessFetched(feed_id, std::move(result), planned);
  held_.emplace_back(feed_id, std::move(result), planned);
  size_t polling = 0;
  for (const auto& [id, rt] : feeds_) polling += rt.polling ? 1 : 0;
  if (held_.size() < polling) return;
  auto held = std::move(held_);
  held_.clear();
  for (const FeedConfig& feed : compiled_.config->feeds) {
    for (auto& [id, r, p] : held) {
      if (id == feed.id) ProcessFetched(id, std::move(r), p);
    }
  }
}

void Engine::ProcessFetched(const std::string& feed_id, Result<FetchResponse> result, Timestamp planned) {
  (void)planned;
  auto it = feeds_.find(feed_id);
  if (it == feeds_.end()) return;
  FeedRuntime& feed = it->second;
  const Timestamp now = Now();
  auto work = std::make_shared<PollWork>();
  work->feed_id = feed_id;
  work->next_state = feed.state;
  FeedState& next = work->next_state;
  next.last_poll = now;

  PollOutcome outcome;
  outcome.now = now;
  std::string result_name = ResultName(result);
  if (!result) {
    outcome.error = FetchErrorKindOf(result.error());
    next.last_error = result.error().message;
    next.last_http_status = 0;
  } else {
    const FetchResponse& r = *result;
    counters_.bytes_fetched += r.body.size();
    outcome.status = r.status;
    outcome.max_age = r.max_age;
    outcome.retry_after = r.retry_after;
    next.last_http_status = r.status;
    if (auto adopt = ObservePermanentRedirect(next, r.permanent_redirect)) {
      spdlog::warn("feed {}: permanent redirect seen repeatedly, now polling {}", feed_id, *adopt);
      next.url = *adopt;
    }
    if (r.status >= 400) {
      next.last_error = "HTTP " + std::to_string(r.status);
    } else if (r.not_modified()) {
      next.last_error.clear();
      next.last_success = now;
    } else if (!r.body_hash.empty() && r.body_hash == feed.state.body_hash) {
      result_name = "unchanged";
      next.last_error.clear();
      next.last_success = now;
      next.etag = r.etag;
      next.last_modified = r.last_modified;
    } else {
      auto parsed =
          feed::ParseFeed(r.body, {r.effective_url.empty() ? feed.config.url : r.effective_url, r.content_type});
      if (!parsed) {
        result_name = "parse_error";
        outcome.parse_failed = true;
        next.last_error = "parse: " + parsed.error().message;
      } else {
        next.last_error.clear();
        next.last_success = now;
        next.etag = r.etag;
        next.last_modified = r.last_modified;
        next.body_hash = r.body_hash;
        outcome.feed_ttl = parsed->ttl;
        for (auto& entry : parsed->entries) {
          if (entry.published) outcome.item_times.push_back(*entry.published);
          const std::string& key = entry.key.empty() ? entry.id : entry.key;
          auto seen = deps_.store.SeenHash(feed_id, key);
          if (!seen) {
            // Without the seen set we cannot tell new from old: treat the
            // poll as failed so validators do not advance past unread items.
            result_name = "state_error";
            next.last_error = seen.error().message;
            outcome.parse_failed = true;
            work->entries.clear();
            break;
          }
          if (seen->has_value() && **seen == entry.content_hash) continue;
          work->entries.push_back(std::move(entry));
        }
        outcome.new_items = static_cast<int>(work->entries.size());
      }
    }
  }
  CountPoll(result_name, result, feed.last_lag_seconds);
  if (!next.last_error.empty()) {
    spdlog::warn("feed {}: {}", feed_id, next.last_error);
  }
  if (next.last_error.empty() != feed.state.last_error.empty()) {
    counters_.feeds_failing += next.last_error.empty() ? -1 : 1;
  }
  const PollDecision decision = PlanNextPoll(PollPolicy::FromFeed(feed.config), feed.schedule, outcome, rng_);
  ApplyScheduleToState(feed.schedule, next);
  feed.due = decision.next_poll;
  work->poll_id = ledger_.OpenPoll(next);
  counters_.items_new += work->entries.size();
  if (deps_.metrics) deps_.metrics->items_new.Get().Inc(work->entries.size());
  ProcessEntries(std::move(work));
}

void Engine::ProcessEntries(std::shared_ptr<PollWork> work) {
  auto it = feeds_.find(work->feed_id);
  const FeedConfig& feed = it->second.config;
  work->articles.resize(work->entries.size());
  for (size_t i = 0; i < work->entries.size(); ++i) {
    const feed::FeedEntry& entry = work->entries[i];
    const bool want = feed.fetch_article == FetchArticle::kAlways ||
                      (feed.fetch_article == FetchArticle::kAuto && EntryLooksTruncated(entry));
    if (!want || entry.link.empty()) continue;
    ++work->articles_pending;
    std::weak_ptr<bool> alive = alive_;
    // Links inside feeds are untrusted: the SSRF guard applies.
    deps_.fetcher.Fetch({entry.link, "", "", false}, [this, alive, work, i](Result<FetchResponse> fetched) {
      boost::asio::post(deps_.io, [this, alive, work, i, page = std::move(fetched)]() mutable {
        if (alive.expired()) return;
        if (page && page->status == 200) {
          ++counters_.articles_fetched;
          counters_.bytes_fetched += page->body.size();
          if (deps_.metrics) {
            deps_.metrics->articles_fetched.Get().Inc();
            deps_.metrics->fetched_bytes.Get().Inc(page->body.size());
          }
          auto article = ExtractArticle(page->body, {page->effective_url, page->content_type});
          if (article) {
            ++counters_.articles_extracted;
            if (deps_.metrics) deps_.metrics->articles_extracted.Get().Inc();
            work->articles[i] = std::move(*article);
          } else if (deps_.metrics) {
            deps_.metrics->articles_failed.WithLabels({"extract"}).Inc();
          }
        } else {
          ++counters_.articles_failed;
          if (deps_.metrics) deps_.metrics->articles_failed.WithLabels({"fetch"}).Inc();
          spdlog::debug("feed {}: article {} not fetched: {}", work->feed_id, work->entries[i].link,
                        page ? "HTTP " + std::to_string(page->status) : page.error().message);
        }
        if (--work->articles_pending == 0) AnalyzeAndEmit(work);
      });
    });
  }
  if (work->articles_pending == 0) AnalyzeAndEmit(std::move(work));
}

Engine::LeaderHistory& Engine::HistoryOf(const std::string& leader_id) {
  auto it = quote_history_.find(leader_id);
  if (it != quote_history_.end()) return it->second;
  auto stored = deps_.store.QuotesOf(leader_id);
  if (!stored) spdlog::error("quote history of {} unavailable: {}", leader_id, stored.error().message);
  LeaderHistory& h = quote_history_[leader_id];
  if (stored) h.quotes = std::move(*stored);
  for (const auto& q : h.quotes) h.keys.push_back(NormalizeQuoteText(q.text));
  return h;
}

void Engine::AnalyzeAndEmit(std::shared_ptr<PollWork> work) {
  auto fit = feeds_.find(work->feed_id);
  const FeedConfig feed = fit->second.config;
  const Config& config = *compiled_.config;
  const Timestamp now = Now();
  for (size_t i = 0; i < work->entries.size(); ++i) {
    const feed::FeedEntry& entry = work->entries[i];
    feed::FeedEntry keyed = entry;
    if (!entry.key.empty()) keyed.id = entry.key;  // story identity follows the stable key
    Story story = MakeStory(feed.id, feed.language, keyed, work->articles[i] ? &*work->articles[i] : nullptr);
    story.item_id = entry.id.empty() ? keyed.id : entry.id;
    const StoryAnalysis analysis = AnalyzeStory(compiled_, story);
    counters_.quotes_found += analysis.quotes.size();
    if (deps_.metrics) deps_.metrics->quotes_found.Get().Inc(analysis.quotes.size());

    // Near-duplicates: a syndicated copy joins the first story's cluster,
    // and its quotes are not new.
    StoryLinks links;
    const uint64_t fp = SimHash(story.BodyText());
    if (auto near = near_dups_.FindNear(fp); near && near->story_id != story.id) {
      links.cluster_id = near->cluster_id;
      links.duplicate_of = near->story_id;
      ++counters_.stories_duplicate;
    } else {
      links.cluster_id = story.id;
    }
    UnitRecord record;
    record.seen = SeenItem{feed.id, keyed.id, entry.content_hash, now};
    if (fp != 0) {
      StoryFingerprint f{story.id, fp, links.cluster_id, now};
      near_dups_.Add(f);
      record.fingerprints.push_back(std::move(f));
    }

    std::vector<OutgoingEvent> events;
    std::vector<std::string> topic_ids;
    for (const auto& m : analysis.matches) {
      topic_ids.push_back(m.topic_id);
      ++counters_.matches_by_topic[m.topic_id];
      if (deps_.metrics) deps_.metrics->topic_matches.WithLabels({m.topic_id}).Inc();
    }
    if (analysis.matched()) {
      ++counters_.stories_matched;
      if (deps_.metrics) deps_.metrics->stories_matched.Get().Inc();
      events.push_back(BuildStoryMatched(story, analysis.matches, analysis.quotes, config.kafka, links));
      spdlog::info("feed {}: story matched [{}]: {}", feed.id, fmt::join(topic_ids, ","), story.title);
    }
    for (const Quote& q : analysis.quotes) {
      if (q.leader_id.empty()) continue;
      LeaderHistory& history = HistoryOf(q.leader_id);
      LeaderQuoteInput in{
          &story,    &q,   compiled_.leaders->NameOf(q.leader_id), JudgeNovelty(q.text, history.quotes, history.keys),
          topic_ids, links};
      if (!links.duplicate_of.empty() && in.novelty.is_new) {
        in.novelty.is_new = false;  // a reprint does not make a quote new
        in.novelty.similarity = 1.0;
      }
      const Timestamp first_seen = story.published.value_or(story.updated.value_or(now));
      if (in.novelty.is_new) {
        in.novelty.first_seen = first_seen;
        in.novelty.first_url = story.canonical_url;
        ++counters_.leader_quotes_new[q.leader_id];
        if (deps_.metrics) deps_.metrics->leader_quotes_new.WithLabels({q.leader_id}).Inc();
        spdlog::info("new quote from {}: \"{}\" ({})", q.leader_id, q.text, story.canonical_url);
      } else {
        ++counters_.leader_quotes_repeated;
      }
      PriorQuote prior{QuoteId(story, q), q.text, first_seen, story.canonical_url};
      history.quotes.push_back(prior);
      history.keys.push_back(NormalizeQuoteText(prior.text));
      record.quotes.push_back({q.leader_id, std::move(prior)});
      events.push_back(BuildLeaderQuote(in, config.kafka));
    }
    // The archive keeps every analysed story, matched or not, for backtests.
    if (!config.kafka.articles_topic.empty()) {
      events.push_back(BuildArchivedStory(story, topic_ids, config.kafka, links));
    }
    const uint64_t unit = ledger_.AddUnit(work->poll_id, std::move(record), static_cast<int>(events.size()));
    for (auto& e : events) {
      std::string type;
      for (const auto& [k, v] : e.headers) {
        if (k == "ce_type") type = v;
      }
      ++counters_.events_produced[type];
      if (deps_.metrics) deps_.metrics->events_produced.WithLabels({type}).Inc();
      deps_.producer.Send(std::move(e), [this, unit, type, alive = std::weak_ptr<bool>(alive_)] {
        if (alive.expired()) return;
        ++counters_.events_delivered[type];
        if (deps_.metrics) deps_.metrics->events_delivered.WithLabels({type}).Inc();
        ledger_.EventDelivered(unit);
      });
    }
  }
  FinishPoll(std::move(work));
}

void Engine::FinishPoll(std::shared_ptr<PollWork> work) {
  ledger_.ClosePoll(work->poll_id);
  Commit();
}

void Engine::Commit() {
  PreparedCommit prepared = ledger_.Prepare();
  if (prepared.empty()) return;
  Status st = deps_.store.Commit(prepared.batch);
  if (!st) {
    // Keep everything in the ledger and try again on the next tick; the
    // feeds involved stay "polling", so nothing is fetched twice meanwhile.
    if (counters_.last_commit_error != st.error().message) {
      spdlog::error("state commit failed, will retry: {}", st.error().message);
    }
    ++counters_.commit_failures;
    if (deps_.metrics) deps_.metrics->state_commit_failures.Get().Inc();
    counters_.last_commit_error = st.error().message;
    return;
  }
  if (!counters_.last_commit_error.empty()) spdlog::info("state commits work again");
  counters_.last_commit_error.clear();
  counters_.last_commit = Now();
  ++counters_.commits;
  counters_.items_committed += prepared.batch.seen.size();
  ledger_.Committed(prepared);
  for (const FeedState& state : prepared.batch.feed_states) {
    auto it = feeds_.find(state.feed_id);
    if (it == feeds_.end()) continue;
    it->second.state = state;
    it->second.polling = false;
    it->second.polled_once = true;
  }
  std::erase_if(feeds_, [](const auto& kv) { return kv.second.removed && !kv.second.polling; });
}

}  // namespace newsmon
