#include "config/config.h"

#include <glob.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

#include "config/yaml_reader.h"
#include "feed/feed_parser.h"
#include "util/time.h"

namespace newsmon {

namespace {

using namespace config_internal;

class Loader {
 public:
  std::shared_ptr<Config> Load(const std::string& text, const std::string& name, const std::filesystem::path& dir,
                               const std::filesystem::path& file) {
    config_->file = file;
    Document doc = NewDocument(name, dir, text);
    YAML::Node root;
    if (!Parse(doc, root)) return nullptr;
    if (!Check([&] { ExpectMap(doc, root, "the config file"); })) return nullptr;
    CheckKeys(doc, root, "the config file",
              {"state_dir", "metrics_listen", "log_level", "quote_scope", "http", "kafka", "feeds", "topics", "leaders",
               "define", "include", "analysis", "retention", "state", "group"});
    ForEachKey(doc, root, [&](const std::string& key, const YAML::Node& v) {
      if (key == "state_dir") {
        config_->state_dir = AsString(doc, v, "state_dir");
        if (config_->state_dir.is_relative()) config_->state_dir = dir / config_->state_dir;
      } else if (key == "metrics_listen") {
        config_->metrics_listen = LoadListen(doc, v);
      } else if (key == "log_level") {
        config_->log_level = AsString(doc, v, "log_level");
        static const std::set<std::string> kLevels{"trace", "debug", "info", "warn", "error", "critical", "off"};
        if (!kLevels.count(config_->log_level)) {
          Fail(doc, v, "log_level must be one of trace, debug, info, warn, error, critical, off");
        }
      } else if (key == "quote_scope") {
        const int scope = AsChoice(doc, v, "quote_scope", {"matched_stories", "all_stories"});
        config_->quote_scope = scope == 0 ? QuoteScope::kMatchedStories : QuoteScope::kAllStories;
      } else if (key == "analysis") {
        LoadAnalysis(doc, v, config_->analysis);
      } else if (key == "retention") {
        LoadRetention(doc, v, config_->retention);
      } else if (key == "state") {
        ExpectMap(doc, v, "state");
        CheckKeys(doc, v, "state", {"on_replaced"});
        ForEachKey(doc, v, [&](const std::string& k, const YAML::Node& value) {
          if (k != "on_replaced") return;
          const std::string mode = AsString(doc, value, "state.on_replaced");
          if (mode != "stop" && mode != "reopen") {
            Fail(doc, value, "state.on_replaced must be stop or reopen, found '" + Shown(mode) + "'");
          }
          config_->on_state_replaced = mode == "reopen" ? OnStateReplaced::kReopen : OnStateReplaced::kStop;
        });
      } else if (key == "http") {
        LoadHttp(doc, v, config_->http);
      } else if (key == "kafka") {
        LoadKafka(doc, v, config_->kafka);
      } else if (key == "group") {
        LoadGroup(doc, v, config_->group);
      } else if (key == "include") {
        ExpectList(doc, v, "include");
        ForEachItem(v, [&](const YAML::Node& pattern) { LoadIncludes(doc, pattern); });
      } else if (key == "feeds" || key == "topics" || key == "leaders" || key == "define") {
        LoadSection(doc, key, v);
      }
    });
    Validate();
    return errors_.empty() ? config_ : nullptr;
  }

  // Every error, in file order, as one message; at most kMaxConfigErrorsShown.
  Error Errors() {
    std::stable_sort(errors_.begin(), errors_.end(), [](const ConfigError& a, const ConfigError& b) {
      return std::tie(a.file_order, a.where.line, a.where.column) <
             std::tie(b.file_order, b.where.line, b.where.column);
    });
    std::vector<std::string> lines;
    std::set<std::string> seen;  // a file included twice repeats its errors
    for (const ConfigError& e : errors_) {
      std::string line = e.where.ToString() + ": " + e.message;
      if (seen.insert(line).second) lines.push_back(std::move(line));
    }
    std::string message;
    for (size_t i = 0; i < lines.size() && i < kMaxConfigErrorsShown; ++i) {
      message += (i == 0 ? "" : "\n") + lines[i];
    }
    if (lines.size() > kMaxConfigErrorsShown) {
      message += "\n... and " + std::to_string(lines.size() - kMaxConfigErrorsShown) + " more errors";
    }
    return MakeError(ErrorCode::kInvalidArgument, message);
  }

