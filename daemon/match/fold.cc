#include "match/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <emmintrin.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "match/rule.h"

namespace newsmon::match {

namespace {

enum class Class : uint8_t { kSeparator, kWord, kIgnore };

struct Folded {
  Class cls = Class::kSeparator;
  std::string text;  // folded UTF-8 for kWord
};

bool IsWordCategory(UChar32 c) {
  const int8_t type = u_charType(c);
  switch (type) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
    case U_COMBINING_SPACING_MARK:
      return true;
    default:
      return false;
  }
}

// Marks and invisible joiners belong to the word they sit in (a decomposed
// "é", a soft hyphen inside "Bundes\u00ADregierung") and must not split it.
bool IsIgnorable(UChar32 c) {
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK) return true;
  return c == 0x00AD || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF;
}

// The same steps as FoldForMatching, for one code point.
Folded FoldCodePoint(UChar32 c) {
  Folded f;
  if (U_IS_SURROGATE(c) || c > 0x10FFFF) return f;
  if (IsIgnorable(c)) {
    f.cls = Class::kIgnore;
    return f;
  }
  if (!IsWordCategory(c)) return f;
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  static const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString s(c);
  if (nfd != nullptr && nfkc != nullptr) {
    status = U_ZERO_ERROR;
    icu::UnicodeString d = nfd->normalize(s, status);
    icu::UnicodeString kept;
    for (int32_t i = 0; i < d.length();) {
      const UChar32 x = d.char32At(i);
      if (u_charType(x) != U_NON_SPACING_MARK) kept.append(x);
      i += U16_LENGTH(x);
    }
    status = U_ZERO_ERROR;
    s = nfkc->normalize(kept, status);
    if (U_FAILURE(status)) s = icu::UnicodeString(c);
  }
  s.foldCase();
  // Compatibility forms can expand to punctuation ("½" -> "1⁄2"); only word
  // characters may enter the stream, or the phrase invariant would break.
  icu::UnicodeString clean;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 x = s.char32At(i);
    if (IsWordCategory(x)) clean.append(x);
    i += U16_LENGTH(x);
  }
  if (clean.isEmpty()) {
    f.cls = Class::kIgnore;
    return f;
  }
  f.cls = Class::kWord;
  clean.toUTF8String(f.text);
  return f;
}

// Eight bytes at a time (SWAR): in ASCII text a word or a gap between words
// is found with a few arithmetic operations instead of a branch per byte,
// whose mispredictions at every word boundary dominated folding.
namespace swar {

constexpr uint64_t kOnes = 0x0101010101010101;
constexpr uint64_t kHigh = 0x8080808080808080;

// High bit set in each byte of `x` that lies in [lo, hi] (lo <= hi < 0x80).
constexpr uint64_t InRange(uint64_t x, uint8_t lo, uint8_t hi) {
  const uint64_t low7 = x & ~kHigh;
  const uint64_t at_least_lo = low7 + (0x80 - lo) * kOnes;
  const uint64_t above_hi = low7 + (0x7F - hi) * kOnes;
  return at_least_lo & ~above_hi & ~x & kHigh;
}
// Setting bit 5 maps upper case ASCII letters to lower case and no other byte into [a-z].
constexpr uint64_t Letter(uint64_t x) { return InRange(x | (0x20 * kOnes), 'a', 'z'); }
constexpr uint64_t Alnum(uint64_t x) { return InRange(x, '0', '9') | Letter(x); }
// Separators that keep a pending paragraph break: space, \t, \v, \f, \r (not \n).
constexpr uint64_t Blank(uint64_t x) {
  return (InRange(x, '\t', '\r') & ~InRange(x, '\n', '\n')) | InRange(x, ' ', ' ');
}

// Bytes [i, i + 8) of s, zeros past n.
inline uint64_t Load(const uint8_t* s, int32_t i, int32_t n) {
  uint64_t x = 0;
  if (n - i >= 8) {
    std::memcpy(&x, s + i, 8);
  } else if (n > i) {
    std::memcpy(&x, s + i, static_cast<size_t>(n - i));
  }
  return x;
}
// Bytes before the first whose high bit is set in `stop`.
inline int32_t Before(uint64_t stop) { return stop == 0 ? 8 : std::countr_zero(stop) >> 3; }

}  // namespace swar

