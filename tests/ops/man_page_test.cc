// newsmon(1) renders without warnings and documents every subcommand the
// binary has, so adding a command without its page fails here.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "../app/subprocess.h"

namespace newsmon {
namespace {

using testing::RunCommand;
using testing::ShellQuote;

const std::string kManPage = std::string(NEWSMON_SOURCE_DIR) + "/deploy/newsmon.1";

TEST(ManPageTest, RendersWithoutWarnings) {
  ASSERT_EQ(RunCommand("command -v groff >/dev/null").exit_code, 0) << "groff missing: run scripts/install-deps";
  const auto render = RunCommand("groff -man -Tutf8 -ww -z " + ShellQuote(kManPage) + " 2>&1");
  EXPECT_EQ(render.exit_code, 0) << render.output;
  EXPECT_EQ(render.output, "") << render.output;
}

TEST(ManPageTest, DocumentsEverySubcommand) {
  std::ifstream in(kManPage);
  std::stringstream page;
  page << in.rdbuf();
  // groff escapes the hyphen: "check\-config".
  const std::string text = std::regex_replace(page.str(), std::regex(R"(\\-)"), "-");
  const auto help = RunCommand(ShellQuote(NEWSMON_BINARY) + " --help");
  ASSERT_EQ(help.exit_code, 0);
  const std::string listing = help.output.substr(help.output.find("Subcommands:"));
  static const std::regex kCommand(R"(\n  ([a-z][a-z-]+) )");
  int commands = 0;
  for (auto it = std::sregex_iterator(listing.begin(), listing.end(), kCommand); it != std::sregex_iterator(); ++it) {
    const std::string command = (*it)[1];
    ++commands;
    EXPECT_NE(text.find(".B newsmon " + command), std::string::npos) << command << " missing from SYNOPSIS";
    EXPECT_NE(text.find(".TP\n.B " + command), std::string::npos) << command << " missing from COMMANDS";
  }
  EXPECT_GE(commands, 11);
}

}  // namespace
}  // namespace newsmon
