// Commands for operators and rule authors that do not run the pipeline.
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/poll.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/commands.h"
#include "app/pipeline.h"
#include "app/story_files.h"
#include "article/extractor.h"
#include "article/story.h"
#include "emit/kafka.h"
#include "feed/feed_parser.h"
#include "group/feed_partition.h"
#include "ops/logging.h"
#include "util/text.h"

namespace newsmon {

namespace {

// Runs every topic's judged examples; prints each failure with the rule's
// explanation and returns how many failed (and how many ran).
std::pair<int, int> RunTopicExamples(const Config& config, const Matcher& matcher) {
  int failed = 0;
  int ran = 0;
  for (const TopicConfig& topic : config.topics) {
    for (const TopicExample& example : topic.examples) {
      StoryDocument doc;
      if (!example.file.empty()) {
        // Bounded and regular-only like the config files: an example naming
        // /dev/zero must not hang check-config.
        auto bytes = ReadConfigFile(example.file);
        if (!bytes) {
          std::cerr << example.where.ToString() << ": example file " << example.file.string() << " "
                    << bytes.error().message << "\n";
          ++failed;
          continue;
        }
        auto docs = LoadStoryDocuments(example.file.string(), *bytes);
        if (docs.size() != 1) {
          std::cerr << example.where.ToString() << ": example file " << example.file.string() << " holds "
                    << docs.size() << " stories; an example is one story\n";
          ++failed;
          continue;
        }
        doc = std::move(docs[0]);
      } else {
        doc.title = example.title;
        doc.body = StoryBodyText(example.text);
      }
      ++ran;
      for (const TopicResult& r : matcher.Explain({doc.title, doc.body})) {
        if (r.topic_id != topic.id || r.matched == example.expect_match) continue;
        ++failed;
        std::cerr << example.where.ToString() << ": topic '" << topic.id << "': example "
                  << (example.expect_match ? "should match but does not" : "should not match but does") << " (score "
                  << r.score;
        if (topic.threshold > 0) std::cerr << ", threshold " << topic.threshold;
        std::cerr << "): " << (doc.title.empty() ? doc.body.substr(0, 80) : doc.title) << "\n";
        std::cerr << "    " << (r.matched ? "the terms that made it match:" : "the rule's terms it holds:")
                  << (r.terms.empty() ? " none" : "") << "\n";
        for (const TermHit& h : r.terms) {
          std::cerr << "      " << h.term << " @ " << MatchFieldName(h.field) << " paragraph " << h.paragraph
                    << (h.lead ? " (lead)" : "") << "  \"" << h.snippet << "\"\n";
        }
      }
    }
  }
  return {failed, ran};
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
  const auto [failed, ran] = RunTopicExamples(**config, *compiled->matcher);
  if (failed > 0) {
    std::cerr << file << ": " << failed << " of " << ran << " topic examples failed\n";
    return 1;
  }
  std::cout << file << ": OK (" << (*config)->feeds.size() << " feeds, " << (*config)->topics.size() << " topics, "
            << (*config)->leaders.size() << " leaders)";
  if (ran > 0) std::cout << ", " << ran << " topic examples passed";
  std::cout << "\n";
  return 0;
}

int KafkaEmbeddedCommand(int brokers, const std::vector<std::string>& topics, int partitions) {
  ops::SetUpLogging("warn");
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
  ops::SetUpLogging("warn");
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

namespace {

// GET `path` from the running daemon's metrics endpoint, when it answers:
// `newsmon status` reads /metrics (the same registry as the STATUS= line and
// Prometheus) and, in group mode, /group.
std::optional<std::string> AskDaemon(const std::string& listen, const char* path) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  using tcp = boost::asio::ip::tcp;
  const size_t colon = listen.rfind(':');
  if (listen == "off" || colon == std::string::npos) return std::nullopt;
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  if (host == "0.0.0.0") host = "127.0.0.1";
  if (host == "::") host = "::1";
  try {
    boost::asio::io_context io;
    tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(2));
    stream.connect(resolver.resolve(host, listen.substr(colon + 1)));
    http::request<http::empty_body> req{http::verb::get, path, 11};
    req.set(http::field::host, host);
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    if (res.result() != http::status::ok) return std::nullopt;
    return res.body();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Sum of a metric's samples (all label sets) in a text exposition.
double SampleSum(const std::string& text, const std::string& name) {
  double sum = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with(name)) continue;
    const char next = line.size() > name.size() ? line[name.size()] : ' ';
    if (next != ' ' && next != '{') continue;
    const size_t space = line.rfind(' ');
    if (space != std::string::npos) sum += std::atof(line.c_str() + space + 1);
  }
  return sum;
}

struct GroupView {
  std::string summary;
  std::set<int> feed_partitions;
};

// The daemon's /group answer; nullopt when it did not answer or made no sense.
std::optional<GroupView> ReadGroupView(const std::optional<std::string>& body) {
  if (!body) return std::nullopt;
  try {
    const auto j = nlohmann::json::parse(*body);
    GroupView view;
    view.feed_partitions = j.at("feed_partitions").get<std::set<int>>();
    const auto judge = j.at("judge_partitions").get<std::set<int>>();
    auto list = [](const std::set<int>& s) {
      std::string out;
      for (int p : s) out += (out.empty() ? "" : ",") + std::to_string(p);
      return out.empty() ? std::string("none") : out;
    };
    view.summary = "group " + j.at("group").get<std::string>() + ": this instance (" +
                   j.at("member").get<std::string>() + ") polls the feeds of partitions " + list(view.feed_partitions) +
                   " of " + std::to_string(j.at("partitions").get<int>()) + " (" +
                   std::to_string(j.at("feed_partitions_restoring").get<size_t>()) +
                   " more being restored) and judges the leaders of partitions " + list(judge);
    return view;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

int StatusCommand(const std::string& config_file) {
  auto config = LoadConfig(config_file);
  if (!config) {
    std::cerr << config.error().message << "\n";
    return 1;
  }
  // Read-only: an operator's look must not create the state folder or file
  // (as whoever runs it) before the daemon does.
  auto store = OpenSqliteStore((*config)->state_dir / "state.db", {.read_only = true});
  if (!store) {
    std::cerr << store.error().message << "\n";
    return 1;
  }
  if (auto metrics = AskDaemon((*config)->metrics_listen, "/metrics")) {
    const double last = SampleSum(*metrics, "newsmon_last_cycle_timestamp_seconds");
    std::cout << "daemon at " << (*config)->metrics_listen << ": " << SampleSum(*metrics, "newsmon_feeds") << " feeds ("
              << SampleSum(*metrics, "newsmon_feeds_failing") << " failing), "
              << SampleSum(*metrics, "newsmon_items_committed_total") << " items committed, "
              << SampleSum(*metrics, "newsmon_items_skipped_total") << " skipped, "
              << SampleSum(*metrics, "newsmon_leader_quotes_new_total") << " new leader quotes, "
              << SampleSum(*metrics, "newsmon_producer_queue_depth") << " events pending, ready "
              << SampleSum(*metrics, "newsmon_ready") << ", last commit "
              << (last > 0 ? FormatRfc3339(Timestamp(std::chrono::seconds(static_cast<int64_t>(last)))) : "never")
              << "\n";
  } else {
    std::cout << "daemon: no metrics endpoint answered at " << (*config)->metrics_listen << "\n";
  }
  // Group mode: which feeds this instance polls. The store is this
  // instance's cache; a feed another member owns shows what was last
  // restored or polled here.
  const GroupConfig& group = (*config)->group;
  std::optional<GroupView> view;
  if (group.enabled()) {
    view = ReadGroupView(AskDaemon((*config)->metrics_listen, "/group"));
    std::cout << (view ? view->summary : "group " + group.id + ": this instance's daemon did not answer") << "\n";
    std::cout << "the whole group: kafka-consumer-groups.sh --describe --group " << group.id << " (feeds) and "
              << group.id << ".judges (leaders); members are named newsmon@host/pid\n";
  }
  std::cout << "feed\tstatus\tlast_http\terrors\tlast_success\tnext_poll\twhy\tlast_error"
            << (group.enabled() ? "\towner" : "") << "\n";
  for (const auto& feed : (*config)->feeds) {
    std::string owner;
    if (group.enabled()) {
      const int p = group::FeedPartition(feed.id, group.partitions);
      owner = "\t" +
              (!view                               ? std::string("unknown")
               : view->feed_partitions.contains(p) ? "this instance"
                                                   : "another member") +
              " (partition " + std::to_string(p) + ")";
    }
    auto state = (*store)->GetFeedState(feed.id);
    if (!state || !state->has_value()) {
      std::cout << feed.id << "\tnever polled\t-\t0\t-\t-\tfirst poll is spread over the interval\t" << owner << "\n";
      continue;
    }
    const FeedState& s = **state;
    const char* status = s.last_error.empty() ? "ok" : (s.error_streak > 0 ? "backing off" : "error");
    std::cout << feed.id << "\t" << status << "\t" << s.last_http_status << "\t" << s.error_streak << "\t"
              << (s.last_success ? FormatRfc3339(*s.last_success) : "-") << "\t"
              << (s.next_poll ? FormatRfc3339(*s.next_poll) : "-") << "\t" << s.schedule_reason << "\t" << s.last_error
              << owner << "\n";
  }
  return 0;
}

}  // namespace newsmon
