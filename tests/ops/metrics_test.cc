#include "ops/metrics.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "prometheus_parser.h"

namespace newsmon::ops {
namespace {

using testing::Exposition;
using testing::ParseExposition;

TEST(MetricsTest, CountersAndGaugesRoundTripThroughTheTextFormat) {
  MetricsRegistry registry;
  auto& requests = registry.AddCounter("demo_requests_total", "Requests.", {"code", "method"});
  auto& temperature = registry.AddGauge("demo_temperature_celsius", "Temperature.");
  requests.WithLabels({"200", "GET"}).Inc();
  requests.WithLabels({"200", "GET"}).Inc(41);
  requests.WithLabels({"500", "POST"}).Inc();
  temperature.Get().Set(-3.5);

  const std::string text = registry.Render();
  const Exposition e = ParseExposition(text);
  ASSERT_TRUE(e.ok) << e.error << "\n" << text;
  EXPECT_EQ(e.types.at("demo_requests_total"), "counter");
  EXPECT_EQ(e.types.at("demo_temperature_celsius"), "gauge");
  EXPECT_EQ(e.helps.at("demo_requests_total"), "Requests.");
  EXPECT_EQ(e.Value("demo_requests_total", {{"code", "200"}, {"method", "GET"}}), 42);
  EXPECT_EQ(e.Value("demo_requests_total", {{"code", "500"}, {"method", "POST"}}), 1);
  EXPECT_EQ(e.Value("demo_temperature_celsius"), -3.5);
  // HELP and TYPE come before the samples of their family.
  EXPECT_LT(text.find("# TYPE demo_requests_total counter"), text.find("demo_requests_total{"));
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  MetricsRegistry registry;
  auto& family = registry.AddCounter("demo_total", "Help with \\ and\nnewline.", {"path"});
  const std::string nasty = "C:\\dir\n\"quoted\"";
  family.WithLabels({nasty}).Inc(7);
  const std::string text = registry.Render();
  EXPECT_NE(text.find(R"(path="C:\\dir\n\"quoted\"")"), std::string::npos) << text;
  EXPECT_NE(text.find("# HELP demo_total Help with \\\\ and\\nnewline."), std::string::npos) << text;
  const Exposition e = ParseExposition(text);
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_EQ(e.Value("demo_total", {{"path", nasty}}), 7);
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithInfEqualToCount) {
  MetricsRegistry registry;
  auto& latency = registry.AddHistogram("demo_latency_seconds", "Latency.", {0.1, 1, 10}, {"op"});
  Histogram& h = latency.WithLabels({"read"});
  for (double v : {0.05, 0.1, 0.5, 2.0, 20.0, 30.0}) h.Observe(v);
  h.Observe(std::nan(""));  // ignored

  const Exposition e = ParseExposition(registry.Render());
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_EQ(e.types.at("demo_latency_seconds"), "histogram");
  // 0.1 itself falls in le="0.1": buckets are "less than or equal".
  EXPECT_EQ(e.Value("demo_latency_seconds_bucket", {{"op", "read"}, {"le", "0.1"}}), 2);
  EXPECT_EQ(e.Value("demo_latency_seconds_bucket", {{"op", "read"}, {"le", "1"}}), 3);
  EXPECT_EQ(e.Value("demo_latency_seconds_bucket", {{"op", "read"}, {"le", "10"}}), 4);
  EXPECT_EQ(e.Value("demo_latency_seconds_bucket", {{"op", "read"}, {"le", "+Inf"}}), 6);
  EXPECT_EQ(e.Value("demo_latency_seconds_count", {{"op", "read"}}), 6);
  EXPECT_DOUBLE_EQ(e.Value("demo_latency_seconds_sum", {{"op", "read"}}), 52.65);
  double previous = 0;
  for (const auto& s : e.samples) {
    if (s.name != "demo_latency_seconds_bucket") continue;
    EXPECT_GE(s.value, previous) << s.labels.at("le");
    previous = s.value;
  }
}

TEST(MetricsTest, SampleValuesUseShortestExactForms) {
  EXPECT_EQ(FormatSampleValue(1), "1");
  EXPECT_EQ(FormatSampleValue(0.25), "0.25");
  EXPECT_EQ(FormatSampleValue(1.0 / 0.0), "+Inf");
  EXPECT_EQ(FormatSampleValue(-1.0 / 0.0), "-Inf");
  EXPECT_EQ(FormatSampleValue(std::nan("")), "NaN");
  EXPECT_EQ(FormatSampleValue(1.7e9), "1700000000");
}

TEST(MetricsTest, InvalidRegistrationsThrow) {
  MetricsRegistry registry;
  EXPECT_THROW(registry.AddCounter("no_suffix", "x"), std::invalid_argument);
  EXPECT_THROW(registry.AddGauge("bad-name", "x"), std::invalid_argument);
  EXPECT_THROW(registry.AddGauge("ok_name", "x", {"__reserved"}), std::invalid_argument);
  EXPECT_THROW(registry.AddHistogram("h_seconds", "x", {1}, {"le"}), std::invalid_argument);
  EXPECT_THROW(registry.AddHistogram("h2_seconds", "x", {2, 1}), std::invalid_argument);
  registry.AddGauge("dup", "x");
  EXPECT_THROW(registry.AddGauge("dup", "x"), std::invalid_argument);
}

TEST(MetricsTest, CardinalityIsBoundedPerFamily) {
  MetricsRegistry registry;
  auto& family = registry.AddCounter("demo_total", "x", {"id"}, /*max_series=*/3);
  for (int i = 0; i < 10; ++i) family.WithLabels({std::to_string(i)}).Inc();
  family.WithLabels({"a", "too many"}).Inc();  // wrong arity is dropped too
  const Exposition e = ParseExposition(registry.Render());
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_EQ(e.samples.size(), 3u);
  EXPECT_EQ(family.dropped_series(), 8u);
}

TEST(MetricsTest, AdvanceToMirrorsTotalsWithoutGoingBack) {
  MetricsRegistry registry;
  auto& family = registry.AddCounter("demo_total", "x", {"topic"});
  AdvanceTo(family, {{"a", 5}, {"b", 2}});
  AdvanceTo(family, {{"a", 7}, {"b", 1}});  // b's source went back (restart): keep 2
  EXPECT_EQ(family.WithLabels({"a"}).Value(), 7u);
  EXPECT_EQ(family.WithLabels({"b"}).Value(), 2u);
  family.WithLabels({"a"}).Inc();
  family.WithLabels({"a"}).AdvanceTo(3);
  EXPECT_EQ(family.WithLabels({"a"}).Value(), 8u);
}

TEST(MetricsTest, ConcurrentIncrementsAreNotLost) {
  MetricsRegistry registry;
  auto& family = registry.AddCounter("demo_total", "x", {"worker"});
  auto& hist = registry.AddHistogram("demo_seconds", "x", {0.5});
  constexpr int kThreads = 4, kPerThread = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      Counter& c = family.WithLabels({"shared"});
      for (int i = 0; i < kPerThread; ++i) {
        c.Inc();
        hist.Get().Observe(1);
      }
    });
  }
  // Rendering while writers run must be safe (TSan/ASan) and well-formed.
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(ParseExposition(registry.Render()).ok);
  for (auto& t : threads) t.join();
  const Exposition e = ParseExposition(registry.Render());
  EXPECT_EQ(e.Value("demo_total", {{"worker", "shared"}}), kThreads * kPerThread);
  EXPECT_EQ(e.Value("demo_seconds_count"), kThreads * kPerThread);
  EXPECT_EQ(e.Value("demo_seconds_sum"), kThreads * kPerThread);
}

