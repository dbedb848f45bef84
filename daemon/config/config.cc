#include "config/config.h"

#include <glob.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "util/time.h"

namespace newsmon {

std::string SourceLocation::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

namespace {

// Thrown inside the loader only; LoadConfig turns it into an Error.
struct ConfigError {
  std::string message;
};

struct Document {
  std::string file;  // as shown in messages
  std::filesystem::path dir;
  std::string text;
};

SourceLocation LocationOf(const Document& doc, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return SourceLocation{doc.file, mark.line + 1, mark.column + 1};
}

[[noreturn]] void Fail(const Document& doc, const YAML::Node& node, const std::string& message) {
  throw ConfigError{LocationOf(doc, node).ToString() + ": " + message};
}

const char* KindName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a scalar";
    case YAML::NodeType::Null:
      return "null";
    default:
      return "undefined";
  }
}

void ExpectMap(const Document& doc, const YAML::Node& node, const std::string& what) {
  if (!node.IsMap()) Fail(doc, node, what + " must be a mapping, found " + KindName(node));
}

void ExpectList(const Document& doc, const YAML::Node& node, const std::string& what) {
  if (!node.IsSequence()) Fail(doc, node, what + " must be a list, found " + KindName(node));
}

// Unknown keys are errors: a typo must not silently fall back to a default.
void CheckKeys(const Document& doc, const YAML::Node& map, const std::string& what,
               std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      Fail(doc, kv.first, "unknown key '" + key + "' in " + what + " (allowed: " + list + ")");
    }
  }
}

std::string AsString(const Document& doc, const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) Fail(doc, node, what + " must be a string, found " + KindName(node));
  return node.Scalar();
}

int64_t AsInt(const Document& doc, const YAML::Node& node, const std::string& what, int64_t min, int64_t max) {
  if (!node.IsScalar()) Fail(doc, node, what + " must be an integer, found " + KindName(node));
  int64_t value = 0;
  try {
    value = node.as<int64_t>();
  } catch (const YAML::Exception&) {
    Fail(doc, node, what + " must be an integer, found '" + node.Scalar() + "'");
  }
  if (value < min || value > max) {
    Fail(doc, node, what + " must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return value;
}

double AsDouble(const Document& doc, const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) Fail(doc, node, what + " must be a number, found " + KindName(node));
  try {
    return node.as<double>();
  } catch (const YAML::Exception&) {
    Fail(doc, node, what + " must be a number, found '" + node.Scalar() + "'");
  }
}

bool AsBool(const Document& doc, const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) Fail(doc, node, what + " must be true or false, found " + KindName(node));
  try {
    return node.as<bool>();
  } catch (const YAML::Exception&) {
    Fail(doc, node, what + " must be true or false, found '" + node.Scalar() + "'");
  }
}

std::chrono::seconds AsDuration(const Document& doc, const YAML::Node& node, const std::string& what) {
  const std::string text = AsString(doc, node, what);
  auto d = ParseDuration(text);
  if (!d || d->count() == 0) {
    Fail(doc, node, what + " must be a positive duration like 90s, 5m or 1h, found '" + text + "'");
  }
  return *d;
}

std::string AsId(const Document& doc, const YAML::Node& node, const std::string& what) {
  static const std::regex kIdPattern("[a-z0-9][a-z0-9._-]{0,127}");
  std::string id = AsString(doc, node, what);
  if (!std::regex_match(id, kIdPattern)) {
    Fail(doc, node, what + " '" + id + "' must be lower-case letters, digits, '.', '_' or '-'");
  }
  return id;
}

std::optional<std::chrono::sys_days> AsDate(const Document& doc, const YAML::Node& node, const std::string& what) {
  const std::string text = AsString(doc, node, what);
  auto t = ParseRfc3339(text);
  if (!t || text.size() != 10) Fail(doc, node, what + " must be a date YYYY-MM-DD, found '" + text + "'");
  return std::chrono::floor<std::chrono::days>(*t);
}

