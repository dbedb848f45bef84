// Is a leader's quote new? Judgement over the leader's quote history.
//
//   QuoteHistoryIndex history;                  // one per leader
//   for (PriorQuote& p : store.QuotesOf(leader_id)) history.Add(std::move(p));
//   NoveltyVerdict v = history.Judge(quote.text);
//   if (v.is_new) alert(); else log("reprint of", v.similar_quote_id);
//   history.Add({quote_id, quote.text, first_seen, url});  // every judged quote, new or not
//
// How the engine should use it (daemon/app/engine.cc, LeaderHistory): keep a
// QuoteHistoryIndex per leader instead of the quotes and keys vectors; fill it
// in HistoryOf with Add in the store's order (QuotesOf, by first_seen); call
// Judge(q.text) where it calls JudgeNovelty(q.text, history.quotes,
// history.keys), keep its reprint rule (a story in another's near-duplicate
// cluster makes no quote new) outside, and Add the PriorQuote it builds after
// each judgement, as it appends to the vectors now. Expire(now - retention)
// from time to time (each call costs what it removes) keeps the index to the
// retention horizon; size() and memory_bytes() are for the metrics. The index
// is not thread-safe: one owner (the engine's loop) calls it.
//
// JudgeNovelty below scans the whole history per quote and stays as the
// reference the index is tested against.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/arrival_log.h"
#include "util/time.h"

namespace newsmon {

struct PriorQuote {
  std::string quote_id;
  std::string text;  // as first seen
  Timestamp first_seen;
  std::string url;  // story where it was first seen
};

struct NoveltyVerdict {
  bool is_new = true;
  std::string similar_quote_id;  // the closest earlier quote, when any is similar
  double similarity = 0;         // 0..1
  std::optional<Timestamp> first_seen;
  std::string first_url;
};

// Case and punctuation folded, quote marks unified, white space collapsed.
std::string NormalizeQuoteText(std::string_view text);

// True when the folded text `needle` occurs in the folded `haystack` on word
// boundaries (both from NormalizeQuoteText).
bool ContainsWords(std::string_view haystack, std::string_view needle);

// Similarity of two folded texts, 0..1: the larger of the word-shingle
// Jaccard index and the share of `text`'s shingles found in `prior`.
double QuoteSimilarity(std::string_view text, std::string_view prior);

// A quote at or above this similarity to an earlier one is a near-duplicate.
inline constexpr double kNearDuplicate = 0.7;

// New unless an earlier quote is the same after folding, contains it, or is a
// near-duplicate of it (minor edits, other quote marks, a syndicated reprint).
// The verdict names the most similar earlier quote whenever one shares words
// (the first in `history` among equally similar ones). Scans the history:
// the reference for QuoteHistoryIndex, which the daemon should use.
NoveltyVerdict JudgeNovelty(std::string_view text, const std::vector<PriorQuote>& history);
// The same, with NormalizeQuoteText of every prior precomputed (history_keys[i]
// belongs to history[i]): a long-running daemon keeps the keys beside the
// history instead of folding every prior quote again for each new one.
NoveltyVerdict JudgeNovelty(std::string_view text, const std::vector<PriorQuote>& history,
                            const std::vector<std::string>& history_keys);

// A leader's quote history indexed for JudgeNovelty's question, so a
// judgement costs about the quote's length times a few short posting lists,
// not the history's size (JudgeNovelty: a story with 12,800 quotes against a
// long history took minutes).
//
// Judge(text) gives the verdict JudgeNovelty(text, history) gives for the
// quotes added so far (in Add order, less the expired): new unless an
// earlier quote is the same after folding, contains it on word boundaries,
// or has shingle similarity >= kNearDuplicate; the most similar earlier
// quote is named whenever one shares a shingle, the earliest added among
// equally similar ones. The similarity of a quote with m distinct shingles
// to one sharing c of them is max(Jaccard, c/m) = c/m, so "most similar" is
// "most shared shingles", found by counting in posting lists:
//   * exact text: a list per folded text;
//   * shared shingles: a list per shingle (the word n-grams QuoteSimilarity
//     compares; their size follows the text's length, so a shingle only
//     meets quotes of the same length class);
//   * containment by a longer quote of a longer length class (no shingle
//     in common): a quote of 3-7 words is looked up in its trigrams'
//     shingle lists, a two-word quote in its bigram's shingle list and a
//     list per word pair of quotes of 8 words or more, a one-word quote in
//     a list per word of quotes of 3 words or more; candidates are checked
//     with ContainsWords, in arrival order, so the first hit is the answer.
// Judge walks at most Options::max_postings_scanned entries of any list, so
// its cost has a bound that does not grow with the history; Add and Expire
// cost a few list operations per word of the quote.
//
// Lists longer than Options::max_postings_scanned (very common phrases:
// "we will not", "of the") are not walked. Their quotes still count when they
// share a rarer shingle (the count is then exact), and each such list's
// earliest quote is considered, which settles ties of one shared shingle.
// What can differ from JudgeNovelty: a quote that shares with the new one
// two or more shingles and all of them very common ones, or that contains
// it while every rarer way to it is such a list; on realistic histories
// (see tests/quote/novelty_test.cc) the verdicts are equal. 64-bit hashes
// stand for shingles: a collision (odds about n^2 / 2^65 for n distinct
// shingles) could shift a similarity by one shingle.
class QuoteHistoryIndex {
 public:
  struct Options {
    // Longer lists are not walked (see above). On generated histories of
    // 10,000 quotes 1,000 (and 600) gave JudgeNovelty's verdicts on all of
    // 600 judgements; 300 named another quote in 1.3% of them.
    size_t max_postings_scanned = 1000;
  };

  QuoteHistoryIndex() : QuoteHistoryIndex(Options{}) {}
  explicit QuoteHistoryIndex(Options options) : options_(options) {}

  // Appends a judged quote; later quotes are "after" it for the tie rule.
  void Add(PriorQuote prior);
  NoveltyVerdict Judge(std::string_view text) const;
  // Forgets quotes first seen before `before`; returns how many.
  size_t Expire(Timestamp before);
  size_t size() const { return log_.size(); }
  // Approximate bytes held: the quotes, their folded texts and the lists.
  size_t memory_bytes() const;

 private:
  struct Entry {
    PriorQuote prior;
    std::string key;                 // NormalizeQuoteText(prior.text)
    std::vector<uint64_t> shingles;  // hashes of its shingles, sorted, distinct
  };
  struct Empty {};
  using List = SeqList<Empty>;

  const List* ListOf(uint64_t posting_key) const;
  void Unindex(uint64_t seq, const Entry& entry);
  static size_t HeapBytes(const Entry& entry);

  Options options_;
  ArrivalLog<Entry> log_;
  std::unordered_map<uint64_t, List> lists_;  // posting key (role and gram hashed) -> quotes
  size_t list_bytes_ = 0;                     // capacity of every list
  size_t entry_bytes_ = 0;                    // heap bytes of the entries' strings and vectors
};

// The daemon's rule for one leader quote, shared by the single instance's
// emit step and group mode's judge (group/leader_judge.h) so both give the
// same verdicts: judged against `history`, never new when its story is a
// reprint of an earlier one, and then added to `history`. `quote` is the
// quote as its story has it (first_seen: the story's time, url: the story's);
// a new quote's verdict names them as where it was first seen.
NoveltyVerdict JudgeAndRecord(QuoteHistoryIndex& history, const PriorQuote& quote, bool reprint);

}  // namespace newsmon
