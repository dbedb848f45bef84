#include "ops/metrics.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace newsmon::ops {
namespace {

bool IsMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool IsLabelName(std::string_view name) {
  // Names starting with "__" are reserved for Prometheus itself.
  return IsMetricName(name) && name.find(':') == std::string_view::npos && !name.starts_with("__");
}

std::string EscapeHelp(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string_view TypeName(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

void AppendSample(std::string& out, std::string_view name, std::string_view suffix, const std::string& labels,
                  std::string_view value) {
  out += name;
  out += suffix;
  if (!labels.empty()) {
    out += '{';
    out += labels;
    out += '}';
  }
  out += ' ';
  out += value;
  out += '\n';
}

double UnixNow() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

// Process start as Unix time: /proc/self/stat field 22 (ticks after boot)
// plus the boot time from /proc/stat. 0 when /proc is unavailable.
double ProcessStartTime() {
  std::ifstream stat_file("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
  // The command name (field 2) may contain spaces and parentheses: skip past the last ')'.
  const size_t close = stat.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  unsigned long long start_ticks = 0;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
    if (i == 22) start_ticks = std::strtoull(field.c_str(), nullptr, 10);
  }
  std::ifstream proc_stat("/proc/stat");
  std::string line;
  while (std::getline(proc_stat, line)) {
    if (line.starts_with("btime ")) {
      const double boot = std::strtod(line.c_str() + 6, nullptr);
      const long ticks_per_second = sysconf(_SC_CLK_TCK);
      return ticks_per_second > 0 ? boot + static_cast<double>(start_ticks) / ticks_per_second : 0;
    }
  }
  return 0;
}

}  // namespace

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string FormatSampleValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // Whole numbers (counts, byte sizes, second timestamps) read better without
  // the exponent that the shortest form would pick for 1700000000.
  if (std::fabs(value) < 9007199254740992.0 && value == std::trunc(value)) {
    return std::to_string(static_cast<int64_t>(value));
  }
  char buffer[64];
  // Shortest representation that reads back to the same double.
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) return "NaN";
  return std::string(buffer, end);
}

void Gauge::SetToCurrentTime() { Set(UnixNow()); }

Histogram::Histogram(std::vector<double> upper_bounds) : upper_bounds_(std::move(upper_bounds)) {
  if (!std::is_sorted(upper_bounds_.begin(), upper_bounds_.end()) ||
      std::adjacent_find(upper_bounds_.begin(), upper_bounds_.end()) != upper_bounds_.end()) {
    throw std::invalid_argument("histogram bucket bounds must be strictly ascending");
  }
  // +Inf is always present; an explicit one would duplicate it.
  if (!upper_bounds_.empty() && std::isinf(upper_bounds_.back())) upper_bounds_.pop_back();
  buckets_ = std::make_unique<std::atomic<uint64_t>[]>(upper_bounds_.size() + 1);
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) buckets_[i].store(0, std::memory_order_relaxed);
}

void Histogram::Observe(double v) {
  // NaN has no bucket and would poison _sum forever.
  if (std::isnan(v)) return;
  // First bound >= v: Prometheus buckets are "less than or equal".
  const size_t index = std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), v) - upper_bounds_.begin();
  buckets_[index].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Take() const {
  Snapshot s;
  s.upper_bounds = upper_bounds_;
  uint64_t running = 0;
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative_counts.push_back(running);
  }
  // Concurrent observers may have bumped count_ after we read the buckets;
  // taking the bucket total keeps +Inf == _count as scrapers expect.
  s.count = running;
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

std::vector<double> ExponentialBuckets(double start, double factor, int count) {
  std::vector<double> bounds;
  for (int i = 0; i < count; ++i, start *= factor) bounds.push_back(start);
  return bounds;
}

std::vector<double> LinearBuckets(double start, double width, int count) {
  std::vector<double> bounds;
  for (int i = 0; i < count; ++i) bounds.push_back(start + width * i);
  return bounds;
}

