// Throughput of ExtractArticle on the article dev set, read at run time.
//
//   build/bench/article_bench --benchmark_counters_tabular=true
//   NEWSMON_ARTICLE_SET=/path/to/pages NEWSMON_ARTICLE_LIMIT=200 build/bench/article_bench
//
// Pages are NAME.html.gz (or NAME.html) files, with NAME.json holding {"url"}.
// They are decompressed into memory first, so only extraction is timed.
// BM_DomParse times the extractor's own parse (libxml2 plus the tag repair
// and the flat node table) of the same pages, the in-run floor for
// BM_ExtractArticle; BM_GumboParse, the bare parse of the former parser, is
// kept as the reference for that switch.
#include <benchmark/benchmark.h>
#include <gumbo.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "article/charset.h"
#include "article/content.h"
#include "article/dom.h"
#include "article/extractor.h"
#include "article/language.h"
#include "article/metadata.h"
#include "article/page_guard.h"

namespace {

struct Page {
  std::string html;
  std::string url;
};

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Gunzip(const std::string& gz) {
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return {};
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = static_cast<uInt>(gz.size());
  std::string out;
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  }
  inflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

const std::vector<Page>& Pages() {
  static const std::vector<Page> pages = [] {
    std::vector<Page> out;
    const char* env = std::getenv("NEWSMON_ARTICLE_SET");
    const std::filesystem::path dir = env ? env : NEWSMON_SHARED_DATA "/articles/dev";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return out;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      const std::string name = entry.path().filename().string();
      if (name.ends_with(".html.gz") || name.ends_with(".html")) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    // The comparison script times the same first N pages with the reference tools.
    if (const char* limit = std::getenv("NEWSMON_ARTICLE_LIMIT"); limit && std::atoi(limit) > 0) {
      files.resize(std::min(files.size(), static_cast<size_t>(std::atoi(limit))));
    }
    for (const auto& f : files) {
      const std::string name = f.filename().string();
      Page p;
      p.html = name.ends_with(".gz") ? Gunzip(ReadAll(f)) : ReadAll(f);
      const std::string stem = name.substr(0, name.find(".html"));
      try {
        auto meta = nlohmann::json::parse(ReadAll(f.parent_path() / (stem + ".json")));
        if (meta.contains("url") && meta["url"].is_string()) p.url = meta["url"].get<std::string>();
      } catch (const std::exception&) {
      }
      if (!p.html.empty()) out.push_back(std::move(p));
    }
    return out;
  }();
  return pages;
}

void SetCounters(benchmark::State& state, const std::vector<Page>& pages) {
  size_t bytes = 0;
  for (const auto& p : pages) bytes += p.html.size();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * pages.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["pages"] = static_cast<double>(pages.size());
}

void BM_ExtractArticle(benchmark::State& state) {
  const auto& pages = Pages();
  if (pages.empty()) {
    state.SkipWithError("article set not found (set NEWSMON_ARTICLE_SET); skipped");
    return;
  }
  size_t paragraphs = 0;
  for (auto _ : state) {
    for (const auto& p : pages) {
      auto a = newsmon::ExtractArticle(p.html, {.url = p.url, .content_type = ""});
      if (a) paragraphs += a->paragraphs.size();
    }
  }
  benchmark::DoNotOptimize(paragraphs);
  SetCounters(state, pages);
}
BENCHMARK(BM_ExtractArticle)->Unit(benchmark::kMillisecond)->MinTime(3);

void BM_DomParse(benchmark::State& state) {
  const auto& pages = Pages();
  if (pages.empty()) {
    state.SkipWithError("article set not found (set NEWSMON_ARTICLE_SET); skipped");
    return;
  }
  for (auto _ : state) {
    for (const auto& p : pages) {
      auto dom = newsmon::article::Dom::Parse(p.html);
      if (dom) benchmark::DoNotOptimize(dom->size());
    }
  }
  SetCounters(state, pages);
}
BENCHMARK(BM_DomParse)->Unit(benchmark::kMillisecond)->MinTime(3);

// Where an extraction's time goes: ExtractArticle's steps, run one by one
// with a clock around each; the counters are each step's share of the total.
void BM_ExtractSteps(benchmark::State& state) {
  const auto& pages = Pages();
  if (pages.empty()) {
    state.SkipWithError("article set not found (set NEWSMON_ARTICLE_SET); skipped");
    return;
  }
  using Clock = std::chrono::steady_clock;
  enum Step { kDecode, kNesting, kParse, kMetadata, kBody, kLanguage, kFree, kSteps };
  static constexpr const char* kNames[kSteps] = {"decode", "nesting", "parse", "metadata", "body", "language", "free"};
  std::array<Clock::duration, kSteps> spent{};
  for (auto _ : state) {
    for (const auto& p : pages) {
      auto t = Clock::now();
      auto lap = [&](Step step) {
        const auto now = Clock::now();
        spent[step] += now - t;
        t = now;
      };
      auto decoded = newsmon::article::DecodeHtml(p.html, "");
      if (!decoded) continue;
      lap(kDecode);
      std::optional<std::string> flat = newsmon::article::LimitNesting(decoded->utf8, 200);
      lap(kNesting);
      {
        auto dom = newsmon::article::Dom::Parse(flat ? *flat : decoded->utf8);
        lap(kParse);
        if (!dom) continue;
        auto meta = newsmon::article::ExtractMetadata(*dom, p.url);
        lap(kMetadata);
        auto body = newsmon::article::ExtractBody(*dom, {.title = meta.title});
        lap(kBody);
        std::string sample = meta.title;
        for (const auto& para : body) {
          if (sample.size() > 4 * 1024) break;
          sample += "\n" + para;
        }
        benchmark::DoNotOptimize(newsmon::article::ResolveLanguage(meta.declared_language, sample));
        lap(kLanguage);
      }
      lap(kFree);
    }
  }
  Clock::duration total{};
  for (const auto& d : spent) total += d;
  for (int step = 0; step < kSteps; ++step) {
    state.counters[kNames[step]] = static_cast<double>(spent[step].count()) / static_cast<double>(total.count());
  }
  SetCounters(state, pages);
}
BENCHMARK(BM_ExtractSteps)->Unit(benchmark::kMillisecond)->MinTime(3);

void BM_GumboParse(benchmark::State& state) {
  const auto& pages = Pages();
  if (pages.empty()) {
    state.SkipWithError("article set not found (set NEWSMON_ARTICLE_SET); skipped");
    return;
  }
  for (auto _ : state) {
    for (const auto& p : pages) {
      GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, p.html.data(), p.html.size());
      benchmark::DoNotOptimize(out->root);
      gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
  }
  SetCounters(state, pages);
}
BENCHMARK(BM_GumboParse)->Unit(benchmark::kMillisecond)->MinTime(3);

}  // namespace

BENCHMARK_MAIN();
