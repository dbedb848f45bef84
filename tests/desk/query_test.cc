#include "desk/query.h"

#include <gtest/gtest.h>

namespace newsmon::desk {
namespace {

TEST(DeskQuery, DecodesFormEncoding) {
  EXPECT_EQ(PercentDecode("a+b%20c%2Bd"), "a b c+d");
  EXPECT_EQ(PercentDecode("%D0%A2%D0%BE%D0%BA"), "\u0422\u043e\u043a");
  EXPECT_EQ(PercentDecode("100%"), "100%");  // a stray '%' stays
  EXPECT_EQ(PercentDecode("%zz%4"), "%zz%4");
}

TEST(DeskQuery, ReadsNamedValuesAndTheFilter) {
  EXPECT_EQ(QueryValue("topic=x&query=sanction*%20AND%20zeppelin", "query"), "sanction* AND zeppelin");
  EXPECT_EQ(QueryValue("topic=x", "query"), "");
  EXPECT_EQ(QueryValue("flag&topic=y", "flag"), "");
  const DeskFilter f = FilterFromQuery("topic=russia-sanctions&leader=kz-tokayev&new_only=1");
  EXPECT_EQ(f.topic, "russia-sanctions");
  EXPECT_EQ(f.leader, "kz-tokayev");
  EXPECT_TRUE(f.new_only);
  EXPECT_FALSE(FilterFromQuery("new_only=0").new_only);
}

}  // namespace
}  // namespace newsmon::desk
