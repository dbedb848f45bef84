// Time and size limits: slow drips, stalled servers, endless bodies, gzip
// bombs and resets end as clear error kinds, quickly and with bounded memory.
#include <gtest/gtest.h>
#include <zlib.h>

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
using testing::TestResponse;

std::string GzipZeros(size_t n) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  const std::string block(1 << 16, '\0');
  std::string out;
  char buf[1 << 16];
  for (size_t done = 0; done <= n;) {
    const bool last = done + block.size() >= n;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(block.data()));
    z.avail_in = static_cast<uInt>(last ? n - done : block.size());
    done += block.size();
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0);
    if (last) break;
  }
  deflateEnd(&z);
  return out;
}

TEST(FetchLimitsTest, SlowDripHitsLowSpeedTimeout) {
  HttpTestServer server;
  TestResponse drip = Reply(200, std::string(4000, 'd'));
  drip.drip_bytes = 10;  // 50 bytes/s, far below the 1000 bytes/s floor
  drip.drip_interval = std::chrono::milliseconds(200);
  server.Handle("/drip", drip);
  HttpClientOptions options = TestOptions();
  options.low_speed_limit = 1000;
  options.low_speed_time = std::chrono::seconds(1);
  options.total_timeout = std::chrono::milliseconds(20000);
  const auto start = std::chrono::steady_clock::now();
  const FetchResult r = FetchOnce(options, Req(server.Url("/drip")));
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.error, FetchErrorKind::kTooSlow) << r.message;
  EXPECT_LT(took, std::chrono::seconds(10));  // the total timeout did not fire first
}

TEST(FetchLimitsTest, StalledServerHitsTotalTimeout) {
  HttpTestServer server;
  TestResponse stall = Reply(200, "late");
  stall.delay = std::chrono::milliseconds(3000);
  server.Handle("/stall", stall);
  HttpClientOptions options = TestOptions();
  options.total_timeout = std::chrono::milliseconds(300);
  const FetchResult r = FetchOnce(options, Req(server.Url("/stall")));
  EXPECT_EQ(r.error, FetchErrorKind::kTimeout) << r.message;
  EXPECT_EQ(FetchErrorCode(r.error), ErrorCode::kLimit);
}

TEST(FetchLimitsTest, EndlessBodyStopsAtSizeCap) {
  HttpTestServer server;
  TestResponse endless = Reply(200);
  endless.endless = true;
  endless.endless_limit = size_t{256} << 20;  // the server gives up at 256 MiB in case the client does not
  server.Handle("/endless", endless);
  HttpClientOptions options = TestOptions();
  options.max_body_bytes = 1 << 20;
  const FetchResult r = FetchOnce(options, Req(server.Url("/endless")));
  EXPECT_EQ(r.error, FetchErrorKind::kTooLarge) << r.message;
  server.Stop();
  // The client hung up near the cap (socket buffers allow some slack).
  EXPECT_LT(server.BodyBytesSent(), size_t{32} << 20);
}

TEST(FetchLimitsTest, DeclaredLengthAboveCapIsRefused) {
  HttpTestServer server;
  server.Handle("/big", Reply(200, std::string(3 << 20, 'b')));
  HttpClientOptions options = TestOptions();
  options.max_body_bytes = 1 << 20;
  EXPECT_EQ(FetchOnce(options, Req(server.Url("/big"))).error, FetchErrorKind::kTooLarge);
}

TEST(FetchLimitsTest, GzipBombStopsAtCapAfterDecompression) {
  const std::string bomb = GzipZeros(size_t{24} << 20);  // 24 MiB of zeros
  ASSERT_LT(bomb.size(), size_t{1} << 20);               // ... in well under the cap on the wire
  HttpTestServer server;
  server.Handle("/bomb", Reply(200, bomb).WithHeader("Content-Encoding", "gzip"));
  HttpClientOptions options = TestOptions();
  options.max_body_bytes = 1 << 20;
  const FetchResult r = FetchOnce(options, Req(server.Url("/bomb")));
  EXPECT_EQ(r.error, FetchErrorKind::kTooLarge) << r.message;
  EXPECT_TRUE(r.response.body.empty());

  // The same payload under a cap above its inflated size decodes fine: the cap is what stopped it.
  options.max_body_bytes = int64_t{25} << 20;
  const FetchResult whole = FetchOnce(options, Req(server.Url("/bomb")));
  ASSERT_TRUE(whole.ok()) << whole.message;
  EXPECT_EQ(whole.response.body.size(), size_t{24} << 20);
}

TEST(FetchLimitsTest, ConnectionResetBeforeResponse) {
  HttpTestServer server;
  TestResponse reset = Reply(200);
  reset.reset = true;
  server.Handle("/reset", reset);
  const FetchResult r = FetchOnce(server.Url("/reset"));
  EXPECT_EQ(r.error, FetchErrorKind::kConnectionLost) << r.message;
}

TEST(FetchLimitsTest, ConnectionResetMidBody) {
  HttpTestServer server;
  TestResponse reset = Reply(200, std::string(100000, 'r'));
  reset.reset_mid_body = true;
  server.Handle("/reset", reset);
  const FetchResult r = FetchOnce(server.Url("/reset"));
  EXPECT_EQ(r.error, FetchErrorKind::kConnectionLost) << r.message;
}

// libcurl refuses response headers above its own limit (100 KiB for one
// header line, 300 KiB in total in libcurl 7.88) and reports it as "out of
// memory": the fetch must count as too large, not as an internal error.
TEST(FetchLimitsTest, MegabyteHeaderIsTooLarge) {
  HttpTestServer server;
  server.Handle("/one", Reply(200, "<rss/>").WithHeader("X-Padding", std::string(1 << 20, 'h')));
  const FetchResult r = FetchOnce(server.Url("/one"));
  EXPECT_EQ(r.error, FetchErrorKind::kTooLarge) << r.message;
  EXPECT_NE(r.message.find("response headers too large"), std::string::npos) << r.message;
}

TEST(FetchLimitsTest, MegabyteOfHeaderLinesIsTooLarge) {
  TestResponse many = Reply(200, "<rss/>");
  for (int i = 0; i < 1024; ++i) many.WithHeader("X-Padding-" + std::to_string(i), std::string(1000, 'h'));
  HttpTestServer server;
  server.Handle("/many", many);
  const FetchResult r = FetchOnce(server.Url("/many"));
  EXPECT_EQ(r.error, FetchErrorKind::kTooLarge) << r.message;
  EXPECT_NE(r.message.find("response headers too large"), std::string::npos) << r.message;
}

}  // namespace
}  // namespace newsmon
