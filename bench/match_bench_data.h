// Inputs for match_bench: story texts from the feed corpus and generated rules.
//
//   const BenchData& d = BenchData::Get();   // reads ../shared/data once
//   if (!d.ok) state.SkipWithError(d.why.c_str());
//   d.entries, d.articles                    // feed entries, ~5 KB articles
//   d.generated                              // 10,000 rules built from corpus words
//
// Entries are taken from the corpus by stripping tags from each <item> or
// <entry>; articles are consecutive entries joined to about 5 KB. Rule terms
// are corpus words and word pairs below the most common ones, so they hit
// about as often as the names and keywords of real topic rules do.
#pragma once

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/config.h"
#include "match/fold.h"
#include "util/text.h"

namespace newsmon::bench {

inline constexpr const char* kCorpusDir = NEWSMON_SHARED_DATA "/feeds/corpus";
inline constexpr size_t kMaxEntries = 4000;
inline constexpr size_t kArticleBytes = 5000;
inline constexpr size_t kMaxArticles = 1000;
inline constexpr int kGeneratedRules = 10000;

struct Doc {
  std::string title;
  std::string body;
  size_t bytes() const { return title.size() + body.size(); }
};

// Entities that matter for plain text; the rest become a space.
inline std::string DecodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    if (name == "lt") {
      out += '<';
    } else if (name == "gt") {
      out += '>';
    } else if (name == "amp") {
      out += '&';
    } else if (name == "quot") {
      out += '"';
    } else if (name == "apos" || name == "#39") {
      out += '\'';
    } else {
      out += ' ';
    }
    i = semi;
  }
  return out;
}

// Paragraph-like tags become blank lines, other tags spaces.
inline std::string StripTags(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '<') {
      out += s[i];
      continue;
    }
    const size_t close = s.find('>', i);
    if (close == std::string_view::npos) break;
    const std::string_view tag = s.substr(i + 1, std::min<size_t>(close - i - 1, 3));
    out += (tag.starts_with("/p") || tag.starts_with("br") || tag.starts_with("/h") || tag.starts_with("/li")) ? "\n\n"
                                                                                                               : " ";
    i = close;
  }
  return out;
}

inline std::string PlainText(std::string_view xml) {
  std::string s(xml);
  for (const char* marker : {"<![CDATA[", "]]>"}) {
    for (size_t p = s.find(marker); p != std::string::npos; p = s.find(marker, p)) s.replace(p, strlen(marker), " ");
  }
  // Feeds escape their HTML once: strip the XML, decode, strip the HTML.
  std::string text = StripTags(DecodeEntities(StripTags(s)));
  text = DecodeEntities(text);
  // Keep paragraph breaks, collapse the rest.
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    const std::string para = CollapseWhitespace(std::string_view(text).substr(start, end - start));
    if (!para.empty()) out += (out.empty() ? "" : "\n\n") + para;
    start = end + 2;
  }
  return SanitizeUtf8(out);
}

inline std::string Tag(std::string_view item, std::string_view name) {
  const std::string open = "<" + std::string(name);
  size_t p = item.find(open);
  while (p != std::string_view::npos && p + open.size() < item.size() && item[p + open.size()] != '>' &&
         item[p + open.size()] != ' ') {
    p = item.find(open, p + 1);
  }
  if (p == std::string_view::npos) return {};
  const size_t body = item.find('>', p);
  const size_t close = item.find("</" + std::string(name), body);
  if (body == std::string_view::npos || close == std::string_view::npos) return {};
  return PlainText(item.substr(body + 1, close - body - 1));
}

struct BenchData {
  bool ok = false;
  std::string why;
  std::vector<Doc> entries;
  std::vector<Doc> articles;
  std::vector<TopicConfig> packs;
  std::vector<TopicConfig> generated;

  static const BenchData& Get() {
    static const BenchData data = Load();
    return data;
  }

 private:
  static BenchData Load() {
    BenchData d;
    // The source tree, for the shipped packs, from this file's own path.
    const std::filesystem::path source = std::filesystem::path(__FILE__).parent_path().parent_path();
    auto config = LoadConfigFromString("include: [config/topics/*.yaml]\n", "bench.yaml", source);
    if (!config) {
      d.why = "cannot load the topic packs: " + config.error().message;
      return d;
    }
    d.packs = (*config)->topics;
    if (!std::filesystem::is_directory(kCorpusDir)) {
      d.why = std::string(kCorpusDir) + " is absent";
      return d;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(kCorpusDir)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string xml = ss.str();
      const bool atom = xml.find("<entry") != std::string::npos && xml.find("<item") == std::string::npos;
      const std::string open = atom ? "<entry" : "<item";
      const std::string close = atom ? "</entry>" : "</item>";
      for (size_t p = xml.find(open); p != std::string::npos && d.entries.size() < kMaxEntries;
           p = xml.find(open, p + 1)) {
        const size_t end = xml.find(close, p);
        if (end == std::string::npos) break;
        const std::string_view item = std::string_view(xml).substr(p, end - p);
        Doc doc;
        doc.title = Tag(item, "title");
        doc.body = Tag(item, atom ? "content" : "description");
        if (doc.body.empty()) doc.body = Tag(item, atom ? "summary" : "content:encoded");
        if (doc.bytes() > 0) d.entries.push_back(std::move(doc));
      }
    }
    if (d.entries.empty()) {
      d.why = "no entries in the corpus";
      return d;
    }
    // Articles: entries joined, paragraph by paragraph, to about 5 KB.
    Doc article;
    for (const Doc& e : d.entries) {
      if (d.articles.size() >= kMaxArticles) break;
      if (article.title.empty()) article.title = e.title;
      if (!e.body.empty()) article.body += (article.body.empty() ? "" : "\n\n") + e.body;
      if (article.body.size() >= kArticleBytes) {
        article.body.resize(kArticleBytes);
        article.body = SanitizeUtf8(article.body);
        d.articles.push_back(std::move(article));
        article = Doc{};
      }
    }
    d.generated = Generate(d.entries);
    d.ok = true;
    return d;
  }

