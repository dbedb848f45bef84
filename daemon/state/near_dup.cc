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

void NearDupIndex::Add(StoryFingerprint fingerprint) {
  if (fingerprint.simhash != 0) entries_.push_back(std::move(fingerprint));
}

std::optional<StoryFingerprint> NearDupIndex::FindNear(uint64_t simhash) const {
  if (simhash == 0) return std::nullopt;
  const StoryFingerprint* best = nullptr;
  int best_distance = max_distance_ + 1;
  for (const auto& e : entries_) {
    const int d = HammingDistance(e.simhash, simhash);
    if (d < best_distance) {
      best_distance = d;
      best = &e;
    }
  }
  if (!best) return std::nullopt;
  return *best;
}

void NearDupIndex::Expire(Timestamp before) {
  std::erase_if(entries_, [before](const StoryFingerprint& f) { return f.seen_at < before; });
}

}  // namespace newsmon
