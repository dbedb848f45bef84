// A small, strict parser of the Prometheus text format 0.0.4, for tests: it
// reads back what MetricsRegistry::Render wrote and rejects anything a real
// scraper would (unknown escapes, samples before their TYPE, junk values).
//
//   auto exposition = ParseExposition(metrics.registry.Render());
//   ASSERT_TRUE(exposition.ok) << exposition.error;
//   double v = exposition.Value("newsmon_polls_total", {{"result", "ok"}});
#pragma once

#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace newsmon::ops::testing {

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct Exposition {
  bool ok = true;
  std::string error;
  std::map<std::string, std::string> types;  // family -> counter|gauge|histogram
  std::map<std::string, std::string> helps;
  std::vector<Sample> samples;

  std::optional<double> Find(const std::string& name, const std::map<std::string, std::string>& labels = {}) const {
    for (const auto& s : samples) {
      if (s.name == name && s.labels == labels) return s.value;
    }
    return std::nullopt;
  }
  // NaN when absent, so comparisons fail loudly.
  double Value(const std::string& name, const std::map<std::string, std::string>& labels = {}) const {
    return Find(name, labels).value_or(std::nan(""));
  }
};

inline std::string FamilyOf(const std::string& sample, const std::map<std::string, std::string>& types) {
  if (types.count(sample)) return sample;
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string s(suffix);
    if (sample.size() > s.size() && sample.compare(sample.size() - s.size(), s.size(), s) == 0) {
      const std::string base = sample.substr(0, sample.size() - s.size());
      auto it = types.find(base);
      if (it != types.end() && it->second == "histogram") return base;
    }
  }
  return {};
}

inline bool ParseValue(const std::string& text, double& out) {
  if (text == "+Inf") {
    out = INFINITY;
    return true;
  }
  if (text == "-Inf") {
    out = -INFINITY;
    return true;
  }
  if (text == "NaN") {
    out = NAN;
    return true;
  }
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size();
}

inline Exposition ParseExposition(const std::string& text) {
  Exposition e;
  auto fail = [&](const std::string& why, const std::string& line) {
    e.ok = false;
    e.error = why + ": " + line;
    return e;
  };
  if (!text.empty() && text.back() != '\n') return fail("missing final newline", "");
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) {
      const std::string rest = line.substr(7);
      const size_t space = rest.find(' ');
      if (space == std::string::npos) return fail("bad comment", line);
      const std::string name = rest.substr(0, space);
      const std::string value = rest.substr(space + 1);
      if (line[2] == 'T') {
        if (e.types.count(name)) return fail("second TYPE", line);
        if (value != "counter" && value != "gauge" && value != "histogram" && value != "summary" &&
            value != "untyped") {
          return fail("bad type", line);
        }
        e.types[name] = value;
      } else {
        e.helps[name] = value;
      }
      continue;
    }
    if (line[0] == '#') continue;
    Sample s;
    size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
    s.name = line.substr(0, i);
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (i < line.size() && line[i] != '}') {
        const size_t eq = line.find('=', i);
        if (eq == std::string::npos || eq + 1 >= line.size() || line[eq + 1] != '"') return fail("bad label", line);
        const std::string label = line.substr(i, eq - i);
        std::string value;
        i = eq + 2;
        bool closed = false;
        while (i < line.size()) {
          const char c = line[i++];
          if (c == '"') {
            closed = true;
            break;
          }
          if (c == '\\') {
            if (i >= line.size()) return fail("dangling escape", line);
            const char n = line[i++];
            if (n == 'n') {
              value += '\n';
            } else if (n == '\\' || n == '"') {
              value += n;
            } else {
              return fail("unknown escape", line);
            }
          } else {
            value += c;
          }
        }
        if (!closed) return fail("unterminated label value", line);
        if (s.labels.count(label)) return fail("duplicate label", line);
        s.labels[label] = value;
        if (i < line.size() && line[i] == ',') ++i;
      }
      if (i >= line.size()) return fail("unterminated labels", line);
      ++i;  // '}'
    }
    if (i >= line.size() || line[i] != ' ') return fail("no value", line);
    if (!ParseValue(line.substr(i + 1), s.value)) return fail("bad value", line);
    if (FamilyOf(s.name, e.types).empty()) return fail("sample before its TYPE", line);
    e.samples.push_back(std::move(s));
  }
  return e;
}

}  // namespace newsmon::ops::testing
