// Fetch benchmark: 10,000 feeds on 128 loopback hosts (127.0.0.1 ..
// 127.0.0.128, one port), mostly 304. Measures the HttpClient's wall time per
// polling cycle, requests per second, CPU seconds per 1,000 polls (getrusage
// of the loop thread), peak RSS, and scheduling lag when polls are planned
// uniformly over a window; and, in the same run, curl's command-line client
// (`curl --parallel --parallel-max 256 -K config`) fetching the same URLs as
// the reference (CPU from wait4 of the child).
//
//   bench/fetch_bench.sh build-fetch       # runs this and prints the summary
//   build-fetch/bench/fetch_bench --benchmark_counters_tabular=true
//
// The server is one epoll thread answering from a table: cheap enough not to
// dominate, and identical for both clients. Environment knobs:
// FETCH_BENCH_FEEDS (10000), FETCH_BENCH_HOSTS (128), FETCH_BENCH_CHANGED_PCT (10),
// FETCH_BENCH_WINDOW_MS (5000, paced run).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spawn.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "fetch/http_client.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::atoi(v) : fallback;
}

const int kFeeds = EnvInt("FETCH_BENCH_FEEDS", 10000);
const int kHosts = std::clamp(EnvInt("FETCH_BENCH_HOSTS", 128), 1, 250);
const int kChangedPercent = EnvInt("FETCH_BENCH_CHANGED_PCT", 10);
const int kWindowMs = EnvInt("FETCH_BENCH_WINDOW_MS", 5000);

// ---- the loopback server ---------------------------------------------------

class FeedServer {
 public:
  FeedServer() {
    body_ = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>bench</title>";
    for (int i = 0; i < 20; ++i) {
      body_ += "<item><title>Item " + std::to_string(i) + "</title><link>http://example.invalid/" + std::to_string(i) +
               "</link><description>" + std::string(120, 'x') + "</description></item>";
    }
    body_ += "</channel></rss>";
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    for (int attempt = 0; attempt < 20 && listeners_.empty(); ++attempt) Listen();
    if (listeners_.empty()) {
      std::fprintf(stderr, "fetch_bench: cannot listen on 127.0.0.1..127.0.0.%d\n", kHosts);
      std::abort();
    }
    thread_ = std::thread([this] { Run(); });
  }
  ~FeedServer() {
    stop_ = true;
    thread_.join();
    for (auto& [fd, c] : conns_) ::close(fd);
    for (int fd : listeners_) ::close(fd);
    ::close(epoll_);
  }

  int port() const { return port_; }
  std::string Url(int feed) const {
    return "http://127.0.0." + std::to_string(1 + feed % kHosts) + ":" + std::to_string(port_) + "/f/" +
           std::to_string(feed);
  }
  static bool Changed(int feed) { return (feed * 7919) % 100 < kChangedPercent; }
  uint64_t count_200() const { return ok_.load(); }
  uint64_t count_304() const { return not_modified_.load(); }
  void ResetCounts() {
    ok_ = 0;
    not_modified_ = 0;
  }
  // CPU seconds the server thread used so far.
  double CpuSeconds() const { return cpu_.load(); }

 private:
  struct Conn {
    std::string in;
  };

