// newsmon: streaming news monitoring. See README.md.
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "newsmon: polls news feeds, keeps stories matching topic rules, finds leaders' new quotes, "
      "and emits protobuf events to Kafka."};
  app.require_subcommand(1);

  newsmon::RunOptions run;
  auto* run_cmd = app.add_subcommand("run", "Run the daemon: poll feeds and emit events.");
  run_cmd->add_option("-c,--config", run.config_file, "Config file")->required();
  run_cmd->add_flag("--once", run.once, "Poll every feed once, deliver, commit and exit");
  run_cmd->add_flag("--print-events", run.print_events,
                    "With --once: read the emitted events back from Kafka and print them as JSON lines");
  run_cmd->add_option("--brokers", run.brokers, "Kafka bootstrap servers (overrides kafka.brokers)");
  run_cmd->add_option("--state-dir", run.state_dir, "State directory (overrides state_dir)");
  run_cmd->add_option("--log-level", run.log_level, "trace, debug, info, warn, error (overrides log_level)");

  std::string check_file;
  auto* check_cmd = app.add_subcommand("check-config", "Validate a config file without side effects; exit 0 or 1.");
  check_cmd->add_option("file", check_file, "Config file")->required();

  int embedded_brokers = 3;
  int embedded_partitions = 3;
  std::vector<std::string> embedded_topics{"newsmon.stories.v1", "newsmon.quotes.v1"};
  auto* embedded_cmd =
      app.add_subcommand("kafka-embedded",
                         "Start librdkafka's mock Kafka cluster on 127.0.0.1, print BROKERS=..., run until stdin "
                         "closes or SIGTERM.");
  embedded_cmd->add_option("--brokers", embedded_brokers, "Number of brokers")->capture_default_str();
  embedded_cmd->add_option("--partitions", embedded_partitions, "Partitions per topic")->capture_default_str();
  embedded_cmd->add_option("--topic", embedded_topics, "Topics to create")->capture_default_str();

  std::string tail_brokers, tail_topic;
  bool tail_from_beginning = false;
  int tail_count = 0;
  double tail_idle = 0;
  auto* tail_cmd = app.add_subcommand("tail", "Consume events and print each as one JSON line.");
  tail_cmd->add_option("--brokers", tail_brokers, "Kafka bootstrap servers")->required();
  tail_cmd->add_option("--topic", tail_topic, "Topic")->required();
  tail_cmd->add_flag("--from-beginning", tail_from_beginning, "Start at the earliest offset");
  tail_cmd->add_option("--count", tail_count, "Exit after this many events (0: run until interrupted)");
  tail_cmd->add_option("--idle-timeout", tail_idle, "Exit after this many seconds without an event (0: never)");

  std::string pf_file, pf_url, pf_content_type;
  auto* pf_cmd = app.add_subcommand("parse-feed", "Parse a feed file and print it as one JSON object.");
  pf_cmd->add_option("file", pf_file, "Feed file (RSS, Atom, RDF, JSON Feed)")->required();
  pf_cmd->add_option("--url", pf_url, "The document's URL, for relative links");
  pf_cmd->add_option("--content-type", pf_content_type, "HTTP Content-Type, e.g. \"application/xml; charset=utf-8\"");

  std::string ex_file, ex_url, ex_content_type;
  auto* ex_cmd = app.add_subcommand("extract", "Extract an article page and print it as one JSON object.");
  ex_cmd->add_option("file", ex_file, "HTML file")->required();
  ex_cmd->add_option("--url", ex_url, "The page's URL");
  ex_cmd->add_option("--content-type", ex_content_type, "HTTP Content-Type, e.g. \"text/html; charset=windows-1251\"");

  std::string q_file, q_config, q_date, q_language;
  auto* q_cmd = app.add_subcommand("quotes", "Find direct quotes and speakers; print one JSON line per quote.");
  q_cmd->add_option("file", q_file, "Plain-text article (paragraphs separated by newlines)")->required();
  q_cmd->add_option("-c,--config", q_config, "Config file whose leaders to resolve");
  q_cmd->add_option("--date", q_date,
                    "The story's date, YYYY-MM-DD: who held a role (\"the chancellor\") then; default today");
  q_cmd->add_option("--language", q_language, "en, de or ru, as the feed declares it; default: guessed from the text")
      ->check(CLI::IsMember({"en", "de", "ru"}));

  std::string m_config, m_labels;
  std::vector<std::string> m_files;
  bool m_json = false;
  auto* m_cmd = app.add_subcommand("match", "Evaluate the configured topic rules on documents and explain.");
  m_cmd->add_option("-c,--config", m_config, "Config file")->required();
  auto* m_files_opt =
      m_cmd->add_option("files", m_files, "Plain text (title line, blank line, body), HTML or feed files");
  auto* m_labels_opt = m_cmd->add_option("--labels", m_labels,
                                         "Score a labelled set instead: JSON lines {\"file\": relative to the labels "
                                         "file, \"<topic id>\": \"yes\"|\"no\"}; "
                                         "prints precision, recall and the misses per topic");
  m_files_opt->excludes(m_labels_opt);
  m_cmd->add_flag("--json", m_json, "One JSON object per document and line (with --labels: one summary object)");

  newsmon::BacktestOptions bt;
  auto* bt_cmd = app.add_subcommand(
      "backtest",
      "Replay edited topic rules against the archive topic (kafka.topics.articles): per topic, the stories they "
      "would gain and lose.");
  bt_cmd->add_option("-c,--config", bt.config_file, "Config with the edited rules")->required();
  bt_cmd->add_option("--against", bt.against_file,
                     "Config with the rules to compare with (default: the verdicts recorded in the archive)");
  bt_cmd->add_option("--brokers", bt.brokers, "Kafka bootstrap servers (default: the config's kafka.brokers)");
  bt_cmd->add_option("--topic", bt.topic, "Archive topic (default: kafka.topics.articles, else newsmon.articles.v1)");
  bt_cmd->add_option("--since", bt.since, "How far back: 7d, 12h, 30m")->capture_default_str();
  bt_cmd->add_flag("--json", bt.json, "One JSON object for tools");

  std::string st_config;
  auto* st_cmd = app.add_subcommand("status", "Show each feed's polling state from the state store.");
  st_cmd->add_option("-c,--config", st_config, "Config file")->required();

  newsmon::KafkaSetupOptions ks;
  auto* ks_cmd =
      app.add_subcommand("kafka-setup", "Create the Kafka topics the config needs (missing ones only) or check them.");
  ks_cmd->add_option("-c,--config", ks.config_file, "Config file")->required();
  ks_cmd->add_option("--brokers", ks.brokers, "Kafka bootstrap servers (default: the config's kafka.brokers)");
  ks_cmd->add_flag("--check", ks.check_only, "Only report; create nothing");
  ks_cmd->add_option("--replication", ks.replication, "Replication factor of created topics (default: the brokers')");

  bool schema_set = false;
  std::string schema_out;
  auto* schema_cmd =
      app.add_subcommand("schema", "Print the event schema (.proto) this binary writes, or its FileDescriptorSet.");
  schema_cmd->add_flag("--descriptor-set", schema_set,
                       "Write a binary google.protobuf.FileDescriptorSet (imports included) instead of .proto text");
  schema_cmd->add_option("-o,--out", schema_out, "Write to this file instead of standard output");

  newsmon::WebOptions web;
  auto* web_cmd = app.add_subcommand(
      "web", "Serve the desk: a live page of matched stories and leader quotes read from Kafka (loopback by default).");
  web_cmd->add_option("--brokers", web.brokers, "Kafka bootstrap servers (default: the config's kafka.brokers)");
  web_cmd->add_option("--listen", web.listen, "Address to serve on; port 0 picks one")->capture_default_str();
  web_cmd->add_option("-c,--config", web.config_file, "Config whose topic names and brokers to use");
  web_cmd->add_option("--since", web.since, "How far back to start: 7d, 12h, 30m")->capture_default_str();
  web_cmd->add_option("--group", web.group,
                      "Read as a member of this consumer group (members share the partitions); default: every "
                      "partition, no group");

  CLI11_PARSE(app, argc, argv);

  if (*run_cmd) return newsmon::RunDaemon(run);
  if (*check_cmd) return newsmon::CheckConfigCommand(check_file);
  if (*embedded_cmd) return newsmon::KafkaEmbeddedCommand(embedded_brokers, embedded_topics, embedded_partitions);
  if (*tail_cmd) return newsmon::TailCommand(tail_brokers, tail_topic, tail_from_beginning, tail_count, tail_idle);
  if (*pf_cmd) return newsmon::ParseFeedCommand(pf_file, pf_url, pf_content_type);
  if (*ex_cmd) return newsmon::ExtractCommand(ex_file, ex_url, ex_content_type);
  if (*q_cmd) return newsmon::QuotesCommand(q_file, q_config, q_date, q_language);
  if (*m_cmd) {
    if (!m_labels.empty()) return newsmon::MatchLabelsCommand(m_config, m_labels, m_json);
    if (m_files.empty()) {
      std::cerr << "match: give story files or --labels FILE.jsonl\n";
      return 2;
    }
    return newsmon::MatchCommand(m_config, m_files, m_json);
  }
  if (*st_cmd) return newsmon::StatusCommand(st_config);
  if (*ks_cmd) return newsmon::KafkaSetupCommand(ks);
  if (*bt_cmd) return newsmon::BacktestCommand(bt);
  if (*schema_cmd) return newsmon::SchemaCommand(schema_set, schema_out);
  if (*web_cmd) return newsmon::WebCommand(web);
  return 2;
}
