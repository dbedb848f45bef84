// Checks deploy/newsmon.service with systemd's own analyzer, so a typo or a
// hardening regression fails the build instead of a production start.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const fs::path kUnit = fs::path(NEWSMON_SOURCE_DIR) / "deploy" / "newsmon.service";

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CommandResult RunShell(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

bool HaveSystemdAnalyze() { return RunShell("command -v systemd-analyze").exit_code == 0; }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Quote(const std::string& s) { return "'" + s + "'"; }

// A per-test scratch directory, removed afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "newsmon-unit-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~ScratchDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(UnitFileTest, SystemdAnalyzeVerifyAcceptsTheUnit) {
  ASSERT_TRUE(HaveSystemdAnalyze()) << "systemd-analyze missing: scripts/install-deps installs it (package systemd)";
  // verify insists that ExecStart's binary exists: point it at the one just built.
  std::string unit = ReadFile(kUnit);
  const std::string from = "ExecStart=/usr/bin/newsmon ";
  const size_t at = unit.find(from);
  ASSERT_NE(at, std::string::npos);
  unit.replace(at, from.size(), "ExecStart=" + fs::absolute(NEWSMON_BINARY).string() + " ");
  ScratchDir dir;
  const fs::path copy = dir.path() / "newsmon.service";
  std::ofstream(copy) << unit;

  const CommandResult r = RunShell("systemd-analyze verify " + Quote(copy.string()));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  // Warnings do not change the exit code; any line about our unit is a finding.
  EXPECT_EQ(r.output.find("newsmon.service"), std::string::npos) << r.output;
}

TEST(UnitFileTest, VerifyCatchesAMissingBinary) {
  ASSERT_TRUE(HaveSystemdAnalyze()) << "systemd-analyze missing: scripts/install-deps installs it (package systemd)";
  std::string unit = ReadFile(kUnit);
  unit = std::regex_replace(unit, std::regex("ExecStart=/usr/bin/newsmon"), "ExecStart=/nonexistent/newsmon");
  ScratchDir dir;
  const fs::path copy = dir.path() / "newsmon.service";
  std::ofstream(copy) << unit;
  EXPECT_NE(RunShell("systemd-analyze verify " + Quote(copy.string())).exit_code, 0);
}

TEST(UnitFileTest, SecurityExposureIsAtMostTwo) {
  ASSERT_TRUE(HaveSystemdAnalyze()) << "systemd-analyze missing: scripts/install-deps installs it (package systemd)";
  const CommandResult r = RunShell("systemd-analyze security --offline=yes " + Quote(kUnit.string()));
  std::smatch m;
  const std::regex overall(R"(Overall exposure level for newsmon\.service: ([0-9]+\.[0-9]+))");
  ASSERT_TRUE(std::regex_search(r.output, m, overall)) << r.output;
  EXPECT_LE(std::stod(m[1]), 2.0) << r.output;
}

TEST(UnitFileTest, StopTimeoutLeavesRoomForTheKafkaFlush) {
  const std::string unit = ReadFile(kUnit);
  const std::string config = ReadFile(fs::path(NEWSMON_SOURCE_DIR) / "config" / "newsmon.yaml");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(unit, m, std::regex(R"(\nTimeoutStopSec=([0-9]+)s\n)")));
  const int stop_timeout = std::stoi(m[1]);
  ASSERT_TRUE(std::regex_search(config, m, std::regex(R"(\n\s+flush_timeout:\s*([0-9]+)s)")));
  const int flush_timeout = std::stoi(m[1]);
  EXPECT_GT(stop_timeout, flush_timeout);

  for (const char* line : {"\nType=notify\n", "\nWatchdogSec=30s\n", "\nExecReload=/bin/kill -HUP $MAINPID\n",
                           "\nExecStart=/usr/bin/newsmon run --config /etc/newsmon/newsmon.yaml\n",
                           "\nDynamicUser=yes\n", "\nStateDirectory=newsmon\n", "\nMemoryDenyWriteExecute=yes\n"}) {
    EXPECT_NE(unit.find(line), std::string::npos) << line;
  }
}

}  // namespace
