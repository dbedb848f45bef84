// The desk in a real browser: Debian's headless Chromium, driven by
// tests/desk/desk_browser.py, against `newsmon web` over the demo pipeline's
// events (and its archive, for the rule workbench) on the embedded cluster. Screenshots are kept in
// test-artifacts/desk/ under the build's tests folder.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "../app/subprocess.h"
#include "emit/kafka.h"

namespace newsmon {
namespace {

namespace fs = std::filesystem;
using testing::ChildProcess;
using testing::RunCommand;
using testing::ShellQuote;

TEST(DeskBrowserTest, DemoEventsLiveUpdatesAndHostileTextInChromium) {
  // install-deps installs all three; a missing one is a broken setup, not a skip.
  ASSERT_EQ(RunCommand("test -x /usr/bin/chromium && test -x /usr/bin/chromedriver").exit_code, 0)
      << "chromium or chromium-driver missing: run scripts/install-deps";
  ASSERT_EQ(RunCommand("/usr/bin/python3 -c 'import selenium, confluent_kafka, google.protobuf'").exit_code, 0)
      << "python3-selenium, python3-confluent-kafka or python3-protobuf missing: run scripts/install-deps";
  char tmpl[] = "/tmp/newsmon-desk-test.XXXXXX";
  const fs::path dir = mkdtemp(tmpl);
  auto cluster = EmbeddedKafka::Start(3, {"newsmon.stories.v1", "newsmon.quotes.v1", "newsmon.articles.v1"});
  ASSERT_TRUE(cluster.ok());
  const std::string brokers = (*cluster)->bootstrap_servers();
  const std::string bin = NEWSMON_BINARY;
  const std::string demo = std::string(NEWSMON_SOURCE_DIR) + "/config/demo.yaml";
  const auto run = RunCommand(ShellQuote(bin) + " run --config " + ShellQuote(demo) + " --once --brokers " + brokers +
                              " --state-dir " + ShellQuote((dir / "state").string()) + " 2>&1");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  ASSERT_EQ(RunCommand(ShellQuote(bin) + " schema --descriptor-set -o " + ShellQuote((dir / "events.desc").string()))
                .exit_code,
            0);

  // Without a group the desk reads every partition; the same events must show.
  {
    ChildProcess plain({bin, "web", "--brokers", brokers, "--listen", "127.0.0.1:0", "--since", "3650d"});
    const auto line = plain.ReadLine(std::chrono::seconds(20));
    ASSERT_TRUE(line && line->starts_with("LISTEN=")) << line.value_or("(no line)");
    const std::string api = "http://" + line->substr(7) + "/api/desk";
    // The reader hands events over one by one: wait until the last expected one is in.
    std::string body;
    for (int attempt = 0; attempt < 80; ++attempt) {
      body = RunCommand("curl -s " + ShellQuote(api)).output;
      if (body.find("EU widens sanctions on Russian oil shipping") != std::string::npos &&
          body.find("\"is_new\":false") != std::string::npos &&
          body.find("Tokayev and Merz agree") != std::string::npos) {
        break;
      }
      usleep(250 * 1000);
    }
    EXPECT_NE(body.find("EU widens sanctions on Russian oil shipping"), std::string::npos) << body;
    EXPECT_NE(body.find("\"is_new\":false"), std::string::npos) << body;
    plain.Signal(SIGTERM);
    EXPECT_EQ(plain.WaitFor(std::chrono::seconds(10)).value_or(-1), 0);
  }

  // The browser's desk reads as a member of a consumer group.
  ChildProcess web(
      {bin, "web", "--config", demo, "--brokers", brokers, "--listen", "127.0.0.1:0", "--group", "desk-browser-test"});
  const auto listen = web.ReadLine(std::chrono::seconds(20));
  ASSERT_TRUE(listen && listen->starts_with("LISTEN=")) << listen.value_or("(no line)");
  const std::string url = "http://" + listen->substr(7) + "/";

  const fs::path shots = fs::current_path() / "test-artifacts" / "desk";
  const std::string script = std::string(NEWSMON_SOURCE_DIR) + "/tests/desk/desk_browser.py";
  const auto browser =
      RunCommand("/usr/bin/python3 " + ShellQuote(script) + " --url " + ShellQuote(url) + " --brokers " + brokers +
                 " --descriptor-set " + ShellQuote((dir / "events.desc").string()) + " --shots " +
                 ShellQuote(shots.string()) + " 2>&1");
  EXPECT_EQ(browser.exit_code, 0) << browser.output;
  EXPECT_NE(browser.output.find("OK:"), std::string::npos) << browser.output;
  EXPECT_TRUE(fs::exists(shots / "2-live-event.png"));

  web.Signal(SIGTERM);
  EXPECT_EQ(web.WaitFor(std::chrono::seconds(10)).value_or(-1), 0);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace newsmon
