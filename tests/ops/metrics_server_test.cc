#include "ops/metrics_server.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <array>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <future>
#include <list>
#include <optional>
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

// One GET on a fresh connection with a deadline for the whole exchange, from
// connect to the server closing after its answer. nullopt when the answer was
// not complete in time or the connection was reset.
std::optional<std::string> GetWithin(uint16_t port, const std::string& path, std::chrono::milliseconds deadline) {
  asio::io_context io;
  tcp::socket socket(io);
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  std::string response;
  std::array<char, 4096> buffer;
  bool complete = false;
  std::function<void()> read = [&] {
    socket.async_read_some(asio::buffer(buffer), [&](boost::system::error_code ec, size_t n) {
      response.append(buffer.data(), n);
      if (!ec) {
        read();
      } else {
        complete = ec == asio::error::eof;
      }
    });
  };
  socket.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), [&](boost::system::error_code ec) {
    if (ec) return;
    asio::async_write(socket, asio::buffer(request), [&](boost::system::error_code write_ec, size_t) {
      if (!write_ec) read();
    });
  });
  io.run_for(deadline);
  if (!complete) return std::nullopt;
  return response;
}

// A client that keeps its connection open between requests (keep-alive).
class KeepAliveClient {
 public:
  explicit KeepAliveClient(uint16_t port) : socket_(io_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  // The answer's status, or -1 when the server closed the connection.
  int Get(const std::string& path) {
    boost::system::error_code ec;
    asio::write(socket_, asio::buffer("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n"), ec);
    if (ec) return -1;
    // The answers here are small and end with their body: read the head, then
    // exactly Content-Length bytes.
    const size_t head_end = asio::read_until(socket_, asio::dynamic_buffer(pending_), "\r\n\r\n", ec);
    if (ec) return -1;
    const std::string head = pending_.substr(0, head_end);
    const size_t length_at = head.find("Content-Length: ");
    if (length_at == std::string::npos) return -1;
    const size_t length = std::stoul(head.substr(length_at + 16));
    if (pending_.size() < head_end + length) {
      asio::read(socket_, asio::dynamic_buffer(pending_), asio::transfer_exactly(head_end + length - pending_.size()),
                 ec);
      if (ec) return -1;
    }
    pending_.erase(0, head_end + length);
    return StatusOf(head);
  }

 private:
  asio::io_context io_;
  tcp::socket socket_;
  std::string pending_;
};

// Lets this process hold both ends of some hundreds of connections.
bool RaiseDescriptorLimit(rlim_t wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return false;
  if (limit.rlim_cur >= wanted) return true;
  limit.rlim_cur = std::min(wanted, limit.rlim_max);
  return setrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur >= wanted;
}

// Clients that hold connections to the server from a thread of their own, as
// an attacker's would: idle ones connect and never send; slow ones
// (slowloris) send one byte of a request head every `drip` and never finish
// it. Each notes how long it lived until the server closed it and how many
// bytes came back.
class Crowd {
 public:
  struct Outcome {
    bool slow = false;
    size_t received = 0;
    std::optional<std::chrono::steady_clock::duration> lived;  // set once the server closed it
  };

