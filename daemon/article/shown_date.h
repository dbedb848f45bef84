// The date a page prints beside its headline, the one readers take as the
// story's date.
//
//   std::optional<PageDate> d = ShownDate(dom, headline_node);
//   if (d && stated && ShownEarlier(*d, *stated)) use(*d);
#pragma once

#include <optional>

#include "article/dates.h"
#include "article/dom.h"

namespace newsmon::article {

// The first date in the byline area right after node `headline` (up to the
// story's prose), else the nearest one just before it ("Blog · May 4, 2025"
// above the title).
std::optional<PageDate> ShownDate(const Dom& dom, int headline);

// The date in or right after the byline element `byline` ("Written by Ann
// Lee" then "May 4, 2025"), for pages without one by the headline.
std::optional<PageDate> DateBesideByline(const Dom& dom, int byline);

// The first date a label names anywhere on the page: "Published", "Posted"
// before "Last updated"/"Updated" ("Last updated: November 13, 2025" in a
// footer), for pages that give no date otherwise.
std::optional<PageDate> LabelledDate(const Dom& dom);

// Whether `shown` is on an earlier day than `stated`. The same moment written
// in two offsets is not earlier.
bool ShownEarlier(const PageDate& shown, const PageDate& stated);

// Whether `modified`, a stated modification time, falls on the day `shown`
// names. A UTC time may be on the day after in the publisher's zone.
bool OnShownDay(const PageDate& shown, const PageDate& modified);

// Whether `a` is `b` with day and month read the other way round
// (03/10/2023 as March 10 where the page meant 3 October).
bool DayMonthSwapped(const PageDate& a, const PageDate& b);
// The URL's day is the shown day, and the stated time is on the day after:
// its UTC day turned while the site's own day had not.
bool UrlKeepsShownDay(const PageDate& shown, const PageDate& url, const PageDate& stated);

}  // namespace newsmon::article
