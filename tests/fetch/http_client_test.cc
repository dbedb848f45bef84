// HttpClient against the scripted loopback server: statuses, conditional GET,
// caching headers, compression, the Fetcher adapter.
#include "fetch/http_client.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "../support/http_test_server.h"
#include "fetch/fetcher.h"
#include "fetch_test_util.h"

namespace newsmon {
namespace {

using testing::FetchOnce;
using testing::HttpTestServer;
using testing::Reply;
using testing::Req;
using testing::ReqEtag;
using testing::ReqSince;
using testing::SeenRequest;
using testing::TestOptions;
using testing::TestResponse;

std::string Gzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST(HttpClientTest, Ok200ExposesBodyValidatorsAndHash) {
  HttpTestServer server;
  server.Handle("/feed", Reply(200, "<rss>hello</rss>")
                             .WithHeader("ETag", "\"v1\"")
                             .WithHeader("Last-Modified", "Sat, 28 Nov 2026 07:00:00 GMT")
                             .WithHeader("Content-Type", "application/rss+xml"));
  const FetchResult r = FetchOnce(server.Url("/feed"));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.response.status, 200);
  EXPECT_EQ(r.response.body, "<rss>hello</rss>");
  EXPECT_EQ(r.response.etag, "\"v1\"");
  EXPECT_EQ(r.response.last_modified, "Sat, 28 Nov 2026 07:00:00 GMT");
  EXPECT_EQ(r.response.content_type, "application/rss+xml");
  EXPECT_EQ(r.response.effective_url, server.Url("/feed"));
  EXPECT_EQ(r.response.body_hash.size(), 32u);
  EXPECT_TRUE(r.response.permanent_redirect.empty());

  // Same body, same hash; changed body, different hash.
  EXPECT_EQ(FetchOnce(server.Url("/feed")).response.body_hash, r.response.body_hash);
  server.Handle("/feed", Reply(200, "<rss>changed</rss>"));
  EXPECT_NE(FetchOnce(server.Url("/feed")).response.body_hash, r.response.body_hash);

  const auto seen = server.RequestsFor("/feed");
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].method, "GET");
  EXPECT_EQ(seen[0].Header("user-agent"), "newsmon-test/1.0");
  EXPECT_EQ(seen[0].Header("if-none-match"), "");
  EXPECT_NE(seen[0].Header("accept-encoding").find("gzip"), std::string::npos);
}

TEST(HttpClientTest, EtagGives304AndSendsIfNoneMatch) {
  HttpTestServer server;
  server.Handle("/feed", [](const SeenRequest& r) {
    if (r.Header("if-none-match") == "\"v7\"") return Reply(304).WithHeader("ETag", "\"v7\"");
    return Reply(200, "full").WithHeader("ETag", "\"v7\"");
  });
  const FetchResult r = FetchOnce(TestOptions(), ReqEtag(server.Url("/feed"), "\"v7\""));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_TRUE(r.response.not_modified());
  EXPECT_EQ(r.response.status, 304);
  EXPECT_EQ(r.response.body, "");
  EXPECT_EQ(r.response.body_hash, "");
  EXPECT_EQ(r.response.etag, "\"v7\"");
  ASSERT_EQ(server.RequestsFor("/feed").size(), 1u);
  EXPECT_EQ(server.RequestsFor("/feed")[0].Header("if-none-match"), "\"v7\"");
  EXPECT_EQ(server.RequestsFor("/feed")[0].Header("if-modified-since"), "");

  const FetchResult stale = FetchOnce(TestOptions(), ReqEtag(server.Url("/feed"), "\"v6\""));
  EXPECT_EQ(stale.response.status, 200);
  EXPECT_EQ(stale.response.body, "full");
}

TEST(HttpClientTest, LastModifiedGives304AndSendsIfModifiedSince) {
  const std::string stamp = "Fri, 27 Nov 2026 10:00:00 GMT";
  HttpTestServer server;
  server.Handle("/feed", [stamp](const SeenRequest& r) {
    if (r.Header("if-modified-since") == stamp) return Reply(304);
    return Reply(200, "full").WithHeader("Last-Modified", stamp);
  });
  const FetchResult r = FetchOnce(TestOptions(), ReqSince(server.Url("/feed"), stamp));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_TRUE(r.response.not_modified());
  EXPECT_EQ(server.RequestsFor("/feed").at(0).Header("if-modified-since"), stamp);
  EXPECT_EQ(server.RequestsFor("/feed").at(0).Header("if-none-match"), "");
}

TEST(HttpClientTest, ErrorStatusesAreResponsesNotTransportErrors) {
  HttpTestServer server;
  server.Handle("/gone", Reply(410, "gone"));
  server.Handle("/boom", Reply(500));
  const FetchResult missing = FetchOnce(server.Url("/missing"));
  ASSERT_TRUE(missing.ok()) << missing.message;
  EXPECT_EQ(missing.response.status, 404);
  EXPECT_EQ(FetchOnce(server.Url("/gone")).response.status, 410);
  EXPECT_EQ(FetchOnce(server.Url("/boom")).response.status, 500);
}

