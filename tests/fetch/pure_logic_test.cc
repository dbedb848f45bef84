// Header parsing, the SSRF address classifier, the politeness queue and the
// curl failure classifier: pure functions, no network.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include "fetch/curl_classify.h"
#include "fetch/fetch_error.h"
#include "fetch/host_limiter.h"
#include "fetch/http_parse.h"
#include "fetch/ssrf_guard.h"

namespace newsmon {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const Timestamp kNow = Timestamp(seconds(1795849200));  // Sat, 28 Nov 2026 07:00:00 GMT

TEST(HttpParseTest, HttpDatesInAllThreeForms) {
  EXPECT_EQ(ParseHttpDate("Sat, 28 Nov 2026 07:00:00 GMT"), kNow);
  EXPECT_EQ(ParseHttpDate("Saturday, 28-Nov-26 07:00:00 GMT"), kNow);
  EXPECT_EQ(ParseHttpDate("Sat Nov 28 07:00:00 2026"), kNow);
  EXPECT_EQ(ParseHttpDate("yesterday"), std::nullopt);
  EXPECT_EQ(ParseHttpDate(""), std::nullopt);
}

TEST(HttpParseTest, RetryAfter) {
  EXPECT_EQ(ParseRetryAfter("120", kNow), seconds(120));
  EXPECT_EQ(ParseRetryAfter(" 0 ", kNow), seconds(0));
  EXPECT_EQ(ParseRetryAfter("Sat, 28 Nov 2026 07:02:00 GMT", kNow), seconds(120));
  EXPECT_EQ(ParseRetryAfter("Sat, 28 Nov 2026 06:00:00 GMT", kNow), seconds(0));  // past
  EXPECT_EQ(ParseRetryAfter("99999999999999999999999", kNow), seconds(7 * 24 * 3600));
  EXPECT_EQ(ParseRetryAfter("-5", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("12abc", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("", kNow), std::nullopt);
}

TEST(HttpParseTest, MaxAgeAndFreshness) {
  EXPECT_EQ(ParseMaxAge("public, max-age=300"), seconds(300));
  EXPECT_EQ(ParseMaxAge("MAX-AGE=\"60\", must-revalidate"), seconds(60));
  EXPECT_EQ(ParseMaxAge("s-maxage=10, no-cache"), std::nullopt);
  EXPECT_EQ(ParseMaxAge("max-age=abc"), std::nullopt);
  ResponseHeaders h;
  h.AddLine("HTTP/1.1 200 OK\r\n");
  h.AddLine("Date: Sat, 28 Nov 2026 07:00:00 GMT\r\n");
  h.AddLine("Expires: Sat, 28 Nov 2026 08:00:00 GMT\r\n");
  EXPECT_EQ(FreshnessLifetime(h, kNow + seconds(999)), seconds(3600));  // against Date, not our clock
  h.AddLine("cache-control: max-age=5\r\n");
  EXPECT_EQ(FreshnessLifetime(h, kNow), seconds(5));  // max-age wins
  ResponseHeaders bad;
  bad.AddLine("Expires: 0\r\n");
  EXPECT_EQ(FreshnessLifetime(bad, kNow), seconds(0));
}

TEST(HttpParseTest, HeadersResetOnEachStatusLine) {
  ResponseHeaders h;
  h.AddLine("HTTP/1.1 301 Moved\r\n");
  h.AddLine("ETag: \"old\"\r\n");
  h.AddLine("Location: /new\r\n");
  h.AddLine("HTTP/1.1 200 OK\r\n");
  h.AddLine("etag:\t\"new\" \r\n");
  EXPECT_EQ(h.etag, "\"new\"");
  EXPECT_EQ(h.location, "");
}

TEST(HttpParseTest, UrlParts) {
  auto u = ParseUrlParts("HTTPS://Example.ORG/feed?x=1");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "example.org");
  EXPECT_EQ(u->HostKey(), "example.org:443");
  EXPECT_EQ(ParseUrlParts("http://[::1]:8080/")->HostKey(), "::1:8080");
  EXPECT_FALSE(ParseUrlParts("::nonsense::").ok());
}

TEST(SsrfGuardTest, ClassifiesSpecialAddresses) {
  for (const char* a : {"127.0.0.1",       "127.255.0.9",        "10.1.2.3",          "172.16.0.1", "172.31.255.255",
                        "192.168.1.1",     "169.254.169.254",    "100.64.0.1",        "0.0.0.0",    "224.0.0.1",
                        "255.255.255.255", "240.0.0.1",          "198.18.0.1",        "::1",        "::",
                        "fc00::1",         "fd12:3456::1",       "fe80::1",           "ff02::1",    "::ffff:127.0.0.1",
                        "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:0001::1", "2001:db8::1"}) {
    EXPECT_TRUE(ForbiddenAddressReason(a).has_value()) << a;
  }
  for (const char* a : {"93.184.216.34", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
                        "::ffff:93.184.216.34", "64:ff9b::808:808"}) {
    EXPECT_FALSE(ForbiddenAddressReason(a).has_value()) << a;
  }
  EXPECT_EQ(ForbiddenAddressReason("127.0.0.1"), "loopback");
  EXPECT_EQ(ForbiddenAddressReason("169.254.169.254"), "link-local");
  EXPECT_EQ(ForbiddenAddressReason("100.100.100.100"), "cgnat");
}

TEST(SsrfGuardTest, SockaddrForm) {
  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  inet_pton(AF_INET, "192.168.0.10", &v4.sin_addr);
  EXPECT_EQ(ForbiddenAddressReason(reinterpret_cast<sockaddr*>(&v4), sizeof v4), "private");
  inet_pton(AF_INET, "8.8.8.8", &v4.sin_addr);
  EXPECT_FALSE(ForbiddenAddressReason(reinterpret_cast<sockaddr*>(&v4), sizeof v4).has_value());
  EXPECT_TRUE(ForbiddenAddressReason(reinterpret_cast<sockaddr*>(&v4), 2).has_value());  // truncated
  EXPECT_TRUE(ForbiddenAddressReason(nullptr, 0).has_value());
}

TEST(SsrfGuardTest, HostAllowlistIsExactAndCaseInsensitive) {
  SsrfPolicy p;
  p.allow_hosts = {"Feeds.Internal"};
  EXPECT_TRUE(p.HostExempt("feeds.internal"));
  EXPECT_FALSE(p.HostExempt("evil.feeds.internal"));
  EXPECT_FALSE(p.HostExempt("feeds.internal.evil"));
}

TEST(FetchErrorTest, KindSurvivesTheErrorMessage) {
  const Error e = MakeFetchError(FetchErrorKind::kTooSlow, "below 64 B/s");
  EXPECT_EQ(e.message, "too_slow: below 64 B/s");
  EXPECT_EQ(e.code, ErrorCode::kLimit);
  EXPECT_EQ(FetchErrorKindOf(e), FetchErrorKind::kTooSlow);
  EXPECT_EQ(FetchErrorKindOf(MakeError(ErrorCode::kIo, "disk: full")), FetchErrorKind::kInternal);
}

using TP = HostLimiter::Clock::time_point;

// The loopback tests (FetchLimitsTest.Megabyte*) show what libcurl really
// reports; these pin the cases a live server cannot produce on demand.
TEST(CurlClassifyTest, OversizedHeadersAreTooLargeNotInternal) {
  const CurlFailure line = ClassifyCurlFailure(CURLE_OUT_OF_MEMORY, 0, "", /*headers_done=*/false);
  EXPECT_EQ(line.kind, FetchErrorKind::kTooLarge);
  EXPECT_EQ(line.detail, "response headers too large (a header line above libcurl's 100 KiB limit)");

  const CurlFailure total =
      ClassifyCurlFailure(CURLE_RECV_ERROR, 0, "Too large response headers: 308058 > 307200", false);
  EXPECT_EQ(total.kind, FetchErrorKind::kTooLarge);
  EXPECT_EQ(total.detail, "response headers too large (Too large response headers: 308058 > 307200)");

  // Out of memory once the body is flowing is not about headers.
  const CurlFailure oom = ClassifyCurlFailure(CURLE_OUT_OF_MEMORY, 0, "", /*headers_done=*/true);
  EXPECT_EQ(oom.kind, FetchErrorKind::kInternal);
  EXPECT_EQ(oom.detail, "Out of memory");

  EXPECT_EQ(ClassifyCurlFailure(CURLE_RECV_ERROR, 104, "Recv failure: Connection reset by peer", true).kind,
            FetchErrorKind::kConnectionLost);
  const CurlFailure declared = ClassifyCurlFailure(CURLE_FILESIZE_EXCEEDED, 0, "Maximum file size exceeded", true);
  EXPECT_EQ(declared.kind, FetchErrorKind::kTooLarge);
  EXPECT_EQ(declared.detail, "Maximum file size exceeded");
}

TEST(HostLimiterTest, PerHostAndGlobalLimitsQueueInOrder) {
  HostLimiter::Options o;
  o.max_total = 3;
  o.per_host = 2;
  HostLimiter l(o);
  const TP t0{};
  for (uint64_t id = 1; id <= 4; ++id) l.Enqueue("a", id);
  for (uint64_t id = 11; id <= 12; ++id) l.Enqueue("b", id);
  std::vector<uint64_t> ready = l.TakeReady(t0);
  EXPECT_EQ(ready, (std::vector<uint64_t>{1, 2, 11}));
  EXPECT_EQ(l.active(), 3);
  EXPECT_EQ(l.queued(), 3u);
  EXPECT_TRUE(l.TakeReady(t0).empty());  // global limit
  l.Finished("a");
  EXPECT_EQ(l.TakeReady(t0), (std::vector<uint64_t>{3}));
  l.Finished("b");
  EXPECT_EQ(l.TakeReady(t0), (std::vector<uint64_t>{12}));
  EXPECT_EQ(l.active_for("a"), 2);
  EXPECT_EQ(l.queued(), 1u);
  EXPECT_FALSE(l.NextWakeup().has_value());  // waiting on capacity, not time
}

TEST(HostLimiterTest, PerHostDelay) {
  HostLimiter::Options o;
  o.per_host = 5;
  o.per_host_delay = milliseconds(100);
  HostLimiter l(o);
  const TP t0{};
  for (uint64_t id = 1; id <= 3; ++id) l.Enqueue("a", id);
  l.Enqueue("b", 9);
  EXPECT_EQ(l.TakeReady(t0), (std::vector<uint64_t>{1, 9}));
  EXPECT_EQ(l.NextWakeup(), t0 + milliseconds(100));
  EXPECT_TRUE(l.TakeReady(t0 + milliseconds(99)).empty());
  EXPECT_EQ(l.TakeReady(t0 + milliseconds(100)), (std::vector<uint64_t>{2}));
  l.Finished("a");
  l.Finished("a");
  // Finishing does not reset the clock: starts stay 100 ms apart.
  EXPECT_TRUE(l.TakeReady(t0 + milliseconds(150)).empty());
  EXPECT_EQ(l.TakeReady(t0 + milliseconds(200)), (std::vector<uint64_t>{3}));
  EXPECT_EQ(l.queued(), 0u);
}

TEST(HostLimiterTest, CancelAndBadOptions) {
  HostLimiter::Options o;
  o.max_total = 0;  // normalised to 1
  o.per_host = -3;
  HostLimiter l(o);
  l.Enqueue("a", 1);
  l.Enqueue("a", 2);
  EXPECT_TRUE(l.Cancel("a", 2));
  EXPECT_FALSE(l.Cancel("a", 2));
  EXPECT_EQ(l.TakeReady(TP{}), (std::vector<uint64_t>{1}));
  l.Finished("a");
  l.Finished("a");  // extra Finished is ignored
  EXPECT_EQ(l.active(), 0);
}

}  // namespace
}  // namespace newsmon
