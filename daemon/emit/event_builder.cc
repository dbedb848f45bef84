#include "emit/event.h"

#include "newsmon/v1/events.pb.h"
#include "util/hash.h"
#include "util/text.h"

namespace newsmon {
namespace {

void SetTime(google::protobuf::Timestamp* out, Timestamp t) { out->set_seconds(t.time_since_epoch().count()); }

void FillStory(const Story& s, const StoryLinks& links, v1::Story* out) {
  out->set_cluster_id(links.cluster_id);
  out->set_duplicate_of(links.duplicate_of);
  out->set_story_id(s.id);
  out->set_feed_id(s.feed_id);
  out->set_item_id(SanitizeUtf8(s.item_id));
  out->set_url(SanitizeUtf8(s.url));
  out->set_canonical_url(SanitizeUtf8(s.canonical_url));
  out->set_title(SanitizeUtf8(s.title));
  for (const auto& a : s.authors) out->add_authors(SanitizeUtf8(a));
  if (s.published) SetTime(out->mutable_published(), *s.published);
  if (s.updated) SetTime(out->mutable_updated(), *s.updated);
  out->set_language(s.language);
  out->set_content_hash(s.content_hash);
  out->set_article_fetched(s.article_fetched);
}

v1::AttributionMethod ToProto(AttributionMethod m) {
  switch (m) {
    case AttributionMethod::kNone:
      return v1::ATTRIBUTION_METHOD_NONE;
    case AttributionMethod::kExplicit:
      return v1::ATTRIBUTION_METHOD_EXPLICIT;
    case AttributionMethod::kSplit:
      return v1::ATTRIBUTION_METHOD_SPLIT;
    case AttributionMethod::kPronoun:
      return v1::ATTRIBUTION_METHOD_PRONOUN;
    case AttributionMethod::kDescriptor:
      return v1::ATTRIBUTION_METHOD_DESCRIPTOR;
    case AttributionMethod::kContinuation:
      return v1::ATTRIBUTION_METHOD_CONTINUATION;
  }
  return v1::ATTRIBUTION_METHOD_UNSPECIFIED;
}

void FillQuote(const Story& story, const Quote& q, v1::Quote* out) {
  out->set_quote_id(QuoteId(story, q));
  out->set_text(SanitizeUtf8(q.text));
  out->set_speaker(SanitizeUtf8(q.speaker));
  out->set_leader_id(q.leader_id);
  out->set_attribution(ToProto(q.method));
  out->set_cue(SanitizeUtf8(q.cue));
  out->set_start(static_cast<uint32_t>(q.start));
  out->set_end(static_cast<uint32_t>(q.end));
}

// The event time: when the story says it was published, else updated; a
// fixed choice so a re-sent event carries the same ce_time.
std::string EventTime(const Story& s) {
  if (s.published) return FormatRfc3339(*s.published);
  if (s.updated) return FormatRfc3339(*s.updated);
  return "";
}

Headers CloudEventHeaders(const std::string& id, const std::string& source, const char* type, const std::string& time,
                          const std::string& message_name) {
  Headers h{{"ce_specversion", "1.0"},
            {"ce_id", id},
            {"ce_source", source},
            {"ce_type", type},
            {"content-type", "application/protobuf"},
            {"newsmon-message", message_name}};
  if (!time.empty()) h.insert(h.begin() + 4, {"ce_time", time});
  return h;
}

}  // namespace

std::string QuoteId(const Story& story, const Quote& quote) {
  return StableId({story.id, std::to_string(quote.start), std::to_string(quote.end), quote.text});
}

OutgoingEvent BuildStoryMatched(const Story& story, const std::vector<TopicResult>& matches,
                                const std::vector<Quote>& quotes, const KafkaConfig& kafka, const StoryLinks& links) {
  v1::StoryMatched msg;
  // Same story content and same verdicts give the same id, so a re-send after
  // a crash is recognisable; an edited story is a new event.
  std::string topics_key;
  for (const auto& m : matches) {
    if (m.matched) topics_key += m.topic_id + ",";
  }
  const std::string event_id = StableId({"story-matched", story.id, story.content_hash, topics_key});
  msg.set_event_id(event_id);
  FillStory(story, links, msg.mutable_story());
  for (const auto& m : matches) {
    if (!m.matched) continue;
    auto* tm = msg.add_topics();
    tm->set_topic_id(m.topic_id);
    tm->set_score(m.score);
    for (const auto& t : m.terms) {
      auto* mt = tm->add_terms();
      mt->set_term(SanitizeUtf8(t.term));
      mt->set_field(t.field == MatchField::kTitle ? v1::FIELD_TITLE : v1::FIELD_BODY);
      mt->set_start(static_cast<uint32_t>(t.start));
      mt->set_end(static_cast<uint32_t>(t.end));
      mt->set_snippet(SanitizeUtf8(t.snippet));
      mt->set_paragraph(t.paragraph);
      mt->set_lead(t.lead);
    }
  }
  for (const auto& q : quotes) FillQuote(story, q, msg.add_quotes());
  OutgoingEvent e;
  e.topic = kafka.stories_topic;
  e.key = story.id;
  e.event_id = event_id;
  msg.SerializeToString(&e.payload);
  e.headers = CloudEventHeaders(event_id, kafka.source + "/feeds/" + story.feed_id, kStoryMatchedType, EventTime(story),
                                v1::StoryMatched::descriptor()->full_name());
  return e;
}

OutgoingEvent BuildLeaderQuote(const LeaderQuoteInput& in, const KafkaConfig& kafka) {
  const Story& story = *in.story;
  const Quote& quote = *in.quote;
  v1::LeaderQuote msg;
  const std::string event_id = StableId({"leader-quote", QuoteId(story, quote), story.content_hash});
  msg.set_event_id(event_id);
  msg.set_leader_id(quote.leader_id);
  msg.set_leader_name(SanitizeUtf8(in.leader_name));
  FillQuote(story, quote, msg.mutable_quote());
  FillStory(story, in.links, msg.mutable_story());
  msg.set_is_new(in.novelty.is_new);
  if (in.novelty.first_seen) SetTime(msg.mutable_first_seen(), *in.novelty.first_seen);
  msg.set_first_seen_url(SanitizeUtf8(in.novelty.first_url));
  msg.set_similar_quote_id(in.novelty.similar_quote_id);
  msg.set_similarity(in.novelty.similarity);
  for (const auto& t : in.topic_ids) msg.add_topic_ids(t);
  OutgoingEvent e;
  e.topic = kafka.quotes_topic;
  e.key = quote.leader_id;
  e.event_id = event_id;
  msg.SerializeToString(&e.payload);
  e.headers = CloudEventHeaders(event_id, kafka.source + "/feeds/" + story.feed_id, kLeaderQuoteType, EventTime(story),
                                v1::LeaderQuote::descriptor()->full_name());
  return e;
}

OutgoingEvent BuildArchivedStory(const Story& story, const std::vector<std::string>& topic_ids,
                                 const KafkaConfig& kafka, const StoryLinks& links) {
  v1::ArchivedStory msg;
  // Same story content, same id: a re-sent archive record is recognisable.
  const std::string event_id = StableId({"story-archived", story.id, story.content_hash});
  msg.set_event_id(event_id);
  FillStory(story, links, msg.mutable_story());
  msg.set_body(SanitizeUtf8(story.BodyText()));
  for (const auto& t : topic_ids) msg.add_topic_ids(t);
  OutgoingEvent e;
  e.topic = kafka.articles_topic;
  e.key = story.id;
  e.event_id = event_id;
  msg.SerializeToString(&e.payload);
  e.headers = CloudEventHeaders(event_id, kafka.source + "/feeds/" + story.feed_id, kStoryArchivedType,
                                EventTime(story), v1::ArchivedStory::descriptor()->full_name());
  return e;
}

}  // namespace newsmon