  // Connects every client before returning: idle ones first, then slow ones.
  Crowd(uint16_t port, size_t idle, size_t slow, std::chrono::milliseconds drip) : drip_(drip) {
    const tcp::endpoint server(asio::ip::make_address("127.0.0.1"), port);
    for (size_t i = 0; i < idle + slow; ++i) {
      Client& client = clients_.emplace_back(io_);
      client.outcome.slow = i >= idle;
      client.socket.connect(server);
      client.connected = std::chrono::steady_clock::now();
      Watch(client);
      if (client.outcome.slow) Drip(client);
    }
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Crowd() {
    io_.stop();
    thread_.join();
  }
  Crowd(const Crowd&) = delete;
  Crowd& operator=(const Crowd&) = delete;

  std::vector<Outcome> Outcomes() {
    std::promise<std::vector<Outcome>> result;
    asio::post(io_, [&] {
      std::vector<Outcome> out;
      for (const Client& client : clients_) out.push_back(client.outcome);
      result.set_value(std::move(out));
    });
    return result.get_future().get();
  }

  // Polls until the server has closed every client or `limit` passed.
  bool AllClosedWithin(std::chrono::seconds limit) {
    const auto give_up = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < give_up) {
      const auto outcomes = Outcomes();
      if (std::all_of(outcomes.begin(), outcomes.end(), [](const Outcome& o) { return o.lived.has_value(); })) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

 private:
  struct Client {
    explicit Client(asio::io_context& io) : socket(io), drip(io) {}
    tcp::socket socket;
    asio::steady_timer drip;
    std::chrono::steady_clock::time_point connected;
    size_t sent = 0;
    std::array<char, 512> buffer{};
    Outcome outcome;
  };

  // A head that never ends: no blank line, and far longer than any header
  // timeout lets a byte-per-drip client send.
  static constexpr std::string_view kEndlessHead =
      "GET /metrics HTTP/1.1\r\nHost: localhost\r\nUser-Agent: slowloris\r\nX-Padding: "
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

  void Watch(Client& client) {
    client.socket.async_read_some(asio::buffer(client.buffer), [this, &client](boost::system::error_code ec, size_t n) {
      client.outcome.received += n;
      if (!ec) {
        Watch(client);
        return;
      }
      client.outcome.lived = std::chrono::steady_clock::now() - client.connected;
      client.drip.cancel();
    });
  }

  void Drip(Client& client) {
    if (client.outcome.lived || client.sent >= kEndlessHead.size()) return;
    boost::system::error_code ec;
    client.socket.send(asio::buffer(kEndlessHead.data() + client.sent, 1), 0, ec);
    if (ec) return;
    ++client.sent;
    client.drip.expires_after(drip_);
    client.drip.async_wait([this, &client](boost::system::error_code timer_ec) {
      if (!timer_ec) Drip(client);
    });
  }

  std::chrono::milliseconds drip_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_{io_.get_executor()};
  std::list<Client> clients_;  // stable addresses for the handlers
  std::thread thread_;
};

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

  // Default limits on a free loopback port, counting into metrics_ as the daemon does.
  MetricsServerOptions Loopback() {
    MetricsServerOptions options;
    options.listen = "127.0.0.1:0";
    options.connections_evicted = &metrics_.metrics_connections_evicted.Get();
    options.header_timeouts = &metrics_.metrics_header_timeouts.Get();
    return options;
  }
  // Scrapes /metrics and parses it; a failed scrape fails the test.
  testing::Exposition Scrape() {
    const std::string response = Get(server_->port(), "/metrics");
    EXPECT_EQ(StatusOf(response), 200) << response;
    testing::Exposition e = testing::ParseExposition(BodyOf(response));
    EXPECT_TRUE(e.ok) << e.error;
    return e;
  }

  asio::io_context io_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_{io_.get_executor()};
  NewsmonMetrics metrics_{"test"};
  std::unique_ptr<MetricsServer> server_;
  std::thread thread_;
};

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

TEST_F(MetricsServerTest, SilentClientsAreDisconnectedAfterTheHeaderTimeout) {
  MetricsServerOptions options = Loopback();
  options.header_timeout = std::chrono::milliseconds(200);
  StartServer(options);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(RawExchange(server_->port(), "GET /metrics HTTP/1.1\r\n"), "");  // never finished
  EXPECT_EQ(RawExchange(server_->port(), ""), "");                           // never began
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  // Only the request that had begun counts: a silent connection is an idle
  // keep-alive or a port probe, not a slow client.
  EXPECT_EQ(Scrape().Value("newsmon_metrics_header_timeouts_total"), 1);
}

TEST_F(MetricsServerTest, AConnectionAtTheLimitClosesTheOneIdleLongest) {
  MetricsServerOptions options = Loopback();
  options.max_connections = 2;
  StartServer(options);
  KeepAliveClient older(server_->port());
  ASSERT_EQ(older.Get("/healthz"), 200);
  KeepAliveClient newer(server_->port());
  ASSERT_EQ(newer.Get("/healthz"), 200);
  // Both wait for their next request, `older` longer; a third connection
  // takes its slot instead of being refused.
  EXPECT_EQ(StatusOf(Get(server_->port(), "/healthz")), 200);
  EXPECT_EQ(older.Get("/healthz"), -1);
  EXPECT_EQ(newer.Get("/readyz"), 503);  // still served: not ready, "starting"
  EXPECT_EQ(Scrape().Value("newsmon_metrics_connections_evicted_total"), 1);
}

TEST_F(MetricsServerTest, MaxConnectionsZeroIsRefused) {
  MetricsServerOptions options = Loopback();
  options.max_connections = 0;
  MetricsServer server(io_, options, [] { return std::string(); });
  const Status s = server.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

// The scenario, with the default limits (32 connections, 2 s header
// timeout): 500 idle connections and 32 slowloris clients, and /healthz still
// answers every probe within 1 s.
TEST_F(MetricsServerTest, HealthzAnswersWhileIdleAndSlowlorisClientsFillEverySlot) {
  ASSERT_TRUE(RaiseDescriptorLimit(4096)) << "needs room for both ends of 532 connections";
  const MetricsServerOptions options = Loopback();
  StartServer(options);
  Crowd crowd(server_->port(), /*idle=*/500, /*slow=*/32, std::chrono::milliseconds(300));
  for (int probe = 0; probe < 20; ++probe) {
    SCOPED_TRACE("probe " + std::to_string(probe));
    const std::optional<std::string> response = GetWithin(server_->port(), "/healthz", std::chrono::seconds(1));
    ASSERT_TRUE(response.has_value()) << "no answer within 1 s";
    EXPECT_EQ(StatusOf(*response), 200) << *response;
    EXPECT_EQ(BodyOf(*response).rfind("ok\n", 0), 0u) << *response;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }

  // Nobody holds a slot past the header timeout, and no incomplete request
  // got an answer. The slack is generous: this is not a timing test.
  ASSERT_TRUE(crowd.AllClosedWithin(std::chrono::seconds(15)));
  for (const Crowd::Outcome& o : crowd.Outcomes()) {
    EXPECT_EQ(o.received, 0u);
    EXPECT_LT(*o.lived, options.header_timeout + std::chrono::seconds(3)) << (o.slow ? "slowloris" : "idle");
  }

  const testing::Exposition e = Scrape();
  // 500 idle connections for 32 slots: at least the 468 beyond them made room
  // for a newer one rather than being refused.
  EXPECT_GE(e.Value("newsmon_metrics_connections_evicted_total"), 468);
  // The 20 probes took the slots of 20 slowloris clients at most; the others ran out of time.
  EXPECT_GE(e.Value("newsmon_metrics_header_timeouts_total"), 12);
  EXPECT_EQ(e.Value("newsmon_build_info", {{"version", "test"}}), 1);
}

TEST_F(MetricsServerTest, SlowlorisClientsAreCutAfterTheHeaderTimeout) {
  const MetricsServerOptions options = Loopback();
  StartServer(options);
  Crowd crowd(server_->port(), /*idle=*/0, /*slow=*/32, std::chrono::milliseconds(250));
  ASSERT_TRUE(crowd.AllClosedWithin(std::chrono::seconds(15)));
  for (const Crowd::Outcome& o : crowd.Outcomes()) {
    EXPECT_EQ(o.received, 0u);
    // Loose bounds on purpose: cut by the header deadline, not at once and
    // not after the much longer write timeout.
    EXPECT_GT(*o.lived, options.header_timeout / 2);
    EXPECT_LT(*o.lived, options.header_timeout + std::chrono::seconds(3));
  }
  const testing::Exposition e = Scrape();
  EXPECT_EQ(e.Value("newsmon_metrics_header_timeouts_total"), 32);
  EXPECT_EQ(e.Value("newsmon_metrics_connections_evicted_total"), 0);
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
