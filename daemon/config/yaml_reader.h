// Internal to the config stage: a YAML document being read, typed readers
// for its scalars that fail with file:line:column, and the checks of what
// yaml-cpp accepts silently (unclosed quotes, duplicate keys).
//
//   Document doc{"config.yaml", dir, text};
//   int64_t n = AsInt(doc, node["workers"], "analysis.workers", 1, 256);  // throws ConfigError
#pragma once

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"

namespace newsmon::config_internal {

// Thrown inside the loader only: it ends the processing of one key or list
// item, and Loader::Check records it and goes on with the next one, so one
// run reports every problem. LoadConfig returns the collected errors.
struct ConfigError {
  size_t file_order = 0;  // of the document, see Document::order
  SourceLocation where;
  std::string message;
};

struct Document {
  std::string file;  // as shown in messages
  std::filesystem::path dir;
  std::string text;
  size_t order = 0;  // 0 for the main file, then includes in the order read: errors are sorted by it
  // Where the second (third...) of a key given twice in a mapping is: it is
  // reported once, as a duplicate, and then skipped, as lookups skip it.
  std::set<int> duplicate_keys;

  bool IsDuplicateKey(const YAML::Node& key) const { return duplicate_keys.count(key.Mark().pos) > 0; }
};

struct TreeProblems {
  std::optional<YAML::Mark> unclosed_quote;
  std::vector<std::pair<YAML::Mark, std::string>> duplicate_keys;  // the later key, and the message
};

SourceLocation LocationOf(const Document& doc, const YAML::Mark& mark);
SourceLocation LocationOf(const Document& doc, const YAML::Node& node);
[[noreturn]] void Fail(const Document& doc, const YAML::Node& node, const std::string& message);
// User text quoted in a message, shortened: a scalar may be megabytes long.
std::string Shown(const std::string& text);
bool IsBlank(const std::string& text);
// "30d", "1h", "90s": the largest unit that divides the duration.
std::string DurationText(std::chrono::seconds d);
const char* KindName(const YAML::Node& node);
void ExpectMap(const Document& doc, const YAML::Node& node, const std::string& what);
void ExpectList(const Document& doc, const YAML::Node& node, const std::string& what);
std::string AsString(const Document& doc, const YAML::Node& node, const std::string& what);
int64_t AsInt(const Document& doc, const YAML::Node& node, const std::string& what, int64_t min, int64_t max);
// The index of the scalar among `choices`; otherwise fails with "WHAT must be a, b or c".
int AsChoice(const Document& doc, const YAML::Node& node, const std::string& what,
             std::initializer_list<std::string_view> choices);
double AsDouble(const Document& doc, const YAML::Node& node, const std::string& what);
bool AsBool(const Document& doc, const YAML::Node& node, const std::string& what);
// A positive duration of at most `max`.
std::chrono::seconds AsDuration(const Document& doc, const YAML::Node& node, const std::string& what,
                                std::chrono::seconds max);
std::string AsId(const Document& doc, const YAML::Node& node, const std::string& what);
std::string AsName(const Document& doc, const YAML::Node& node, const std::string& what);
std::chrono::sys_days AsDate(const Document& doc, const YAML::Node& node, const std::string& what);
// Location of the first character of a scalar's text: after an opening
// quote, or on the first content line of a block scalar.
SourceLocation ScalarTextLocation(const Document& doc, const YAML::Node& node);
TreeProblems InspectTree(const Document& doc, const YAML::Node& root);

}  // namespace newsmon::config_internal
