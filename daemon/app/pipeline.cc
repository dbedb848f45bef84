#include "app/pipeline.h"

#include <boost/asio/io_context.hpp>
#include <numeric>

#include "emit/event.h"
#include "util/clock.h"

#include "app/engine.h"
#include "fetch/http_client.h"

namespace newsmon {

Result<CompiledConfig> CompileConfig(std::shared_ptr<const Config> config) {
  // Collectors and analyzers meet only on the archive topic: without one a
  // collector's stories would go nowhere and an analyzer would wait forever.
  if (config->group.enabled() && config->group.role != GroupRole::kBoth && config->kafka.articles_topic.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("group.role ") +
                         (config->group.role == GroupRole::kCollector ? "collector" : "analyzer") +
                         " needs the archive topic between collectors and analyzers: set kafka.topics.articles "
                         "(e.g. newsmon.articles.v1)");
  }
  auto matcher = Matcher::Compile(config->topics);
  if (!matcher) return matcher.error();
  CompiledConfig c;
  c.config = std::move(config);
  c.matcher = std::move(*matcher);
  c.leaders = std::make_shared<const LeaderIndex>(c.config->leaders);
  return c;
}

CycleReport ReportFromMetrics(ops::NewsmonMetrics& metrics, const Config& config) {
  // The registry is the one tally; families are read through their children.
  auto value = [](ops::CounterFamily& f, const std::vector<std::string>& labels = {}) {
    return static_cast<int>(f.WithLabels(labels).Value());
  };
  CycleReport r;
  for (size_t i = 0; i < kPollResultCount; ++i) {
    const auto result = static_cast<PollResult>(i);
    const int n = static_cast<int>(metrics.Poll(result).Value());
    r.feeds_polled += n;
    if (PollFailed(result)) r.feeds_failed += n;
    if (result == PollResult::kNotModified || result == PollResult::kUnchanged) r.feeds_not_modified += n;
  }
  r.items_new = value(metrics.items_new);
  r.stories_matched = value(metrics.stories_matched);
  r.quotes_found = value(metrics.quotes_found);
  for (const LeaderConfig& leader : config.leaders)
    r.leader_quotes_new += value(metrics.leader_quotes_new, {leader.id});
  for (const char* type : {kStoryMatchedType, kLeaderQuoteType, kStoryArchivedType}) {
    r.events_produced += value(metrics.events_produced, {type});
    r.events_delivered += value(metrics.events_delivered, {type});
  }
  r.items_committed = value(metrics.items_committed);
  r.items_skipped = value(metrics.items_skipped);
  return r;
}

Result<CycleReport> RunOnce(const CompiledConfig& compiled, StateStore& store, EventSink& producer,
                            std::chrono::milliseconds deadline, ops::NewsmonMetrics* metrics_out) {
  boost::asio::io_context io;
  HttpClient http(io, HttpClientOptions::FromConfig(compiled.config->http));
  SystemClock clock;
  std::unique_ptr<ops::NewsmonMetrics> own;
  if (metrics_out == nullptr) own = std::make_unique<ops::NewsmonMetrics>("once");
  ops::NewsmonMetrics& metrics = metrics_out ? *metrics_out : *own;
  Engine engine({io, http, store, producer, metrics, clock}, compiled);
  if (auto s = engine.Start(/*poll_all_now=*/true); !s) return s.error();
  const auto end = std::chrono::steady_clock::now() + deadline;
  while (!engine.AllPolledOnce() && std::chrono::steady_clock::now() < end) {
    engine.Tick();
    io.run_for(std::chrono::milliseconds(5));
    producer.Poll(std::chrono::milliseconds(0));
    io.restart();
  }
  engine.Tick();
  CycleReport r = ReportFromMetrics(metrics, *compiled.config);
  r.complete = engine.AllPolledOnce() && producer.InFlight() == 0;
  return r;
}

}  // namespace newsmon
