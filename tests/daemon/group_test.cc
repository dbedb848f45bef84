// Group mode against the real binary: instances sharing one consumer group
// on the embedded cluster split the feeds between them, and the feeds of an
// instance killed with SIGKILL are polled by the others once the group's
// session timeout has dropped it.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <csignal>
#include <nlohmann/json.hpp>
#include <thread>

#include "daemon_fixture.h"
#include "group/changelog.h"
#include "group/feed_partition.h"
#include "newsmon/v1/events.pb.h"

namespace newsmon::testing {
namespace {

using Clock = std::chrono::steady_clock;

class GroupTest : public DaemonTest {
 protected:
  static constexpr int kPartitions = 12;
  static constexpr auto kSessionTimeout = std::chrono::seconds(3);

  // The mock cluster does not serve CreateTopics: the group's topics are
  // made here, as an operator would on a real cluster.
  void SetUp() override {
    DaemonTest::SetUp();
    for (const char* topic :
         {"newsmon.feeds.v1", "newsmon.feed-state.v1", "newsmon.leader-quotes.v1", "newsmon.leader-history.v1"}) {
      ASSERT_EQ(rd_kafka_mock_topic_create(cluster_->mock(), topic, kPartitions, 1), RD_KAFKA_RESP_ERR_NO_ERROR);
    }
  }

  // One instance's config: its own state, metrics port and user agent (so
  // the feed server can tell who polled), the group the same for all.
  fs::path WriteInstanceConfig(const GrowingFeeds& feeds, const std::string& name) {
    const fs::path dir = dir_ / name;
    fs::create_directories(dir);
    ports_[name] = FreePort();
    std::string yaml = "state_dir: " + (dir / "state").string() +
                       "\nmetrics_listen: 127.0.0.1:" + std::to_string(ports_[name]) + R"(
log_level: info
http: {allow_private_addresses: true, per_host_connections: 8, user_agent: )" +
                       name + "}\n" + KafkaYaml() + R"(group: {id: test-group, partitions: )" +
                       std::to_string(kPartitions) + ", session_timeout: " + std::to_string(kSessionTimeout.count()) +
                       R"(s}
topics:
  - {id: watch, query: 'sanctions AND Russia'}
leaders:
  - {id: kz-tokayev, name: Kassym-Jomart Tokayev, roles: [{title: President of Kazakhstan, from: 2019-03-20}]}
feeds:
)";
    yaml += FeedsYaml(feeds);
    std::ofstream(dir / "config.yaml") << yaml;
    return dir / "config.yaml";
  }

  std::unique_ptr<ChildProcess> Start(const GrowingFeeds& feeds, const std::string& name) {
    const fs::path config = WriteInstanceConfig(feeds, name);
    return std::make_unique<ChildProcess>(std::vector<std::string>{kNewsmon, "run", "--config", config.string()});
  }

  // Who polled each feed in [from, to): feed path -> user agents.
  static std::map<std::string, std::set<std::string>> Pollers(const GrowingFeeds& feeds, Clock::time_point from,
                                                              Clock::time_point to = Clock::time_point::max()) {
    std::map<std::string, std::set<std::string>> out;
    for (const SeenRequest& r : feeds.Requests()) {
      if (r.arrived >= from && r.arrived < to) out[r.path].insert(r.Header("user-agent"));
    }
    return out;
  }

  // Waits until every feed is polled by exactly one instance, and `members`
  // instances poll, over a window of `window`: the group has settled.
  // Returns the last window's pollers.
  std::map<std::string, std::set<std::string>> WaitSettled(const GrowingFeeds& feeds, size_t members,
                                                           std::chrono::seconds timeout = std::chrono::seconds(60),
                                                           std::chrono::seconds window = std::chrono::seconds(4)) {
    const auto deadline = Clock::now() + timeout;
    std::map<std::string, std::set<std::string>> pollers;
    while (Clock::now() < deadline) {
      const auto from = Clock::now();
      std::this_thread::sleep_for(window);
      pollers = Pollers(feeds, from);
      bool settled = pollers.size() == static_cast<size_t>(feeds.feeds());
      std::set<std::string> polling;
      for (const auto& [path, agents] : pollers) {
        settled = settled && agents.size() == 1;
        polling.insert(agents.begin(), agents.end());
      }
      settled = settled && polling.size() == members;
      if (settled) return pollers;
    }
    ADD_FAILURE() << "the group did not settle: " << pollers.size() << " of " << feeds.feeds()
                  << " feeds polled, some perhaps by several instances";
    return pollers;
  }

