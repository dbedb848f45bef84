// The Russian fixture set (tests/quote/fixtures/ru, written for this project
// from the annotation rules in its README): quote finding and attribution
// scored the way ../shared/tools/score-quotes scores the English and German
// sets, so a change that loses Russian quotes or speakers fails here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "quote/quote.h"
#include "quote_test_util.h"
#include "util/text.h"

namespace newsmon {
namespace {

namespace fs = std::filesystem;

struct Span {
  size_t start = 0;
  size_t end = 0;
  std::string speaker;
};

std::string LastWordFolded(const std::string& name) { return FoldForMatching(testing::LastWord(name)); }

size_t Overlap(const Span& a, const Span& b) {
  const size_t lo = std::max(a.start, b.start);
  const size_t hi = std::min(a.end, b.end);
  return hi > lo ? hi - lo : 0;
}

struct Score {
  size_t gold = 0;
  size_t predicted = 0;
  size_t matched = 0;
  size_t speaker_total = 0;
  size_t speaker_right = 0;
  std::vector<std::string> failures;
  double Precision() const { return predicted == 0 ? 0 : double(matched) / double(predicted); }
  double Recall() const { return gold == 0 ? 0 : double(matched) / double(gold); }
  double F1() const {
    const double p = Precision();
    const double r = Recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
  double SpeakerAccuracy() const { return speaker_total == 0 ? 0 : double(speaker_right) / double(speaker_total); }
};

// Matching as the shared scorer does it: spans overlapping by at least half
// of each, one to one, largest overlaps first.
void ScoreDocument(const std::string& name, const std::vector<Span>& gold, const std::vector<Span>& predicted,
                   Score* score) {
  struct Pair {
    size_t overlap, g, p;
  };
  std::vector<Pair> pairs;
  for (size_t g = 0; g < gold.size(); ++g) {
    for (size_t p = 0; p < predicted.size(); ++p) {
      const size_t o = Overlap(gold[g], predicted[p]);
      if (2 * o >= gold[g].end - gold[g].start && 2 * o >= predicted[p].end - predicted[p].start && o > 0) {
        pairs.push_back({o, g, p});
      }
    }
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) { return a.overlap > b.overlap; });
  std::vector<bool> gold_used(gold.size());
  std::vector<bool> pred_used(predicted.size());
  for (const Pair& pair : pairs) {
    if (gold_used[pair.g] || pred_used[pair.p]) continue;
    gold_used[pair.g] = pred_used[pair.p] = true;
    ++score->matched;
    const Span& g = gold[pair.g];
    if (g.speaker.empty()) continue;
    ++score->speaker_total;
    if (LastWordFolded(g.speaker) == LastWordFolded(predicted[pair.p].speaker)) {
      ++score->speaker_right;
    } else {
      score->failures.push_back(name + " [" + std::to_string(g.start) + "] speaker " + g.speaker +
                                " != " + predicted[pair.p].speaker);
    }
  }
  for (size_t g = 0; g < gold.size(); ++g) {
    if (!gold_used[g]) score->failures.push_back(name + " [" + std::to_string(gold[g].start) + "] missed");
  }
  for (size_t p = 0; p < predicted.size(); ++p) {
    if (!pred_used[p]) score->failures.push_back(name + " [" + std::to_string(predicted[p].start) + "] spurious");
  }
  score->gold += gold.size();
  score->predicted += predicted.size();
}

Score ScoreSet(const fs::path& folder) {
  static const LeaderIndex leaders(testing::TestLeaders());
  Score score;
  std::vector<fs::path> texts;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".txt") texts.push_back(entry.path());
  }
  std::sort(texts.begin(), texts.end());
  for (const fs::path& txt : texts) {
    std::ifstream in(txt);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    fs::path gold_path = txt;
    gold_path.replace_extension(".gold.jsonl");
    std::vector<Span> gold;
    std::ifstream gold_in(gold_path);
    for (std::string line; std::getline(gold_in, line);) {
      if (line.empty()) continue;
      const auto j = nlohmann::json::parse(line);
      gold.push_back({j["start"].get<size_t>(), j["end"].get<size_t>(),
                      j["speaker"].is_null() ? std::string() : j["speaker"].get<std::string>()});
    }
    std::vector<Span> predicted;
    for (const Quote& q : FindQuotes(text, leaders, {"ru"})) predicted.push_back({q.start, q.end, q.speaker});
    ScoreDocument(txt.stem().string(), gold, predicted, &score);
  }
  return score;
}

TEST(RussianFixtureSet, QuotesAndSpeakersHoldTheirScore) {
  const fs::path folder = fs::path(NEWSMON_SOURCE_DIR) / "tests/quote/fixtures/ru";
  const Score score = ScoreSet(folder);
  ASSERT_GE(score.gold, 150u) << "the set holds at least 150 quotes";
  std::ostringstream summary;
  summary << "gold " << score.gold << ", predicted " << score.predicted << ", matched " << score.matched
          << ": precision " << score.Precision() << ", recall " << score.Recall() << ", F1 " << score.F1()
          << ", speaker " << score.SpeakerAccuracy() << " of " << score.speaker_total;
  std::printf("Russian fixture set: %s\n", summary.str().c_str());
  std::string failures;
  for (const auto& f : score.failures) failures += "  " + f + "\n";
  RecordProperty("summary", summary.str());
  // Floors just under the measured figures (docs/quote.md), so a change that
  // loses Russian quotes or speakers fails; the targets are F1 0.95 (met)
  // and speaker 0.93 (not met on the whole set nor on its check part).
  constexpr double kMinF1 = 0.98;
  // 56 articles since session 13 (ru-33 … ru-56 written without the
  // implementation at hand); the whole set scores 0.926 (F1 0.991).
  constexpr double kMinSpeaker = 0.90;
  EXPECT_GE(score.F1(), kMinF1) << summary.str() << "\n" << failures;
  EXPECT_GE(score.SpeakerAccuracy(), kMinSpeaker) << summary.str() << "\n" << failures;
}

}  // namespace
}  // namespace newsmon
