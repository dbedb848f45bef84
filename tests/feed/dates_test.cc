// Date forms seen in feeds, all to UTC; unreadable ones give nothing.
#include <gtest/gtest.h>

#include "feed/dates.h"

namespace newsmon::feed {
namespace {

std::string P(std::string_view s) {
  auto t = ParseFeedDate(s);
  return t ? FormatRfc3339(*t) : "none";
}

TEST(DatesTest, Rfc822AndRfc1123) {
  EXPECT_EQ(P("Sat, 07 Sep 2002 00:00:01 GMT"), "2002-09-07T00:00:01Z");
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00:00 +0200"), "2003-06-10T02:00:00Z");
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00:00 -0930"), "2003-06-10T13:30:00Z");
}

TEST(DatesTest, BrokenRfc822Forms) {
  EXPECT_EQ(P("10 Jun 2003 04:00:00 GMT"), "2003-06-10T04:00:00Z");     // no day name
  EXPECT_EQ(P("Tue, 10 Jun 03 04:00:00 GMT"), "2003-06-10T04:00:00Z");  // two-digit year
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00 GMT"), "2003-06-10T04:00:00Z");   // no seconds
  EXPECT_EQ(P("Tuesday, 10 June 2003 04:00:00 GMT"), "2003-06-10T04:00:00Z");
  EXPECT_EQ(P("Tue, 10 Sept 2003 04:00:00 GMT"), "2003-09-10T04:00:00Z");
  EXPECT_EQ(P("Tue, 1 Jun 2003 4:05:06 GMT"), "2003-06-01T04:05:06Z");       // single digits
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00:00"), "2003-06-10T04:00:00Z");         // no zone: UTC
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00:00 +02:00"), "2003-06-10T02:00:00Z");  // colon in offset
  EXPECT_EQ(P("10-Jun-2003 04:00:00 GMT"), "2003-06-10T04:00:00Z");
  EXPECT_EQ(P("Tue Jun 10 04:00:00 2003"), "2003-06-10T04:00:00Z");  // asctime
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00:00 GMT+0100"), "2003-06-10T03:00:00Z");
}

TEST(DatesTest, NamedAndMilitaryZones) {
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00:00 EST"), "2003-06-10T09:00:00Z");
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00:00 EDT"), "2003-06-10T08:00:00Z");
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00:00 PDT"), "2003-06-10T11:00:00Z");
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00:00 PST"), "2003-06-10T12:00:00Z");
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00:00 UT"), "2003-06-10T04:00:00Z");
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00:00 Z"), "2003-06-10T04:00:00Z");
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00:00 A"), "2003-06-10T05:00:00Z");  // RFC 822: A = -1
  EXPECT_EQ(P("Tue, 10 Jun 2003 04:00:00 N"), "2003-06-10T03:00:00Z");  // N = +1
}

TEST(DatesTest, Iso8601AndRfc3339) {
  EXPECT_EQ(P("2003-12-31T10:14:55Z"), "2003-12-31T10:14:55Z");
  EXPECT_EQ(P("2003-12-31T10:14:55.123-08:00"), "2003-12-31T18:14:55Z");
  EXPECT_EQ(P("2003-12-31T10:14:55+0100"), "2003-12-31T09:14:55Z");
  EXPECT_EQ(P("2003-12-31 10:14:55"), "2003-12-31T10:14:55Z");
  EXPECT_EQ(P("2003-12-31T10:14Z"), "2003-12-31T10:14:00Z");
  EXPECT_EQ(P("2003-12-31"), "2003-12-31T00:00:00Z");
  EXPECT_EQ(P("2003-12"), "2003-12-01T00:00:00Z");
  EXPECT_EQ(P("20031231T101455Z"), "2003-12-31T10:14:55Z");
  EXPECT_EQ(P("  2003-12-31T10:14:55z \n"), "2003-12-31T10:14:55Z");
}

TEST(DatesTest, UnreadableDatesAreNotInvented) {
  EXPECT_EQ(P(""), "none");
  EXPECT_EQ(P("yesterday"), "none");
  EXPECT_EQ(P("Tue, 31 Feb 2003 04:00:00 GMT"), "none");
  EXPECT_EQ(P("2003-13-01T00:00:00Z"), "none");
  EXPECT_EQ(P("Tue, 10 Jun 2003 25:00:00 GMT"), "none");
  EXPECT_EQ(P("Tue, 10 Foo 2003 04:00:00 GMT"), "none");
  EXPECT_EQ(P("2003-12-31T10:14:55 Mars/Olympus"), "none");
  EXPECT_EQ(P(std::string(500, '9')), "none");
}

}  // namespace
}  // namespace newsmon::feed