  // Words and adjacent pairs by frequency; rules draw from below the top ones.
  static std::vector<TopicConfig> Generate(const std::vector<Doc>& docs) {
    std::unordered_map<std::string, int> word_count;
    std::unordered_map<std::string, int> pair_count;
    match::FoldedDocument folded;
    size_t pair_bytes = 0;
    for (const Doc& doc : docs) {
      match::FoldDocument(doc.title, doc.body, folded);
      std::string prev;
      for (size_t i = 0; i < folded.words.size(); ++i) {
        const size_t s = folded.words[i].norm_start;
        const size_t e = (i + 1 < folded.words.size() ? folded.words[i + 1].norm_start : folded.stream.size()) - 1;
        std::string w = folded.stream.substr(s, e - s);
        if (CodePointCount(w) < 4 || std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
          prev.clear();
          continue;
        }
        ++word_count[w];
        if (!prev.empty() && pair_bytes < 3'000'000) ++pair_count[prev + " " + w];
        pair_bytes += w.size();
        prev = std::move(w);
      }
    }
    auto ranked = [](const std::unordered_map<std::string, int>& counts, int min_count) {
      std::vector<std::pair<int, std::string>> v;
      for (const auto& [w, c] : counts) {
        if (c >= min_count) v.emplace_back(c, w);
      }
      std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      });
      std::vector<std::string> out;
      for (auto& [c, w] : v) out.push_back(std::move(w));
      return out;
    };
    std::vector<std::string> words = ranked(word_count, 2);
    std::vector<std::string> pairs = ranked(pair_count, 3);
    // Skip the 2,000 most common words: real topic terms are names and keywords.
    constexpr size_t kSkipCommon = 2000;
    words.erase(words.begin(), words.begin() + static_cast<long>(std::min(kSkipCommon, words.size() / 2)));
    pairs.erase(pairs.begin(), pairs.begin() + static_cast<long>(std::min<size_t>(300, pairs.size() / 2)));
    if (words.size() > 40000) words.resize(40000);
    if (pairs.empty()) pairs.push_back("central asia");

    std::mt19937 rng(20261128);
    auto pick = [&](const std::vector<std::string>& from) -> const std::string& {
      return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(rng)];
    };
    auto word = [&] { return pick(words); };
    auto phrase = [&] { return "\"" + pick(pairs) + "\""; };
    auto prefix = [&] {
      // Stems of longer words, as rule writers use them (sanction*, санкци*).
      std::string w = pick(words);
      for (int tries = 0; tries < 20 && CodePointCount(w) < 7; ++tries) w = pick(words);
      // Cut a couple of code points off, on a code point boundary.
      size_t cps = CodePointCount(w);
      size_t keep = std::max<size_t>(5, cps > 2 ? cps - 2 : cps);
      size_t bytes = 0;
      for (size_t n = 0; bytes < w.size() && n < keep; ++n) {
        ++bytes;
        while (bytes < w.size() && (static_cast<unsigned char>(w[bytes]) & 0xC0) == 0x80) ++bytes;
      }
      return w.substr(0, bytes) + "*";
    };
    std::vector<TopicConfig> rules;
    for (int i = 0; i < kGeneratedRules; ++i) {
      TopicConfig t;
      t.id = "g" + std::to_string(i);
      t.query_where = SourceLocation{"generated", i + 1, 1};
      switch (i % 10) {
        case 0:
        case 1:
        case 2:
        case 3:
          t.query = "(" + word() + " OR " + word() + " OR " + phrase() + ") AND (" + prefix() + " OR " + word() + ")";
          break;
        case 4:
        case 5:
          t.query = word() + " NEAR/10 (" + word() + " OR " + prefix() + ")";
          break;
        case 6:
          t.query = phrase() + " OR " + word() + " NOT " + word();
          break;
        case 7:
          t.query = "title:(" + word() + " OR " + phrase() + ") OR COUNT>=2(" + word() + " OR " + prefix() + ")";
          break;
        case 8:
          t.query = "(" + word() + " OR " + word() + ") NEAR/para (" + phrase() + " OR " + word() + ")";
          break;
        default:
          t.query = word() + "^2 OR " + prefix() + "^1 OR " + phrase() + "^3 OR " + word() + "^-1";
          t.threshold = 4;
          break;
      }
      rules.push_back(std::move(t));
    }
    return rules;
  }
};

}  // namespace newsmon::bench
