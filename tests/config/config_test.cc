#include "config/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace newsmon {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/newsmon-config-test.XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  void Write(const std::string& name, const std::string& text) const {
    fs::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name) << text;
  }

 private:
  fs::path path_;
};

constexpr char kValid[] = R"(state_dir: /tmp/newsmon-state
metrics_listen: 127.0.0.1:9464
log_level: debug
http:
  user_agent: "newsmon-test/1"
  per_host_connections: 4
  per_host_delay: 250ms
kafka:
  brokers: localhost:9092
  topics: {stories: s.v1, quotes: q.v1}
  producer: {compression.type: zstd}
feeds:
  - id: rferl
    url: https://www.rferl.org/api/feed
    language: en
    interval: 5m
    fetch_article: always
topics:
  - id: russia-sanctions
    query: 'sanction* NEAR/20 Russia'
leaders:
  - id: kz-tokayev
    name: Kassym-Jomart Tokayev
    roles: [{title: President of Kazakhstan, from: 2019-03-20}]
    country: KZ
)";

Result<std::shared_ptr<const Config>> Load(const std::string& yaml) {
  return LoadConfigFromString(yaml, "test.yaml", "/nonexistent");
}

TEST(ConfigTest, ValidConfigLoadsEveryField) {
  auto c = Load(kValid);
  ASSERT_TRUE(c.ok()) << c.error().message;
  const Config& config = **c;
  EXPECT_EQ(config.state_dir, "/tmp/newsmon-state");
  EXPECT_EQ(config.log_level, "debug");
  EXPECT_EQ(config.http.user_agent, "newsmon-test/1");
  EXPECT_EQ(config.http.per_host_connections, 4);
  EXPECT_EQ(config.http.per_host_delay, std::chrono::milliseconds(250));
  EXPECT_EQ(config.kafka.brokers, "localhost:9092");
  EXPECT_EQ(config.kafka.stories_topic, "s.v1");
  EXPECT_EQ(config.kafka.quotes_topic, "q.v1");
  EXPECT_EQ(config.kafka.producer.at("compression.type"), "zstd");
  ASSERT_EQ(config.feeds.size(), 1u);
  EXPECT_EQ(config.feeds[0].id, "rferl");
  EXPECT_EQ(config.feeds[0].interval, std::chrono::minutes(5));
  EXPECT_EQ(config.feeds[0].fetch_article, FetchArticle::kAlways);
  ASSERT_EQ(config.topics.size(), 1u);
  EXPECT_EQ(config.topics[0].query, "sanction* NEAR/20 Russia");
  // The query text starts after the opening quote on line 20.
  EXPECT_EQ(config.topics[0].query_where.line, 20);
  EXPECT_EQ(config.topics[0].query_where.column, 13);
  ASSERT_EQ(config.leaders.size(), 1u);
  EXPECT_EQ(config.leaders[0].country, "KZ");
  ASSERT_EQ(config.leaders[0].roles.size(), 1u);
  EXPECT_EQ(config.leaders[0].roles[0].title, "President of Kazakhstan");
  ASSERT_TRUE(config.leaders[0].roles[0].from.has_value());
}

struct ErrorCase {
  const char* name;
  std::string yaml;
  std::string expected;  // prefix of the message: file:line:column: text
};

