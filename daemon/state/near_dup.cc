#include "state/near_dup.h"

#include <algorithm>
#include <array>
#include <bit>

#include "util/hash.h"
#include "util/text.h"

namespace newsmon {

uint64_t SimHash(std::string_view text) {
  // Words of the folded text; punctuation, case and accents do not count,
  // so different quote marks or a fixed typo barely move the hash.
  const std::string folded = FoldForMatching(text);
  std::vector<std::string_view> words;
  size_t start = std::string::npos;
  for (size_t i = 0; i <= folded.size(); ++i) {
    const bool word_char = i < folded.size() && (std::isalnum(static_cast<unsigned char>(folded[i])) ||
                                                 static_cast<unsigned char>(folded[i]) >= 0x80);
    if (word_char && start == std::string::npos) start = i;
    if (!word_char && start != std::string::npos) {
      words.emplace_back(folded.data() + start, i - start);
      start = std::string::npos;
    }
  }
  if (words.size() < static_cast<size_t>(kMinWords)) return 0;
  std::array<int, 64> votes{};
  for (size_t i = 0; i + 3 <= words.size(); ++i) {
    uint64_t h = Fnv1a64(words[i]);
    h = Fnv1a64(words[i + 1], h ^ 0x20);
    h = Fnv1a64(words[i + 2], h ^ 0x20);
    // FNV's low bits mix poorly; finalise before voting.
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    for (int b = 0; b < 64; ++b) votes[static_cast<size_t>(b)] += (h >> b) & 1 ? 1 : -1;
  }
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (votes[static_cast<size_t>(b)] > 0) out |= uint64_t{1} << b;
  }
  return out == 0 ? 1 : out;  // 0 means "no fingerprint"
}

int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

NearDupIndex::NearDupIndex(int max_distance) : max_distance_(max_distance) {
  if (max_distance < 0 || max_distance > kMaxBandedDistance) return;
  // 64 bits in max_distance + 1 bands as even as they go: the first
  // 64 % bands bands get one bit more.
  const int count = max_distance + 1;
  int shift = 0;
  for (int b = 0; b < count; ++b) {
    const int width = 64 / count + (b < 64 % count ? 1 : 0);
    Band band;
    band.shift = shift;
    band.mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
    bands_.push_back(std::move(band));
    shift += width;
  }
}

void NearDupIndex::Add(StoryFingerprint fingerprint) {
  if (fingerprint.simhash == 0) return;
  const uint64_t simhash = fingerprint.simhash;
  string_bytes_ += StringHeapBytes(fingerprint.story_id) + StringHeapBytes(fingerprint.cluster_id);
  const Timestamp seen_at = fingerprint.seen_at;
  const uint64_t seq = log_.Push(std::move(fingerprint), seen_at);
  for (Band& band : bands_) {
    SeqList<uint64_t>& list = band.table[band.KeyOf(simhash)];
    const size_t before = list.capacity_bytes();
    list.Append(seq, simhash);
    list_bytes_ += list.capacity_bytes() - before;
  }
}

std::optional<StoryFingerprint> NearDupIndex::FindNear(uint64_t simhash) const {
  if (simhash == 0 || max_distance_ < 0) return std::nullopt;
  // Best so far: smallest distance, then smallest sequence number (earliest
  // added), which is what the first strictly closer hit of a scan in
  // arrival order keeps.
  int best_distance = max_distance_ + 1;
  uint64_t best_seq = UINT64_MAX;
  const auto consider = [&](uint64_t seq, uint64_t candidate) {
    const int d = HammingDistance(candidate, simhash);
    if (d > max_distance_) return;
    if (d < best_distance || (d == best_distance && seq < best_seq)) {
      best_distance = d;
      best_seq = seq;
    }
  };
  if (bands_.empty()) {
    log_.ForEach([&](uint64_t seq, const StoryFingerprint& f) { consider(seq, f.simhash); });
  }
  for (const Band& band : bands_) {
    auto it = band.table.find(band.KeyOf(simhash));
    if (it != band.table.end()) {
      it->second.ForEach([&](const SeqList<uint64_t>::Entry& e) {
        consider(e.seq, e.extra);
        return true;
      });
    }
    // Every exact copy is in every band's list, so after the first band
    // the earliest exact copy is known and nothing can beat it.
    if (best_distance == 0) break;
  }
  if (best_seq == UINT64_MAX) return std::nullopt;
  return *log_.Find(best_seq);
}

void NearDupIndex::Unindex(uint64_t seq, uint64_t simhash) {
  for (Band& band : bands_) {
    auto it = band.table.find(band.KeyOf(simhash));
    if (it == band.table.end()) continue;
    const size_t before = it->second.capacity_bytes();
    it->second.Remove(seq);
    list_bytes_ -= before;
    if (it->second.empty()) {
      band.table.erase(it);
    } else {
      list_bytes_ += it->second.capacity_bytes();
    }
  }
}

size_t NearDupIndex::Expire(Timestamp before) {
  return log_.Expire(before, [this](uint64_t seq, const StoryFingerprint& f) {
    string_bytes_ -= StringHeapBytes(f.story_id) + StringHeapBytes(f.cluster_id);
    Unindex(seq, f.simhash);
  });
}

size_t NearDupIndex::memory_bytes() const {
  // An unordered_map node: the next pointer, the key and the list, rounded
  // up by the allocator; plus one pointer per hash bucket.
  constexpr size_t kNode = sizeof(void*) + sizeof(std::pair<const uint64_t, SeqList<uint64_t>>) + 16;
  size_t tables = 0;
  for (const Band& band : bands_) tables += band.table.size() * kNode + band.table.bucket_count() * sizeof(void*);
  return sizeof(*this) + log_.memory_bytes() + string_bytes_ + list_bytes_ + tables;
}

}  // namespace newsmon
