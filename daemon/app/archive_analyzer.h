// Group mode's analyzer role (README "Group mode"): the second half of the
// pipeline, fed by the archive topic that collectors publish every story to
// (kafka.topics.articles, newsmon.articles.v1). A consumer in the consumer
// group "<group.id>.analyzers" takes a share of the topic's partitions, so
// analysis scales with them; each archived story is matched and searched for
// quotes as the single instance does (AnalyzeStory, EmitStep), its
// StoryMatched published and its leader quotes sent to their judge. A
// batch's events and its consumed offsets commit in one Kafka transaction
// (send_offsets_to_transaction); an aborted one is analysed again.
//
//   auto analyzer = ArchiveAnalyzer::Start({bootstrap, "newsmon@host/pid"}, compiled, metrics);
//   after a reload: (*analyzer)->SetConfig(compiled);
//   every tick: if (!(*analyzer)->failure().empty()) stop_the_daemon();
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "app/emit_step.h"
#include "app/pipeline.h"
#include "emit/kafka.h"
#include "ops/metrics.h"
#include "util/result.h"

struct rd_kafka_s;

namespace newsmon {

namespace v1 {
class ArchivedStory;
}

// The story an archive record carries, as its collector built it: the same
// id, content hash and body, so its events get the ids they would get on a
// single instance.
Story StoryFromArchived(const v1::ArchivedStory& record);

class ArchiveAnalyzer {
 public:
  struct Options {
    std::string bootstrap_servers;
    std::string client_id;
  };
  static Result<std::unique_ptr<ArchiveAnalyzer>> Start(const Options& options, CompiledConfig compiled,
                                                        ops::NewsmonMetrics& metrics);
  ~ArchiveAnalyzer();  // finishes the batch in hand, leaves the group
  ArchiveAnalyzer(const ArchiveAnalyzer&) = delete;
  ArchiveAnalyzer& operator=(const ArchiveAnalyzer&) = delete;

  void SetConfig(CompiledConfig compiled);
  void Stop();
  // Set when it stopped for good (a fatal producer error); the daemon exits.
  std::string failure() const;

 private:
  ArchiveAnalyzer(CompiledConfig compiled, ops::NewsmonMetrics& metrics)
      : metrics_(metrics), compiled_(std::move(compiled)) {}
  void Loop();
  bool AnalyzeBatch();
  void Rewind();
  bool Fail(const std::string& why);  // stops for good; the daemon exits
  CompiledConfig Compiled() const;

  ops::NewsmonMetrics& metrics_;
  rd_kafka_s* consumer_ = nullptr;
  std::unique_ptr<KafkaProducer> producer_;
  EmitStep emit_;  // near-duplicates among the stories this analyzer saw
  mutable std::mutex mu_;
  CompiledConfig compiled_;
  std::string failure_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace newsmon
