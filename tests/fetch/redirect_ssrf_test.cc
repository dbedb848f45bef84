// Manual redirects (every hop seen, permanent targets reported, loops
// caught) and the SSRF guard on resolved addresses and on every hop.
#include <gtest/gtest.h>

#include "../support/http_test_server.h"
#include "fetch/http_client.h"
#include "fetch_test_util.h"

namespace newsmon {
namespace {

using testing::FetchOnce;
using testing::HttpTestServer;
using testing::Reply;
using testing::Req;
using testing::TestOptions;

TEST(RedirectTest, PermanentRedirectsAreReported) {
  for (int status : {301, 308}) {
    HttpTestServer server;
    server.Handle("/old", Reply(status).WithHeader("Location", "/new"));
    server.Handle("/new", Reply(200, "moved here"));
    const FetchResult r = FetchOnce(server.Url("/old"));
    ASSERT_TRUE(r.ok()) << r.message;
    EXPECT_EQ(r.response.status, 200);
    EXPECT_EQ(r.response.body, "moved here");
    EXPECT_EQ(r.response.effective_url, server.Url("/new"));
    EXPECT_EQ(r.response.permanent_redirect, server.Url("/new")) << status;
    ASSERT_EQ(r.response.redirects.size(), 1u);
    EXPECT_EQ(r.response.redirects[0].status, status);
    EXPECT_EQ(r.response.redirects[0].url, server.Url("/old"));
    EXPECT_EQ(server.RequestsFor("/old").size(), 1u);
    EXPECT_EQ(server.RequestsFor("/new").size(), 1u);
  }
}

TEST(RedirectTest, TemporaryRedirectIsNotPermanent) {
  HttpTestServer server;
  server.Handle("/tmp", Reply(302).WithHeader("Location", server.Url("/there")));
  server.Handle("/there", Reply(200, "x"));
  const FetchResult r = FetchOnce(server.Url("/tmp"));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.response.effective_url, server.Url("/there"));
  EXPECT_EQ(r.response.permanent_redirect, "");
  ASSERT_EQ(r.response.redirects.size(), 1u);
  EXPECT_EQ(r.response.redirects[0].status, 302);
}

TEST(RedirectTest, PermanentChainStopsAtFirstTemporaryHop) {
  HttpTestServer server;
  server.Handle("/a", Reply(301).WithHeader("Location", "/b"));
  server.Handle("/b", Reply(302).WithHeader("Location", "/c"));
  server.Handle("/c", Reply(200, "c"));
  const FetchResult r = FetchOnce(server.Url("/a"));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.response.permanent_redirect, server.Url("/b"));
  EXPECT_EQ(r.response.effective_url, server.Url("/c"));
}

TEST(RedirectTest, ValidatorsFollowTheRedirect) {
  HttpTestServer server;
  server.Handle("/old", Reply(308).WithHeader("Location", "/new"));
  server.Handle("/new", Reply(304));
  const FetchResult r = FetchOnce(TestOptions(), testing::ReqEtag(server.Url("/old"), "\"e\""));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_TRUE(r.response.not_modified());
  EXPECT_EQ(server.RequestsFor("/new").at(0).Header("if-none-match"), "\"e\"");
}

TEST(RedirectTest, LoopIsDetected) {
  HttpTestServer server;
  server.Handle("/a", Reply(302).WithHeader("Location", "/b"));
  server.Handle("/b", Reply(302).WithHeader("Location", "/a"));
  const FetchResult r = FetchOnce(server.Url("/a"));
  EXPECT_EQ(r.error, FetchErrorKind::kRedirectLoop) << r.message;
  EXPECT_EQ(server.RequestsFor("/a").size(), 1u);
  EXPECT_EQ(server.RequestsFor("/b").size(), 1u);
}

TEST(RedirectTest, TooManyHops) {
  HttpTestServer server;
  for (int i = 0; i < 10; ++i) {
    server.Handle("/r" + std::to_string(i), Reply(307).WithHeader("Location", "/r" + std::to_string(i + 1)));
  }
  HttpClientOptions options = TestOptions();
  options.max_redirects = 3;
  const FetchResult r = FetchOnce(options, Req(server.Url("/r0")));
  EXPECT_EQ(r.error, FetchErrorKind::kTooManyRedirects) << r.message;
  EXPECT_EQ(server.RequestCount(), 4u);  // the original and three hops
  EXPECT_EQ(r.response.redirects.size(), 4u);
}

