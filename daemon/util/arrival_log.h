// Building blocks for indexes over a sliding window of time: a log that
// keeps items in arrival order and forgets them by time, and a posting list
// of the log's sequence numbers that an index keeps per key.
//
//   ArrivalLog<Story> log;
//   uint64_t seq = log.Push(story, story.seen_at);          // seq: arrival order
//   postings[key].Append(seq, {});                          // the index's side
//   log.Expire(now - window, [&](uint64_t seq, const Story& s) { postings[KeyOf(s)].Remove(seq); });
//
// Expiry costs O(items removed) amortised (plus a log factor for items that
// arrived late): items come in roughly increasing time, so the old ones are
// at the front. Neither class is thread-safe; the owning index serialises.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "util/time.h"

namespace newsmon {

// Items in arrival order, each with a time and a sequence number (0, 1, 2 …
// in Push order, never reused). Expire(before) removes exactly the items
// whose time is before `before`, whatever order they arrived in: an item
// older than one that arrived before it ("late") is also kept in a min-heap
// by time, so it leaves on time without a scan. The sequence numbers are
// what indexes store and what their tie rules compare (earlier arrival wins).
template <typename T>
class ArrivalLog {
 public:
  // Appends `item`; returns its sequence number.
  uint64_t Push(T item, Timestamp at) {
    const uint64_t seq = first_seq_ + slots_.size();
    if (live_ > 0 && at < max_at_) {
      late_.push({at, seq});
    } else if (live_ == 0 || at > max_at_) {
      max_at_ = at;
    }
    slots_.push_back({std::move(item), at, true});
    ++live_;
    return seq;
  }

  // Removes every item whose time is before `before`, calling
  // on_remove(seq, item) for each just before it goes; returns how many.
  // Late items leave first, then the front of the log while it is expired.
  template <typename OnRemove>
  size_t Expire(Timestamp before, OnRemove&& on_remove) {
    size_t removed = 0;
    while (!late_.empty() && late_.top().first < before) {
      const uint64_t seq = late_.top().second;
      late_.pop();
      Slot& slot = slots_[static_cast<size_t>(seq - first_seq_)];
      on_remove(seq, std::as_const(slot.item));
      Kill(slot);
      ++removed;
    }
    // Items that arrived in time have non-decreasing times, and every late
    // item that is expired is gone already: so the first live item in time
    // that is not expired ends the expired prefix, and the dead late items
    // before it are only waiting to be popped.
    while (!slots_.empty()) {
      Slot& slot = slots_.front();
      if (slot.live) {
        if (!(slot.at < before)) break;
        on_remove(first_seq_, std::as_const(slot.item));
        Kill(slot);
        ++removed;
      }
      slots_.pop_front();
      ++first_seq_;
    }
    return removed;
  }

  // The item with sequence number `seq`, or nullptr when it was removed.
  const T* Find(uint64_t seq) const {
    if (seq < first_seq_ || seq - first_seq_ >= slots_.size()) return nullptr;
    const Slot& slot = slots_[static_cast<size_t>(seq - first_seq_)];
    return slot.live ? &slot.item : nullptr;
  }

  // Live items in arrival order: f(seq, item).
  template <typename F>
  void ForEach(F&& f) const {
    uint64_t seq = first_seq_;
    for (const Slot& slot : slots_) {
      if (slot.live) f(seq, slot.item);
      ++seq;
    }
  }

  size_t size() const { return live_; }
  // Bytes of the log itself, not counting what the items point to.
  size_t memory_bytes() const { return slots_.size() * sizeof(Slot) + late_.size() * sizeof(Late); }

 private:
  struct Slot {
    T item;
    Timestamp at;
    bool live;
  };
  using Late = std::pair<Timestamp, uint64_t>;

  void Kill(Slot& slot) {
    slot.live = false;
    slot.item = T{};  // a dead late item may wait long for the front; free what it holds
    --live_;
  }