// Location of the first character of a scalar's text: after an opening
// quote, or on the first content line of a block scalar.
SourceLocation ScalarTextLocation(const Document& doc, const YAML::Node& node) {
  SourceLocation where = LocationOf(doc, node);
  const size_t pos = static_cast<size_t>(node.Mark().pos);
  if (pos >= doc.text.size()) return where;
  const char c = doc.text[pos];
  if (c == '"' || c == '\'') {
    where.column += 1;
  } else if (c == '|' || c == '>') {
    size_t nl = doc.text.find('\n', pos);
    if (nl != std::string::npos) {
      size_t first = doc.text.find_first_not_of(' ', nl + 1);
      where.line += 1;
      where.column = static_cast<int>(first == std::string::npos ? 1 : first - nl);
    }
  }
  return where;
}

class Loader {
 public:
  std::shared_ptr<Config> Load(const std::string& text, const std::string& name, const std::filesystem::path& dir,
                               const std::filesystem::path& file) {
    auto config = std::make_shared<Config>();
    config->file = file;
    Document doc{name, dir, text};
    YAML::Node root = Parse(doc);
    ExpectMap(doc, root, "the config file");
    CheckKeys(doc, root, "the config file",
              {"state_dir", "metrics_listen", "log_level", "quote_scope", "http", "kafka", "feeds", "topics", "leaders",
               "define", "include", "analysis", "retention", "state"});
    for (const auto& kv : root) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (key == "state_dir") {
        config->state_dir = AsString(doc, v, "state_dir");
        if (config->state_dir.is_relative()) config->state_dir = dir / config->state_dir;
      } else if (key == "metrics_listen") {
        config->metrics_listen = AsString(doc, v, "metrics_listen");
        static const std::regex kListen(R"((\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):[0-9]{1,5})");
        if (!std::regex_match(config->metrics_listen, kListen) && config->metrics_listen != "off") {
          Fail(doc, v, "metrics_listen must be host:port or 'off', found '" + config->metrics_listen + "'");
        }
      } else if (key == "log_level") {
        config->log_level = AsString(doc, v, "log_level");
        static const std::set<std::string> kLevels{"trace", "debug", "info", "warn", "error", "critical", "off"};
        if (!kLevels.count(config->log_level)) {
          Fail(doc, v, "log_level must be one of trace, debug, info, warn, error, critical, off");
        }
      } else if (key == "quote_scope") {
        const std::string s = AsString(doc, v, "quote_scope");
        if (s == "matched_stories") {
          config->quote_scope = QuoteScope::kMatchedStories;
        } else if (s == "all_stories") {
          config->quote_scope = QuoteScope::kAllStories;
        } else {
          Fail(doc, v, "quote_scope must be matched_stories or all_stories");
        }
      } else if (key == "analysis") {
        LoadAnalysis(doc, v, config->analysis);
      } else if (key == "retention") {
        LoadRetention(doc, v, config->retention);
      } else if (key == "state") {
        ExpectMap(doc, v, "state");
        CheckKeys(doc, v, "state", {"on_replaced"});
        if (v["on_replaced"]) {
          const std::string mode = AsString(doc, v["on_replaced"], "state.on_replaced");
          if (mode == "stop") {
            config->on_state_replaced = OnStateReplaced::kStop;
          } else if (mode == "reopen") {
            config->on_state_replaced = OnStateReplaced::kReopen;
          } else {
            Fail(doc, v["on_replaced"], "state.on_replaced must be stop or reopen, found '" + mode + "'");
          }
        }
      } else if (key == "http") {
        LoadHttp(doc, v, config->http);
      } else if (key == "kafka") {
        LoadKafka(doc, v, config->kafka);
      } else if (key == "include") {
        ExpectList(doc, v, "include");
        for (const auto& pattern : v) LoadIncludes(doc, pattern, *config);
      } else {
        LoadSection(doc, key, v, *config);
      }
    }
    Validate(*config);
    return config;
  }

 private:
  YAML::Node Parse(const Document& doc) {
    try {
      return YAML::Load(doc.text);
    } catch (const YAML::ParserException& e) {
      throw ConfigError{doc.file + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                        ": YAML syntax error: " + e.msg};
    }
  }

  // feeds, topics, leaders and definitions may appear in the main file and in includes.
  void LoadSection(const Document& doc, const std::string& key, const YAML::Node& v, Config& config) {
    if (key == "define") {
      LoadDefinitions(doc, v);
      return;
    }
    ExpectList(doc, v, key);
    for (const auto& item : v) {
      if (key == "feeds") config.feeds.push_back(LoadFeed(doc, item));
      if (key == "topics") config.topics.push_back(LoadTopic(doc, item));
      if (key == "leaders") config.leaders.push_back(LoadLeader(doc, item));
    }
  }

  void LoadIncludes(const Document& doc, const YAML::Node& pattern_node, Config& config) {
    const std::string pattern = AsString(doc, pattern_node, "include entry");
    std::filesystem::path full = pattern;
    if (full.is_relative()) full = doc.dir / full;
    glob_t matches{};
    const int rc = ::glob(full.c_str(), GLOB_ERR, nullptr, &matches);
    std::vector<std::string> files;
    for (size_t i = 0; rc == 0 && i < matches.gl_pathc; ++i) files.emplace_back(matches.gl_pathv[i]);
    globfree(&matches);
    const bool has_wildcard = pattern.find_first_of("*?[") != std::string::npos;
    if (files.empty() && !has_wildcard) Fail(doc, pattern_node, "included file '" + full.string() + "' not found");
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      if (++include_depth_guard_ > 1000) Fail(doc, pattern_node, "too many included files");
      LoadIncluded(f, config);
    }
  }

  void LoadIncluded(const std::filesystem::path& path, Config& config) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError{path.string() + ":1:1: cannot read included file"};
    std::stringstream ss;
    ss << in.rdbuf();
    Document doc{path.string(), path.parent_path(), ss.str()};
    YAML::Node root = Parse(doc);
    if (root.IsNull()) return;
    ExpectMap(doc, root, "an included file");
    CheckKeys(doc, root, "an included file", {"feeds", "topics", "leaders", "define"});
    for (const auto& kv : root) LoadSection(doc, kv.first.as<std::string>(), kv.second, config);
  }

  void LoadAnalysis(const Document& doc, const YAML::Node& node, AnalysisConfig& analysis) {
    ExpectMap(doc, node, "analysis");
    CheckKeys(doc, node, "analysis",
              {"workers", "max_story_bytes", "max_quotes_per_story", "story_time_budget", "max_attempts"});
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      const std::string what = "analysis." + key;
      if (key == "workers") {
        analysis.workers = static_cast<int>(AsInt(doc, v, what, 0, 256));
      } else if (key == "max_story_bytes") {
        analysis.max_story_bytes = AsInt(doc, v, what, 4096, int64_t{64} << 20);
      } else if (key == "max_quotes_per_story") {
        analysis.max_quotes_per_story = static_cast<int>(AsInt(doc, v, what, 1, 100000));
      } else if (key == "story_time_budget") {
        const auto d = AsDuration(doc, v, what);
        if (d > std::chrono::hours(1)) Fail(doc, v, what + " must be at most 1h");
        analysis.story_time_budget = d;
      } else if (key == "max_attempts") {
        analysis.max_attempts = static_cast<int>(AsInt(doc, v, what, 1, 100));
      }
    }
  }

  void LoadRetention(const Document& doc, const YAML::Node& node, RetentionConfig& retention) {
    ExpectMap(doc, node, "retention");
    CheckKeys(doc, node, "retention", {"items", "stories", "quotes", "interval", "batch_rows"});
    // At least a minute (tests and soaks use short horizons), at most ten years.
    auto horizon = [&](const YAML::Node& v, const std::string& what) {
      const auto d = AsDuration(doc, v, what);
      if (d < std::chrono::minutes(1) || d > std::chrono::days(3650)) {
        Fail(doc, v, what + " must be between 1m and 3650d");
      }
      return d;
    };
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      const std::string what = "retention." + key;
      if (key == "items") retention.items = horizon(v, what);
      if (key == "stories") retention.stories = horizon(v, what);
      if (key == "quotes") retention.quotes = horizon(v, what);
      if (key == "interval") {
        retention.interval = AsDuration(doc, v, what);
        if (retention.interval < std::chrono::seconds(10) || retention.interval > std::chrono::days(1)) {
          Fail(doc, v, what + " must be between 10s and 1d");
        }
      }
      if (key == "batch_rows") retention.batch_rows = static_cast<int>(AsInt(doc, v, what, 10, 1000000));
    }
  }

  void LoadHttp(const Document& doc, const YAML::Node& node, HttpConfig& http) {
    ExpectMap(doc, node, "http");
    CheckKeys(doc, node, "http",
              {"user_agent", "max_connections", "per_host_connections", "per_host_delay", "allow_private_addresses",
               "allow_hosts", "connect_timeout", "total_timeout", "max_body_bytes", "max_redirects", "low_speed_limit",
               "low_speed_time", "http2"});
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      const std::string what = "http." + key;
      if (key == "user_agent") {
        http.user_agent = AsString(doc, v, what);
        if (http.user_agent.empty()) Fail(doc, v, what + " must not be empty");
      } else if (key == "max_connections") {
        http.max_connections = static_cast<int>(AsInt(doc, v, what, 1, 100000));
      } else if (key == "per_host_connections") {
        http.per_host_connections = static_cast<int>(AsInt(doc, v, what, 1, 1000));
      } else if (key == "per_host_delay") {
        const std::string text = AsString(doc, v, what);
        long long ms = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
        if (ec == std::errc() && std::string_view(end) == "ms" && ms >= 0) {
          http.per_host_delay = std::chrono::milliseconds(ms);
        } else {
          auto d = ParseDuration(text);
          if (!d) Fail(doc, v, what + " must be a duration like 500ms or 2s");
          http.per_host_delay = *d;
        }
      } else if (key == "allow_private_addresses") {
        http.allow_private_addresses = AsBool(doc, v, what);
      } else if (key == "allow_hosts") {
        ExpectList(doc, v, what);
        for (const auto& h : v) http.allow_hosts.push_back(AsString(doc, h, what + " entry"));
      } else if (key == "connect_timeout") {
        http.connect_timeout = AsDuration(doc, v, what);
      } else if (key == "total_timeout") {
        http.total_timeout = AsDuration(doc, v, what);
      } else if (key == "max_body_bytes") {
        http.max_body_bytes = AsInt(doc, v, what, 1024, int64_t{1} << 32);
      } else if (key == "max_redirects") {
        http.max_redirects = static_cast<int>(AsInt(doc, v, what, 0, 50));
      } else if (key == "low_speed_limit") {
        http.low_speed_limit = AsInt(doc, v, what, 0, int64_t{1} << 30);
      } else if (key == "low_speed_time") {
        http.low_speed_time = AsDuration(doc, v, what);
      } else if (key == "http2") {
        http.http2 = AsBool(doc, v, what);
      }
    }
  }

  void LoadKafka(const Document& doc, const YAML::Node& node, KafkaConfig& kafka) {
    ExpectMap(doc, node, "kafka");
    CheckKeys(doc, node, "kafka", {"brokers", "topics", "source", "producer", "flush_timeout"});
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (key == "brokers") {
        kafka.brokers = AsString(doc, v, "kafka.brokers");
        if (kafka.brokers.empty()) Fail(doc, v, "kafka.brokers must not be empty");
      } else if (key == "source") {
        kafka.source = AsString(doc, v, "kafka.source");
      } else if (key == "flush_timeout") {
        kafka.flush_timeout = AsDuration(doc, v, "kafka.flush_timeout");
      } else if (key == "topics") {
        ExpectMap(doc, v, "kafka.topics");
        CheckKeys(doc, v, "kafka.topics", {"stories", "quotes", "articles"});
        static const std::regex kTopicName("[A-Za-z0-9._-]{1,249}");
        for (const auto& t : v) {
          const std::string name = AsString(doc, t.second, "kafka.topics." + t.first.as<std::string>());
          if (!std::regex_match(name, kTopicName)) Fail(doc, t.second, "invalid Kafka topic name '" + name + "'");
          const std::string which = t.first.as<std::string>();
          (which == "stories"  ? kafka.stories_topic
           : which == "quotes" ? kafka.quotes_topic
                               : kafka.articles_topic) = name;
        }
      } else if (key == "producer") {
        ExpectMap(doc, v, "kafka.producer");
        for (const auto& p : v) {
          kafka.producer[p.first.as<std::string>()] = AsString(doc, p.second, "kafka.producer value");
        }
      }
    }
  }

  FeedConfig LoadFeed(const Document& doc, const YAML::Node& node) {
    ExpectMap(doc, node, "a feed");
    CheckKeys(doc, node, "a feed",
              {"id", "url", "language", "interval", "min_interval", "max_interval", "fetch_article"});
    FeedConfig feed;
    feed.where = LocationOf(doc, node);
    if (!node["id"]) Fail(doc, node, "a feed needs an 'id'");
    if (!node["url"]) Fail(doc, node, "feed needs a 'url'");
    bool min_set = false, max_set = false;
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (key == "id") {
        feed.id = AsId(doc, v, "feed id");
      } else if (key == "url") {
        feed.url = AsString(doc, v, "feed url");
        static const std::regex kUrl(R"((https?|file)://[^\s]+)", std::regex::icase);
        if (feed.url.rfind("file:", 0) == 0 && feed.url.rfind("file://", 0) != 0) {
          // "file:relative/path" is resolved against the config file's folder.
          feed.url = "file://" + std::filesystem::absolute(doc.dir / feed.url.substr(5)).lexically_normal().string();
        }
        if (!std::regex_match(feed.url, kUrl)) {
          Fail(doc, v, "feed url must be an http://, https:// or file:// URL, found '" + feed.url + "'");
        }
      } else if (key == "language") {
        feed.language = AsString(doc, v, "feed language");
      } else if (key == "interval") {
        feed.interval = AsDuration(doc, v, "feed interval");
      } else if (key == "min_interval") {
        feed.min_interval = AsDuration(doc, v, "feed min_interval");
        min_set = true;
      } else if (key == "max_interval") {
        feed.max_interval = AsDuration(doc, v, "feed max_interval");
        max_set = true;
      } else if (key == "fetch_article") {
        const std::string s = AsString(doc, v, "fetch_article");
        if (s == "auto") {
          feed.fetch_article = FetchArticle::kAuto;
        } else if (s == "always") {
          feed.fetch_article = FetchArticle::kAlways;
        } else if (s == "never") {
          feed.fetch_article = FetchArticle::kNever;
        } else {
          Fail(doc, v, "fetch_article must be always, never or auto, found '" + s + "'");
        }
      }
    }
    if (!min_set) feed.min_interval = std::min(feed.min_interval, feed.interval);
    if (!max_set) feed.max_interval = std::max(feed.max_interval, feed.interval);
    if (feed.min_interval > feed.max_interval) Fail(doc, node, "feed min_interval is larger than max_interval");
    return feed;
  }

  TopicConfig LoadTopic(const Document& doc, const YAML::Node& node) {
    ExpectMap(doc, node, "a topic");
    CheckKeys(doc, node, "a topic", {"id", "name", "query", "threshold", "examples"});
    TopicConfig topic;
    topic.where = LocationOf(doc, node);
    if (!node["id"]) Fail(doc, node, "a topic needs an 'id'");
    if (!node["query"]) Fail(doc, node, "topic needs a 'query'");
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (key == "id") {
        topic.id = AsId(doc, v, "topic id");
      } else if (key == "name") {
        topic.name = AsString(doc, v, "topic name");
      } else if (key == "query") {
        topic.query = AsString(doc, v, "topic query");
        topic.query_where = ScalarTextLocation(doc, v);
        if (topic.query.find_first_not_of(" \t\r\n") == std::string::npos) {
          Fail(doc, v, "topic query must not be empty");
        }
      } else if (key == "threshold") {
        topic.threshold = AsDouble(doc, v, "topic threshold");
        if (topic.threshold < 0) Fail(doc, v, "topic threshold must not be negative");
      } else if (key == "examples") {
        ExpectList(doc, v, "topic examples");
        for (const auto& item : v) topic.examples.push_back(LoadExample(doc, item));
      }
    }
    if (topic.name.empty()) topic.name = topic.id;
    return topic;
  }

  void LoadDefinitions(const Document& doc, const YAML::Node& node) {
    ExpectMap(doc, node, "define");
    static const std::regex kName("[a-z][a-z0-9_-]{0,63}");
    for (const auto& kv : node) {
      const std::string name = AsString(doc, kv.first, "a definition name");
      if (!std::regex_match(name, kName)) {
        Fail(doc, kv.first, "definition name '" + name + "' must be lower-case letters, digits, '_' or '-'");
      }
      RuleDefinition def{AsString(doc, kv.second, "definition '" + name + "'"), ScalarTextLocation(doc, kv.second)};
      if (def.text.find_first_not_of(" \t\r\n") == std::string::npos) {
        Fail(doc, kv.second, "definition '" + name + "' must not be empty");
      }
      auto [it, added] = definitions_->emplace(name, def);
      if (!added) {
        Fail(doc, kv.first,
             "duplicate definition '" + name + "' (first defined at " + it->second.where.ToString() + ")");
      }
    }
  }

  TopicExample LoadExample(const Document& doc, const YAML::Node& node) {
    ExpectMap(doc, node, "a topic example");
    CheckKeys(doc, node, "a topic example", {"expect", "title", "text", "file"});
    TopicExample example;
    example.where = LocationOf(doc, node);
    if (!node["expect"]) Fail(doc, node, "a topic example needs 'expect: match' or 'expect: no-match'");
    const std::string expect = AsString(doc, node["expect"], "example expect");
    if (expect != "match" && expect != "no-match") {
      Fail(doc, node["expect"], "example expect must be 'match' or 'no-match', found '" + expect + "'");
    }
    example.expect_match = expect == "match";
    if (node["file"] && (node["text"] || node["title"])) {
      Fail(doc, node, "a topic example has either 'file' or 'title'/'text', not both");
    }
    if (node["file"]) {
      const std::string file = AsString(doc, node["file"], "example file");
      if (file.empty()) Fail(doc, node["file"], "example file must not be empty");
      example.file = std::filesystem::path(file).is_absolute() ? std::filesystem::path(file) : doc.dir / file;
    } else if (node["text"] || node["title"]) {
      if (node["title"]) example.title = AsString(doc, node["title"], "example title");
      if (node["text"]) example.text = AsString(doc, node["text"], "example text");
    } else {
      Fail(doc, node, "a topic example needs a 'text' (and optionally a 'title') or a 'file'");
    }
    return example;
  }

  LeaderConfig LoadLeader(const Document& doc, const YAML::Node& node) {
    ExpectMap(doc, node, "a leader");
    CheckKeys(doc, node, "a leader", {"id", "name", "aliases", "roles", "country"});
    LeaderConfig leader;
    leader.where = LocationOf(doc, node);
    if (!node["id"]) Fail(doc, node, "a leader needs an 'id'");
    if (!node["name"]) Fail(doc, node, "leader needs a 'name'");
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (key == "id") {
        leader.id = AsId(doc, v, "leader id");
      } else if (key == "name") {
        leader.name = AsString(doc, v, "leader name");
        if (leader.name.empty()) Fail(doc, v, "leader name must not be empty");
      } else if (key == "aliases") {
        ExpectList(doc, v, "leader aliases");
        for (const auto& a : v) leader.aliases.push_back(AsString(doc, a, "leader alias"));
      } else if (key == "country") {
        leader.country = AsString(doc, v, "leader country");
        static const std::regex kCountry("[A-Z]{2}");
        if (!std::regex_match(leader.country, kCountry)) {
          Fail(doc, v, "leader country must be an ISO 3166 two-letter code like KZ, found '" + leader.country + "'");
        }
      } else if (key == "roles") {
        ExpectList(doc, v, "leader roles");
        for (const auto& r : v) {
          ExpectMap(doc, r, "a role");
          CheckKeys(doc, r, "a role", {"title", "from", "to"});
          if (!r["title"]) Fail(doc, r, "a role needs a 'title'");
          LeaderRole role;
          role.title = AsString(doc, r["title"], "role title");
          if (r["from"]) role.from = AsDate(doc, r["from"], "role from");
          if (r["to"]) role.to = AsDate(doc, r["to"], "role to");
          leader.roles.push_back(std::move(role));
        }
      }
    }
    return leader;
  }

  template <typename T>
  void CheckUnique(const std::vector<T>& items, const std::string& what) {
    std::map<std::string, const T*> seen;
    for (const auto& item : items) {
      auto [it, inserted] = seen.emplace(item.id, &item);
      if (!inserted) {
        throw ConfigError{item.where.ToString() + ": duplicate " + what + " id '" + item.id + "' (first defined at " +
                          it->second->where.ToString() + ")"};
      }
    }
  }

  void Validate(Config& config) {
    CheckUnique(config.feeds, "feed");
    CheckUnique(config.topics, "topic");
    CheckUnique(config.leaders, "leader");
    for (TopicConfig& topic : config.topics) topic.definitions = definitions_;
  }

  int include_depth_guard_ = 0;
  std::shared_ptr<RuleDefinitions> definitions_ = std::make_shared<RuleDefinitions>();
};

}  // namespace

