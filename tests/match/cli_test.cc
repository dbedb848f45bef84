// `newsmon match` run as a process on files written for the test.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
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

TEST(MatchCliTest, TextFilesHaveATitleLineAndOneParagraphPerLine) {
  Output o =
      RunNewsmon("match --json --config " + Fixture("labelled/topics.yaml") + " " + Fixture("labelled/eu-package.txt"));
  ASSERT_EQ(o.status, 0) << o.out;
  const auto doc = nlohmann::json::parse(o.out);
  const auto& terms = doc["topics"][0]["terms"];
  ASSERT_GE(terms.size(), 4u) << o.out;
  EXPECT_EQ(terms[0]["field"], "title");
  EXPECT_EQ(terms[0]["paragraph"], 0);
  // "Moscow called the sanctions illegal." is the body's second line: paragraph 2.
  EXPECT_EQ(terms.back()["term"], "sanction*");
  EXPECT_EQ(terms.back()["paragraph"], 2);
}

TEST(MatchCliTest, LabelsScorePrecisionRecallAndListTheMisses) {
  Output o =
      RunNewsmon("match --config " + Fixture("labelled/topics.yaml") + " --labels " + Fixture("labelled/labels.jsonl"));
  ASSERT_EQ(o.status, 0) << o.out;
  // Topic ids are found as written and with '_' for '-'; rows without a topic's key do not count for it.
  EXPECT_NE(o.out.find("russia-sanctions: precision 1.000 (1/1), recall 0.500 (1/2), 4 labelled (2 yes, 2 no)"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("negatives matched by kind: russia_no_sanctions 0/1 sanctions_other 0/1"), std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("missed price-cap.txt (score 0)"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("russia @ body"), std::string::npos) << o.out;  // what the missed story does hold
  EXPECT_NE(o.out.find("weighted: precision 1.000 (1/1), recall 1.000 (1/1), 2 labelled"), std::string::npos) << o.out;

  Output j = RunNewsmon("match --json --config " + Fixture("labelled/topics.yaml") + " --labels " +
                        Fixture("labelled/labels.jsonl"));
  ASSERT_EQ(j.status, 0) << j.out;
  const auto summary = nlohmann::json::parse(j.out);
  ASSERT_EQ(summary["topics"].size(), 2u);
  EXPECT_EQ(summary["topics"][0]["id"], "russia-sanctions");
  EXPECT_EQ(summary["topics"][0]["fn"], 1);
  EXPECT_DOUBLE_EQ(summary["topics"][0]["recall"].get<double>(), 0.5);
  EXPECT_EQ(summary["topics"][0]["misses"][0]["file"], "price-cap.txt");
  EXPECT_EQ(summary["topics"][0]["negatives_by_kind"]["sanctions_other"]["total"], 1);
}

TEST(MatchCliTest, BadLabelsAreReportedWithTheirLine) {
  char tmpl[] = "/tmp/newsmon-labels.XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  {
    std::ofstream out(dir + "/labels.jsonl");
    out << "{\"file\": \"missing.txt\", \"x\": \"yes\"}\n";
  }
  Output o = RunNewsmon("match --config " + Fixture("cli.yaml") + " --labels " + dir + "/labels.jsonl");
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.out.find(dir + "/labels.jsonl:1: cannot read " + dir + "/missing.txt"), std::string::npos) << o.out;
  {
    std::ofstream out(dir + "/labels.jsonl");
    out << "not json\n";
  }
  o = RunNewsmon("match --config " + Fixture("cli.yaml") + " --labels " + dir + "/labels.jsonl");
  EXPECT_NE(o.status, 0);
  EXPECT_NE(o.out.find("labels.jsonl:1: expected a JSON object with a \"file\""), std::string::npos) << o.out;
  std::filesystem::remove_all(dir);
}

TEST(MatchCliTest, CheckConfigRunsTopicExamplesAndExplainsFailures) {
  Output o = RunNewsmon("check-config " + Fixture("examples.yaml"));
  EXPECT_NE(o.status, 0);
  // Each failing example at its file:line:column, with what made the verdict.
  EXPECT_NE(o.out.find(Fixture("examples.yaml") +
                       ":10:9: topic 'sanctions': example should match but does not (score 0): G7 lowers the oil "
                       "price cap"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find(Fixture("examples.yaml") +
                       ":12:9: topic 'sanctions': example should not match but does (score 2): Moscow answered"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("moscow @ body paragraph 1 (lead)  \"Moscow answered the sanctions with\""), std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("2 of 4 topic examples failed"), std::string::npos) << o.out;
}

TEST(MatchCliTest, ShippedPacksPassTheirExamples) {
  Output o = RunNewsmon("check-config " + std::string(NEWSMON_SOURCE_DIR) + "/config/newsmon.yaml");
  EXPECT_EQ(o.status, 0) << o.out;
  EXPECT_NE(o.out.find("topic examples passed"), std::string::npos) << o.out;
}

}  // namespace