  // Story ids in the stories topic, duplicates (a moved feed's re-sent
  // items) folded by id.
  std::set<std::string> StoryIds(size_t expected, std::chrono::seconds timeout) {
    std::set<std::string> ids;
    auto reader = KafkaReader::Open(cluster_->bootstrap_servers(), "test.stories", true);
    EXPECT_TRUE(reader.ok());
    if (!reader) return ids;
    const auto deadline = Clock::now() + timeout;
    while (ids.size() < expected && Clock::now() < deadline) {
      auto batch = (*reader)->ReadUpTo(10000, std::chrono::milliseconds(500));
      if (!batch) continue;
      for (auto& e : *batch) ids.insert(e.key);
    }
    return ids;
  }

  void ExpectEveryItemOnce(const GrowingFeeds& feeds) {
    const auto items = feeds.AllItems();
    const std::set<std::string> ids = StoryIds(items.size(), std::chrono::seconds(60));
    size_t missing = 0;
    for (const auto& [feed, guid] : items) missing += ids.count(GrowingFeeds::StoryId(feed, guid)) ? 0 : 1;
    EXPECT_EQ(missing, 0u) << "of " << items.size() << " items";
    EXPECT_EQ(ids.size(), items.size()) << "stories that were never published";
  }

  // How often each story id was delivered so far.
  std::map<std::string, int> Deliveries() {
    std::map<std::string, int> n;
    auto reader = KafkaReader::Open(cluster_->bootstrap_servers(), "test.stories", true);
    EXPECT_TRUE(reader.ok());
    if (!reader) return n;
    while (true) {
      auto batch = (*reader)->ReadUpTo(10000, std::chrono::milliseconds(1500));
      if (!batch || batch->empty()) break;
      for (auto& e : *batch) ++n[e.key];
    }
    return n;
  }

  struct JudgedQuote {
    std::string event_id, text;
    bool is_new = false;
  };
  // The LeaderQuotes in `topic` once `expected` distinct event ids are there.
  std::vector<JudgedQuote> LeaderQuotes(size_t expected, const std::string& topic = "test.quotes",
                                        std::chrono::seconds timeout = std::chrono::seconds(60)) {
    std::vector<JudgedQuote> out;
    std::set<std::string> ids;
    auto reader = KafkaReader::Open(cluster_->bootstrap_servers(), topic, true);
    EXPECT_TRUE(reader.ok());
    if (!reader) return out;
    const auto deadline = Clock::now() + timeout;
    while (ids.size() < expected && Clock::now() < deadline) {
      auto batch = (*reader)->ReadUpTo(10000, std::chrono::milliseconds(500));
      if (!batch) continue;
      for (auto& e : *batch) {
        v1::LeaderQuote msg;
        EXPECT_TRUE(msg.ParseFromString(e.payload));
        EXPECT_EQ(e.Header("ce_id"), msg.event_id());
        ids.insert(msg.event_id());
        out.push_back({msg.event_id(), msg.quote().text(), msg.is_new()});
      }
    }
    EXPECT_EQ(ids.size(), expected) << "distinct LeaderQuote events in " << topic;
    return out;
  }

  // Per quote text, the distinct events that flag it new.
  static std::map<std::string, std::set<std::string>> NewFlags(const std::vector<JudgedQuote>& quotes) {
    std::map<std::string, std::set<std::string>> out;
    for (const auto& q : quotes) {
      out[q.text];
      if (q.is_new) out[q.text].insert(q.event_id);
    }
    return out;
  }

  // The reference: the config at `path` as one instance (no group, topics
  // single.*) runs one cycle over the same feeds.
  static void RunAsOneInstance(const fs::path& path) {
    std::string yaml;
    {
      std::ifstream in(path);
      yaml.assign(std::istreambuf_iterator<char>(in), {});
    }
    const size_t group_line = yaml.find("group: {");
    ASSERT_NE(group_line, std::string::npos);
    yaml.erase(group_line, yaml.find('\n', group_line) + 1 - group_line);
    for (const std::string kind : {"stories", "quotes"}) {
      yaml.replace(yaml.find("test." + kind), 5 + kind.size(), "single." + kind);
    }
    std::ofstream(path) << yaml;
    const auto once = RunCommand(kNewsmon + " run --once --config " + path.string() + " 2>&1");
    ASSERT_EQ(once.exit_code, 0) << once.output;
  }

