#include "ops/metrics_server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <list>
#include <optional>

#include "ops/metrics.h"

namespace newsmon::ops {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

class Session;

struct detail::MetricsServerState {
  MetricsServerState(asio::io_context& io_context, MetricsServerOptions opts, std::function<std::string()> render)
      : io(io_context),
        options(std::move(opts)),
        render_metrics(std::move(render)),
        acceptor(io_context),
        retry_timer(io_context),
        last_tick(std::chrono::steady_clock::now()) {}

  asio::io_context& io;
  MetricsServerOptions options;
  std::function<std::string()> render_metrics;
  tcp::acceptor acceptor;
  asio::steady_timer retry_timer;  // after accept errors such as EMFILE
  // Every open connection is in one of these, each list oldest first: the
  // front of `waiting` has waited longest for its request and is the first to
  // close when a new connection needs room. A connection moves to the back of
  // `answering` when its request is complete, and back to `waiting` after its
  // answer (keep-alive).
  std::list<Session*> waiting;
  std::list<Session*> answering;
  bool stopped = false;

  size_t open() const { return waiting.size() + answering.size(); }

  std::chrono::steady_clock::time_point last_tick;
  Readiness readiness{false, "starting"};
  std::function<Readiness()> readiness_check;
};

namespace {

using Response = http::response<http::string_body>;

Response MakeResponse(http::status status, unsigned version, std::string body,
                      std::string_view content_type = "text/plain; charset=utf-8") {
  Response res{status, version};
  res.set(http::field::server, "newsmon");
  res.set(http::field::content_type, beast::string_view(content_type.data(), content_type.size()));
  res.set(http::field::cache_control, "no-store");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

bool IsHttpProtocolError(const beast::error_code& ec) {
  return &ec.category() == &http::make_error_code(http::error::bad_target).category();
}

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(std::shared_ptr<detail::MetricsServerState> state, tcp::socket socket)
      : state_(std::move(state)), stream_(std::move(socket)), buffer_(state_->options.max_request_bytes) {}
  ~Session() { Leave(); }

  void Start() { Read(); }
  // Idempotent. The connection leaves the books at once, so that the slot it
  // frees counts before its cancelled handlers have run.
  void Close() {
    if (closed_) return;
    closed_ = true;
    Leave();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

 private:
  void Enter(std::list<Session*>& list) {
    Leave();
    list_ = &list;
    position_ = list.insert(list.end(), this);
  }
  void Leave() {
    if (list_ == nullptr) return;
    list_->erase(position_);
    list_ = nullptr;
  }

  void Read() {
    Enter(state_->waiting);
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(state_->options.max_request_bytes));
    parser_->body_limit(state_->options.max_request_bytes);
    // One deadline for the whole request, not per read: a byte every second
    // must not keep the connection alive.
    stream_.expires_after(state_->options.header_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    // Closed meanwhile (evicted or stopped): a request that completed in the
    // same turn is not answered either.
    if (closed_) return;
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted || state_->stopped) {
      Close();
      return;
    }
    if (ec == beast::error::timeout) {
      if ((parser_->got_some() || buffer_.size() > 0) && state_->options.header_timeouts != nullptr) {
        state_->options.header_timeouts->Inc();
      }
      Close();
      return;
    }
    if (ec) {
      // Malformed or oversized requests get an answer; a peer that vanished
      // or timed out does not.
      if (IsHttpProtocolError(ec)) {
        Write(MakeResponse(http::status::bad_request, 11, "bad request: " + ec.message() + "\n"), false);
      } else {
        Close();
      }
      return;
    }
    ++requests_;
    const auto& req = parser_->get();
    const bool keep_alive = req.keep_alive() && requests_ < state_->options.max_requests_per_connection;
    Write(Handle(req), keep_alive);
  }

  Response Handle(const http::request<http::string_body>& req) {
    const unsigned version = req.version();
    if (req.method() != http::verb::get && req.method() != http::verb::head) {
      Response res = MakeResponse(http::status::method_not_allowed, version, "only GET and HEAD\n");
      res.set(http::field::allow, "GET, HEAD");
      return WithHeadRule(req, std::move(res));
    }
    std::string_view target(req.target().data(), req.target().size());
    std::string_view query;
    if (const size_t mark = target.find('?'); mark != std::string_view::npos) {
      query = target.substr(mark + 1);
      target = target.substr(0, mark);
    }
    if (state_->options.routes) {
      std::optional<HttpAnswer> answer;
      try {
        answer = state_->options.routes(target, query);
      } catch (const std::exception& e) {
        return MakeResponse(http::status::internal_server_error, version, std::string(e.what()) + "\n");
      }
      if (answer) {
        Response res = MakeResponse(static_cast<http::status>(answer->status), version, std::move(answer->body),
                                    answer->content_type);
        for (const auto& [name, value] : answer->headers) res.set(name, value);
        return WithHeadRule(req, std::move(res));
      }
    }

    if (target == "/metrics") {
      try {
        return WithHeadRule(req,
                            MakeResponse(http::status::ok, version, state_->render_metrics(), kPrometheusContentType));
      } catch (const std::exception& e) {
        return MakeResponse(http::status::internal_server_error, version, std::string(e.what()) + "\n");
      }
    }
    if (target == "/healthz") {
      const double age = std::chrono::duration<double>(std::chrono::steady_clock::now() - state_->last_tick).count();
      const bool stale = std::chrono::steady_clock::now() - state_->last_tick > state_->options.stale_after;
      const std::string body = fmt::format("{}\nlast_loop_tick_age_seconds {:.3f}\n", stale ? "stale" : "ok", age);
      return WithHeadRule(req,
                          MakeResponse(stale ? http::status::service_unavailable : http::status::ok, version, body));
    }
    if (target == "/readyz") {
      Readiness r;
      try {
        r = state_->readiness_check ? state_->readiness_check() : state_->readiness;
      } catch (const std::exception& e) {
        r = Readiness{false, std::string("readiness check failed: ") + e.what()};
      }
      return WithHeadRule(
          req, r.ready ? MakeResponse(http::status::ok, version, "ready\n")
                       : MakeResponse(http::status::service_unavailable, version, "not ready: " + r.reason + "\n"));
    }
    if (target == "/") {
      return WithHeadRule(req, MakeResponse(http::status::ok, version, "newsmon: /metrics /healthz /readyz\n"));
    }
    return WithHeadRule(req, MakeResponse(http::status::not_found, version, "not found\n"));
  }

  // HEAD answers carry GET's headers, including Content-Length, without the body.
  static Response WithHeadRule(const http::request<http::string_body>& req, Response res) {
    if (req.method() == http::verb::head) {
      const size_t length = res.body().size();
      res.body().clear();
      res.content_length(length);
    }
    return res;
  }

  void Write(Response res, bool keep_alive) {
    Enter(state_->answering);
    res.keep_alive(keep_alive);
    response_.emplace(std::move(res));
    stream_.expires_after(state_->options.write_timeout);
    http::async_write(stream_, *response_, [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
      if (ec || !keep_alive || self->state_->stopped) {
        self->Close();
        return;
      }
      self->response_.reset();
      self->Read();
    });
  }

  std::shared_ptr<detail::MetricsServerState> state_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;  // max size bounds how much of a request we hold
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<Response> response_;
  size_t requests_ = 0;
  bool closed_ = false;
  std::list<Session*>* list_ = nullptr;  // the state's list that holds this connection, if open
  std::list<Session*>::iterator position_;
};

namespace {

// Closes connections until one more fits: first those waiting longest for a
// request, which cost nothing to drop (a client that has sent no complete
// request has lost nothing it cannot resend), then the longest-running
// answer, which only happens when every slot holds a client that does not read.
void MakeRoom(detail::MetricsServerState& state) {
  while (state.open() >= state.options.max_connections && state.open() > 0) {
    Session* oldest = !state.waiting.empty() ? state.waiting.front() : state.answering.front();
    oldest->Close();
    if (state.options.connections_evicted != nullptr) state.options.connections_evicted->Inc();
  }
}

void Accept(const std::shared_ptr<detail::MetricsServerState>& state) {
  state->acceptor.async_accept(
      [weak = std::weak_ptr<detail::MetricsServerState>(state)](beast::error_code ec, tcp::socket socket) {
        auto state = weak.lock();
        if (!state || state->stopped || ec == asio::error::operation_aborted) return;
        if (ec) {
          // Usually EMFILE: back off instead of spinning on the loop thread.
          spdlog::warn("metrics server: accept failed: {}", ec.message());
          state->retry_timer.expires_after(std::chrono::milliseconds(200));
          state->retry_timer.async_wait([weak](beast::error_code timer_ec) {
            auto s = weak.lock();
            if (s && !timer_ec && !s->stopped) Accept(s);
          });
          return;
        }
        MakeRoom(*state);
        std::make_shared<Session>(state, std::move(socket))->Start();
        Accept(state);
      });
}

}  // namespace

Result<ListenAddress> ParseListenAddress(const std::string& listen) {
  const auto bad = [&](std::string_view why) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("metrics listen address '{}': {} (expected host:port or [v6]:port)", listen, why));
  };
  ListenAddress out;
  std::string_view port_text;
  if (listen.starts_with('[')) {
    const size_t close = listen.find(']');
    if (close == std::string::npos || close + 1 >= listen.size() || listen[close + 1] != ':') {
      return bad("unbalanced brackets");
    }
    out.host = listen.substr(1, close - 1);
    port_text = std::string_view(listen).substr(close + 2);
  } else {
    const size_t colon = listen.rfind(':');
    if (colon == std::string::npos) return bad("no port");
    out.host = listen.substr(0, colon);
    if (out.host.find(':') != std::string::npos) return bad("IPv6 addresses need brackets");
    port_text = std::string_view(listen).substr(colon + 1);
  }
  if (out.host.empty()) return bad("no host");
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return bad("bad port");
  }
  out.port = static_cast<uint16_t>(port);
  return out;
}

