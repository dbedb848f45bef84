// `newsmon backtest`: replays edited topic rules against the archive topic
// (kafka.topics.articles) and lists the stories they would gain and lose.
#include <spdlog/spdlog.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "app/backtest.h"
#include "app/commands.h"
#include "emit/event.h"
#include "emit/kafka.h"
#include "match/matcher.h"
#include "newsmon/v1/events.pb.h"
#include "ops/logging.h"
#include "util/text.h"
#include "util/time.h"

namespace newsmon {

namespace {

Result<std::shared_ptr<const Matcher>> CompileFile(const std::string& file) {
  auto config = LoadConfig(file);
  if (!config) return config.error();
  return Matcher::Compile((*config)->topics);
}

}  // namespace

int BacktestCommand(const BacktestOptions& options) {
  ops::SetUpLogging("warn");
  auto config = LoadConfig(options.config_file);
  if (!config) {
    std::cerr << config.error().message << "\n";
    return 1;
  }
  auto edited = Matcher::Compile((*config)->topics);
  if (!edited) {
    std::cerr << edited.error().message << "\n";
    return 1;
  }
  std::shared_ptr<const Matcher> running;
  if (!options.against_file.empty()) {
    auto against = CompileFile(options.against_file);
    if (!against) {
      std::cerr << against.error().message << "\n";
      return 1;
    }
    running = *against;
  }
  const std::string brokers = !options.brokers.empty() ? options.brokers : (*config)->kafka.brokers;
  if (brokers.empty() || brokers == "embedded") {
    std::cerr << "backtest: give --brokers (the config's kafka.brokers is '" << brokers << "')\n";
    return 2;
  }
  std::string topic = options.topic;
  if (topic.empty()) topic = (*config)->kafka.articles_topic;
  if (topic.empty()) topic = "newsmon.articles.v1";
  const auto window = ParseDuration(options.since);
  if (!window) {
    std::cerr << "backtest: --since must be a duration like 7d, 12h or 30m, found '" << options.since << "'\n";
    return 2;
  }
  const Timestamp since = Now() - *window;
  size_t records = 0, undecodable = 0;
  auto stories = ReadArchive(brokers, topic, since, records, undecodable);
  if (!stories) {
    std::cerr << "backtest: " << stories.error().message << "\n";
    return 1;
  }

  const std::vector<TopicChanges> changes = Backtest(*stories, **edited, running.get());
  size_t gained = 0, lost = 0;
  for (const TopicChanges& c : changes) {
    gained += c.gained.size();
    lost += c.lost.size();
  }
  if (options.json) {
    nlohmann::json out;
    out["topic"] = topic;
    out["since"] = FormatRfc3339(since);
    out["stories"] = stories->size();
    out["undecodable"] = undecodable;
    out["topics"] = nlohmann::json::array();
    for (const TopicChanges& c : changes) {
      nlohmann::json t{{"id", c.id}, {"kept", c.kept}};
      for (const char* which : {"gained", "lost"}) {
        nlohmann::json list = nlohmann::json::array();
        for (const Change& ch : std::string(which) == "gained" ? c.gained : c.lost) {
          list.push_back({{"story_id", ch.story->story_id},
                          {"title", SanitizeUtf8(ch.story->title)},
                          {"url", SanitizeUtf8(ch.story->url)},
                          {"terms", TermsJson(ch.terms)}});
        }
        t[which] = std::move(list);
      }
      out["topics"].push_back(std::move(t));
    }
    out["gained"] = gained;
    out["lost"] = lost;
    std::cout << out.dump() << "\n";
    return 0;
  }
  for (const TopicChanges& c : changes) {
    std::cout << c.id << ": +" << c.gained.size() << " gained, -" << c.lost.size() << " lost, " << c.kept
              << " still matched\n";
    for (const char* which : {"+", "-"}) {
      for (const Change& ch : std::string(which) == "+" ? c.gained : c.lost) {
        std::cout << "  " << which << " " << ch.story->title << "  " << ch.story->url << "\n";
        for (const TermHit& h : ch.terms) {
          std::cout << "      " << h.term << " @ " << MatchFieldName(h.field) << " paragraph " << h.paragraph
                    << (h.lead ? " (lead)" : "") << "  \"" << h.snippet << "\"\n";
        }
      }
    }
  }
  std::cout << "backtest: " << stories->size() << " stories in " << topic << " since " << FormatRfc3339(since) << " ("
            << records << " records" << (undecodable ? ", " + std::to_string(undecodable) + " not decodable" : "")
            << "): +" << gained << " gained, -" << lost << " lost against "
            << (running ? "the rules in " + options.against_file : std::string("the rules that ran")) << "\n";
  return 0;
}

}  // namespace newsmon