  // The group published the LeaderQuote and StoryMatched event ids the one
  // instance did, each quote flagged new once; returns the group's quotes.
  std::vector<JudgedQuote> ExpectTheEventsOfOneInstance(const GrowingFeeds& feeds) {
    const size_t quotes = static_cast<size_t>(feeds.feeds());
    const auto by_group = LeaderQuotes(quotes);
    const auto by_one = LeaderQuotes(quotes, "single.quotes");
    std::set<std::string> group_ids, one_ids;
    for (const auto& q : by_group) group_ids.insert(q.event_id);
    for (const auto& q : by_one) one_ids.insert(q.event_id);
    EXPECT_EQ(group_ids, one_ids) << "the same LeaderQuote events";
    for (const auto& [text, flagged] : NewFlags(by_group)) EXPECT_EQ(flagged.size(), 1u) << text;
    for (const auto& [text, flagged] : NewFlags(by_one)) EXPECT_EQ(flagged.size(), 1u) << text;
    const std::set<std::string> group_stories = StoryIds(feeds.AllItems().size(), std::chrono::seconds(60));
    std::set<std::string> one_stories;
    auto reader = KafkaReader::Open(cluster_->bootstrap_servers(), "single.stories", true);
    EXPECT_TRUE(reader.ok());
    if (reader) {
      auto batch = (*reader)->ReadUpTo(10000, std::chrono::milliseconds(1500));
      EXPECT_TRUE(batch.ok());
      if (batch) {
        for (auto& e : *batch) one_stories.insert(e.key);
      }
    }
    EXPECT_EQ(group_stories, one_stories) << "the same StoryMatched events";
    EXPECT_EQ(one_stories.size(), feeds.AllItems().size());
    return by_group;
  }

  // Instances a, b and c, once they split the feeds between them.
  std::map<std::string, std::set<std::string>> StartThree(const GrowingFeeds& feeds) {
    for (const char* name : {"instance-a", "instance-b", "instance-c"}) instances_[name] = Start(feeds, name);
    return WaitSettled(feeds, 3);
  }

  std::map<std::string, int> ports_;
  std::map<std::string, std::unique_ptr<ChildProcess>> instances_;
};

TEST_F(GroupTest, ThreeInstancesSplitTheFeedsAndDeliverEveryItem) {
  GrowingFeeds feeds(24);
  for (int f = 0; f < feeds.feeds(); ++f) feeds.AddItem(f);
  const auto pollers = StartThree(feeds);
  std::map<std::string, int> feeds_of;
  for (const auto& [path, agents] : pollers) ++feeds_of[*agents.begin()];
  EXPECT_EQ(feeds_of.size(), 3u) << "every instance polls some of the feeds";
  int owned = 0;
  for (const auto& [name, port] : ports_) owned += static_cast<int>(Metric(port, "newsmon_group_partitions_owned"));
  EXPECT_EQ(owned, kPartitions) << "each partition is owned by exactly one instance";
  // `newsmon status` of instance a names what it polls, and only that.
  const auto status = RunCommand(kNewsmon + " status --config " + (dir_ / "instance-a" / "config.yaml").string());
  ASSERT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find("group test-group: this instance (newsmon@"), std::string::npos) << status.output;
  for (const auto& [path, agents] : pollers) {
    const std::string id = "f" + path.substr(6, path.size() - 6 - 4);  // "/feed/N.xml"
    std::istringstream rows(status.output);
    std::string row;
    while (std::getline(rows, row) && !row.starts_with(id + "\t")) {
    }
    const bool mine = agents.count("instance-a") > 0;
    EXPECT_NE(row.find(mine ? "\tthis instance (partition" : "\tanother member (partition"), std::string::npos)
        << id << " polled by " << *agents.begin() << ": " << row;
  }
  // Items published while the group runs are delivered too.
  for (int f = 0; f < feeds.feeds(); ++f) feeds.AddItem(f);
  ExpectEveryItemOnce(feeds);
  // Polls that find nothing new publish no feed-state snapshot; one that
  // finds an item does.
  auto snapshots = [&] {
    double n = 0;
    for (const auto& [name, port] : ports_) n += Metric(port, "newsmon_group_snapshots_published_total");
    return n;
  };
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const double quiet_from = snapshots();
  const auto quiet_start = Clock::now();
  // Intervals stretch to max_interval (2 s) on feeds that publish nothing,
  // and a loaded machine polls late: 5 s is enough for one poll of each.
  std::this_thread::sleep_for(std::chrono::seconds(5));
  EXPECT_EQ(Pollers(feeds, quiet_start).size(), static_cast<size_t>(feeds.feeds())) << "every feed polled meanwhile";
  EXPECT_EQ(snapshots(), quiet_from) << "snapshots published by polls that found nothing new";
  feeds.AddItem(3);
  ExpectEveryItemOnce(feeds);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_GE(snapshots(), quiet_from + 1) << "the poll that found the item published its snapshot";
  for (auto& [name, p] : instances_) {
    p->Signal(SIGTERM);
    EXPECT_EQ(p->WaitFor(std::chrono::seconds(30)).value_or(-1), 0);
  }
}