Result<std::shared_ptr<const Config>> LoadConfigFromString(const std::string& yaml, const std::string& name,
                                                           const std::filesystem::path& base_dir) {
  try {
    Loader loader;
    return std::shared_ptr<const Config>(loader.Load(yaml, name, base_dir, name));
  } catch (const ConfigError& e) {
    return MakeError(ErrorCode::kInvalidArgument, e.message);
  } catch (const YAML::Exception& e) {
    return MakeError(ErrorCode::kInvalidArgument, name + ":" + std::to_string(e.mark.line + 1) + ":" +
                                                      std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

Result<std::shared_ptr<const Config>> LoadConfig(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, file.string() + ":1:1: cannot read config file");
  std::stringstream ss;
  ss << in.rdbuf();
  auto dir = file.parent_path();
  if (dir.empty()) dir = ".";
  try {
    Loader loader;
    return std::shared_ptr<const Config>(loader.Load(ss.str(), file.string(), dir, file));
  } catch (const ConfigError& e) {
    return MakeError(ErrorCode::kInvalidArgument, e.message);
  } catch (const YAML::Exception& e) {
    return MakeError(ErrorCode::kInvalidArgument, file.string() + ":" + std::to_string(e.mark.line + 1) + ":" +
                                                      std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

}  // namespace newsmon
