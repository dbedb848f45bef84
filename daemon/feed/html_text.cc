#include "feed/html_text.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <initializer_list>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "feed/xml_reader.h"

namespace newsmon::feed {
namespace {

bool IsBlock(std::string_view tag) {
  // Decided by length first: this runs for every tag of every entry.
  auto any = [&](std::initializer_list<std::string_view> names) {
    for (std::string_view n : names) {
      if (tag == n) return true;
    }
    return false;
  };
  switch (tag.size()) {
    case 1:
      return tag[0] == 'p';
    case 2: {
      const char a = tag[0];
      const char b = tag[1];
      if (a == 'h') return (b >= '1' && b <= '6') || b == 'r';
      return (a == 'b' && b == 'r') || (a == 'l' && b == 'i') || (a == 'u' && b == 'l') || (a == 'o' && b == 'l') ||
             (a == 't' && b == 'r') || (a == 'd' && (b == 'd' || b == 't' || b == 'l'));
    }
    case 3:
      return any({"div", "pre", "nav", "img"});
    case 4:
      return any({"main", "form"});
    case 5:
      return any({"table", "thead", "tbody", "aside", "video", "audio"});
    case 6:
      return any({"header", "footer", "figure", "center", "iframe"});
    case 7:
      return any({"section", "article", "address", "caption", "details", "summary"});
    case 8:
      return tag == "fieldset";
    case 10:
      return tag == "blockquote" || tag == "figcaption";
    default:
      return false;
  }
}

bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }

// Collects the text with white space collapsed into a buffer that is kept
// larger than the text (`size_` bytes used), so that runs are written
// through a pointer without a bounds check per byte: this is the hottest code
// in the feed parser.
class TextBuilder {
 public:
  TextBuilder(bool one_line, size_t expected_size) : one_line_(one_line) { out_.resize(expected_size + 16); }

  // Adds the text of `h` from `i` up to the next '<' (or the end), decoding
  // entities; returns the position of that '<'. Prose is mostly words
  // separated by single spaces, which come out unchanged, so such stretches
  // are copied sixteen bytes at a time and only the rest (runs of white
  // space, line breaks, NBSP, entities) goes byte by byte.
  size_t TextUntilTag(std::string_view h, size_t i) {
    Ensure(h.size() - i + 1);
    char* const begin = out_.data();
    char* d = begin + size_;
    const auto* const base = reinterpret_cast<const unsigned char*>(h.data());
    const auto* p = base + i;
    const auto* const end = base + h.size();
    while (p < end) {
      if (!pending_space_ && !pending_break_ && d != begin) {
        const size_t n = CopyVerbatimPrefix(p, end, d, /*stop_at_markup=*/true);
        p += n;
        d += n;
        if (p == end) break;
      }
      if (*p == '<') break;
      if (*p == '&') {
        // Entities are rare: the rest of this text run goes through the decoder.
        size_ = static_cast<size_t>(d - begin);
        const void* lt = std::memchr(p, '<', static_cast<size_t>(end - p));
        const auto* const stop = lt != nullptr ? static_cast<const unsigned char*>(lt) : end;
        decoded_.clear();
        DecodeEntitiesTo(std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(stop - p)), decoded_);
        AddRun(decoded_);
        return static_cast<size_t>(stop - base);
      }
      d = Step(p, end, d, begin);
    }
    size_ = static_cast<size_t>(d - begin);
    return static_cast<size_t>(p - base);
  }

  // Adds text that is already free of markup and entities.
  void AddRun(std::string_view s) {
    Ensure(s.size() + 1);
    char* const begin = out_.data();
    char* d = begin + size_;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* const end = p + s.size();
    while (p < end) {
      if (!pending_space_ && !pending_break_ && d != begin) {
        const size_t n = CopyVerbatimPrefix(p, end, d, /*stop_at_markup=*/false);
        p += n;
        d += n;
        if (p == end) break;
      }
      d = Step(p, end, d, begin);
    }
    size_ = static_cast<size_t>(d - begin);
  }