TEST_F(GroupTest, AbortedTransactionsAreSentAgainAndNoSnapshotGetsAheadOfItsEvents) {
  GrowingFeeds feeds(6);
  for (int f = 0; f < feeds.feeds(); ++f) feeds.AddItem(f);
  instances_["instance-a"] = Start(feeds, "instance-a");
  WaitSettled(feeds, 1);
  ExpectEveryItemOnce(feeds);
  const int port = ports_.at("instance-a");
  auto transactions = [&](const std::string& result) {
    return Metric(port, "newsmon_group_event_transactions_total", {{"result", result}});
  };
  const double committed_before = transactions("committed");
  EXPECT_GT(committed_before, 0) << "events and snapshots went out in transactions";
  // The coordinator refuses the next commits: they abort, and every record
  // in them goes out again in a later transaction.
  rd_kafka_mock_push_request_errors(cluster_->mock(), 26 /* EndTxn */, 3, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS);
  for (int f = 0; f < feeds.feeds(); ++f) feeds.AddItem(f);
  ExpectEveryItemOnce(feeds);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_GE(transactions("aborted"), 1);
  EXPECT_GT(transactions("committed"), committed_before);
  // Every item a snapshot records as seen has its event in the stories topic.
  const auto stories = StoryIds(feeds.AllItems().size(), std::chrono::seconds(10));
  auto reader = KafkaReader::Open(cluster_->bootstrap_servers(), "newsmon.feed-state.v1", true);
  ASSERT_TRUE(reader.ok());
  auto records = (*reader)->ReadUpTo(100000, std::chrono::milliseconds(1500));
  ASSERT_TRUE(records.ok());
  size_t seen = 0;
  for (const auto& r : *records) {
    auto snapshot = group::DecodeSnapshot(r.payload);
    ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
    const int feed = std::stoi(snapshot->state.feed_id.substr(1));
    for (const auto& [key, hash] : snapshot->seen) {
      ++seen;
      EXPECT_TRUE(stories.count(GrowingFeeds::StoryId(feed, key))) << snapshot->state.feed_id << " " << key;
    }
  }
  EXPECT_GE(seen, feeds.AllItems().size());
  instances_.at("instance-a")->Signal(SIGTERM);
  EXPECT_EQ(instances_.at("instance-a")->WaitFor(std::chrono::seconds(30)).value_or(-1), 0);
}

