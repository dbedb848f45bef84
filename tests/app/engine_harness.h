// The engine with fake edges: a fetcher answering from memory, a sink
// acknowledging on Poll, a manual clock, CPU work inline; the state store is
// the real SQLite one on disk (optionally behind a store that fails on
// demand). Engine tests and the soak benchmark drive simulated days with it.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app/engine.h"
#include "state/state_store.h"
#include "util/clock.h"

namespace newsmon::testing {

// Answers each URL from a function of the request; unknown URLs fail.
class FakeFetcher final : public Fetcher {
 public:
  using Responder = std::function<Result<FetchResponse>(const FetchRequest&)>;
  void Serve(const std::string& url, Responder responder) { responders_[url] = std::move(responder); }
  void Fetch(FetchRequest request, Callback done) override {
    ++fetches_;
    auto it = responders_.find(request.url);
    if (it == responders_.end()) return done(MakeError(ErrorCode::kNotFound, "no such url " + request.url));
    done(it->second(request));
  }
  void Drain() override {}
  size_t fetches() const { return fetches_; }

 private:
  std::map<std::string, Responder> responders_;
  size_t fetches_ = 0;
};

// Keeps what it was sent; acknowledges everything on Poll.
class FakeSink final : public EventSink {
 public:
  void Send(OutgoingEvent event, std::function<void()> on_delivered,
            std::function<void(const std::string&)> on_refused) override {
    ++sent_;
    if (refuse_larger_than_ > 0 && event.payload.size() > refuse_larger_than_) {
      refused_.push_back([on_refused = std::move(on_refused)] { on_refused("Broker: Message size too large"); });
      return;
    }
    if (keep_events_) events_.push_back(std::move(event));
    pending_.push_back(std::move(on_delivered));
  }
  void Poll(std::chrono::milliseconds) override {
    for (auto& cb : std::exchange(refused_, {})) cb();
    while (!pending_.empty()) {
      auto cb = std::move(pending_.front());
      pending_.pop_front();
      cb();
    }
  }
  size_t InFlight() const override { return pending_.size(); }
  bool Saturated() const override { return false; }
  const std::vector<OutgoingEvent>& events() const { return events_; }
  size_t sent() const { return sent_; }
  void KeepEvents(bool keep) { keep_events_ = keep; }
  // Events with a larger payload are refused, as Kafka refuses a record over message.max.bytes.
  void RefuseLargerThan(size_t bytes) { refuse_larger_than_ = bytes; }
  size_t CountOfType(const std::string& ce_type) const {
    size_t n = 0;
    for (const auto& e : events_) {
      for (const auto& [k, v] : e.headers) n += (k == "ce_type" && v == ce_type) ? 1 : 0;
    }
    return n;
  }

 private:
  std::vector<OutgoingEvent> events_;
  std::deque<std::function<void()>> pending_;
  std::vector<std::function<void()>> refused_;
  size_t refuse_larger_than_ = 0;
  size_t sent_ = 0;
  bool keep_events_ = true;
};

// A store that delegates, and fails the reads a test names.
class FlakyStore final : public StateStore {
 public:
  explicit FlakyStore(StateStore& inner) : inner_(inner) {}
  bool fail_feed_state = false;
  bool fail_quotes = false;
  bool fail_seen = false;

  Result<std::optional<FeedState>> GetFeedState(const std::string& feed_id) override {
    if (fail_feed_state) return Failure();
    return inner_.GetFeedState(feed_id);
  }
  Result<std::vector<FeedState>> AllFeedStates() override { return inner_.AllFeedStates(); }
  Result<std::optional<std::string>> SeenHash(const std::string& feed_id, const std::string& item_id) override {
    if (fail_seen) return Failure();
    return inner_.SeenHash(feed_id, item_id);
  }
  Result<std::vector<PriorQuote>> QuotesOf(const std::string& leader_id) override {
    if (fail_quotes) return Failure();
    return inner_.QuotesOf(leader_id);
  }
  Result<std::vector<StoryFingerprint>> RecentFingerprints(Timestamp since) override {
    return inner_.RecentFingerprints(since);
  }
  Result<int> AttemptsOf(const std::string& feed_id, const std::string& item_id) override {
    return inner_.AttemptsOf(feed_id, item_id);
  }
  Status Commit(const CommitBatch& batch) override { return inner_.Commit(batch); }
  Result<ExpiryResult> ExpireBatch(const ExpiryHorizon& horizon, int rows) override {
    return inner_.ExpireBatch(horizon, rows);
  }
  Result<StoreStats> Stats() override { return inner_.Stats(); }
  Status Compact() override { return inner_.Compact(); }
  Result<bool> FileReplaced() override { return inner_.FileReplaced(); }
  Status CheckWritable() override { return inner_.CheckWritable(); }

