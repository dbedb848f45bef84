#include "ops/heartbeat.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <cstring>
#include <filesystem>
#include <future>
#include <thread>

namespace newsmon::ops {
namespace {

TEST(HeartbeatTest, PingsTheWatchdogAtHalfItsInterval) {
  const auto path = std::filesystem::temp_directory_path() / ("newsmon-hb-" + std::to_string(getpid()) + ".sock");
  std::filesystem::remove(path);
  const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  setenv("NOTIFY_SOCKET", path.c_str(), 1);
  setenv("WATCHDOG_USEC", "200000", 1);  // 200 ms: pings every 100 ms

  boost::asio::io_context io;
  Notifier notifier;
  Heartbeat heartbeat(io, notifier, nullptr, std::chrono::seconds(10));
  heartbeat.Start();
  EXPECT_EQ(heartbeat.period(), std::chrono::milliseconds(100));
  io.run_for(std::chrono::milliseconds(350));
  heartbeat.Stop();
  io.run();  // the cancelled wait completes; nothing else is pending

  int pings = 0;
  char buffer[64];
  ssize_t n;
  while ((n = recv(fd, buffer, sizeof buffer, MSG_DONTWAIT)) > 0) {
    EXPECT_EQ(std::string(buffer, n), "WATCHDOG=1");
    ++pings;
  }
  EXPECT_GE(pings, 3);  // at 0, 100, 200, 300 ms
  EXPECT_LE(pings, 5);
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
  close(fd);
  std::filesystem::remove(path);
}

int HealthzStatus(uint16_t port) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  boost::asio::write(socket, boost::asio::buffer(request));
  char buffer[256];
  boost::system::error_code ec;
  const size_t n = boost::asio::read(socket, boost::asio::buffer(buffer), ec);
  const std::string response(buffer, n);
  return response.size() > 12 ? std::stoi(response.substr(9, 3)) : -1;
}

void OnLoop(boost::asio::io_context& io, std::function<void()> f) {
  std::promise<void> done;
  boost::asio::post(io, [&] {
    f();
    done.set_value();
  });
  done.get_future().wait();
}

TEST(HeartbeatTest, KeepsHealthzFreshWhileRunning) {
  unsetenv("WATCHDOG_USEC");
  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  MetricsServerOptions options;
  options.listen = "127.0.0.1:0";
  options.stale_after = std::chrono::milliseconds(150);
  MetricsServer server(io, options, [] { return std::string(); });
  ASSERT_TRUE(server.Start().ok());
  Notifier notifier;
  Heartbeat heartbeat(io, notifier, &server, std::chrono::milliseconds(20));
  std::thread loop([&] { io.run(); });

  OnLoop(io, [&] { heartbeat.Start(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_EQ(HealthzStatus(server.port()), 200);  // 400 ms > stale_after, but ticked meanwhile

  OnLoop(io, [&] { heartbeat.Stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_EQ(HealthzStatus(server.port()), 503);  // no beats: stale

  OnLoop(io, [&] { server.Stop(); });
  work.reset();
  loop.join();
}

}  // namespace
}  // namespace newsmon::ops