  void Break() {
    if (size_ != 0) pending_break_ = true;
  }
  std::string Take() {
    out_.resize(size_);
    return std::move(out_);
  }

 private:
  void Ensure(size_t extra) {
    if (out_.size() - size_ < extra) out_.resize(std::max(out_.size() * 2, size_ + extra));
  }

  // One white-space byte (or NBSP), or one word up to the next byte that
  // needs a decision. Returns the new output position.
  char* Step(const unsigned char*& p, const unsigned char* end, char* d, const char* begin) {
    const uint8_t cls = kClass[*p];
    if (cls == 1 || (cls == 2 && !one_line_ && p + 1 < end && p[1] == 0xA0)) {
      // White space; NBSP counts as space for matching purposes.
      p += cls;
      if (d != begin) pending_space_ = true;
      return d;
    }
    if (pending_break_ || pending_space_) {
      if (d != begin) *d++ = pending_break_ && !one_line_ ? '\n' : ' ';
      pending_break_ = pending_space_ = false;
    }
    *d++ = static_cast<char>(*p++);
    while (p < end && kClass[*p] == 0) *d++ = static_cast<char>(*p++);
    return d;
  }

  // Copies the longest prefix of [p, end), in 16-byte blocks, that the
  // collapsing leaves as it is: no white space but single ' ' between other
  // bytes, no NBSP candidate, and with `stop_at_markup` no '<' or '&'.
  // Returns the number of bytes copied; `d` has room for all of [p, end).
  static size_t CopyVerbatimPrefix(const unsigned char* p, const unsigned char* end, char* d, bool stop_at_markup) {
    size_t done = 0;
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i c2 = _mm_set1_epi8(static_cast<char>(0xC2));
    const __m128i lt = _mm_set1_epi8(stop_at_markup ? '<' : ' ');
    const __m128i amp = _mm_set1_epi8(stop_at_markup ? '&' : ' ');
    while (static_cast<size_t>(end - p) - done >= 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + done));
      // Bytes <= 0x20 (unsigned), 0xC2, '<', '&': what the byte loop decides on.
      const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, space), v);
      const __m128i markup = _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp));
      const __m128i all = _mm_or_si128(_mm_or_si128(low, markup), _mm_cmpeq_epi8(v, c2));
      const auto special = static_cast<unsigned>(_mm_movemask_epi8(all));
      const auto spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, space)));
      if (special != spaces || (spaces & (spaces >> 1)) != 0) break;
      // A space in the last lane may start a run that continues past the
      // block: leave it to the byte loop.
      const size_t take = (spaces & 0x8000U) != 0 ? 15 : 16;
      std::memcpy(d + done, p + done, 16);
      done += take;
    }
#else
    (void)p;
    (void)end;
    (void)d;
    (void)stop_at_markup;
#endif
    return done;
  }

  // 1: ASCII white space, 2: first byte of a possible NBSP, 3: '<' or '&'
  // (they end a word only for TextUntilTag, Step copies them), 0: other.
  static constexpr auto kClass = [] {
    std::array<uint8_t, 256> t{};
    t[' '] = t['\n'] = t['\t'] = t['\r'] = t['\f'] = 1;
    t[0xC2] = 2;
    t['<'] = t['&'] = 3;
    return t;
  }();

  std::string out_;
  size_t size_ = 0;
  std::string decoded_;  // reused between runs
  bool one_line_;
  bool pending_space_ = false;
  bool pending_break_ = false;
};

