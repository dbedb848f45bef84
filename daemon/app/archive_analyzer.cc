#include "app/archive_analyzer.h"

#include <librdkafka/rdkafka.h>
#include <spdlog/spdlog.h>

#include <map>
#include <vector>

#include "app/story_analysis.h"
#include "group/kafka_conf.h"
#include "newsmon/v1/events.pb.h"
#include "util/time.h"

namespace newsmon {

namespace {

constexpr int kBatch = 100;
// How long the cluster keeps a dead analyzer's open transaction (its
// partitions' read_committed readers wait meanwhile).
constexpr auto kTransactionTimeout = std::chrono::seconds(10);
constexpr auto kCallTimeout = std::chrono::seconds(15);

std::optional<Timestamp> TimeOf(const v1::Story& s, bool published) {
  const bool has = published ? s.has_published() : s.has_updated();
  if (!has) return std::nullopt;
  return Timestamp(std::chrono::seconds(published ? s.published().seconds() : s.updated().seconds()));
}

}  // namespace

Story StoryFromArchived(const v1::ArchivedStory& record) {
  const v1::Story& s = record.story();
  Story story;
  story.id = s.story_id();
  story.feed_id = s.feed_id();
  story.item_id = s.item_id();
  story.url = s.url();
  story.canonical_url = s.canonical_url();
  story.title = s.title();
  story.authors.assign(s.authors().begin(), s.authors().end());
  story.published = TimeOf(s, true);
  story.updated = TimeOf(s, false);
  story.language = s.language();
  story.content_hash = s.content_hash();
  story.article_fetched = s.article_fetched();
  // The body is the paragraphs joined by a blank line (Story::BodyText).
  const std::string& body = record.body();
  for (size_t start = 0; start <= body.size() && !body.empty();) {
    size_t end = body.find("\n\n", start);
    if (end == std::string::npos) end = body.size();
    story.paragraphs.push_back(body.substr(start, end - start));
    start = end + 2;
  }
  return story;
}

Result<std::unique_ptr<ArchiveAnalyzer>> ArchiveAnalyzer::Start(const Options& options, CompiledConfig compiled,
                                                                ops::NewsmonMetrics& metrics) {
  const Config& config = *compiled.config;
  std::unique_ptr<ArchiveAnalyzer> a(new ArchiveAnalyzer(compiled, metrics));
  auto producer = KafkaProducer::CreateTransactional(config.kafka, options.bootstrap_servers,
                                                     "newsmon-analyzer." + config.group.id + "." + options.client_id,
                                                     kTransactionTimeout);
  if (!producer) return producer.error();
  a->producer_ = std::move(*producer);
  auto made = group::MakeKafkaConf(
      {{"bootstrap.servers", options.bootstrap_servers},
       {"group.id", config.group.id + ".analyzers"},
       {"client.id", options.client_id},
       {"partition.assignment.strategy", "cooperative-sticky"},
       {"session.timeout.ms", std::to_string(config.group.session_timeout.count())},
       {"heartbeat.interval.ms", std::to_string(std::max<int64_t>(100, config.group.session_timeout.count() / 5))},
       {"enable.auto.commit", "false"},
       {"auto.offset.reset", "earliest"},  // a partition never committed is analysed from its start
       {"log_level", "3"}});
  if (!made) return made.error();
  rd_kafka_conf_t* conf = *made;
  char err[512];
  a->consumer_ = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!a->consumer_) {
    rd_kafka_conf_destroy(conf);
    return MakeError(ErrorCode::kInvalidArgument, std::string("archive analyzer consumer: ") + err);
  }
  rd_kafka_poll_set_consumer(a->consumer_);
  rd_kafka_topic_partition_list_t* subscription = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(subscription, config.kafka.articles_topic.c_str(), RD_KAFKA_PARTITION_UA);
  const rd_kafka_resp_err_t serr = rd_kafka_subscribe(a->consumer_, subscription);
  rd_kafka_topic_partition_list_destroy(subscription);
  if (serr) return MakeError(ErrorCode::kUnavailable, std::string("archive analyzer: ") + rd_kafka_err2str(serr));
  spdlog::info("analyzer: consuming {} as {}.analyzers", config.kafka.articles_topic, config.group.id);
  a->thread_ = std::thread([self = a.get()] { self->Loop(); });
  return a;
}

ArchiveAnalyzer::~ArchiveAnalyzer() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (consumer_) {
    group::LeaveGroupAndClose(consumer_);
    rd_kafka_destroy(consumer_);
  }
}

void ArchiveAnalyzer::SetConfig(CompiledConfig compiled) {
  std::lock_guard lock(mu_);
  compiled_ = std::move(compiled);
}

CompiledConfig ArchiveAnalyzer::Compiled() const {
  std::lock_guard lock(mu_);
  return compiled_;
}

void ArchiveAnalyzer::Stop() { stop_ = true; }

std::string ArchiveAnalyzer::failure() const {
  std::lock_guard lock(mu_);
  return failure_;
}

