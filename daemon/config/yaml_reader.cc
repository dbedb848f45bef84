#include "config/yaml_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <map>
#include <regex>

#include "util/time.h"

namespace newsmon {

std::string SourceLocation::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

namespace config_internal {
namespace {

// Where a node's own text starts: its mark is on an anchor (&a) or a tag
// (!!str) when it has them.
size_t SkipNodeProperties(const std::string& text, size_t pos) {
  while (pos < text.size() && (text[pos] == '&' || text[pos] == '!')) {
    pos = text.find_first_of(" \t\r\n", pos);
    if (pos == std::string::npos) return text.size();
    pos = text.find_first_not_of(" \t", pos);
    if (pos == std::string::npos) return text.size();
  }
  return pos;
}

// Whether the quoted scalar opening at text[pos] has its closing quote.
bool QuoteIsClosed(const std::string& text, size_t pos) {
  const char quote = text[pos];
  for (size_t i = pos + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;  // an escape: \" does not close
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is a quote inside a single-quoted string
      } else {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

SourceLocation LocationOf(const Document& doc, const YAML::Mark& mark) {
  // A null mark (-1) comes with a few yaml-cpp exceptions; the file is still worth naming.
  return SourceLocation{doc.file, std::max(mark.line, 0) + 1, std::max(mark.column, 0) + 1};
}

SourceLocation LocationOf(const Document& doc, const YAML::Node& node) { return LocationOf(doc, node.Mark()); }

[[noreturn]] void Fail(const Document& doc, const YAML::Node& node, const std::string& message) {
  throw ConfigError{doc.order, LocationOf(doc, node), message};
}

// User text quoted in a message, shortened: a scalar may be megabytes long.
std::string Shown(const std::string& text) {
  constexpr size_t kMax = 80;
  if (text.size() <= kMax) return text;
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
  return text.substr(0, cut) + "...";
}

bool IsBlank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// "30d", "1h", "90s": the largest unit that divides the duration.
std::string DurationText(std::chrono::seconds d) {
  const long long s = d.count();
  if (s != 0 && s % 86400 == 0) return std::to_string(s / 86400) + "d";
  if (s != 0 && s % 3600 == 0) return std::to_string(s / 3600) + "h";
  if (s != 0 && s % 60 == 0) return std::to_string(s / 60) + "m";
  return std::to_string(s) + "s";
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

std::string AsString(const Document& doc, const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) Fail(doc, node, what + " must be a string, found " + KindName(node));
  return node.Scalar();
}

int AsChoice(const Document& doc, const YAML::Node& node, const std::string& what,
             std::initializer_list<std::string_view> choices) {
  const std::string value = AsString(doc, node, what);
  std::string listed;
  int index = 0;
  for (std::string_view choice : choices) {
    if (value == choice) return index;
    ++index;
    listed += std::string(listed.empty()                              ? ""
                          : index == static_cast<int>(choices.size()) ? " or "
                                                                      : ", ") +
              std::string(choice);
  }
  Fail(doc, node, what + " must be " + listed);
}

int64_t AsInt(const Document& doc, const YAML::Node& node, const std::string& what, int64_t min, int64_t max) {
  if (!node.IsScalar()) Fail(doc, node, what + " must be an integer, found " + KindName(node));
  int64_t value = 0;
  try {
    value = node.as<int64_t>();
  } catch (const YAML::Exception&) {
    Fail(doc, node, what + " must be an integer, found '" + Shown(node.Scalar()) + "'");
  }
  if (value < min || value > max) {
    Fail(doc, node, what + " must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return value;
}

// yaml-cpp reads .nan and .inf (any case) as numbers; no setting of ours
// means anything with them, and NaN compares false with every threshold.
double AsDouble(const Document& doc, const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) Fail(doc, node, what + " must be a number, found " + KindName(node));
  double value = 0;
  try {
    value = node.as<double>();
  } catch (const YAML::Exception&) {
    Fail(doc, node, what + " must be a number, found '" + Shown(node.Scalar()) + "'");
  }
  if (!std::isfinite(value)) Fail(doc, node, what + " must be a finite number, found '" + Shown(node.Scalar()) + "'");
  return value;
}

bool AsBool(const Document& doc, const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) Fail(doc, node, what + " must be true or false, found " + KindName(node));
  try {
    return node.as<bool>();
  } catch (const YAML::Exception&) {
    Fail(doc, node, what + " must be true or false, found '" + Shown(node.Scalar()) + "'");
  }
}

// A positive duration of at most `max`.
std::chrono::seconds AsDuration(const Document& doc, const YAML::Node& node, const std::string& what,
                                std::chrono::seconds max) {
  const std::string text = AsString(doc, node, what);
  const auto d = ParseDuration(text);
  // ParseDuration also refuses numbers too large for its arithmetic; those
  // are well-formed, just too long, and are told so.
  static const std::regex kWellFormed("[0-9]+[smhd]?");
  if ((d && *d > max) || (!d && std::regex_match(text, kWellFormed))) {
    Fail(doc, node, what + " must be at most " + DurationText(max) + ", found '" + Shown(text) + "'");
  }
  if (!d || d->count() == 0) {
    Fail(doc, node, what + " must be a positive duration like 90s, 5m or 1h, found '" + Shown(text) + "'");
  }
  return *d;
}

std::string AsId(const Document& doc, const YAML::Node& node, const std::string& what) {
  static const std::regex kIdPattern("[a-z0-9][a-z0-9._-]{0,127}");
  std::string id = AsString(doc, node, what);
  if (!std::regex_match(id, kIdPattern)) {
    Fail(doc, node, what + " '" + Shown(id) + "' must be lower-case letters, digits, '.', '_' or '-'");
  }
  return id;
}

// A name people read (a leader's, a topic's, a role's title): blank would
// match or show nothing.
std::string AsName(const Document& doc, const YAML::Node& node, const std::string& what) {
  std::string name = AsString(doc, node, what);
  if (IsBlank(name)) Fail(doc, node, what + " must not be blank");
  return name;
}

std::chrono::sys_days AsDate(const Document& doc, const YAML::Node& node, const std::string& what) {
  const std::string text = AsString(doc, node, what);
  auto t = ParseRfc3339(text);
  if (!t || text.size() != 10) Fail(doc, node, what + " must be a date YYYY-MM-DD, found '" + Shown(text) + "'");
  return std::chrono::floor<std::chrono::days>(*t);
}

// Location of the first character of a scalar's text: after an opening
// quote, or on the first content line of a block scalar.
SourceLocation ScalarTextLocation(const Document& doc, const YAML::Node& node) {
  SourceLocation where = LocationOf(doc, node);
  const size_t mark = static_cast<size_t>(node.Mark().pos);
  const size_t pos = SkipNodeProperties(doc.text, mark);
  if (pos >= doc.text.size() || doc.text[pos] == '\n' || doc.text[pos] == '\r') return where;
  where.column += static_cast<int>(pos - mark);  // properties and text are on one line
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

// What yaml-cpp accepts silently: a quote left open (its scanner ends the
// string at the end of the file when the file ends with a newline), and a
// key given twice in one mapping (both pairs are kept; lookups find the
// first, our loops see both).
TreeProblems InspectTree(const Document& doc, const YAML::Node& root) {
  TreeProblems problems;
  // An alias repeats its anchor's node: each collection is walked once
  // (known by where it starts), so `*a` repeated cannot blow up the walk.
  std::set<std::pair<int, YAML::NodeType::value>> walked;
  std::vector<YAML::Node> stack{root};
  while (!stack.empty()) {
    const YAML::Node node = stack.back();
    stack.pop_back();
    if (node.IsScalar()) {
      const size_t pos = SkipNodeProperties(doc.text, static_cast<size_t>(std::max(node.Mark().pos, 0)));
      // A plain scalar never starts with a quote, so one here opens a quoted scalar.
      if (pos < doc.text.size() && (doc.text[pos] == '"' || doc.text[pos] == '\'') && !QuoteIsClosed(doc.text, pos)) {
        YAML::Mark mark = node.Mark();
        mark.column += static_cast<int>(pos - static_cast<size_t>(mark.pos));
        mark.pos = static_cast<int>(pos);
        problems.unclosed_quote = mark;
      }
      continue;
    }
    if (!node.IsMap() && !node.IsSequence()) continue;
    if (!walked.emplace(node.Mark().pos, node.Type()).second) continue;
    if (node.IsSequence()) {
      for (const auto& item : node) stack.push_back(item);
      continue;
    }
    std::map<std::string, YAML::Mark> keys;
    for (const auto& kv : node) {
      stack.push_back(kv.first);
      stack.push_back(kv.second);
      if (!kv.first.IsScalar()) continue;
      auto [it, added] = keys.emplace(kv.first.Scalar(), kv.first.Mark());
      if (!added) {
        problems.duplicate_keys.emplace_back(kv.first.Mark(), "duplicate key '" + Shown(kv.first.Scalar()) +
                                                                  "' (first at " +
                                                                  LocationOf(doc, it->second).ToString() + ")");
      }
    }
  }
  return problems;
}

}  // namespace config_internal

Result<std::string> ReadConfigFile(const std::filesystem::path& file) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer
  // before fstat could tell it is not a regular file.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return MakeError(ErrorCode::kIo, std::string("cannot be read: ") + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return MakeError(ErrorCode::kIo, std::string("cannot be read: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return MakeError(ErrorCode::kInvalidArgument, "is not a regular file");
  const std::string too_large = "is larger than " + std::to_string(kMaxConfigFileBytes >> 20) + " MiB";
  if (static_cast<uint64_t>(st.st_size) > kMaxConfigFileBytes) return MakeError(ErrorCode::kLimit, too_large);
  // Read up to one byte past the limit: the file may have grown since fstat.
  std::string text(static_cast<size_t>(st.st_size) + 1, '\0');
  size_t size = 0;
  while (true) {
    if (size == text.size()) {
      if (size > kMaxConfigFileBytes) return MakeError(ErrorCode::kLimit, too_large);
      text.resize(std::min(size * 2 + 4096, kMaxConfigFileBytes + 1));
    }
    const ssize_t n = ::read(fd, text.data() + size, text.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return MakeError(ErrorCode::kIo, std::string("cannot be read: ") + std::strerror(errno));
    if (n == 0) break;
    size += static_cast<size_t>(n);
  }
  if (size > kMaxConfigFileBytes) return MakeError(ErrorCode::kLimit, too_large);
  text.resize(size);
  return text;
}

}  // namespace newsmon