// The Basic Multilingual Plane, folded once per process.
class FoldTable {
 public:
  static const FoldTable& Get() {
    static const FoldTable table;
    return table;
  }
  Class ClassOf(UChar32 c) const { return static_cast<Class>(cls_[static_cast<size_t>(c)]); }
  std::string_view TextOf(UChar32 c) const {
    const size_t i = static_cast<size_t>(c);
    return std::string_view(chars_).substr(offset_[i], len_[i]);
  }
  char Ascii(unsigned char b) const { return ascii_[b]; }
  const char* AsciiTable() const { return ascii_.data(); }
  // ASCII folds as the SWAR code assumes: words are [0-9A-Za-z], lower-cased.
  bool Swar() const { return swar_; }

 private:
  FoldTable() : cls_(0x10000), offset_(0x10000), len_(0x10000) {
    for (UChar32 c = 0; c < 0x10000; ++c) {
      const Folded f = FoldCodePoint(c);
      const size_t i = static_cast<size_t>(c);
      cls_[i] = static_cast<uint8_t>(f.cls);
      offset_[i] = static_cast<uint32_t>(chars_.size());
      len_[i] = static_cast<uint8_t>(std::min<size_t>(f.text.size(), 255));
      chars_.append(f.text, 0, len_[i]);
    }
    for (int b = 0; b < 128; ++b) {
      ascii_[static_cast<size_t>(b)] = 0;
      if (ClassOf(b) == Class::kWord && len_[static_cast<size_t>(b)] == 1) {
        ascii_[static_cast<size_t>(b)] = chars_[offset_[static_cast<size_t>(b)]];
      }
    }
    swar_ = std::endian::native == std::endian::little;
    for (int b = 0; b < 128; ++b) {
      const bool alnum = (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
      const char folded = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
      if (ascii_[static_cast<size_t>(b)] != (alnum ? folded : 0)) swar_ = false;
    }
  }

  std::vector<uint8_t> cls_;
  std::vector<uint32_t> offset_;
  std::vector<uint8_t> len_;
  std::string chars_;
  std::array<char, 128> ascii_{};  // folded ASCII word character, 0 for separators
  bool swar_ = false;
};

// Walks one field, appending its words to the document. The stream is
// written through a pointer into a string kept longer than needed (`len` is
// the real length): ASCII folds byte for byte, so one reservation per field
// covers it, and only the rare non-ASCII character checks for room.
class FieldFolder {
 public:
  FieldFolder(const FoldTable& table, FoldedDocument& out, size_t& len, uint8_t field, uint32_t& para)
      : table_(table), out_(out), len_(len), field_(field), para_(para), swar_(table.Swar()) {}

  void Run(std::string_view text) {
    if (text.size() > kMaxFieldBytes) text = text.substr(0, kMaxFieldBytes);
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    // Every word adds at most one separator, and follows at least one input
    // byte; the block loop stores 16 bytes at a time.
    Room(text.size() + 1 + kCopyBytes);
    int32_t i = 0;
    uint32_t cp = 0;
    while (i < n) {
      const uint8_t b = s[i];
      if (b < 0x80 && swar_) {
        while (i >= no_block_before_ && n - i >= kBlockBytes && AsciiBlock(s, i, cp)) {
        }
        if (i == n || s[i] >= 0x80) continue;
        // Alternate gaps and words without asking which comes next: a gap
        // ends at a word and a word at a gap, unless at non-ASCII or the end.
        if (table_.Ascii(s[i]) == 0) SwarGap(s, i, n, cp);
        while (i < n && s[i] < 0x80) {
          SwarWord(s, i, n, cp);
          if (i == n || s[i] >= 0x80) break;
          SwarGap(s, i, n, cp);
        }
        continue;
      }
      if (b < 0x80) {
        const char f = table_.Ascii(b);
        if (f != 0) {
          StartWordIfNeeded(static_cast<uint32_t>(i), cp);
          // Locals only: stores through a char pointer may alias anything,
          // so members would be reloaded for every byte.
          const char* const ascii = table_.AsciiTable();
          char* d = out_.stream.data() + len_;
          const int32_t run_start = i;
          *d++ = f;
          for (++i; i < n; ++i) {
            const uint8_t next = s[i];
            if (next >= 0x80 || ascii[next] == 0) break;
            *d++ = ascii[next];
          }
          len_ = static_cast<size_t>(d - out_.stream.data());
          cp += static_cast<uint32_t>(i - run_start);
          ExtendWord(static_cast<uint32_t>(i), cp);
        } else {
          Separator(b);
          ++i;
          ++cp;
        }
        continue;
      }
      const int32_t start = i;
      UChar32 c = 0;
      U8_NEXT(s, i, n, c);
      Class cls = Class::kSeparator;
      std::string_view folded;
      std::string slow;
      if (c >= 0 && c < 0x10000) {
        cls = table_.ClassOf(c);
        folded = table_.TextOf(c);
      } else if (c >= 0x10000) {
        Folded f = FoldCodePoint(c);
        cls = f.cls;
        slow = std::move(f.text);
        folded = slow;
      }
      if (cls == Class::kWord) {
        // A folded character may be longer than its UTF-8 (ligatures,
        // compatibility forms); the rest of the field must still fit.
        Room(folded.size() + 1 + kCopyBytes + static_cast<size_t>(n - i));
        StartWordIfNeeded(static_cast<uint32_t>(start), cp);
        std::copy(folded.begin(), folded.end(), out_.stream.data() + len_);
        len_ += folded.size();
        ++cp;
        ExtendWord(static_cast<uint32_t>(i), cp);
      } else if (cls == Class::kIgnore) {
        ++cp;
        if (in_word_) ExtendWord(static_cast<uint32_t>(i), cp);
      } else {
        Separator(0);
        ++cp;
      }
    }
    EndWord();
  }

