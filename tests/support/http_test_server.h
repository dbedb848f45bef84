// Scripted HTTP/1.1 server for tests, on loopback only (127.0.0.0/8 or ::1).
// Header-only; requests are parsed with Boost.Beast. Each path answers with a
// scripted response (status, headers, body, delays, drip, endless body,
// connection reset, HTTP/1.0 close-delimited or cut-short body) and every
// request seen is recorded with its headers and arrival time, so tests can
// assert what a client actually sent.
//
//   newsmon::testing::HttpTestServer server;  // 127.0.0.1, ephemeral port
//   server.Handle("/feed", Reply(200, "<rss/>").WithHeader("ETag", "\"v1\""));
//   server.Handle("/dyn", [](const SeenRequest& r) {
//     return Reply(r.Header("if-none-match") == "\"v1\"" ? 304 : 200);
//   });
//   fetch(server.Url("/feed"));
//   EXPECT_EQ(server.RequestsFor("/feed").at(0).Header("user-agent"), "newsmon/0.1");
//
// One thread accepts; each connection is served by its own thread with
// blocking I/O (simple, and fine for test loads of a few thousand
// connections). The destructor stops everything promptly: sockets are shut
// down so blocked reads and endless bodies end.
#pragma once

// GCC 12 with -fsanitize reports a false -Wmaybe-uninitialized inside Beast's
// parser (boost::optional in content_length()); keep -Werror builds of the
// tests that include this header clean.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdio>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace newsmon::testing {

struct TestResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds delay{0};  // before the status line
  // Drip: after the headers, `drip_bytes` of the body every `drip_interval`.
  size_t drip_bytes = 0;
  std::chrono::milliseconds drip_interval{0};
  // Chunked body of `body` repeated without end (until the client goes away,
  // the server stops, or endless_limit bytes were sent).
  bool endless = false;
  size_t endless_limit = size_t{1} << 30;
  // Read the request, then close with a TCP RST and no response.
  bool reset = false;
  // Send the headers and half the body, then RST.
  bool reset_mid_body = false;
  bool close = false;  // Connection: close after this response
  // HTTP/1.0 framing: an "HTTP/1.0" status line, no Content-Length, and the
  // body ends when the server closes the connection, so the client cannot
  // tell a whole body from one cut short.
  bool close_delimited = false;
  // Send only the first `cut_body_at` bytes of the body, then close the
  // connection cleanly (FIN, no RST). With Content-Length the client sees
  // the shortfall; with `close_delimited` it cannot.
  size_t cut_body_at = std::string::npos;

  // Fluent building (designated initializers trip -Wmissing-field-initializers).
  TestResponse& WithHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  TestResponse& WithBody(std::string text) {
    body = std::move(text);
    return *this;
  }
};

