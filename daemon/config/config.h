// The validated, immutable configuration snapshot.
//
//   Result<std::shared_ptr<const Config>> c = LoadConfig("/etc/newsmon/newsmon.yaml");
//   if (!c) std::cerr << c.error().message;  // "file:line:column: message"
//
// A snapshot is never mutated; a reload builds a new one and swaps the
// pointer, so stages holding the old snapshot finish their work with it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace newsmon {

// Where a value came from, for errors that point at the config text.
struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based
  std::string ToString() const;
};

enum class FetchArticle { kAuto, kAlways, kNever };

struct FeedConfig {
  std::string id;
  std::string url;
  std::string language;  // expected language, a hint; empty when unknown
  std::chrono::seconds interval{300};
  std::chrono::seconds min_interval{60};
  std::chrono::seconds max_interval{3600};
  FetchArticle fetch_article = FetchArticle::kAuto;
  SourceLocation where;
};

// A named part of a rule (`define: {sanctions: "sanction* OR embargo*"}`),
// used in queries as @sanctions. Shared by every topic of the config.
struct RuleDefinition {
  std::string text;
  SourceLocation where;  // of the first character of the text
};
using RuleDefinitions = std::map<std::string, RuleDefinition>;

// A judged story the topic's rule must get right; `newsmon check-config`
// runs them. The text is inline or in a file (read only by check-config).
struct TopicExample {
  bool expect_match = false;
  std::string title;           // inline: the `title` key
  std::string text;            // inline: the `text` key, the body (or a whole story, see StoryText)
  std::filesystem::path file;  // or a story file, resolved against the config file's folder
  SourceLocation where;        // of the example entry
};

struct TopicConfig {
  std::string id;
  std::string name;
  std::string query;           // the rule, in the rule language (see README)
  double threshold = 0;        // minimum score for weighted rules; 0 = boolean only
  SourceLocation where;        // of the topic entry
  SourceLocation query_where;  // of the first character of the query text
  std::vector<TopicExample> examples;
  // The config's `define:` entries the query may use as @name; never null
  // in a loaded config.
  std::shared_ptr<const RuleDefinitions> definitions;
};

struct LeaderRole {
  std::string title;  // "President of Kazakhstan"
  std::optional<std::chrono::sys_days> from;
  std::optional<std::chrono::sys_days> to;
};

struct LeaderConfig {
  std::string id;
  std::string name;
  std::vector<std::string> aliases;
  std::vector<LeaderRole> roles;
  std::string country;  // ISO 3166-1 alpha-2
  SourceLocation where;
};

struct HttpConfig {
  std::string user_agent = "newsmon/0.1 (+https://github.com/newsmon/newsmon)";
  int max_connections = 256;
  int per_host_connections = 2;
  std::chrono::milliseconds per_host_delay{0};
  bool allow_private_addresses = false;
  std::vector<std::string> allow_hosts;  // hosts exempt from the SSRF guard
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds total_timeout{30};
  int64_t max_body_bytes = 16 * 1024 * 1024;
  int max_redirects = 5;
  // Abort a transfer slower than low_speed_limit bytes/s for low_speed_time.
  int64_t low_speed_limit = 64;
  std::chrono::seconds low_speed_time{20};
  bool http2 = true;
};

struct KafkaConfig {
  std::string brokers = "embedded";  // "embedded" starts the in-process mock cluster
  std::string stories_topic = "newsmon.stories.v1";
  std::string quotes_topic = "newsmon.quotes.v1";
  std::string articles_topic;                   // the archive of every analysed story; empty: not archived
  std::string source = "urn:newsmon";           // CloudEvents ce_source
  std::map<std::string, std::string> producer;  // passed to librdkafka as is
  std::chrono::milliseconds flush_timeout{10000};
  bool embedded() const { return brokers == "embedded"; }
};

// Group mode (README "Group mode"): every instance with the same id shares
// the feeds. The feeds map to the partitions of a coordination topic by a
// stable hash of their id; Kafka's consumer group assigns the partitions.
// Absent: one instance that polls every feed.
// What a member does (README "Group mode"): all of it; only fetch, parse
// and extract, publishing each story to the archive topic; or only match,
// quote and emit, consuming that topic.
enum class GroupRole { kBoth, kCollector, kAnalyzer };

