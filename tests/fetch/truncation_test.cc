// A response body cut short, as the fetcher and then the feed parser see it.
// With a declared length (Content-Length) the transport notices the shortfall;
// with an HTTP/1.0 body delimited by the connection closing it cannot, and
// only the parser's `truncated` tells the engine.
#include <gtest/gtest.h>

#include "../support/http_test_server.h"
#include "feed/feed_parser.h"
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

const std::string kFeed =
    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Wire</title>\n"
    "<item><title>First</title><guid>https://wire.example/a/100001</guid>"
    "<pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate><description>One.</description></item>\n"
    "<item><title>Second</title><guid>https://wire.example/a/100002</guid>"
    "<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate><description>Two.</description></item>\n"
    "</channel></rss>\n";

TestResponse Http10(size_t cut_at = std::string::npos) {
  TestResponse r = Reply(200, kFeed).WithHeader("Content-Type", "application/rss+xml");
  r.close_delimited = true;
  r.cut_body_at = cut_at;
  return r;
}

TEST(TruncatedBodyTest, Http10WithoutLengthCutMidItemIsA200WithTheBytesThatArrived) {
  // The case: the connection closes right after "<guid>http" of the second item.
  const size_t cut = kFeed.find("<guid>https://wire.example/a/100002") + 10;
  HttpTestServer server;
  server.Handle("/feed", Http10(cut));
  const FetchResult r = FetchOnce(server.Url("/feed"));

  // The transport has no way to know: a 200 with the bytes that came.
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.response.status, 200);
  EXPECT_EQ(r.response.body.size(), cut);
  EXPECT_EQ(r.response.body, kFeed.substr(0, cut));
  EXPECT_EQ(r.response.body_hash.size(), 32u);

  // The parser does: the first item counts, the half one is not an entry.
  auto feed = feed::ParseFeed(r.response.body, {r.response.effective_url, r.response.content_type});
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  EXPECT_TRUE(feed->truncated);
  ASSERT_EQ(feed->entries.size(), 1u);
  EXPECT_EQ(feed->entries[0].id, "https://wire.example/a/100001");
}

TEST(TruncatedBodyTest, Http10WithoutLengthCutAfterTheLastItemKeepsBoth) {
  const size_t cut = kFeed.find("</channel>");
  HttpTestServer server;
  server.Handle("/feed", Http10(cut));
  const FetchResult r = FetchOnce(server.Url("/feed"));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.response.body.size(), cut);
  auto feed = feed::ParseFeed(r.response.body, {});
  ASSERT_TRUE(feed.ok());
  EXPECT_TRUE(feed->truncated);
  EXPECT_EQ(feed->entries.size(), 2u);
}

TEST(TruncatedBodyTest, Http10WithoutLengthWholeBodyIsNotTruncated) {
  HttpTestServer server;
  server.Handle("/feed", Http10());
  const FetchResult r = FetchOnce(server.Url("/feed"));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.response.status, 200);
  EXPECT_EQ(r.response.body, kFeed);
  auto feed = feed::ParseFeed(r.response.body, {});
  ASSERT_TRUE(feed.ok());
  EXPECT_FALSE(feed->truncated);
  EXPECT_EQ(feed->entries.size(), 2u);
}

TEST(TruncatedBodyTest, DeclaredLengthCutShortIsConnectionLost) {
  TestResponse cut = Reply(200, kFeed);
  cut.cut_body_at = kFeed.size() / 2;  // Content-Length says the whole size, then FIN
  HttpTestServer server;
  server.Handle("/feed", cut);
  const FetchResult r = FetchOnce(server.Url("/feed"));
  EXPECT_EQ(r.error, FetchErrorKind::kConnectionLost) << r.message;
}

TEST(TruncatedBodyTest, Http10WithoutLengthAboveTheCapIsTooLarge) {
  TestResponse big = Reply(200, std::string(2 << 20, 'b'));
  big.close_delimited = true;
  HttpTestServer server;
  server.Handle("/big", big);
  HttpClientOptions options = TestOptions();
  options.max_body_bytes = 1 << 20;
  const FetchResult r = FetchOnce(options, Req(server.Url("/big")));
  EXPECT_EQ(r.error, FetchErrorKind::kTooLarge) << r.message;
}

}  // namespace
}  // namespace newsmon
