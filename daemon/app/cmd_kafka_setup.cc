// `newsmon kafka-setup`: the topics a config needs, created when missing
// with the settings of deploy/kafka/README.md, or only checked.
#include <spdlog/spdlog.h>

#include <iostream>

#include "app/commands.h"
#include "group/topic_setup.h"
#include "ops/logging.h"

namespace newsmon {

int KafkaSetupCommand(const KafkaSetupOptions& options) {
  ops::SetUpLogging("warn");
  auto loaded = LoadConfig(options.config_file);
  if (!loaded) {
    std::cerr << loaded.error().message << "\n";
    return 2;
  }
  const Config& config = **loaded;
  const std::string brokers = options.brokers.empty() ? config.kafka.brokers : options.brokers;
  if (brokers == "embedded") {
    std::cerr << "kafka-setup: kafka.brokers is \"embedded\", which makes its own topics; give --brokers\n";
    return 2;
  }
  const auto specs = group::TopicsFor(config);
  auto reports = group::SetUpTopics(brokers, specs, !options.check_only, options.replication);
  if (!reports) {
    std::cerr << "kafka-setup: " << reports.error().message << "\n";
    return 1;
  }
  std::cout << "topic\tpartitions\twanted\tstate\tsettings\tnote\n";
  for (const group::TopicReport& r : *reports) {
    std::string settings;
    for (const auto& [key, value] : r.spec.settings) settings += (settings.empty() ? "" : ",") + key + "=" + value;
    std::cout << r.spec.name << "\t" << r.partitions << "\t" << r.spec.partitions
              << (r.spec.exact_partitions ? " (exact)" : "") << "\t" << group::TopicStateName(r.state) << "\t"
              << settings << "\t" << (r.detail.empty() ? r.spec.purpose : r.detail) << "\n";
  }
  if (!group::AllOk(*reports)) {
    std::cerr << "kafka-setup: some topics are not as the config needs them (see the state column)\n";
    return 1;
  }
  return 0;
}

}  // namespace newsmon
