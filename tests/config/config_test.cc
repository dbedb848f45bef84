#include "config/config.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "feed/feed_parser.h"

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
      {"group without id", "group: {partitions: 8}\n", "test.yaml:1:8: group.id is required"},
      {"bad group id", "group: {id: 'a b'}\n", "test.yaml:1:13: invalid Kafka group name"},
      {"group partitions", "group: {id: g, partitions: 0}\n", "test.yaml:1:28: group.partitions"},
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
      {"define given twice", "define:\n  a: x\ndefine:\n  a: y\n",
       "test.yaml:3:1: duplicate key 'define' (first at test.yaml:1:1)"},
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
  const std::string bad = (dir.path() / "topics/bad.yaml").string();
  EXPECT_EQ(c.error().message,
            bad + ":2:5: topic needs a 'query'\n" + bad +
                ":3:5: unknown key 'qeury' in a topic (allowed: id, name, query, threshold, examples)");
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

// The whole message: every problem of the config, one line each.
void ExpectErrors(const Result<std::shared_ptr<const Config>>& r, const std::string& expected) {
  ASSERT_FALSE(r.ok()) << "expected: " << expected;
  EXPECT_EQ(r.error().message, expected);
}

TEST(ConfigTest, DurationsThatOverflowOrAreAbsurdAreRefused) {
  const std::string feed = "feeds:\n  - id: a\n    url: https://x.org/f\n";
  const ErrorCase cases[] = {
      // Wrapped around to about a second before ParseDuration checked its arithmetic.
      {"interval wrapping int64", feed + "    interval: 106751991167301d\n",
       "test.yaml:4:15: feed interval must be at most 30d, found '106751991167301d'"},
      // Fitted int64 seconds, so the feed was never polled again.
      {"interval of int64 max seconds", feed + "    interval: 9223372036854775807s\n",
       "test.yaml:4:15: feed interval must be at most 30d, found '9223372036854775807s'"},
      {"interval over a month", feed + "    interval: 31d\n",
       "test.yaml:4:15: feed interval must be at most 30d, found '31d'"},
      {"min_interval beyond any integer", feed + "    min_interval: 99999999999999999999m\n",
       "test.yaml:4:19: feed min_interval must be at most 30d, found '99999999999999999999m'"},
      {"max_interval", feed + "    max_interval: 720h1\n",
       "test.yaml:4:19: feed max_interval must be a positive duration like 90s, 5m or 1h, found '720h1'"},
      {"connect_timeout", "http:\n  connect_timeout: 2h\n",
       "test.yaml:2:20: http.connect_timeout must be at most 1h, found '2h'"},
      {"total_timeout", "http:\n  total_timeout: 9223372036854775807s\n",
       "test.yaml:2:18: http.total_timeout must be at most 1h, found '9223372036854775807s'"},
      {"low_speed_time", "http:\n  low_speed_time: 106751991167301d\n",
       "test.yaml:2:19: http.low_speed_time must be at most 1h, found '106751991167301d'"},
      {"per_host_delay in ms", "http:\n  per_host_delay: 3600001ms\n",
       "test.yaml:2:19: http.per_host_delay must be at most 1h, found '3600001ms'"},
      {"per_host_delay beyond int64 ms", "http:\n  per_host_delay: 99999999999999999999ms\n",
       "test.yaml:2:19: http.per_host_delay must be at most 1h, found '99999999999999999999ms'"},
      {"flush_timeout", "kafka:\n  flush_timeout: 106751991167301d\n",
       "test.yaml:2:18: kafka.flush_timeout must be at most 1h, found '106751991167301d'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectErrors(Load(c.yaml), c.expected);
  }
  auto longest = Load(feed +
                      "    interval: 30d\n    max_interval: 720h\nhttp:\n  connect_timeout: 1h\n"
                      "  per_host_delay: 3600000ms\nkafka:\n  flush_timeout: 60m\n");
  ASSERT_TRUE(longest.ok()) << longest.error().message;
  EXPECT_EQ((*longest)->feeds[0].interval, kMaxFeedInterval);
  EXPECT_EQ((*longest)->http.per_host_delay, kMaxTimeout);
}

TEST(ConfigTest, MetricsListenPortMustBeAPort) {
  ExpectErrors(Load("metrics_listen: 127.0.0.1:99999\n"),
               "test.yaml:1:17: metrics_listen port must be between 0 and 65535 (0 picks a free port), found "
               "'127.0.0.1:99999'");
  ExpectErrors(Load("metrics_listen: '[::1]:70000'\n"),
               "test.yaml:1:17: metrics_listen port must be between 0 and 65535 (0 picks a free port), found "
               "'[::1]:70000'");
  // The metrics server binds port 0 to a free port and logs which.
  for (const char* ok : {"127.0.0.1:65535", "127.0.0.1:0", "localhost:1", "off"}) {
    SCOPED_TRACE(ok);
    auto c = Load(std::string("metrics_listen: '") + ok + "'\n");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ((*c)->metrics_listen, ok);
  }
}

TEST(ConfigTest, NumbersMustBeFinite) {
  for (const char* value : {".nan", ".NaN", ".inf", "-.inf", "+.Inf", ".INF"}) {
    SCOPED_TRACE(value);
    ExpectErrors(Load(std::string("topics:\n  - id: a\n    query: x\n    threshold: ") + value + "\n"),
                 std::string("test.yaml:4:16: topic threshold must be a finite number, found '") + value + "'");
  }
  auto c = Load("topics:\n  - id: a\n    query: x\n    threshold: 2.5\n");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ((*c)->topics[0].threshold, 2.5);
}

TEST(ConfigTest, DuplicateKeysAreReportedAtTheSecond) {
  const ErrorCase cases[] = {
      {"top level", "log_level: info\nlog_level: debug\n",
       "test.yaml:2:1: duplicate key 'log_level' (first at test.yaml:1:1)"},
      {"in a feed", "feeds:\n  - id: a\n    url: https://x.org/f\n    id: b\n",
       "test.yaml:4:5: duplicate key 'id' (first at test.yaml:2:5)"},
      {"in a flow mapping", "http: {max_redirects: 1, max_redirects: 2}\n",
       "test.yaml:1:26: duplicate key 'max_redirects' (first at test.yaml:1:8)"},
      {"where any key is allowed", "kafka:\n  producer:\n    acks: all\n    acks: '1'\n",
       "test.yaml:4:5: duplicate key 'acks' (first at test.yaml:3:5)"},
      {"in a definition list", "define:\n  ru: russia\n  ru: moscow\n",
       "test.yaml:3:3: duplicate key 'ru' (first at test.yaml:2:3)"},
      {"thrice", "state_dir: /a\nstate_dir: /b\nstate_dir: /c\n",
       "test.yaml:2:1: duplicate key 'state_dir' (first at test.yaml:1:1)\n"
       "test.yaml:3:1: duplicate key 'state_dir' (first at test.yaml:1:1)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectErrors(Load(c.yaml), c.expected);
  }
}

TEST(ConfigTest, NamesMustNotBeBlank) {
  const ErrorCase cases[] = {
      {"blank leader name", "leaders:\n  - id: a\n    name: '  '\n", "test.yaml:3:11: leader name must not be blank"},
      {"empty leader name", "leaders:\n  - id: a\n    name: ''\n", "test.yaml:3:11: leader name must not be blank"},
      {"blank alias", "leaders:\n  - id: a\n    name: A\n    aliases: [B, ' ']\n",
       "test.yaml:4:18: leader alias must not be blank"},
      {"blank role title", "leaders:\n  - id: a\n    name: A\n    roles: [{title: ''}]\n",
       "test.yaml:4:21: role title must not be blank"},
      // Optional (the id stands in), but not blank when given.
      {"blank topic name", "topics:\n  - id: a\n    name: \"\\t\"\n    query: x\n",
       "test.yaml:3:11: topic name must not be blank"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ExpectErrors(Load(c.yaml), c.expected);
  }
}

TEST(ConfigTest, RolesMustNotEndBeforeTheyStart) {
  ExpectErrors(Load("leaders:\n  - id: a\n    name: A\n    roles: [{title: T, from: 2020-05-01, to: 2019-03-20}]\n"),
               "test.yaml:4:30: role from 2020-05-01 is after role to 2019-03-20");
  auto one_day = Load("leaders:\n  - id: a\n    name: A\n    roles: [{title: T, from: 2020-05-01, to: 2020-05-01}]\n");
  ASSERT_TRUE(one_day.ok()) << one_day.error().message;
}

// yaml-cpp ends an open quote silently at the end of a file that ends with
// a newline (the string swallows the rest of the file), and without one
// says "illegal EOF in scalar" at the end of the file.
TEST(ConfigTest, AnUnclosedQuoteIsReportedWhereItOpens) {
  const std::string expected =
      "test.yaml:3:10: YAML syntax error: the string opened here with \" is never closed (it runs to the end of the "
      "file)";
  ExpectErrors(Load("feeds:\n  - id: a\n    url: \"https://x.org/f\n"), expected);
  ExpectErrors(Load("feeds:\n  - id: a\n    url: \"https://x.org/f"), expected);
  ExpectErrors(Load("log_level: 'info\nfeeds: []\nleaders: []\n"),
               "test.yaml:1:12: YAML syntax error: the string opened here with ' is never closed (it runs to the end "
               "of the file)");
  // Closed quotes with escaped quotes inside are fine.
  auto c = Load("http:\n  user_agent: \"a \\\"b\\\" c\"\nleaders:\n  - {id: a, name: 'O''Brien'}\n");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ((*c)->http.user_agent, "a \"b\" c");
  EXPECT_EQ((*c)->leaders[0].name, "O'Brien");
}

TEST(ConfigTest, IncludesMustBeRegularFilesOfBoundedSize) {
  TempDir dir;
  const std::string main = (dir.path() / "main.yaml").string();
  fs::create_directories(dir.path() / "folder");
  ASSERT_EQ(mkfifo((dir.path() / "fifo.yaml").c_str(), 0600), 0);  // opened for reading, it would wait for a writer
  dir.Write("big.yaml", "# " + std::string(kMaxConfigFileBytes, 'x') + "\n");
  dir.Write("main.yaml", "include: [/dev/zero, folder, fifo.yaml, big.yaml]\n");
  ExpectErrors(LoadConfig(main),
               main + ":1:11: included file '/dev/zero' is not a regular file\n" + main + ":1:22: included file '" +
                   (dir.path() / "folder").string() + "' is not a regular file\n" + main + ":1:30: included file '" +
                   (dir.path() / "fifo.yaml").string() + "' is not a regular file\n" + main + ":1:41: included file '" +
                   (dir.path() / "big.yaml").string() + "' is larger than 16 MiB");
  // The main file too.
  ExpectErrors(LoadConfig("/dev/zero"), "/dev/zero:1:1: config file is not a regular file");
  ExpectErrors(LoadConfig(dir.path() / "fifo.yaml"),
               (dir.path() / "fifo.yaml").string() + ":1:1: config file is not a regular file");
  ExpectErrors(LoadConfig(dir.path() / "big.yaml"),
               (dir.path() / "big.yaml").string() + ":1:1: config file is larger than 16 MiB");
  ExpectErrors(LoadConfig(dir.path() / "absent.yaml"),
               (dir.path() / "absent.yaml").string() + ":1:1: config file cannot be read: No such file or directory");
  // At the limit is fine.
  dir.Write("edge.yaml", "#" + std::string(kMaxConfigFileBytes - 2, 'x') + "\n");
  ASSERT_EQ(fs::file_size(dir.path() / "edge.yaml"), kMaxConfigFileBytes);
  auto edge = ReadConfigFile(dir.path() / "edge.yaml");
  ASSERT_TRUE(edge.ok()) << edge.error().message;
  EXPECT_EQ(edge->size(), kMaxConfigFileBytes);
}

TEST(ConfigTest, MaxBodyBytesIsBoundedByTheFeedParser) {
  const std::string limit = std::to_string(feed::kMaxFeedBytes);
  ExpectErrors(Load("http:\n  max_body_bytes: " + std::to_string(feed::kMaxFeedBytes + 1) + "\n"),
               "test.yaml:2:19: http.max_body_bytes must be between 1024 and " + limit);
  auto c = Load("http:\n  max_body_bytes: " + limit + "\n");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ((*c)->http.max_body_bytes, static_cast<int64_t>(feed::kMaxFeedBytes));
}

TEST(ConfigTest, EveryErrorIsReportedInOneRun) {
  ExpectErrors(Load("metrics_listen: 127.0.0.1:99999\n"
                    "feeds:\n"
                    "  - id: a\n"
                    "    url: https://x.org/f\n"
                    "    interval: 106751991167301d\n"
                    "topics:\n"
                    "  - id: t\n"
                    "    query: x\n"
                    "    threshold: .nan\n"),
               "test.yaml:1:17: metrics_listen port must be between 0 and 65535 (0 picks a free port), found "
               "'127.0.0.1:99999'\n"
               "test.yaml:5:15: feed interval must be at most 30d, found '106751991167301d'\n"
               "test.yaml:9:16: topic threshold must be a finite number, found '.nan'");
}

TEST(ConfigTest, ErrorsAreReportedInFileOrderAcrossIncludes) {
  TempDir dir;
  dir.Write("parts/a-broken.yaml", "topics: [\n");  // a syntax error ends this file only
  dir.Write("parts/b.yaml", "leaders:\n  - id: l\n    name: ' '\n");
  dir.Write("main.yaml", "include: ['parts/*.yaml']\nlog_level: loud\nfeeds:\n  - id: B\n    url: https://x.org/f\n");
  const std::string main = (dir.path() / "main.yaml").string();
  // The main file first, in line order, though its last error was found after the includes were read.
  ExpectErrors(LoadConfig(dir.path() / "main.yaml"),
               main + ":2:12: log_level must be one of trace, debug, info, warn, error, critical, off\n" + main +
                   ":4:9: feed id 'B' must be lower-case letters, digits, '.', '_' or '-'\n" +
                   (dir.path() / "parts/a-broken.yaml").string() +
                   ":2:1: YAML syntax error: end of sequence flow not found\n" +
                   (dir.path() / "parts/b.yaml").string() + ":3:11: leader name must not be blank");
}

TEST(ConfigTest, ManyErrorsAreCountedBeyondTheLimit) {
  std::string yaml = "feeds:\n";
  for (int i = 0; i < 60; ++i) yaml += "  - {id: f" + std::to_string(i) + ", url: ftp://x}\n";
  auto r = Load(yaml);
  ASSERT_FALSE(r.ok());
  const std::string& message = r.error().message;
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), static_cast<long>(kMaxConfigErrorsShown));
  EXPECT_EQ(message.rfind("test.yaml:2:", 0), 0u) << message;
  const std::string tail = "\n... and 10 more errors";
  EXPECT_EQ(message.substr(message.size() - tail.size()), tail);
}

TEST(ConfigTest, DuplicateDefinitionsAcrossFiles) {
  TempDir dir;
  dir.Write("words.yaml", "define:\n  ru: moscow\n");
  dir.Write("main.yaml", "define:\n  ru: russia\ninclude: [words.yaml]\n");
  ExpectErrors(LoadConfig(dir.path() / "main.yaml"), (dir.path() / "words.yaml").string() +
                                                         ":2:3: duplicate definition 'ru' (first defined at " +
                                                         (dir.path() / "main.yaml").string() + ":2:7)");
}

}  // namespace
}  // namespace newsmon
