// First, thin leader index: a mention matches when its last word equals a
// leader's surname after folding to Latin.
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <map>

#include "quote/quote.h"
#include "util/text.h"

namespace newsmon {
namespace {

std::string LatinKey(std::string_view text) {
  thread_local std::unique_ptr<icu::Transliterator> to_latin = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    return U_SUCCESS(status) ? std::move(t) : nullptr;
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (to_latin) to_latin->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string LastWord(std::string_view text) {
  const std::string_view t = TrimAscii(text);
  const size_t sp = t.find_last_of(" \t");
  return std::string(sp == std::string_view::npos ? t : t.substr(sp + 1));
}

}  // namespace

struct LeaderIndex::Impl {
  std::map<std::string, std::string> surname_to_id;
  std::map<std::string, std::string> names;
};

LeaderIndex::LeaderIndex() : impl_(std::make_unique<Impl>()) {}
LeaderIndex::LeaderIndex(const std::vector<LeaderConfig>& leaders) : impl_(std::make_unique<Impl>()) {
  for (const auto& l : leaders) {
    impl_->surname_to_id[LatinKey(LastWord(l.name))] = l.id;
    impl_->names[l.id] = l.name;
    for (const auto& a : l.aliases) impl_->surname_to_id[LatinKey(LastWord(a))] = l.id;
  }
}
LeaderIndex::~LeaderIndex() = default;
LeaderIndex::LeaderIndex(LeaderIndex&&) noexcept = default;
LeaderIndex& LeaderIndex::operator=(LeaderIndex&&) noexcept = default;

std::optional<std::string> LeaderIndex::ResolveName(std::string_view mention) const {
  auto it = impl_->surname_to_id.find(LatinKey(LastWord(mention)));
  if (it == impl_->surname_to_id.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> LeaderIndex::ResolveDescriptor(std::string_view) const { return std::nullopt; }

std::string LeaderIndex::NameOf(std::string_view leader_id) const {
  auto it = impl_->names.find(std::string(leader_id));
  return it == impl_->names.end() ? std::string() : it->second;
}

}  // namespace newsmon
