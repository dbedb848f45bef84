#include "group/changelog.h"

#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "group/feed_partition.h"
#include "group/partition_reader.h"
#include "util/time.h"

namespace newsmon::group {

namespace {

using nlohmann::json;

json OptionalTime(const std::optional<Timestamp>& t) { return t ? json(FormatRfc3339(*t)) : json(nullptr); }

std::optional<Timestamp> TimeOf(const json& j, const char* key) {
  if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
  const auto t = ParseRfc3339(j.at(key).get<std::string>());
  if (!t) throw std::invalid_argument(std::string("bad time in ") + key);
  return t;
}

}  // namespace

bool ChangedBeyondSchedule(const FeedState& before, const FeedState& after) {
  auto essentials = [](const FeedState& f) {
    return std::tie(f.feed_id, f.url, f.etag, f.last_modified, f.body_hash, f.error_streak, f.last_error,
                    f.redirect_candidate, f.redirect_count);
  };
  return essentials(before) != essentials(after);
}

std::string EncodeSnapshot(const FeedSnapshot& s) {
  const FeedState& f = s.state;
  json seen = json::array();
  for (const auto& [key, hash] : s.seen) seen.push_back(json::array({key, hash}));
  return json{{"v", 1},
              {"feed_id", f.feed_id},
              {"url", f.url},
              {"etag", f.etag},
              {"last_modified", f.last_modified},
              {"body_hash", f.body_hash},
              {"next_poll", OptionalTime(f.next_poll)},
              {"last_poll", OptionalTime(f.last_poll)},
              {"last_success", OptionalTime(f.last_success)},
              {"error_streak", f.error_streak},
              {"last_http_status", f.last_http_status},
              {"last_error", f.last_error},
              {"redirect_candidate", f.redirect_candidate},
              {"redirect_count", f.redirect_count},
              {"interval_seconds", f.interval_seconds},
              {"items_per_hour", f.items_per_hour},
              {"schedule_reason", f.schedule_reason},
              {"seen", std::move(seen)}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<FeedSnapshot> DecodeSnapshot(std::string_view text) {
  try {
    const json j = json::parse(text);
    if (!j.is_object() || j.value("v", 0) != 1) return MakeError(ErrorCode::kInvalidArgument, "not a v1 snapshot");
    FeedSnapshot s;
    FeedState& f = s.state;
    f.feed_id = j.at("feed_id").get<std::string>();
    if (f.feed_id.empty()) return MakeError(ErrorCode::kInvalidArgument, "snapshot without a feed id");
    f.url = j.at("url").get<std::string>();
    f.etag = j.at("etag").get<std::string>();
    f.last_modified = j.at("last_modified").get<std::string>();
    f.body_hash = j.at("body_hash").get<std::string>();
    f.next_poll = TimeOf(j, "next_poll");
    f.last_poll = TimeOf(j, "last_poll");
    f.last_success = TimeOf(j, "last_success");
    f.error_streak = j.at("error_streak").get<int>();
    f.last_http_status = j.at("last_http_status").get<int>();
    f.last_error = j.at("last_error").get<std::string>();
    f.redirect_candidate = j.at("redirect_candidate").get<std::string>();
    f.redirect_count = j.at("redirect_count").get<int>();
    f.interval_seconds = j.at("interval_seconds").get<int64_t>();
    f.items_per_hour = j.at("items_per_hour").get<double>();
    f.schedule_reason = j.at("schedule_reason").get<std::string>();
    for (const json& item : j.at("seen")) {
      if (!item.is_array() || item.size() != 2) return MakeError(ErrorCode::kInvalidArgument, "bad seen item");
      s.seen.emplace_back(item.at(0).get<std::string>(), item.at(1).get<std::string>());
    }
    return s;
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInvalidArgument, std::string("feed snapshot: ") + e.what());
  }
}

OutgoingEvent SnapshotEvent(const FeedSnapshot& snapshot, const std::string& topic, int partitions) {
  OutgoingEvent event;
  event.topic = topic;
  event.key = snapshot.state.feed_id;
  event.payload = EncodeSnapshot(snapshot);
  event.partition = FeedPartition(event.key, partitions);
  return event;
}

Result<std::vector<FeedSnapshot>> ReadFeedSnapshots(const std::string& bootstrap_servers, const std::string& topic,
                                                    int partition, std::chrono::milliseconds timeout,
                                                    size_t* malformed) {
  std::map<std::string, FeedSnapshot> latest;
  Status read =
      ReadPartitionToEnd(bootstrap_servers, topic, partition, timeout, [&](std::string_view, std::string_view value) {
        auto s = DecodeSnapshot(value);
        if (!s) {
          if (malformed) ++*malformed;
          return;
        }
        std::string id = s->state.feed_id;
        latest[id] = std::move(*s);
      });
  if (!read) return MakeError(read.error().code, "feed-state changelog: " + read.error().message);
  std::vector<FeedSnapshot> out;
  for (auto& [id, s] : latest) out.push_back(std::move(s));
  return out;
}

}  // namespace newsmon::group