void ArchiveAnalyzer::Loop() {
  while (!stop_) {
    if (!AnalyzeBatch()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

// Back to the committed offsets after a batch whose events were not all
// acknowledged: it is analysed again, its events re-sent under their ids.
void ArchiveAnalyzer::Rewind() {
  rd_kafka_topic_partition_list_t* assigned = nullptr;
  if (rd_kafka_assignment(consumer_, &assigned) != RD_KAFKA_RESP_ERR_NO_ERROR || !assigned) return;
  rd_kafka_committed(consumer_, assigned, 10000);
  for (int i = 0; i < assigned->cnt; ++i) {
    if (assigned->elems[i].offset < 0) assigned->elems[i].offset = RD_KAFKA_OFFSET_BEGINNING;
  }
  if (rd_kafka_error_t* e = rd_kafka_seek_partitions(consumer_, assigned, 10000)) rd_kafka_error_destroy(e);
  rd_kafka_topic_partition_list_destroy(assigned);
}

bool ArchiveAnalyzer::AnalyzeBatch() {
  const auto batch = group::PollBatch(consumer_, kBatch, std::chrono::milliseconds(100));
  std::map<std::pair<std::string, int>, int64_t> next_offset;
  for (const auto& m : batch) {
    if (!m->err) next_offset[{rd_kafka_topic_name(m->rkt), m->partition}] = m->offset + 1;
  }
  if (next_offset.empty()) return false;
  const CompiledConfig compiled = Compiled();
  const Config& config = *compiled.config;
  const AnalysisBudget budget = AnalysisBudget::FromConfig(config.analysis);
  // The batch's events and its consumed offsets commit in one transaction:
  // a crash or a move either keeps both or neither, so no story's events
  // are published twice by analyzers.
  if (TxnOutcome begun = producer_->BeginTransaction(); !begun.ok())
    return Fail("beginning a transaction: " + begun.message);
  std::string produce_error;
  for (const auto& m : batch) {
    if (m->err || !produce_error.empty()) continue;
    v1::ArchivedStory record;
    if (!record.ParseFromArray(m->payload, static_cast<int>(m->len)) || record.story().story_id().empty()) {
      spdlog::warn("analyzer: partition {} offset {} is not an archived story; skipped", m->partition, m->offset);
      continue;
    }
    const Story story = StoryFromArchived(record);
    StoryAnalysis analysis = AnalyzeStory(compiled, story, budget);
    if (analysis.over_budget()) {
      metrics_.stories_over_budget.WithLabels({AnalysisFailureName(analysis.failure)}).Inc();
      spdlog::warn("analyzer: story {} over its budget ({}); not analysed", story.id, analysis.failure_detail);
      continue;
    }
    EmitStep::Output out = emit_.EmitStory(
        compiled, story, SeenItem{story.feed_id, story.item_id, story.content_hash, Now()}, analysis, metrics_);
    for (const OutgoingEvent& e : out.events) {
      if (e.topic == config.kafka.articles_topic) continue;  // it came from there
      // A failed delivery fails the commit, which aborts and rewinds.
      Status queued = producer_->Produce(e, [](Status) {});
      while (!queued && queued.error().code == ErrorCode::kUnavailable && !stop_) {
        producer_->Poll(std::chrono::milliseconds(100));
        queued = producer_->Produce(e, [](Status) {});
      }
      if (!queued) produce_error = queued.error().message;
    }
  }
  TxnOutcome outcome{TxnVerdict::kAbort, produce_error};
  if (produce_error.empty()) outcome = producer_->SendOffsetsToTransaction(consumer_, next_offset, kCallTimeout);
  if (outcome.ok()) outcome = producer_->CommitTransaction(kCallTimeout);
  producer_->Poll(std::chrono::milliseconds(0));
  if (outcome.ok()) {
    metrics_.group_analyzer_transactions.WithLabels({"committed"}).Inc();
    // The same offsets once more, outside the transaction: nothing new on a
    // cluster that stores TxnOffsetCommit, and on one that drops it
    // (librdkafka's mock, the test cluster) the next analyzer still
    // resumes here.
    rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(static_cast<int>(next_offset.size()));
    for (const auto& [where, offset] : next_offset) {
      rd_kafka_topic_partition_list_add(offsets, where.first.c_str(), where.second)->offset = offset;
    }
    rd_kafka_commit(consumer_, offsets, 0);
    rd_kafka_topic_partition_list_destroy(offsets);
    return true;
  }
  metrics_.group_analyzer_transactions.WithLabels({"aborted"}).Inc();
  if (outcome.verdict == TxnVerdict::kFatal) return Fail(outcome.message);
  spdlog::warn("analyzer: transaction aborted ({}); analysing the batch again", outcome.message);
  if (TxnOutcome aborted = producer_->AbortTransaction(kCallTimeout); !aborted.ok()) {
    return Fail("aborting a transaction: " + aborted.message);
  }
  Rewind();
  return false;
}

bool ArchiveAnalyzer::Fail(const std::string& why) {
  std::lock_guard lock(mu_);
  failure_ = "analyzer producer: " + why;
  stop_ = true;
  return false;
}

}  // namespace newsmon