MetricFamilyBase::MetricFamilyBase(std::string name, std::string help, MetricType type,
                                   std::vector<std::string> label_names, size_t max_series)
    : name_(std::move(name)),
      help_(std::move(help)),
      type_(type),
      label_names_(std::move(label_names)),
      max_series_(max_series) {
  if (!IsMetricName(name_)) throw std::invalid_argument("invalid metric name '" + name_ + "'");
  if (type_ == MetricType::kCounter && !name_.ends_with("_total")) {
    throw std::invalid_argument("counter '" + name_ + "' must end in _total");
  }
  for (const auto& label : label_names_) {
    if (!IsLabelName(label) || (type_ == MetricType::kHistogram && label == "le")) {
      throw std::invalid_argument("invalid label name '" + label + "' on " + name_);
    }
  }
}

void* MetricFamilyBase::FindOrCreate(const std::vector<std::string>& values) {
  if (values.size() != label_names_.size()) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  std::lock_guard lock(mutex_);
  auto it = children_.find(values);
  if (it != children_.end()) return it->second.get();
  if (children_.size() >= max_series_) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  return children_.emplace(values, NewChild()).first->second.get();
}

void MetricFamilyBase::Render(std::string& out) const {
  out += "# HELP ";
  out += name_;
  out += ' ';
  out += EscapeHelp(help_);
  out += "\n# TYPE ";
  out += name_;
  out += ' ';
  out += TypeName(type_);
  out += '\n';
  std::lock_guard lock(mutex_);
  for (const auto& [values, child] : children_) {
    std::string labels;
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) labels += ',';
      labels += label_names_[i];
      labels += "=\"";
      labels += EscapeLabelValue(values[i]);
      labels += '"';
    }
    RenderChild(out, labels, child.get());
  }
}

template <typename Child>
std::shared_ptr<void> MetricFamily<Child>::NewChild() const {
  return std::make_shared<Child>();
}

template <>
void MetricFamily<Counter>::RenderChild(std::string& out, const std::string& labels, const void* child) const {
  AppendSample(out, name(), "", labels, std::to_string(static_cast<const Counter*>(child)->Value()));
}

template <>
void MetricFamily<Gauge>::RenderChild(std::string& out, const std::string& labels, const void* child) const {
  AppendSample(out, name(), "", labels, FormatSampleValue(static_cast<const Gauge*>(child)->Value()));
}

template class MetricFamily<Counter>;
template class MetricFamily<Gauge>;

MetricFamily<Histogram>::MetricFamily(std::string name, std::string help, std::vector<std::string> label_names,
                                      size_t max_series, std::vector<double> upper_bounds)
    : MetricFamilyBase(std::move(name), std::move(help), MetricType::kHistogram, std::move(label_names), max_series),
      upper_bounds_(std::move(upper_bounds)),
      overflow_(upper_bounds_) {}

std::shared_ptr<void> MetricFamily<Histogram>::NewChild() const { return std::make_shared<Histogram>(upper_bounds_); }

void MetricFamily<Histogram>::RenderChild(std::string& out, const std::string& labels, const void* child) const {
  const Histogram::Snapshot s = static_cast<const Histogram*>(child)->Take();
  const std::string prefix = labels.empty() ? "" : labels + ",";
  for (size_t i = 0; i < s.cumulative_counts.size(); ++i) {
    const std::string le = i < s.upper_bounds.size() ? FormatSampleValue(s.upper_bounds[i]) : "+Inf";
    AppendSample(out, name(), "_bucket", prefix + "le=\"" + le + "\"", std::to_string(s.cumulative_counts[i]));
  }
  AppendSample(out, name(), "_sum", labels, FormatSampleValue(s.sum));
  AppendSample(out, name(), "_count", labels, std::to_string(s.count));
}

void AdvanceTo(CounterFamily& family, const std::map<std::string, uint64_t>& totals) {
  for (const auto& [label, total] : totals) family.WithLabels({label}).AdvanceTo(total);
}

