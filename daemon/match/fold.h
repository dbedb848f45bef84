// Folding for the topic matcher: text in, a stream of folded words out, each
// word remembering where it came from in the original text.
//
//   FoldedDocument doc;
//   FoldDocument("Берлин", "Kasachstan und\n\nDeutschland", doc);
//   // doc.stream == " берлин kasachstan und deutschland ", doc.words.size() == 4
//   // doc.words[2].para == 2, doc.words[3].para == 3 (the title is paragraph 1)
//   std::vector<std::string> w = FoldWords("Straße-Ost");  // {"strasse", "ost"}
//
// Folding is FoldForMatching (NFD, marks removed, NFKC, full case folding)
// applied code point by code point through a table, which is what makes it
// fast enough to run on every story. A word is a run of letters, digits and
// spacing marks; everything else separates words. In the stream every word
// has one space before and after it, so a rule's term, its folded words
// joined by ' ' with a space either side, matches exactly where its words
// stand next to each other. Paragraphs and fields are in Word::para and
// Word::field, not in the stream: a phrase found across a paragraph break is
// dropped when the hits are evaluated.
#pragma once

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "match/rule.h"

namespace newsmon::match {

// Documents are matched on at most this many bytes per field; offsets are 32 bit.
inline constexpr size_t kMaxFieldBytes = 256u * 1024 * 1024;

// The lead (`lead:` in rules) is the title and the body's opening: its first
// paragraph, and the next ones while the lead holds fewer than kLeadMinWords
// body words (a dateline or a one-line standfirst is not the whole lede), but
// never more than kLeadMaxWords body words (a story sent as one paragraph).
inline constexpr uint32_t kLeadMinWords = 25;
inline constexpr uint32_t kLeadMaxWords = 80;

struct Word {
  uint32_t norm_start = 0;  // byte offset in FoldedDocument::stream
  uint32_t orig_start = 0;  // byte offsets in the field's original text, end exclusive
  uint32_t orig_end = 0;
  uint32_t cp_start = 0;  // code point offsets in the field's original text, end exclusive
  uint32_t cp_end = 0;
  uint32_t para = 0;  // paragraph number, unique within the document; the title is one paragraph
  uint8_t field = 0;  // kFieldTitle or kFieldBody (rule.h)
};

// The rule zone of word `index` (rule.h: kFieldTitle, kFieldBodyLead or
// kFieldBodyRest), given the document's lead_end.
inline uint8_t WordZone(const Word& w, uint32_t index, uint32_t lead_end) {
  // Title words come first, so they are always before lead_end.
  return static_cast<uint8_t>(w.field & (index < lead_end ? kFieldLead : kFieldTitle | kFieldBodyRest));
}

struct FoldedDocument {
  std::string stream;
  std::vector<Word> words;
  // Words [0, lead_end) are the lead: the title's and the body's opening ones.
  uint32_t lead_end = 0;
  // Paragraphs holding at least one word, the title counting as one.
  uint32_t paragraphs = 0;
  // Bit i of the bitmap: a word starts at stream byte i; words_before[b]:
  // words starting before byte 64 * b. Together they give the word at any
  // offset in a few instructions, which the scan needs for every hit.
  std::vector<uint64_t> word_start_bits;
  std::vector<uint32_t> words_before;

  // The index of the word containing stream byte `pos` (or, on a
  // separator, the word before it); `pos` < stream.size(), after a word.
  uint32_t WordAt(size_t pos) const {
    const size_t block = pos >> 6;
    const uint64_t upto = word_start_bits[block] & (~uint64_t{0} >> (63 - (pos & 63)));
    return words_before[block] + static_cast<uint32_t>(std::popcount(upto)) - 1;
  }
};

// Replaces `out` (its buffers are reused). Body paragraphs are separated by
// a blank line ("\n\n", white space allowed in between).
void FoldDocument(std::string_view title, std::string_view body, FoldedDocument& out);

// The folded words of a piece of rule text.
std::vector<std::string> FoldWords(std::string_view text);

}  // namespace newsmon::match
