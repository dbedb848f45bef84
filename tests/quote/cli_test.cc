// `newsmon quotes FILE [--config C]`: one JSON line per quote with code point offsets.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string RunQuotes(const std::string& args) {
  const std::string cmd = std::string(NEWSMON_BINARY) + " quotes " + args + " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  std::array<char, 4096> buf{};
  size_t n;
  while (pipe && (n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
  return out;
}

TEST(QuotesCli, PrintsJsonLinesWithLeaders) {
  const std::string dir = std::string(NEWSMON_SOURCE_DIR);
  const std::string out =
      RunQuotes(dir + "/tests/quote/fixtures/mixed_story.txt --config " + dir + "/config/leaders.yaml");
  std::istringstream lines(out);
  std::vector<nlohmann::json> quotes;
  for (std::string line; std::getline(lines, line);) quotes.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(quotes.size(), 3u) << out;
  EXPECT_EQ(quotes[0]["text"], "We will lift relations to a new level,");
  EXPECT_EQ(quotes[0]["leader"], "kz-tokayev");
  EXPECT_EQ(quotes[0]["speaker"], "Kassym-Jomart Tokayev");
  EXPECT_EQ(quotes[1]["text"], "long overdue");
  EXPECT_EQ(quotes[1]["leader"], "de-merz");
  EXPECT_EQ(quotes[2]["attribution"], "pronoun");
  EXPECT_EQ(quotes[2]["leader"], "de-merz");
  std::ifstream f(dir + "/tests/quote/fixtures/mixed_story.txt");
  const std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  // ASCII text: code points equal bytes.
  const size_t start = quotes[0]["start"];
  EXPECT_EQ(text.substr(start, 10), "We will li");
}

// The story's date decides who "the chancellor" was, as in the daemon.
TEST(QuotesCli, DateResolvesRolesAsOfThatDay) {
  const std::string dir = std::string(NEWSMON_SOURCE_DIR);
  const std::string file = ::testing::TempDir() + "/chancellor.txt";
  std::ofstream(file) << "\u201cThe energy partnership is working,\u201d the German chancellor said.\n";
  auto leader_on = [&](const std::string& extra) {
    const std::string out = RunQuotes(file + " --config " + dir + "/config/leaders.yaml " + extra);
    if (out.empty()) return std::string("no output");
    return nlohmann::json::parse(out.substr(0, out.find('\n')))["leader"].get<std::string>();
  };
  EXPECT_EQ(leader_on("--date 2023-06-01"), "de-scholz");
  EXPECT_EQ(leader_on("--date 2025-06-01 --language en"), "de-merz");
  EXPECT_EQ(leader_on("--date 2023-02-30"), "no output") << "an impossible date is refused";
  EXPECT_EQ(leader_on("--language fr"), "no output") << "an unknown language is refused";
}

TEST(QuotesCli, MissingFileIsAnError) { EXPECT_EQ(RunQuotes("/nonexistent/file.txt"), ""); }

}  // namespace
