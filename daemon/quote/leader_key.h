// Internal to the quote stage: phonetic-ish keys for personal names, so that
// spellings of one name in several scripts and languages compare equal.
//
//   LatinNameKey("Tokajew") == LatinNameKey("Токаев") == LatinNameKey("Toqaev")  // "tokaev"
//   NameKeysMatch(LatinNameKey("Токаева"), LatinNameKey("Tokayev"))               // inflected: true
//   NameKeysMatch(LatinNameKey("Schulz"), LatinNameKey("Scholz"))                 // false
#pragma once

#include <string>
#include <string_view>

namespace newsmon::quote_internal {

// Lower-case ASCII key of one name word in any script.
std::string LatinNameKey(std::string_view word);

// Does a mention's key (possibly inflected: -s, -a, -u, -ym ...) name the
// same word as a leader's key? Short keys must match exactly; longer ones may
// differ by a vowel or a voiced/unvoiced pair (cost 0.5 each), never by an
// extra consonant (Tokarev is not Tokayev).
bool NameKeysMatch(std::string_view mention_key, std::string_view leader_key);

}  // namespace newsmon::quote_internal
