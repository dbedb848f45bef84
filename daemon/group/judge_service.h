// Group mode's leader judge on Kafka (group/leader_judge.h says what it
// decides). A consumer in its own consumer group ("<group.id>.judges") is
// assigned partitions of the leader topic; before it takes one, it restores
// that partition's leader histories from the history changelog. Then it
// consumes candidates and, per batch, in one Kafka transaction:
// publishes each judged LeaderQuote to the quotes topic, appends each
// judged quote to the history changelog, and commits the consumed offsets
// (send_offsets_to_transaction). A crash or a move therefore either keeps
// all three or none: a candidate is judged once, against a history that
// holds every quote judged before it, so no quote is flagged new twice.
//
//   auto judge = LeaderJudgeService::Start(options, metrics);  // its own thread
//   every tick: if (!(*judge)->failure().empty()) stop_the_daemon();
//
// An aborted transaction (a broker failover, say) rewinds: the histories of
// the owned partitions are restored again and consumption resumes at the
// committed offsets.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "config/config.h"
#include "group/leader_judge.h"
#include "ops/metrics.h"
#include "util/result.h"

struct rd_kafka_s;

namespace newsmon::group {

class LeaderJudgeService {
 public:
  struct Options {
    std::string bootstrap_servers;
    GroupConfig group;
    std::string quotes_topic;                     // where judged LeaderQuotes go
    std::map<std::string, std::string> producer;  // kafka.producer, for the same partitioner and limits
    std::string client_id;                        // the instance; its transactional id is derived from it
    RetentionConfig retention;                    // quotes: the novelty horizon; interval: how often to expire
  };
  static Result<std::unique_ptr<LeaderJudgeService>> Start(const Options& options, ops::NewsmonMetrics& metrics);
  ~LeaderJudgeService();  // finishes the batch in hand, leaves the group
  LeaderJudgeService(const LeaderJudgeService&) = delete;
  LeaderJudgeService& operator=(const LeaderJudgeService&) = delete;

  // Finishes the batch in hand and judges no more (the daemon is stopping);
  // the destructor then only leaves the group.
  void Stop();
  // Set when the judge stopped for good (its producer was fenced or hit a
  // fatal error); the daemon exits so the service manager restarts it.
  std::string failure() const;
  std::set<int> owned() const;

 private:
  LeaderJudgeService(const Options& options, ops::NewsmonMetrics& metrics) : options_(options), metrics_(metrics) {}
  friend struct JudgeRebalance;
  void Loop();
  bool JudgeBatch();
  Status RestorePartition(int partition);
  void Rewind();
  void Fail(const std::string& why);

  Options options_;
  ops::NewsmonMetrics& metrics_;
  rd_kafka_s* consumer_ = nullptr;
  rd_kafka_s* producer_ = nullptr;
  std::map<int, LeaderHistories> histories_;  // by owned partition; the judge's thread only
  std::chrono::steady_clock::time_point next_expiry_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;  // guards failure_ and owned_, which the daemon reads
  std::string failure_;
  std::set<int> owned_;
  std::thread thread_;
};

}  // namespace newsmon::group