 private:
  Document NewDocument(const std::string& name, const std::filesystem::path& dir, std::string text) {
    file_orders_.emplace(name, documents_);
    return Document{name, dir, std::move(text), documents_++, {}};
  }

  void Record(ConfigError error) { errors_.push_back(std::move(error)); }
  void Report(const Document& doc, const YAML::Node& node, const std::string& message) {
    Record(ConfigError{doc.order, LocationOf(doc, node), message});
  }

  // Runs one step of loading; a problem it throws is recorded, and the
  // caller goes on with its next step. False when the step failed.
  template <typename F>
  bool Check(F&& step) {
    try {
      step();
      return true;
    } catch (const ConfigError& e) {
      Record(e);
    }
    return false;
  }

  // Each key of a mapping, and each item of a list, is a step of its own:
  // a bad one does not hide the problems of the next.
  template <typename F>
  void ForEachKey(const Document& doc, const YAML::Node& map, F&& f) {
    for (const auto& kv : map) {
      if (doc.IsDuplicateKey(kv.first)) continue;
      // Scalar() is "" for a key that is not a scalar; CheckKeys reports those.
      Check([&] { f(kv.first.Scalar(), kv.second); });
    }
  }
  template <typename F>
  void ForEachItem(const YAML::Node& list, F&& f) {
    for (const auto& item : list) Check([&] { f(item); });
  }

  // Unknown keys are errors: a typo must not silently fall back to a default.
  void CheckKeys(const Document& doc, const YAML::Node& map, const std::string& what,
                 std::initializer_list<std::string_view> allowed) {
    for (const auto& kv : map) {
      if (doc.IsDuplicateKey(kv.first)) continue;
      if (!kv.first.IsScalar()) {
        Report(doc, kv.first, "keys in " + what + " must be strings, found " + KindName(kv.first));
        continue;
      }
      const std::string& key = kv.first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        Report(doc, kv.first, "unknown key '" + Shown(key) + "' in " + what + " (allowed: " + list + ")");
      }
    }
  }

  // False (the error recorded) when the text is not YAML: nothing in it can be loaded.
  bool Parse(Document& doc, YAML::Node& root) {
    try {
      root = YAML::Load(doc.text);
    } catch (const YAML::ParserException& e) {
      // When the file does not end with a newline, an open quote is reported
      // at the end of the file; with one, yaml-cpp ends the string there
      // silently. Parsing again with the newline finds where the quote opened.
      if (e.msg == YAML::ErrorMsg::EOF_IN_SCALAR) {
        try {
          const Document with_newline{doc.file, doc.dir, doc.text + "\n", doc.order, {}};
          if (auto mark = InspectTree(with_newline, YAML::Load(with_newline.text)).unclosed_quote) {
            ReportUnclosedQuote(doc, *mark);
            return false;
          }
        } catch (const YAML::Exception&) {
          // Not an open quote after all: the original error stands.
        }
      }
      Record(ConfigError{doc.order, LocationOf(doc, e.mark), "YAML syntax error: " + e.msg});
      return false;
    }
    TreeProblems problems = InspectTree(doc, root);
    if (problems.unclosed_quote) {
      ReportUnclosedQuote(doc, *problems.unclosed_quote);
      return false;
    }
    for (auto& [mark, message] : problems.duplicate_keys) {
      doc.duplicate_keys.insert(mark.pos);
      Record(ConfigError{doc.order, LocationOf(doc, mark), std::move(message)});
    }
    return true;
  }