 private:
  static constexpr int32_t kBlockBytes = 64;
  static constexpr size_t kCopyBytes = 16;

  // Byte classes of 64 bytes of text, bit k for byte k.
  struct BlockMasks {
    uint64_t word = 0;      // [0-9A-Za-z]
    uint64_t newline = 0;   // '\n'
    uint64_t nonblank = 0;  // separators other than '\n', space, \t, \v, \f, \r
    uint64_t high = 0;      // not ASCII
  };
  // SSE2 is in every x86-64 CPU; the 64 bytes' lower-cased copy goes to `lowered`.
  static BlockMasks Classify(const uint8_t* s, uint8_t* lowered) {
    BlockMasks m;
    for (int k = 0; k < 4; ++k) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + 16 * k));
      const __m128i case_bit = _mm_set1_epi8(0x20);
      const __m128i lower = _mm_or_si128(x, case_bit);
      // Signed compares: bytes from 0x80 are negative and fall outside every range.
      const __m128i letter =
          _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
      const __m128i digit =
          _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
      const __m128i newline = _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'));
      const __m128i blank = _mm_or_si128(
          _mm_cmpeq_epi8(x, _mm_set1_epi8(' ')),
          _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('\t' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('\r' + 1))));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(lowered + 16 * k), _mm_or_si128(x, _mm_and_si128(letter, case_bit)));
      const auto bits = [k](__m128i v) {
        return static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(v))) << (16 * k);
      };
      const uint64_t word = bits(_mm_or_si128(letter, digit));
      const uint64_t high = bits(x);
      m.word |= word;
      m.high |= high;
      m.newline |= bits(newline);
      m.nonblank |= ~word & ~high & ~bits(blank) & (uint64_t{0xFFFF} << (16 * k));
    }
    return m;
  }

  // 64 bytes of ASCII from s[i] at once: word and gap boundaries come from
  // masks, so the loop runs once per word instead of once per byte or
  // 8-byte step, with no branch on each word's length. Gaps with a line
  // break go byte by byte (paragraphs). False, with nothing consumed, when
  // the block has a non-ASCII byte.
  bool AsciiBlock(const uint8_t* s, int32_t& i, uint32_t& cp) {
    alignas(16) uint8_t lowered[kBlockBytes + kCopyBytes];
    const BlockMasks m = Classify(s + i, lowered);
    if (m.high != 0) {
      // No block can be all ASCII before the last non-ASCII byte seen: in
      // Cyrillic text, trying again at every space cost a quarter of the fold.
      no_block_before_ = i + kBlockBytes - std::countl_zero(m.high);
      return false;
    }
    const auto above = [](int pos) { return pos >= 64 ? 0 : ~uint64_t{0} << pos; };
    // Word starts, and the first byte after each word's end; a word carried
    // in from the last block has no start here.
    const uint64_t carried = in_word_ ? 1 : 0;
    uint64_t starts = m.word & ~((m.word << 1) | carried);
    uint64_t ends = ~m.word & ((m.word << 1) | carried);
    int pos = 0;
    if (in_word_) {
      pos = ends == 0 ? kBlockBytes : std::countr_zero(ends);
      ends &= ends - 1;
      CopyWordBytes(lowered, 0, pos);
      ExtendWord(static_cast<uint32_t>(i + pos), cp + static_cast<uint32_t>(pos));
      if (pos < kBlockBytes) EndWord();
    }
    for (; starts != 0; starts &= starts - 1) {
      const int start = std::countr_zero(starts);
      // A separator other than a blank would cancel pending line breaks,
      // but so does the word that follows: only line breaks matter here.
      const uint64_t gap = above(pos) & ~above(start);
      if ((m.newline & gap) != 0) Gap(s + i, m, gap, pos, start);
      StartWordIfNeeded(static_cast<uint32_t>(i + start), cp + static_cast<uint32_t>(start));
      const int end = ends == 0 ? kBlockBytes : std::countr_zero(ends);
      ends &= ends - 1;
      CopyWordBytes(lowered, start, end);
      ExtendWord(static_cast<uint32_t>(i + end), cp + static_cast<uint32_t>(end));
      if (end < kBlockBytes) EndWord();
      pos = end;
    }
    if (pos < kBlockBytes) {
      const uint64_t gap = above(pos);
      if (((m.newline | m.nonblank) & gap) != 0) Gap(s + i, m, gap, pos, kBlockBytes);
    }
    i += kBlockBytes;
    cp += kBlockBytes;
    return true;
  }

  // Bytes [from, to) of a block's lower-cased copy onto the stream.
  void CopyWordBytes(const uint8_t* lowered, int from, int to) {
    char* d = out_.stream.data() + len_;
    // One move for a word of up to 16 bytes. A loop over all words' bytes
    // is turned by GCC into a call to memcpy per word, which cost more than
    // the copy; longer words are rare enough to pay it.
    std::memcpy(d, lowered + from, kCopyBytes);
    if (to - from > static_cast<int>(kCopyBytes)) {
      std::memcpy(d + kCopyBytes, lowered + from + kCopyBytes, static_cast<size_t>(to - from) - kCopyBytes);
    }
    len_ += static_cast<size_t>(to - from);
  }
  // A gap [from, to) in a block, `gap` its bits: a line break may start a
  // paragraph; other separators than blanks cancel pending line breaks.
  void Gap(const uint8_t* block, const BlockMasks& m, uint64_t gap, int from, int to) {
    if ((m.newline & gap) != 0) {
      for (int k = from; k < to; ++k) Separator(block[k]);
    } else {
      newlines_ = 0;
    }
  }

  // An ASCII word starting at s[i]: stores 8 folded bytes at a time and
  // keeps those of the word (the stream has room; later bytes overwrite).
  void SwarWord(const uint8_t* s, int32_t& i, int32_t n, uint32_t& cp) {
    StartWordIfNeeded(static_cast<uint32_t>(i), cp);
    char* d = out_.stream.data() + len_;
    const int32_t run_start = i;
    for (;;) {
      const uint64_t x = swar::Load(s, i, n);
      const uint64_t letters = swar::Letter(x);
      const uint64_t lowered = x | (letters >> 2);
      std::memcpy(d, &lowered, 8);
      const int32_t k = swar::Before(~(letters | swar::InRange(x, '0', '9')) & swar::kHigh);
      d += k;
      i += k;
      if (k < 8) break;
    }
    len_ = static_cast<size_t>(d - out_.stream.data());
    cp += static_cast<uint32_t>(i - run_start);
    ExtendWord(static_cast<uint32_t>(i), cp);
  }
  // ASCII separators from s[i] up to the next word, non-ASCII byte or the end.
  void SwarGap(const uint8_t* s, int32_t& i, int32_t n, uint32_t& cp) {
    EndWord();
    // Most gaps are one space, which leaves the paragraph state alone.
    if (s[i] == ' ' && i + 1 < n && s[i + 1] < 0x80 && table_.Ascii(s[i + 1]) != 0) {
      ++i;
      ++cp;
      return;
    }
    for (;;) {
      const uint64_t x = swar::Load(s, i, n);
      const int32_t k = std::min(swar::Before(swar::Alnum(x) | (x & swar::kHigh)), n - i);
      const uint64_t gap = k == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * k)) - 1;
      if ((swar::InRange(x, '\n', '\n') & gap) != 0) {
        for (int32_t j = i; j < i + k; ++j) Separator(s[j]);  // a paragraph break, maybe
      } else if ((~swar::Blank(x) & swar::kHigh & gap) != 0) {
        newlines_ = 0;
      }
      i += k;
      cp += static_cast<uint32_t>(k);
      if (k < 8) break;
    }
  }
  void Room(size_t extra) {
    if (len_ + extra > out_.stream.size()) out_.stream.resize(std::max(len_ + extra, 2 * out_.stream.size()));
  }
  // Once per word: inlined, the call itself cost as much as its body.
  [[gnu::always_inline]] void StartWordIfNeeded(uint32_t orig, uint32_t cp) {
    if (in_word_) return;
    in_word_ = true;
    out_.stream[len_++] = ' ';
    if (break_pending_) ++para_;
    break_pending_ = false;
    newlines_ = 0;
    // Filled in place: a Word built on the stack and copied in is read back
    // with wide loads from narrow stores, a store-forwarding stall per word.
    Word& w = out_.words.emplace_back();
    w.norm_start = static_cast<uint32_t>(len_);
    w.orig_start = orig;
    w.cp_start = cp;
    w.para = para_;
    w.field = field_;
  }
  void ExtendWord(uint32_t orig_end, uint32_t cp_end) {
    Word& w = out_.words.back();
    w.orig_end = orig_end;
    w.cp_end = cp_end;
  }
  void EndWord() { in_word_ = false; }
  // `b` is the ASCII byte, or 0 for a non-ASCII separator.
  void Separator(uint8_t b) {
    EndWord();
    if (b == '\n') {
      if (++newlines_ >= 2) break_pending_ = true;
    } else if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != '\v') {
      newlines_ = 0;
    }
  }

  const FoldTable& table_;
  FoldedDocument& out_;
  size_t& len_;
  uint8_t field_;
  uint32_t& para_;
  bool in_word_ = false;
  int32_t no_block_before_ = 0;  // AsciiBlock: where a 64-byte block may be all ASCII again
  bool break_pending_ = true;    // a field starts a new paragraph
  int newlines_ = 0;
  const bool swar_;
};