TEST(RedirectTest, OnlyHttpTargets) {
  HttpTestServer server;
  server.Handle("/file", Reply(302).WithHeader("Location", "file:///etc/passwd"));
  server.Handle("/ftp", Reply(301).WithHeader("Location", "ftp://127.0.0.1/x"));
  server.Handle("/nowhere", Reply(302));
  EXPECT_EQ(FetchOnce(server.Url("/file")).error, FetchErrorKind::kBadRedirect);
  EXPECT_EQ(FetchOnce(server.Url("/ftp")).error, FetchErrorKind::kBadRedirect);
  EXPECT_EQ(FetchOnce(server.Url("/nowhere")).error, FetchErrorKind::kBadRedirect);
}

HttpClientOptions Guarded() {
  HttpClientOptions o = TestOptions();
  o.allow_private_addresses = false;
  return o;
}

TEST(SsrfTest, UntrustedLoopbackIsRefusedBeforeConnecting) {
  HttpTestServer server;
  server.Handle("/x", Reply(200, "secret"));
  const FetchResult r = FetchOnce(Guarded(), Req(server.Url("/x"), /*trusted=*/false));
  EXPECT_EQ(r.error, FetchErrorKind::kBlockedBySsrf) << r.message;
  EXPECT_NE(r.message.find("loopback"), std::string::npos) << r.message;
  EXPECT_EQ(server.RequestCount(), 0u);
  EXPECT_EQ(server.Connections(), 0);
}

TEST(SsrfTest, NamesResolvingToLoopbackAreRefusedToo) {
  HttpTestServer server;
  server.Handle("/x", Reply(200, "secret"));
  // "localhost" is not an IP literal: only the check on the resolved address catches it.
  const std::string url = "http://localhost:" + std::to_string(server.port()) + "/x";
  const FetchResult r = FetchOnce(Guarded(), Req(url, false));
  EXPECT_EQ(r.error, FetchErrorKind::kBlockedBySsrf) << r.message;
  EXPECT_EQ(server.RequestCount(), 0u);
}

TEST(SsrfTest, UntrustedIpv6LoopbackIsRefused) {
  std::unique_ptr<HttpTestServer> server;
  try {
    server = std::make_unique<HttpTestServer>("::1");
  } catch (const std::exception& e) {
    GTEST_SKIP() << "no IPv6 loopback: " << e.what();
  }
  server->Handle("/x", Reply(200, "secret"));
  const FetchResult r = FetchOnce(Guarded(), Req(server->Url("/x"), false));
  EXPECT_EQ(r.error, FetchErrorKind::kBlockedBySsrf) << r.message;
  EXPECT_EQ(server->Connections(), 0);
}

TEST(SsrfTest, TrustedAllowlistedOrAllowPrivatePass) {
  HttpTestServer server;
  server.Handle("/x", Reply(200, "ok"));
  EXPECT_TRUE(FetchOnce(Guarded(), Req(server.Url("/x"), true)).ok());
  HttpClientOptions allow_host = Guarded();
  allow_host.allow_hosts = {"127.0.0.1"};
  EXPECT_TRUE(FetchOnce(allow_host, Req(server.Url("/x"), false)).ok());
  EXPECT_TRUE(FetchOnce(TestOptions(), Req(server.Url("/x"), false)).ok());
  EXPECT_EQ(server.RequestCount(), 3u);
}

TEST(SsrfTest, EveryRedirectHopIsChecked) {
  HttpTestServer inner("127.0.0.2");
  inner.Handle("/metadata", Reply(200, "credentials"));
  HttpTestServer outer;
  outer.Handle("/go", Reply(302).WithHeader("Location", inner.Url("/metadata")));
  // The outer host is allowlisted (or trusted); the hop to another internal host is not.
  HttpClientOptions options = Guarded();
  options.allow_hosts = {"127.0.0.1"};
  const FetchResult untrusted = FetchOnce(options, Req(outer.Url("/go"), false));
  EXPECT_EQ(untrusted.error, FetchErrorKind::kBlockedBySsrf) << untrusted.message;
  const FetchResult trusted = FetchOnce(Guarded(), Req(outer.Url("/go"), true));
  EXPECT_EQ(trusted.error, FetchErrorKind::kBlockedBySsrf) << trusted.message;
  EXPECT_EQ(outer.RequestCount(), 2u);
  EXPECT_EQ(inner.RequestCount(), 0u);
}

}  // namespace
}  // namespace newsmon
