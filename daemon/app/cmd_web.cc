// `newsmon web`: the desk. A reader of the stories and quotes topics feeds a
// DeskModel; the operations HTTP server (Beast, one thread) serves the page,
// its script and style, and /api/desk, beside /healthz and /metrics.
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <cctype>
#include <functional>
#include <iostream>
#include <thread>

#include "app/commands.h"
#include "config/config.h"
#include "desk/assets.h"
#include "desk/desk_model.h"
#include "emit/kafka.h"
#include "ops/logging.h"
#include "ops/metrics.h"
#include "ops/metrics_server.h"
#include "util/time.h"

namespace newsmon {
namespace {

// The page may load nothing from elsewhere and run no inline script.
const std::vector<std::pair<std::string, std::string>> kPageHeaders = {
    {"Content-Security-Policy",
     "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
     "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"}};

std::string PercentDecode(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%' && i + 2 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

desk::DeskFilter FilterFromQuery(std::string_view query) {
  desk::DeskFilter filter;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const size_t eq = pair.find('=');
    const std::string_view name = pair.substr(0, eq);
    const std::string value = eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1));
    if (name == "topic") filter.topic = value;
    if (name == "leader") filter.leader = value;
    if (name == "new_only") filter.new_only = value == "1" || value == "true";
  }
  return filter;
}

ops::HttpAnswer Asset(std::string_view body, const char* type) { return {200, type, std::string(body), kPageHeaders}; }

}  // namespace

int WebCommand(const WebOptions& options) {
  ops::SetUpLogging("warn");
  std::string brokers = options.brokers;
  std::string stories_topic = "newsmon.stories.v1";
  std::string quotes_topic = "newsmon.quotes.v1";
  if (!options.config_file.empty()) {
    auto config = LoadConfig(options.config_file);
    if (!config) {
      std::cerr << "web: " << config.error().message << "\n";
      return 1;
    }
    stories_topic = (*config)->kafka.stories_topic;
    quotes_topic = (*config)->kafka.quotes_topic;
    if (brokers.empty() && !(*config)->kafka.embedded()) brokers = (*config)->kafka.brokers;
  }
  if (brokers.empty()) {
    std::cerr << "web: give --brokers, or --config with kafka.brokers\n";
    return 2;
  }
  const auto window = ParseDuration(options.since);
  if (!window) {
    std::cerr << "web: --since must be a duration like 7d, 12h or 30m, found '" << options.since << "'\n";
    return 2;
  }
  const Timestamp since = Now() - *window;

  boost::asio::io_context io;
  desk::DeskModel model;
  std::string kafka_status = "connecting to " + brokers;
  ops::MetricsRegistry registry;
  auto& events = registry.AddCounter("newsmon_desk_events_total", "Events read from Kafka by the desk.", {"type"});
  auto& undecodable = registry.AddGauge("newsmon_desk_undecodable_events", "Events the desk could not decode.");

  ops::MetricsServerOptions server_options;
  server_options.listen = options.listen;
  server_options.routes = [&](std::string_view path, std::string_view query) -> std::optional<ops::HttpAnswer> {
    if (path == "/") return Asset(desk::PageHtml(), "text/html; charset=utf-8");
    if (path == "/desk.js") return Asset(desk::PageScript(), "text/javascript; charset=utf-8");
    if (path == "/desk.css") return Asset(desk::PageStyle(), "text/css; charset=utf-8");
    if (path == "/favicon.svg" || path == "/favicon.ico") return Asset(desk::PageIcon(), "image/svg+xml");
    if (path == "/api/desk") return Asset(model.Json(FilterFromQuery(query)), "application/json");
    if (path == "/api/status") return Asset(kafka_status + "\n", "text/plain; charset=utf-8");
    return std::nullopt;
  };
  ops::MetricsServer server(io, server_options, [&] {
    undecodable.Get().Set(static_cast<double>(model.undecodable()));
    return registry.Render();
  });
  if (auto s = server.Start(); !s) {
    std::cerr << "web: " << s.error().message << "\n";
    return 1;
  }
  server.SetReady(true);
  const std::string host = options.listen.substr(0, options.listen.rfind(':'));
  std::cout << "LISTEN=" << host << ":" << server.port() << std::endl;
  std::cerr << "newsmon desk: open http://" << host << ":" << server.port() << "/ in a browser\n";

  // The reader thread hands each event to the io thread, which owns the model.
  std::atomic<bool> stopping = false;
  std::thread reader([&] {
    std::vector<std::unique_ptr<KafkaReader>> readers;
    while (!stopping && readers.empty()) {
      for (const std::string& topic : {stories_topic, quotes_topic}) {
        auto r = KafkaReader::OpenSince(brokers, topic, since);
        if (!r) {
          boost::asio::post(io, [&, message = r.error().message] { kafka_status = "kafka: " + message; });
          readers.clear();
          break;
        }
        readers.push_back(std::move(*r));
      }
      if (readers.empty()) std::this_thread::sleep_for(std::chrono::seconds(2));
    }
    boost::asio::post(io, [&] { kafka_status = "reading " + stories_topic + " and " + quotes_topic; });
    while (!stopping) {
      for (auto& r : readers) {
        auto next = r->Next(std::chrono::milliseconds(100));
        if (!next || !*next) continue;
        boost::asio::post(io, [&, event = std::move(**next)] {
          if (model.Add(event)) events.WithLabels({event.Header("ce_type")}).Inc();
        });
      }
    }
  });

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) {
    stopping = true;
    server.Stop();
    io.stop();
  });
  boost::asio::steady_timer tick(io);
  std::function<void()> schedule = [&] {
    server.Tick();
    tick.expires_after(std::chrono::seconds(1));
    tick.async_wait([&](const boost::system::error_code& ec) {
      if (!ec) schedule();
    });
  };
  schedule();
  io.run();
  stopping = true;
  reader.join();
  return 0;
}

}  // namespace newsmon
