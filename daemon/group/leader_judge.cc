#include "group/leader_judge.h"

#include <nlohmann/json.hpp>

#include "newsmon/v1/events.pb.h"
#include "util/time.h"

namespace newsmon::group {

namespace {

using nlohmann::json;

Timestamp FromProto(const google::protobuf::Timestamp& t) { return Timestamp(std::chrono::seconds(t.seconds())); }

void ToProto(Timestamp t, google::protobuf::Timestamp* out) {
  out->set_seconds(t.time_since_epoch().count());
  out->set_nanos(0);
}

}  // namespace

std::string EncodeHistoryRecord(const HistoryRecord& r) {
  return json{{"v", 1},
              {"leader_id", r.leader_id},
              {"quote_id", r.prior.quote_id},
              {"text", r.prior.text},
              {"first_seen", FormatRfc3339(r.prior.first_seen)},
              {"url", r.prior.url}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<HistoryRecord> DecodeHistoryRecord(std::string_view text) {
  try {
    const json j = json::parse(text);
    if (!j.is_object() || j.value("v", 0) != 1) return MakeError(ErrorCode::kInvalidArgument, "not a v1 record");
    HistoryRecord r;
    r.leader_id = j.at("leader_id").get<std::string>();
    r.prior.quote_id = j.at("quote_id").get<std::string>();
    r.prior.text = j.at("text").get<std::string>();
    r.prior.url = j.at("url").get<std::string>();
    const auto first_seen = ParseRfc3339(j.at("first_seen").get<std::string>());
    if (!first_seen) return MakeError(ErrorCode::kInvalidArgument, "leader history: bad first_seen");
    r.prior.first_seen = *first_seen;
    if (r.leader_id.empty() || r.prior.quote_id.empty()) {
      return MakeError(ErrorCode::kInvalidArgument, "leader history: a record without a leader or a quote id");
    }
    return r;
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInvalidArgument, std::string("leader history: ") + e.what());
  }
}

size_t LeaderHistories::Expire(Timestamp before) {
  size_t removed = 0;
  for (auto& [leader, history] : by_leader) removed += history.Expire(before);
  std::erase_if(judged, [&](const auto& entry) { return entry.second < before; });
  return removed;
}

void Restore(LeaderHistories& histories, HistoryRecord record) {
  // The changelog is compacted by quote id: a quote's record is there once
  // after compaction but may be there twice before it.
  if (!histories.judged.emplace(record.prior.quote_id, record.prior.first_seen).second) return;
  histories.by_leader[record.leader_id].Add(std::move(record.prior));
}

Result<Judgement> JudgeCandidate(std::string_view candidate, LeaderHistories& histories) {
  v1::LeaderQuote msg;
  if (!msg.ParseFromArray(candidate.data(), static_cast<int>(candidate.size()))) {
    return MakeError(ErrorCode::kInvalidArgument, "leader quote candidate: not a LeaderQuote");
  }
  if (msg.leader_id().empty() || msg.quote().quote_id().empty() || msg.quote().text().empty()) {
    return MakeError(ErrorCode::kInvalidArgument, "leader quote candidate without a leader, a quote id or a text");
  }
  Judgement j;
  j.leader_id = msg.leader_id();
  if (histories.judged.contains(msg.quote().quote_id())) {
    j.already_judged = true;
    return j;
  }
  j.record.leader_id = msg.leader_id();
  j.record.prior =
      PriorQuote{msg.quote().quote_id(), msg.quote().text(), FromProto(msg.first_seen()), msg.story().canonical_url()};
  histories.judged.emplace(j.record.prior.quote_id, j.record.prior.first_seen);
  const NoveltyVerdict v =
      JudgeAndRecord(histories.by_leader[msg.leader_id()], j.record.prior, !msg.story().duplicate_of().empty());
  j.is_new = v.is_new;
  // The fields BuildLeaderQuote fills from a verdict, filled from this one.
  msg.set_is_new(v.is_new);
  msg.clear_first_seen();
  if (v.first_seen) ToProto(*v.first_seen, msg.mutable_first_seen());
  msg.set_first_seen_url(v.first_url);
  msg.set_similar_quote_id(v.similar_quote_id);
  msg.set_similarity(v.similarity);
  msg.SerializeToString(&j.payload);
  return j;
}

}  // namespace newsmon::group
