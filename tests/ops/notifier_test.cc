#include "ops/notifier.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

namespace newsmon::ops {
namespace {

// A datagram socket standing in for systemd's notification socket.
class NotifySocketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("newsmon-notify-" + std::to_string(getpid()) + ".sock");
    std::filesystem::remove(path_);
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(fd_, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path_.c_str(), sizeof(addr.sun_path) - 1);
    ASSERT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0) << std::strerror(errno);
    timeval timeout{2, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setenv("NOTIFY_SOCKET", path_.c_str(), 1);
  }
  void TearDown() override {
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    if (fd_ >= 0) close(fd_);
    std::filesystem::remove(path_);
  }
  std::string Receive() {
    char buffer[4096];
    const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
    return n < 0 ? "<nothing: " + std::string(std::strerror(errno)) + ">" : std::string(buffer, n);
  }
  bool NothingPending() {
    char buffer[16];
    return recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT) < 0 && errno == EAGAIN;
  }

  std::filesystem::path path_;
  int fd_ = -1;
  Notifier notifier_;
};

TEST_F(NotifySocketTest, SendsTheExactDatagrams) {
  EXPECT_TRUE(notifier_.enabled());
  ASSERT_TRUE(notifier_.Ready().ok());
  EXPECT_EQ(Receive(), "READY=1");
  ASSERT_TRUE(notifier_.Status("polling 3 feeds").ok());
  EXPECT_EQ(Receive(), "STATUS=polling 3 feeds");
  ASSERT_TRUE(notifier_.Stopping().ok());
  EXPECT_EQ(Receive(), "STOPPING=1");
  ASSERT_TRUE(notifier_.Watchdog().ok());
  EXPECT_EQ(Receive(), "WATCHDOG=1");
  ASSERT_TRUE(notifier_.ExtendTimeout(std::chrono::seconds(25)).ok());
  EXPECT_EQ(Receive(), "EXTEND_TIMEOUT_USEC=25000000");
  EXPECT_TRUE(NothingPending());
}

TEST_F(NotifySocketTest, StatusTextStaysOneAssignment) {
  ASSERT_TRUE(notifier_.Status("two\nlines").ok());
  EXPECT_EQ(Receive(), "STATUS=two lines");
}

TEST_F(NotifySocketTest, ReloadingCarriesTheMonotonicClock) {
  const uint64_t before = MonotonicMicroseconds();
  ASSERT_TRUE(notifier_.Reloading().ok());
  const uint64_t after = MonotonicMicroseconds();
  const std::string message = Receive();
  const std::string prefix = "RELOADING=1\nMONOTONIC_USEC=";
  ASSERT_EQ(message.rfind(prefix, 0), 0u) << message;
  const std::string digits = message.substr(prefix.size());
  ASSERT_FALSE(digits.empty());
  ASSERT_EQ(digits.find_first_not_of("0123456789"), std::string::npos) << message;
  const uint64_t usec = std::stoull(digits);
  EXPECT_GE(usec, before);
  EXPECT_LE(usec, after);
}

TEST_F(NotifySocketTest, WatchdogIntervalComesFromTheEnvironment) {
  EXPECT_FALSE(Notifier::WatchdogInterval().has_value());
  setenv("WATCHDOG_USEC", "30000000", 1);
  ASSERT_TRUE(Notifier::WatchdogInterval().has_value());
  EXPECT_EQ(*Notifier::WatchdogInterval(), std::chrono::seconds(30));
  // Meant for another process (e.g. inherited by a child): not ours to ping.
  setenv("WATCHDOG_PID", std::to_string(getpid() + 1).c_str(), 1);
  EXPECT_FALSE(Notifier::WatchdogInterval().has_value());
  setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  EXPECT_TRUE(Notifier::WatchdogInterval().has_value());
}

TEST_F(NotifySocketTest, AbsentPeerIsAnError) {
  setenv("NOTIFY_SOCKET", (path_.string() + ".missing").c_str(), 1);
  const Status s = notifier_.Ready();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("READY=1"), std::string::npos) << s.error().message;
}

TEST(NotifierTest, IsANoOpWithoutNotifySocket) {
  unsetenv("NOTIFY_SOCKET");
  Notifier notifier;
  EXPECT_FALSE(notifier.enabled());
  EXPECT_TRUE(notifier.Ready().ok());
  EXPECT_TRUE(notifier.Reloading().ok());
  EXPECT_TRUE(notifier.Watchdog().ok());
}

}  // namespace
}  // namespace newsmon::ops
