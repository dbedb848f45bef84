// The consumer example in docs/examples reads real events from the embedded
// cluster with Debian's confluent-kafka and protobuf, using only the schema
// `newsmon schema --descriptor-set` prints.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/pipeline.h"
#include "fixture_pipeline.h"
#include "subprocess.h"
#include "test_config.h"

namespace newsmon {
namespace {

namespace fs = std::filesystem;
using testing::RunCommand;
using testing::ShellQuote;

TEST(PythonConsumerTest, ExampleDecodesEventsWithTheBinarysSchema) {
  // install-deps installs both modules; their absence is a broken setup, not a skip.
  ASSERT_EQ(RunCommand("/usr/bin/python3 -c 'import confluent_kafka, google.protobuf'").exit_code, 0)
      << "python3-confluent-kafka or python3-protobuf missing: run scripts/install-deps";
  char tmpl[] = "/tmp/newsmon-pyconsumer-test.XXXXXX";
  const fs::path dir = mkdtemp(tmpl);
  auto cluster = EmbeddedKafka::Start(3, {"test.stories", "test.quotes"});
  ASSERT_TRUE(cluster.ok());
  const std::string brokers = (*cluster)->bootstrap_servers();
  ASSERT_TRUE(testing::RunFixturePipelineOnce(dir, brokers));
  const fs::path desc = dir / "events.desc";
  ASSERT_EQ(
      RunCommand(ShellQuote(NEWSMON_BINARY) + " schema --descriptor-set -o " + ShellQuote(desc.string())).exit_code, 0);
  const std::string example = std::string(NEWSMON_SOURCE_DIR) + "/docs/examples/consume_events.py";
  const auto run = RunCommand("/usr/bin/python3 " + ShellQuote(example) + " --brokers " + brokers +
                              " --topic test.quotes --topic test.stories --descriptor-set " +
                              ShellQuote(desc.string()) + " --from-beginning --idle-timeout 8 2>&1");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // Quotes: key, CloudEvents type, decoded fields.
  EXPECT_NE(run.output.find("\"key\": \"kz-tokayev\""), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("\"ce_type\": \"org.newsmon.leader.quote.v1\""), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("\"leader_id\": \"kz-tokayev\""), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("We will build the pipeline together with our German partners"), std::string::npos)
      << run.output;
  // Stories matched: the other message type, told apart by its header.
  EXPECT_NE(run.output.find("\"newsmon-message\": \"newsmon.v1.StoryMatched\""), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("\"topic_id\""), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("unknown message type"), std::string::npos) << run.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace newsmon
