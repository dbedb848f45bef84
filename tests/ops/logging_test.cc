#include "ops/logging.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

namespace newsmon::ops {
namespace {

std::string JournalStreamOf(FILE* f) {
  struct stat st {};
  fstat(fileno(f), &st);
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

std::string ReadAll(FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) out.append(buffer, n);
  return out;
}

class LoggingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    out_ = std::tmpfile();
    ASSERT_NE(out_, nullptr);
  }
  void TearDown() override {
    unsetenv("JOURNAL_STREAM");
    // Later tests log to the console again, not into a closed file.
    ASSERT_TRUE(SetUpLogging("info", LogTarget::kPlain, stderr));
    std::fclose(out_);
  }
  FILE* out_ = nullptr;
};

TEST_F(LoggingTest, JournalStreamMustNameTheSameFile) {
  EXPECT_FALSE(JournalStreamMatches(fileno(out_)));
  setenv("JOURNAL_STREAM", JournalStreamOf(out_).c_str(), 1);
  EXPECT_TRUE(JournalStreamMatches(fileno(out_)));

  FILE* other = std::tmpfile();
  EXPECT_FALSE(JournalStreamMatches(fileno(other)));  // inherited variable, redirected stderr
  std::fclose(other);

  for (const char* junk : {"", "12", "12:", "a:b", "1:2x"}) {
    setenv("JOURNAL_STREAM", junk, 1);
    EXPECT_FALSE(JournalStreamMatches(fileno(out_))) << junk;
  }
}

// DetectLogTarget looks at the real stderr: point fd 2 at our file for a moment.
TEST_F(LoggingTest, DetectsJournalOnStderr) {
  const int saved = dup(STDERR_FILENO);
  ASSERT_GE(saved, 0);
  dup2(fileno(out_), STDERR_FILENO);
  const LogTarget plain = DetectLogTarget();
  setenv("JOURNAL_STREAM", JournalStreamOf(out_).c_str(), 1);
  const LogTarget journal = DetectLogTarget();
  dup2(saved, STDERR_FILENO);
  close(saved);
  EXPECT_EQ(plain, LogTarget::kPlain);  // a regular file is not a terminal
  EXPECT_EQ(journal, LogTarget::kJournal);
}

TEST_F(LoggingTest, JournalFormatPrefixesEveryLineWithItsPriority) {
  ASSERT_TRUE(SetUpLogging("debug", LogTarget::kJournal, out_));
  spdlog::critical("disk full");
  spdlog::error("feed {} failed", "dw-asia");
  spdlog::warn("slow");
  spdlog::info("two\nlines");
  spdlog::debug("detail");
  spdlog::trace("hidden below the level");
  EXPECT_EQ(ReadAll(out_),
            "<2>disk full\n"
            "<3>feed dw-asia failed\n"
            "<4>slow\n"
            "<6>two\n<6>lines\n"
            "<7>detail\n");
}

TEST_F(LoggingTest, PlainFormatHasTimestampsAndLevelNames) {
  ASSERT_TRUE(SetUpLogging("info", LogTarget::kPlain, out_));
  spdlog::error("feed failed");
  const std::string text = ReadAll(out_);
  EXPECT_TRUE(std::regex_match(text, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3} error feed failed\n)")))
      << text;
  EXPECT_EQ(text.find('<'), std::string::npos);
}

TEST_F(LoggingTest, UnknownLevelIsRejected) {
  EXPECT_FALSE(SetUpLogging("loud", LogTarget::kPlain, out_));
  EXPECT_FALSE(SetUpLogging("loud"));
  EXPECT_TRUE(SetUpLogging("warn"));
  EXPECT_EQ(spdlog::get_level(), spdlog::level::warn);
}

TEST(SyslogPriorityTest, MatchesSdDaemonLevels) {
  EXPECT_EQ(SyslogPriority(spdlog::level::critical), 2);
  EXPECT_EQ(SyslogPriority(spdlog::level::err), 3);
  EXPECT_EQ(SyslogPriority(spdlog::level::warn), 4);
  EXPECT_EQ(SyslogPriority(spdlog::level::info), 6);
  EXPECT_EQ(SyslogPriority(spdlog::level::debug), 7);
  EXPECT_EQ(SyslogPriority(spdlog::level::trace), 7);
}

