// Prometheus metrics: a thread-safe registry of counters, gauges and
// histograms with label sets, rendered in the text exposition format 0.0.4,
// plus NewsmonMetrics, which pre-registers every metric the daemon exports.
//
//   NewsmonMetrics metrics("0.1.0");
//   metrics.Poll(PollResult::kOk).Inc();                        // pre-resolved child
//   Counter& matches = metrics.topic_matches.WithLabels({"elections"});  // resolve once...
//   matches.Inc();                                              // ...then lock-free
//   metrics.poll_lag_seconds.Get().Observe(0.25);
//   metrics.registry.AddCollector([&] {                       // or mirror totals kept elsewhere,
//     AdvanceTo(metrics.topic_matches, engine.counters().matches_by_topic);  // at scrape time
//   });
//   std::string body = metrics.registry.Render();              // for GET /metrics
//
// Obtaining a labelled child takes a mutex (a map lookup); the child is stable
// for the registry's lifetime, so callers on hot paths keep the reference and
// every later Inc/Set/Observe is a relaxed atomic operation.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "util/poll_result.h"

namespace newsmon::ops {

// Monotonic count of events or bytes. Integer so that totals stay exact.
class Counter {
 public:
  void Inc(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  // Raises the counter to `total` when that is higher, for components that
  // keep their own cumulative totals and are mirrored at scrape time. Never
  // lowers it, so a counter stays monotonic even if a source restarts at 0.
  void AdvanceTo(uint64_t total) {
    uint64_t current = value_.load(std::memory_order_relaxed);
    while (current < total && !value_.compare_exchange_weak(current, total, std::memory_order_relaxed)) {
    }
  }
  uint64_t Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// A value that goes up and down (queue depth, timestamps, configured feeds).
class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Add(double v) { value_.fetch_add(v, std::memory_order_relaxed); }
  void Inc() { Add(1); }
  void Dec() { Add(-1); }
  // Seconds since the Unix epoch, the Prometheus convention for timestamps.
  void SetToCurrentTime();
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Distribution of observations in fixed buckets (upper bounds, ascending).
// Buckets are stored per bucket and made cumulative when rendered, so one
// Observe touches three atomics only.
class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);
  void Observe(double v);

  struct Snapshot {
    std::vector<double> upper_bounds;
    std::vector<uint64_t> cumulative_counts;  // one per bound, then +Inf
    double sum = 0;
    uint64_t count = 0;
  };
  Snapshot Take() const;

 private:
  std::vector<double> upper_bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // upper_bounds_.size() + 1 (+Inf)
  std::atomic<double> sum_{0};
  std::atomic<uint64_t> count_{0};
};

// Bucket helpers: {start, start*factor, ...} and {start, start+width, ...}.
std::vector<double> ExponentialBuckets(double start, double factor, int count);
std::vector<double> LinearBuckets(double start, double width, int count);

enum class MetricType { kCounter, kGauge, kHistogram };

// All series of one metric name, distinguished by label values.
class MetricFamilyBase {
 public:
  MetricFamilyBase(std::string name, std::string help, MetricType type, std::vector<std::string> label_names,
                   size_t max_series);
  virtual ~MetricFamilyBase() = default;
  MetricFamilyBase(const MetricFamilyBase&) = delete;
  MetricFamilyBase& operator=(const MetricFamilyBase&) = delete;

  const std::string& name() const { return name_; }
  MetricType type() const { return type_; }
  const std::vector<std::string>& label_names() const { return label_names_; }
  // Label sets refused because the family reached max_series.
  uint64_t dropped_series() const { return dropped_.load(std::memory_order_relaxed); }

  // Appends HELP, TYPE and every series to `out`.
  void Render(std::string& out) const;

 protected:
  // Finds or creates the child for `values`; nullptr when the family is full.
  void* FindOrCreate(const std::vector<std::string>& values);
  virtual std::shared_ptr<void> NewChild() const = 0;
  virtual void RenderChild(std::string& out, const std::string& labels, const void* child) const = 0;
  // A child that is counted into but never exported, returned when full or when
  // the caller passed the wrong number of labels (a bug, but not worth a crash).
  virtual void* Overflow() = 0;

