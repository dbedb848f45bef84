// Made-up leader quotes that behave like real ones for novelty: a small
// political vocabulary drawn with Zipf-like frequencies (so "the", "we",
// "will" are everywhere and most content words are rare), stock phrases a
// leader keeps repeating, lengths from one word to long sentences, and
// quotes that come back: the same words in other case and quote marks,
// fragments of earlier quotes, light edits, extensions, merges. Used by
// tests/quote/novelty_test.cc and bench/quote_bench.cc; reproducible from
// the seed.
//
//   testing::QuoteHistoryGen gen(42);
//   std::vector<std::string> history = gen.History(10'000);
//   std::string fresh = gen.Sentence();
//   std::string again = gen.Variant(history[17]);
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace newsmon::testing {

class QuoteHistoryGen {
 public:
  explicit QuoteHistoryGen(uint64_t seed) : rng_(seed) {
    for (size_t r = 0; r < Vocabulary().size(); ++r) weights_.push_back(1.0 / (static_cast<double>(r) + 2.0));
    word_ = std::discrete_distribution<size_t>(weights_.begin(), weights_.end());
  }

  // A new sentence: 10% of one or two words, 25% of 3-7, 55% of 8-25, 10% longer.
  std::string Sentence() {
    const uint32_t r = Draw(100);
    const size_t length = r < 10 ? 1 + Draw(2) : r < 35 ? 3 + Draw(5) : r < 90 ? 8 + Draw(18) : 26 + Draw(20);
    return Render(Words(length));
  }

  // A short quote of one to four words, as a page cut into many pieces has.
  std::string Short() { return Render(Words(1 + Draw(4))); }

  // Something made from an earlier quote: its words again with other case
  // and marks, a fragment, a light edit, an extension or a reordering.
  std::string Variant(const std::string& earlier) {
    std::vector<std::string> w = Split(earlier);
    if (w.empty()) return Sentence();
    switch (Draw(6)) {
      case 0:  // the same words, other surface
        return Surface(w);
      case 1: {  // a contiguous fragment
        const size_t len = 1 + Draw(static_cast<uint32_t>(w.size()));
        const size_t from = Draw(static_cast<uint32_t>(w.size() - len + 1));
        return Render({w.begin() + static_cast<long>(from), w.begin() + static_cast<long>(from + len)});
      }
      case 2: {  // one to three words replaced, inserted or dropped
        for (uint32_t k = 1 + Draw(3); k > 0; --k) {
          const size_t at = Draw(static_cast<uint32_t>(w.size()));
          const uint32_t op = Draw(3);
          if (op == 0) {
            w[at] = Word();
          } else if (op == 1) {
            w.insert(w.begin() + static_cast<long>(at), Word());
          } else if (w.size() > 1) {
            w.erase(w.begin() + static_cast<long>(at));
          }
        }
        return Render(w);
      }
      case 3: {  // extended with a clause
        std::vector<std::string> more = Words(3 + Draw(10));
        if (Draw(2) == 0) {
          w.insert(w.end(), more.begin(), more.end());
        } else {
          more.insert(more.end(), w.begin(), w.end());
          w = more;
        }
        return Render(w);
      }
      case 4: {  // halves swapped
        const size_t mid = w.size() / 2;
        std::vector<std::string> swapped(w.begin() + static_cast<long>(mid), w.end());
        swapped.insert(swapped.end(), w.begin(), w.begin() + static_cast<long>(mid));
        return Render(swapped);
      }
      default: {  // a fragment after a stock phrase
        w.resize(std::min<size_t>(w.size(), 2 + Draw(6)));
        const std::vector<std::string>& p = Phrase();
        w.insert(w.begin(), p.begin(), p.end());
        return Render(w);
      }
    }
  }

  // n quotes of one leader: 60% new sentences, 40% variants of earlier ones
  // (recent ones more often, as a leader's talking points come in runs).
  std::vector<std::string> History(size_t n) {
    std::vector<std::string> out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      if (out.empty() || Draw(10) < 6) {
        out.push_back(Sentence());
      } else {
        const size_t back = Draw(3) != 0 ? Draw(static_cast<uint32_t>(std::min<size_t>(out.size(), 200)))
                                         : Draw(static_cast<uint32_t>(out.size()));
        out.push_back(Variant(out[out.size() - 1 - back]));
      }
    }
    return out;
  }

  uint32_t Draw(uint32_t n) { return static_cast<uint32_t>(rng_() % n); }

 private:
  static const std::vector<std::string>& Vocabulary() {
    // Roughly by frequency: function words first, then the subjects.
    static const std::vector<std::string> words = {"the",
                                                   "we",
                                                   "will",
                                                   "of",
                                                   "and",
                                                   "to",
                                                   "in",
                                                   "a",
                                                   "that",
                                                   "is",
                                                   "our",
                                                   "for",
                                                   "it",
                                                   "not",
                                                   "be",
                                                   "with",
                                                   "this",
                                                   "on",
                                                   "are",
                                                   "have",
                                                   "as",
                                                   "people",
                                                   "country",
                                                   "all",
                                                   "i",
                                                   "they",
                                                   "can",
                                                   "must",
                                                   "should",
                                                   "there",
                                                   "region",
                                                   "cooperation",
                                                   "economy",
                                                   "today",
                                                   "new",
                                                   "more",
                                                   "government",
                                                   "world",
                                                   "president",
                                                   "important",
                                                   "relations",
                                                   "support",
                                                   "energy",
                                                   "security",
                                                   "together",
                                                   "years",
                                                   "also",
                                                   "very",
                                                   "but",
                                                   "from",
                                                   "by",
                                                   "germany",
                                                   "kazakhstan",
                                                   "russia",
                                                   "europe",
                                                   "partners",
                                                   "development",
                                                   "investment",
                                                   "water",
                                                   "don't",
                                                   "we're",
                                                   "it's",
                                                   "question",
                                                   "future",
                                                   "trade",
                                                   "sanctions",
                                                   "border",
                                                   "transport",
                                                   "corridor",
                                                   "project",
                                                   "agreement",
                                                   "talks",
                                                   "peace",
                                                   "war",
                                                   "allies",
                                                   "market",
                                                   "prices",
                                                   "gas",
                                                   "oil",
                                                   "grain",
                                                   "schools",
                                                   "hospitals",
                                                   "roads",
                                                   "railway",
                                                   "northern",
                                                   "southern",
                                                   "capacity",
                                                   "double",
                                                   "build",
                                                   "open",
                                                   "close",
                                                   "protect",
                                                   "strengthen",
                                                   "expand",
                                                   "discuss",
                                                   "agree",
                                                   "decide",
                                                   "invest",
                                                   "million",
                                                   "billion",
                                                   "percent",
                                                   "next",
                                                   "year",
                                                   "decade",
                                                   "week",
                                                   "month",
                                                   "strategic",
                                                   "reliable",
                                                   "critical",
                                                   "raw",
                                                   "materials",
                                                   "students",
                                                   "universities",
                                                   "campuses",
                                                   "abroad",
                                                   "farmers",
                                                   "workers",
                                                   "families",
                                                   "children",
                                                   "taxes",
                                                   "reform",
                                                   "constitution",
                                                   "parliament",
                                                   "election",
                                                   "law",
                                                   "courts",
                                                   "corruption",
                                                   "justice",
                                                   "freedom",
                                                   "media",
                                                   "dialogue",
                                                   "neighbours",
                                                   "friends",
                                                   "Токаев",
                                                   "Müller",
                                                   "Astana",
                                                   "Berlin",
                                                   "Moscow",
                                                   "Tashkent",
                                                   "climate",
                                                   "drought",
                                                   "rivers",
                                                   "dams",
                                                   "solar",
                                                   "wind",
                                                   "hydrogen",
                                                   "pipeline",
                                                   "exports",
                                                   "imports",
                                                   "customs",
                                                   "tariffs",
                                                   "currency",
                                                   "inflation",
                                                   "budget",
                                                   "deficit",
                                                   "pensions",
                                                   "salaries",
                                                   "housing",
                                                   "digital",
                                                   "technology",
                                                   "innovation",
                                                   "airport",
                                                   "flights",
                                                   "visas",
                                                   "tourism",
                                                   "culture",
                                                   "language",
                                                   "history",
                                                   "memory",
                                                   "victory",
                                                   "soldiers",
                                                   "army",
                                                   "defence",
                                                   "nuclear",
                                                   "weapons",
                                                   "treaty",
                                                   "summit",
                                                   "visit",
                                                   "delegation",
                                                   "minister",
                                                   "chancellor",
                                                   "ambassador",
                                                   "embassy",
                                                   "consulate",
                                                   "companies",
                                                   "banks"};
    return words;
  }

  const std::vector<std::string>& Phrase() {
    static const std::vector<std::vector<std::string>> phrases = {
        {"we", "will", "not", "allow"},    {"the", "people", "of", "kazakhstan"},
        {"in", "the", "coming", "years"},  {"it", "is", "important", "that"},
        {"i", "want", "to", "stress"},     {"our", "strategic", "partners"},
        {"the", "whole", "region"},        {"there", "is", "no", "alternative", "to"},
        {"we", "are", "ready", "to"},      {"as", "i", "have", "said", "many", "times"},
        {"the", "main", "question", "is"}, {"for", "the", "benefit", "of", "our", "citizens"}};
    return phrases[Draw(static_cast<uint32_t>(phrases.size()))];
  }

  std::string Word() { return Vocabulary()[word_(rng_)]; }

  std::vector<std::string> Words(size_t length) {
    std::vector<std::string> w;
    while (w.size() < length) {
      if (length >= 6 && Draw(8) == 0) {
        const std::vector<std::string>& p = Phrase();
        w.insert(w.end(), p.begin(), p.end());
      } else {
        w.push_back(Word());
      }
    }
    w.resize(length);
    return w;
  }

  // Words with a capital, commas now and then, an end mark, and sometimes quote marks.
  std::string Render(const std::vector<std::string>& w) {
    std::string s;
    for (size_t i = 0; i < w.size(); ++i) {
      if (i > 0) s += Draw(12) == 0 ? ", " : " ";
      std::string word = w[i];
      if (i == 0 && !word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 32);
      s += word;
    }
    const uint32_t end = Draw(10);
    s += end < 7 ? "." : end < 8 ? "!" : end < 9 ? "?" : "";
    return s;
  }

  // The same words in upper case, without commas, in other marks, or with a dash.
  std::string Surface(const std::vector<std::string>& w) {
    std::string s = Render(w);
    switch (Draw(4)) {
      case 0:
        for (char& c : s) {
          if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        }
        return s;
      case 1:
        return "\xE2\x80\x9E" + s + "\xE2\x80\x9C";  // „…“
      case 2:
        return "\xC2\xAB" + s + "\xC2\xBB";  // «…»
      default:
        return "\xE2\x80\x94 " + s + " \xE2\x80\xA6";  // — … …
    }
  }

  // Words of a rendered quote: split at spaces, marks around words dropped.
  static std::vector<std::string> Split(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    const auto flush = [&] {
      while (!cur.empty() && IsMark(cur.back())) cur.pop_back();
      size_t lead = 0;
      while (lead < cur.size() && IsMark(cur[lead])) ++lead;
      cur.erase(0, lead);
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    };
    for (char c : text) {
      if (c == ' ') {
        flush();
      } else {
        cur += c;
      }
    }
    flush();
    return out;
  }
  // ASCII punctuation and the bytes of the marks Surface adds.
  static bool IsMark(char c) {
    const auto u = static_cast<unsigned char>(c);
    return c == '.' || c == ',' || c == '!' || c == '?' || u == 0xE2 || u == 0x80 || u == 0x9E || u == 0x9C ||
           u == 0xC2 || u == 0xAB || u == 0xBB || u == 0x94 || u == 0xA6;
  }

  std::mt19937_64 rng_;
  std::vector<double> weights_;
  std::discrete_distribution<size_t> word_;
};

}  // namespace newsmon::testing