// TestResponse with a status and body: Reply(304), Reply(200, "<rss/>").WithHeader("ETag", "\"v1\"").
inline TestResponse Reply(int status, std::string body = {}) {
  TestResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

struct SeenRequest {
  std::string method;
  std::string target;                          // as sent: path and query
  std::string path;                            // target without the query
  std::map<std::string, std::string> headers;  // lower-case names
  std::chrono::steady_clock::time_point arrived;
  int connection = 0;         // 1-based connection number on this server
  std::string local_address;  // the server address the client connected to

  // Empty when absent.
  std::string Header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

using TestHandler = std::function<TestResponse(const SeenRequest&)>;

class HttpTestServer {
 public:
  // `address`: a loopback address ("127.0.0.1", "127.0.0.7", "::1"). Port 0 picks one.
  explicit HttpTestServer(const std::string& address = "127.0.0.1", unsigned short port = 0) {
    namespace ip = boost::asio::ip;
    const ip::address addr = ip::make_address(address);
    if (!addr.is_loopback()) throw std::invalid_argument("HttpTestServer listens on loopback only");
    acceptor_.open(addr.is_v6() ? ip::tcp::v6() : ip::tcp::v4());
    acceptor_.set_option(ip::tcp::acceptor::reuse_address(true));
    acceptor_.bind({addr, port});
    acceptor_.listen(1024);
    acceptor_.non_blocking(true);
    host_ = addr.is_v6() ? "[" + address + "]" : address;
    port_ = acceptor_.local_endpoint().port();
    accept_thread_ = std::thread([this] { AcceptLoop(); });
  }

  ~HttpTestServer() { Stop(); }
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  unsigned short port() const { return port_; }
  // "http://127.0.0.1:PORT" + path
  std::string Url(const std::string& path) const { return "http://" + host_ + ":" + std::to_string(port_) + path; }

  // Exact target ("/a?x=1") wins over the path ("/a"); unknown paths get 404.
  void Handle(const std::string& path, TestHandler handler) {
    std::lock_guard lock(mu_);
    handlers_[path] = std::move(handler);
  }
  void Handle(const std::string& path, TestResponse response) {
    Handle(path, [response](const SeenRequest&) { return response; });
  }

  std::vector<SeenRequest> Requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }
  std::vector<SeenRequest> RequestsFor(const std::string& path) const {
    std::lock_guard lock(mu_);
    std::vector<SeenRequest> out;
    for (const auto& r : requests_) {
      if (r.path == path || r.target == path) out.push_back(r);
    }
    return out;
  }
  size_t RequestCount() const {
    std::lock_guard lock(mu_);
    return requests_.size();
  }
  // Most requests ever being answered at the same time.
  int MaxConcurrent() const { return max_concurrent_.load(); }
  int Connections() const { return connections_.load(); }
  // Bytes of response bodies written (endless and drip bodies included).
  size_t BodyBytesSent() const { return body_bytes_.load(); }

  void Stop() {
    if (stopping_.exchange(true)) return;
    if (accept_thread_.joinable()) accept_thread_.join();
    {
      std::lock_guard lock(mu_);
      for (auto& c : conns_) {
        if (!c->done) ::shutdown(c->fd, SHUT_RDWR);
      }
    }
    for (auto& c : conns_) {
      if (c->thread.joinable()) c->thread.join();
    }
    conns_.clear();
    boost::system::error_code ignored;
    acceptor_.close(ignored);
  }

 private:
  struct Conn {
    std::thread thread;
    int fd = -1;
    std::atomic<bool> done{false};
  };

  void AcceptLoop() {
    int number = 0;
    while (!stopping_.load()) {
      pollfd p{acceptor_.native_handle(), POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      boost::system::error_code ec;
      boost::asio::ip::tcp::socket socket(io_);
      acceptor_.accept(socket, ec);
      if (ec) continue;
      socket.non_blocking(false);
      socket.set_option(boost::asio::ip::tcp::no_delay(true), ec);
      auto conn = std::make_unique<Conn>();
      conn->fd = socket.native_handle();
      Conn* raw = conn.get();
      const int id = ++number;
      ++connections_;
      std::lock_guard lock(mu_);
      Reap();
      conns_.push_back(std::move(conn));
      raw->thread = std::thread([this, raw, id, s = std::move(socket)]() mutable {
        Serve(std::move(s), id);
        raw->done = true;
      });
    }
  }

  // Joins finished connection threads so thousands of short connections do not pile up. Holds mu_.
  void Reap() {
    for (auto it = conns_.begin(); it != conns_.end();) {
      if ((*it)->done.load()) {
        (*it)->thread.join();
        it = conns_.erase(it);
      } else {
        ++it;
      }
    }
  }

  TestHandler Find(const SeenRequest& r) {
    std::lock_guard lock(mu_);
    auto it = handlers_.find(r.target);
    if (it == handlers_.end()) it = handlers_.find(r.path);
    if (it == handlers_.end()) return [](const SeenRequest&) { return Reply(404, "not found"); };
    return it->second;
  }

  bool SleepUnlessStopping(std::chrono::milliseconds d) {
    const auto until = std::chrono::steady_clock::now() + d;
    while (std::chrono::steady_clock::now() < until) {
      if (stopping_.load()) return false;
      std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(d, std::chrono::milliseconds(5)));
    }
    return !stopping_.load();
  }

  static const char* Reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 301:
        return "Moved Permanently";
      case 302:
        return "Found";
      case 304:
        return "Not Modified";
      case 307:
        return "Temporary Redirect";
      case 308:
        return "Permanent Redirect";
      case 404:
        return "Not Found";
      case 410:
        return "Gone";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 503:
        return "Service Unavailable";
      default:
        return "Status";
    }
  }

  static void Reset(boost::asio::ip::tcp::socket& socket) {
    boost::system::error_code ec;
    socket.set_option(boost::asio::socket_base::linger(true, 0), ec);
    socket.close(ec);
  }

  struct InFlight {
    explicit InFlight(HttpTestServer& s) : server(s) {
      const int now = ++server.concurrent_;
      int prev = server.max_concurrent_.load();
      while (now > prev && !server.max_concurrent_.compare_exchange_weak(prev, now)) {
      }
    }
    ~InFlight() { --server.concurrent_; }
    HttpTestServer& server;
  };

  void Serve(boost::asio::ip::tcp::socket socket, int connection) {
    namespace http = boost::beast::http;
    boost::beast::flat_buffer buffer;
    boost::system::error_code ec;
    const std::string local = socket.local_endpoint(ec).address().to_string();
    while (!stopping_.load()) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(1 << 20);
      http::read(socket, buffer, parser, ec);
      if (ec) return;
      const auto& req = parser.get();
      SeenRequest seen;
      seen.arrived = std::chrono::steady_clock::now();
      seen.method = std::string(req.method_string());
      seen.target = std::string(req.target());
      seen.path = seen.target.substr(0, seen.target.find('?'));
      seen.connection = connection;
      seen.local_address = local;
      for (const auto& field : req) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        seen.headers[name] = std::string(field.value());
      }
      {
        std::lock_guard lock(mu_);
        requests_.push_back(seen);
      }
      InFlight in_flight(*this);
      const TestResponse response = Find(seen)(seen);
      if (response.reset) return Reset(socket);
      if (response.delay.count() > 0 && !SleepUnlessStopping(response.delay)) return;
      if (!WriteResponse(socket, response, seen.method == "HEAD")) return;
      if (response.close || !req.keep_alive()) {
        socket.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
        return;
      }
    }
  }

  bool WriteAll(boost::asio::ip::tcp::socket& socket, const std::string& data) {
    boost::system::error_code ec;
    boost::asio::write(socket, boost::asio::buffer(data), ec);
    return !ec;
  }

  bool WriteResponse(boost::asio::ip::tcp::socket& socket, const TestResponse& r, bool head) {
    std::string out = std::string(r.close_delimited ? "HTTP/1.0 " : "HTTP/1.1 ") + std::to_string(r.status) + " " +
                      Reason(r.status) + "\r\n";
    for (const auto& [name, value] : r.headers) out += name + ": " + value + "\r\n";
    const bool no_body = r.status == 304 || r.status == 204 || head;
    if (r.endless) {
      out += "Transfer-Encoding: chunked\r\n";
    } else if (!no_body && !r.close_delimited) {
      out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
    }
    if (r.close) out += "Connection: close\r\n";
    out += "\r\n";
    if (no_body) return WriteAll(socket, out);
    if (r.endless) {
      if (!WriteAll(socket, out)) return false;
      const std::string chunk_body = r.body.empty() ? std::string(16384, 'x') : r.body;
      char size_line[32];
      std::snprintf(size_line, sizeof size_line, "%zx\r\n", chunk_body.size());
      const std::string chunk = size_line + chunk_body + "\r\n";
      size_t sent = 0;
      while (!stopping_.load() && sent < r.endless_limit) {
        if (!WriteAll(socket, chunk)) return false;
        sent += chunk_body.size();
        body_bytes_ += chunk_body.size();
      }
      return false;
    }
    if (r.reset_mid_body) {
      WriteAll(socket, out + r.body.substr(0, r.body.size() / 2));
      Reset(socket);
      return false;
    }
    if (r.close_delimited || r.cut_body_at != std::string::npos) {
      const std::string sent = r.body.substr(0, std::min(r.cut_body_at, r.body.size()));
      body_bytes_ += sent.size();
      WriteAll(socket, out + sent);
      // The end of the body is the end of the connection.
      boost::system::error_code ec;
      socket.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
      return false;
    }
    if (r.drip_bytes > 0) {
      if (!WriteAll(socket, out)) return false;
      for (size_t at = 0; at < r.body.size(); at += r.drip_bytes) {
        if (!SleepUnlessStopping(r.drip_interval)) return false;
        if (!WriteAll(socket, r.body.substr(at, r.drip_bytes))) return false;
        body_bytes_ += std::min(r.drip_bytes, r.body.size() - at);
      }
      return true;
    }
    body_bytes_ += r.body.size();
    return WriteAll(socket, out + r.body);
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_{io_};
  std::string host_;
  unsigned short port_ = 0;
  std::thread accept_thread_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::map<std::string, TestHandler> handlers_;
  std::vector<SeenRequest> requests_;
  std::list<std::unique_ptr<Conn>> conns_;
  std::atomic<int> concurrent_{0};
  std::atomic<int> max_concurrent_{0};
  std::atomic<int> connections_{0};
  std::atomic<size_t> body_bytes_{0};
};

}  // namespace newsmon::testing

#pragma GCC diagnostic pop
