#include "quote/novelty.h"

#include <algorithm>
#include <bit>
#include <unordered_set>

#include "util/hash.h"

#include "quote/scan.h"
#include "util/text.h"

namespace newsmon {
namespace {

std::vector<std::string_view> Words(std::string_view key) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < key.size()) {
    size_t sp = key.find(' ', pos);
    if (sp == std::string_view::npos) sp = key.size();
    if (sp > pos) words.push_back(key.substr(pos, sp - pos));
    pos = sp + 1;
  }
  return words;
}

// Words per shingle for a text of `words` words: short texts use shorter
// grams so that a two-word quote still has something to compare.
size_t ShingleSize(size_t words) { return words >= 8 ? 3 : words >= 3 ? 2 : 1; }

// Word n-grams of a folded text, sorted and distinct.
std::vector<std::string> Shingles(std::string_view key) {
  const std::vector<std::string_view> words = Words(key);
  const size_t n = ShingleSize(words.size());
  std::vector<std::string> out;
  if (words.empty()) return out;
  for (size_t i = 0; i + n <= words.size(); ++i) {
    std::string s(words[i]);
    for (size_t k = 1; k < n; ++k) {
      s += ' ';
      s += words[i + k];
    }
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::string NormalizeQuoteText(std::string_view text) {
  const std::string folded = FoldForMatching(text);
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  size_t i = 0;
  while (i < folded.size()) {
    size_t len = 0;
    const char32_t c = quote_internal::DecodeAt(folded, i, &len);
    // Apostrophes inside words vanish (don't == dont); other punctuation separates.
    const bool apostrophe = c == '\'' || c == 0x2019;
    if (quote_internal::IsLetter(c) || quote_internal::IsDigit(c)) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out.append(folded, i, len);
    } else if (!apostrophe) {
      space = true;
    }
    i += len;
  }
  return out;
}

bool ContainsWords(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return false;
  size_t pos = 0;
  while ((pos = haystack.find(needle, pos)) != std::string_view::npos) {
    const bool left = pos == 0 || haystack[pos - 1] == ' ';
    const size_t end = pos + needle.size();
    const bool right = end == haystack.size() || haystack[end] == ' ';
    if (left && right) return true;
    ++pos;
  }
  return false;
}

double QuoteSimilarity(std::string_view text, std::string_view prior) {
  const std::vector<std::string> a = Shingles(text);
  const std::vector<std::string> b = Shingles(prior);
  if (a.empty() || b.empty()) return 0;
  std::vector<std::string> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  const double inter = static_cast<double>(common.size());
  const double jaccard = inter / static_cast<double>(a.size() + b.size() - common.size());
  const double containment = inter / static_cast<double>(a.size());
  return std::max(jaccard, containment);
}

NoveltyVerdict JudgeNovelty(std::string_view text, const std::vector<PriorQuote>& history) {
  std::vector<std::string> keys;
  keys.reserve(history.size());
  for (const auto& prior : history) keys.push_back(NormalizeQuoteText(prior.text));
  return JudgeNovelty(text, history, keys);
}

NoveltyVerdict JudgeNovelty(std::string_view text, const std::vector<PriorQuote>& history,
                            const std::vector<std::string>& history_keys) {
  NoveltyVerdict v;
  const std::string key = NormalizeQuoteText(text);
  if (key.empty()) return v;
  const std::vector<std::string> key_shingles = Shingles(key);
  const PriorQuote* best = nullptr;
  double best_sim = 0;
  for (size_t i = 0; i < history.size() && i < history_keys.size(); ++i) {
    const std::string& prior_key = history_keys[i];
    double sim = 0;
    if (prior_key == key || ContainsWords(prior_key, key)) {
      sim = 1.0;
    } else if (!key_shingles.empty()) {
      const std::vector<std::string> b = Shingles(prior_key);
      if (!b.empty()) {
        std::vector<std::string> common;
        std::set_intersection(key_shingles.begin(), key_shingles.end(), b.begin(), b.end(), std::back_inserter(common));
        const double inter = static_cast<double>(common.size());
        sim = std::max(inter / static_cast<double>(key_shingles.size() + b.size() - common.size()),
                       inter / static_cast<double>(key_shingles.size()));
      }
    }
    if (sim > best_sim) {
      best_sim = sim;
      best = &history[i];
      if (sim >= 1.0) break;
    }
  }
  if (best != nullptr && best_sim > 0) {
    v.similar_quote_id = best->quote_id;
    v.similarity = best_sim;
    if (best_sim >= kNearDuplicate) {
      v.is_new = false;
      v.first_seen = best->first_seen;
      v.first_url = best->url;
    }
  }
  return v;
}

// QuoteHistoryIndex.

namespace {

// Posting keys: the role's own FNV basis, so a word, a shingle and a text
// that are the same string still get different keys.
constexpr uint64_t kExactBasis = 0x6a09e667f3bcc908ULL;
constexpr uint64_t kShingleBasis = 0xbb67ae8584caa73bULL;
constexpr uint64_t kWordBasis = 0x3c6ef372fe94f82bULL;
constexpr uint64_t kPairBasis = 0xa54ff53a5f1d36f1ULL;

uint64_t Mix(uint64_t h) {
  // FNV-1a leaves the last bytes of a string in few bits; finalise so every
  // bit depends on every byte (the lists' map uses some bits, comparing
  // shingles all of them).
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

// Hash of words[i .. i+n) joined by single spaces: the shingle string
// Shingles() builds, without building it.
uint64_t GramHash(const std::vector<std::string_view>& words, size_t i, size_t n, uint64_t basis) {
  uint64_t h = Fnv1a64(words[i], basis);
  for (size_t k = 1; k < n; ++k) h = Fnv1a64(words[i + k], Fnv1a64(" ", h));
  return Mix(h);
}

// Hashes of Shingles(key), sorted and distinct.
std::vector<uint64_t> ShingleHashes(const std::vector<std::string_view>& words) {
  std::vector<uint64_t> out;
  if (words.empty()) return out;
  const size_t n = ShingleSize(words.size());
  out.reserve(words.size() - n + 1);
  for (size_t i = 0; i + n <= words.size(); ++i) out.push_back(GramHash(words, i, n, kShingleBasis));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Every list a quote is posted in (see the class comment), sorted and distinct.
std::vector<uint64_t> PostingKeys(std::string_view key, const std::vector<std::string_view>& words,
                                  const std::vector<uint64_t>& shingles) {
  std::vector<uint64_t> out;
  if (words.empty()) return out;
  out.push_back(Mix(Fnv1a64(key, kExactBasis)));
  for (uint64_t s : shingles) out.push_back(s);
  // Longer quotes are also found by the words (and pairs) a short quote
  // they contain is made of: those short quotes' shingles are shorter.
  if (words.size() >= 3) {
    for (size_t i = 0; i < words.size(); ++i) out.push_back(GramHash(words, i, 1, kWordBasis));
  }
  if (words.size() >= 8) {
    for (size_t i = 0; i + 2 <= words.size(); ++i) out.push_back(GramHash(words, i, 2, kPairBasis));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Shingles two sorted hash lists share.
size_t Shared(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t i = 0, j = 0, n = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

size_t VectorBytes(const std::vector<uint64_t>& v) { return v.capacity() * sizeof(uint64_t); }

}  // namespace

size_t QuoteHistoryIndex::HeapBytes(const Entry& e) {
  return StringHeapBytes(e.prior.quote_id) + StringHeapBytes(e.prior.text) + StringHeapBytes(e.prior.url) +
         StringHeapBytes(e.key) + VectorBytes(e.shingles);
}

void QuoteHistoryIndex::Add(PriorQuote prior) {
  Entry entry;
  entry.key = NormalizeQuoteText(prior.text);
  const std::vector<std::string_view> words = Words(entry.key);
  entry.shingles = ShingleHashes(words);
  const std::vector<uint64_t> keys = PostingKeys(entry.key, words, entry.shingles);
  const Timestamp first_seen = prior.first_seen;
  entry.prior = std::move(prior);
  entry_bytes_ += HeapBytes(entry);
  // A quote with no words is kept (it counts in size()) but is similar to
  // nothing, as in JudgeNovelty; it has no lists.
  const uint64_t seq = log_.Push(std::move(entry), first_seen);
  for (uint64_t k : keys) {
    List& list = lists_[k];
    const size_t before = list.capacity_bytes();
    list.Append(seq, {});
    list_bytes_ += list.capacity_bytes() - before;
  }
}

void QuoteHistoryIndex::Unindex(uint64_t seq, const Entry& entry) {
  const std::vector<std::string_view> words = Words(entry.key);
  for (uint64_t k : PostingKeys(entry.key, words, entry.shingles)) {
    auto it = lists_.find(k);
    if (it == lists_.end()) continue;
    list_bytes_ -= it->second.capacity_bytes();
    it->second.Remove(seq);
    if (it->second.empty()) {
      lists_.erase(it);
    } else {
      list_bytes_ += it->second.capacity_bytes();
    }
  }
}

size_t QuoteHistoryIndex::Expire(Timestamp before) {
  return log_.Expire(before, [this](uint64_t seq, const Entry& entry) {
    entry_bytes_ -= HeapBytes(entry);
    Unindex(seq, entry);
  });
}

const QuoteHistoryIndex::List* QuoteHistoryIndex::ListOf(uint64_t posting_key) const {
  auto it = lists_.find(posting_key);
  return it == lists_.end() ? nullptr : &it->second;
}

NoveltyVerdict QuoteHistoryIndex::Judge(std::string_view text) const {
  NoveltyVerdict v;
  const std::string key = NormalizeQuoteText(text);
  if (key.empty()) return v;
  const std::vector<std::string_view> words = Words(key);
  const std::vector<uint64_t> shingles = ShingleHashes(words);
  const size_t m = shingles.size();
  const size_t budget = options_.max_postings_scanned;

  // The best quote so far: most shared shingles (m for one that is the same
  // or contains the quote: similarity 1), then earliest added.
  size_t best_rank = 0;
  uint64_t best_seq = UINT64_MAX;
  const auto offer = [&](size_t rank, uint64_t seq) {
    if (rank > 0 && (rank > best_rank || (rank == best_rank && seq < best_seq))) {
      best_rank = rank;
      best_seq = seq;
    }
  };
  // Walks `list` in arrival order up to the best so far (within the
  // budget), offering the first quote `pred` accepts with rank m.
  const auto first_in = [&](const List* list, auto pred) {
    if (list == nullptr) return;
    size_t walked = 0;
    list->ForEach([&](const List::Entry& e) {
      if (e.seq >= best_seq || walked++ >= budget) return false;
      if (!pred(*log_.Find(e.seq))) return true;
      offer(m, e.seq);
      return false;
    });
  };
  const auto contains_key = [&](const Entry& e) { return ContainsWords(e.key, key); };

  // 1. Similarity 1 without counting: the same text, or a longer quote whose
  // shingles are longer than this one's and contain it.
  first_in(ListOf(Mix(Fnv1a64(key, kExactBasis))), [&](const Entry& e) { return e.key == key; });
  if (words.size() == 1) {
    first_in(ListOf(GramHash(words, 0, 1, kWordBasis)), contains_key);
  } else if (words.size() == 2) {
    first_in(ListOf(GramHash(words, 0, 2, kShingleBasis)), contains_key);
    first_in(ListOf(GramHash(words, 0, 2, kPairBasis)), contains_key);
  } else if (words.size() < 8) {
    // A quote of 8 words or more that contains this one has all its
    // trigrams among its shingles: look in the shortest of their lists.
    const List* rarest = nullptr;
    for (size_t i = 0; i + 3 <= words.size(); ++i) {
      const List* list = ListOf(GramHash(words, i, 3, kShingleBasis));
      if (list == nullptr) {
        rarest = nullptr;
        break;
      }
      if (rarest == nullptr || list->size() < rarest->size()) rarest = list;
    }
    first_in(rarest, contains_key);
  }

  // 2. Shared shingles.
  std::vector<const List*> lists;
  lists.reserve(m);
  for (uint64_t s : shingles) {
    if (const List* list = ListOf(s)) lists.push_back(list);
  }
  if (best_rank == m) {
    // Only an earlier quote sharing every shingle can still win; it is in
    // every list, so in the shortest.
    if (lists.size() == m) {
      const List* shortest = *std::min_element(lists.begin(), lists.end(),
                                               [](const List* a, const List* b) { return a->size() < b->size(); });
      first_in(shortest, [&](const Entry& e) { return Shared(shingles, e.shingles) == m; });
    }
  } else if (!lists.empty()) {
    // Count the quotes of the short lists; quotes of long lists count when
    // they are in a short one too (then by comparing their shingles), and
    // each long list's earliest quote counts.
    std::vector<const List*> long_lists;
    size_t walk = 0;
    for (const List* list : lists) {
      if (list->size() > budget) {
        long_lists.push_back(list);
      } else {
        walk += list->size();
      }
    }
    // Counts by sequence number in an open-addressing table (the lists are
    // sorted each, but merging or sorting them all costs more than hashing).
    size_t capacity = 16;
    while (capacity < 2 * walk) capacity *= 2;
    const int shift = 64 - std::countr_zero(capacity);
    std::vector<std::pair<uint64_t, uint32_t>> counts(capacity, {UINT64_MAX, 0});
    const auto slot_of = [&](uint64_t seq) -> std::pair<uint64_t, uint32_t>& {
      size_t i = static_cast<size_t>((seq * 0x9E3779B97F4A7C15ULL) >> shift);
      while (counts[i].first != seq && counts[i].first != UINT64_MAX) i = (i + 1) & (capacity - 1);
      return counts[i];
    };
    for (const List* list : lists) {
      if (list->size() > budget) continue;
      list->ForEach([&](const List::Entry& e) {
        auto& slot = slot_of(e.seq);
        slot.first = e.seq;
        ++slot.second;
        return true;
      });
    }
    for (const auto& [seq, partial] : counts) {
      if (seq == UINT64_MAX) continue;
      const size_t bound = partial + long_lists.size();
      if (bound > best_rank || (bound == best_rank && seq < best_seq)) {
        offer(long_lists.empty() ? partial : Shared(shingles, log_.Find(seq)->shingles), seq);
      }
    }
    for (const List* list : long_lists) {
      const uint64_t seq = list->front().seq;
      if (slot_of(seq).first != seq) offer(Shared(shingles, log_.Find(seq)->shingles), seq);
    }
  }

  if (best_rank == 0) return v;
  const Entry& best = *log_.Find(best_seq);
  if (best_rank == m) {
    v.similarity = 1.0;
  } else {
    // JudgeNovelty's arithmetic, so the figures are the same doubles.
    const double inter = static_cast<double>(best_rank);
    v.similarity =
        std::max(inter / static_cast<double>(m + best.shingles.size() - best_rank), inter / static_cast<double>(m));
  }
  v.similar_quote_id = best.prior.quote_id;
  if (v.similarity >= kNearDuplicate) {
    v.is_new = false;
    v.first_seen = best.prior.first_seen;
    v.first_url = best.prior.url;
  }
  return v;
}

size_t QuoteHistoryIndex::memory_bytes() const {
  constexpr size_t kNode = sizeof(void*) + sizeof(std::pair<const uint64_t, List>) + 16;
  return sizeof(*this) + log_.memory_bytes() + entry_bytes_ + list_bytes_ + lists_.size() * kNode +
         lists_.bucket_count() * sizeof(void*);
}

NoveltyVerdict JudgeAndRecord(QuoteHistoryIndex& history, const PriorQuote& quote, bool reprint) {
  NoveltyVerdict verdict = history.Judge(quote.text);
  if (reprint && verdict.is_new) {
    verdict.is_new = false;
    verdict.similarity = 1.0;
  }
  if (verdict.is_new) {
    verdict.first_seen = quote.first_seen;
    verdict.first_url = quote.url;
  }
  history.Add(quote);
  return verdict;
}

}  // namespace newsmon
