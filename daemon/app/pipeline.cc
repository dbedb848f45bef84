#include "app/pipeline.h"

#include <spdlog/spdlog.h>

#include <map>
#include <set>

#include "article/extractor.h"
#include "article/story.h"
#include "emit/event.h"
#include "feed/feed_parser.h"
#include "util/hash.h"

namespace newsmon {

Result<CompiledConfig> CompileConfig(std::shared_ptr<const Config> config) {
  auto matcher = Matcher::Compile(config->topics);
  if (!matcher) return matcher.error();
  CompiledConfig c;
  c.config = std::move(config);
  c.matcher = std::move(*matcher);
  c.leaders = std::make_shared<const LeaderIndex>(c.config->leaders);
  return c;
}

namespace {

// Everything derived from one feed item; committed when all its events are acknowledged.
struct ItemWork {
  SeenItem seen;
  std::vector<QuoteRecord> quotes;
  int events_outstanding = 0;
  bool failed = false;
};

struct FeedWork {
  FeedState next_state;
  std::vector<std::shared_ptr<ItemWork>> items;
  bool commit_state = false;
};

std::vector<TopicResult> MatchedOnly(std::vector<TopicResult> all) {
  std::erase_if(all, [](const TopicResult& r) { return !r.matched; });
  return all;
}

}  // namespace

Pipeline::Pipeline(Fetcher& fetcher, StateStore& store, KafkaProducer& producer)
    : fetcher_(fetcher), store_(store), producer_(producer) {}

CycleReport Pipeline::RunCycle(const CompiledConfig& compiled, const std::vector<std::string>& feed_ids) {
  const Config& config = *compiled.config;
  CycleReport report;
  std::vector<FeedWork> feeds;
  // Quotes of this cycle that are not committed yet still count as history,
  // so a quote repeated by two stories in one cycle is new only once.
  std::map<std::string, std::vector<PriorQuote>> cycle_quotes;
  const Timestamp now = Now();
  struct DeliveryCounts {
    int delivered = 0;
    int failed = 0;
  };
  auto delivery = std::make_shared<DeliveryCounts>();

  for (const FeedConfig& feed : config.feeds) {
    if (!feed_ids.empty() && std::find(feed_ids.begin(), feed_ids.end(), feed.id) == feed_ids.end()) continue;
    FeedWork work;
    auto prior = store_.GetFeedState(feed.id);
    if (!prior) {
      spdlog::error("feed {}: cannot read state: {}", feed.id, prior.error().message);
      ++report.feeds_failed;
      continue;
    }
    work.next_state = prior->value_or(FeedState{});
    work.next_state.feed_id = feed.id;
    work.next_state.url = feed.url;
    FetchRequest request{feed.url, work.next_state.etag, work.next_state.last_modified, true};
    Result<FetchResponse> response = MakeError(ErrorCode::kInternal, "not fetched");
    fetcher_.Fetch(request, [&](Result<FetchResponse> r) { response = std::move(r); });
    fetcher_.Drain();
    ++report.feeds_polled;
    work.next_state.last_poll = now;
    work.next_state.next_poll = now + feed.interval;
    work.commit_state = true;
    if (!response) {
      ++report.feeds_failed;
      ++work.next_state.error_streak;
      work.next_state.last_error = response.error().message;
      spdlog::warn("feed {}: fetch failed: {}", feed.id, response.error().message);
      feeds.push_back(std::move(work));
      continue;
    }
    work.next_state.last_http_status = response->status;
    if (response->not_modified()) {
      ++report.feeds_not_modified;
      work.next_state.error_streak = 0;
      work.next_state.last_error.clear();
      feeds.push_back(std::move(work));
      continue;
    }
    if (response->status >= 400) {
      ++report.feeds_failed;
      ++work.next_state.error_streak;
      work.next_state.last_error = "HTTP " + std::to_string(response->status);
      spdlog::warn("feed {}: HTTP {}", feed.id, response->status);
      feeds.push_back(std::move(work));
      continue;
    }
    auto parsed = feed::ParseFeed(response->body, {response->effective_url, response->content_type});
    if (!parsed) {
      ++report.feeds_failed;
      ++work.next_state.error_streak;
      work.next_state.last_error = "parse: " + parsed.error().message;
      spdlog::warn("feed {}: cannot parse: {}", feed.id, parsed.error().message);
      feeds.push_back(std::move(work));
      continue;
    }
    work.next_state.error_streak = 0;
    work.next_state.last_error.clear();
    work.next_state.etag = response->etag;
    work.next_state.last_modified = response->last_modified;
    work.next_state.body_hash = StableId({response->body});

    for (const feed::FeedEntry& entry : parsed->entries) {
      auto seen = store_.SeenHash(feed.id, entry.id);
      if (!seen) {
        spdlog::error("feed {}: cannot read seen items: {}", feed.id, seen.error().message);
        work.commit_state = false;  // re-poll everything next time rather than skip
        continue;
      }
      if (seen->has_value() && **seen == entry.content_hash) continue;
      ++report.items_new;

      std::optional<Article> article;
      const bool want_article = feed.fetch_article == FetchArticle::kAlways ||
                                (feed.fetch_article == FetchArticle::kAuto && EntryLooksTruncated(entry));
      if (want_article && !entry.link.empty()) {
        Result<FetchResponse> page = MakeError(ErrorCode::kInternal, "not fetched");
        fetcher_.Fetch({entry.link, "", "", false}, [&](Result<FetchResponse> r) { page = std::move(r); });
        fetcher_.Drain();
        if (page && page->status == 200) {
          auto extracted = ExtractArticle(page->body, {page->effective_url, page->content_type});
          if (extracted) article = std::move(*extracted);
        } else {
          spdlog::debug("feed {}: article {} not fetched: {}", feed.id, entry.link,
                        page ? "HTTP " + std::to_string(page->status) : page.error().message);
        }
      }
      Story story = MakeStory(feed.id, feed.language, entry, article ? &*article : nullptr);
      const std::string body = story.BodyText();
      std::vector<TopicResult> matches = MatchedOnly(compiled.matcher->Match({story.title, body}));
      const bool matched = !matches.empty();
      std::vector<Quote> quotes;
      if (matched || config.quote_scope == QuoteScope::kAllStories) {
        quotes = FindQuotes(body, *compiled.leaders, {story.language});
      }
      report.quotes_found += static_cast<int>(quotes.size());

      auto item = std::make_shared<ItemWork>();
      item->seen = SeenItem{feed.id, entry.id, entry.content_hash, now};
      std::vector<OutgoingEvent> events;
      if (matched) {
        ++report.stories_matched;
        events.push_back(BuildStoryMatched(story, matches, quotes, config.kafka));
        spdlog::info("feed {}: story matched {}: {}", feed.id, matches.front().topic_id, story.title);
      }
      std::vector<std::string> topic_ids;
      for (const auto& m : matches) topic_ids.push_back(m.topic_id);
      for (const Quote& q : quotes) {
        if (q.leader_id.empty()) continue;
        auto history = store_.QuotesOf(q.leader_id);
        if (!history) {
          spdlog::error("quote history unavailable: {}", history.error().message);
          item->failed = true;
          break;
        }
        auto& pending = cycle_quotes[q.leader_id];
        history->insert(history->end(), pending.begin(), pending.end());
        LeaderQuoteInput in{&story, &q, compiled.leaders->NameOf(q.leader_id), JudgeNovelty(q.text, *history),
                            topic_ids};
        const Timestamp first_seen = story.published.value_or(now);
        if (in.novelty.is_new) {
          in.novelty.first_seen = first_seen;
          in.novelty.first_url = story.canonical_url;
          ++report.leader_quotes_new;
          spdlog::info("new quote from {}: \"{}\"", q.leader_id, q.text);
        }
        PriorQuote record{QuoteId(story, q), q.text, first_seen, story.canonical_url};
        pending.push_back(record);
        item->quotes.push_back(QuoteRecord{q.leader_id, record});
        events.push_back(BuildLeaderQuote(in, config.kafka));
      }
      if (item->failed) {
        work.commit_state = false;
        continue;
      }
      for (const auto& e : events) {
        ++item->events_outstanding;
        // Delivery reports may arrive after this cycle returns (a flush that
        // timed out), so the callback owns what it touches.
        auto on_delivery = [item, delivery](Status s) {
          --item->events_outstanding;
          if (s) {
            ++delivery->delivered;
          } else {
            ++delivery->failed;
            item->failed = true;
            spdlog::error("event not delivered: {}", s.error().message);
          }
        };
        Status st = producer_.Produce(e, on_delivery);
        while (!st && st.error().code == ErrorCode::kUnavailable) {
          // Local queue full: serve delivery reports until there is room. Never drop.
          producer_.Poll(std::chrono::milliseconds(100));
          st = producer_.Produce(e, on_delivery);
        }
        if (!st) {
          --item->events_outstanding;
          item->failed = true;
          ++report.events_failed;
          spdlog::error("event not produced: {}", st.error().message);
        } else {
          ++report.events_produced;
        }
      }
      work.items.push_back(std::move(item));
    }
    feeds.push_back(std::move(work));
  }

  if (auto s = producer_.Flush(config.kafka.flush_timeout); !s) spdlog::error("{}", s.error().message);
  report.events_delivered = delivery->delivered;
  report.events_failed += delivery->failed;

  // The commit point: only items whose every event was acknowledged; a feed's
  // validators only when all of its items made it (else the next poll must
  // see the same body again).
  CommitBatch batch;
  for (FeedWork& work : feeds) {
    bool all_ok = work.commit_state;
    for (const auto& item : work.items) {
      if (item->failed || item->events_outstanding > 0) {
        all_ok = false;
        continue;
      }
      batch.seen.push_back(item->seen);
      batch.quotes.insert(batch.quotes.end(), item->quotes.begin(), item->quotes.end());
      ++report.items_committed;
    }
    if (all_ok) batch.feed_states.push_back(work.next_state);
  }
  if (auto s = store_.Commit(batch); !s) {
    spdlog::error("commit failed, items will be processed again: {}", s.error().message);
    report.items_committed = 0;
  }
  return report;
}

}  // namespace newsmon
