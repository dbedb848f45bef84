// `newsmon parse-feed` end to end: flags reach the parser, errors exit non-zero,
// a truncated feed is flagged.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace {

// `stderr_to`: where standard error goes ("&1" mixes it into the output).
std::string RunParseFeed(const std::string& args, int* status, const std::string& stderr_to = "&1") {
  const std::string cmd = std::string(NEWSMON_BINARY) + " parse-feed " + args + " 2>" + stderr_to;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
  *status = pclose(pipe.release());
  return out;
}

const std::string kFixtures = std::string(NEWSMON_SOURCE_DIR) + "/tests/feed/fixtures/";

TEST(ParseFeedCliTest, PrintsNeutralJsonWithBaseUrl) {
  int status = 0;
  const std::string out = RunParseFeed(kFixtures + "rss20_full.xml --url https://gazette.example/feed.xml", &status);
  ASSERT_EQ(status, 0) << out;
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["format"], "rss");
  EXPECT_EQ(j["entries"][1]["link"], "https://gazette.example/news/48190/lighthouse-reopens");
}

TEST(ParseFeedCliTest, ContentTypeCharsetIsUsed) {
  // rss091.xml is ASCII: any single-byte charset reads it the same, an unknown one warns but works.
  int status = 0;
  const std::string out = RunParseFeed(kFixtures + "rss091.xml --content-type 'text/xml; charset=koi8-r'", &status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["version"], "0.91");
}

// A cut-off document is still a feed (exit 0) whose JSON says truncated;
// standard error says where it was cut.
TEST(ParseFeedCliTest, TruncatedFeedSaysSo) {
  int status = 0;
  const std::string out = RunParseFeed(kFixtures + "truncated.xml", &status, "/dev/null");
  ASSERT_EQ(status, 0) << out;
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["truncated"], true);
  ASSERT_EQ(j["entries"].size(), 1u);
  EXPECT_EQ(j["entries"][0]["id"], "https://wire.example/a/100001");
  const std::string both = RunParseFeed(kFixtures + "truncated.xml", &status);
  EXPECT_NE(both.find("truncated.xml: truncated: <item> cut off at end of document, dropped"), std::string::npos)
      << both;
}

TEST(ParseFeedCliTest, MissingFileAndNonFeedFail) {
  int status = 0;
  RunParseFeed(kFixtures + "no-such-file.xml", &status);
  EXPECT_NE(status, 0);
  const std::string out = RunParseFeed(std::string(NEWSMON_SOURCE_DIR) + "/tests/feed/cli_test.cc", &status);
  EXPECT_NE(status, 0) << out;
}

}  // namespace
