// Group mode's input from outside: feed-state snapshots read back from the
// changelog topic (any bytes a record may hold). A snapshot that decodes
// must survive a round trip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "group/changelog.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto snapshot = newsmon::group::DecodeSnapshot(input);
  if (!snapshot) return 0;
  auto again = newsmon::group::DecodeSnapshot(newsmon::group::EncodeSnapshot(*snapshot));
  if (!again || again->state.feed_id != snapshot->state.feed_id || again->seen != snapshot->seen) std::abort();
  return 0;
}
