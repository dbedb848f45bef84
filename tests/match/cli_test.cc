// `newsmon match` run as a process on files written for the test.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>
#include <sstream>
#include <string>

namespace {

struct Output {
  int status = -1;
  std::string out;
};

Output RunNewsmon(const std::string& args) {
  const std::string command = std::string(NEWSMON_BINARY) + " " + args + " 2>&1";
  Output o;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return o;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) o.out.append(buf, n);
  o.status = pclose(pipe);
  return o;
}

std::string Fixture(const std::string& name) {
  return std::string(NEWSMON_SOURCE_DIR) + "/tests/match/fixtures/" + name;
}

TEST(MatchCliTest, JsonOneLinePerDocumentWithEveryTopic) {
  Output o = RunNewsmon("match --json --config " + Fixture("cli.yaml") + " " + Fixture("story.txt") + " " +
                        Fixture("page.html") + " " + Fixture("feed.xml"));
  ASSERT_EQ(o.status, 0) << o.out;
  std::istringstream lines(o.out);
  std::vector<nlohmann::json> docs;
  for (std::string line; std::getline(lines, line);) docs.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(docs.size(), 4u) << o.out;  // the text, the page and two feed entries

  const auto& story = docs[0];
  EXPECT_EQ(story["document"], Fixture("story.txt"));
  ASSERT_EQ(story["topics"].size(), 2u);
  EXPECT_EQ(story["topics"][0]["id"], "sanctions");
  EXPECT_EQ(story["topics"][0]["matched"], true);
  const auto& terms = story["topics"][0]["terms"];
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(terms[0]["term"], "russia");
  EXPECT_EQ(terms[0]["field"], "body");
  EXPECT_EQ(terms[0]["start"], 42);
  EXPECT_EQ(terms[0]["end"], 48);
  EXPECT_EQ(terms[1]["term"], "sanction*");
  EXPECT_EQ(story["topics"][1]["id"], "weighted");
  EXPECT_EQ(story["topics"][1]["matched"], true);
  EXPECT_EQ(story["topics"][1]["score"], 3);

  const auto& page = docs[1];
  EXPECT_EQ(page["topics"][0]["matched"], false);
  EXPECT_EQ(page["topics"][1]["matched"], false);
  EXPECT_EQ(page["topics"][1]["score"], 0);
  EXPECT_TRUE(page["topics"][0]["terms"].empty());

  EXPECT_EQ(docs[2]["topics"][0]["matched"], false);
  EXPECT_EQ(docs[3]["topics"][0]["matched"], true);
  EXPECT_EQ(docs[3]["topics"][0]["terms"][0]["field"], "title");
}

TEST(MatchCliTest, TextOutputExplains) {
  Output o = RunNewsmon("match --config " + Fixture("cli.yaml") + " " + Fixture("story.txt"));
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_NE(o.out.find("sanctions: MATCH"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("sanction* @ body"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Russia will face more sanctions"), std::string::npos) << o.out;
}

TEST(MatchCliTest, RuleErrorIsReportedWithLocation) {
  Output o = RunNewsmon("match --config " + Fixture("bad-rule.yaml") + " " + Fixture("story.txt"));
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.out.find("bad-rule.yaml:6:7: unterminated phrase"), std::string::npos) << o.out;
}

TEST(MatchCliTest, MissingFileIsAnError) {
  Output o = RunNewsmon("match --config " + Fixture("cli.yaml") + " " + Fixture("no-such-file.txt"));
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.out.find("cannot read"), std::string::npos) << o.out;
}

}  // namespace
