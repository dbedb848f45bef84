// The newsmon binary as users run it.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "emit/kafka.h"
#include "subprocess.h"
#include "test_config.h"

namespace newsmon {
namespace {

namespace fs = std::filesystem;
using testing::RunCommand;
using testing::ShellQuote;

const std::string kBin = NEWSMON_BINARY;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/newsmon-cli-test.XXXXXX";
    dir_ = mkdtemp(tmpl);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

std::vector<nlohmann::json> JsonLines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

TEST_F(CliTest, HelpDescribesEverySubcommand) {
  const auto top = RunCommand(kBin + " --help");
  EXPECT_EQ(top.exit_code, 0);
  for (const char* sub :
       {"run", "check-config", "kafka-embedded", "tail", "parse-feed", "extract", "quotes", "match", "status"}) {
    SCOPED_TRACE(sub);
    EXPECT_NE(top.output.find(sub), std::string::npos);
    const auto help = RunCommand(kBin + " " + sub + " --help");
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.output.find("Usage:"), std::string::npos);
  }
}

TEST_F(CliTest, CheckConfigExitCodes) {
  const fs::path good = testing::WriteFixtureConfig(dir_, "embedded");
  const auto ok = RunCommand(kBin + " check-config " + ShellQuote(good.string()));
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_NE(ok.output.find("OK (3 feeds, 2 topics, 1 leaders)"), std::string::npos) << ok.output;

  const fs::path bad = dir_ / "bad.yaml";
  std::ofstream(bad) << "feeds:\n  - id: a\n    url: https://x.org/f\n    intervall: 5m\n";
  const auto err = RunCommand(kBin + " check-config " + ShellQuote(bad.string()) + " 2>&1");
  EXPECT_EQ(err.exit_code, 1);
  EXPECT_NE(err.output.find(bad.string() + ":4:5: unknown key 'intervall'"), std::string::npos) << err.output;
}

TEST_F(CliTest, RunOncePrintsTheEventsReadBackFromEmbeddedKafka) {
  const fs::path config = testing::WriteFixtureConfig(dir_, "embedded");
  const auto run = RunCommand(kBin + " run --once --print-events --log-level warn --config " +
                              ShellQuote(config.string()) + " --state-dir " + ShellQuote((dir_ / "s").string()));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto events = JsonLines(run.output);
  ASSERT_EQ(events.size(), 5u) << run.output;
  int stories = 0, new_quotes = 0, old_quotes = 0;
  for (const auto& e : events) {
    const std::string type = e["headers"]["ce_type"];
    if (type == "org.newsmon.story.matched.v1") {
      ++stories;
      EXPECT_EQ(e["key"], e["value"]["story"]["story_id"]);
    } else {
      ASSERT_EQ(type, "org.newsmon.leader.quote.v1");
      EXPECT_EQ(e["key"], "kz-tokayev");
      (e["value"].value("is_new", false) ? new_quotes : old_quotes)++;
    }
  }
  EXPECT_EQ(stories, 3);
  EXPECT_EQ(new_quotes, 1);
  EXPECT_EQ(old_quotes, 1);
}

TEST_F(CliTest, KafkaEmbeddedAndTailTalkOverTcp) {
  // The standalone embedded cluster, fed by a run, read by tail; it stops when its stdin closes.
  testing::ChildProcess cluster({kBin, "kafka-embedded", "--topic", "test.stories", "--topic", "test.quotes"});
  const auto line = cluster.ReadLine(std::chrono::seconds(20));
  ASSERT_TRUE(line.has_value());
  ASSERT_EQ(line->rfind("BROKERS=", 0), 0u) << *line;
  const std::string brokers = line->substr(8);
  const fs::path config = testing::WriteFixtureConfig(dir_, brokers);
  const auto run = RunCommand(kBin + " run --once --log-level warn --config " + ShellQuote(config.string()));
  EXPECT_EQ(run.exit_code, 0);
  const auto tail = RunCommand(kBin + " tail --brokers " + brokers +
                               " --topic test.quotes --from-beginning --count 2 --idle-timeout 10");
  EXPECT_EQ(tail.exit_code, 0);
  const auto events = JsonLines(tail.output);
  ASSERT_EQ(events.size(), 2u) << tail.output;
  EXPECT_EQ(events[0]["key"], "kz-tokayev");
  EXPECT_EQ(events[0]["value"]["leader_id"], "kz-tokayev");
  EXPECT_EQ(events[0]["headers"]["content-type"], "application/protobuf");
  cluster.CloseStdin();
  EXPECT_EQ(cluster.WaitFor(std::chrono::seconds(10)), std::optional<int>(0));
}

}  // namespace
}  // namespace newsmon
