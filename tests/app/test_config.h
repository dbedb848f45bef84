// A config over the fixture feeds in tests/app/fixtures, for the app tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace newsmon::testing {

inline std::string FixtureFeedUrl(const std::string& name) {
  return "file://" + (std::filesystem::path(NEWSMON_SOURCE_DIR) / "tests/app/fixtures/feeds" / name).string();
}

// Writes config.yaml into `dir` and returns its path.
inline std::filesystem::path WriteFixtureConfig(const std::filesystem::path& dir, const std::string& brokers,
                                                const std::string& extra = "") {
  const std::string yaml = "state_dir: " + (dir / "state").string() + R"(
metrics_listen: "off"
log_level: warn
http: {allow_private_addresses: true}
kafka:
  brokers: )" + brokers + R"(
  topics: {stories: test.stories, quotes: test.quotes}
  source: urn:newsmon:test
  flush_timeout: 20s
feeds:
  - {id: wire, url: ")" + FixtureFeedUrl("wire.xml") +
                           R"(", language: en, fetch_article: never}
  - {id: ledger, url: ")" + FixtureFeedUrl("ledger.xml") +
                           R"(", language: en, fetch_article: never}
  - {id: reprint, url: ")" +
                           FixtureFeedUrl("reprint.xml") + R"(", language: en, fetch_article: never}
topics:
  - {id: kz-de, query: 'Kazakhstan AND (Germany OR German)'}
  - {id: ru-sanctions, query: 'sanctions AND Russia'}
leaders:
  - id: kz-tokayev
    name: Kassym-Jomart Tokayev
    roles: [{title: President of Kazakhstan, from: 2019-03-20}]
    country: KZ
)" + extra;
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "config.yaml") << yaml;
  return dir / "config.yaml";
}

}  // namespace newsmon::testing
