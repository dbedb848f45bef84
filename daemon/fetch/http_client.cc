// libcurl multi-socket integration with Boost.Asio.
//
// The rules that keep this free of the bugs of curl's old asiohiper.cpp:
//  * curl_multi_socket_action is only ever called from an asio handler
//    (socket readiness or the curl timer), never from inside a curl callback.
//    A timer callback asking for "0 ms" arms the asio timer to fire on the
//    next loop turn instead of calling back into curl.
//  * Each socket curl tells us about has a SocketState owned by sockets_;
//    pending waits hold only a weak_ptr to it, so a socket closed while a wait
//    is pending is never touched after it is gone.
//  * Waits are one-shot and re-armed after every event for as long as curl
//    still wants that direction. CURL_POLL_REMOVE cancels pending waits; an
//    aborted wait re-arms only if curl asked for the socket again meanwhile.
//  * Sockets for connections are opened and closed by us (OPENSOCKET /
//    CLOSESOCKET callbacks), so the descriptor is released from the reactor
//    before the fd number can be reused. Other sockets curl reports (the
//    threaded resolver's wake-up pipe) are released on CURL_POLL_REMOVE.
//  * Finished transfers are collected first and completed after
//    curl_multi_socket_action returned; user callbacks are posted, so they may
//    start new fetches or destroy the client.
#include "fetch/http_client.h"

#include <curl/curl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "fetch/curl_classify.h"
#include "fetch/host_limiter.h"
#include "fetch/http_parse.h"
#include "fetch/ssrf_guard.h"
#include "util/hash.h"
#include "util/time.h"

namespace newsmon {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct SocketState {
  SocketState(asio::io_context& io, curl_socket_t socket_fd, bool owned_by_us)
      : fd(socket_fd), owned(owned_by_us), descriptor(io) {}
  ~SocketState() {
    // The fd belongs to curl (or was closed by our close callback): never let
    // the descriptor close it.
    if (descriptor.is_open()) descriptor.release();
  }
  curl_socket_t fd;
  bool owned;  // opened by OpenSocket, closed by CloseSocket
  asio::posix::stream_descriptor descriptor;
  int want = 0;  // CURL_POLL_IN / OUT / INOUT
  bool read_pending = false;
  bool write_pending = false;
  bool gone = false;
};

}  // namespace