 private:
  std::string name_;
  std::string help_;
  MetricType type_;
  std::vector<std::string> label_names_;
  size_t max_series_;
  mutable std::mutex mutex_;
  std::map<std::vector<std::string>, std::shared_ptr<void>> children_;  // sorted: stable output
  std::atomic<uint64_t> dropped_{0};
};

template <typename Child>
class MetricFamily final : public MetricFamilyBase {
 public:
  using MetricFamilyBase::MetricFamilyBase;

  // Label values in the order of label_names(). Cheap enough for cold paths;
  // on hot paths keep the returned reference.
  Child& WithLabels(const std::vector<std::string>& values) {
    void* child = FindOrCreate(values);
    return child ? *static_cast<Child*>(child) : overflow_;
  }
  // The single series of a family without labels.
  Child& Get() { return WithLabels({}); }

 protected:
  std::shared_ptr<void> NewChild() const override;
  void RenderChild(std::string& out, const std::string& labels, const void* child) const override;
  void* Overflow() override { return &overflow_; }

 private:
  Child overflow_;
};

template <>
class MetricFamily<Histogram> final : public MetricFamilyBase {
 public:
  MetricFamily(std::string name, std::string help, std::vector<std::string> label_names, size_t max_series,
               std::vector<double> upper_bounds);
  Histogram& WithLabels(const std::vector<std::string>& values) {
    void* child = FindOrCreate(values);
    return child ? *static_cast<Histogram*>(child) : overflow_;
  }
  Histogram& Get() { return WithLabels({}); }

 protected:
  std::shared_ptr<void> NewChild() const override;
  void RenderChild(std::string& out, const std::string& labels, const void* child) const override;
  void* Overflow() override { return &overflow_; }

 private:
  std::vector<double> upper_bounds_;
  Histogram overflow_;
};

template <>
void MetricFamily<Counter>::RenderChild(std::string& out, const std::string& labels, const void* child) const;
template <>
void MetricFamily<Gauge>::RenderChild(std::string& out, const std::string& labels, const void* child) const;
extern template class MetricFamily<Counter>;
extern template class MetricFamily<Gauge>;

using CounterFamily = MetricFamily<Counter>;
using GaugeFamily = MetricFamily<Gauge>;
using HistogramFamily = MetricFamily<Histogram>;

// Mirrors per-label totals (e.g. EngineCounters::matches_by_topic) into a
// family with exactly one label: AdvanceTo for each entry.
void AdvanceTo(CounterFamily& family, const std::map<std::string, uint64_t>& totals);

// Owns families and renders them. Registration happens at start-up; an
// invalid or duplicate name is a programming error and throws
// std::invalid_argument (never at run time in a correctly built daemon).
class MetricsRegistry {
 public:
  static constexpr size_t kDefaultMaxSeries = 10000;

  CounterFamily& AddCounter(std::string name, std::string help, std::vector<std::string> label_names = {},
                            size_t max_series = kDefaultMaxSeries);
  GaugeFamily& AddGauge(std::string name, std::string help, std::vector<std::string> label_names = {},
                        size_t max_series = kDefaultMaxSeries);
  HistogramFamily& AddHistogram(std::string name, std::string help, std::vector<double> upper_bounds,
                                std::vector<std::string> label_names = {}, size_t max_series = kDefaultMaxSeries);

  // Runs before every Render, to refresh values that are sampled rather than
  // counted (process memory, open files). Called on the rendering thread.
  void AddCollector(std::function<void()> collect);

  // The text exposition format 0.0.4, families in registration order.
  std::string Render() const;

 private:
  void Register(std::unique_ptr<MetricFamilyBase> family);

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<MetricFamilyBase>> families_;
  std::vector<std::function<void()>> collectors_;
};

// Content-Type of Render()'s output.
inline constexpr std::string_view kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

// Label-value escaping of the text format: backslash, double quote, newline.
std::string EscapeLabelValue(std::string_view value);
// Sample values: integers without a fraction, "+Inf", "-Inf", "NaN".
std::string FormatSampleValue(double value);

// Outcome of one feed poll (util/poll_result.h) is the `result` label of newsmon_polls_total.
using newsmon::PollResult;
using newsmon::PollResultName;

// Every metric the daemon exports. Documented one by one in docs/ops.md;
// keep the two in sync.
struct NewsmonMetrics {
  explicit NewsmonMetrics(std::string_view version);
  NewsmonMetrics(const NewsmonMetrics&) = delete;
  NewsmonMetrics& operator=(const NewsmonMetrics&) = delete;

