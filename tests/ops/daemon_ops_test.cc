// The ops components inside the real daemon: `newsmon run` under a fake
// systemd (a NOTIFY_SOCKET and a JOURNAL_STREAM), over fixture feeds and the
// embedded Kafka cluster, scraped on loopback, reloaded and stopped by signal.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "prometheus_parser.h"

namespace newsmon::ops {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

uint16_t FreeLoopbackPort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

std::string HttpGet(uint16_t port, const std::string& path) {
  try {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    const std::string request = "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    boost::asio::write(socket, boost::asio::buffer(request));
    std::string response;
    boost::system::error_code ec;
    char buffer[8192];
    while (true) {
      const size_t n = socket.read_some(boost::asio::buffer(buffer), ec);
      response.append(buffer, n);
      if (ec) break;
    }
    return response;
  } catch (const std::exception&) {
    return "";
  }
}

int StatusOf(const std::string& response) {
  return response.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(response.substr(9, 3)) : -1;
}

class DaemonOpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "newsmon-ops-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    notify_path_ = dir_ / "notify.sock";
    notify_fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(notify_fd_, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    ASSERT_LT(notify_path_.string().size(), sizeof(addr.sun_path));
    std::strncpy(addr.sun_path, notify_path_.c_str(), sizeof(addr.sun_path) - 1);
    ASSERT_EQ(bind(notify_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0) << std::strerror(errno);
    port_ = FreeLoopbackPort();
    const std::string feeds = std::string(NEWSMON_SOURCE_DIR) + "/tests/app/fixtures/feeds/";
    std::ofstream(dir_ / "config.yaml") << "state_dir: " << (dir_ / "state").string() << "\n"
                                        << "metrics_listen: 127.0.0.1:" << port_ << "\n"
                                        << "log_level: info\n"
                                        << "http: {allow_private_addresses: true}\n"
                                        << "kafka:\n  brokers: embedded\n"
                                        << "  topics: {stories: test.stories, quotes: test.quotes}\n"
                                        << "  source: urn:newsmon:test\n  flush_timeout: 5s\n"
                                        << "feeds:\n  - {id: wire, url: \"file://" << feeds
                                        << "wire.xml\", language: en, fetch_article: never}\n"
                                        << "topics:\n  - {id: kz, query: 'Kazakhstan'}\n";
  }
  void TearDown() override {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (notify_fd_ >= 0) close(notify_fd_);
    fs::remove_all(dir_);
  }

  // Starts the daemon with stderr in a file that JOURNAL_STREAM names, as systemd does.
  void StartDaemon() {
    const fs::path log = dir_ / "stderr.log";
    const int log_fd = open(log.c_str(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0600);
    ASSERT_GE(log_fd, 0);
    struct stat st {};
    fstat(log_fd, &st);
    const std::string journal = "JOURNAL_STREAM=" + std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
    const std::string notify = "NOTIFY_SOCKET=" + notify_path_.string();
    const std::string binary = NEWSMON_BINARY;
    const std::string config = (dir_ / "config.yaml").string();
    pid_ = fork();
    if (pid_ == 0) {
      dup2(log_fd, STDERR_FILENO);
      const int devnull = open("/dev/null", O_RDWR);
      dup2(devnull, STDIN_FILENO);
      dup2(devnull, STDOUT_FILENO);
      putenv(const_cast<char*>(journal.c_str()));
      putenv(const_cast<char*>(notify.c_str()));
      execl(binary.c_str(), binary.c_str(), "run", "--config", config.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(log_fd);
  }

  // Next notification, skipping STATUS= and WATCHDOG=1 unless asked for.
  std::string NextNotification(milliseconds timeout, bool skip_chatter = true) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      char buffer[4096];
      const ssize_t n = recv(notify_fd_, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n > 0) {
        const std::string message(buffer, static_cast<size_t>(n));
        if (skip_chatter && (message.rfind("STATUS=", 0) == 0 || message == "WATCHDOG=1")) continue;
        return message;
      }
      std::this_thread::sleep_for(milliseconds(10));
    }
    return "<timeout>";
  }

  std::string StderrLog() const {
    std::ifstream in(dir_ / "stderr.log");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  fs::path dir_;
  fs::path notify_path_;
  int notify_fd_ = -1;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
};

TEST_F(DaemonOpsTest, NotifiesServesMetricsReloadsAndStops) {
  StartDaemon();
  ASSERT_EQ(NextNotification(seconds(60)), "READY=1") << StderrLog();

  const std::string metrics = HttpGet(port_, "/metrics");
  ASSERT_EQ(StatusOf(metrics), 200) << metrics;
  const auto body = metrics.substr(metrics.find("\r\n\r\n") + 4);
  const auto e = testing::ParseExposition(body);
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_TRUE(e.types.count("newsmon_build_info"));
  EXPECT_TRUE(e.types.count("newsmon_polls_total"));
  EXPECT_EQ(e.Value("newsmon_feeds"), 1);
  EXPECT_EQ(StatusOf(HttpGet(port_, "/healthz")), 200);
  EXPECT_EQ(StatusOf(HttpGet(port_, "/readyz")), 200);
  EXPECT_EQ(StatusOf(HttpGet(port_, "/nope")), 404);

  kill(pid_, SIGHUP);
  const std::string reloading = NextNotification(seconds(30));
  EXPECT_TRUE(std::regex_match(reloading, std::regex("RELOADING=1\nMONOTONIC_USEC=[0-9]+"))) << reloading;
  EXPECT_EQ(NextNotification(seconds(30)), "READY=1");

  kill(pid_, SIGTERM);
  EXPECT_EQ(NextNotification(seconds(30)), "STOPPING=1");
  int status = 0;
  ASSERT_EQ(waitpid(pid_, &status, 0), pid_);
  pid_ = -1;
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);

  // stderr is "the journal": every line carries a priority and no timestamp.
  const std::string log = StderrLog();
  ASSERT_FALSE(log.empty());
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    EXPECT_TRUE(std::regex_search(line, std::regex("^<[0-7]>"))) << line;
    EXPECT_FALSE(std::regex_search(line, std::regex(R"(^<[0-7]>\d{4}-\d\d-\d\d)"))) << line;
  }
  EXPECT_NE(log.find("<6>"), std::string::npos) << log;
}

}  // namespace
}  // namespace newsmon::ops
