// Group mode's input from outside: records read back from its topics (any
// bytes a record may hold): feed-state snapshots, leader-history records and
// leader quote candidates. The first byte picks which; a record that decodes
// must survive a round trip, and judging a candidate never crashes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "group/changelog.h"
#include "group/leader_judge.h"

namespace {

void Snapshot(std::string_view input) {
  auto snapshot = newsmon::group::DecodeSnapshot(input);
  if (!snapshot) return;
  auto again = newsmon::group::DecodeSnapshot(newsmon::group::EncodeSnapshot(*snapshot));
  if (!again || again->state.feed_id != snapshot->state.feed_id || again->seen != snapshot->seen) std::abort();
}

void History(std::string_view input) {
  auto record = newsmon::group::DecodeHistoryRecord(input);
  if (!record) return;
  auto again = newsmon::group::DecodeHistoryRecord(newsmon::group::EncodeHistoryRecord(*record));
  if (!again || again->leader_id != record->leader_id || again->prior.quote_id != record->prior.quote_id ||
      again->prior.first_seen != record->prior.first_seen) {
    std::abort();
  }
}

void Candidate(std::string_view input) {
  newsmon::group::LeaderHistories histories;
  // Twice: the second time the quote id is known as judged.
  for (int i = 0; i < 2; ++i) {
    auto judged = newsmon::group::JudgeCandidate(input, histories);
    if (!judged) return;
    if ((i == 1) != judged->already_judged) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 3) {
    case 0:
      Snapshot(input);
      break;
    case 1:
      History(input);
      break;
    default:
      Candidate(input);
  }
  return 0;
}
