#include "article/content.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <optional>
#include <string_view>

#include "article/boilerplate.h"
#include "article/class_hints.h"
#include "article/hidden.h"
#include "article/meta_text.h"
#include "util/text.h"

namespace newsmon::article {
namespace {

constexpr int kMinParagraphChars = 25;
constexpr int kAncestorLevels = 5;
// Wrappers do not count as levels (ScoreParagraphs); this bounds the walk.
constexpr int kMaxAncestorSteps = 12;
constexpr int kRetryBelowChars = 500;
constexpr int kTopCandidates = 5;
constexpr size_t kHiddenRescueFactor = 2;
// A block of this much prose survives a layout word in its class ("widget",
// "media"); a role word (NamesBoxRole) removes it whatever its size.
constexpr int kKeepProseChars = 600;
// How much prose an ancestor must add per character of chrome (links, short
// lines) it brings along; tuned on held-out style pages, 3..20 all land close.
constexpr double kChromePenalty = 8.0;

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

bool IsHeading(GumboTag t) {
  return t == GUMBO_TAG_H1 || t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 || t == GUMBO_TAG_H5 ||
         t == GUMBO_TAG_H6;
}

// Never story text, whatever their class says.
bool IsSkippedTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_LABEL:
      return true;
    default:
      return false;
  }
}

struct Flags {
  bool strip_unlikely = true;
  bool weight_classes = true;
  bool clean_conditionally = true;
  // Some frameworks render the story into a hidden element and move it into
  // place with script (React streaming), so the last attempt keeps hidden parts.
  bool strip_hidden = true;
};

struct Stats {
  int text = 0;  // visible characters, white space runs counted once
  int link = 0;  // of which inside <a>
  int commas = 0;
  int p = 0, img = 0, li = 0, input = 0, embed = 0, heading = 0;
  bool block_child = false;
};

class BodyFinder {
 public:
  BodyFinder(const Dom& dom, const Flags& flags, const FrameworkTokens& framework_tokens)
      : dom_(dom), flags_(flags), framework_tokens_(framework_tokens), hidden_(dom) {
    const auto n = static_cast<size_t>(dom.size());
    removed_.assign(n, false);
    good_.assign(n, 0);
    stats_.assign(n, {});
    score_.assign(n, 0.0);
    scored_.assign(n, false);
  }

  std::vector<std::string> Run(std::string_view title) {
    MarkRemoved();
    ComputeStats();
    ScoreParagraphs();
    const int top = PickTop();
    if (top < 0) return {};
    std::vector<int> roots = Siblings(top);
    if (flags_.clean_conditionally) {
      for (int r : roots) CleanConditionally(r);
    }
    std::vector<std::string> out;
    for (int r : roots) ReadOut(r, out);
    DropTitle(out, title);
    return out;
  }

 private:
  std::string_view Hints(int i) const { return dom_.ClassAndId(i); }

  bool IsJunk(int i) {
    const DomNode& n = dom_.node(i);
    if (holds_main_[static_cast<size_t>(i)]) return false;
    if (IsSkippedTag(n.tag) || (flags_.strip_hidden && hidden_.IsHidden(i))) return true;
    const std::string_view role = dom_.Attr(i, "role");
    if (role == "navigation" || role == "complementary" || role == "contentinfo" || role == "dialog" ||
        role == "alertdialog" || role == "menu" || role == "menubar" || role == "search" || role == "banner") {
      return true;
    }
    if (!flags_.strip_unlikely || n.tag == GUMBO_TAG_BODY || n.tag == GUMBO_TAG_HTML || n.tag == GUMBO_TAG_A ||
        n.tag == GUMBO_TAG_ARTICLE || n.tag == GUMBO_TAG_MAIN) {
      return false;
    }
    const std::string_view h = Hints(i);
    if (h.size() <= 1) return false;
    return IsUnlikelyBox(h);
  }

  void MarkRemoved() {
    // A <main> left inside an unclosed <aside> or <footer> is still the
    // page's main content: the element holding it is not chrome.
    holds_main_.assign(static_cast<size_t>(dom_.size()), false);
    for (int i = dom_.size() - 1; i > 0; --i) {
      const DomNode& n = dom_.node(i);
      if ((!n.is_text && n.tag == GUMBO_TAG_MAIN) || holds_main_[static_cast<size_t>(i)]) {
        if (n.parent >= 0) holds_main_[static_cast<size_t>(n.parent)] = true;
      }
    }
    for (int i = 0; i < dom_.size(); ++i) {
      const DomNode& n = dom_.node(i);
      if (n.is_text) continue;
      if (IsJunk(i)) {
        std::fill(removed_.begin() + i, removed_.begin() + n.end, true);
        i = n.end - 1;
      }
    }
  }