  void Listen() {
    std::vector<int> fds;
    int port = 0;
    for (int h = 1; h <= kHosts; ++h) {
      const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      int one = 1;
      setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(0x7f000000u | static_cast<uint32_t>(h));
      a.sin_port = htons(static_cast<uint16_t>(port));
      if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, 4096) != 0) {
        ::close(fd);
        for (int f : fds) ::close(f);
        return;  // port taken on some address: try another
      }
      if (port == 0) {
        socklen_t len = sizeof a;
        getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
        port = ntohs(a.sin_port);
      }
      fds.push_back(fd);
    }
    for (int fd : fds) {
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.fd = fd;
      epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev);
    }
    listeners_ = fds;
    port_ = port;
  }

  bool IsListener(int fd) const { return std::find(listeners_.begin(), listeners_.end(), fd) != listeners_.end(); }

  void Run() {
    epoll_event events[256];
    while (!stop_.load()) {
      const int n = epoll_wait(epoll_, events, 256, 50);
      for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (IsListener(fd)) {
          for (;;) {
            const int c = ::accept4(fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (c < 0) break;
            int one = 1;
            setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLRDHUP;
            ev.data.fd = c;
            epoll_ctl(epoll_, EPOLL_CTL_ADD, c, &ev);
            conns_[c];
          }
          continue;
        }
        Serve(fd);
      }
      rusage ru{};
      getrusage(RUSAGE_THREAD, &ru);
      cpu_ = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
             static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    }
  }

  void Close(int fd) {
    epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
    ::close(fd);
    conns_.erase(fd);
  }

  void Serve(int fd) {
    auto it = conns_.find(fd);
    if (it == conns_.end()) return;
    std::string& in = it->second.in;
    char buf[8192];
    for (;;) {
      const ssize_t got = ::recv(fd, buf, sizeof buf, 0);
      if (got > 0) {
        in.append(buf, static_cast<size_t>(got));
        if (in.size() > (1 << 20)) return Close(fd);
        continue;
      }
      if (got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return Close(fd);
      break;
    }
    std::string out;
    size_t end;
    while ((end = in.find("\r\n\r\n")) != std::string::npos) {
      const std::string_view head(in.data(), end);
      int feed = 0;
      const size_t path = head.find("/f/");
      if (path != std::string_view::npos) feed = std::atoi(head.data() + path + 3);
      const std::string etag = Changed(feed) ? "\"v2\"" : "\"v1\"";
      const bool match = head.find("If-None-Match: " + etag) != std::string_view::npos ||
                         head.find("if-none-match: " + etag) != std::string_view::npos;
      if (match) {
        out += "HTTP/1.1 304 Not Modified\r\nETag: " + etag + "\r\n\r\n";
        ++not_modified_;
      } else {
        out += "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag: " + etag +
               "\r\nContent-Length: " + std::to_string(body_.size()) + "\r\n\r\n" + body_;
        ++ok_;
      }
      in.erase(0, end + 4);
    }
    size_t sent = 0;
    while (sent < out.size()) {
      // Responses are small and loopback buffers large; a blocked write is rare
      // enough that polling for it is fine in a benchmark server.
      const ssize_t w = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
      if (w > 0) {
        sent += static_cast<size_t>(w);
      } else if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        std::this_thread::yield();
      } else {
        return Close(fd);
      }
    }
  }

  std::string body_;
  int epoll_ = -1;
  int port_ = 0;
  std::vector<int> listeners_;
  std::unordered_map<int, Conn> conns_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> ok_{0};
  std::atomic<uint64_t> not_modified_{0};
  std::atomic<double> cpu_{0};
};

FeedServer& Server() {
  static FeedServer server;
  return server;
}

// ---- measurements -----------------------------------------------------------

double Seconds(const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6; }

double ThreadCpu() {
  rusage ru{};
  getrusage(RUSAGE_THREAD, &ru);
  return Seconds(ru.ru_utime) + Seconds(ru.ru_stime);
}

long StatusKb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::strlen(field));
  }
  return 0;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
  return v[i];
}

struct CycleResult {
  double wall = 0;
  double cpu = 0;
  int ok = 0;
  int failed = 0;
  std::vector<double> lag_ms;  // started_at - planned
  std::string first_error;
};

// One polling cycle over all feeds on a dedicated loop thread; feed i is
// planned at start + i * window / feeds (window 0: all at once).
CycleResult RunCycle(newsmon::HttpClient& client, boost::asio::io_context& io, std::chrono::milliseconds window) {
  CycleResult r;
  r.lag_ms.resize(static_cast<size_t>(kFeeds));
  std::thread loop([&] {
    const double cpu0 = ThreadCpu();
    const Clock::time_point start = Clock::now();
    auto planned = [&](int i) { return start + window * i / kFeeds; };
    int next = 0;
    int done = 0;
    boost::asio::steady_timer timer(io);
    std::function<void()> dispatch = [&] {
      const Clock::time_point now = Clock::now();
      for (; next < kFeeds && planned(next) <= now; ++next) {
        newsmon::FetchRequest req;
        req.url = Server().Url(next);
        req.etag = "\"v1\"";
        req.trusted = true;
        const Clock::time_point plan = planned(next);
        const size_t slot = static_cast<size_t>(next);
        client.Start(std::move(req), [&, plan, slot](newsmon::FetchResult f) {
          r.lag_ms[slot] = std::chrono::duration<double, std::milli>(f.started_at - plan).count();
          if (f.ok()) {
            ++r.ok;
          } else {
            if (r.failed++ == 0) r.first_error = f.message;
          }
          ++done;
        });
      }
      if (next < kFeeds) {
        timer.expires_at(planned(next));
        timer.async_wait([&](const boost::system::error_code& ec) {
          if (!ec) dispatch();
        });
      }
    };
    dispatch();
    while (done < kFeeds) io.run_one();
    r.wall = std::chrono::duration<double>(Clock::now() - start).count();
    r.cpu = ThreadCpu() - cpu0;
  });
  loop.join();
  io.restart();
  return r;
}

newsmon::HttpClientOptions BenchOptions() {
  newsmon::HttpClientOptions o;
  o.max_connections = 256;
  o.per_host_connections = 2;
  o.allow_private_addresses = true;
  o.connect_timeout = std::chrono::milliseconds(5000);
  o.total_timeout = std::chrono::milliseconds(30000);
  return o;
}

double g_curl_cpu_per_1000 = 0;