 private:
  static Error Failure() { return MakeError(ErrorCode::kIo, "state store: disk I/O error (injected)"); }
  StateStore& inner_;
};

// RFC 822 date of a time, as RSS writes it.
inline std::string Rfc822(Timestamp t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02u %s %04d %02ld:%02ld:%02ld +0000", static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()));
  return buf;
}

// Eight words that differ from another number's: quotes that are not
// near-duplicates of each other.
inline std::string DistinctWords(int64_t n, int count = 8) {
  static const char* kWords[] = {
      "grain",    "rail",     "ports",   "steel",    "water",     "schools", "roads",      "power",   "copper",
      "wheat",    "bridges",  "trucks",  "airports", "cotton",    "uranium", "tariffs",    "clinics", "markets",
      "pipes",    "towns",    "farmers", "workers",  "engineers", "banks",   "courts",     "rivers",  "mines",
      "forests",  "lakes",    "cities",  "ships",    "trains",    "cables",  "satellites", "oil",     "gas",
      "hydrogen", "wind",     "solar",   "zinc",     "lithium",   "nickel",  "textiles",   "fruit",   "meat",
      "fish",     "software", "chips",   "pensions", "teachers"};
  std::string out;
  uint64_t x = static_cast<uint64_t>(n) * 2654435761u + 12345u;
  for (int i = 0; i < count; ++i) {
    out += (i ? " " : "") + std::string(kWords[x % 50]);
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    x ^= x >> 29;
  }
  return out;
}

// An RSS document with the given items: {guid, title, description}.
struct FakeItem {
  std::string guid;
  std::string title;
  std::string description;
  std::string pub_date = "Fri, 27 Nov 2026 09:30:00 +0000";
};
inline std::string Rss(const std::vector<FakeItem>& items) {
  std::string xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><link>https://x.test/</link>";
  for (const auto& i : items) {
    xml += "<item><title>" + i.title + "</title><link>https://x.test/" + i.guid +
           "</link><guid isPermaLink=\"false\">" + i.guid + "</guid><pubDate>" + i.pub_date +
           "</pubDate><description><![CDATA[" + i.description + "]]></description></item>";
  }
  return xml + "</channel></rss>";
}

inline FetchResponse Ok(std::string body) {
  FetchResponse r;
  r.status = 200;
  r.body = std::move(body);
  r.content_type = "application/rss+xml";
  r.body_hash = std::to_string(std::hash<std::string>{}(r.body));
  return r;
}

// One engine over the fakes. `Turn()` runs a loop turn to quiescence.
class EngineHarness {
 public:
  EngineHarness(const std::filesystem::path& dir, CompiledConfig compiled, Timestamp start, bool flaky = false)
      : clock(start), metrics("test") {
    auto opened = OpenSqliteStore(dir / "state.db");
    if (!opened) throw std::runtime_error(opened.error().message);
    sqlite = std::move(*opened);
    flaky_store = std::make_unique<FlakyStore>(*sqlite);
    StateStore& store = flaky ? static_cast<StateStore&>(*flaky_store) : *sqlite;
    EngineDeps deps{io, fetcher, store, sink, metrics, clock};
    deps.seed = 42;
    deps.worker_threads = 0;
    engine = std::make_unique<Engine>(deps, std::move(compiled));
  }

  void Turn() {
    for (int i = 0; i < 8; ++i) {
      engine->Tick();
      io.poll();
      io.restart();
    }
  }
  // Advances the clock in steps of `step`, turning the loop after each.
  void Run(std::chrono::seconds total, std::chrono::seconds step) {
    for (std::chrono::seconds t{0}; t < total; t += step) {
      clock.Advance(step);
      Turn();
    }
  }

  boost::asio::io_context io;
  ManualClock clock;
  ops::NewsmonMetrics metrics;
  FakeFetcher fetcher;
  FakeSink sink;
  std::unique_ptr<StateStore> sqlite;
  std::unique_ptr<FlakyStore> flaky_store;
  std::unique_ptr<Engine> engine;
};

}  // namespace newsmon::testing
