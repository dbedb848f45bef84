// Interop with stock tools: kcat consumes from the embedded cluster and
// protoc --decode reads the payload with nothing but the .proto file.
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

TEST(KcatInteropTest, KcatConsumesAndProtocDecodes) {
  // install-deps installs kcat and protoc; their absence is a broken setup, not a skip.
  ASSERT_EQ(RunCommand("command -v kcat >/dev/null").exit_code, 0) << "kcat missing: run scripts/install-deps";
  ASSERT_EQ(RunCommand("command -v protoc >/dev/null").exit_code, 0) << "protoc missing: run scripts/install-deps";
  char tmpl[] = "/tmp/newsmon-kcat-test.XXXXXX";
  const fs::path dir = mkdtemp(tmpl);
  auto cluster = EmbeddedKafka::Start(3, {"test.stories", "test.quotes"});
  ASSERT_TRUE(cluster.ok());
  const std::string brokers = (*cluster)->bootstrap_servers();
  ASSERT_TRUE(testing::RunFixturePipelineOnce(dir, brokers));
  // Key and headers of every quote event.
  const auto meta = RunCommand("kcat -C -b " + brokers + " -t test.quotes -o beginning -e -q -c 2 -f '%k|%h\\n'");
  ASSERT_EQ(meta.exit_code, 0);
  EXPECT_NE(meta.output.find("kz-tokayev|"), std::string::npos) << meta.output;
  EXPECT_NE(meta.output.find("ce_type=org.newsmon.leader.quote.v1"), std::string::npos) << meta.output;
  EXPECT_NE(meta.output.find("content-type=application/protobuf"), std::string::npos) << meta.output;
  // One raw payload, decoded by protoc from the schema alone.
  const fs::path payload = dir / "payload.bin";
  const auto raw = RunCommand("kcat -C -b " + brokers + " -t test.quotes -o beginning -e -q -c 1 -D '' -f '%s' > " +
                              ShellQuote(payload.string()));
  ASSERT_EQ(raw.exit_code, 0);
  const std::string proto_dir = std::string(NEWSMON_SOURCE_DIR) + "/proto";
  const auto decoded = RunCommand("protoc --decode=newsmon.v1.LeaderQuote -I " + ShellQuote(proto_dir) +
                                  " -I /usr/include newsmon/v1/events.proto < " + ShellQuote(payload.string()));
  ASSERT_EQ(decoded.exit_code, 0) << decoded.output;
  EXPECT_NE(decoded.output.find("leader_id: \"kz-tokayev\""), std::string::npos) << decoded.output;
  EXPECT_NE(decoded.output.find("We will build the pipeline together with our German partners"), std::string::npos)
      << decoded.output;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace newsmon