CounterFamily& MetricsRegistry::AddCounter(std::string name, std::string help, std::vector<std::string> label_names,
                                           size_t max_series) {
  auto family = std::make_unique<CounterFamily>(std::move(name), std::move(help), MetricType::kCounter,
                                                std::move(label_names), max_series);
  CounterFamily& ref = *family;
  Register(std::move(family));
  return ref;
}

GaugeFamily& MetricsRegistry::AddGauge(std::string name, std::string help, std::vector<std::string> label_names,
                                       size_t max_series) {
  auto family = std::make_unique<GaugeFamily>(std::move(name), std::move(help), MetricType::kGauge,
                                              std::move(label_names), max_series);
  GaugeFamily& ref = *family;
  Register(std::move(family));
  return ref;
}

HistogramFamily& MetricsRegistry::AddHistogram(std::string name, std::string help, std::vector<double> upper_bounds,
                                               std::vector<std::string> label_names, size_t max_series) {
  auto family = std::make_unique<HistogramFamily>(std::move(name), std::move(help), std::move(label_names), max_series,
                                                  std::move(upper_bounds));
  HistogramFamily& ref = *family;
  Register(std::move(family));
  return ref;
}

void MetricsRegistry::Register(std::unique_ptr<MetricFamilyBase> family) {
  std::lock_guard lock(mutex_);
  for (const auto& existing : families_) {
    if (existing->name() == family->name()) throw std::invalid_argument("duplicate metric " + family->name());
  }
  families_.push_back(std::move(family));
}

void MetricsRegistry::AddCollector(std::function<void()> collect) {
  std::lock_guard lock(mutex_);
  collectors_.push_back(std::move(collect));
}

std::string MetricsRegistry::Render() const {
  std::vector<std::function<void()>> collectors;
  {
    std::lock_guard lock(mutex_);
    collectors = collectors_;
  }
  // Outside the registry lock: collectors set gauges, which may resolve children.
  for (const auto& collect : collectors) collect();
  std::string out;
  out.reserve(16384);
  std::lock_guard lock(mutex_);
  for (const auto& family : families_) family->Render(out);
  return out;
}

namespace {

// Fetch and cycle durations: 10 ms to ~5 min.
std::vector<double> DurationBuckets() { return {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300}; }

// Poll lag: how late a poll starts after its due time; a healthy daemon
// stays under a second, an overloaded one slips to minutes.
std::vector<double> LagBuckets() { return {0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800}; }

}  // namespace