class HttpClient::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(asio::io_context& io, HttpClientOptions options)
      : io_(io),
        options_(std::move(options)),
        ssrf_{options_.allow_private_addresses, options_.allow_hosts},
        limiter_({options_.max_connections, options_.per_host_connections, options_.per_host_delay}),
        curl_timer_(io),
        pump_timer_(io) {
    GlobalInitOnce();
    multi_ = curl_multi_init();
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &Impl::SocketCallback);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &Impl::TimerCallback);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
    const long max_connections = std::max(1, options_.max_connections);
    curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, max_connections);
    // Keep as many idle connections as may be busy, so a polling cycle over
    // many hosts reuses them instead of reconnecting.
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, max_connections);
  }

  ~Impl() {
    for (auto& [id, t] : transfers_) {
      if (t->easy != nullptr) {
        curl_multi_remove_handle(multi_, t->easy);
        curl_easy_cleanup(t->easy);
      }
      curl_slist_free_all(t->headers);
    }
    transfers_.clear();
    for (CURL* easy : easy_pool_) curl_easy_cleanup(easy);
    // Closes cached connections through CloseSocket, which needs sockets_.
    curl_multi_cleanup(multi_);
    sockets_.clear();
  }

  void Start(FetchRequest request, DoneCallback done) {
    auto t = std::make_unique<Transfer>();
    t->id = next_id_++;
    t->result.queued_at = Clock::now();
    t->done = std::move(done);
    t->url = request.url;
    t->request = std::move(request);
    ++stats_.requests_started;
    ++pending_;
    Transfer& ref = *t;
    transfers_.emplace(ref.id, std::move(t));

    Result<UrlParts> parts = ParseUrlParts(ref.url);
    if (!parts) return Fail(ref, FetchErrorKind::kBadUrl, parts.error().message);
    if (parts->scheme == "file") {
      if (!ref.request.trusted) return Fail(ref, FetchErrorKind::kBadUrl, "file:// only for trusted feed URLs");
      ref.file = true;
    } else if (parts->scheme != "http" && parts->scheme != "https") {
      return Fail(ref, FetchErrorKind::kBadUrl, "scheme not allowed: " + parts->scheme);
    }
    ref.trusted_host = parts->host;
    ref.visited.insert(ref.url);
    Enqueue(ref, *parts);
    Pump();
  }

  void Drain() {
    int idle_rounds = 0;
    while (pending_ > 0) {
      if (io_.stopped()) io_.restart();
      if (io_.run_one() == 0) {
        // Nothing left to wait on yet fetches are pending: a bug, but never hang.
        if (++idle_rounds > 2) {
          FailAllPending("event loop ran out of work");
          io_.restart();
          io_.poll();
          return;
        }
      } else {
        idle_rounds = 0;
      }
    }
  }

  size_t pending() const { return pending_; }

  HttpClientStats stats() const {
    HttpClientStats s = stats_;
    s.queued = limiter_.queued();
    s.active = static_cast<size_t>(limiter_.active());
    return s;
  }

 private:
  struct Transfer {
    Impl* impl = nullptr;
    uint64_t id = 0;
    FetchRequest request;
    DoneCallback done;
    std::string url;  // of the current hop
    std::string host_key;
    std::string trusted_host;  // the operator-given URL's host; hops elsewhere are guarded
    bool file = false;
    bool guarded = true;  // the SSRF guard applies to this hop
    std::unordered_set<std::string> visited;
    CURL* easy = nullptr;
    curl_slist* headers = nullptr;
    ResponseHeaders hop_headers;
    bool headers_done = false;  // the current response's blank line was seen
    std::string body;
    bool too_large = false;
    bool started = false;
    std::string blocked_reason;
    char errbuf[CURL_ERROR_SIZE] = {};
    FetchResult result;
  };

  // ---- politeness queue -------------------------------------------------

  void Enqueue(Transfer& t, const UrlParts& parts) {
    t.host_key = t.file ? std::string("file") : parts.HostKey();
    // Trust is for the operator-written URL's host; a redirect elsewhere
    // (say to 169.254.169.254) is treated like a link found in a feed.
    t.guarded =
        !ssrf_.allow_private && !ssrf_.HostExempt(parts.host) && !(t.request.trusted && parts.host == t.trusted_host);
    limiter_.Enqueue(t.host_key, t.id);
  }

  void Pump() {
    const Clock::time_point now = Clock::now();
    for (uint64_t id : limiter_.TakeReady(now)) {
      auto it = transfers_.find(id);
      if (it == transfers_.end()) continue;
      StartHop(*it->second, now);
    }
    if (auto wake = limiter_.NextWakeup()) {
      if (!pump_armed_ || *wake < pump_at_) {
        pump_armed_ = true;
        pump_at_ = *wake;
        pump_timer_.expires_at(*wake);
        pump_timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
          if (ec == asio::error::operation_aborted) return;
          auto self = weak.lock();
          if (!self) return;
          self->pump_armed_ = false;
          self->Pump();
        });
      }
    }
  }

  // ---- one hop ----------------------------------------------------------

  void StartHop(Transfer& t, Clock::time_point now) {
    if (!t.started) {
      t.started = true;
      t.result.started_at = now;
    }
    ++stats_.hops_started;
    t.body.clear();
    t.too_large = false;
    t.blocked_reason.clear();
    t.hop_headers = ResponseHeaders{};
    t.headers_done = false;
    t.errbuf[0] = '\0';
    if (easy_pool_.empty()) {
      t.easy = curl_easy_init();
    } else {
      t.easy = easy_pool_.back();
      easy_pool_.pop_back();
    }
    if (t.easy == nullptr) return FinishHop(t, FetchErrorKind::kInternal, "curl_easy_init failed");
    t.impl = this;
    CURL* e = t.easy;
    curl_easy_setopt(e, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(e, CURLOPT_URL, t.url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, t.file ? "file" : "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PROXY, "");  // no proxy from the environment: the guard must see real peers
    curl_easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // everything this libcurl decodes
    curl_easy_setopt(
        e, CURLOPT_HTTP_VERSION,
        options_.http2 ? static_cast<long>(CURL_HTTP_VERSION_2TLS) : static_cast<long>(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);  // prefer multiplexing on an HTTP/2 connection over a new one
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_limit);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, std::max<long>(1, static_cast<long>(options_.low_speed_time.count())));
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_body_bytes));
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Impl::WriteCallback);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Impl::HeaderCallback);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t.errbuf);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &Impl::OpenSocket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, &t);
    // Connections outlive transfers (connection cache): the close callback
    // must not point at the transfer.
    curl_easy_setopt(e, CURLOPT_CLOSESOCKETFUNCTION, &Impl::CloseSocket);
    curl_easy_setopt(e, CURLOPT_CLOSESOCKETDATA, this);
    if (t.headers == nullptr) {
      if (!t.request.etag.empty()) {
        t.headers = curl_slist_append(t.headers, ("If-None-Match: " + t.request.etag).c_str());
      }
      if (!t.request.last_modified.empty()) {
        t.headers = curl_slist_append(t.headers, ("If-Modified-Since: " + t.request.last_modified).c_str());
      }
    }
    if (t.headers != nullptr) curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers);
    const CURLMcode rc = curl_multi_add_handle(multi_, e);
    if (rc != CURLM_OK) return FinishHop(t, FetchErrorKind::kInternal, curl_multi_strerror(rc));
  }

  // Ends the current hop: releases the easy handle and the politeness slot.
  // With an error kind the whole fetch fails.
  void FinishHop(Transfer& t, FetchErrorKind kind, const std::string& detail) {
    ReleaseEasy(t);
    limiter_.Finished(t.host_key);
    if (kind != FetchErrorKind::kNone) Fail(t, kind, detail);
  }

  void ReleaseEasy(Transfer& t) {
    if (t.easy == nullptr) return;
    curl_multi_remove_handle(multi_, t.easy);
    curl_easy_reset(t.easy);
    if (easy_pool_.size() < static_cast<size_t>(std::max(1, options_.max_connections))) {
      easy_pool_.push_back(t.easy);
    } else {
      curl_easy_cleanup(t.easy);
    }
    t.easy = nullptr;
  }

  void OnHopDone(Transfer& t, CURLcode rc) {
    long status = 0;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
    long os_errno = 0;
    curl_easy_getinfo(t.easy, CURLINFO_OS_ERRNO, &os_errno);
    char* redirect_url = nullptr;
    curl_easy_getinfo(t.easy, CURLINFO_REDIRECT_URL, &redirect_url);
    const std::string next = redirect_url != nullptr ? redirect_url : "";
    const std::string hop_url = t.url;

    if (t.too_large) {
      return FinishHop(t, FetchErrorKind::kTooLarge,
                       "body larger than " + std::to_string(options_.max_body_bytes) + " bytes: " + hop_url);
    }
    // Only when the connect failed: with several addresses (IPv6 and IPv4),
    // one may be refused while another, public one, serves the request.
    if (!t.blocked_reason.empty() && rc != CURLE_OK) {
      return FinishHop(t, FetchErrorKind::kBlockedBySsrf, t.blocked_reason + " (" + hop_url + ")");
    }
    if (rc != CURLE_OK) {
      const CurlFailure failure = ClassifyCurlFailure(static_cast<int>(rc), os_errno, t.errbuf, t.headers_done);
      return FinishHop(t, failure.kind, failure.detail + " (" + hop_url + ")");
    }
    FinishHop(t, FetchErrorKind::kNone, "");
    FetchResponse& response = t.result.response;
    if (t.file) status = 200;

    if (!t.file && IsRedirectStatus(static_cast<int>(status))) {
      return FollowRedirect(t, static_cast<int>(status), next);
    }

    const Timestamp now = Now();
    response.status = static_cast<int>(status);
    response.content_type = t.hop_headers.content_type;
    response.etag = t.hop_headers.etag;
    response.last_modified = t.hop_headers.last_modified;
    response.effective_url = hop_url;
    if (!t.hop_headers.retry_after.empty()) {
      // Relative to the server's clock when it sent one: the HTTP-date form is
      // meant against the server's Date, and local clock skew must not shorten it.
      const Timestamp reference = ParseHttpDate(t.hop_headers.date).value_or(now);
      response.retry_after = ParseRetryAfter(t.hop_headers.retry_after, reference);
    }
    response.max_age = FreshnessLifetime(t.hop_headers, now);
    response.body = std::move(t.body);
    if (response.status != 304) response.body_hash = StableId({response.body});
    Complete(t);
  }

  void FollowRedirect(Transfer& t, int status, const std::string& next) {
    FetchResponse& response = t.result.response;
    response.redirects.push_back({t.url, status});
    if (next.empty()) {
      return Fail(t, FetchErrorKind::kBadRedirect, std::to_string(status) + " without Location (" + t.url + ")");
    }
    // The address to adopt is where the chain of permanent hops from the
    // original URL ends; a temporary hop on the way stops it.
    bool all_permanent = true;
    for (const RedirectHop& hop : response.redirects)
      all_permanent = all_permanent && IsPermanentRedirectStatus(hop.status);
    if (all_permanent) response.permanent_redirect = next;
    Result<UrlParts> parts = ParseUrlParts(next);
    if (!parts) return Fail(t, FetchErrorKind::kBadRedirect, "bad Location " + next);
    if (parts->scheme != "http" && parts->scheme != "https") {
      return Fail(t, FetchErrorKind::kBadRedirect, "redirect to a non-http(s) URL: " + next);
    }
    if (!t.visited.insert(next).second) {
      return Fail(t, FetchErrorKind::kRedirectLoop, "redirect loop back to " + next);
    }
    if (static_cast<int>(response.redirects.size()) > options_.max_redirects) {
      return Fail(t, FetchErrorKind::kTooManyRedirects,
                  "more than " + std::to_string(options_.max_redirects) + " redirects, last to " + next);
    }
    t.url = next;
    Enqueue(t, *parts);
  }

  void Fail(Transfer& t, FetchErrorKind kind, std::string message) {
    t.result.error = kind;
    t.result.message = std::move(message);
    ++stats_.failed;
    Complete(t);
  }

  // Hands the result to the caller on a later loop turn and forgets the transfer.
  void Complete(Transfer& t) {
    ReleaseEasy(t);
    curl_slist_free_all(t.headers);
    t.headers = nullptr;
    t.result.finished_at = Clock::now();
    ++stats_.completed;
    asio::post(io_, [weak = weak_from_this(), done = std::move(t.done), result = std::move(t.result)]() mutable {
      auto self = weak.lock();
      if (!self) return;  // the client is gone: its fetches are dropped
      --self->pending_;
      self.reset();
      done(std::move(result));
    });
    const uint64_t id = t.id;  // not a reference into the node being erased
    transfers_.erase(id);
  }

  void FailAllPending(const std::string& why) {
    std::vector<uint64_t> ids;
    for (auto& [id, t] : transfers_) ids.push_back(id);
    for (uint64_t id : ids) {
      auto it = transfers_.find(id);
      if (it == transfers_.end()) continue;
      Transfer& t = *it->second;
      if (t.easy != nullptr) {
        FinishHop(t, FetchErrorKind::kInternal, why);
      } else {
        limiter_.Cancel(t.host_key, t.id);
        Fail(t, FetchErrorKind::kInternal, why);
      }
    }
  }

  // ---- driving curl -----------------------------------------------------

  void Action(curl_socket_t fd, int events) {
    int running = 0;
    curl_multi_socket_action(multi_, fd, events, &running);
    ProcessDone();
    Pump();
  }

  void ProcessDone() {
    // Collect first: the messages die with remove_handle.
    std::vector<std::pair<Transfer*, CURLcode>> done;
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Transfer* t = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
      if (t != nullptr) done.emplace_back(t, msg->data.result);
    }
    for (auto& [t, rc] : done) OnHopDone(*t, rc);
  }

  void Arm(const std::shared_ptr<SocketState>& s) {
    if (s->gone) return;
    if ((s->want & CURL_POLL_IN) != 0 && !s->read_pending) {
      s->read_pending = true;
      s->descriptor.async_wait(asio::posix::stream_descriptor::wait_read,
                               [this, weak = std::weak_ptr<SocketState>(s)](const boost::system::error_code& ec) {
                                 OnReady(weak, CURL_CSELECT_IN, ec);
                               });
    }
    if ((s->want & CURL_POLL_OUT) != 0 && !s->write_pending) {
      s->write_pending = true;
      s->descriptor.async_wait(asio::posix::stream_descriptor::wait_write,
                               [this, weak = std::weak_ptr<SocketState>(s)](const boost::system::error_code& ec) {
                                 OnReady(weak, CURL_CSELECT_OUT, ec);
                               });
    }
  }

  // `this` is valid whenever the SocketState is: sockets_ owns every state
  // and dies with the Impl, so an expired weak_ptr is checked first.
  void OnReady(const std::weak_ptr<SocketState>& weak, int direction, const boost::system::error_code& ec) {
    std::shared_ptr<SocketState> s = weak.lock();
    if (!s) return;
    if (direction == CURL_CSELECT_IN) {
      s->read_pending = false;
    } else {
      s->write_pending = false;
    }
    if (s->gone) return;
    if (ec == asio::error::operation_aborted) {
      Arm(s);  // cancelled by CURL_POLL_REMOVE; curl may have asked again since
      return;
    }
    const int wanted = direction == CURL_CSELECT_IN ? CURL_POLL_IN : CURL_POLL_OUT;
    if ((s->want & wanted) == 0) return;  // interest moved on while the wait was pending
    Action(s->fd, ec ? CURL_CSELECT_ERR : direction);
    Arm(s);
  }

  void OnCurlTimer() { Action(CURL_SOCKET_TIMEOUT, 0); }

  // ---- curl callbacks: record and arm only, never call back into curl ----

  static int SocketCallback(CURL* /*easy*/, curl_socket_t fd, int what, void* userp, void* /*socketp*/) {
    auto* self = static_cast<Impl*>(userp);
    auto it = self->sockets_.find(fd);
    if (what == CURL_POLL_REMOVE) {
      if (it == self->sockets_.end()) return 0;
      std::shared_ptr<SocketState> s = it->second;
      s->want = 0;
      boost::system::error_code ignored;
      s->descriptor.cancel(ignored);
      if (!s->owned) {
        // curl closes this fd itself; take it out of the reactor first.
        s->gone = true;
        s->descriptor.release();
        self->sockets_.erase(it);
      }
      return 0;
    }
    if (it == self->sockets_.end()) {
      auto s = std::make_shared<SocketState>(self->io_, fd, false);
      boost::system::error_code ec;
      s->descriptor.assign(fd, ec);
      if (ec) return -1;
      it = self->sockets_.emplace(fd, std::move(s)).first;
    }
    it->second->want = what;
    self->Arm(it->second);
    return 0;
  }

  static int TimerCallback(CURLM* /*multi*/, long timeout_ms, void* userp) {
    auto* self = static_cast<Impl*>(userp);
    if (timeout_ms < 0) {
      self->curl_timer_.cancel();
      return 0;
    }
    // Even for 0 ms: fire from the loop, never recurse into curl from here.
    self->curl_timer_.expires_after(std::chrono::milliseconds(timeout_ms));
    self->curl_timer_.async_wait([weak = self->weak_from_this()](const boost::system::error_code& ec) {
      if (ec == asio::error::operation_aborted) return;
      if (auto s = weak.lock()) s->OnCurlTimer();
    });
    return 0;
  }

  static curl_socket_t OpenSocket(void* clientp, curlsocktype purpose, curl_sockaddr* address) {
    auto* t = static_cast<Transfer*>(clientp);
    Impl* self = t->impl;
    if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
    if (t->guarded) {
      if (auto why = ForbiddenAddressReason(&address->addr, address->addrlen)) {
        t->blocked_reason = "refused to connect to a " + std::string(*why) + " address";
        ++self->stats_.ssrf_refusals;
        return CURL_SOCKET_BAD;
      }
    }
    const curl_socket_t fd = ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
    if (fd == CURL_SOCKET_BAD) return CURL_SOCKET_BAD;
    // A stale entry can only exist if curl closed an fd without telling us.
    if (auto old = self->sockets_.find(fd); old != self->sockets_.end()) {
      old->second->gone = true;
      self->sockets_.erase(old);
    }
    auto s = std::make_shared<SocketState>(self->io_, fd, true);
    boost::system::error_code ec;
    s->descriptor.assign(fd, ec);
    if (ec) {
      ::close(fd);
      return CURL_SOCKET_BAD;
    }
    self->sockets_.emplace(fd, std::move(s));
    ++self->stats_.sockets_opened;
    return fd;
  }

  static int CloseSocket(void* clientp, curl_socket_t fd) {
    auto* self = static_cast<Impl*>(clientp);
    if (auto it = self->sockets_.find(fd); it != self->sockets_.end()) {
      std::shared_ptr<SocketState> s = it->second;
      s->gone = true;
      s->want = 0;
      boost::system::error_code ignored;
      s->descriptor.cancel(ignored);
      s->descriptor.release();
      self->sockets_.erase(it);
    }
    ++self->stats_.sockets_closed;
    return ::close(fd);
  }

  static size_t WriteCallback(char* data, size_t size, size_t n, void* userp) {
    auto* t = static_cast<Transfer*>(userp);
    const size_t len = size * n;
    // Counted after decompression: a gzip bomb stops at the cap.
    if (static_cast<int64_t>(t->body.size() + len) > t->impl->options_.max_body_bytes) {
      t->too_large = true;
      return 0;
    }
    t->body.append(data, len);
    return len;
  }

  static size_t HeaderCallback(char* data, size_t size, size_t n, void* userp) {
    auto* t = static_cast<Transfer*>(userp);
    const std::string_view line(data, size * n);
    // Tells the classifier whether a failure came while headers were arriving
    // (a 1xx response's blank line is followed by the next status line).
    if (line.starts_with("HTTP/")) {
      t->headers_done = false;
    } else if (line == "\r\n" || line == "\n") {
      t->headers_done = true;
    }
    t->hop_headers.AddLine(line);
    return size * n;
  }

  asio::io_context& io_;
  HttpClientOptions options_;
  SsrfPolicy ssrf_;
  HostLimiter limiter_;
  CURLM* multi_ = nullptr;
  asio::steady_timer curl_timer_;
  asio::steady_timer pump_timer_;
  bool pump_armed_ = false;
  Clock::time_point pump_at_;
  std::unordered_map<curl_socket_t, std::shared_ptr<SocketState>> sockets_;
  std::unordered_map<uint64_t, std::unique_ptr<Transfer>> transfers_;
  std::vector<CURL*> easy_pool_;
  uint64_t next_id_ = 1;
  size_t pending_ = 0;
  HttpClientStats stats_;
};

HttpClient::HttpClient(asio::io_context& io, HttpClientOptions options)
    : impl_(std::make_shared<Impl>(io, std::move(options))) {}

HttpClient::~HttpClient() = default;

void HttpClient::Start(FetchRequest request, DoneCallback done) { impl_->Start(std::move(request), std::move(done)); }

void HttpClient::Fetch(FetchRequest request, Callback done) {
  impl_->Start(std::move(request), [done = std::move(done)](FetchResult r) { done(std::move(r).ToResult()); });
}

void HttpClient::Drain() { impl_->Drain(); }

size_t HttpClient::pending() const { return impl_->pending(); }

HttpClientStats HttpClient::stats() const { return impl_->stats(); }

}  // namespace newsmon
