// The newsmon binary as users run it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

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
  for (const char* sub : {"run", "check-config", "kafka-embedded", "tail", "parse-feed", "extract", "quotes", "match",
                          "status", "backtest"}) {
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

TEST_F(CliTest, CheckConfigRefusesAGroupRoleWithoutTheArchiveTopic) {
  const fs::path config = dir_ / "collector.yaml";
  std::ofstream(config) << "kafka: {brokers: 127.0.0.1:1}\ngroup: {id: desk, role: collector}\n";
  const auto refused = RunCommand(kBin + " check-config " + ShellQuote(config.string()) + " 2>&1");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.output.find("group.role collector needs the archive topic"), std::string::npos) << refused.output;
  std::ofstream(config) << "kafka: {brokers: 127.0.0.1:1, topics: {articles: newsmon.articles.v1}}\n"
                           "group: {id: desk, role: analyzer}\n";
  const auto ok = RunCommand(kBin + " check-config " + ShellQuote(config.string()) + " 2>&1");
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
}

// check-config and run load through the same LoadConfig: a config that
// passes one passes the other, and both list every problem.
TEST_F(CliTest, CheckConfigAndRunRefuseABadConfigWithEveryError) {
  const fs::path bad = dir_ / "bad.yaml";
  std::ofstream(bad) << "metrics_listen: 127.0.0.1:99999\n"
                        "feeds:\n"
                        "  - id: a\n"
                        "    url: https://x.org/f\n"
                        "    interval: 106751991167301d\n"
                        "topics:\n"
                        "  - id: t\n"
                        "    query: x\n"
                        "    threshold: .nan\n";
  const std::vector<std::string> errors = {
      bad.string() +
          ":1:17: metrics_listen port must be between 0 and 65535 (0 picks a free port), found '127.0.0.1:99999'",
      bad.string() + ":5:15: feed interval must be at most 30d, found '106751991167301d'",
      bad.string() + ":9:16: topic threshold must be a finite number, found '.nan'",
  };
  const auto check = RunCommand(kBin + " check-config " + ShellQuote(bad.string()) + " 2>&1");
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_EQ(check.output, errors[0] + "\n" + errors[1] + "\n" + errors[2] + "\n");

  const fs::path state = dir_ / "state";
  const auto run = RunCommand(kBin + " run --once --config " + ShellQuote(bad.string()) + " --state-dir " +
                              ShellQuote(state.string()) + " 2>&1");
  EXPECT_EQ(run.exit_code, 1);
  for (const std::string& error : errors) {
    EXPECT_NE(run.output.find(error), std::string::npos) << error << "\nin:\n" << run.output;
  }
  EXPECT_FALSE(fs::exists(state)) << "refused before opening the state store";
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

TEST_F(CliTest, StatusCreatesNothingAndOnceFailsWhenEveryFeedFailed) {
  const fs::path config = dir_ / "c.yaml";
  std::ofstream(config) << "state_dir: " << (dir_ / "never").string()
                        << "\nmetrics_listen: \"off\"\nkafka: {brokers: embedded}\nfeeds:\n"
                           "  - {id: gone, url: \"file:///nonexistent/feed.xml\"}\n";
  const auto status = RunCommand(kBin + " status --config " + ShellQuote(config.string()) + " 2>&1");
  EXPECT_EQ(status.exit_code, 1);
  EXPECT_NE(status.output.find("no state store"), std::string::npos) << status.output;
  EXPECT_FALSE(fs::exists(dir_ / "never")) << "status must not create the state folder";
  const auto once = RunCommand(kBin + " run --once --log-level warn --config " + ShellQuote(config.string()) + " 2>&1");
  EXPECT_EQ(once.exit_code, 1) << once.output;
  EXPECT_NE(once.output.find("every feed failed (1 of 1)"), std::string::npos) << once.output;
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

TEST_F(CliTest, BacktestListsTheStoriesAnEditGainsAndLoses) {
  // The daemon archives every analysed story; a rule edit is replayed against the archive.
  testing::ChildProcess cluster(
      {kBin, "kafka-embedded", "--topic", "test.stories", "--topic", "test.quotes", "--topic", "test.articles"});
  const auto line = cluster.ReadLine(std::chrono::seconds(20));
  ASSERT_TRUE(line.has_value());
  const std::string brokers = line->substr(8);
  const fs::path config = testing::WriteFixtureConfig(dir_ / "running", brokers);
  {
    // The archive topic is an addition to the fixture config's kafka section.
    std::ifstream in(config);
    std::stringstream yaml;
    yaml << in.rdbuf();
    std::string text = yaml.str();
    const std::string from = "topics: {stories: test.stories, quotes: test.quotes}";
    text.replace(text.find(from), from.size(),
                 "topics: {stories: test.stories, quotes: test.quotes, articles: test.articles}");
    std::ofstream(config) << text;
  }
  const auto run = RunCommand(kBin + " run --once --log-level warn --config " + ShellQuote(config.string()));
  ASSERT_EQ(run.exit_code, 0) << run.output;

  // The edit: kz-de needs "energy" as well (loses the pipeline story), ru-sanctions
  // is widened to any football story (gains one), and a new topic appears.
  const fs::path edited = dir_ / "edited.yaml";
  std::ofstream(edited) << "topics:\n"
                           "  - {id: kz-de, query: 'Kazakhstan AND (Germany OR German) AND energy'}\n"
                           "  - {id: ru-sanctions, query: '(sanctions AND Russia) OR football'}\n"
                           "  - {id: pipelines, query: 'pipeline*'}\n";
  const auto bt = RunCommand(kBin + " backtest --json --config " + ShellQuote(edited.string()) + " --brokers " +
                             brokers + " --topic test.articles --since 1d");
  ASSERT_EQ(bt.exit_code, 0) << bt.output;
  const auto result = nlohmann::json::parse(bt.output);
  EXPECT_EQ(result["stories"], 4) << bt.output;  // wire (2), ledger, reprint
  std::map<std::string, nlohmann::json> topics;
  for (const auto& t : result["topics"]) topics[t["id"]] = t;
  ASSERT_EQ(topics.size(), 3u) << bt.output;
  ASSERT_EQ(topics["kz-de"]["lost"].size(), 1u) << bt.output;
  EXPECT_EQ(topics["kz-de"]["lost"][0]["title"], "Germany and Kazakhstan agree on pipeline");
  EXPECT_EQ(topics["kz-de"]["gained"].size(), 0u);
  EXPECT_EQ(topics["kz-de"]["kept"], 1);
  ASSERT_EQ(topics["ru-sanctions"]["gained"].size(), 1u) << bt.output;
  EXPECT_EQ(topics["ru-sanctions"]["gained"][0]["title"], "Football results");
  EXPECT_EQ(topics["ru-sanctions"]["gained"][0]["terms"][0]["term"], "football");
  EXPECT_EQ(topics["ru-sanctions"]["kept"], 1);
  EXPECT_EQ(topics["pipelines"]["gained"].size(), 2u);  // the wire story and its reprint
  EXPECT_EQ(result["gained"], 3);
  EXPECT_EQ(result["lost"], 1);

  // Against the running rules themselves nothing changes; the text report ends with the summary.
  const auto same = RunCommand(kBin + " backtest --config " + ShellQuote(config.string()) + " --against " +
                               ShellQuote(config.string()) + " --brokers " + brokers + " --topic test.articles");
  ASSERT_EQ(same.exit_code, 0) << same.output;
  EXPECT_NE(same.output.find("backtest: 4 stories in test.articles"), std::string::npos) << same.output;
  EXPECT_NE(same.output.find("+0 gained, -0 lost"), std::string::npos) << same.output;

  const auto bad_since = RunCommand(kBin + " backtest --config " + ShellQuote(edited.string()) + " --brokers " +
                                    brokers + " --since yesterday 2>&1");
  EXPECT_EQ(bad_since.exit_code, 2);
  EXPECT_NE(bad_since.output.find("--since must be a duration"), std::string::npos) << bad_since.output;
  cluster.CloseStdin();
  EXPECT_EQ(cluster.WaitFor(std::chrono::seconds(10)), std::optional<int>(0));
}

}  // namespace
}  // namespace newsmon