  Counter& Poll(PollResult result) { return *polls_by_result_[static_cast<size_t>(result)]; }

  // Declared first: the references below point into it.
  MetricsRegistry registry;

  GaugeFamily& build_info;  // {version} = 1
  GaugeFamily& ready;

  // fetch + feed
  CounterFamily& polls;         // {result}
  CounterFamily& fetch_errors;  // {kind}: FetchErrorKindName
  CounterFamily& fetched_bytes;
  HistogramFamily& poll_duration_seconds;
  HistogramFamily& poll_lag_seconds;
  CounterFamily& items_new;
  GaugeFamily& feeds;
  GaugeFamily& group_partitions_owned;
  CounterFamily& group_snapshots_published;
  CounterFamily& group_judge_candidates;       // {verdict="new|repeated|already_judged|malformed"}
  CounterFamily& group_judge_transactions;     // {result="committed|aborted"}
  CounterFamily& group_event_transactions;     // {result="committed|aborted"}
  CounterFamily& group_analyzer_transactions;  // {result="committed|aborted"}
  GaugeFamily& feeds_failing;

  // article
  CounterFamily& articles_fetched;
  CounterFamily& articles_extracted;
  CounterFamily& articles_failed;  // {stage="fetch|extract"}

  // analysis (worker pool, budgets, poison pills)
  CounterFamily& stories_analysed;
  HistogramFamily& story_analysis_seconds;
  CounterFamily& stories_over_budget;  // {reason}: too_many_quotes, too_slow, error
  CounterFamily& stories_text_cut;
  CounterFamily& items_failed;   // analysis failed or over budget; retried
  CounterFamily& items_skipped;  // failed max_attempts times; committed as skipped
  GaugeFamily& worker_tasks;     // queued or running on the worker pool
  CounterFamily& stories_duplicate;

  // match + quote
  CounterFamily& topic_matches;  // {topic}
  CounterFamily& stories_matched;
  CounterFamily& quotes_found;
  CounterFamily& leader_quotes_new;       // {leader}
  CounterFamily& leader_quotes_repeated;  // {leader}
  GaugeFamily& topics;
  GaugeFamily& leaders;

  // emit
  CounterFamily& events_produced;   // {type}
  CounterFamily& events_delivered;  // {type}
  CounterFamily& events_failed;     // {type,cause}
  GaugeFamily& producer_queue_depth;

  // daemon loop, config and state
  HistogramFamily& cycle_duration_seconds;
  GaugeFamily& last_cycle_timestamp_seconds;
  CounterFamily& config_reload_success;
  CounterFamily& config_reload_failures;
  GaugeFamily& config_last_reload_success_timestamp_seconds;
  CounterFamily& state_commits;
  CounterFamily& items_committed;
  CounterFamily& state_commit_failures;
  CounterFamily& polls_deferred;  // due polls held back because Kafka is not keeping up
  CounterFamily& log_messages_suppressed;

  // retention and the state store's health
  GaugeFamily& state_rows;               // {table}
  CounterFamily& state_rows_expired;     // {table}
  GaugeFamily& state_file_bytes;         // {file="db|wal|free"}
  GaugeFamily& index_entries;            // {index="near_duplicates|quote_history"}
  GaugeFamily& index_bytes;              // {index}
  CounterFamily& index_entries_expired;  // {index}
  CounterFamily& maintenance_runs;
  HistogramFamily& maintenance_duration_seconds;
  GaugeFamily& heap_allocated_bytes;     // sampled after each maintenance run
  CounterFamily& memory_released_bytes;  // free allocator pages handed back to the OS
  CounterFamily& state_file_replaced;

  // the metrics endpoint itself: MetricsServerOptions' counters
  CounterFamily& metrics_connections_evicted;
  CounterFamily& metrics_header_timeouts;

  // process_* (standard names, sampled from /proc/self at scrape time)
  GaugeFamily& process_resident_memory_bytes;
  GaugeFamily& process_virtual_memory_bytes;
  GaugeFamily& process_open_fds;
  GaugeFamily& process_max_fds;
  GaugeFamily& process_start_time_seconds;

 private:
  std::array<Counter*, kPollResultCount> polls_by_result_{};
};

}  // namespace newsmon::ops
