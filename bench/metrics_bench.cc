// newsmon's metric registry (daemon/ops/metrics.h) against prometheus-cpp's
// core (prometheus::Registry, Family, Counter, Histogram, TextSerializer) as
// Debian ships it, on what the daemon does with metrics: bump a counter it
// resolved once, resolve a labelled child by its label values, observe a
// histogram, and render a registry of the daemon's size (40 families, 296
// series) for a scrape. Each row runs once per library in the same process.
//
//   ninja -C build metrics_bench
//   build/bench/metrics_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
//
// The prometheus-cpp rows are compiled only when CMake found the library
// (prometheus-cpp-dev); without it only newsmon's rows run.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "ops/metrics.h"

#ifdef NEWSMON_HAVE_PROMETHEUS_CPP
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>
#endif

namespace newsmon::bench {
namespace {

// The daemon's duration buckets (newsmon_poll_duration_seconds).
std::vector<double> Buckets() { return {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300}; }

// Observations spread over every bucket, log-uniform from 1 ms to 500 s.
const std::vector<double>& Observations() {
  static const std::vector<double> values = [] {
    std::vector<double> v;
    for (int i = 0; i < 1024; ++i) v.push_back(0.001 * std::pow(500000.0, (i * 389 % 1024) / 1024.0));
    return v;
  }();
  return values;
}

std::vector<std::string> Ids(const std::string& prefix, int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back(prefix + std::to_string(i));
  return ids;
}

// One metric family of the rendered registry: its series as label values.
enum class Kind { kCounter, kGauge, kHistogram };
struct FamilySpec {
  std::string name;
  Kind kind;
  std::vector<std::string> label_names;
  std::vector<std::vector<std::string>> series;
};

// Shaped like NewsmonMetrics with a few dozen topics and leaders: 28 counter,
// 8 gauge and 4 histogram families, 296 series (the histograms' 22 series
// render as 374 samples).
const std::vector<FamilySpec>& DaemonShape() {
  static const std::vector<FamilySpec> shape = [] {
    std::vector<FamilySpec> families;
    const auto add = [&](Kind kind, const std::string& name, std::vector<std::string> labels,
                         std::vector<std::vector<std::string>> series) {
      families.push_back({name, kind, std::move(labels), std::move(series)});
    };
    const auto one_label = [](const std::vector<std::string>& values) {
      std::vector<std::vector<std::string>> series;
      for (const auto& v : values) series.push_back({v});
      return series;
    };
    for (int i = 0; i < 20; ++i) add(Kind::kCounter, "bench_plain_" + std::to_string(i) + "_total", {}, {{}});
    for (int i = 0; i < 4; ++i) {
      add(Kind::kCounter, "bench_result_" + std::to_string(i) + "_total", {"result"},
          one_label({"ok", "not_modified", "unchanged", "http_error", "network_error", "parse_error", "blocked"}));
    }
    add(Kind::kCounter, "bench_topic_matches_total", {"topic"}, one_label(Ids("topic-", 50)));
    add(Kind::kCounter, "bench_leader_quotes_total", {"leader"}, one_label(Ids("leader-", 50)));
    for (int i = 0; i < 2; ++i) {
      std::vector<std::vector<std::string>> series;
      for (const auto& type : {"org.newsmon.story.matched.v1", "org.newsmon.leader.quote.v1", "any"}) {
        for (const auto& cause : Ids("cause_", 10)) series.push_back({type, cause});
      }
      add(Kind::kCounter, "bench_failed_" + std::to_string(i) + "_total", {"type", "cause"}, std::move(series));
    }
    for (int i = 0; i < 6; ++i) add(Kind::kGauge, "bench_gauge_" + std::to_string(i), {}, {{}});
    for (int i = 0; i < 2; ++i) {
      add(Kind::kGauge, "bench_group_gauge_" + std::to_string(i), {"group"}, one_label(Ids("group-", 30)));
    }
    for (int i = 0; i < 2; ++i) add(Kind::kHistogram, "bench_seconds_" + std::to_string(i), {}, {{}});
    for (int i = 0; i < 2; ++i) {
      add(Kind::kHistogram, "bench_stage_seconds_" + std::to_string(i), {"stage"}, one_label(Ids("stage-", 10)));
    }
    return families;
  }();
  return shape;
}

// Sample lines of an exposition, to show both renderings carry the same data.
int64_t SampleLines(const std::string& text) {
  int64_t n = 0;
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = std::min(text.find('\n', at), text.size());
    if (end > at && text[at] != '#') ++n;
    at = end + 1;
  }
  return n;
}

// --- newsmon ---------------------------------------------------------------

void BM_CounterInc_Newsmon(benchmark::State& state) {
  static ops::MetricsRegistry registry;
  static ops::Counter& counter = registry.AddCounter("bench_polls_total", "Polls.", {"result"}).WithLabels({"ok"});
  for (auto _ : state) counter.Inc();
}
BENCHMARK(BM_CounterInc_Newsmon)->Threads(1)->Threads(2);

void BM_LabelLookup_Newsmon(benchmark::State& state) {
  ops::MetricsRegistry registry;
  ops::CounterFamily& family = registry.AddCounter("bench_topic_matches_total", "Matches.", {"topic"});
  const std::vector<std::string> topics = Ids("topic-", 50);
  for (const auto& topic : topics) family.WithLabels({topic});
  size_t i = 0;
  for (auto _ : state) {
    ops::Counter& child = family.WithLabels({topics[i++ % topics.size()]});
    benchmark::DoNotOptimize(&child);
  }
}
BENCHMARK(BM_LabelLookup_Newsmon);

void BM_HistogramObserve_Newsmon(benchmark::State& state) {
  static ops::MetricsRegistry registry;
  static ops::Histogram& histogram = registry.AddHistogram("bench_poll_seconds", "Polls.", Buckets()).Get();
  const std::vector<double>& values = Observations();
  size_t i = static_cast<size_t>(state.thread_index()) * 512;
  for (auto _ : state) histogram.Observe(values[i++ % values.size()]);
}
BENCHMARK(BM_HistogramObserve_Newsmon)->Threads(1)->Threads(2);

void BM_Render_Newsmon(benchmark::State& state) {
  ops::MetricsRegistry registry;
  int64_t series = 0;
  uint64_t n = 1;
  for (const FamilySpec& spec : DaemonShape()) {
    if (spec.kind == Kind::kCounter) {
      auto& family = registry.AddCounter(spec.name, "Help of " + spec.name + ".", spec.label_names);
      for (const auto& values : spec.series) family.WithLabels(values).Inc(n++ * 7919);
    } else if (spec.kind == Kind::kGauge) {
      auto& family = registry.AddGauge(spec.name, "Help of " + spec.name + ".", spec.label_names);
      for (const auto& values : spec.series) family.WithLabels(values).Set(1.7e9 + static_cast<double>(n++) * 0.25);
    } else {
      auto& family = registry.AddHistogram(spec.name, "Help of " + spec.name + ".", Buckets(), spec.label_names);
      for (const auto& values : spec.series) {
        ops::Histogram& histogram = family.WithLabels(values);
        for (size_t k = 0; k < 100; ++k) histogram.Observe(Observations()[(n + k) % Observations().size()]);
        ++n;
      }
    }
    series += static_cast<int64_t>(spec.series.size());
  }
  size_t bytes = 0;
  std::string text;
  for (auto _ : state) {
    text = registry.Render();
    bytes += text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["families"] = static_cast<double>(DaemonShape().size());
  state.counters["series"] = static_cast<double>(series);
  state.counters["samples"] = static_cast<double>(SampleLines(text));
}
BENCHMARK(BM_Render_Newsmon);

// --- prometheus-cpp --------------------------------------------------------

#ifdef NEWSMON_HAVE_PROMETHEUS_CPP

prometheus::Labels LabelsOf(const std::vector<std::string>& names, const std::vector<std::string>& values) {
  prometheus::Labels labels;
  for (size_t i = 0; i < names.size(); ++i) labels.emplace(names[i], values[i]);
  return labels;
}

void BM_CounterInc_PrometheusCpp(benchmark::State& state) {
  static prometheus::Registry registry;
  static prometheus::Counter& counter =
      prometheus::BuildCounter().Name("bench_polls_total").Help("Polls.").Register(registry).Add({{"result", "ok"}});
  for (auto _ : state) counter.Increment();
}
BENCHMARK(BM_CounterInc_PrometheusCpp)->Threads(1)->Threads(2);

void BM_LabelLookup_PrometheusCpp(benchmark::State& state) {
  prometheus::Registry registry;
  auto& family = prometheus::BuildCounter().Name("bench_topic_matches_total").Help("Matches.").Register(registry);
  const std::vector<std::string> topics = Ids("topic-", 50);
  for (const auto& topic : topics) family.Add({{"topic", topic}});
  size_t i = 0;
  for (auto _ : state) {
    prometheus::Counter& child = family.Add({{"topic", topics[i++ % topics.size()]}});
    benchmark::DoNotOptimize(&child);
  }
}
BENCHMARK(BM_LabelLookup_PrometheusCpp);

void BM_HistogramObserve_PrometheusCpp(benchmark::State& state) {
  static prometheus::Registry registry;
  static prometheus::Histogram& histogram =
      prometheus::BuildHistogram().Name("bench_poll_seconds").Help("Polls.").Register(registry).Add({}, Buckets());
  const std::vector<double>& values = Observations();
  size_t i = static_cast<size_t>(state.thread_index()) * 512;
  for (auto _ : state) histogram.Observe(values[i++ % values.size()]);
}
BENCHMARK(BM_HistogramObserve_PrometheusCpp)->Threads(1)->Threads(2);

// Collect() is part of every scrape (it snapshots the families), so it is timed too.
void BM_Render_PrometheusCpp(benchmark::State& state) {
  prometheus::Registry registry;
  int64_t series = 0;
  uint64_t n = 1;
  for (const FamilySpec& spec : DaemonShape()) {
    if (spec.kind == Kind::kCounter) {
      auto& family = prometheus::BuildCounter().Name(spec.name).Help("Help of " + spec.name + ".").Register(registry);
      for (const auto& values : spec.series) {
        family.Add(LabelsOf(spec.label_names, values)).Increment(static_cast<double>(n++ * 7919));
      }
    } else if (spec.kind == Kind::kGauge) {
      auto& family = prometheus::BuildGauge().Name(spec.name).Help("Help of " + spec.name + ".").Register(registry);
      for (const auto& values : spec.series) {
        family.Add(LabelsOf(spec.label_names, values)).Set(1.7e9 + static_cast<double>(n++) * 0.25);
      }
    } else {
      auto& family = prometheus::BuildHistogram().Name(spec.name).Help("Help of " + spec.name + ".").Register(registry);
      for (const auto& values : spec.series) {
        prometheus::Histogram& histogram = family.Add(LabelsOf(spec.label_names, values), Buckets());
        for (size_t k = 0; k < 100; ++k) histogram.Observe(Observations()[(n + k) % Observations().size()]);
        ++n;
      }
    }
    series += static_cast<int64_t>(spec.series.size());
  }
  const prometheus::TextSerializer serializer;
  size_t bytes = 0;
  std::string text;
  for (auto _ : state) {
    text = serializer.Serialize(registry.Collect());
    bytes += text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["families"] = static_cast<double>(DaemonShape().size());
  state.counters["series"] = static_cast<double>(series);
  state.counters["samples"] = static_cast<double>(SampleLines(text));
}
BENCHMARK(BM_Render_PrometheusCpp);

#endif  // NEWSMON_HAVE_PROMETHEUS_CPP

}  // namespace
}  // namespace newsmon::bench

BENCHMARK_MAIN();
