#include "article/language.h"

#include <cld2/internal/lang_script.h>
#include <cld2/public/compact_lang_det.h>

#include "util/text.h"

namespace newsmon::article {
namespace {

// CLD2 is as sure of a language after two thousand characters as after
// thirty thousand, and its time grows with the text.
constexpr size_t kMaxDetectBytes = 4 * 1024;
constexpr int kMinTextBytes = 40;

// CLD2 speaks pre-2000 ISO 639 in a few places.
std::string Modernise(std::string code) {
  if (const size_t dash = code.find('-'); dash != std::string::npos) code.resize(dash);
  if (code == "iw") return "he";
  if (code == "in") return "id";
  if (code == "jw") return "jv";
  if (code == "un" || code == "xx") return {};
  return code;
}

}  // namespace

DetectedLanguage DetectLanguage(std::string_view utf8_text) {
  if (utf8_text.size() > kMaxDetectBytes) {
    utf8_text = utf8_text.substr(0, kMaxDetectBytes);
    while (!utf8_text.empty() && (static_cast<unsigned char>(utf8_text.back()) & 0xC0) == 0x80)
      utf8_text.remove_suffix(1);
    if (!utf8_text.empty() && static_cast<unsigned char>(utf8_text.back()) >= 0xC0) utf8_text.remove_suffix(1);
  }
  const std::string text = SanitizeUtf8(utf8_text);  // CLD2 trusts its input to be valid
  DetectedLanguage out;
  if (text.size() < kMinTextBytes) return out;
  CLD2::Language language3[3];
  int percent3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  const CLD2::Language lang = CLD2::DetectLanguageSummary(text.data(), static_cast<int>(text.size()), true, language3,
                                                          percent3, &text_bytes, &reliable);
  if (lang == CLD2::UNKNOWN_LANGUAGE) return out;
  out.code = Modernise(CLD2::LanguageCode(lang));
  out.reliable = reliable;
  out.percent = percent3[0];
  return out;
}

std::string ResolveLanguage(std::string_view declared, std::string_view utf8_text) {
  const DetectedLanguage detected = DetectLanguage(utf8_text);
  if (detected.code.empty() || !detected.reliable || detected.percent < 60) return std::string(declared);
  return detected.code;
}

}  // namespace newsmon::article
