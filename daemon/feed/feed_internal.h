// Shared between the format mappers inside the feed stage; not a public API.
//
//   Result<Feed> f = MapXmlFeed(doc, options);  // RSS, RDF, Atom
//   FinishEntry(entry);                          // text forms, key, content hash
#pragma once

#include <string>
#include <string_view>

#include "feed/feed.h"
#include "feed/feed_parser.h"
#include "feed/xml_reader.h"
#include "util/result.h"

namespace newsmon::feed {

// Moves large texts out of `doc` instead of copying them.
Result<Feed> MapXmlFeed(XmlDocument& doc, const ParseOptions& options);
Result<Feed> ParseJsonFeed(std::string_view utf8, const ParseOptions& options);

// Fills summary_text, content_text, key and content_hash from the rest.
// `summary_is_html` / `content_is_html` say whether the as-given forms are markup.
void FinishEntry(FeedEntry& entry, bool summary_is_html, bool content_is_html);

// "me@x.org (Jane Doe)" -> "Jane Doe"; "Jane Doe <me@x.org>" -> "Jane Doe".
std::string AuthorName(std::string_view text);

// Plain text (not markup) to the plain-text form: one paragraph per line.
std::string PlainToText(std::string_view text);

}  // namespace newsmon::feed
