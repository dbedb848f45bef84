#include "app/emit_step.h"

#include <spdlog/fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "group/feed_partition.h"

namespace newsmon {

Status EmitStep::LoadFingerprints(StateStore& store, Timestamp since) {
  auto fingerprints = store.RecentFingerprints(since);
  if (!fingerprints) return fingerprints.error();
  for (auto& f : *fingerprints) near_dups_.Add(std::move(f));
  return Status::Ok();
}

Status EmitStep::EnsureHistories(StateStore& store, const std::set<std::string>& leader_ids) {
  for (const std::string& leader : leader_ids) {
    if (histories_.contains(leader)) continue;
    auto stored = store.QuotesOf(leader);
    if (!stored) return MakeError(ErrorCode::kIo, "quote history of " + leader + ": " + stored.error().message);
    QuoteHistoryIndex& h = histories_[leader];
    for (auto& q : *stored) h.Add(std::move(q));
  }
  return Status::Ok();
}

EmitStep::Output EmitStep::EmitStory(const CompiledConfig& compiled, const Story& story, const SeenItem& seen,
                                     const StoryAnalysis& analysis, ops::NewsmonMetrics& metrics) {
  const Config& config = *compiled.config;
  const Timestamp now = seen.seen_at;
  Output out;
  if (config.group.enabled() && config.group.role == GroupRole::kCollector) {
    // The analyzers consume the archive record; they judge near-duplicates.
    out.record.seen = seen;
    out.events.push_back(BuildArchivedStory(story, {}, config.kafka, StoryLinks{story.id, ""}));
    return out;
  }
  // Near-duplicates: a syndicated copy joins the first story's cluster, and
  // its quotes are not new. A story is never a copy of a later copy of
  // itself (its own cluster), so re-processing it gives the same links.
  StoryLinks links;
  if (auto near = near_dups_.FindNear(analysis.simhash);
      near && near->story_id != story.id && near->cluster_id != story.id) {
    links.cluster_id = near->cluster_id;
    links.duplicate_of = near->story_id;
    metrics.stories_duplicate.Get().Inc();
  } else {
    links.cluster_id = story.id;
  }
  out.record.seen = seen;
  if (analysis.simhash != 0) {
    StoryFingerprint f{story.id, analysis.simhash, links.cluster_id, now};
    near_dups_.Add(f);
    out.record.fingerprints.push_back(std::move(f));
  }

  metrics.stories_analysed.Get().Inc();
  metrics.quotes_found.Get().Inc(analysis.quotes.size());
  std::vector<std::string> topic_ids;
  for (const auto& m : analysis.matches) {
    topic_ids.push_back(m.topic_id);
    metrics.topic_matches.WithLabels({m.topic_id}).Inc();
  }
  if (analysis.matched()) {
    metrics.stories_matched.Get().Inc();
    out.events.push_back(BuildStoryMatched(story, analysis.matches, analysis.quotes, config.kafka, links));
    spdlog::info("feed {}: story matched [{}]: {}", story.feed_id, fmt::join(topic_ids, ","), story.title);
  }
  for (const Quote& q : analysis.quotes) {
    if (q.leader_id.empty()) continue;
    const Timestamp first_seen = story.published.value_or(story.updated.value_or(now));
    PriorQuote prior{QuoteId(story, q), q.text, first_seen, story.canonical_url};
    LeaderQuoteInput in{&story, &q, compiled.leaders->NameOf(q.leader_id), {}, topic_ids, links};
    if (config.group.enabled()) {
      // Group mode: the member owning the leader's partition judges it
      // (group/leader_judge.h); first_seen carries the story's time to it.
      in.novelty.first_seen = first_seen;
      OutgoingEvent candidate = BuildLeaderQuote(in, config.kafka);
      candidate.topic = config.group.leader_topic;
      candidate.partition = group::FeedPartition(q.leader_id, config.group.partitions);
      out.events.push_back(std::move(candidate));
      continue;
    }
    auto it = histories_.find(q.leader_id);
    if (it == histories_.end()) continue;  // EnsureHistories was skipped: a bug, but never a false "new"
    in.novelty = JudgeAndRecord(it->second, prior, !links.duplicate_of.empty());
    if (in.novelty.is_new) {
      metrics.leader_quotes_new.WithLabels({q.leader_id}).Inc();
      spdlog::info("new quote from {}: \"{}\" ({})", q.leader_id, q.text, story.canonical_url);
    } else {
      metrics.leader_quotes_repeated.WithLabels({q.leader_id}).Inc();
    }
    out.record.quotes.push_back({q.leader_id, std::move(prior)});
    out.events.push_back(BuildLeaderQuote(in, config.kafka));
  }
  // The archive keeps every analysed story, matched or not, for backtests.
  if (!config.kafka.articles_topic.empty()) {
    out.events.push_back(BuildArchivedStory(story, topic_ids, config.kafka, links));
  }
  return out;
}

EmitStep::Expired EmitStep::Expire(Timestamp stories, Timestamp quotes) {
  Expired e;
  e.fingerprints = near_dups_.Expire(stories);
  for (auto& [leader, h] : histories_) e.quotes += h.Expire(quotes);
  return e;
}

size_t EmitStep::history_quotes() const {
  size_t n = 0;
  for (const auto& [leader, h] : histories_) n += h.size();
  return n;
}

size_t EmitStep::history_bytes() const {
  size_t n = 0;
  for (const auto& [leader, h] : histories_) n += h.memory_bytes();
  return n;
}

}  // namespace newsmon