TEST(NewsmonMetricsTest, ExportsTheDocumentedSetFromTheFirstScrape) {
  NewsmonMetrics metrics("1.2.3");
  const std::string text = metrics.registry.Render();
  const Exposition e = ParseExposition(text);
  ASSERT_TRUE(e.ok) << e.error << "\n" << text;

  EXPECT_EQ(e.Value("newsmon_build_info", {{"version", "1.2.3"}}), 1);
  for (const char* result : {"ok", "not_modified", "unchanged", "http_error", "network_error", "parse_error",
                             "truncated", "state_error", "blocked"}) {
    EXPECT_EQ(e.Value("newsmon_polls_total", {{"result", result}}), 0) << result;
  }
  const std::set<std::string> documented = {
      "newsmon_build_info",
      "newsmon_ready",
      "newsmon_polls_total",
      "newsmon_fetch_errors_total",
      "newsmon_fetched_bytes_total",
      "newsmon_poll_duration_seconds",
      "newsmon_poll_lag_seconds",
      "newsmon_items_new_total",
      "newsmon_feeds",
      "newsmon_feeds_failing",
      "newsmon_articles_fetched_total",
      "newsmon_articles_extracted_total",
      "newsmon_articles_failed_total",
      "newsmon_topic_matches_total",
      "newsmon_stories_matched_total",
      "newsmon_quotes_found_total",
      "newsmon_leader_quotes_new_total",
      "newsmon_topics",
      "newsmon_leaders",
      "newsmon_events_produced_total",
      "newsmon_events_delivered_total",
      "newsmon_events_failed_total",
      "newsmon_producer_queue_depth",
      "newsmon_cycle_duration_seconds",
      "newsmon_last_cycle_timestamp_seconds",
      "newsmon_config_reload_success_total",
      "newsmon_config_reload_failures_total",
      "newsmon_config_last_reload_success_timestamp_seconds",
      "newsmon_state_commit_failures_total",
      "newsmon_log_messages_suppressed_total",
      "newsmon_polls_deferred_total",
      "newsmon_stories_analysed_total",
      "newsmon_story_analysis_seconds",
      "newsmon_stories_over_budget_total",
      "newsmon_stories_text_cut_total",
      "newsmon_items_failed_total",
      "newsmon_items_skipped_total",
      "newsmon_worker_tasks",
      "newsmon_stories_duplicate_total",
      "newsmon_leader_quotes_repeated_total",
      "newsmon_state_commits_total",
      "newsmon_items_committed_total",
      "newsmon_state_file_replaced_total",
      "newsmon_state_rows",
      "newsmon_state_rows_expired_total",
      "newsmon_state_file_bytes",
      "newsmon_index_entries",
      "newsmon_index_bytes",
      "newsmon_index_entries_expired_total",
      "newsmon_maintenance_runs_total",
      "newsmon_maintenance_duration_seconds",
      "newsmon_heap_allocated_bytes",
      "newsmon_memory_released_bytes_total",
      "newsmon_group_partitions_owned",
      "newsmon_group_judge_candidates_total",
      "newsmon_group_snapshots_published_total",
      "newsmon_group_judge_transactions_total",
      "newsmon_group_event_transactions_total",
      "newsmon_group_analyzer_transactions_total",
      "newsmon_metrics_connections_evicted_total",
      "newsmon_metrics_header_timeouts_total",
      "process_resident_memory_bytes",
      "process_virtual_memory_bytes",
      "process_open_fds",
      "process_max_fds",
      "process_start_time_seconds",
  };
  std::set<std::string> exported;
  for (const auto& [name, type] : e.types) exported.insert(name);
  EXPECT_EQ(exported, documented);
  EXPECT_GT(e.Value("process_resident_memory_bytes"), 0);
  EXPECT_GT(e.Value("process_open_fds"), 0);
  EXPECT_GT(e.Value("process_start_time_seconds"), 1.6e9);
}