  static void CountText(std::string_view t, Stats& s) {
    bool space = true;
    for (unsigned char c : t) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
        if (!space) ++s.text;
        space = true;
        continue;
      }
      space = false;
      if ((c & 0xC0) != 0x80) ++s.text;
      if (c == ',') ++s.commas;
    }
  }

  void ComputeStats() {
    for (int i = dom_.size() - 1; i >= 0; --i) {
      if (removed_[static_cast<size_t>(i)]) continue;
      const DomNode& n = dom_.node(i);
      Stats& s = stats_[static_cast<size_t>(i)];
      if (n.is_text) {
        CountText(dom_.Text(i), s);
      } else {
        switch (n.tag) {
          case GUMBO_TAG_A:
            s.link = s.text;
            break;
          case GUMBO_TAG_P:
            ++s.p;
            break;
          case GUMBO_TAG_IMG:
            ++s.img;
            break;
          case GUMBO_TAG_LI:
            ++s.li;
            break;
          case GUMBO_TAG_INPUT:
            ++s.input;
            break;
          case GUMBO_TAG_EMBED:
          case GUMBO_TAG_OBJECT:
          case GUMBO_TAG_IFRAME:
            ++s.embed;
            break;
          default:
            break;
        }
        if (IsHeading(n.tag)) s.heading = s.text;
      }
      if (n.parent < 0) continue;
      Stats& ps = stats_[static_cast<size_t>(n.parent)];
      ps.text += s.text;
      ps.link += s.link;
      ps.commas += s.commas;
      ps.p += s.p;
      ps.img += s.img;
      ps.li += s.li;
      ps.input += s.input;
      ps.embed += s.embed;
      ps.heading += s.heading;
      if (!n.is_text && IsBlockTag(n.tag)) ps.block_child = true;
    }
  }

  double LinkDensity(int i) const {
    const Stats& s = stats_[static_cast<size_t>(i)];
    return s.text == 0 ? 0.0 : static_cast<double>(s.link) / s.text;
  }

  int ClassWeight(int i) {
    if (!flags_.weight_classes) return 0;
    int w = 0;
    // Class and id count apart: "content" in both is twice the evidence.
    const std::string_view hints = Hints(i);
    const size_t space = dom_.Attr(i, "class").size();
    for (std::string_view v : {hints.substr(0, space), hints.substr(std::min(space + 1, hints.size()))}) {
      w += HintWeight(v, framework_tokens_);
    }
    if (dom_.Attr(i, "itemprop") == "articleBody") w += 50;
    return w;
  }

  void InitCandidate(int i) {
    if (scored_[static_cast<size_t>(i)]) return;
    scored_[static_cast<size_t>(i)] = true;
    double base = 0;
    switch (dom_.node(i).tag) {
      case GUMBO_TAG_DIV:
        base = 5;
        break;
      case GUMBO_TAG_ARTICLE:
        base = 10;
        break;
      case GUMBO_TAG_PRE:
      case GUMBO_TAG_TD:
      case GUMBO_TAG_BLOCKQUOTE:
        base = 3;
        break;
      case GUMBO_TAG_ADDRESS:
      case GUMBO_TAG_OL:
      case GUMBO_TAG_UL:
      case GUMBO_TAG_DL:
      case GUMBO_TAG_DD:
      case GUMBO_TAG_DT:
      case GUMBO_TAG_LI:
      case GUMBO_TAG_FORM:
        base = -3;
        break;
      case GUMBO_TAG_H1:
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
      case GUMBO_TAG_H5:
      case GUMBO_TAG_H6:
      case GUMBO_TAG_TH:
        base = -5;
        break;
      default:
        break;
    }
    score_[static_cast<size_t>(i)] = base + ClassWeight(i);
  }

  // A block of running text: a <p>-like element, or a div holding only inline content.
  bool IsParagraphLike(int i) const {
    const DomNode& n = dom_.node(i);
    switch (n.tag) {
      case GUMBO_TAG_P:
      case GUMBO_TAG_PRE:
      case GUMBO_TAG_TD:
      case GUMBO_TAG_LI:
      case GUMBO_TAG_BLOCKQUOTE:
        return !stats_[static_cast<size_t>(i)].block_child || n.tag != GUMBO_TAG_BLOCKQUOTE;
      case GUMBO_TAG_DIV:
      case GUMBO_TAG_SECTION:
      case GUMBO_TAG_SPAN:
      case GUMBO_TAG_DD:
        return !stats_[static_cast<size_t>(i)].block_child;
      default:
        return false;
    }
  }

  void ScoreParagraphs() {
    element_children_.assign(static_cast<size_t>(dom_.size()), 0);
    for (int i = 1; i < dom_.size(); ++i) {
      const DomNode& n = dom_.node(i);
      if (!n.is_text && !removed_[static_cast<size_t>(i)] && n.parent >= 0) {
        ++element_children_[static_cast<size_t>(n.parent)];
      }
    }
    for (int i = 0; i < dom_.size(); ++i) {
      const DomNode& n = dom_.node(i);
      if (n.is_text || removed_[static_cast<size_t>(i)] || !IsParagraphLike(i)) continue;
      const Stats& s = stats_[static_cast<size_t>(i)];
      if (s.text < kMinParagraphChars) continue;
      if (LinkDensity(i) < 0.3) good_[static_cast<size_t>(i)] = s.text - s.link;
      double score = 1 + s.commas + std::min(s.text / 100.0, 3.0);
      score *= 1.0 - LinkDensity(i);
      if (n.tag == GUMBO_TAG_LI) score *= 0.5;
      // Page builders wrap every paragraph in layers of single-child divs; a
      // wrapper is no step further from the paragraph than the element it wraps.
      int a = n.parent;
      for (int level = 0, steps = 0; a >= 0 && level < kAncestorLevels && steps < kMaxAncestorSteps;
           a = dom_.node(a).parent, ++steps) {
        if (dom_.node(a).tag == GUMBO_TAG_HTML) break;
        InitCandidate(a);
        const double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
        score_[static_cast<size_t>(a)] += score / divider;
        candidates_.push_back(a);
        if (element_children_[static_cast<size_t>(a)] > 1) ++level;
      }
      // A paragraph nested in a span/div that has no block children is not also
      // scored as a paragraph of its own: skip its subtree.
      if (n.tag == GUMBO_TAG_DIV || n.tag == GUMBO_TAG_SECTION || n.tag == GUMBO_TAG_SPAN) i = n.end - 1;
    }
    for (int i = dom_.size() - 1; i > 0; --i) {
      const int p = dom_.node(i).parent;
      if (p >= 0) good_[static_cast<size_t>(p)] += good_[static_cast<size_t>(i)];
    }
    std::sort(candidates_.begin(), candidates_.end());
    candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
    for (int c : candidates_) score_[static_cast<size_t>(c)] *= 1.0 - LinkDensity(c);
  }

  bool Contains(int ancestor, int node) const { return node >= ancestor && node < dom_.node(ancestor).end; }

  int PickTop() {
    if (candidates_.empty()) {
      const int body = dom_.Find(GUMBO_TAG_BODY);
      return body;
    }
    std::vector<int> order = candidates_;
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return score_[static_cast<size_t>(a)] > score_[static_cast<size_t>(b)]; });
    if (order.size() > kTopCandidates) order.resize(kTopCandidates);
    int top = order.front();
    const double top_score = score_[static_cast<size_t>(top)];
    // Several strong candidates under one ancestor: the story is split into parts.
    std::vector<int> close;
    for (size_t k = 1; k < order.size(); ++k) {
      if (score_[static_cast<size_t>(order[k])] / top_score >= 0.75) close.push_back(order[k]);
    }
    if (close.size() >= 2) {
      for (int a = dom_.node(top).parent; a >= 0 && dom_.node(a).tag != GUMBO_TAG_BODY; a = dom_.node(a).parent) {
        int inside = 0;
        for (int c : close) inside += Contains(a, c) ? 1 : 0;
        if (inside >= 2) {
          top = a;
          break;
        }
      }
    }
    // Climb while the parent scores better: the story continues beside us.
    double last = score_[static_cast<size_t>(top)];
    const double threshold = last / 3;
    for (int p = dom_.node(top).parent; p >= 0 && dom_.node(p).tag != GUMBO_TAG_BODY; p = dom_.node(p).parent) {
      if (!scored_[static_cast<size_t>(p)]) continue;
      const double ps = score_[static_cast<size_t>(p)];
      if (ps < threshold) break;
      if (ps > last) {
        top = p;
        break;
      }
      last = ps;
    }
    // Stories split into sections leave the best-scored container holding only
    // one of them: take the ancestor with the most prose for the chrome it adds.
    {
      auto value = [&](int a) {
        const double good = good_[static_cast<size_t>(a)];
        const double bad = stats_[static_cast<size_t>(a)].text - good;
        return good - kChromePenalty * bad;
      };
      int best = top;
      double best_value = value(top);
      for (int a = dom_.node(top).parent; a >= 0 && dom_.node(a).tag != GUMBO_TAG_HTML; a = dom_.node(a).parent) {
        if (value(a) > best_value) {
          best = a;
          best_value = value(a);
        }
      }
      top = best;
    }
    // An only child says nothing more than its parent.
    while (true) {
      const int p = dom_.node(top).parent;
      if (p < 0 || dom_.node(p).tag == GUMBO_TAG_BODY || dom_.node(p).tag == GUMBO_TAG_HTML) break;
      int elements = 0;
      for (int c = dom_.node(p).first_child; c >= 0; c = dom_.node(c).next_sibling) {
        if (!dom_.node(c).is_text && !removed_[static_cast<size_t>(c)]) ++elements;
      }
      if (elements != 1) break;
      top = p;
    }
    return top;
  }

  std::vector<int> Siblings(int top) {
    const int parent = dom_.node(top).parent;
    if (parent < 0) return {top};
    const double top_score = score_[static_cast<size_t>(top)];
    const double threshold = std::max(10.0, top_score * 0.2);
    const std::string_view top_class = dom_.Attr(top, "class");
    std::vector<int> out;
    for (int c = dom_.node(parent).first_child; c >= 0; c = dom_.node(c).next_sibling) {
      if (dom_.node(c).is_text || removed_[static_cast<size_t>(c)]) continue;
      if (c == top) {
        out.push_back(c);
        continue;
      }
      double bonus = 0;
      if (!top_class.empty() && dom_.Attr(c, "class") == top_class) bonus += top_score * 0.2;
      if (scored_[static_cast<size_t>(c)] && score_[static_cast<size_t>(c)] + bonus >= threshold) {
        out.push_back(c);
        continue;
      }
      const GumboTag tag = dom_.node(c).tag;
      if (tag == GUMBO_TAG_P || IsHeading(tag) || tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL ||
          tag == GUMBO_TAG_BLOCKQUOTE) {
        const Stats& s = stats_[static_cast<size_t>(c)];
        const double ld = LinkDensity(c);
        if (s.text > 80 && ld < 0.25) {
          out.push_back(c);
        } else if (s.text > 0 && s.text <= 80 && ld == 0) {
          const std::string text = dom_.CollapsedText(c);
          if (text.find(". ") != std::string::npos || text.ends_with(".")) out.push_back(c);
        }
      }
    }
    return out;
  }

  void Remove(int i, int root) {
    const Stats s = stats_[static_cast<size_t>(i)];
    std::fill(removed_.begin() + i, removed_.begin() + dom_.node(i).end, true);
    for (int a = dom_.node(i).parent; a >= 0 && a >= root; a = dom_.node(a).parent) {
      Stats& as = stats_[static_cast<size_t>(a)];
      as.text -= s.text;
      as.link -= s.link;
      as.commas -= s.commas;
      as.p -= s.p;
      as.img -= s.img;
      as.li -= s.li;
      as.input -= s.input;
      as.embed -= s.embed;
      as.heading -= s.heading;
      if (a == root) break;
    }
  }

  // Readability's _cleanConditionally: containers that look like link lists,
  // forms or image galleries rather than prose.
  void CleanConditionally(int root) {
    for (int i = dom_.node(root).end - 1; i > root; --i) {
      const DomNode& n = dom_.node(i);
      if (n.is_text || removed_[static_cast<size_t>(i)]) continue;
      const GumboTag t = n.tag;
      const bool is_list = t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_DL;
      if (!(is_list || t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_FORM ||
            t == GUMBO_TAG_FIELDSET || t == GUMBO_TAG_HEADER || t == GUMBO_TAG_P)) {
        continue;
      }
      const Stats& s = stats_[static_cast<size_t>(i)];
      const int weight = ClassWeight(i);
      const double ld = LinkDensity(i);
      bool remove = false;
      if (t == GUMBO_TAG_P) {
        // A paragraph that is just a link ("Read more: ...") is navigation.
        remove = s.text > 0 && ld > 0.8 && s.text < 200;
      } else if (weight < 0) {
        // A class name is weak evidence against a block of long prose.
        remove = NamesBoxRole(Hints(i)) || good_[static_cast<size_t>(i)] < kKeepProseChars || ld >= 0.25;
      } else if (s.commas < 10) {
        const double heading_density = s.text == 0 ? 0 : static_cast<double>(s.heading) / s.text;
        const bool in_figure = false;
        remove = (s.img > 1 && static_cast<double>(s.p) / s.img < 0.5 && !in_figure) ||
                 (!is_list && s.li - 100 > s.p) || (s.input > s.p / 3) ||
                 (!is_list && heading_density < 0.9 && s.text < kMinParagraphChars && (s.img == 0 || s.img > 2)) ||
                 (!is_list && weight < 25 && ld > 0.2 && s.text < 1000) || (weight >= 25 && ld > 0.5) ||
                 (is_list && ld > 0.5) || (s.embed == 1 && s.text < 75) || s.embed > 1;
      }
      if (remove) Remove(i, root);
    }
  }

  void Flush(std::string& buf, std::vector<std::string>& out) {
    std::string p = CollapseWhitespace(buf);
    buf.clear();
    if (!p.empty()) out.push_back(std::move(p));
  }

  void ReadOut(int root, std::vector<std::string>& out) {
    std::string buf;
    std::vector<int> open;  // block elements whose end closes a paragraph
    const int end = dom_.node(root).end;
    for (int i = root; i < end; ++i) {
      while (!open.empty() && i >= dom_.node(open.back()).end) {
        open.pop_back();
        Flush(buf, out);
      }
      if (removed_[static_cast<size_t>(i)]) {
        i = dom_.node(i).end - 1;
        continue;
      }
      const DomNode& n = dom_.node(i);
      if (n.is_text) {
        buf += dom_.Text(i);
        continue;
      }
      if (n.tag == GUMBO_TAG_H1) {  // the headline, not body
        Flush(buf, out);
        i = n.end - 1;
        continue;
      }
      if (n.tag == GUMBO_TAG_BR) {
        buf += ' ';
        continue;
      }
      if (IsBlockTag(n.tag)) {
        Flush(buf, out);
        open.push_back(i);
      } else if (n.tag == GUMBO_TAG_IMG || n.tag == GUMBO_TAG_UNKNOWN) {
        buf += ' ';
      }
    }
    Flush(buf, out);
  }

  static void DropTitle(std::vector<std::string>& out, std::string_view title) {
    if (out.empty() || title.empty()) return;
    // The headline may be the stated spelling of the <h1> ("--" for "—").
    const std::string key = MatchKey(title);
    if (!key.empty() && key == MatchKey(out.front())) out.erase(out.begin());
  }

  const Dom& dom_;
  Flags flags_;
  const FrameworkTokens& framework_tokens_;
  HiddenElements hidden_;
  std::vector<bool> removed_;
  std::vector<bool> holds_main_;  // a <main> below
  std::vector<Stats> stats_;
  std::vector<double> score_;
  std::vector<bool> scored_;
  std::vector<int> candidates_;
  std::vector<int> element_children_;
  std::vector<int> good_;  // prose characters below each node: paragraphs of little link text
};