// Sets lead_end and paragraphs; reads at most kLeadMaxWords + 1 words.
void FindLead(FoldedDocument& out, uint32_t title_words) {
  const std::vector<Word>& words = out.words;
  const auto total = static_cast<uint32_t>(words.size());
  out.paragraphs = total == 0 ? 0 : words.back().para - (title_words == 0 ? 1 : 0);
  uint32_t end = title_words;
  const uint32_t cap = std::min(total, title_words + kLeadMaxWords);
  while (end < cap) {
    ++end;
    // Past the minimum, the lead ends with the paragraph.
    if (end - title_words >= kLeadMinWords && (end == total || words[end].para != words[end - 1].para)) break;
  }
  out.lead_end = end;
}

}  // namespace

void FoldDocument(std::string_view title, std::string_view body, FoldedDocument& out) {
  out.stream.clear();
  out.words.clear();
  const FoldTable& table = FoldTable::Get();
  uint32_t para = 0;
  size_t len = 0;
  FieldFolder(table, out, len, kFieldTitle, para).Run(title);
  const auto title_words = static_cast<uint32_t>(out.words.size());
  // Body paragraph numbers stay above the title's even when the title is empty.
  para = std::max<uint32_t>(para, 1);
  FieldFolder(table, out, len, kFieldBody, para).Run(body);
  out.stream.resize(len);
  FindLead(out, title_words);
  if (!out.words.empty()) out.stream += ' ';
  const size_t blocks = out.stream.size() / 64 + 1;
  out.word_start_bits.assign(blocks, 0);
  out.words_before.assign(blocks, 0);
  for (const Word& w : out.words) out.word_start_bits[w.norm_start >> 6] |= uint64_t{1} << (w.norm_start & 63);
  uint32_t before = 0;
  for (size_t b = 0; b < blocks; ++b) {
    out.words_before[b] = before;
    before += static_cast<uint32_t>(std::popcount(out.word_start_bits[b]));
  }
}

std::vector<std::string> FoldWords(std::string_view text) {
  FoldedDocument doc;
  FoldDocument("", text, doc);
  std::vector<std::string> words;
  words.reserve(doc.words.size());
  for (size_t i = 0; i < doc.words.size(); ++i) {
    const size_t start = doc.words[i].norm_start;
    const size_t end = (i + 1 < doc.words.size() ? doc.words[i + 1].norm_start : doc.stream.size()) - 1;
    words.push_back(doc.stream.substr(start, end - start));
  }
  return words;
}

}  // namespace newsmon::match