NewsmonMetrics::NewsmonMetrics(std::string_view version)
    : build_info(
          registry.AddGauge("newsmon_build_info", "Always 1; the version label says which build runs.", {"version"})),
      ready(registry.AddGauge("newsmon_ready", "1 when /readyz answers 200 (config loaded, Kafka reachable).")),
      polls(registry.AddCounter("newsmon_polls_total", "Feed polls by outcome.", {"result"})),
      fetch_errors(registry.AddCounter("newsmon_fetch_errors_total",
                                       "Failed feed and article fetches by transport error kind.", {"kind"})),
      fetched_bytes(registry.AddCounter("newsmon_fetched_bytes_total",
                                        "Response body bytes received for feeds and articles, after decompression.")),
      poll_duration_seconds(registry.AddHistogram("newsmon_poll_duration_seconds",
                                                  "Time from a feed request's start to its parsed result.",
                                                  DurationBuckets())),
      poll_lag_seconds(registry.AddHistogram("newsmon_poll_lag_seconds",
                                             "How late a feed poll started after the time it was due.", LagBuckets())),
      items_new(registry.AddCounter("newsmon_items_new_total", "Feed items not seen before.")),
      feeds(registry.AddGauge("newsmon_feeds", "Feeds in the running configuration.")),
      group_partitions_owned(registry.AddGauge(
          "newsmon_group_partitions_owned",
          "Group mode: partitions of the coordination topic this instance is assigned, hence polls the feeds of.")),
      group_snapshots_published(registry.AddCounter(
          "newsmon_group_snapshots_published_total",
          "Group mode: feed-state snapshots published to the changelog (polls that changed only the schedule "
          "publish none).")),
      group_judge_candidates(registry.AddCounter(
          "newsmon_group_judge_candidates_total",
          "Group mode: leader quote candidates this instance judged, by verdict (new, repeated, already_judged: "
          "sent again after a move or a crash, malformed).",
          {"verdict"})),
      group_judge_transactions(registry.AddCounter(
          "newsmon_group_judge_transactions_total",
          "Group mode: the leader judge's Kafka transactions, by result (committed, aborted).", {"result"})),
      group_event_transactions(registry.AddCounter(
          "newsmon_group_event_transactions_total",
          "Group mode: Kafka transactions of polled feeds' events with their feed-state snapshots, by result "
          "(committed, aborted: its records are sent again).",
          {"result"})),
      group_analyzer_transactions(registry.AddCounter(
          "newsmon_group_analyzer_transactions_total",
          "Group mode, analyzer role: Kafka transactions of a batch's events with its consumed archive offsets, by "
          "result (committed, aborted: the batch is analysed again).",
          {"result"})),
      feeds_failing(registry.AddGauge("newsmon_feeds_failing", "Feeds whose most recent poll did not succeed.")),
      articles_fetched(registry.AddCounter("newsmon_articles_fetched_total", "Article pages fetched successfully.")),
      articles_extracted(
          registry.AddCounter("newsmon_articles_extracted_total", "Article pages whose main text was extracted.")),
      articles_failed(registry.AddCounter("newsmon_articles_failed_total",
                                          "Articles that could not be used, by stage (fetch or extract).", {"stage"})),
      stories_analysed(registry.AddCounter("newsmon_stories_analysed_total",
                                           "Stories analysed (matched, quotes found) on the worker pool.")),
      story_analysis_seconds(registry.AddHistogram(
          "newsmon_story_analysis_seconds", "Time one story's analysis took on a worker.",
          {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10})),
      stories_over_budget(registry.AddCounter("newsmon_stories_over_budget_total",
                                              "Story analyses that exceeded their budget or failed, by reason.",
                                              {"reason"})),
      stories_text_cut(registry.AddCounter("newsmon_stories_text_cut_total",
                                           "Stories longer than analysis.max_story_bytes, analysed on their start.")),
      items_failed(registry.AddCounter("newsmon_items_failed_total",
                                       "Items whose analysis failed or went over budget; retried on a later poll.")),
      items_skipped(registry.AddCounter("newsmon_items_skipped_total",
                                        "Items that failed analysis.max_attempts times, committed as skipped.")),
      worker_tasks(registry.AddGauge("newsmon_worker_tasks", "Tasks queued or running on the worker pool.")),
      stories_duplicate(registry.AddCounter("newsmon_stories_duplicate_total",
                                            "New stories that are near-duplicates of an earlier one.")),
      topic_matches(
          registry.AddCounter("newsmon_topic_matches_total", "Stories matching a topic, per topic.", {"topic"})),
      stories_matched(registry.AddCounter("newsmon_stories_matched_total", "New stories matching at least one topic.")),
      quotes_found(registry.AddCounter("newsmon_quotes_found_total", "Quotations found in searched stories.")),
      leader_quotes_new(registry.AddCounter("newsmon_leader_quotes_new_total",
                                            "Quotations attributed to a tracked leader and not seen before.",
                                            {"leader"})),
      leader_quotes_repeated(registry.AddCounter("newsmon_leader_quotes_repeated_total",
                                                 "Quotations attributed to a tracked leader that repeat earlier ones.",
                                                 {"leader"})),
      topics(registry.AddGauge("newsmon_topics", "Topics in the running configuration.")),
      leaders(registry.AddGauge("newsmon_leaders", "Tracked leaders in the running configuration.")),
      events_produced(
          registry.AddCounter("newsmon_events_produced_total", "Events handed to the Kafka producer.", {"type"})),
      events_delivered(registry.AddCounter("newsmon_events_delivered_total",
                                           "Events acknowledged by the Kafka cluster (acks=all).", {"type"})),
      events_failed(registry.AddCounter("newsmon_events_failed_total",
                                        "Events that could not be produced or delivered, by cause.",
                                        {"type", "cause"})),
      producer_queue_depth(
          registry.AddGauge("newsmon_producer_queue_depth", "Messages waiting in the producer for delivery reports.")),
      cycle_duration_seconds(registry.AddHistogram("newsmon_cycle_duration_seconds",
                                                   "Wall time of one poll cycle, due feeds to committed state.",
                                                   DurationBuckets())),
      last_cycle_timestamp_seconds(registry.AddGauge("newsmon_last_cycle_timestamp_seconds",
                                                     "Unix time at which the last poll cycle finished.")),
      config_reload_success(
          registry.AddCounter("newsmon_config_reload_success_total", "Configuration reloads applied (SIGHUP).")),
      config_reload_failures(registry.AddCounter("newsmon_config_reload_failures_total",
                                                 "Configuration reloads rejected; the running config was kept.")),
      config_last_reload_success_timestamp_seconds(
          registry.AddGauge("newsmon_config_last_reload_success_timestamp_seconds",
                            "Unix time at which the running configuration was loaded.")),
      state_commits(registry.AddCounter("newsmon_state_commits_total", "State store transactions committed.")),
      items_committed(registry.AddCounter("newsmon_items_committed_total",
                                          "Feed items committed as seen, after all their events were delivered.")),
      state_commit_failures(registry.AddCounter("newsmon_state_commit_failures_total",
                                                "State store transactions that failed to commit.")),
      polls_deferred(registry.AddCounter("newsmon_polls_deferred_total",
                                         "Due polls held back because the producer queue was full.")),
      log_messages_suppressed(registry.AddCounter("newsmon_log_messages_suppressed_total",
                                                  "Repeated log messages dropped by the rate limiter.")),
      state_rows(registry.AddGauge("newsmon_state_rows", "Rows held in the state store, by table.", {"table"})),
      state_rows_expired(registry.AddCounter("newsmon_state_rows_expired_total",
                                             "Rows removed from the state store by retention, by table.", {"table"})),
      state_file_bytes(registry.AddGauge("newsmon_state_file_bytes",
                                         "Size of the state store: the database, its write-ahead log, free pages.",
                                         {"file"})),
      index_entries(registry.AddGauge("newsmon_index_entries", "Entries in the in-memory indexes.", {"index"})),
      index_bytes(registry.AddGauge("newsmon_index_bytes", "Approximate memory of the in-memory indexes.", {"index"})),
      index_entries_expired(registry.AddCounter("newsmon_index_entries_expired_total",
                                                "Entries removed from the in-memory indexes by retention.", {"index"})),
      maintenance_runs(registry.AddCounter("newsmon_maintenance_runs_total", "Retention and compaction runs.")),
      maintenance_duration_seconds(registry.AddHistogram("newsmon_maintenance_duration_seconds",
                                                         "Wall time of one maintenance run.", DurationBuckets())),
      heap_allocated_bytes(registry.AddGauge(
          "newsmon_heap_allocated_bytes", "Bytes the daemon has allocated, as opposed to what the allocator keeps.")),
      memory_released_bytes(registry.AddCounter("newsmon_memory_released_bytes_total",
                                                "Free allocator pages handed back to the operating system.")),
      state_file_replaced(registry.AddCounter("newsmon_state_file_replaced_total",
                                              "Times the state file was found deleted or replaced under the daemon.")),
      metrics_connections_evicted(registry.AddCounter(
          "newsmon_metrics_connections_evicted_total",
          "Connections to the metrics endpoint closed to make room for a new one (the one idle longest).")),
      metrics_header_timeouts(registry.AddCounter(
          "newsmon_metrics_header_timeouts_total",
          "Connections to the metrics endpoint closed because a request begun was not complete in time.")),
      process_resident_memory_bytes(
          registry.AddGauge("process_resident_memory_bytes", "Resident memory size in bytes.")),
      process_virtual_memory_bytes(registry.AddGauge("process_virtual_memory_bytes", "Virtual memory size in bytes.")),
      process_open_fds(registry.AddGauge("process_open_fds", "Number of open file descriptors.")),
      process_max_fds(registry.AddGauge("process_max_fds", "Maximum number of open file descriptors.")),
      process_start_time_seconds(registry.AddGauge("process_start_time_seconds",
                                                   "Start time of the process since the Unix epoch in seconds.")) {
  build_info.WithLabels({std::string(version)}).Set(1);
  // Pre-create every fixed-label series so dashboards and rate() see zeros
  // from the first scrape instead of missing series.
  for (size_t i = 0; i < kPollResultCount; ++i) {
    polls_by_result_[i] = &polls.WithLabels({std::string(PollResultName(static_cast<PollResult>(i)))});
  }
  for (const char* stage : {"fetch", "extract"}) articles_failed.WithLabels({stage});
  for (auto* unlabelled : {&fetched_bytes,
                           &items_new,
                           &articles_fetched,
                           &articles_extracted,
                           &stories_matched,
                           &quotes_found,
                           &config_reload_success,
                           &config_reload_failures,
                           &state_commit_failures,
                           &log_messages_suppressed,
                           &stories_analysed,
                           &stories_text_cut,
                           &items_failed,
                           &items_skipped,
                           &stories_duplicate,
                           &state_commits,
                           &items_committed,
                           &polls_deferred,
                           &maintenance_runs,
                           &memory_released_bytes,
                           &state_file_replaced,
                           &metrics_connections_evicted,
                           &metrics_header_timeouts,
                           &group_snapshots_published}) {
    unlabelled->Get();
  }
  for (auto* unlabelled : {&ready, &feeds, &feeds_failing, &group_partitions_owned, &topics, &leaders,
                           &producer_queue_depth, &last_cycle_timestamp_seconds,
                           &config_last_reload_success_timestamp_seconds, &worker_tasks, &heap_allocated_bytes}) {
    unlabelled->Get();
  }
  for (const char* reason : {"too_many_quotes", "too_slow", "error"}) stories_over_budget.WithLabels({reason});
  for (const char* table : {"feeds", "seen_items", "fingerprints", "quotes", "item_attempts"}) {
    state_rows.WithLabels({table});
    state_rows_expired.WithLabels({table});
  }
  for (const char* file : {"db", "wal", "free"}) state_file_bytes.WithLabels({file});
  for (const char* index : {"near_duplicates", "quote_history"}) {
    index_entries.WithLabels({index});
    index_bytes.WithLabels({index});
    index_entries_expired.WithLabels({index});
  }
  poll_duration_seconds.Get();
  poll_lag_seconds.Get();
  cycle_duration_seconds.Get();
  story_analysis_seconds.Get();
  maintenance_duration_seconds.Get();
  process_start_time_seconds.Get().Set(ProcessStartTime());

  Gauge& resident = process_resident_memory_bytes.Get();
  Gauge& virtual_size = process_virtual_memory_bytes.Get();
  Gauge& open_fds = process_open_fds.Get();
  Gauge& max_fds = process_max_fds.Get();
  registry.AddCollector([&resident, &virtual_size, &open_fds, &max_fds] {
    std::ifstream statm("/proc/self/statm");
    double pages_total = 0, pages_resident = 0;
    if (statm >> pages_total >> pages_resident) {
      const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
      virtual_size.Set(pages_total * page);
      resident.Set(pages_resident * page);
    }
    if (DIR* dir = opendir("/proc/self/fd")) {
      int count = 0;
      while (const dirent* entry = readdir(dir)) {
        if (entry->d_name[0] != '.') ++count;
      }
      closedir(dir);
      open_fds.Set(count - 1);  // minus the descriptor of the listing itself
    }
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) max_fds.Set(static_cast<double>(limit.rlim_cur));
  });
}

}  // namespace newsmon::ops
