#include "app/poll_step.h"

#include <spdlog/spdlog.h>

namespace newsmon {

PollStep ClassifyFetch(const FeedConfig& feed, const FeedState& state, const Result<FetchResponse>& fetched,
                       Timestamp now) {
  PollStep s;
  s.next = state;
  s.next.last_poll = now;
  s.outcome.now = now;
  if (!fetched) {
    const FetchErrorKind kind = FetchErrorKindOf(fetched.error());
    s.result = kind == FetchErrorKind::kBlockedBySsrf ? PollResult::kBlocked : PollResult::kNetworkError;
    s.outcome.error = kind;
    s.next.last_error = fetched.error().message;
    s.next.last_http_status = 0;
    s.outcome.result = s.result;
    return s;
  }
  const FetchResponse& r = *fetched;
  s.bytes = r.body.size();
  s.outcome.status = r.status;
  s.outcome.max_age = r.max_age;
  s.outcome.retry_after = r.retry_after;
  s.next.last_http_status = r.status;
  if (auto adopt = ObservePermanentRedirect(s.next, r.permanent_redirect)) {
    s.next.url = *adopt;
    s.adopted_redirect = *adopt;
  }
  if (r.status >= 400) {
    s.result = PollResult::kHttpError;
    s.next.last_error = "HTTP " + std::to_string(r.status);
  } else if (r.not_modified()) {
    s.result = PollResult::kNotModified;
    s.next.last_error.clear();
    s.next.last_success = now;
  } else if (!r.body_hash.empty() && r.body_hash == state.body_hash) {
    s.result = PollResult::kUnchanged;
    s.next.last_error.clear();
    s.next.last_success = now;
    s.next.etag = r.etag;
    s.next.last_modified = r.last_modified;
  } else {
    s.parse = true;
    s.base_url = r.effective_url.empty() ? feed.url : r.effective_url;
    s.content_type = r.content_type;
    s.body_hash = r.body_hash;
    s.etag = r.etag;
    s.last_modified = r.last_modified;
  }
  s.outcome.result = s.result;
  return s;
}

PollStep ApplyParse(PollStep s, Result<feed::Feed> parsed) {
  s.parse = false;
  if (!parsed) {
    s.result = PollResult::kParseError;
    s.next.last_error = "parse: " + parsed.error().message;
    s.outcome.result = s.result;
    return s;
  }
  s.outcome.feed_ttl = parsed->ttl;
  for (const auto& entry : parsed->entries) {
    if (entry.published) s.outcome.item_times.push_back(*entry.published);
  }
  s.entries = std::move(parsed->entries);
  if (parsed->truncated) {
    // The body ended inside an item or before the feed closed (a dropped
    // connection): the items before the cut count, the cut one does not,
    // and the validators stay so that the next poll fetches the whole feed.
    s.result = PollResult::kTruncated;
    s.next.last_error = "truncated: the feed ended before its last item or root element closed";
  } else {
    s.result = PollResult::kOk;
    s.next.last_error.clear();
    s.next.etag = s.etag;
    s.next.last_modified = s.last_modified;
    s.next.body_hash = s.body_hash;
    s.next.last_success = s.outcome.now;
  }
  s.outcome.result = s.result;
  return s;
}

void FailWithStateError(PollStep& s, const FeedState& previous, const std::string& message) {
  s.result = PollResult::kStateError;
  s.outcome.result = s.result;
  s.next.etag = previous.etag;
  s.next.last_modified = previous.last_modified;
  s.next.body_hash = previous.body_hash;
  s.next.last_error = message;
  s.entries.clear();
  s.outcome.new_items = 0;
}

}  // namespace newsmon
