#include "app/pipeline.h"

#include <boost/asio/io_context.hpp>
#include <numeric>

#include "app/engine.h"
#include "fetch/http_client.h"

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

template <typename Map>
int Sum(const Map& m) {
  return static_cast<int>(
      std::accumulate(m.begin(), m.end(), uint64_t{0}, [](uint64_t acc, const auto& kv) { return acc + kv.second; }));
}

int Get(const std::map<std::string, uint64_t>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? 0 : static_cast<int>(it->second);
}

}  // namespace

Result<CycleReport> RunOnce(const CompiledConfig& compiled, StateStore& store, ReliableProducer& producer,
                            std::chrono::milliseconds deadline) {
  boost::asio::io_context io;
  HttpClient http(io, HttpClientOptions::FromConfig(compiled.config->http));
  Engine engine({io, http, store, producer}, compiled);
  if (auto s = engine.Start(/*poll_all_now=*/true); !s) return s.error();
  const auto end = std::chrono::steady_clock::now() + deadline;
  while (!engine.AllPolledOnce() && std::chrono::steady_clock::now() < end) {
    engine.Tick();
    io.run_for(std::chrono::milliseconds(5));
    producer.Poll(std::chrono::milliseconds(0));
    io.restart();
  }
  engine.Tick();
  const EngineCounters& c = engine.counters();
  CycleReport r;
  r.feeds_polled = Sum(c.polls_by_result);
  r.feeds_failed = Get(c.polls_by_result, "http_error") + Get(c.polls_by_result, "network_error") +
                   Get(c.polls_by_result, "parse_error") + Get(c.polls_by_result, "state_error");
  r.feeds_not_modified = Get(c.polls_by_result, "not_modified") + Get(c.polls_by_result, "unchanged");
  r.items_new = static_cast<int>(c.items_new);
  r.stories_matched = static_cast<int>(c.stories_matched);
  r.quotes_found = static_cast<int>(c.quotes_found);
  r.leader_quotes_new = Sum(c.leader_quotes_new);
  r.events_produced = Sum(c.events_produced);
  r.events_delivered = Sum(c.events_delivered);
  r.items_committed = static_cast<int>(c.items_committed);
  r.complete = engine.AllPolledOnce() && producer.InFlight() == 0;
  return r;
}

}  // namespace newsmon
