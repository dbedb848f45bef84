#include "ops/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdlib>

namespace newsmon::ops {
namespace {

constexpr const char* kLoggerName = "newsmon";
constexpr const char* kTimestampPattern = "%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v";

class JournalSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit JournalSink(FILE* out) : out_(out) {
    set_formatter_(std::make_unique<spdlog::pattern_formatter>("%v", spdlog::pattern_time_type::local, ""));
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    const std::string prefix = "<" + std::to_string(SyslogPriority(msg.level)) + ">";
    std::string out;
    out.reserve(formatted.size() + prefix.size() + 1);
    // journald splits records at newlines; each line needs its own priority
    // or continuation lines would be logged at the default (info).
    std::string_view text(formatted.data(), formatted.size());
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    while (true) {
      const size_t newline = text.find('\n');
      out += prefix;
      out += text.substr(0, newline);
      out += '\n';
      if (newline == std::string_view::npos) break;
      text.remove_prefix(newline + 1);
    }
    // One fwrite per message: lines of concurrent messages never interleave.
    std::fwrite(out.data(), 1, out.size(), out_);
    std::fflush(out_);
  }
  void flush_() override { std::fflush(out_); }

 private:
  FILE* out_;
};

bool ParseLevel(const std::string& level, spdlog::level::level_enum& out) {
  out = spdlog::level::from_str(level);
  return !(out == spdlog::level::off && level != "off");
}

}  // namespace

bool JournalStreamMatches(int fd) {
  const char* value = std::getenv("JOURNAL_STREAM");
  if (value == nullptr) return false;
  uintmax_t device = 0, inode = 0;
  char tail = 0;
  if (std::sscanf(value, "%" SCNuMAX ":%" SCNuMAX "%c", &device, &inode, &tail) != 2) return false;
  struct stat st {};
  if (fstat(fd, &st) != 0) return false;
  return static_cast<uintmax_t>(st.st_dev) == device && static_cast<uintmax_t>(st.st_ino) == inode;
}

LogTarget DetectLogTarget() {
  if (JournalStreamMatches(STDERR_FILENO)) return LogTarget::kJournal;
  return isatty(STDERR_FILENO) ? LogTarget::kTerminal : LogTarget::kPlain;
}

int SyslogPriority(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::critical:
      return 2;  // SD_CRIT
    case spdlog::level::err:
      return 3;  // SD_ERR
    case spdlog::level::warn:
      return 4;  // SD_WARNING
    case spdlog::level::info:
      return 6;  // SD_INFO
    default:
      return 7;  // SD_DEBUG
  }
}

std::shared_ptr<spdlog::sinks::sink> MakeJournalSink(FILE* out) { return std::make_shared<JournalSink>(out); }

bool SetUpLogging(const std::string& level, LogTarget target, FILE* out) {
  spdlog::level::level_enum parsed;
  if (!ParseLevel(level, parsed)) return false;
  std::shared_ptr<spdlog::sinks::sink> sink;
  switch (target) {
    case LogTarget::kJournal:
      sink = MakeJournalSink(out);
      break;
    case LogTarget::kTerminal:
    case LogTarget::kPlain: {
      // The colour sink picks its stream from the mode only; tests writing
      // elsewhere get the plain journal-free format via a FILE* sink below.
      if (out == stderr) {
        sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>(
            target == LogTarget::kTerminal ? spdlog::color_mode::automatic : spdlog::color_mode::never);
      } else {
        sink = std::make_shared<spdlog::sinks::ansicolor_sink<spdlog::details::console_mutex>>(
            out, spdlog::color_mode::never);
      }
      sink->set_pattern(kTimestampPattern);
      break;
    }
  }
  auto logger = std::make_shared<spdlog::logger>(kLoggerName, std::move(sink));
  logger->set_level(parsed);
  // Errors matter more than throughput: push them out at once.
  logger->flush_on(spdlog::level::warn);
  spdlog::drop(kLoggerName);
  spdlog::set_default_logger(std::move(logger));
  spdlog::set_level(parsed);
  return true;
}

bool SetUpLogging(const std::string& level) {
  static std::once_flag installed;
  spdlog::level::level_enum parsed;
  if (!ParseLevel(level, parsed)) return false;
  std::call_once(installed, [&] { SetUpLogging(level, DetectLogTarget()); });
  spdlog::set_level(parsed);
  return true;
}

LogRateLimiter::LogRateLimiter(Clock::duration window, size_t max_keys) : window_(window), max_keys_(max_keys) {}

LogRateLimiter::Decision LogRateLimiter::Check(std::string_view key, spdlog::level::level_enum level,
                                               Clock::time_point now) {
  std::function<void()> callback;
  Decision decision;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(std::string(key));
    if (it == entries_.end()) {
      // Full: fail open. Losing an error line is worse than a noisy journal.
      if (entries_.size() < max_keys_) entries_.emplace(std::string(key), Entry{now, level, 0});
      decision.log = true;
      return decision;
    }
    Entry& entry = it->second;
    if (now - entry.window_start >= window_) {
      decision.repeated = entry.suppressed;
      entry = Entry{now, level, 0};
      decision.log = true;
      return decision;
    }
    ++entry.suppressed;
    ++total_suppressed_;
    callback = on_suppressed_;
  }
  if (callback) callback();
  return decision;
}

std::vector<LogRateLimiter::Summary> LogRateLimiter::Expire(Clock::time_point now) {
  std::vector<Summary> out;
  std::lock_guard lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (now - it->second.window_start >= window_) {
      if (it->second.suppressed > 0) out.push_back(Summary{it->first, it->second.level, it->second.suppressed});
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

void LogRateLimiter::LogSummaries(Clock::time_point now) {
  for (const Summary& s : Expire(now)) LogRepeated(s.key, s.level, s.repeated);
}

void LogRateLimiter::LogRepeated(std::string_view key, spdlog::level::level_enum level, uint64_t repeated) const {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(window_).count();
  spdlog::log(level, "{}: message repeated {} times in the last {}s (suppressed)", key, repeated, seconds);
}

void LogRateLimiter::OnSuppressed(std::function<void()> callback) {
  std::lock_guard lock(mutex_);
  on_suppressed_ = std::move(callback);
}

uint64_t LogRateLimiter::total_suppressed() const {
  std::lock_guard lock(mutex_);
  return total_suppressed_;
}

}  // namespace newsmon::ops
