// `newsmon match`: owned by the match stage. Evaluates the configured topics
// on story files and explains, or scores them on a labelled set.
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>
#include "app/cli_io.h"
#include "app/commands.h"
#include "app/story_analysis.h"
#include "app/story_files.h"
#include "match/matcher.h"
#include "util/text.h"

namespace newsmon {

namespace {

nlohmann::json TermsJson(const std::vector<TermHit>& terms) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& h : terms) {
    out.push_back({{"term", SanitizeUtf8(h.term)},
                   {"field", MatchFieldName(h.field)},
                   {"start", h.start},
                   {"end", h.end},
                   {"paragraph", h.paragraph},
                   {"lead", h.lead},
                   {"snippet", SanitizeUtf8(h.snippet)}});
  }
  return out;
}

void PrintTerms(const std::vector<TermHit>& terms, const std::string& indent) {
  for (const auto& h : terms) {
    std::cout << indent << h.term << " @ " << MatchFieldName(h.field) << " " << h.start << "-" << h.end << " paragraph "
              << h.paragraph << (h.lead ? " (lead)" : "");
    if (!h.snippet.empty()) std::cout << "  \"" << h.snippet << "\"";
    std::cout << "\n";
  }
}

Result<std::shared_ptr<const Matcher>> LoadMatcher(const std::string& config_file, int64_t* max_story_bytes) {
  auto config = LoadConfig(config_file);
  if (!config) return config.error();
  *max_story_bytes = (*config)->analysis.max_story_bytes;
  return Matcher::Compile((*config)->topics);
}

// A document as the daemon analyses it: cut to the analysis budget.
MatchInput Budgeted(const StoryDocument& doc, int64_t max_story_bytes, std::string& cut_body) {
  Story story;
  story.title = doc.title;
  story.paragraphs = {doc.body};
  bool cut = false;
  cut_body = AnalysedBody(story, max_story_bytes, &cut);
  if (cut) {
    std::cerr << doc.name << ": cut to its first " << max_story_bytes
              << " bytes (analysis.max_story_bytes), as the daemon does\n";
  }
  return MatchInput{doc.title, cut_body};
}

// One labelled row's verdict for one topic, when the row judges the topic.
struct Judged {
  std::string file;
  bool expected = false;
  bool matched = false;
  double score = 0;
  std::vector<std::string> negative_kinds;
  std::vector<TermHit> terms;
};

struct TopicScore {
  std::vector<Judged> rows;
  size_t tp = 0, fp = 0, fn = 0, tn = 0;
  std::map<std::string, std::pair<size_t, size_t>> kinds;  // negative kind: (matched, total)
  std::optional<double> precision() const {
    return tp + fp == 0 ? std::nullopt : std::optional<double>(double(tp) / double(tp + fp));
  }
  std::optional<double> recall() const {
    return tp + fn == 0 ? std::nullopt : std::optional<double>(double(tp) / double(tp + fn));
  }
};

// "yes"/"no" (or true/false) for the topic: its id as written or with '_' for '-'.
std::optional<bool> LabelFor(const nlohmann::json& row, const std::string& topic_id) {
  std::string underscored = topic_id;
  std::replace(underscored.begin(), underscored.end(), '-', '_');
  for (const std::string& key : {topic_id, underscored}) {
    auto it = row.find(key);
    if (it == row.end()) continue;
    if (it->is_boolean()) return it->get<bool>();
    if (it->is_string()) {
      const std::string v = AsciiLower(it->get<std::string>());
      if (v == "yes" || v == "true" || v == "match") return true;
      if (v == "no" || v == "false" || v == "no-match") return false;
    }
  }
  return std::nullopt;
}

std::string Ratio(std::optional<double> value, size_t num, size_t den) {
  std::ostringstream s;
  if (value) {
    s << std::fixed << std::setprecision(3) << *value;
  } else {
    s << "n/a";
  }
  s << " (" << num << "/" << den << ")";
  return s.str();
}

}  // namespace

int MatchCommand(const std::string& config_file, const std::vector<std::string>& files, bool json) {
  int64_t max_story_bytes = 0;
  auto matcher = LoadMatcher(config_file, &max_story_bytes);
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
    for (const StoryDocument& doc : LoadStoryDocuments(path, *bytes)) {
      std::string body;
      const auto results = (*matcher)->Match(Budgeted(doc, max_story_bytes, body));
      if (json) {
        nlohmann::json j;
        j["document"] = doc.name;
        j["topics"] = nlohmann::json::array();
        for (const auto& r : results) {
          j["topics"].push_back(
              {{"id", r.topic_id}, {"matched", r.matched}, {"score", r.score}, {"terms", TermsJson(r.terms)}});
        }
        std::cout << j.dump() << "\n";
      } else {
        std::cout << doc.name << "\n";
        for (const auto& r : results) {
          std::cout << "  " << r.topic_id << ": " << (r.matched ? "MATCH" : "no match") << " (score " << r.score
                    << ")\n";
          PrintTerms(r.terms, "    ");
        }
      }
    }
  }
  return rc;
}