using Clock = LogRateLimiter::Clock;

TEST(LogRateLimiterTest, FirstLoggedRestCountedUntilTheWindowEnds) {
  LogRateLimiter limiter(std::chrono::seconds(60));
  int callbacks = 0;
  limiter.OnSuppressed([&] { ++callbacks; });
  const Clock::time_point t0{};
  EXPECT_TRUE(limiter.Check("fetch:a", spdlog::level::err, t0).log);
  for (int i = 1; i <= 5; ++i) {
    const auto d = limiter.Check("fetch:a", spdlog::level::err, t0 + std::chrono::seconds(i));
    EXPECT_FALSE(d.log);
  }
  // Another key has its own window.
  EXPECT_TRUE(limiter.Check("fetch:b", spdlog::level::err, t0 + std::chrono::seconds(1)).log);
  EXPECT_EQ(limiter.total_suppressed(), 5u);
  EXPECT_EQ(callbacks, 5);

  // The window ended: logged again, with the repeats of the old window to report first.
  const auto d = limiter.Check("fetch:a", spdlog::level::err, t0 + std::chrono::seconds(61));
  EXPECT_TRUE(d.log);
  EXPECT_EQ(d.repeated, 5u);
  EXPECT_FALSE(limiter.Check("fetch:a", spdlog::level::err, t0 + std::chrono::seconds(62)).log);
}

TEST(LogRateLimiterTest, ExpireReportsQuietKeysOnce) {
  LogRateLimiter limiter(std::chrono::seconds(10));
  const Clock::time_point t0{};
  limiter.Check("k", spdlog::level::warn, t0);
  limiter.Check("k", spdlog::level::warn, t0 + std::chrono::seconds(1));
  limiter.Check("k", spdlog::level::warn, t0 + std::chrono::seconds(2));
  limiter.Check("single", spdlog::level::warn, t0);
  EXPECT_TRUE(limiter.Expire(t0 + std::chrono::seconds(5)).empty());
  const auto summaries = limiter.Expire(t0 + std::chrono::seconds(10));
  ASSERT_EQ(summaries.size(), 1u);  // "single" suppressed nothing: no summary
  EXPECT_EQ(summaries[0].key, "k");
  EXPECT_EQ(summaries[0].repeated, 2u);
  EXPECT_EQ(summaries[0].level, spdlog::level::warn);
  EXPECT_TRUE(limiter.Expire(t0 + std::chrono::seconds(20)).empty());
  // Forgotten: the next one is logged as a first occurrence.
  EXPECT_TRUE(limiter.Check("k", spdlog::level::warn, t0 + std::chrono::seconds(21)).log);
}

TEST(LogRateLimiterTest, FailsOpenWhenFull) {
  LogRateLimiter limiter(std::chrono::seconds(60), /*max_keys=*/2);
  const Clock::time_point t0{};
  limiter.Check("a", spdlog::level::err, t0);
  limiter.Check("b", spdlog::level::err, t0);
  EXPECT_TRUE(limiter.Check("c", spdlog::level::err, t0).log);
  EXPECT_TRUE(limiter.Check("c", spdlog::level::err, t0).log);
  EXPECT_FALSE(limiter.Check("a", spdlog::level::err, t0).log);
}

TEST_F(LoggingTest, LogWritesTheMessageThenTheSummary) {
  ASSERT_TRUE(SetUpLogging("info", LogTarget::kJournal, out_));
  LogRateLimiter limiter(std::chrono::hours(1));
  for (int i = 0; i < 4; ++i) limiter.Log(spdlog::level::err, "fetch:x", "feed x failed: attempt {}", i);
  limiter.LogSummaries(Clock::now() + std::chrono::hours(2));
  EXPECT_EQ(ReadAll(out_),
            "<3>feed x failed: attempt 0\n"
            "<3>fetch:x: message repeated 3 times in the last 3600s (suppressed)\n");
}

}  // namespace
}  // namespace newsmon::ops
