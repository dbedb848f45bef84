// Helpers shared by the fetch tests: run one fetch to completion on a fresh
// loop, with short limits so failures show up in milliseconds.
#pragma once

#include <boost/asio/io_context.hpp>
#include <string>
#include <vector>

#include "fetch/http_client.h"

namespace newsmon::testing {

inline HttpClientOptions TestOptions() {
  HttpClientOptions o;
  o.user_agent = "newsmon-test/1.0";
  o.allow_private_addresses = true;  // the test servers are on loopback
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.total_timeout = std::chrono::milliseconds(5000);
  o.low_speed_limit = 1;
  o.low_speed_time = std::chrono::seconds(5);
  o.max_body_bytes = 1 << 20;
  return o;
}

inline FetchResult FetchOnce(const HttpClientOptions& options, FetchRequest request) {
  boost::asio::io_context io;
  HttpClient client(io, options);
  FetchResult out;
  out.error = FetchErrorKind::kInternal;
  out.message = "callback never ran";
  client.Start(std::move(request), [&](FetchResult r) { out = std::move(r); });
  client.Drain();
  return out;
}

inline FetchRequest Req(std::string url, bool trusted = true) {
  FetchRequest r;
  r.url = std::move(url);
  r.trusted = trusted;
  return r;
}

inline FetchRequest ReqEtag(std::string url, std::string etag) {
  FetchRequest r = Req(std::move(url));
  r.etag = std::move(etag);
  return r;
}

inline FetchRequest ReqSince(std::string url, std::string last_modified) {
  FetchRequest r = Req(std::move(url));
  r.last_modified = std::move(last_modified);
  return r;
}

inline FetchResult FetchOnce(const std::string& url, bool trusted = true) {
  return FetchOnce(TestOptions(), Req(url, trusted));
}

}  // namespace newsmon::testing
