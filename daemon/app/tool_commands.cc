// Commands for operators and rule authors that do not run the pipeline.
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/poll.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/commands.h"
#include "app/logging.h"
#include "app/pipeline.h"
#include "article/extractor.h"
#include "article/story.h"
#include "emit/kafka.h"
#include "feed/feed_parser.h"
#include "util/text.h"

namespace newsmon {
namespace {

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int CheckConfigCommand(const std::string& file) {
  auto config = LoadConfig(file);
  if (!config) {
    std::cerr << config.error().message << "\n";
    return 1;
  }
  auto compiled = CompileConfig(*config);
  if (!compiled) {
    std::cerr << compiled.error().message << "\n";
    return 1;
  }
  std::cout << file << ": OK (" << (*config)->feeds.size() << " feeds, " << (*config)->topics.size() << " topics, "
            << (*config)->leaders.size() << " leaders)\n";
  return 0;
}

int KafkaEmbeddedCommand(int brokers, const std::vector<std::string>& topics, int partitions) {
  SetUpLogging("warn");
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGTERM, SIGINT}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto cluster = EmbeddedKafka::Start(brokers, topics, partitions);
  if (!cluster) {
    std::cerr << cluster.error().message << "\n";
    return 1;
  }
  std::cout << "BROKERS=" << (*cluster)->bootstrap_servers() << std::endl;
  // Until stdin closes (EOF) or SIGTERM/SIGINT.
  while (true) {
    timespec tick{0, 200 * 1000 * 1000};
    const int sig = sigtimedwait(&signals, nullptr, &tick);
    if (sig == SIGTERM || sig == SIGINT) break;
    pollfd pfd{STDIN_FILENO, POLLIN, 0};
    if (::poll(&pfd, 1, 0) > 0) {
      char buf[256];
      const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
      if (n <= 0) break;
    }
  }
  return 0;
}

int TailCommand(const std::string& brokers, const std::string& topic, bool from_beginning, int count,
                double idle_seconds) {
  SetUpLogging("warn");
  auto reader = KafkaReader::Open(brokers, topic, from_beginning);
  if (!reader) {
    std::cerr << reader.error().message << "\n";
    return 1;
  }
  int seen = 0;
  auto last_event = std::chrono::steady_clock::now();
  while (count == 0 || seen < count) {
    auto next = (*reader)->Next(std::chrono::milliseconds(200));
    if (!next) {
      std::cerr << next.error().message << "\n";
      return 1;
    }
    if (!*next) {
      if (idle_seconds > 0 &&
          std::chrono::steady_clock::now() - last_event > std::chrono::duration<double>(idle_seconds)) {
        break;
      }
      continue;
    }
    last_event = std::chrono::steady_clock::now();
    std::cout << EventToJson(**next) << std::endl;
    ++seen;
  }
  return 0;
}

int ParseFeedCommand(const std::string& file, const std::string& url, const std::string& content_type) {
  auto bytes = ReadFile(file);
  if (!bytes) {
    std::cerr << "cannot read " << file << "\n";
    return 1;
  }
  auto feed = feed::ParseFeed(*bytes, {url, content_type});
  if (!feed) {
    std::cerr << file << ": " << feed.error().message << "\n";
    return 1;
  }
  std::cout << feed::ToNeutralJson(*feed) << "\n";
  return 0;
}

int ExtractCommand(const std::string& file, const std::string& url) {
  auto bytes = ReadFile(file);
  if (!bytes) {
    std::cerr << "cannot read " << file << "\n";
    return 1;
  }
  auto article = ExtractArticle(*bytes, {url, ""});
  if (!article) {
    std::cerr << file << ": " << article.error().message << "\n";
    return 1;
  }
  std::cout << ArticleToJson(*article) << "\n";
  return 0;
}

int QuotesCommand(const std::string& file, const std::string& config_file) {
  auto text = ReadFile(file);
  if (!text) {
    std::cerr << "cannot read " << file << "\n";
    return 1;
  }
  LeaderIndex leaders;
  if (!config_file.empty()) {
    auto config = LoadConfig(config_file);
    if (!config) {
      std::cerr << config.error().message << "\n";
      return 1;
    }
    leaders = LeaderIndex((*config)->leaders);
  }
  for (const Quote& q : FindQuotes(*text, leaders, {})) std::cout << QuoteToJson(q) << "\n";
  return 0;
}

namespace {

struct Document {
  std::string name;
  std::string title;
  std::string body;
};

// A feed file gives one document per entry, an HTML page its article, any
// other file its plain text.
std::vector<Document> LoadDocuments(const std::string& path, const std::string& bytes) {
  std::vector<Document> docs;
  const std::string_view head = TrimAscii(std::string_view(bytes).substr(0, 2048));
  const bool looks_xml = head.starts_with("<?xml") || head.starts_with("<rss") || head.starts_with("<feed") ||
                         head.starts_with("<rdf");
  if (looks_xml) {
    auto feed = feed::ParseFeed(bytes, {"", ""});
    if (feed && !feed->entries.empty()) {
      for (size_t i = 0; i < feed->entries.size(); ++i) {
        Story s = MakeStory("cli", "", feed->entries[i], nullptr);
        docs.push_back({path + "#" + std::to_string(i), s.title, s.BodyText()});
      }
      return docs;
    }
  }
  const bool looks_html = head.find("<html") != std::string_view::npos ||
                          head.find("<!DOCTYPE html") != std::string_view::npos ||
                          head.find("<!doctype html") != std::string_view::npos;
  if (looks_html) {
    auto article = ExtractArticle(bytes, {"", ""});
    if (article) {
      Story s;
      s.paragraphs = article->paragraphs;
      docs.push_back({path, article->title, s.BodyText()});
      return docs;
    }
  }
  docs.push_back({path, "", bytes});
  return docs;
}

}  // namespace

int MatchCommand(const std::string& config_file, const std::vector<std::string>& files, bool json) {
  auto config = LoadConfig(config_file);
  if (!config) {
    std::cerr << config.error().message << "\n";
    return 1;
  }
  auto matcher = Matcher::Compile((*config)->topics);
  if (!matcher) {
    std::cerr << matcher.error().message << "\n";
    return 1;
  }
  int rc = 0;
  for (const auto& path : files) {
    auto bytes = ReadFile(path);
    if (!bytes) {
      std::cerr << "cannot read " << path << "\n";
      rc = 1;
      continue;
    }
    for (const Document& doc : LoadDocuments(path, *bytes)) {
      const auto results = (*matcher)->Match({doc.title, doc.body});
      if (json) {
        nlohmann::json j;
        j["document"] = doc.name;
        j["topics"] = nlohmann::json::array();
        for (const auto& r : results) {
          nlohmann::json t{{"id", r.topic_id}, {"matched", r.matched}, {"score", r.score}};
          t["terms"] = nlohmann::json::array();
          for (const auto& h : r.terms) {
            t["terms"].push_back({{"term", SanitizeUtf8(h.term)},
                                  {"field", MatchFieldName(h.field)},
                                  {"start", h.start},
                                  {"end", h.end},
                                  {"snippet", SanitizeUtf8(h.snippet)}});
          }
          j["topics"].push_back(std::move(t));
        }
        std::cout << j.dump() << "\n";
      } else {
        std::cout << doc.name << "\n";
        for (const auto& r : results) {
          std::cout << "  " << r.topic_id << ": " << (r.matched ? "MATCH" : "no match") << " (score " << r.score
                    << ")\n";
          for (const auto& h : r.terms) {
            std::cout << "    " << h.term << " @ " << MatchFieldName(h.field) << " " << h.start << "-" << h.end;
            if (!h.snippet.empty()) std::cout << "  \"" << h.snippet << "\"";
            std::cout << "\n";
          }
        }
      }
    }
  }
  return rc;
}

int StatusCommand(const std::string& config_file) {
  auto config = LoadConfig(config_file);
  if (!config) {
    std::cerr << config.error().message << "\n";
    return 1;
  }
  auto store = OpenSqliteStore((*config)->state_dir / "state.db");
  if (!store) {
    std::cerr << store.error().message << "\n";
    return 1;
  }
  std::cout << "feed\tstatus\tlast_http\terrors\tlast_poll\tnext_poll\tlast_error\n";
  for (const auto& feed : (*config)->feeds) {
    auto state = (*store)->GetFeedState(feed.id);
    if (!state || !state->has_value()) {
      std::cout << feed.id << "\tnever polled\t-\t0\t-\t-\t\n";
      continue;
    }
    const FeedState& s = **state;
    const char* status = s.last_error.empty() ? "ok" : (s.error_streak > 0 ? "backing off" : "error");
    std::cout << feed.id << "\t" << status << "\t" << s.last_http_status << "\t" << s.error_streak << "\t"
              << (s.last_poll ? FormatRfc3339(*s.last_poll) : "-") << "\t"
              << (s.next_poll ? FormatRfc3339(*s.next_poll) : "-") << "\t" << s.last_error << "\n";
  }
  return 0;
}

}  // namespace newsmon
