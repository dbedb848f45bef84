// The subcommands of the newsmon binary. Each returns the process exit code.
#pragma once

#include <string>
#include <vector>

namespace newsmon {

struct RunOptions {
  std::string config_file;
  bool once = false;
  bool print_events = false;  // after --once: read back and print what was emitted
  std::string brokers;        // overrides kafka.brokers
  std::string log_level;      // overrides log_level
  std::string state_dir;      // overrides state_dir
};

int RunDaemon(const RunOptions& options);
int CheckConfigCommand(const std::string& file);
int KafkaEmbeddedCommand(int brokers, const std::vector<std::string>& topics, int partitions);
int TailCommand(const std::string& brokers, const std::string& topic, bool from_beginning, int count,
                double idle_seconds);
int ParseFeedCommand(const std::string& file, const std::string& url, const std::string& content_type);
int ExtractCommand(const std::string& file, const std::string& url, const std::string& content_type);
// date: YYYY-MM-DD, the story's date for role descriptors (empty: today);
// language: "en", "de", "ru" or empty to guess.
int QuotesCommand(const std::string& file, const std::string& config_file, const std::string& date,
                  const std::string& language);
int MatchCommand(const std::string& config_file, const std::vector<std::string>& files, bool json);
// Scores the topics on a labelled set: FILE.jsonl, one {"file", "<topic id>": "yes"|"no"} a line.
int MatchLabelsCommand(const std::string& config_file, const std::string& labels_file, bool json);
int StatusCommand(const std::string& config_file);

struct KafkaSetupOptions {
  std::string config_file;
  std::string brokers;      // overrides kafka.brokers
  bool check_only = false;  // report, create nothing
  int replication = -1;     // for created topics; -1: the brokers' default
};
// Creates the topics the config needs (event topics, and the group's in
// group mode) when missing, checks the existing; exit 0 when all are fit.
// Idempotent.
int KafkaSetupCommand(const KafkaSetupOptions& options);

struct BacktestOptions {
  std::string config_file;   // the edited rules
  std::string against_file;  // the rules to compare with; empty: what the archive says matched
  std::string brokers;       // overrides the config's kafka.brokers
  std::string topic;         // overrides kafka.topics.articles
  std::string since = "7d";
  bool json = false;
};
int BacktestCommand(const BacktestOptions& options);
// Prints the event schema: the .proto text, or with descriptor_set a
// serialised google.protobuf.FileDescriptorSet (imports included); to
// out_file when given.
int SchemaCommand(bool descriptor_set, const std::string& out_file);

struct WebOptions {
  std::string brokers;  // default: the config's kafka.brokers
  std::string listen = "127.0.0.1:8080";
  std::string config_file;   // optional: topic names and brokers
  std::string since = "7d";  // how far back the desk starts
  // Consumer group to read as (its members share the partitions); empty:
  // every partition, no group.
  std::string group;
};
// Serves the desk page over the events on Kafka until SIGINT/SIGTERM.
int WebCommand(const WebOptions& options);

}  // namespace newsmon
