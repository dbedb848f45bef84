// The operator artefacts in deploy/: Prometheus alerting rules (checked and
// unit-tested by promtool) and the Grafana dashboard, and both name only
// metrics the daemon exports.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "../app/subprocess.h"
#include "ops/metrics.h"
#include "prometheus_parser.h"

namespace newsmon::ops {
namespace {

using newsmon::testing::RunCommand;
using newsmon::testing::ShellQuote;

const std::string kDeploy = std::string(NEWSMON_SOURCE_DIR) + "/deploy";

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The metric families a query names: newsmon_* and process_*, histogram
// series (_bucket, _sum, _count) mapped to their family.
std::set<std::string> NamedFamilies(const std::string& text) {
  std::set<std::string> out;
  static const std::regex kName(R"(\b((?:newsmon|process)_[a-z_]+)\b)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kName); it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1];
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
      if (name.ends_with(suffix)) name.resize(name.size() - std::string(suffix).size());
    }
    out.insert(name);
  }
  return out;
}

std::set<std::string> ExportedFamilies() {
  NewsmonMetrics metrics("test");
  const auto exposition = testing::ParseExposition(metrics.registry.Render());
  std::set<std::string> out;
  for (const auto& [family, type] : exposition.types) out.insert(family);
  return out;
}

TEST(AlertRulesTest, PromtoolChecksAndUnitTestsTheRules) {
  // install-deps installs Debian's prometheus for promtool; its absence is a broken setup.
  ASSERT_EQ(RunCommand("command -v promtool >/dev/null").exit_code, 0) << "promtool missing: run scripts/install-deps";
  const auto check =
      RunCommand("cd " + ShellQuote(kDeploy + "/prometheus") + " && promtool check rules newsmon-alerts.yml 2>&1");
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_NE(check.output.find("SUCCESS: 10 rules found"), std::string::npos) << check.output;
  const auto unit =
      RunCommand("cd " + ShellQuote(kDeploy + "/prometheus") + " && promtool test rules newsmon-alerts.test.yml 2>&1");
  EXPECT_EQ(unit.exit_code, 0) << unit.output;
}

TEST(AlertRulesTest, RulesAndDashboardNameOnlyExportedMetrics) {
  const std::set<std::string> exported = ExportedFamilies();
  ASSERT_GT(exported.size(), 40u);
  for (const std::string file : {"/prometheus/newsmon-alerts.yml", "/grafana/newsmon-dashboard.json"}) {
    const std::set<std::string> named = NamedFamilies(ReadText(kDeploy + file));
    EXPECT_GT(named.size(), 5u) << file;
    for (const auto& family : named) EXPECT_TRUE(exported.contains(family)) << file << " names " << family;
  }
}

TEST(AlertRulesTest, DashboardIsImportableGrafanaJson) {
  const auto dashboard = nlohmann::json::parse(ReadText(kDeploy + "/grafana/newsmon-dashboard.json"));
  EXPECT_EQ(dashboard.at("uid"), "newsmon-overview");
  ASSERT_TRUE(dashboard.at("panels").is_array());
  std::set<int> ids;
  for (const auto& panel : dashboard.at("panels")) {
    EXPECT_TRUE(ids.insert(panel.at("id").get<int>()).second) << "duplicate panel id " << panel.at("id");
    ASSERT_FALSE(panel.at("targets").empty()) << panel.at("title");
    for (const auto& target : panel.at("targets")) {
      EXPECT_NE(target.at("expr").get<std::string>().find("instance=~\"$instance\""), std::string::npos)
          << panel.at("title") << ": every query follows the instance selector";
    }
  }
  EXPECT_GE(ids.size(), 10u);
}

}  // namespace
}  // namespace newsmon::ops