TEST_F(GroupTest, AKilledInstancesFeedsArePolledByTheOthersWithinTheSessionTimeout) {
  GrowingFeeds feeds(24);
  for (int f = 0; f < feeds.feeds(); ++f) feeds.AddItem(f);
  const auto before = StartThree(feeds);
  std::set<std::string> feeds_of_b;
  for (const auto& [path, agents] : before) {
    if (agents.count("instance-b")) feeds_of_b.insert(path);
  }
  ASSERT_FALSE(feeds_of_b.empty());

  // Everything published so far is delivered and committed, and the feed
  // states are in the changelog.
  ExpectEveryItemOnce(feeds);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const auto before_kill = feeds.AllItems();

  instances_.at("instance-b")->Signal(SIGKILL);
  instances_.at("instance-b")->Wait();
  const auto killed = Clock::now();
  for (int f = 0; f < feeds.feeds(); ++f) feeds.AddItem(f);
  // Every feed of the dead instance is polled again by a survivor within
  // the session timeout plus 10 s.
  const auto deadline = killed + kSessionTimeout + std::chrono::seconds(10);
  std::set<std::string> taken_over;
  while (Clock::now() < deadline && taken_over.size() < feeds_of_b.size()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    for (const auto& [path, agents] : Pollers(feeds, killed)) {
      if (feeds_of_b.count(path) && !agents.count("instance-b")) taken_over.insert(path);
    }
  }
  EXPECT_EQ(taken_over.size(), feeds_of_b.size()) << "feeds of the killed instance polled again in time";
  ExpectEveryItemOnce(feeds);
  // The survivors restored the dead instance's feed state from the
  // changelog: what it had committed is not sent again.
  const auto deliveries = Deliveries();
  int resent = 0;
  for (const auto& [feed, guid] : before_kill) {
    auto it = deliveries.find(GrowingFeeds::StoryId(feed, guid));
    if (it != deliveries.end() && it->second > 1) ++resent;
  }
  EXPECT_EQ(resent, 0) << "of " << before_kill.size() << " items committed before the kill";
}

TEST_F(GroupTest, AFourthInstanceTakesSomeFeedsWhileTheRestArePolledThroughout) {
  GrowingFeeds feeds(24);
  const auto before = StartThree(feeds);
  const auto joined = Clock::now();
  auto d = Start(feeds, "instance-d");
  const auto after = WaitSettled(feeds, 4);
  const auto settled = Clock::now();
  std::set<std::string> moved, kept;
  for (const auto& [path, agents] : after) (before.at(path) == agents ? kept : moved).insert(path);
  EXPECT_FALSE(moved.empty()) << "the new instance took some feeds";
  EXPECT_FALSE(kept.empty()) << "cooperative assignment moves only what must move";
  for (const auto& [path, agents] : after) {
    if (moved.count(path)) {
      EXPECT_EQ(*agents.begin(), "instance-d") << path << " moved, but not to the new instance";
    }
  }
  // A feed that stayed was polled all along: no gap longer than two of its
  // intervals while the group rebalanced.
  std::map<std::string, std::vector<Clock::time_point>> polls;
  for (const SeenRequest& r : feeds.Requests()) {
    if (kept.count(r.path) && r.arrived >= joined - std::chrono::seconds(2) && r.arrived < settled) {
      polls[r.path].push_back(r.arrived);
    }
  }
  for (const std::string& path : kept) {
    auto& times = polls[path];
    std::sort(times.begin(), times.end());
    times.insert(times.begin(), joined - std::chrono::seconds(2));
    times.push_back(settled);
    for (size_t i = 1; i < times.size(); ++i) {
      EXPECT_LE(times[i] - times[i - 1], std::chrono::seconds(4)) << path << " was not polled during the rebalance";
    }
  }
}

// Invented statements, far enough apart that none repeats another.
const char* const kStatements[] = {
    "Our corridor to the Caspian will carry twice the grain by autumn",
    "No partner of ours should fear the new customs rules",
    "Investment in clean hydrogen is the task of this decade",
    "The steppe railway opens to freight in the first week of spring",
    "We ask our neighbours for patience with the water treaty",
    "Every village school will have a fast connection soon",
    "Farmers deserve credit that does not ruin them",
    "The uranium agreement protects both our economies",
    "The new airport terminal welcomes its first flights in March",
};

std::string QuotedBy(int statement) { return std::string("\u201c") + kStatements[statement] + ",\u201d Tokayev said."; }

// Forty made-up words, different for each seed: context that keeps a
// story reporting an old statement from being a near-duplicate of the
// story that first reported it.
std::string Context(int seed) {
  std::string text;
  uint32_t x = 2654435761u * static_cast<uint32_t>(seed + 1);
  for (int w = 0; w < 40; ++w) {
    for (int c = 0; c < 6; ++c) {
      x = x * 1664525u + 1013904223u;
      text += static_cast<char>('a' + (x >> 24) % 26);
    }
    text += w % 10 == 9 ? ". " : " ";
  }
  return text;
}