  void ReportUnclosedQuote(const Document& doc, const YAML::Mark& mark) {
    const char quote = doc.text[static_cast<size_t>(mark.pos)];
    Record(ConfigError{doc.order, LocationOf(doc, mark),
                       std::string("YAML syntax error: the string opened here with ") + quote +
                           " is never closed (it runs to the end of the file)"});
  }

  std::string LoadListen(const Document& doc, const YAML::Node& v) {
    const std::string listen = AsString(doc, v, "metrics_listen");
    if (listen == "off") return listen;
    static const std::regex kListen(R"((\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):[0-9]{1,5})");
    if (!std::regex_match(listen, kListen)) {
      Fail(doc, v, "metrics_listen must be host:port or 'off', found '" + Shown(listen) + "'");
    }
    unsigned port = 0;
    const std::string_view port_text = std::string_view(listen).substr(listen.rfind(':') + 1);
    std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);  // 1-5 digits: fits
    // Port 0 asks the kernel for a free port; the metrics server logs the one it got.
    if (port > 65535) {
      Fail(doc, v,
           "metrics_listen port must be between 0 and 65535 (0 picks a free port), found '" + Shown(listen) + "'");
    }
    return listen;
  }

  // feeds, topics, leaders and definitions may appear in the main file and in includes.
  void LoadSection(const Document& doc, const std::string& key, const YAML::Node& v) {
    if (key == "define") {
      LoadDefinitions(doc, v);
      return;
    }
    ExpectList(doc, v, key);
    ForEachItem(v, [&](const YAML::Node& item) {
      if (key == "feeds") config_->feeds.push_back(LoadFeed(doc, item));
      if (key == "topics") config_->topics.push_back(LoadTopic(doc, item));
      if (key == "leaders") config_->leaders.push_back(LoadLeader(doc, item));
    });
  }