MetricsServer::MetricsServer(asio::io_context& io, MetricsServerOptions options,
                             std::function<std::string()> render_metrics)
    : state_(std::make_shared<detail::MetricsServerState>(io, std::move(options), std::move(render_metrics))) {}

MetricsServer::~MetricsServer() { Stop(); }

Status MetricsServer::Start() {
  if (state_->acceptor.is_open()) return MakeError(ErrorCode::kInternal, "metrics server already started");
  if (state_->options.max_connections == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "metrics server: max_connections must be at least 1");
  }
  auto address = ParseListenAddress(state_->options.listen);
  if (!address) return address.error();
  beast::error_code ec;
  tcp::resolver resolver(state_->io);
  const auto endpoints = resolver.resolve(address->host, std::to_string(address->port),
                                          tcp::resolver::numeric_service | tcp::resolver::passive, ec);
  if (ec) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("metrics listen address '{}': {}", state_->options.listen, ec.message()));
  }
  std::string last_error = "no address";
  for (const auto& entry : endpoints) {
    tcp::acceptor& acceptor = state_->acceptor;
    beast::error_code step;
    acceptor.open(entry.endpoint().protocol(), step);
    // SO_REUSEADDR lets a restart bind while old connections sit in TIME_WAIT;
    // on Linux it does not let two listeners share the port.
    if (!step) acceptor.set_option(tcp::acceptor::reuse_address(true), step);
    if (!step) acceptor.bind(entry.endpoint(), step);
    if (!step) acceptor.listen(asio::socket_base::max_listen_connections, step);
    if (!step) {
      state_->stopped = false;
      Accept(state_);
      spdlog::info("metrics server listening on {} (port {})", state_->options.listen, port());
      return Status::Ok();
    }
    last_error = fmt::format("{}: {}", entry.endpoint().address().to_string(), step.message());
    beast::error_code ignored;
    acceptor.close(ignored);
  }
  return MakeError(ErrorCode::kIo,
                   fmt::format("metrics server cannot listen on '{}': {}", state_->options.listen, last_error));
}

void MetricsServer::Stop() {
  state_->stopped = true;
  beast::error_code ignored;
  state_->acceptor.close(ignored);
  state_->retry_timer.cancel();
  // Close() takes each connection off its list, so take them from the front.
  while (!state_->waiting.empty()) state_->waiting.front()->Close();
  while (!state_->answering.empty()) state_->answering.front()->Close();
}

uint16_t MetricsServer::port() const {
  beast::error_code ec;
  const auto endpoint = state_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void MetricsServer::Tick() { state_->last_tick = std::chrono::steady_clock::now(); }

void MetricsServer::SetReady(bool ready, std::string reason) {
  state_->readiness = Readiness{ready, std::move(reason)};
}

void MetricsServer::SetReadinessCheck(std::function<Readiness()> check) { state_->readiness_check = std::move(check); }

}  // namespace newsmon::ops