TEST_F(GroupTest, ALeaderQuoteIsFlaggedNewOnceAcrossTheGroupAlsoWhenItsJudgeIsKilled) {
  GrowingFeeds feeds(12);
  // Each statement in three feeds (syndication): feeds of different
  // instances report it, one judge decides.
  for (int f = 0; f < feeds.feeds(); ++f) feeds.AddItem(f, QuotedBy(f % 4));
  StartThree(feeds);
  for (const auto& [text, flagged] : NewFlags(LeaderQuotes(12))) {
    EXPECT_EQ(flagged.size(), 1u) << "\"" << text << "\" flagged new by " << flagged.size() << " events";
  }
  // The judge of the leader's partition now (it may have moved while the
  // group formed), as each member's GET /group tells.
  const int leader_partition = group::FeedPartition("kz-tokayev", kPartitions);
  std::string judge;
  for (int i = 0; i < 100 && judge.empty(); ++i) {
    for (const auto& [name, port] : ports_) {
      const auto owned = nlohmann::json::parse(
          RunCommand("curl -sf http://127.0.0.1:" + std::to_string(port) + "/group").output, nullptr, false);
      if (owned.is_discarded() || !owned.contains("judge_partitions")) continue;
      for (const auto& p : owned["judge_partitions"]) {
        if (p.get<int>() == leader_partition) judge = name;
      }
    }
    if (judge.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(judge.empty()) << "no instance judges the leader's partition " << leader_partition;
  instances_.at(judge)->Signal(SIGKILL);
  instances_.at(judge)->Wait();
  // New statements, and the old ones again in other words around them: the
  // next judge must know them from the history changelog, or it flags them
  // new a second time.
  for (int f = 0; f < feeds.feeds(); ++f) {
    feeds.AddItem(f, QuotedBy(4 + f % 4));
    feeds.AddItem(f, Context(f) + QuotedBy(f % 4));
  }
  const auto flags = NewFlags(LeaderQuotes(36, "test.quotes", std::chrono::seconds(90)));
  EXPECT_EQ(flags.size(), 8u);
  for (const auto& [text, flagged] : flags) {
    EXPECT_EQ(flagged.size(), 1u) << "\"" << text << "\" flagged new by " << flagged.size() << " events";
  }
}

TEST_F(GroupTest, ThreeInstancesPublishTheEventsOneInstancePublishes) {
  GrowingFeeds feeds(12);
  for (int f = 0; f < feeds.feeds(); ++f) {
    feeds.AddItem(f, QuotedBy(f % 8));
    feeds.AddItem(f);
  }
  RunAsOneInstance(WriteInstanceConfig(feeds, "single"));
  StartThree(feeds);
  EXPECT_EQ(NewFlags(ExpectTheEventsOfOneInstance(feeds)).size(), 8u);
}

// A config of `name` with the archive topic and, for the group, `role`.
std::string WithRole(std::string yaml, const std::string& role, const std::string& archive) {
  yaml.replace(yaml.find("quotes: test.quotes"), std::string("quotes: test.quotes").size(),
               "quotes: test.quotes, articles: " + archive);
  if (!role.empty()) yaml.replace(yaml.find("group: {"), 8, "group: {role: " + role + ", ");
  return yaml;
}

TEST_F(GroupTest, ACollectorAndAnAnalyzerPublishWhatOneInstancePublishes) {
  ASSERT_EQ(rd_kafka_mock_topic_create(cluster_->mock(), "test.archive", 4, 1), RD_KAFKA_RESP_ERR_NO_ERROR);
  GrowingFeeds feeds(8);
  for (int f = 0; f < feeds.feeds(); ++f) {
    feeds.AddItem(f, QuotedBy(f % 4));
    feeds.AddItem(f);
  }
  auto config_of = [&](const std::string& name, const std::string& role, const std::string& archive) {
    std::string yaml;
    {
      std::ifstream in(WriteInstanceConfig(feeds, name));
      yaml.assign(std::istreambuf_iterator<char>(in), {});
    }
    yaml = WithRole(yaml, role, archive);
    std::ofstream(dir_ / name / "config.yaml") << yaml;
    return dir_ / name / "config.yaml";
  };
  RunAsOneInstance(config_of("single", "", "single.archive"));
  // The coordinator refuses the group's first commits: whichever transaction
  // aborts (the collector's events, the analyzer's batch, the judge's
  // verdicts) is done again, and the events come out the same.
  rd_kafka_mock_push_request_errors(cluster_->mock(), 26 /* EndTxn */, 4, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS);
  const auto started = Clock::now();
  auto collector = std::make_unique<ChildProcess>(std::vector<std::string>{
      kNewsmon, "run", "--config", config_of("collector", "collector", "test.archive").string()});
  auto analyzer = std::make_unique<ChildProcess>(std::vector<std::string>{
      kNewsmon, "run", "--config", config_of("analyzer", "analyzer", "test.archive").string()});
  ExpectTheEventsOfOneInstance(feeds);
  double aborted = 0;
  for (const char* name : {"collector", "analyzer"}) {
    for (const char* kind : {"event", "analyzer", "judge"}) {
      aborted += Metric(ports_.at(name), std::string("newsmon_group_") + kind + "_transactions_total",
                        {{"result", "aborted"}});
    }
  }
  EXPECT_GE(aborted, 1);
  // Only the collector polled; the analyzer took its work from the archive.
  for (const auto& [path, agents] : Pollers(feeds, started)) {
    EXPECT_EQ(agents, std::set<std::string>{"collector"}) << path;
  }
  for (auto* p : {collector.get(), analyzer.get()}) {
    p->Signal(SIGTERM);
    EXPECT_EQ(p->WaitFor(std::chrono::seconds(30)).value_or(-1), 0);
  }
}

TEST_F(GroupTest, StartRefusesAnEmbeddedClusterAndAPartitionCountTheTopicDoesNotHave) {
  GrowingFeeds feeds(1);
  const fs::path config = WriteInstanceConfig(feeds, "instance-a");
  std::string yaml;
  {
    std::ifstream in(config);
    yaml.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto run = [&](const std::string& text) {
    std::ofstream(config) << text;
    return RunCommand(kNewsmon + " run --config " + config.string() + " 2>&1");
  };
  const std::string brokers = cluster_->bootstrap_servers();
  std::string embedded = yaml;
  embedded.replace(embedded.find(brokers), brokers.size(), "embedded");
  auto r = run(embedded);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("group mode needs a Kafka cluster the instances share"), std::string::npos) << r.output;

  std::ofstream(config) << yaml;
  r = RunCommand(kNewsmon + " run --once --config " + config.string() + " 2>&1");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("--once runs one instance's cycle and does not join group test-group"), std::string::npos)
      << r.output;

  std::string eight = yaml;
  const std::string twelve = "partitions: " + std::to_string(kPartitions);
  eight.replace(eight.find(twelve), twelve.size(), "partitions: 8");
  r = run(eight);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("has 12 partitions but group.partitions is 8"), std::string::npos) << r.output;
}