struct GroupConfig {
  std::string id;  // the consumer group; empty: not in a group
  int partitions = 64;
  std::string topic = "newsmon.feeds.v1";  // the coordination topic
  // Compacted; the feeds' state, for the next owner (group/changelog.h).
  std::string changelog_topic = "newsmon.feed-state.v1";
  // One judge per leader (group/leader_judge.h): quotes attributed to a
  // leader go to the partition of the leader's id, and the member that owns
  // it judges novelty against the leader's history, a compacted changelog.
  std::string leader_topic = "newsmon.leader-quotes.v1";
  std::string leader_history_topic = "newsmon.leader-history.v1";
  // How long a member may be silent before the group gives its feeds to
  // the others (Kafka's session.timeout.ms).
  std::chrono::milliseconds session_timeout{10000};
  GroupRole role = GroupRole::kBoth;
  bool enabled() const { return !id.empty(); }
};

enum class QuoteScope { kMatchedStories, kAllStories };

// What one story may cost (README "Hostile input"): parsing, extraction,
// matching and quotes run on worker threads within these bounds.
struct AnalysisConfig {
  int workers = 0;  // CPU worker threads; 0 = one per core
  // Title and body analysed; the rest is cut (counted). Half of Kafka's
  // default record limit, so a story's archive record always fits.
  int64_t max_story_bytes = 512 << 10;
  int max_quotes_per_story = 500;                      // a story with more quote pairs is over budget
  std::chrono::milliseconds story_time_budget{10000};  // an analysis that took longer is over budget
  int max_attempts = 3;  // failed or over-budget analyses before an item is committed as skipped
};

// How long state is kept; a maintenance step applies it on the loop's
// schedule (README "Retention").
struct RetentionConfig {
  std::chrono::seconds items{14 * 24 * 3600};    // seen items and their attempt counts
  std::chrono::seconds stories{14 * 24 * 3600};  // story fingerprints: the near-duplicate horizon
  std::chrono::seconds quotes{400 * 24 * 3600};  // leaders' quote history: the novelty horizon
  std::chrono::seconds interval{600};            // how often maintenance runs
  int batch_rows = 2000;                         // rows deleted per transaction
};

// What the daemon does when its state file was deleted or replaced under it.
enum class OnStateReplaced { kStop, kReopen };

struct Config {
  std::filesystem::path file;  // the main file this was loaded from
  std::filesystem::path state_dir = "/var/lib/newsmon";
  std::string metrics_listen = "127.0.0.1:9464";
  std::string log_level = "info";
  QuoteScope quote_scope = QuoteScope::kMatchedStories;
  AnalysisConfig analysis;
  RetentionConfig retention;
  OnStateReplaced on_state_replaced = OnStateReplaced::kStop;
  HttpConfig http;
  KafkaConfig kafka;
  GroupConfig group;
  std::vector<FeedConfig> feeds;
  std::vector<TopicConfig> topics;
  std::vector<LeaderConfig> leaders;
};

// Bounds of values where anything larger can only be a mistake (and would
// overflow or wedge the daemon): a feed polled less than monthly, a request
// or flush allowed to hang for more than an hour.
inline constexpr std::chrono::seconds kMaxFeedInterval = std::chrono::days(30);
inline constexpr std::chrono::seconds kMaxTimeout = std::chrono::hours(1);
// The config file, each included file and each topic example file are read
// whole into memory; larger files are refused.
inline constexpr size_t kMaxConfigFileBytes = 16u << 20;
// LoadConfig reports this many errors, then how many more there were.
inline constexpr size_t kMaxConfigErrorsShown = 50;

// Reads the file and its includes. Every problem found is reported, not
// only the first: the error message holds one "file:line:column: message"
// line per problem, in file order (the main file first, then includes in
// the order read), at most kMaxConfigErrorsShown of them and then a line
// "... and N more errors". The daemon's `run`, its reload and
// `check-config` all load through here. No side effects.
Result<std::shared_ptr<const Config>> LoadConfig(const std::filesystem::path& file);
// Same, from text (tests); includes are resolved against `base_dir`.
Result<std::shared_ptr<const Config>> LoadConfigFromString(const std::string& yaml, const std::string& name,
                                                           const std::filesystem::path& base_dir);

// Reads a file the config names (the config itself, an include, a topic
// example): only a regular file (not /dev/zero, a FIFO or a directory,
// which would never end or block), of at most kMaxConfigFileBytes. The error
// message says what is wrong without the file name: "is not a regular file".
Result<std::string> ReadConfigFile(const std::filesystem::path& file);

}  // namespace newsmon