// docs/ops.md is the operators' reference: every exported metric is in its
// tables with the right type, and nothing documented is missing.
TEST(NewsmonMetricsTest, DocsListEveryMetricWithItsType) {
  std::ifstream in(std::string(NEWSMON_SOURCE_DIR) + "/docs/ops.md");
  ASSERT_TRUE(in.good());
  std::map<std::string, std::string> documented;
  const std::regex row(R"(^\| `([a-z_:]+)` \| (counter|gauge|histogram) \|)");
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, row)) documented[m[1]] = m[2];
  }
  NewsmonMetrics metrics("dev");
  const Exposition e = ParseExposition(metrics.registry.Render());
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_EQ(documented, e.types);
}

TEST(NewsmonMetricsTest, UpdatesShowInTheExposition) {
  NewsmonMetrics metrics("dev");
  metrics.Poll(PollResult::kNotModified).Inc(3);
  metrics.fetched_bytes.Get().Inc(1024);
  metrics.topic_matches.WithLabels({"elections"}).Inc();
  metrics.leader_quotes_new.WithLabels({"tokayev"}).Inc(2);
  metrics.events_failed.WithLabels({"LeaderQuote", "msg_timed_out"}).Inc();
  metrics.producer_queue_depth.Get().Set(17);
  metrics.poll_lag_seconds.Get().Observe(0.3);
  metrics.last_cycle_timestamp_seconds.Get().SetToCurrentTime();

  const Exposition e = ParseExposition(metrics.registry.Render());
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_EQ(e.Value("newsmon_polls_total", {{"result", "not_modified"}}), 3);
  EXPECT_EQ(e.Value("newsmon_polls_total", {{"result", "ok"}}), 0);
  EXPECT_EQ(e.Value("newsmon_fetched_bytes_total"), 1024);
  EXPECT_EQ(e.Value("newsmon_topic_matches_total", {{"topic", "elections"}}), 1);
  EXPECT_EQ(e.Value("newsmon_leader_quotes_new_total", {{"leader", "tokayev"}}), 2);
  EXPECT_EQ(e.Value("newsmon_events_failed_total", {{"type", "LeaderQuote"}, {"cause", "msg_timed_out"}}), 1);
  EXPECT_EQ(e.Value("newsmon_producer_queue_depth"), 17);
  EXPECT_EQ(e.Value("newsmon_poll_lag_seconds_bucket", {{"le", "0.5"}}), 1);
  EXPECT_EQ(e.Value("newsmon_poll_lag_seconds_bucket", {{"le", "0.1"}}), 0);
  EXPECT_GT(e.Value("newsmon_last_cycle_timestamp_seconds"), 1.6e9);
}

}  // namespace
}  // namespace newsmon::ops
