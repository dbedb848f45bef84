// The plain Fetcher face of HttpClient, and option plumbing.
#include <boost/asio/io_context.hpp>

#include "fetch/http_client.h"

namespace newsmon {

HttpClientOptions HttpClientOptions::FromConfig(const HttpConfig& config) {
  HttpClientOptions o;
  o.user_agent = config.user_agent;
  o.max_connections = config.max_connections;
  o.per_host_connections = config.per_host_connections;
  o.per_host_delay = config.per_host_delay;
  o.allow_private_addresses = config.allow_private_addresses;
  o.allow_hosts = config.allow_hosts;
  o.connect_timeout = config.connect_timeout;
  o.total_timeout = config.total_timeout;
  o.max_body_bytes = config.max_body_bytes;
  o.max_redirects = config.max_redirects;
  o.low_speed_limit = static_cast<long>(config.low_speed_limit);
  o.low_speed_time = config.low_speed_time;
  o.http2 = config.http2;
  return o;
}

Result<FetchResponse> FetchResult::ToResult() && {
  if (ok()) return std::move(response);
  return MakeFetchError(error, message);
}

namespace {

// Owns its loop; for the synchronous pipeline.
class OwnedHttpFetcher final : public Fetcher {
 public:
  explicit OwnedHttpFetcher(const HttpConfig& config) : client_(io_, HttpClientOptions::FromConfig(config)) {}
  void Fetch(FetchRequest request, Callback done) override { client_.Fetch(std::move(request), std::move(done)); }
  void Drain() override { client_.Drain(); }

 private:
  boost::asio::io_context io_;  // declared first: outlives the client
  HttpClient client_;
};

}  // namespace

std::unique_ptr<Fetcher> MakeHttpFetcher(const HttpConfig& config) {
  return std::make_unique<OwnedHttpFetcher>(config);
}

}  // namespace newsmon
