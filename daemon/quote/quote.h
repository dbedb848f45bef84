// Direct quotes, their speakers, and tracked leaders.
//
//   LeaderIndex leaders(config.leaders);
//   for (const Quote& q : FindQuotes(story.BodyText(), leaders, {"en"}))
//     if (!q.leader_id.empty()) alert(q);
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"

namespace newsmon {

enum class AttributionMethod {
  kNone,          // no speaker found
  kExplicit,      // "…," Scholz said / Scholz said: "…" / according to
  kSplit,         // "…," Scholz said, "…"
  kPronoun,       // "…," he said -> most recent compatible speaker
  kDescriptor,    // "…," the German chancellor said -> via roles / earlier mentions
  kContinuation,  // a paragraph that is only a quote continues the previous speaker
};
const char* AttributionMethodName(AttributionMethod method);

struct Quote {
  std::string text;  // the words inside the marks
  size_t start = 0;  // code point offsets into the text given to FindQuotes, end exclusive
  size_t end = 0;
  size_t paragraph = 0;   // index of the paragraph (split on blank lines or newlines)
  std::string speaker;    // fullest name the text gives; empty when unknown
  std::string leader_id;  // tracked leader, when the speaker is one
  AttributionMethod method = AttributionMethod::kNone;
  std::string cue;  // the speech verb, e.g. "said", "sagte", "заявил"
};

// Resolves name mentions (any script, inflected, transliterated) and role
// descriptors to tracked leaders. Immutable after construction.
class LeaderIndex {
 public:
  LeaderIndex();
  explicit LeaderIndex(const std::vector<LeaderConfig>& leaders);
  ~LeaderIndex();
  LeaderIndex(LeaderIndex&&) noexcept;
  LeaderIndex& operator=(LeaderIndex&&) noexcept;

  // The leader a name mention refers to ("Tokajew", "Токаева", "Toqaev").
  std::optional<std::string> ResolveName(std::string_view mention) const;
  // The leader a descriptor refers to ("the Kazakh president", "Kanzler").
  // A descriptor names a leader when its role word (president, Kanzler,
  // канцлер) and country word, if any, fit exactly one leader's role held on
  // `date` (no date: roles without an end).
  std::optional<std::string> ResolveDescriptor(std::string_view descriptor) const;
  std::optional<std::string> ResolveDescriptor(std::string_view descriptor,
                                               std::optional<std::chrono::sys_days> date) const;
  // The leaders who ever held the descriptor's role (any date): "the
  // chancellor" after a mention of Olaf Scholz is Scholz in any year.
  std::vector<std::string> LeadersWhoHeld(std::string_view descriptor) const;
  // Display name of a leader id.
  std::string NameOf(std::string_view leader_id) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct QuoteOptions {
  QuoteOptions() = default;
  // Implicit so that `FindQuotes(text, leaders, {story.language})` reads naturally.
  QuoteOptions(std::string language_code, std::optional<std::chrono::sys_days> on = std::nullopt)  // NOLINT
      : language(std::move(language_code)), date(on) {}

  std::string language;  // "en", "de", "ru"; empty = guess from function words
  // When the text was published: picks which leader held a role ("the
  // chancellor" in 2023 is Scholz). Empty: the roles held now (no end date).
  std::optional<std::chrono::sys_days> date;
  // 0: no limit. A text holding more quote pairs than this gives no quotes
  // and sets FindQuotes' `over_budget`: the work per story stays bounded (a
  // hostile item with thousands of quotes must not stall the daemon).
  size_t max_quotes = 0;
};

std::vector<Quote> FindQuotes(std::string_view text, const LeaderIndex& leaders, const QuoteOptions& options,
                              bool* over_budget = nullptr);

// Within ONE story, a partial quote that repeats part of a longer quote of
// the same speaker (or the same words quoted twice) is one finding: the
// shorter repeat is removed so it does not raise a second alert. Keeps order.
void DedupeWithinStory(std::vector<Quote>& quotes);

// {"text","start","end","speaker","leader","attribution"} (../shared/data/quotes/README.md)
std::string QuoteToJson(const Quote& quote);

}  // namespace newsmon