int MatchLabelsCommand(const std::string& config_file, const std::string& labels_file, bool json) {
  int64_t max_story_bytes = 0;
  auto matcher = LoadMatcher(config_file, &max_story_bytes);
  if (!matcher) {
    std::cerr << matcher.error().message << "\n";
    return 1;
  }
  auto labels = ReadFile(labels_file);
  if (!labels) {
    std::cerr << "cannot read " << labels_file << "\n";
    return 1;
  }
  std::filesystem::path folder = std::filesystem::path(labels_file).parent_path();
  std::map<std::string, TopicScore> scores;
  std::vector<std::string> order;  // topics in configuration order
  std::istringstream lines(*labels);
  int line_number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++line_number;
    if (TrimAscii(line).empty()) continue;
    nlohmann::json row = nlohmann::json::parse(line, nullptr, false);
    const std::string where = labels_file + ":" + std::to_string(line_number);
    if (row.is_discarded() || !row.is_object() || !row.contains("file") || !row["file"].is_string()) {
      std::cerr << where << ": expected a JSON object with a \"file\"\n";
      return 1;
    }
    const std::filesystem::path file = folder / row["file"].get<std::string>();
    auto bytes = ReadFile(file.string());
    if (!bytes) {
      std::cerr << where << ": cannot read " << file.string() << "\n";
      return 1;
    }
    const std::vector<StoryDocument> docs = LoadStoryDocuments(file.string(), *bytes);
    if (docs.size() != 1) {
      std::cerr << where << ": " << file.string() << " holds " << docs.size() << " stories; label one story a file\n";
      return 1;
    }
    std::vector<std::string> kinds;
    if (auto it = row.find("negative_kinds"); it != row.end() && it->is_array()) {
      for (const auto& k : *it) {
        if (k.is_string()) kinds.push_back(k.get<std::string>());
      }
    }
    std::string body;
    for (TopicResult& r : (*matcher)->Explain(Budgeted(docs[0], max_story_bytes, body))) {
      if (!scores.contains(r.topic_id)) order.push_back(r.topic_id);
      TopicScore& score = scores[r.topic_id];
      const std::optional<bool> expected = LabelFor(row, r.topic_id);
      if (!expected) continue;
      Judged j{row["file"].get<std::string>(), *expected, r.matched, r.score, {}, std::move(r.terms)};
      if (*expected) {
        ++(r.matched ? score.tp : score.fn);
      } else {
        ++(r.matched ? score.fp : score.tn);
        j.negative_kinds = kinds;
        for (const auto& k : kinds) {
          auto& [matched, total] = score.kinds[k];
          matched += r.matched ? 1 : 0;
          ++total;
        }
      }
      score.rows.push_back(std::move(j));
    }
  }
  nlohmann::json out = nlohmann::json::array();
  for (const std::string& id : order) {
    const TopicScore& s = scores[id];
    if (s.rows.empty()) continue;
    if (json) {
      nlohmann::json t{{"id", id}, {"labelled", s.rows.size()}, {"tp", s.tp}, {"fp", s.fp}, {"fn", s.fn}, {"tn", s.tn}};
      t["precision"] = s.precision() ? nlohmann::json(*s.precision()) : nlohmann::json();
      t["recall"] = s.recall() ? nlohmann::json(*s.recall()) : nlohmann::json();
      t["negatives_by_kind"] = nlohmann::json::object();
      for (const auto& [kind, mt] : s.kinds)
        t["negatives_by_kind"][kind] = {{"matched", mt.first}, {"total", mt.second}};
      t["misses"] = nlohmann::json::array();
      for (const Judged& j : s.rows) {
        if (j.expected == j.matched) continue;
        t["misses"].push_back({{"file", j.file},
                               {"expected", j.expected},
                               {"matched", j.matched},
                               {"score", j.score},
                               {"negative_kinds", j.negative_kinds},
                               {"terms", TermsJson(j.terms)}});
      }
      out.push_back(std::move(t));
      continue;
    }
    std::cout << id << ": precision " << Ratio(s.precision(), s.tp, s.tp + s.fp) << ", recall "
              << Ratio(s.recall(), s.tp, s.tp + s.fn) << ", " << s.rows.size() << " labelled (" << s.tp + s.fn
              << " yes, " << s.fp + s.tn << " no)\n";
    if (!s.kinds.empty()) {
      std::cout << "  negatives matched by kind:";
      for (const auto& [kind, mt] : s.kinds) std::cout << " " << kind << " " << mt.first << "/" << mt.second;
      std::cout << "\n";
    }
    for (const Judged& j : s.rows) {
      if (j.expected == j.matched) continue;
      std::cout << "  " << (j.expected ? "missed " : "false match ") << j.file << " (score " << j.score << ")";
      for (const auto& k : j.negative_kinds) std::cout << " [" << k << "]";
      std::cout << "\n";
      PrintTerms(j.terms, "      ");
    }
  }
  if (json) std::cout << nlohmann::json{{"topics", out}}.dump() << "\n";
  return 0;
}

}  // namespace newsmon
