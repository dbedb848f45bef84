#include "ops/metrics_server.h"

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <future>
#include <thread>

#include "ops/metrics.h"
#include "prometheus_parser.h"

namespace newsmon::ops {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Sends raw bytes and reads until the server closes the connection.
std::string RawExchange(uint16_t port, const std::string& request, const std::string& host = "127.0.0.1") {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address(host), port));
  asio::write(socket, asio::buffer(request));
  std::string response;
  boost::system::error_code ec;
  char buffer[4096];
  while (true) {
    const size_t n = socket.read_some(asio::buffer(buffer), ec);
    response.append(buffer, n);
    if (ec) break;
  }
  return response;
}

std::string Get(uint16_t port, const std::string& path, const std::string& method = "GET") {
  return RawExchange(port, method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
}

int StatusOf(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0) return -1;
  return std::stoi(response.substr(9, 3));
}

std::string BodyOf(const std::string& response) {
  const size_t end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

// Runs the server's io_context on its own thread, as the daemon loop would.
class MetricsServerTest : public ::testing::Test {
 protected:
  void StartServer(MetricsServerOptions options) {
    server_ = std::make_unique<MetricsServer>(io_, std::move(options), [this] { return metrics_.registry.Render(); });
    const Status s = server_->Start();
    ASSERT_TRUE(s.ok()) << s.error().message;
    ASSERT_NE(server_->port(), 0);
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    if (server_) OnLoop([this] { server_->Stop(); });
    work_.reset();
    if (thread_.joinable()) thread_.join();
    server_.reset();
  }
  // Runs `f` on the loop thread and waits: the server is single-threaded by design.
  void OnLoop(std::function<void()> f) {
    std::promise<void> done;
    asio::post(io_, [&] {
      f();
      done.set_value();
    });
    done.get_future().wait();
  }

  asio::io_context io_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_{io_.get_executor()};
  NewsmonMetrics metrics_{"test"};
  std::unique_ptr<MetricsServer> server_;
  std::thread thread_;
};

MetricsServerOptions Loopback() {
  MetricsServerOptions options;
  options.listen = "127.0.0.1:0";
  return options;
}

TEST_F(MetricsServerTest, ServesMetricsInTextFormat) {
  StartServer(Loopback());
  metrics_.Poll(PollResult::kOk).Inc(5);
  const std::string response = Get(server_->port(), "/metrics");
  EXPECT_EQ(StatusOf(response), 200) << response;
  EXPECT_NE(response.find("Content-Type: text/plain; version=0.0.4"), std::string::npos) << response;
  const auto e = testing::ParseExposition(BodyOf(response));
  ASSERT_TRUE(e.ok) << e.error;
  EXPECT_EQ(e.Value("newsmon_polls_total", {{"result", "ok"}}), 5);
  EXPECT_EQ(e.Value("newsmon_build_info", {{"version", "test"}}), 1);
}

TEST_F(MetricsServerTest, HeadHasLengthButNoBody) {
  StartServer(Loopback());
  const std::string response = Get(server_->port(), "/metrics", "HEAD");
  EXPECT_EQ(StatusOf(response), 200);
  EXPECT_EQ(BodyOf(response), "");
  EXPECT_EQ(response.find("Content-Length: 0\r\n"), std::string::npos) << response;
}

TEST_F(MetricsServerTest, HealthzFollowsTheLoopTick) {
  MetricsServerOptions options = Loopback();
  options.stale_after = std::chrono::milliseconds(300);
  StartServer(options);
  std::string response = Get(server_->port(), "/healthz");
  EXPECT_EQ(StatusOf(response), 200) << response;
  EXPECT_NE(BodyOf(response).find("last_loop_tick_age_seconds"), std::string::npos);

  std::this_thread::sleep_for(std::chrono::milliseconds(450));
  response = Get(server_->port(), "/healthz");
  EXPECT_EQ(StatusOf(response), 503) << response;
  EXPECT_EQ(BodyOf(response).rfind("stale", 0), 0u) << response;

  OnLoop([this] { server_->Tick(); });
  EXPECT_EQ(StatusOf(Get(server_->port(), "/healthz")), 200);
}

TEST_F(MetricsServerTest, ReadyzReportsTheReason) {
  StartServer(Loopback());
  std::string response = Get(server_->port(), "/readyz");
  EXPECT_EQ(StatusOf(response), 503);
  EXPECT_EQ(BodyOf(response), "not ready: starting\n");

  OnLoop([this] { server_->SetReady(false, "kafka unreachable: kafka-1:9092"); });
  response = Get(server_->port(), "/readyz");
  EXPECT_EQ(StatusOf(response), 503);
  EXPECT_EQ(BodyOf(response), "not ready: kafka unreachable: kafka-1:9092\n");

  OnLoop([this] { server_->SetReady(true); });
  response = Get(server_->port(), "/readyz");
  EXPECT_EQ(StatusOf(response), 200) << response;
  EXPECT_EQ(BodyOf(response), "ready\n");

  bool kafka_up = false;
  OnLoop([&] { server_->SetReadinessCheck([&] { return Readiness{kafka_up, "no broker"}; }); });
  EXPECT_EQ(StatusOf(Get(server_->port(), "/readyz")), 503);
  OnLoop([&] { kafka_up = true; });
  EXPECT_EQ(StatusOf(Get(server_->port(), "/readyz")), 200);
}

TEST_F(MetricsServerTest, UnknownPathsAre404AndOtherMethods405) {
  StartServer(Loopback());
  EXPECT_EQ(StatusOf(Get(server_->port(), "/nope")), 404);
  EXPECT_EQ(StatusOf(Get(server_->port(), "/metrics/extra")), 404);
  EXPECT_EQ(StatusOf(Get(server_->port(), "/metrics?name[]=x")), 200);
  const std::string response = Get(server_->port(), "/metrics", "POST");
  EXPECT_EQ(StatusOf(response), 405);
  EXPECT_NE(response.find("Allow: GET, HEAD"), std::string::npos);
}

TEST_F(MetricsServerTest, MalformedAndOversizedRequestsGet400) {
  MetricsServerOptions options = Loopback();
  options.max_request_bytes = 1024;
  StartServer(options);
  EXPECT_EQ(StatusOf(RawExchange(server_->port(), "GARBAGE\r\n\r\n")), 400);
  EXPECT_EQ(StatusOf(RawExchange(server_->port(), "GET /metrics HTTP/1.1\r\nBad Header\r\n\r\n")), 400);
  const std::string huge = "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(4096, 'a') + "\r\n\r\n";
  EXPECT_EQ(StatusOf(RawExchange(server_->port(), huge)), 400);
  // Still serving afterwards.
  EXPECT_EQ(StatusOf(Get(server_->port(), "/healthz")), 200);
}

TEST_F(MetricsServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer(Loopback());
  const std::string one = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string last = "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const std::string response = RawExchange(server_->port(), one + one + last);
  size_t count = 0;
  for (size_t at = response.find("HTTP/1.1 "); at != std::string::npos; at = response.find("HTTP/1.1 ", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 3u) << response;
}

TEST_F(MetricsServerTest, SilentClientsAreDisconnectedAfterTheTimeout) {
  MetricsServerOptions options = Loopback();
  options.request_timeout = std::chrono::milliseconds(200);
  StartServer(options);
  const auto start = std::chrono::steady_clock::now();
  const std::string response = RawExchange(server_->port(), "GET /metrics HTTP/1.1\r\n");  // never finished
  EXPECT_EQ(response, "");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST_F(MetricsServerTest, ConnectionsBeyondTheLimitAreClosed) {
  MetricsServerOptions options = Loopback();
  options.max_connections = 1;
  StartServer(options);
  asio::io_context client_io;
  tcp::socket idle(client_io);
  idle.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
  // The idle connection holds the only slot until the server has accepted it.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(Get(server_->port(), "/healthz"), "");
  idle.close();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(StatusOf(Get(server_->port(), "/healthz")), 200);
}

TEST_F(MetricsServerTest, ListensOnIpv6Loopback) {
  MetricsServerOptions options;
  options.listen = "[::1]:0";
  server_ = std::make_unique<MetricsServer>(io_, options, [] { return std::string(); });
  const Status s = server_->Start();
  if (!s.ok()) GTEST_SKIP() << "no IPv6 loopback here: " << s.error().message;
  thread_ = std::thread([this] { io_.run(); });
  EXPECT_EQ(
      StatusOf(RawExchange(server_->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "::1")),
      200);
}

TEST_F(MetricsServerTest, PortInUseIsAClearError) {
  StartServer(Loopback());
  MetricsServerOptions options;
  options.listen = "127.0.0.1:" + std::to_string(server_->port());
  MetricsServer second(io_, options, [] { return std::string(); });
  const Status s = second.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kIo);
  EXPECT_NE(s.error().message.find("Address already in use"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find(options.listen), std::string::npos) << s.error().message;
}

TEST(ListenAddressTest, ParsesHostPortForms) {
  auto v4 = ParseListenAddress("127.0.0.1:9464");
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 9464);
  auto v6 = ParseListenAddress("[::]:80");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::");
  EXPECT_EQ(v6->port, 80);
  for (const char* bad : {"", "9464", "host:", ":80", "::1:80", "[::1]80", "[::1:80", "h:65536", "h:12x"}) {
    EXPECT_FALSE(ParseListenAddress(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace newsmon::ops