TEST_F(GroupTest, KafkaSetupChecksTheTopicsAndIsIdempotent) {
  GrowingFeeds feeds(1);
  const fs::path config = WriteInstanceConfig(feeds, "setup");
  const std::string setup = kNewsmon + " kafka-setup --config " + config.string();
  // Every topic there (the fixture made them): nothing to do, twice.
  for (const char* mode : {" --check", "", ""}) {
    const auto r = RunCommand(setup + mode + " 2>&1");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    for (const char* topic : {"test.stories", "test.quotes", "newsmon.feeds.v1", "newsmon.feed-state.v1",
                              "newsmon.leader-quotes.v1", "newsmon.leader-history.v1"}) {
      EXPECT_NE(r.output.find(std::string(topic) + "\t"), std::string::npos) << topic << " not reported";
    }
    EXPECT_EQ(r.output.find("missing"), std::string::npos) << r.output;
  }
  std::string yaml;
  {
    std::ifstream in(config);
    yaml.assign(std::istreambuf_iterator<char>(in), {});
  }
  // A group of another size than its topics.
  std::string eight = yaml;
  const std::string twelve = "partitions: " + std::to_string(kPartitions);
  eight.replace(eight.find(twelve), twelve.size(), "partitions: 8");
  std::ofstream(config) << eight;
  auto r = RunCommand(setup + " 2>&1");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("has 12 partitions but group.partitions is 8"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("wrong partition count"), std::string::npos) << r.output;
  // Event topics may have any partition count (the fixture's have 3): only
  // the group's must match. (A topic that does not exist cannot be shown
  // here: the mock cluster creates any topic a metadata request names.)
  std::ofstream(config) << yaml;
  r = RunCommand(setup + " --check 2>&1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("test.stories\t3\t12\tok"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace newsmon::testing
