#include "desk/desk_model.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "emit/event.h"
#include "newsmon/v1/events.pb.h"

namespace newsmon::desk {
namespace {

using nlohmann::json;

ConsumedEvent Event(const std::string& id, const char* type, const google::protobuf::Message& msg) {
  ConsumedEvent e;
  e.headers = {{"ce_id", id}, {"ce_type", type}};
  e.payload = msg.SerializeAsString();
  return e;
}

ConsumedEvent Story(const std::string& id, const std::string& story_id, const std::string& cluster,
                    const std::string& title, const std::string& url, int64_t published, const std::string& topic) {
  v1::StoryMatched m;
  m.set_event_id(id);
  m.mutable_story()->set_story_id(story_id);
  m.mutable_story()->set_cluster_id(cluster);
  m.mutable_story()->set_title(title);
  m.mutable_story()->set_url(url);
  m.mutable_story()->set_feed_id("feed-" + story_id);
  m.mutable_story()->mutable_published()->set_seconds(published);
  auto* t = m.add_topics();
  t->set_topic_id(topic);
  auto* term = t->add_terms();
  term->set_term("sanction*");
  term->set_snippet("the EU widened sanctions on tankers");
  return Event(id, kStoryMatchedType, m);
}

ConsumedEvent Quote(const std::string& id, const std::string& leader, const std::string& text, bool is_new,
                    int64_t published) {
  v1::LeaderQuote m;
  m.set_event_id(id);
  m.set_leader_id(leader);
  m.set_leader_name(leader == "kz-tokayev" ? "Kassym-Jomart Tokayev" : "Friedrich Merz");
  m.mutable_quote()->set_text(text);
  m.set_is_new(is_new);
  m.set_first_seen_url("https://first.example/story");
  m.mutable_story()->set_url("https://later.example/story");
  m.mutable_story()->mutable_published()->set_seconds(published);
  return Event(id, kLeaderQuoteType, m);
}

TEST(DeskModel, StoriesPerTopicNewestFirstWithNearDuplicatesFolded) {
  DeskModel desk;
  EXPECT_TRUE(desk.Add(Story("e1", "s1", "c1", "Older story", "https://a.example/1", 1000, "sanctions")));
  EXPECT_TRUE(desk.Add(Story("e2", "s2", "c2", "Newer story", "https://b.example/2", 2000, "sanctions")));
  EXPECT_TRUE(desk.Add(Story("e3", "s3", "c1", "Reprint of the older", "https://c.example/3", 3000, "sanctions")));
  const json d = json::parse(desk.Json({}));
  ASSERT_EQ(d["topics"].size(), 1u);
  const json& stories = d["topics"][0]["stories"];
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(stories[0]["title"], "Newer story");
  EXPECT_EQ(stories[1]["title"], "Older story");
  ASSERT_EQ(stories[1]["folded"].size(), 1u);
  EXPECT_EQ(stories[1]["folded"][0]["title"], "Reprint of the older");
  EXPECT_EQ(stories[0]["terms"][0]["snippet"], "the EU widened sanctions on tankers");
}

TEST(DeskModel, RedeliveriesAndOtherEventsChangeNothing) {
  DeskModel desk;
  EXPECT_TRUE(desk.Add(Story("e1", "s1", "", "Story", "https://a.example/1", 1000, "t")));
  const uint64_t version = desk.version();
  EXPECT_FALSE(desk.Add(Story("e1", "s1", "", "Story", "https://a.example/1", 1000, "t")));
  ConsumedEvent archived;
  archived.headers = {{"ce_id", "e9"}, {"ce_type", kStoryArchivedType}};
  EXPECT_FALSE(desk.Add(archived));
  ConsumedEvent broken;
  broken.headers = {{"ce_id", "e10"}, {"ce_type", kStoryMatchedType}};
  broken.payload = "\xff\xff\xff not protobuf";
  EXPECT_FALSE(desk.Add(broken));
  EXPECT_EQ(desk.undecodable(), 1u);
  EXPECT_EQ(desk.version(), version);
}

TEST(DeskModel, QuotesNewOrSaidBeforeFilteredByLeader) {
  DeskModel desk;
  desk.Add(Quote("q1", "kz-tokayev", "We will build it together,", true, 1000));
  desk.Add(Quote("q2", "kz-tokayev", "We will build it together,", false, 2000));
  desk.Add(Quote("q3", "de-merz", "Our cooperation is strategic,", true, 1500));
  json d = json::parse(desk.Json({}));
  ASSERT_EQ(d["quotes"].size(), 3u);
  EXPECT_EQ(d["quotes"][0]["event_id"], "q2");  // newest story first
  EXPECT_FALSE(d["quotes"][0]["is_new"]);
  EXPECT_EQ(d["quotes"][0]["first_seen_url"], "https://first.example/story");
  EXPECT_EQ(d["leaders"].size(), 2u);
  DeskFilter filter;
  filter.leader = "kz-tokayev";
  filter.new_only = true;
  d = json::parse(desk.Json(filter));
  ASSERT_EQ(d["quotes"].size(), 1u);
  EXPECT_EQ(d["quotes"][0]["event_id"], "q1");
}

TEST(DeskModel, HostileTextStaysDataAndOnlyWebLinksSurvive) {
  DeskModel desk;
  desk.Add(
      Story("e1", "s1", "", "<script>alert(1)</script><img src=x onerror=alert(2)>", "javascript:alert(3)", 1000, "t"));
  desk.Add(Story("e2", "s2", "", "Fine", " HTTPS://ok.example/a ", 2000, "t"));
  desk.Add(Story("e3", "s3", "", "Data link", "data:text/html,<b>x</b>", 3000, "t"));
  const json d = json::parse(desk.Json({}));
  const json& stories = d["topics"][0]["stories"];
  ASSERT_EQ(stories.size(), 3u);
  EXPECT_EQ(stories[2]["title"], "<script>alert(1)</script><img src=x onerror=alert(2)>");
  EXPECT_EQ(stories[2]["url"], "");
  EXPECT_EQ(stories[1]["url"], "HTTPS://ok.example/a");
  EXPECT_EQ(stories[0]["url"], "");
  EXPECT_EQ(SafeLink("http://a.example/x y"), "");
  EXPECT_EQ(SafeLink("https://a.example/\u00e4"), "https://a.example/\u00e4");
}

TEST(DeskModel, OldestClustersAndQuotesGoFirst) {
  DeskModel desk(/*max_clusters=*/2, /*max_quotes=*/1);
  desk.Add(Story("e1", "s1", "", "One", "https://a.example/1", 1000, "t"));
  desk.Add(Story("e2", "s2", "", "Two", "https://a.example/2", 2000, "t"));
  desk.Add(Story("e3", "s3", "", "Three", "https://a.example/3", 3000, "t"));
  desk.Add(Quote("q1", "de-merz", "First,", true, 1000));
  desk.Add(Quote("q2", "de-merz", "Second,", true, 2000));
  const json d = json::parse(desk.Json({}));
  const json& stories = d["topics"][0]["stories"];
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(stories[0]["title"], "Three");
  EXPECT_EQ(stories[1]["title"], "Two");
  ASSERT_EQ(d["quotes"].size(), 1u);
  EXPECT_EQ(d["quotes"][0]["text"], "Second,");
}

}  // namespace
}  // namespace newsmon::desk