size_t TextSize(const std::vector<std::string>& paragraphs) {
  size_t n = 0;
  for (const auto& p : paragraphs) n += p.size();
  return n;
}

}  // namespace

std::vector<std::string> ExtractBody(const Dom& dom, const BodyOptions& options) {
  // Each retry drops one filter, as Readability does when a page yields too little.
  static constexpr std::array<Flags, 5> kAttempts = {Flags{true, true, true, true}, Flags{false, true, true, true},
                                                     Flags{false, false, true, true}, Flags{false, false, false, true},
                                                     Flags{true, true, true, false}};
  const FrameworkTokens framework_tokens(dom);
  std::vector<std::string> best;
  for (size_t k = 0; k < kAttempts.size(); ++k) {
    std::vector<std::string> body = BodyFinder(dom, kAttempts[k], framework_tokens).Run(options.title);
    // Hidden parts only rescue a page whose visible text is a fraction of them.
    const bool better = kAttempts[k].strip_hidden ? TextSize(body) > TextSize(best)
                                                  : TextSize(body) > kHiddenRescueFactor * TextSize(best);
    if (better) best = std::move(body);
    if (TextSize(best) >= kRetryBelowChars) break;
  }
  DropBoilerplateParagraphs(best, options.authors);
  return best;
}

}  // namespace newsmon::article