  void LoadIncludes(const Document& doc, const YAML::Node& pattern_node) {
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
      if (++included_files_ > kMaxIncludedFiles) Fail(doc, pattern_node, "too many included files");
      // Problems with the file itself are reported where it is included.
      auto text = ReadConfigFile(f);
      if (!text) {
        Report(doc, pattern_node, "included file '" + f + "' " + text.error().message);
        continue;
      }
      LoadIncluded(f, std::move(*text));
    }
  }

  void LoadIncluded(const std::filesystem::path& path, std::string text) {
    Document doc = NewDocument(path.string(), path.parent_path(), std::move(text));
    YAML::Node root;
    if (!Parse(doc, root) || root.IsNull()) return;
    if (!Check([&] { ExpectMap(doc, root, "an included file"); })) return;
    CheckKeys(doc, root, "an included file", {"feeds", "topics", "leaders", "define"});
    ForEachKey(doc, root, [&](const std::string& key, const YAML::Node& v) {
      if (key == "feeds" || key == "topics" || key == "leaders" || key == "define") LoadSection(doc, key, v);
    });
  }

  void LoadAnalysis(const Document& doc, const YAML::Node& node, AnalysisConfig& analysis) {
    ExpectMap(doc, node, "analysis");
    CheckKeys(doc, node, "analysis",
              {"workers", "max_story_bytes", "max_quotes_per_story", "story_time_budget", "max_attempts"});
    ForEachKey(doc, node, [&](const std::string& key, const YAML::Node& v) {
      const std::string what = "analysis." + key;
      if (key == "workers") {
        analysis.workers = static_cast<int>(AsInt(doc, v, what, 0, 256));
      } else if (key == "max_story_bytes") {
        analysis.max_story_bytes = AsInt(doc, v, what, 4096, int64_t{64} << 20);
      } else if (key == "max_quotes_per_story") {
        analysis.max_quotes_per_story = static_cast<int>(AsInt(doc, v, what, 1, 100000));
      } else if (key == "story_time_budget") {
        analysis.story_time_budget = AsDuration(doc, v, what, std::chrono::hours(1));
      } else if (key == "max_attempts") {
        analysis.max_attempts = static_cast<int>(AsInt(doc, v, what, 1, 100));
      }
    });
  }

  void LoadRetention(const Document& doc, const YAML::Node& node, RetentionConfig& retention) {
    ExpectMap(doc, node, "retention");
    CheckKeys(doc, node, "retention", {"items", "stories", "quotes", "interval", "batch_rows"});
    // At least a minute (tests and soaks use short horizons), at most ten years.
    auto horizon = [&](const YAML::Node& v, const std::string& what) {
      const auto d = AsDuration(doc, v, what, std::chrono::days(3650));
      if (d < std::chrono::minutes(1)) Fail(doc, v, what + " must be at least 1m");
      return d;
    };
    ForEachKey(doc, node, [&](const std::string& key, const YAML::Node& v) {
      const std::string what = "retention." + key;
      if (key == "items") retention.items = horizon(v, what);
      if (key == "stories") retention.stories = horizon(v, what);
      if (key == "quotes") retention.quotes = horizon(v, what);
      if (key == "interval") {
        retention.interval = AsDuration(doc, v, what, std::chrono::days(1));
        if (retention.interval < std::chrono::seconds(10)) Fail(doc, v, what + " must be at least 10s");
      }
      if (key == "batch_rows") retention.batch_rows = static_cast<int>(AsInt(doc, v, what, 10, 1000000));
    });
  }

  void LoadHttp(const Document& doc, const YAML::Node& node, HttpConfig& http) {
    ExpectMap(doc, node, "http");
    CheckKeys(doc, node, "http",
              {"user_agent", "max_connections", "per_host_connections", "per_host_delay", "allow_private_addresses",
               "allow_hosts", "connect_timeout", "total_timeout", "max_body_bytes", "max_redirects", "low_speed_limit",
               "low_speed_time", "http2"});
    ForEachKey(doc, node, [&](const std::string& key, const YAML::Node& v) {
      const std::string what = "http." + key;
      if (key == "user_agent") {
        http.user_agent = AsString(doc, v, what);
        if (http.user_agent.empty()) Fail(doc, v, what + " must not be empty");
      } else if (key == "max_connections") {
        http.max_connections = static_cast<int>(AsInt(doc, v, what, 1, 100000));
      } else if (key == "per_host_connections") {
        http.per_host_connections = static_cast<int>(AsInt(doc, v, what, 1, 1000));
      } else if (key == "per_host_delay") {
        http.per_host_delay = LoadDelay(doc, v, what);
      } else if (key == "allow_private_addresses") {
        http.allow_private_addresses = AsBool(doc, v, what);
      } else if (key == "allow_hosts") {
        ExpectList(doc, v, what);
        ForEachItem(v, [&](const YAML::Node& h) { http.allow_hosts.push_back(AsString(doc, h, what + " entry")); });
      } else if (key == "connect_timeout") {
        http.connect_timeout = AsDuration(doc, v, what, kMaxTimeout);
      } else if (key == "total_timeout") {
        http.total_timeout = AsDuration(doc, v, what, kMaxTimeout);
      } else if (key == "max_body_bytes") {
        // A larger body would be downloaded only for the feed parser to refuse it.
        http.max_body_bytes = AsInt(doc, v, what, 1024, static_cast<int64_t>(feed::kMaxFeedBytes));
      } else if (key == "max_redirects") {
        http.max_redirects = static_cast<int>(AsInt(doc, v, what, 0, 50));
      } else if (key == "low_speed_limit") {
        http.low_speed_limit = AsInt(doc, v, what, 0, int64_t{1} << 30);
      } else if (key == "low_speed_time") {
        http.low_speed_time = AsDuration(doc, v, what, kMaxTimeout);
      } else if (key == "http2") {
        http.http2 = AsBool(doc, v, what);
      }
    });
  }

  // "250ms", or a duration in whole seconds and up; zero allowed (no delay).
  std::chrono::milliseconds LoadDelay(const Document& doc, const YAML::Node& v, const std::string& what) {
    const std::string text = AsString(doc, v, what);
    const auto too_long = [&] {
      Fail(doc, v, what + " must be at most " + DurationText(kMaxTimeout) + ", found '" + Shown(text) + "'");
    };
    static const std::regex kMillis("[0-9]+ms");
    if (std::regex_match(text, kMillis)) {
      long long ms = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 2, ms);
      if (ec != std::errc() || std::chrono::milliseconds(ms) > kMaxTimeout) too_long();
      return std::chrono::milliseconds(ms);
    }
    static const std::regex kWellFormed("[0-9]+[smhd]?");
    const auto d = ParseDuration(text);
    if ((d && *d > kMaxTimeout) || (!d && std::regex_match(text, kWellFormed))) too_long();
    if (!d) Fail(doc, v, what + " must be a duration like 500ms or 2s");
    return *d;
  }

  // A topic or group name as Kafka accepts it.
  std::string AsKafkaName(const Document& doc, const YAML::Node& v, const std::string& what, const char* kind) {
    static const std::regex kName("[A-Za-z0-9._-]{1,249}");
    std::string name = AsString(doc, v, what);
    if (!std::regex_match(name, kName))
      Fail(doc, v, std::string("invalid Kafka ") + kind + " name '" + Shown(name) + "'");
    return name;
  }

  void LoadKafka(const Document& doc, const YAML::Node& node, KafkaConfig& kafka) {
    ExpectMap(doc, node, "kafka");
    CheckKeys(doc, node, "kafka", {"brokers", "topics", "source", "producer", "flush_timeout"});
    ForEachKey(doc, node, [&](const std::string& key, const YAML::Node& v) {
      if (key == "brokers") {
        kafka.brokers = AsString(doc, v, "kafka.brokers");
        if (kafka.brokers.empty()) Fail(doc, v, "kafka.brokers must not be empty");
      } else if (key == "source") {
        kafka.source = AsString(doc, v, "kafka.source");
      } else if (key == "flush_timeout") {
        kafka.flush_timeout = AsDuration(doc, v, "kafka.flush_timeout", kMaxTimeout);
      } else if (key == "topics") {
        ExpectMap(doc, v, "kafka.topics");
        CheckKeys(doc, v, "kafka.topics", {"stories", "quotes", "articles"});
        ForEachKey(doc, v, [&](const std::string& which, const YAML::Node& t) {
          if (which != "stories" && which != "quotes" && which != "articles") return;  // reported by CheckKeys
          (which == "stories"  ? kafka.stories_topic
           : which == "quotes" ? kafka.quotes_topic
                               : kafka.articles_topic) = AsKafkaName(doc, t, "kafka.topics." + which, "topic");
        });
      } else if (key == "producer") {
        ExpectMap(doc, v, "kafka.producer");
        for (const auto& p : v) {
          if (doc.IsDuplicateKey(p.first)) continue;
          Check([&] {
            kafka.producer[AsString(doc, p.first, "kafka.producer key")] =
                AsString(doc, p.second, "kafka.producer value");
          });
        }
      }
    });
  }

  void LoadGroup(const Document& doc, const YAML::Node& node, GroupConfig& group) {
    ExpectMap(doc, node, "group");
    const std::map<std::string, std::string*> topics{{"topic", &group.topic},
                                                     {"changelog_topic", &group.changelog_topic},
                                                     {"leader_topic", &group.leader_topic},
                                                     {"leader_history_topic", &group.leader_history_topic}};
    CheckKeys(doc, node, "group",
              {"id", "partitions", "session_timeout", "role", "topic", "changelog_topic", "leader_topic",
               "leader_history_topic"});
    ForEachKey(doc, node, [&](const std::string& key, const YAML::Node& v) {
      const std::string what = "group." + key;
      if (key == "id") group.id = AsKafkaName(doc, v, what, "group");
      if (key == "role") group.role = static_cast<GroupRole>(AsChoice(doc, v, what, {"both", "collector", "analyzer"}));
      if (auto t = topics.find(key); t != topics.end()) *t->second = AsKafkaName(doc, v, what, "topic");
      if (key == "partitions") group.partitions = static_cast<int>(AsInt(doc, v, what, 1, 10000));
      if (key == "session_timeout") group.session_timeout = AsDuration(doc, v, what, std::chrono::minutes(5));
    });
    if (!node["id"]) Fail(doc, node, "group.id is required in group mode");
  }

  FeedConfig LoadFeed(const Document& doc, const YAML::Node& node) {
    ExpectMap(doc, node, "a feed");
    const size_t errors_before = errors_.size();
    CheckKeys(doc, node, "a feed",
              {"id", "url", "language", "interval", "min_interval", "max_interval", "fetch_article"});
    FeedConfig feed;
    feed.where = LocationOf(doc, node);
    if (!node["id"]) Report(doc, node, "a feed needs an 'id'");
    if (!node["url"]) Report(doc, node, "feed needs a 'url'");
    bool min_set = false, max_set = false;
    ForEachKey(doc, node, [&](const std::string& key, const YAML::Node& v) {
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
          Fail(doc, v, "feed url must be an http://, https:// or file:// URL, found '" + Shown(feed.url) + "'");
        }
      } else if (key == "language") {
        feed.language = AsString(doc, v, "feed language");
      } else if (key == "interval") {
        feed.interval = AsDuration(doc, v, "feed interval", kMaxFeedInterval);
      } else if (key == "min_interval") {
        feed.min_interval = AsDuration(doc, v, "feed min_interval", kMaxFeedInterval);
        min_set = true;
      } else if (key == "max_interval") {
        feed.max_interval = AsDuration(doc, v, "feed max_interval", kMaxFeedInterval);
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
          Fail(doc, v, "fetch_article must be always, never or auto, found '" + Shown(s) + "'");
        }
      }
    });
    // Compared only when every interval was read: a bad one keeps its default
    // and would make a second, misleading error.
    if (errors_.size() == errors_before) {
      if (!min_set) feed.min_interval = std::min(feed.min_interval, feed.interval);
      if (!max_set) feed.max_interval = std::max(feed.max_interval, feed.interval);
      if (feed.min_interval > feed.max_interval) Report(doc, node, "feed min_interval is larger than max_interval");
    }
    return feed;
  }

  TopicConfig LoadTopic(const Document& doc, const YAML::Node& node) {
    ExpectMap(doc, node, "a topic");
    CheckKeys(doc, node, "a topic", {"id", "name", "query", "threshold", "examples"});
    TopicConfig topic;
    topic.where = LocationOf(doc, node);
    if (!node["id"]) Report(doc, node, "a topic needs an 'id'");
    if (!node["query"]) Report(doc, node, "topic needs a 'query'");
    ForEachKey(doc, node, [&](const std::string& key, const YAML::Node& v) {
      if (key == "id") {
        topic.id = AsId(doc, v, "topic id");
      } else if (key == "name") {
        // Optional (the id stands in), but a name given must say something.
        topic.name = AsName(doc, v, "topic name");
      } else if (key == "query") {
        topic.query = AsString(doc, v, "topic query");
        topic.query_where = ScalarTextLocation(doc, v);
        if (IsBlank(topic.query)) Fail(doc, v, "topic query must not be empty");
      } else if (key == "threshold") {
        topic.threshold = AsDouble(doc, v, "topic threshold");
        if (topic.threshold < 0) Fail(doc, v, "topic threshold must not be negative");
      } else if (key == "examples") {
        ExpectList(doc, v, "topic examples");
        ForEachItem(v, [&](const YAML::Node& item) { topic.examples.push_back(LoadExample(doc, item)); });
      }
    });
    if (topic.name.empty()) topic.name = topic.id;
    return topic;
  }

  void LoadDefinitions(const Document& doc, const YAML::Node& node) {
    ExpectMap(doc, node, "define");
    static const std::regex kName("[a-z][a-z0-9_-]{0,63}");
    for (const auto& kv : node) {
      if (doc.IsDuplicateKey(kv.first)) continue;
      Check([&] {
        const std::string name = AsString(doc, kv.first, "a definition name");
        if (!std::regex_match(name, kName)) {
          Fail(doc, kv.first, "definition name '" + Shown(name) + "' must be lower-case letters, digits, '_' or '-'");
        }
        RuleDefinition def{AsString(doc, kv.second, "definition '" + name + "'"), ScalarTextLocation(doc, kv.second)};
        if (IsBlank(def.text)) Fail(doc, kv.second, "definition '" + name + "' must not be empty");
        auto [it, added] = definitions_->emplace(name, def);
        if (!added) {
          Fail(doc, kv.first,
               "duplicate definition '" + name + "' (first defined at " + it->second.where.ToString() + ")");
        }
      });
    }
  }

  TopicExample LoadExample(const Document& doc, const YAML::Node& node) {
    ExpectMap(doc, node, "a topic example");
    CheckKeys(doc, node, "a topic example", {"expect", "title", "text", "file"});
    TopicExample example;
    example.where = LocationOf(doc, node);
    if (!node["expect"]) {
      Report(doc, node, "a topic example needs 'expect: match' or 'expect: no-match'");
    } else {
      Check([&] {
        const std::string expect = AsString(doc, node["expect"], "example expect");
        if (expect != "match" && expect != "no-match") {
          Fail(doc, node["expect"], "example expect must be 'match' or 'no-match', found '" + Shown(expect) + "'");
        }
        example.expect_match = expect == "match";
      });
    }
    if (node["file"] && (node["text"] || node["title"])) {
      Report(doc, node, "a topic example has either 'file' or 'title'/'text', not both");
    } else if (node["file"]) {
      Check([&] {
        const std::string file = AsString(doc, node["file"], "example file");
        if (file.empty()) Fail(doc, node["file"], "example file must not be empty");
        example.file = std::filesystem::path(file).is_absolute() ? std::filesystem::path(file) : doc.dir / file;
      });
    } else if (node["text"] || node["title"]) {
      if (node["title"]) Check([&] { example.title = AsString(doc, node["title"], "example title"); });
      if (node["text"]) Check([&] { example.text = AsString(doc, node["text"], "example text"); });
    } else {
      Report(doc, node, "a topic example needs a 'text' (and optionally a 'title') or a 'file'");
    }
    return example;
  }

  LeaderConfig LoadLeader(const Document& doc, const YAML::Node& node) {
    ExpectMap(doc, node, "a leader");
    CheckKeys(doc, node, "a leader", {"id", "name", "aliases", "roles", "country"});
    LeaderConfig leader;
    leader.where = LocationOf(doc, node);
    if (!node["id"]) Report(doc, node, "a leader needs an 'id'");
    if (!node["name"]) Report(doc, node, "leader needs a 'name'");
    ForEachKey(doc, node, [&](const std::string& key, const YAML::Node& v) {
      if (key == "id") {
        leader.id = AsId(doc, v, "leader id");
      } else if (key == "name") {
        leader.name = AsName(doc, v, "leader name");
      } else if (key == "aliases") {
        ExpectList(doc, v, "leader aliases");
        ForEachItem(v, [&](const YAML::Node& a) { leader.aliases.push_back(AsName(doc, a, "leader alias")); });
      } else if (key == "country") {
        leader.country = AsString(doc, v, "leader country");
        static const std::regex kCountry("[A-Z]{2}");
        if (!std::regex_match(leader.country, kCountry)) {
          Fail(doc, v,
               "leader country must be an ISO 3166 two-letter code like KZ, found '" + Shown(leader.country) + "'");
        }
      } else if (key == "roles") {
        ExpectList(doc, v, "leader roles");
        ForEachItem(v, [&](const YAML::Node& r) { leader.roles.push_back(LoadRole(doc, r)); });
      }
    });
    return leader;
  }

  LeaderRole LoadRole(const Document& doc, const YAML::Node& node) {
    ExpectMap(doc, node, "a role");
    const size_t errors_before = errors_.size();
    CheckKeys(doc, node, "a role", {"title", "from", "to"});
    if (!node["title"]) Report(doc, node, "a role needs a 'title'");
    LeaderRole role;
    ForEachKey(doc, node, [&](const std::string& key, const YAML::Node& v) {
      if (key == "title") role.title = AsName(doc, v, "role title");
      if (key == "from") role.from = AsDate(doc, v, "role from");
      if (key == "to") role.to = AsDate(doc, v, "role to");
    });
    // A role ending before it starts matches no date: the quote attribution
    // would silently never use it. (A role of one day has from == to.)
    if (errors_.size() == errors_before && role.from && role.to && *role.from > *role.to) {
      Report(doc, node["from"], "role from " + node["from"].Scalar() + " is after role to " + node["to"].Scalar());
    }
    return role;
  }

  template <typename T>
  void CheckUnique(const std::vector<T>& items, const std::string& what) {
    std::map<std::string, const T*> seen;
    for (const auto& item : items) {
      if (item.id.empty()) continue;  // its bad or missing id is reported already
      auto [it, inserted] = seen.emplace(item.id, &item);
      if (!inserted) {
        Record(ConfigError{
            OrderOf(item.where.file), item.where,
            "duplicate " + what + " id '" + item.id + "' (first defined at " + it->second->where.ToString() + ")"});
      }
    }
  }

  // The order of the document named `file`, for errors found after loading.
  size_t OrderOf(const std::string& file) const {
    auto it = file_orders_.find(file);
    return it == file_orders_.end() ? 0 : it->second;
  }

  void Validate() {
    CheckUnique(config_->feeds, "feed");
    CheckUnique(config_->topics, "topic");
    CheckUnique(config_->leaders, "leader");
    for (TopicConfig& topic : config_->topics) topic.definitions = definitions_;
  }

  // Includes cannot include, so this only bounds a glob matching a huge folder.
  static constexpr int kMaxIncludedFiles = 1000;

  std::shared_ptr<Config> config_ = std::make_shared<Config>();
  std::shared_ptr<RuleDefinitions> definitions_ = std::make_shared<RuleDefinitions>();
  std::vector<ConfigError> errors_;
  size_t documents_ = 0;
  std::map<std::string, size_t> file_orders_;
  int included_files_ = 0;
};

