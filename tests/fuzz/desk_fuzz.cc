// The desk's inputs from outside: event payloads from Kafka (any bytes under
// a StoryMatched or LeaderQuote header) and URL query strings.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "desk/desk_model.h"
#include "desk/query.h"
#include "emit/event.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  newsmon::desk::DeskModel desk(/*max_clusters=*/8, /*max_quotes=*/8);
  for (const char* type : {newsmon::kStoryMatchedType, newsmon::kLeaderQuoteType}) {
    newsmon::ConsumedEvent event;
    event.headers = {{"ce_id", std::string(type) + std::to_string(size)}, {"ce_type", type}};
    event.payload = input;
    desk.Add(event);
  }
  const newsmon::desk::DeskFilter filter = newsmon::desk::FilterFromQuery(input);
  (void)desk.Json(filter);
  (void)newsmon::desk::QueryValue(input, "query");
  return 0;
}