TEST(ConfigTest, EachClassOfErrorPointsAtFileLineColumn) {
  const ErrorCase cases[] = {
      {"unknown top-level key", "state_dir: /x\nfeeds: []\nkafak: {}\n", "test.yaml:3:1: unknown key 'kafak'"},
      {"unknown nested key", "http:\n  user_agnet: x\n", "test.yaml:2:3: unknown key 'user_agnet' in http"},
      {"wrong type: list expected", "feeds: {id: a}\n", "test.yaml:1:8: feeds must be a list"},
      {"wrong type: integer expected", "http:\n  max_connections: many\n",
       "test.yaml:2:20: http.max_connections must be an integer"},
      {"integer out of range", "http:\n  max_connections: 0\n", "test.yaml:2:20: http.max_connections must be between"},
      {"bad duration", "feeds:\n  - id: a\n    url: https://x.org/f\n    interval: 5 minutes\n",
       "test.yaml:4:15: feed interval must be a positive duration"},
      {"bad url", "feeds:\n  - id: a\n    url: ftp://x.org/f\n", "test.yaml:3:10: feed url must be an http://"},
      {"missing id", "feeds:\n  - url: https://x.org/f\n", "test.yaml:2:5: a feed needs an 'id'"},
      {"bad id", "topics:\n  - id: Has Spaces\n    query: x\n", "test.yaml:2:9: topic id 'Has Spaces' must be"},
      {"duplicate id", "feeds:\n  - id: a\n    url: https://x.org/1\n  - id: a\n    url: https://x.org/2\n",
       "test.yaml:4:5: duplicate feed id 'a' (first defined at test.yaml:2:5)"},
      {"bad enum", "feeds:\n  - id: a\n    url: https://x.org/f\n    fetch_article: sometimes\n",
       "test.yaml:4:20: fetch_article must be always, never or auto"},
      {"bad date", "leaders:\n  - id: a\n    name: A\n    roles: [{title: T, from: 2019-13-01}]\n",
       "test.yaml:4:30: role from must be a date"},
      {"bad country", "leaders:\n  - id: a\n    name: A\n    country: Kazakhstan\n",
       "test.yaml:4:14: leader country must be an ISO 3166"},
      {"yaml syntax", "feeds: [\n  - a\n", "test.yaml:2:3: YAML syntax error"},
      {"missing include", "include: [nothere.yaml]\n", "test.yaml:1:11: included file"},
      {"empty query", "topics:\n  - id: a\n    query: '  '\n", "test.yaml:3:12: topic query must not be empty"},
      {"bad log level", "log_level: loud\n", "test.yaml:1:12: log_level must be one of"},
      {"bad topic name", "kafka:\n  topics: {stories: 'a b'}\n", "test.yaml:2:21: invalid Kafka topic name"},
      {"bad archive topic", "kafka:\n  topics: {articles: 'a/b'}\n", "test.yaml:2:22: invalid Kafka topic name"},
      {"example without expect", "topics:\n  - id: a\n    query: x\n    examples:\n      - text: y\n",
       "test.yaml:5:9: a topic example needs 'expect: match' or 'expect: no-match'"},
      {"example with a bad expect", "topics:\n  - id: a\n    query: x\n    examples:\n      - {expect: yes, text: y}\n",
       "test.yaml:5:18: example expect must be 'match' or 'no-match', found 'yes'"},
      {"example without text", "topics:\n  - id: a\n    query: x\n    examples:\n      - expect: match\n",
       "test.yaml:5:9: a topic example needs a 'text' (and optionally a 'title') or a 'file'"},
      {"example with text and file",
       "topics:\n  - id: a\n    query: x\n    examples:\n      - {expect: match, text: y, file: z.txt}\n",
       "test.yaml:5:9: a topic example has either 'file' or 'title'/'text', not both"},
      {"bad definition name", "define:\n  Bad Name: x\n", "test.yaml:2:3: definition name 'Bad Name' must be"},
      {"empty definition", "define:\n  a: ' '\n", "test.yaml:2:6: definition 'a' must not be empty"},
      {"duplicate definition", "define:\n  a: x\ndefine:\n  a: y\n", "test.yaml:4:3: duplicate definition 'a'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = Load(c.yaml);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message.substr(0, c.expected.size()), c.expected) << r.error().message;
  }
}

TEST(ConfigTest, IncludesLoadTopicsAndLeadersFromSeparateFiles) {
  TempDir dir;
  dir.Write("topics/a.yaml", "topics:\n  - id: a\n    query: alpha\n");
  dir.Write("topics/b.yaml", "topics:\n  - id: b\n    query: beta\n");
  dir.Write("leaders.yaml", "leaders:\n  - id: l\n    name: Leader Name\n");
  dir.Write("main.yaml", "include: [topics/*.yaml, leaders.yaml]\nfeeds: []\n");
  auto c = LoadConfig(dir.path() / "main.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  ASSERT_EQ((*c)->topics.size(), 2u);
  EXPECT_EQ((*c)->topics[0].id, "a");
  EXPECT_EQ((*c)->topics[1].id, "b");
  EXPECT_EQ((*c)->topics[1].where.file, (dir.path() / "topics/b.yaml").string());
  ASSERT_EQ((*c)->leaders.size(), 1u);
}

TEST(ConfigTest, DefinitionsAndExamplesFromIncludedFiles) {
  TempDir dir;
  dir.Write("topics/vocabulary.yaml", "define:\n  ru: |\n    russia OR moscow\n");
  dir.Write("topics/t.yaml",
            "topics:\n  - id: t\n    query: '@ru AND sanction*'\n    examples:\n      - expect: match\n"
            "        title: EU sanctions Russia\n        text: Moscow objects.\n      - expect: no-match\n"
            "        file: stories/parade.txt\n");
  dir.Write("main.yaml", "include: [topics/*.yaml]\nkafka:\n  topics: {articles: newsmon.articles.v1}\n");
  auto c = LoadConfig(dir.path() / "main.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  const TopicConfig& t = (*c)->topics[0];
  ASSERT_NE(t.definitions, nullptr);
  ASSERT_EQ(t.definitions->count("ru"), 1u);
  EXPECT_EQ(t.definitions->at("ru").text, "russia OR moscow\n");
  EXPECT_EQ(t.definitions->at("ru").where.line, 3);
  EXPECT_EQ(t.definitions->at("ru").where.column, 5);
  ASSERT_EQ(t.examples.size(), 2u);
  EXPECT_TRUE(t.examples[0].expect_match);
  EXPECT_EQ(t.examples[0].title, "EU sanctions Russia");
  EXPECT_EQ(t.examples[0].where.line, 5);
  EXPECT_FALSE(t.examples[1].expect_match);
  EXPECT_EQ(t.examples[1].file, dir.path() / "topics/stories/parade.txt");  // relative to the file naming it
  EXPECT_EQ((*c)->kafka.articles_topic, "newsmon.articles.v1");
  // No archive topic unless configured.
  dir.Write("plain.yaml", "feeds: []\n");
  EXPECT_EQ((*LoadConfig(dir.path() / "plain.yaml"))->kafka.articles_topic, "");
}

TEST(ConfigTest, ErrorsInIncludedFilesNameThatFile) {
  TempDir dir;
  dir.Write("topics/bad.yaml", "topics:\n  - id: a\n    qeury: alpha\n");
  dir.Write("main.yaml", "include: [topics/*.yaml]\n");
  auto c = LoadConfig(dir.path() / "main.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().message.rfind((dir.path() / "topics/bad.yaml").string() + ":3:5: unknown key 'qeury'", 0), 0u)
      << c.error().message;
}

TEST(ConfigTest, IncludedFilesMayOnlyHoldFeedsTopicsLeaders) {
  TempDir dir;
  dir.Write("x.yaml", "kafka: {brokers: a:1}\n");
  dir.Write("main.yaml", "include: [x.yaml]\n");
  auto c = LoadConfig(dir.path() / "main.yaml");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("x.yaml:1:1: unknown key 'kafka' in an included file"), std::string::npos)
      << c.error().message;
}

TEST(ConfigTest, RelativeFileUrlsResolveAgainstTheConfigFolder) {
  TempDir dir;
  dir.Write("main.yaml", "feeds:\n  - id: a\n    url: file:feeds/a.xml\n");
  auto c = LoadConfig(dir.path() / "main.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ((*c)->feeds[0].url, "file://" + (dir.path() / "feeds/a.xml").string());
}

TEST(ConfigTest, ShippedConfigsAreValid) {
  for (const char* name : {"newsmon.yaml", "demo.yaml"}) {
    SCOPED_TRACE(name);
    auto c = LoadConfig(fs::path(NEWSMON_SOURCE_DIR) / "config" / name);
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_FALSE((*c)->feeds.empty());
  }
}

TEST(ConfigTest, IntervalBoundsDefaultAroundTheInterval) {
  auto c = Load("feeds:\n  - id: a\n    url: https://x.org/f\n    interval: 2h\n");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_LE((*c)->feeds[0].min_interval, (*c)->feeds[0].interval);
  EXPECT_GE((*c)->feeds[0].max_interval, (*c)->feeds[0].interval);
  auto bad = Load("feeds:\n  - id: a\n    url: https://x.org/f\n    min_interval: 2h\n    max_interval: 1h\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("min_interval is larger than max_interval"), std::string::npos);
}

}  // namespace
}  // namespace newsmon
