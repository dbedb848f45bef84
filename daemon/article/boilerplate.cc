#include "article/boilerplate.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "util/text.h"

namespace newsmon::article {
namespace {

// Lengths in bytes of the paragraph as written.
constexpr size_t kMaxDisclosureBytes = 450;
constexpr size_t kMaxPromoBytes = 300;
constexpr size_t kMaxCopyrightBytes = 250;
constexpr size_t kMaxLabelBytes = 48;
// A teaser list: after this many tenths of the body, every paragraph at most
// this long.
constexpr size_t kTeaserListAfterTenths = 6;
constexpr size_t kMaxTeaserBytes = 400;
// A reference list: its entries are at most this long, and most of them
// carry a year, a link or an "accessed" note.
constexpr size_t kMaxReferenceBytes = 600;
// An author's bio: among this many last paragraphs, at most this long.
constexpr size_t kBioAmongLast = 3;
constexpr size_t kMaxBioBytes = 700;

// All keys are in FoldForMatching's form: lower case, accents removed
// (so "könnte" is "konnte" and "й" is "и").
bool Has(std::string_view folded, std::string_view key) { return folded.find(key) != std::string_view::npos; }

template <size_t N>
int CountDistinct(std::string_view folded, const std::array<std::string_view, N>& keys) {
  return static_cast<int>(std::count_if(keys.begin(), keys.end(), [&](std::string_view k) { return Has(folded, k); }));
}

// `key` at the start of a word of `f` (an ASCII letter or any UTF-8 byte
// before it continues a word).
bool HasWord(std::string_view f, std::string_view key) {
  for (size_t at = f.find(key); at != std::string_view::npos; at = f.find(key, at + 1)) {
    const auto before = static_cast<unsigned char>(at == 0 ? ' ' : f[at - 1]);
    if (before < 0x80 && !IsAsciiAlnum(static_cast<char>(before))) return true;
  }
  return false;
}

// A disclosure speaks of the site or the page itself ("we may earn", "this
// post contains"); a story about affiliate marketing does not.
bool SpeaksOfTheSite(std::string_view f) {
  static constexpr std::array<std::string_view, 20> kSelf = {
      "we ",         "i ",           "this post", "this article", "this page",  "this site",      "this website",
      "us ",         "us.",          "us,",       "our ",         "wir ",       "dieser artikel", "diesem artikel",
      "diese seite", "dieser seite", "uns ",      "мы ",          "этои стать", "этом материал"};
  return std::any_of(kSelf.begin(), kSelf.end(), [&](std::string_view k) { return HasWord(f, k); });
}

// "Commission" alone is the European Commission as often as a fee; the fee
// comes with earning or receiving it, or with links.
bool IsAffiliateDisclosure(std::string_view f) {
  const bool fee = (Has(f, "commission") && (Has(f, " earn") || Has(f, "receive a") || Has(f, "affiliate"))) ||
                   Has(f, "affiliate link") || Has(f, "affiliate-link") || Has(f, "partnerlink") ||
                   Has(f, "provisionslink") || Has(f, "qualifying purchases") ||
                   (Has(f, "provision") && (Has(f, "affiliate") || Has(f, "werbelink"))) ||
                   (Has(f, "партнерск") && Has(f, "ссылк"));
  if (fee && SpeaksOfTheSite(f)) return true;
  return (Has(f, "pricing") || Has(f, "prices")) && Has(f, "availability") && Has(f, "subject to change");
}

// Two different calls to act: "sign up" and "your inbox", "already have an
// account" and "log in".
bool IsSubscriptionPromo(std::string_view f) {
  static constexpr std::array<std::string_view, 17> kCalls = {
      "sign up",    "subscribe to", "subscribe now", "newsletter",         "your inbox",  "log in",      "an account",
      "abonnieren", "anmelden",     "ihr postfach",  "jetzt registrieren", "подпишитесь", "подписаться", "рассылк",
      "войти",      "аккаунт",      "на почту"};
  return CountDistinct(f, kCalls) >= 2;
}

// "By signing up, you agree to …": the consent text under a form.
bool IsConsentNote(std::string_view f) {
  static constexpr std::array<std::string_view, 9> kActs = {"by signing up",    "by subscribing",      "by submitting",
                                                            "by clicking",      "by registering",      "by continuing",
                                                            "mit dem absenden", "mit ihrer anmeldung", "нажимая"};
  static constexpr std::array<std::string_view, 9> kConsents = {"you agree",   "i agree",           "you consent",
                                                                "i consent",   "i acknowledge",     "you acknowledge",
                                                                "stimmen sie", "erklaren sie sich", "вы соглашаетесь"};
  return std::any_of(kActs.begin(), kActs.end(), [&](std::string_view a) { return f.starts_with(a); }) &&
         CountDistinct(f, kConsents) >= 1;
}

bool IsPlaceholder(std::string_view p) {
  static constexpr std::string_view kLorem = "lorem ipsum";
  if (p.size() < kLorem.size()) return false;
  for (size_t i = 0; i < kLorem.size(); ++i) {
    if (AsciiLowerChar(p[i]) != kLorem[i]) return false;
  }
  return true;
}

bool IsCopyrightLine(std::string_view f) {
  const bool year = std::any_of(f.begin(), f.end(), [](char c) { return c >= '0' && c <= '9'; });
  return f.starts_with("©") || f.starts_with("(c) ") || (f.starts_with("copyright") && (Has(f, "©") || year)) ||
         Has(f, "all rights reserved") || Has(f, "alle rechte vorbehalten") || Has(f, "все права защищены");
}

bool IsAdvertisementLabel(std::string_view f) {
  return f == "advertisement" || f == "anzeige" || f == "werbung" || f == "реклама" || f == "ad";
}

// Labels of what follows a story: related links, tags, sharing.
bool IsTrailingLabel(std::string_view f) {
  while (!f.empty() && (f.back() == ':' || f.back() == ' ')) f.remove_suffix(1);
  static constexpr std::array<std::string_view, 37> kLabels = {"related",
                                                               "related topics",
                                                               "related content",
                                                               "related articles",
                                                               "related stories",
                                                               "related posts",
                                                               "read more",
                                                               "more from",
                                                               "more stories",
                                                               "you may also like",
                                                               "follow us",
                                                               "share this",
                                                               "share",
                                                               "tags",
                                                               "topics",
                                                               "see also",
                                                               "further reading",
                                                               "recent posts",
                                                               "latest posts",
                                                               "popular posts",
                                                               "discover more",
                                                               "keep reading",
                                                               "more like this",
                                                               "mehr zum thema",
                                                               "mehr zu diesem thema",
                                                               "weitere artikel",
                                                               "das konnte sie auch interessieren",
                                                               "themen",
                                                               "schlagworte",
                                                               "teilen",
                                                               "читаите также",
                                                               "по теме",
                                                               "материалы по теме",
                                                               "теги",
                                                               "поделиться",
                                                               "смотрите также",
                                                               "популярное"};
  return std::find(kLabels.begin(), kLabels.end(), f) != kLabels.end();
}

// Labels that head a list of other stories ("Read This Next", then teasers).
bool IsTeaserListLabel(std::string_view f) {
  while (!f.empty() && (f.back() == ':' || f.back() == ' ')) f.remove_suffix(1);
  static constexpr std::array<std::string_view, 24> kLabels = {
      "read this next",   "read next",           "up next",           "related",
      "related articles", "related stories",     "related posts",     "related content",
      "more stories",     "more articles",       "you may also like", "you might also like",
      "recommended",      "recommended for you", "most read",         "most popular",
      "trending",         "more to read",        "weitere artikel",   "das konnte sie auch interessieren",
      "meistgelesen",     "читаите также",       "материалы по теме", "популярное"};
  return std::find(kLabels.begin(), kLabels.end(), f) != kLabels.end();
}

// Labels that head the sources a story cites.
bool IsReferenceListLabel(std::string_view f) {
  while (!f.empty() && (f.back() == ':' || f.back() == ' ')) f.remove_suffix(1);
  static constexpr std::array<std::string_view, 19> kLabels = {"references",      "sources",
                                                               "article sources", "sources and references",
                                                               "citations",       "bibliography",
                                                               "works cited",     "footnotes",
                                                               "endnotes",        "how we reviewed this article",
                                                               "quellen",         "quellenangaben",
                                                               "literatur",       "einzelnachweise",
                                                               "источники",       "список литературы",
                                                               "литература",      "список источников",
                                                               "ссылки"};
  return std::find(kLabels.begin(), kLabels.end(), f) != kLabels.end();
}

// An entry of a reference list: an author-year citation, a link, a note of
// when the source was read, a footnote's back-link.
bool LooksLikeCitation(std::string_view f) {
  if (Has(f, "http") || Has(f, "www.") || Has(f, "doi") || Has(f, "accessed") || Has(f, "retrieved") ||
      Has(f, "abgerufen") || Has(f, "↩"))
    return true;
  for (size_t i = 0; i + 4 <= f.size(); ++i) {
    const bool starts = i == 0 || !IsAsciiAlnum(f[i - 1]);
    const bool ends = i + 4 == f.size() || !IsAsciiAlnum(f[i + 4]);
    if (starts && ends && (f.substr(i, 2) == "19" || f.substr(i, 2) == "20") &&
        std::isdigit(static_cast<unsigned char>(f[i + 2])) && std::isdigit(static_cast<unsigned char>(f[i + 3])))
      return true;
  }
  return false;
}

// Where a trailing list starts: its label in the last part of the body,
// followed only by entries `fits` accepts (from the index given to the end);
// paragraphs.size() when there is none.
template <typename IsLabel, typename Fits>
size_t TrailingListStart(const std::vector<std::string>& paragraphs, IsLabel is_label, Fits fits) {
  size_t total = 0;
  for (const auto& p : paragraphs) total += p.size();
  size_t before = 0;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const std::string& p = paragraphs[i];
    if (before * 10 >= total * kTeaserListAfterTenths && p.size() <= kMaxLabelBytes && is_label(FoldForMatching(p)) &&
        fits(i + 1)) {
      return i;
    }
    before += p.size();
  }
  return paragraphs.size();
}

// A teaser list ("Read This Next", then titles and blurbs): short entries.
size_t TeaserListStart(const std::vector<std::string>& paragraphs) {
  return TrailingListStart(paragraphs, IsTeaserListLabel, [&](size_t first) {
    return first < paragraphs.size() &&
           std::all_of(paragraphs.begin() + static_cast<std::ptrdiff_t>(first), paragraphs.end(),
                       [](const std::string& e) { return e.size() <= kMaxTeaserBytes; });
  });
}

// A reference list: short entries, most of them citations; the story quotes
// its sources, the list of them is apparatus.
size_t ReferenceListStart(const std::vector<std::string>& paragraphs) {
  return TrailingListStart(paragraphs, IsReferenceListLabel, [&](size_t first) {
    size_t citations = 0;
    for (size_t j = first; j < paragraphs.size(); ++j) {
      if (paragraphs[j].size() > kMaxReferenceBytes) return false;
      citations += LooksLikeCitation(FoldForMatching(paragraphs[j])) ? 1 : 0;
    }
    return citations * 3 >= (paragraphs.size() - first) * 2;
  });
}

// "Ann Lee is a senior editor …", "About Ann: she has covered …": a
// paragraph that opens with a byline name, or its first name, and says what
// the person is or does.
bool IsAuthorBio(std::string_view p, std::span<const std::string> authors) {
  if (p.size() > kMaxBioBytes) return false;
  for (std::string_view lead : {"By ", "About "}) {
    if (p.starts_with(lead)) p.remove_prefix(lead.size());
  }
  // What a bio says next; "QCY is already …" after an outlet's byline is not one.
  static constexpr std::array<std::string_view, 16> kVerbs = {
      " is a ",   " is an ",  " is the ", " was a ",  " was the ", " has been ",     " has over ", " has more ",
      " writes ", " covers ", " joined ", " serves ", " ist ein",  " ist Redakteur", " war ",      " schreibt "};
  for (const std::string& author : authors) {
    const std::string_view name = TrimAscii(author);
    const size_t space = name.find(' ');
    if (space == std::string_view::npos) continue;  // one word: the outlet as often as a person
    for (std::string_view who : {name, name.substr(0, space)}) {
      if (!p.starts_with(who)) continue;
      std::string_view rest = p.substr(who.size());
      if (rest.starts_with(" ") && rest.substr(1).starts_with(name)) rest = rest.substr(1 + name.size());
      if (std::any_of(kVerbs.begin(), kVerbs.end(), [&](std::string_view v) { return rest.starts_with(v); }))
        return true;
    }
  }
  return false;
}

}  // namespace