// The position of the first '>', '"' or '\'' at or after `from` (h.size()
// when none): attribute values such as URLs and srcset lists are long, so
// they are skipped sixteen bytes at a time.
size_t FindTagDelimiter(std::string_view h, size_t from) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i gt = _mm_set1_epi8('>');
  const __m128i dq = _mm_set1_epi8('"');
  const __m128i sq = _mm_set1_epi8('\'');
  for (; i + 16 <= h.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h.data() + i));
    const __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, sq)));
    if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask != 0) {
      return i + static_cast<size_t>(std::countr_zero(mask));
    }
  }
#endif
  for (; i < h.size(); ++i) {
    if (h[i] == '>' || h[i] == '"' || h[i] == '\'') return i;
  }
  return h.size();
}

std::string Convert(std::string_view h, bool one_line) {
  TextBuilder b(one_line, h.size());
  size_t i = 0;
  while (i < h.size()) {
    i = b.TextUntilTag(h, i);
    if (i >= h.size()) break;
    // A tag, a comment, or a bare '<'.
    if (i + 1 < h.size() && h[i + 1] == '!' && h.substr(i).starts_with("<!--")) {
      const size_t e = h.find("-->", i + 4);
      i = e == std::string_view::npos ? h.size() : e + 3;
      continue;
    }
    if (i + 1 < h.size() && h[i + 1] == '!' && h.substr(i).starts_with("<![CDATA[")) {
      const size_t e = h.find("]]>", i + 9);
      const size_t end = e == std::string_view::npos ? h.size() : e;
      b.AddRun(DecodeEntities(h.substr(i + 9, end - i - 9)));
      i = end == h.size() ? end : end + 3;
      continue;
    }
    size_t p = i + 1;
    const bool closing = p < h.size() && h[p] == '/';
    if (closing) ++p;
    if (p >= h.size() || !(IsAsciiAlpha(h[p]) || h[p] == '!' || h[p] == '?')) {
      b.AddRun("<");
      ++i;
      continue;
    }
    const size_t name_begin = p;
    while (p < h.size() && (IsAsciiAlnum(h[p]) || h[p] == ':' || h[p] == '-')) ++p;
    // The local name, lower-cased; names longer than any known tag stay empty.
    std::string_view name = h.substr(name_begin, p - name_begin);
    if (const size_t colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
    char lowered[16];
    size_t tag_size = 0;
    if (name.size() < sizeof lowered) {
      for (char c : name) lowered[tag_size++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    const std::string_view tag(lowered, tag_size);
    // Skip to the tag's '>', jumping over quoted values. A quote opens a
    // value only right after '=' (a stray quote must not swallow the rest).
    while ((p = FindTagDelimiter(h, p)) < h.size()) {
      const char c = h[p];
      if (c == '>') break;
      size_t back = p - 1;
      while (back > 0 && h[back] == ' ') --back;
      if (h[back] == '=') {
        const void* close = std::memchr(h.data() + p + 1, c, h.size() - p - 1);
        p = close ? static_cast<size_t>(static_cast<const char*>(close) - h.data()) + 1 : h.size();
        continue;
      }
      ++p;
    }
    i = p < h.size() ? p + 1 : h.size();
    if (!closing && (tag == "script" || tag == "style" || tag == "noscript" || tag == "template")) {
      const std::string end_tag = "</" + std::string(tag);
      size_t e = i;
      while (e < h.size()) {
        e = h.find("</", e);
        if (e == std::string_view::npos) break;
        std::string cand(h.substr(e, end_tag.size()));
        for (char& c : cand) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (cand == end_tag) break;
        e += 2;
      }
      if (e == std::string_view::npos || e >= h.size()) {
        i = h.size();
      } else {
        const size_t gt = h.find('>', e);
        i = gt == std::string_view::npos ? h.size() : gt + 1;
      }
      continue;
    }
    if (IsBlock(tag)) b.Break();
  }
  return b.Take();
}

}  // namespace

std::string HtmlToText(std::string_view html) { return Convert(html, false); }
std::string HtmlToLine(std::string_view html) { return Convert(html, true); }

std::string CollapseAsciiSpace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace newsmon::feed
