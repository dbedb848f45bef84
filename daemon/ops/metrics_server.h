// The operations HTTP endpoint: GET /metrics (Prometheus), /healthz
// (liveness) and /readyz (readiness), served by Boost.Beast on the daemon's
// own io_context, so it needs no thread and no locks of its own.
//
//   MetricsServer server(io, {.listen = config.metrics_listen},
//                        [&] { return metrics.registry.Render(); });
//   if (auto s = server.Start(); !s) { spdlog::critical("{}", s.error().message); return 1; }
//   server.SetReady(false, "kafka unreachable");   // /readyz answers 503 with the reason
//   ...
//   server.Tick();            // every loop turn: /healthz turns 503 when ticks stop
//   server.SetReady(true);    // config loaded and Kafka reachable
//   ...
//   server.Stop();            // before the io_context is destroyed
//
// /healthz answering at all proves the loop thread runs handlers; the tick
// timestamp also catches a loop that turns but no longer reaches its own
// bookkeeping (a wedged cycle between ticks).
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.h"

namespace newsmon::ops {

namespace detail {
struct MetricsServerState;
}

class Counter;

// An answer from a route the owner adds (`MetricsServerOptions::routes`).
struct HttpAnswer {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra, e.g. Content-Security-Policy
};

struct MetricsServerOptions {
  // "127.0.0.1:9464", "[::1]:9464", "0.0.0.0:9464", "localhost:9464"; port 0 picks a free port.
  std::string listen = "127.0.0.1:9464";
  // Open connections at most (at least 1). A connection arriving at the limit
  // is never refused: the connection that has waited longest for its request
  // is closed to make room (one being answered only when every connection is),
  // so idle and slow clients cannot keep a /healthz probe out.
  size_t max_connections = 32;
  size_t max_request_bytes = 8192;  // request line + headers (+ body, which we ignore)
  // From accept, or from the end of the previous answer, to a complete
  // request. A request is one line and a few headers, so this is short: a
  // client dripping its head byte by byte (slowloris) holds a slot no longer.
  std::chrono::milliseconds header_timeout{2000};
  // To write one answer; a client that does not read is cut off after this.
  std::chrono::milliseconds write_timeout{10000};
  size_t max_requests_per_connection = 100;  // keep-alive bound
  // /healthz answers 503 when Tick() was not called for this long.
  std::chrono::milliseconds stale_after{std::chrono::minutes(2)};
  // Where to count connections closed to make room for a new one, and
  // requests that had begun but were not complete within header_timeout (a
  // connection that sent nothing is closed uncounted: that is an idle
  // keep-alive or a port probe). Null counts nothing; must outlive the server.
  Counter* connections_evicted = nullptr;
  Counter* header_timeouts = nullptr;
  // More GET routes, asked before the built-in ones with the path and the
  // query string (after '?'); nullopt passes the request on. Runs on the
  // io_context thread.
  std::function<std::optional<HttpAnswer>(std::string_view path, std::string_view query)> routes;
};

// Readiness as computed by the daemon; the reason is shown in /readyz when not ready.
struct Readiness {
  bool ready = false;
  std::string reason;
};

// Not thread-safe by design: call every method on the io_context's thread
// (post from elsewhere), or while the io_context is not running. Destroy the
// server before the io_context.
class MetricsServer {
 public:
  // `render_metrics` produces the /metrics body (text format 0.0.4); it runs
  // on the io_context thread.
  MetricsServer(boost::asio::io_context& io, MetricsServerOptions options, std::function<std::string()> render_metrics);
  ~MetricsServer();  // Stop()
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  // Resolves, binds and starts accepting. A port in use is a kIo error naming
  // the address; max_connections 0 is kInvalidArgument.
  Status Start();
  // Closes the listener and every open connection. Idempotent.
  void Stop();

  // The bound port (after Start), useful with port 0.
  uint16_t port() const;

  // Records that the daemon loop turned. Call from the loop thread.
  void Tick();
  // A readiness flag, not ready ("starting") until set...
  void SetReady(bool ready, std::string reason = {});
  // ...or a check evaluated per /readyz request, which replaces the flag.
  void SetReadinessCheck(std::function<Readiness()> check);

 private:
  std::shared_ptr<detail::MetricsServerState> state_;  // shared with connections, which may outlive Stop() briefly
};

// Splits "host:port" or "[v6]:port". Error when malformed or the port is out of range.
struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};
Result<ListenAddress> ParseListenAddress(const std::string& listen);

}  // namespace newsmon::ops
