// Process-wide logging on stderr, shaped for where stderr goes:
//  * journald (JOURNAL_STREAM names stderr's device:inode): one "<N>" syslog
//    priority prefix per line (sd-daemon(3)), no timestamp — journald stamps
//    and classifies each line itself;
//  * a terminal: timestamps and coloured levels;
//  * anything else (file, pipe, container runtime): timestamps, no colour.
// Plus LogRateLimiter, which keeps a failure storm (10k feeds timing out)
// from flooding the journal.
//
//   ops::SetUpLogging("info");                // drop-in for app/logging.h
//   ops::LogRateLimiter limiter(std::chrono::minutes(1));
//   limiter.Log(spdlog::level::err, "fetch:" + feed_id, "feed {}: {}", feed_id, error);
//   ...
//   limiter.LogSummaries();                   // from the loop tick: "... repeated 41 times"
#pragma once

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsmon::ops {

enum class LogTarget { kJournal, kTerminal, kPlain };

// True when $JOURNAL_STREAM ("<device>:<inode>") names the file behind `fd`.
// Comparing both keeps a child whose stderr was redirected elsewhere from
// writing journal prefixes into a file.
bool JournalStreamMatches(int fd);
// The target stderr needs, from JournalStreamMatches and isatty.
LogTarget DetectLogTarget();

// sd-daemon(3) priority for a spdlog level: critical 2, error 3, warn 4, info 6, debug/trace 7.
int SyslogPriority(spdlog::level::level_enum level);

// A sink writing every line of every message as "<N>text\n" to `out`
// (not owned, normally stderr). The message itself is formatted with the
// sink's pattern, "%v" by default.
std::shared_ptr<spdlog::sinks::sink> MakeJournalSink(FILE* out);

// Installs the "newsmon" default logger for the detected target and sets the
// level. Returns false (and changes nothing) when the level name is unknown.
// Repeated calls only change the level.
bool SetUpLogging(const std::string& level);
// The same with an explicit target and output, for tests and tools.
bool SetUpLogging(const std::string& level, LogTarget target, FILE* out = stderr);

// Suppresses repeats of the same message key within a window: the first is
// logged, the rest are counted and reported as one summary line when the
// window ends. Thread-safe; bounded to max_keys distinct keys (beyond that,
// messages are logged unsuppressed rather than lost).
class LogRateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit LogRateLimiter(Clock::duration window = std::chrono::minutes(1), size_t max_keys = 4096);

  struct Decision {
    bool log = false;       // log the message now
    uint64_t repeated = 0;  // repeats suppressed in the key's previous window, to report first
  };
  // The raw decision; Log() wraps it.
  Decision Check(std::string_view key, spdlog::level::level_enum level, Clock::time_point now = Clock::now());

  struct Summary {
    std::string key;
    spdlog::level::level_enum level;
    uint64_t repeated;
  };
  // Ends windows older than `window` and returns those that suppressed anything.
  std::vector<Summary> Expire(Clock::time_point now = Clock::now());

  // Logs one "<key>: message repeated N times in the last Ws" line per expired key.
  void LogSummaries(Clock::time_point now = Clock::now());

  // Called with every suppressed message, e.g. to count newsmon_log_messages_suppressed_total.
  void OnSuppressed(std::function<void()> callback);
  uint64_t total_suppressed() const;

  template <typename... Args>
  void Log(spdlog::level::level_enum level, std::string_view key, spdlog::format_string_t<Args...> fmt,
           Args&&... args) {
    if (!spdlog::should_log(level)) return;
    const Decision d = Check(key, level);
    if (d.repeated > 0) LogRepeated(key, level, d.repeated);
    if (d.log) spdlog::log(level, fmt, std::forward<Args>(args)...);
  }

 private:
  struct Entry {
    Clock::time_point window_start;
    spdlog::level::level_enum level;
    uint64_t suppressed = 0;
  };
  void LogRepeated(std::string_view key, spdlog::level::level_enum level, uint64_t repeated) const;

  const Clock::duration window_;
  const size_t max_keys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  uint64_t total_suppressed_ = 0;
  std::function<void()> on_suppressed_;
};

}  // namespace newsmon::ops