  std::deque<Slot> slots_;
  uint64_t first_seq_ = 0;  // sequence number of slots_.front()
  size_t live_ = 0;
  Timestamp max_at_{};  // latest time among the items pushed since the log was last empty
  std::priority_queue<Late, std::vector<Late>, std::greater<Late>> late_;
};

// Sequence numbers in increasing order, each with a small payload: an
// index's posting list. Removing the first live entry is O(1) amortised (the
// common case: the log expires in arrival order); removing another marks it
// dead after a binary search. Dead entries are skipped by every reader and
// dropped once they reach the front.
template <typename Extra>
class SeqList {
 public:
  struct Entry {
    uint64_t seq;  // top bit set: removed
    [[no_unique_address]] Extra extra;
  };

  // REQUIRES: seq is greater than every sequence number appended before.
  void Append(uint64_t seq, Extra extra) {
    assert(entries_.empty() || Seq(entries_.back()) < seq);
    entries_.push_back({seq, extra});
    ++live_;
  }

  // Removes `seq`; false when it is not in the list.
  bool Remove(uint64_t seq) {
    if (live_ == 0) return false;
    if (Seq(entries_[head_]) == seq) {
      ++head_;
      while (head_ < entries_.size() && Dead(entries_[head_])) ++head_;
    } else {
      auto it = std::lower_bound(entries_.begin() + head_, entries_.end(), seq,
                                 [](const Entry& e, uint64_t s) { return Seq(e) < s; });
      if (it == entries_.end() || Seq(*it) != seq || Dead(*it)) return false;
      it->seq |= kDead;
    }
    --live_;
    if (live_ == 0) {
      entries_.clear();
      head_ = 0;
    } else if (head_ >= 4 && size_t{head_} * 2 >= entries_.size()) {
      // Most lists hold a few entries (a band value, a shingle): waiting
      // for more dead ones at the head before compacting let each grow to
      // that many, and a month-long run's index with them.
      entries_.erase(entries_.begin(), entries_.begin() + head_);
      head_ = 0;
      // A burst that has expired should not keep its memory, nor a list its
      // largest size ever: over months each key's peak creeps up.
      if (entries_.capacity() > 2 * entries_.size() + 8) entries_.shrink_to_fit();
    }
    return true;
  }

  bool Contains(uint64_t seq) const {
    auto it = std::lower_bound(entries_.begin() + head_, entries_.end(), seq,
                               [](const Entry& e, uint64_t s) { return Seq(e) < s; });
    return it != entries_.end() && it->seq == seq;  // a dead entry has the top bit set
  }

  // The first live entry. REQUIRES: !empty().
  const Entry& front() const { return entries_[head_]; }

  // Live entries in increasing sequence order: f(entry); f returns false to stop.
  template <typename F>
  void ForEach(F&& f) const {
    for (size_t i = head_; i < entries_.size(); ++i) {
      if (!Dead(entries_[i]) && !f(entries_[i])) return;
    }
  }

  bool empty() const { return live_ == 0; }
  size_t size() const { return live_; }
  size_t capacity_bytes() const { return entries_.capacity() * sizeof(Entry); }

 private:
  static constexpr uint64_t kDead = uint64_t{1} << 63;
  static uint64_t Seq(const Entry& e) { return e.seq & ~kDead; }
  static bool Dead(const Entry& e) { return (e.seq & kDead) != 0; }

  std::vector<Entry> entries_;
  uint32_t head_ = 0;  // entries_[head_] is the first live entry (when live_ > 0)
  uint32_t live_ = 0;
};

// Bytes a string holds outside itself (0 when it fits in the object).
inline size_t StringHeapBytes(const std::string& s) {
  const char* p = s.data();
  const char* self = reinterpret_cast<const char*>(&s);
  return p >= self && p < self + sizeof(s) ? 0 : s.capacity() + 1;
}

}  // namespace newsmon
