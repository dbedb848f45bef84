// The polling step: what a feed's fetch result means, pure (no store, no
// clock, no I/O). The engine fetches, calls ClassifyFetch, parses on the
// worker pool when asked to, then ApplyParse.
//
//   PollStep s = ClassifyFetch(feed.config, feed.state, fetched, now);
//   if (s.parse) s = ApplyParse(std::move(s), feed::ParseFeed(body, {url, type}));
//   PlanNextPoll(policy, schedule, s.outcome, rng);
#pragma once

#include <string>
#include <vector>

#include "feed/feed.h"
#include "fetch/fetcher.h"
#include "fetch/poll_planner.h"
#include "state/state_store.h"
#include "util/poll_result.h"

namespace newsmon {

struct PollStep {
  PollResult result = PollResult::kOk;
  FeedState next;            // the state the poll commits: validators, errors, redirect
  PollOutcome outcome;       // what the planner learns
  bool parse = false;        // a 200 with a body not seen before: parse it
  std::string base_url;      // for relative links when parsing
  std::string content_type;  // for the charset when parsing
  std::string body_hash;     // of the body to parse; recorded when it parses
  std::string etag;          // validators recorded when it parses
  std::string last_modified;
  std::string adopted_redirect;          // a permanent redirect adopted by this poll, to log
  std::vector<feed::FeedEntry> entries;  // after ApplyParse: every entry of the feed
  size_t bytes = 0;                      // response body size
};

PollStep ClassifyFetch(const FeedConfig& feed, const FeedState& state, const Result<FetchResponse>& fetched,
                       Timestamp now);

// Records the parse result: the validators and entries on success, a parse
// error or a truncated body otherwise (the complete items before the cut
// still count, the validators do not advance: the next poll fetches again).
PollStep ApplyParse(PollStep step, Result<feed::Feed> parsed);

// The poll could not tell which items are new (the state store failed):
// nothing of it commits but the error, and the next poll fetches again.
void FailWithStateError(PollStep& step, const FeedState& previous, const std::string& message);

}  // namespace newsmon