void DropBoilerplateParagraphs(std::vector<std::string>& paragraphs, std::span<const std::string> authors) {
  std::vector<bool> drop(paragraphs.size(), false);
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const std::string& p = paragraphs[i];
    // A template's placeholder text, left in a hidden or unused block.
    if (IsPlaceholder(p)) {
      drop[i] = true;
      continue;
    }
    if (p.size() > kMaxDisclosureBytes) continue;
    const std::string f = FoldForMatching(p);
    drop[i] = IsAffiliateDisclosure(f) || (p.size() <= kMaxPromoBytes && IsSubscriptionPromo(f)) || IsConsentNote(f) ||
              (p.size() <= kMaxCopyrightBytes && IsCopyrightLine(f)) || IsAdvertisementLabel(f);
  }
  for (size_t i = std::min(TeaserListStart(paragraphs), ReferenceListStart(paragraphs)); i < paragraphs.size(); ++i)
    drop[i] = true;
  for (size_t i = paragraphs.size() > kBioAmongLast ? paragraphs.size() - kBioAmongLast : 1; i < paragraphs.size(); ++i)
    drop[i] = drop[i] || IsAuthorBio(paragraphs[i], authors);
  // Labels count only at the end, where the lists they head were cut away.
  for (size_t i = paragraphs.size(); i-- > 0;) {
    if (drop[i]) continue;
    if (paragraphs[i].size() > kMaxLabelBytes || !IsTrailingLabel(FoldForMatching(paragraphs[i]))) break;
    drop[i] = true;
  }
  // Never leave a page without a body for boilerplate's sake.
  if (std::all_of(drop.begin(), drop.end(), [](bool d) { return d; })) return;
  size_t kept = 0;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (drop[i]) continue;
    if (kept != i) paragraphs[kept] = std::move(paragraphs[i]);
    ++kept;
  }
  paragraphs.resize(kept);
}

}  // namespace newsmon::article
