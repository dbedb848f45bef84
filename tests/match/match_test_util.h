// Helpers shared by the match tests: compile a few rules, run one story.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "match/matcher.h"

namespace newsmon::testing {

inline TopicConfig Topic(const std::string& id, const std::string& query, double threshold = 0) {
  TopicConfig t;
  t.id = id;
  t.name = id;
  t.query = query;
  t.threshold = threshold;
  t.query_where = SourceLocation{"topics.yaml", 3, 12};
  return t;
}

inline std::shared_ptr<const Matcher> CompileOrDie(const std::vector<TopicConfig>& topics) {
  auto m = Matcher::Compile(topics);
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
  if (!m.ok()) return nullptr;
  return *m;
}

// The verdict of a single rule on one story.
inline TopicResult MatchOne(const std::string& query, const std::string& title, const std::string& body,
                            double threshold = 0) {
  auto m = CompileOrDie({Topic("t", query, threshold)});
  if (m == nullptr) return {};
  auto r = m->Match({title, body});
  EXPECT_EQ(r.size(), 1u);
  return r.empty() ? TopicResult{} : r[0];
}

inline bool Matches(const std::string& query, const std::string& body) { return MatchOne(query, "", body).matched; }

inline std::string CompileError(const std::string& query) {
  auto m = Matcher::Compile({Topic("t", query)});
  return m.ok() ? "(compiled)" : m.error().message;
}

}  // namespace newsmon::testing