void Report(benchmark::State& state, const CycleResult& r, double server_cpu) {
  state.counters["feeds"] = kFeeds;
  state.counters["hosts"] = kHosts;
  state.counters["failed"] = r.failed;
  state.counters["wall_s"] = r.wall;
  state.counters["req_per_s"] = r.wall > 0 ? kFeeds / r.wall : 0;
  state.counters["cpu_s_per_1000"] = r.cpu * 1000.0 / kFeeds;
  state.counters["server_cpu_s_per_1000"] = server_cpu * 1000.0 / kFeeds;
  state.counters["lag_p50_ms"] = Percentile(r.lag_ms, 0.5);
  state.counters["lag_p99_ms"] = Percentile(r.lag_ms, 0.99);
  state.counters["lag_max_ms"] = Percentile(r.lag_ms, 1.0);
  state.counters["peak_rss_mb"] = static_cast<double>(StatusKb("VmHWM:")) / 1024.0;
  state.counters["rss_mb"] = static_cast<double>(StatusKb("VmRSS:")) / 1024.0;
  state.counters["count_200"] = static_cast<double>(Server().count_200());
  state.counters["count_304"] = static_cast<double>(Server().count_304());
  if (g_curl_cpu_per_1000 > 0) state.counters["cpu_vs_curl_cli"] = r.cpu * 1000.0 / kFeeds / g_curl_cpu_per_1000;
  if (r.failed > 0) state.SetLabel("first error: " + r.first_error);
}

// ---- curl CLI reference -----------------------------------------------------

void BM_CurlCliCycle(benchmark::State& state) {
  FeedServer& server = Server();
  const std::string config = "/tmp/fetch_bench_curl_" + std::to_string(::getpid()) + ".cfg";
  {
    std::ofstream out(config);
    for (int i = 0; i < kFeeds; ++i) out << "url = \"" << server.Url(i) << "\"\n";
  }
  for ([[maybe_unused]] auto _ : state) {
    server.ResetCounts();
    const double server_cpu0 = server.CpuSeconds();
    const std::vector<std::string> args = {
        "curl",      "--silent", "--parallel", "--parallel-max", "256", "--header", "If-None-Match: \"v1\"",
        "--noproxy", "*",        "--output",   "/dev/null",      "-K",  config};
    // --output applies to the first URL only; the rest go to stdout, which is /dev/null.
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const Clock::time_point start = Clock::now();
    pid_t pid = 0;
    if (posix_spawnp(&pid, "curl", &actions, nullptr, argv.data(), environ) != 0) {
      state.SkipWithError("cannot run curl");
      return;
    }
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    posix_spawn_file_actions_destroy(&actions);
    CycleResult r;
    r.wall = std::chrono::duration<double>(Clock::now() - start).count();
    r.cpu = Seconds(ru.ru_utime) + Seconds(ru.ru_stime);
    r.ok = static_cast<int>(server.count_200() + server.count_304());
    r.failed = kFeeds - r.ok;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) r.first_error = "curl exit " + std::to_string(status);
    g_curl_cpu_per_1000 = r.cpu * 1000.0 / kFeeds;
    Report(state, r, server.CpuSeconds() - server_cpu0);
    state.counters["curl_max_rss_mb"] = static_cast<double>(ru.ru_maxrss) / 1024.0;
  }
  std::remove(config.c_str());
}

// ---- HttpClient -------------------------------------------------------------

// Back-to-back cycles with all polls due at once: the first opens the
// connections, later ones reuse them.
void BM_HttpClientCycle(benchmark::State& state) {
  FeedServer& server = Server();
  // Shared across repetitions: repetition 1 is cold (connects), later ones warm.
  static boost::asio::io_context io;
  static auto client = std::make_unique<newsmon::HttpClient>(io, BenchOptions());  // destroyed before io
  static int cycle = 0;
  for ([[maybe_unused]] auto _ : state) {
    server.ResetCounts();
    const double server_cpu0 = server.CpuSeconds();
    const CycleResult r = RunCycle(*client, io, std::chrono::milliseconds(0));
    Report(state, r, server.CpuSeconds() - server_cpu0);
    state.counters["cycle"] = ++cycle;
    state.counters["sockets_opened"] = static_cast<double>(client->stats().sockets_opened);
  }
}

// Polls planned uniformly over the window, as the scheduler does: lag is
// actual start (after the politeness queue) minus planned time.
void BM_HttpClientPaced(benchmark::State& state) {
  FeedServer& server = Server();
  boost::asio::io_context io;
  newsmon::HttpClient client(io, BenchOptions());
  for ([[maybe_unused]] auto _ : state) {
    server.ResetCounts();
    const double server_cpu0 = server.CpuSeconds();
    const CycleResult r = RunCycle(client, io, std::chrono::milliseconds(kWindowMs));
    Report(state, r, server.CpuSeconds() - server_cpu0);
  }
}

BENCHMARK(BM_CurlCliCycle)->Iterations(1)->Repetitions(3)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HttpClientCycle)->Iterations(1)->Repetitions(3)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HttpClientPaced)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