TEST(HttpClientTest, RetryAfterSeconds) {
  HttpTestServer server;
  server.Handle("/feed", Reply(429).WithHeader("Retry-After", "120"));
  const FetchResult r = FetchOnce(server.Url("/feed"));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.response.status, 429);
  ASSERT_TRUE(r.response.retry_after.has_value());
  EXPECT_EQ(*r.response.retry_after, std::chrono::seconds(120));
}

TEST(HttpClientTest, RetryAfterHttpDateIsRelativeToServerDate) {
  HttpTestServer server;
  server.Handle("/feed", Reply(503)
                             .WithHeader("Date", "Sat, 28 Nov 2026 07:00:00 GMT")
                             .WithHeader("Retry-After", "Sat, 28 Nov 2026 07:01:30 GMT"));
  const FetchResult r = FetchOnce(server.Url("/feed"));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.response.status, 503);
  ASSERT_TRUE(r.response.retry_after.has_value());
  EXPECT_EQ(*r.response.retry_after, std::chrono::seconds(90));
}

TEST(HttpClientTest, MaxAgeAndExpires) {
  HttpTestServer server;
  server.Handle("/maxage", Reply(200, "x").WithHeader("Cache-Control", "public, max-age=600"));
  server.Handle("/expires", Reply(200, "x")
                                .WithHeader("Date", "Sat, 28 Nov 2026 07:00:00 GMT")
                                .WithHeader("Expires", "Sat, 28 Nov 2026 07:05:00 GMT"));
  EXPECT_EQ(FetchOnce(server.Url("/maxage")).response.max_age, std::chrono::seconds(600));
  EXPECT_EQ(FetchOnce(server.Url("/expires")).response.max_age, std::chrono::seconds(300));
  EXPECT_EQ(FetchOnce(server.Url("/none")).response.max_age, std::nullopt);
}

TEST(HttpClientTest, GzipBodyIsDecoded) {
  const std::string text(50000, 'a');
  HttpTestServer server;
  server.Handle("/gz", Reply(200, Gzip(text)).WithHeader("Content-Encoding", "gzip"));
  const FetchResult r = FetchOnce(server.Url("/gz"));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.response.body, text);
}

TEST(HttpClientTest, Ipv6Loopback) {
  std::unique_ptr<HttpTestServer> server;
  try {
    server = std::make_unique<HttpTestServer>("::1");
  } catch (const std::exception& e) {
    GTEST_SKIP() << "no IPv6 loopback: " << e.what();
  }
  server->Handle("/feed", Reply(200, "v6"));
  ASSERT_EQ(server->Url("/feed").substr(0, 12), "http://[::1]");
  const FetchResult r = FetchOnce(server->Url("/feed"));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.response.body, "v6");
  EXPECT_EQ(server->RequestsFor("/feed").at(0).local_address, "::1");
}

TEST(HttpClientTest, FileUrlOnlyWhenTrusted) {
  const std::filesystem::path file = std::filesystem::temp_directory_path() / "newsmon_fetch_test_feed.xml";
  std::ofstream(file) << "<rss>file</rss>";
  const std::string url = "file://" + file.string();
  const FetchResult trusted = FetchOnce(url, true);
  ASSERT_TRUE(trusted.ok()) << trusted.message;
  EXPECT_EQ(trusted.response.status, 200);
  EXPECT_EQ(trusted.response.body, "<rss>file</rss>");
  const FetchResult untrusted = FetchOnce(url, false);
  EXPECT_EQ(untrusted.error, FetchErrorKind::kBadUrl);
  std::filesystem::remove(file);
}

TEST(HttpClientTest, BadUrlsAreErrors) {
  EXPECT_EQ(FetchOnce("not a url").error, FetchErrorKind::kBadUrl);
  EXPECT_EQ(FetchOnce("ftp://127.0.0.1/x").error, FetchErrorKind::kBadUrl);
  EXPECT_EQ(FetchOnce("gopher://127.0.0.1/x").error, FetchErrorKind::kBadUrl);
}

TEST(HttpClientTest, ConnectionRefused) {
  unsigned short port = 0;
  {
    HttpTestServer closed;  // take a free port, then free it
    port = closed.port();
  }
  const FetchResult r = FetchOnce("http://127.0.0.1:" + std::to_string(port) + "/feed");
  EXPECT_EQ(r.error, FetchErrorKind::kConnectRefused) << r.message;
}

TEST(HttpClientTest, FetcherAdapterKeepsTheKind) {
  HttpTestServer server;
  server.Handle("/feed", Reply(200, "ok"));
  HttpConfig config;
  config.allow_private_addresses = true;
  auto fetcher = MakeHttpFetcher(config);
  Result<FetchResponse> ok = MakeError(ErrorCode::kInternal, "not called");
  fetcher->Fetch(Req(server.Url("/feed")), [&](Result<FetchResponse> r) { ok = std::move(r); });
  fetcher->Drain();
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->body, "ok");

  Result<FetchResponse> bad = MakeError(ErrorCode::kInternal, "not called");
  fetcher->Fetch(Req("ftp://127.0.0.1/"), [&](Result<FetchResponse> r) { bad = std::move(r); });
  fetcher->Drain();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(FetchErrorKindOf(bad.error()), FetchErrorKind::kBadUrl);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().message.rfind("bad_url: ", 0), 0u);
}

}  // namespace
}  // namespace newsmon