Result<std::shared_ptr<const Config>> LoadText(const std::string& text, const std::string& name,
                                               const std::filesystem::path& dir, const std::filesystem::path& file) {
  Loader loader;
  try {
    std::shared_ptr<const Config> config = loader.Load(text, name, dir, file);
    if (!config) return loader.Errors();
    return config;
  } catch (const YAML::Exception& e) {
    // The helpers turn yaml-cpp's conversion errors into ours; this is for
    // one they do not expect, which must not escape as an exception.
    return MakeError(ErrorCode::kInvalidArgument, name + ":" + std::to_string(std::max(e.mark.line, 0) + 1) + ":" +
                                                      std::to_string(std::max(e.mark.column, 0) + 1) + ": " + e.msg);
  }
}

}  // namespace

Result<std::shared_ptr<const Config>> LoadConfigFromString(const std::string& yaml, const std::string& name,
                                                           const std::filesystem::path& base_dir) {
  return LoadText(yaml, name, base_dir, name);
}

Result<std::shared_ptr<const Config>> LoadConfig(const std::filesystem::path& file) {
  auto text = ReadConfigFile(file);
  if (!text) {
    return MakeError(text.error().code, file.string() + ":1:1: config file " + text.error().message);
  }
  auto dir = file.parent_path();
  if (dir.empty()) dir = ".";
  return LoadText(*text, file.string(), dir, file);
}

}  // namespace newsmon
