#include "quote/lexicon.h"

#include <array>
#include <initializer_list>
#include <type_traits>
#include <vector>

#include "quote/scan.h"

namespace newsmon::quote_internal {
namespace {

Lexicon English() {
  Lexicon l;
  l.language = Language::kEnglish;
  AddWords(&l.speech_verbs,
           {"said",        "says",         "say",          "saying",      "told",       "tells",      "tell",
            "telling",     "added",        "adds",         "asked",       "asks",       "explained",  "explains",
            "noted",       "notes",        "stated",       "states",      "wrote",      "writes",     "declared",
            "declares",    "insisted",     "insists",      "argued",      "argues",     "claimed",    "claims",
            "continued",   "continues",    "concluded",    "replied",     "replies",    "responded",  "responds",
            "answered",    "warned",       "warns",        "recalled",    "recalls",    "remarked",   "announced",
            "announces",   "acknowledged", "acknowledges", "admitted",    "admits",     "conceded",   "complained",
            "complains",   "tweeted",      "tweets",       "posted",      "observed",   "suggested",  "suggests",
            "joked",       "jokes",        "quipped",      "cautioned",   "emphasized", "emphasised", "stressed",
            "stresses",    "predicted",    "promised",     "vowed",       "vows",       "pledged",    "urged",
            "urges",       "contended",    "contends",     "maintained",  "maintains",  "countered",  "counters",
            "retorted",    "shouted",      "yelled",       "testified",   "wondered",   "mused",      "boasted",
            "bragged",     "lamented",     "charged",      "alleged",     "agreed",     "commented",  "asserted",
            "asserts",     "opined",       "reiterated",   "confirmed",   "confirms",   "exclaimed",  "snapped",
            "scoffed",     "thundered",    "whispered",    "cried",       "chanted",    "sang",       "began",
            "blasted",     "griped",       "pointed",      "acknowleged", "predicts",   "adding",     "explaining",
            "noting",      "writing",      "arguing",      "declaring",   "insisting",  "warning",    "asking",
            "telling",     "joking",       "calling",      "tweeting",    "stating",    "recounted",  "described",
            "describes",   "read",         "reads",        "wrote",       "emailed",    "texted",     "replied",
            "interjected", "summed",       "concedes",     "notes",       "adds",       "explains",   "sighed",
            "laughed"});
  AddWords(&l.weak_cues,
           {"called",     "calls",     "calling", "described", "describing", "dubbed",     "labeled",
            "labelled",   "termed",    "branded", "referred",  "praised",    "criticized", "criticised",
            "denounced",  "promised",  "vowed",   "pledged",   "urged",      "hopes",      "hoped",
            "believes",   "believed",  "thinks",  "thought",   "feels",      "felt",       "wants",
            "wanted",     "accused",   "slammed", "blamed",    "defended",   "touted",     "characterized",
            "mocked",     "dismissed", "likened", "compared",  "warned",     "hailed",     "considers",
            "considered", "sees",      "saw",     "views",     "viewed",     "pledges",    "vowing"});
  AddGendered(&l.pronouns, Gender::kMale, {"he"});
  AddGendered(&l.pronouns, Gender::kFemale, {"she"});
  AddGendered(&l.pronouns, Gender::kPlural, {"they", "we", "i", "you"});
  AddWords(&l.determiners, {"the", "a",   "an",  "this",    "that", "these", "those",   "his",  "her",  "their",
                            "its", "our", "one", "another", "two",  "three", "several", "some", "many", "other"});
  AddWords(
      &l.skippable,
      {"also",        "later",     "then",         "has",        "had",        "have",       "was",          "were",
       "is",          "once",      "recently",     "previously", "further",    "again",      "repeatedly",   "simply",
       "just",        "only",      "still",        "never",      "often",      "frequently", "first",        "finally",
       "separately",  "earlier",   "subsequently", "publicly",   "privately",  "reportedly", "flatly",       "bluntly",
       "simply",      "quickly",   "would",        "will",       "did",        "does",       "do",           "famously",
       "openly",      "angrily",   "recently",     "already",    "even",       "has",        "quietly",      "proudly",
       "jokingly",    "tersely",   "curtly",       "sharply",    "succinctly", "explicitly", "specifically", "directly",
       "immediately", "initially", "ultimately",   "similarly",  "likewise",   "too",        "herself",      "himself",
       "themselves",  "then-"});
  AddGendered(&l.titles, Gender::kMale, {"mr.", "mr", "sir", "lord", "father", "king", "prince", "brother"});
  AddGendered(&l.titles, Gender::kFemale,
              {"mrs.", "mrs", "ms.", "ms", "miss", "madam", "lady", "dame", "queen", "princess", "sister"});
  AddGendered(&l.titles, Gender::kUnknown,
              {"dr.",
               "sen.",
               "rep.",
               "gov.",
               "gen.",
               "lt.",
               "col.",
               "sgt.",
               "prof.",
               "rev.",
               "capt.",
               "adm.",
               "pres.",
               "president",
               "senator",
               "governor",
               "congressman",
               "congresswoman",
               "representative",
               "secretary",
               "chancellor",
               "minister",
               "judge",
               "justice",
               "mayor",
               "ambassador",
               "general",
               "gov",
               "sen",
               "rep",
               "dr",
               "chairman",
               "chairwoman",
               "speaker",
               "leader",
               "director",
               "commissioner",
               "chief",
               "prime",
               "premier",
               "attorney",
               "lt",
               "former",
               "then-",
               "candidate",
               "nominee",
               "sheriff",
               "officer",
               "detective",
               "coach",
               "pope",
               "bishop",
               "rabbi",
               "imam",
               "deputy",
               "spokesman",
               "spokeswoman",
               "spokesperson",
               "press",
               "vice",
               "state",
               "foreign",
               "defense",
               "interior",
               "finance",
               "house",
               "senate",
               "democratic",
               "republican",
               "presidential",
               "hopeful",
               "gop",
               "u.s.",
               "white",
               "majority",
               "minority",
               "whip",
               "campaign",
               "manager",
               "chair",
               "executive",
               "ceo",
               "founder",
               "author",
               "professor",
               "analyst",
               "economist",
               "strategist",
               "pollster",
               "adviser",
               "advisor",
               "aide",
               "lawyer",
               "activist",
               "businessman",
               "businesswoman",
               "billionaire",
               "actor",
               "actress",
               "singer",
               "rapper",
               "host",
               "anchor",
               "correspondent",
               "reporter",
               "editor",
               "columnist",
               "writer",
               "historian",
               "german",
               "russian",
               "kazakh",
               "uzbek",
               "american",
               "british",
               "french",
               "chinese",
               "ukrainian",
               "kazakhstan's",
               "germany's",
               "russia's",
               "uzbekistan's",
               "america's"});
  AddWords(
      &l.role_nouns,
      {"president",  "chancellor",     "minister",     "leader",        "spokesman", "spokeswoman",    "spokesperson",
       "official",   "officials",      "senator",      "governor",      "secretary", "chairman",       "chairwoman",
       "director",   "aide",           "adviser",      "advisor",       "lawyer",    "attorney",       "ministry",
       "department", "government",     "police",       "campaign",      "statement", "candidate",      "nominee",
       "premier",    "mayor",          "ambassador",   "agency",        "office",    "company",        "court",
       "judge",      "committee",      "spokespeople", "source",        "sources",   "administration", "report",
       "kremlin",    "white",          "prosecutor",   "prosecutors",   "expert",    "analyst",        "head",
       "chief",      "representative", "congressman",  "congresswoman", "lawmaker",  "lawmakers",      "strategist",
       "pollster",   "group",          "organization", "party",         "democrat",  "republican",     "manager",
       "columnist",  "commentator",    "editor",       "executive",     "economist", "correspondent",  "professor",
       "activist",   "delegate",       "founder"});
  AddWords(&l.function_words,
           {"unless",   "whether", "despite",  "until",    "once",      "perhaps",   "indeed",  "amid",    "unlike",
            "the",      "a",       "an",       "but",      "and",       "or",        "in",      "on",      "at",
            "for",      "that",    "this",     "it",       "he",        "she",       "they",    "we",      "i",
            "you",      "if",      "when",     "while",    "as",        "so",        "yet",     "after",   "before",
            "since",    "because", "although", "though",   "still",     "then",      "there",   "here",    "what",
            "who",      "why",     "how",      "where",    "his",       "her",       "their",   "its",     "our",
            "my",       "your",    "asked",    "speaking", "according", "mr.",       "mrs.",    "ms.",     "dr.",
            "not",      "no",      "yes",      "now",      "today",     "yesterday", "monday",  "tuesday", "wednesday",
            "thursday", "friday",  "saturday", "sunday",   "instead",   "meanwhile", "however", "also",    "even",
            "just",     "only",    "of",       "to",       "with",      "by",        "from",    "these",   "those",
            "every",    "each",    "all",      "some",     "many",      "most",      "both",    "one",     "last",
            "next",     "later",   "earlier",  "both",     "with",      "without",   "about",   "said",    "says",
            "told",     "added",   "wrote",    "tweeted",  "is",        "was",       "are",     "were",    "do",
            "does",     "did",     "have",     "has",      "had",       "can",       "could",   "will",    "would",
            "should",   "may",     "might",    "must",     "let",       "let's",     "like",    "unlike",  "us",
            "me",       "him",     "them",     "again",    "during",    "among",     "amid",    "despite", "under",
            "over",     "through", "until",    "into",     "onto",      "upon",      "whether", "which",   "whose",
            "whom",     "thank",   "thanks",   "oh",       "well",      "yeah",      "okay",    "ok",      "please",
            "dear",     "sources", "officials"});
  AddWords(&l.prepositions,
           {"for",  "of",    "at",     "from", "with",   "by",      "to",  "in", "on",   "about", "against",
            "like", "under", "behind", "near", "toward", "towards", "and", "or", "told", "than"});
  AddWords(&l.name_particles, {"de", "van", "von", "der", "den", "da",  "di",  "du",  "del", "della", "la", "le",
                               "al", "bin", "ibn", "el",  "dos", "das", "ten", "ter", "st.", "mc",    "o'"});
  AddWords(&l.reporting_preps, {"according"});
  for (const char* w : {"was", "were", "is"}) l.skippable.erase(w);
  AddWords(&l.speech_verbs,
           {"retaliated",  "shot",       "barked",    "beamed",     "demanded", "bemoaned",  "decried",   "accused",
            "accuses",     "retorts",    "fumed",     "raged",      "gushed",   "marveled",  "marvelled", "pleaded",
            "begged",      "conceded",   "quipped",   "snarled",    "sneered",  "joked",     "explained", "offered",
            "volunteered", "elaborated", "clarified", "noted",      "recalls",  "insisted",  "announced", "proclaimed",
            "declares",    "boasts",     "warned",    "hinted",     "surmised", "predicted", "groused",   "chided",
            "scolded",     "lectured",   "cracked",   "deadpanned", "intoned",  "implored"});
  AddWords(&l.conjunctions, {"and", "but", "or"});
  AddWords(&l.relatives, {"who", "which", "that", "whose", "whom"});
  return l;
}

Lexicon Russian() {
  Lexicon l;
  l.language = Language::kRussian;
  AddWords(
      &l.speech_verbs,
      {"сказал", "сказала", "сказали", "заявил", "заявила", "заявили", "отметил", "отметила", "отметили", "подчеркнул",
       "подчеркнула", "подчеркнули", "добавил", "добавила", "добавили", "сообщил", "сообщила", "сообщили", "пояснил",
       "пояснила", "говорит", "говорил", "говорила", "считает", "написал", "написала", "ответил", "ответила", "признал",
       "признала", "заметил", "заметила", "указал", "указала", "заявляет", "отмечает", "подчеркивает", "подчёркивает",
       "сообщает", "пишет", "уточнил", "уточнила", "рассказал", "рассказала", "объяснил", "объяснила", "напомнил",
       "напомнила", "призвал", "призвала", "предупредил", "предупредила", "констатировал", "резюмировал", "говорится",
       "цитирует", "произнес", "произнёс", "высказался", "заверил", "заверила", "добавляет", "поделился",
       // "— приводит слова министра пресс-служба": cites.
       "приводит", "привёл", "привел", "привела", "привели"});
  // Past tense of more speech verbs, every gender and number, reflexive
  // too: "воскликнул", "призналась", "поделились".
  for (const char* stem :
       {"воскликну",    "призна",      "посетова",    "пожалова", "возрази",     "парирова",     "прокомментирова",
        "пообеща",      "подытожи",    "отреагирова", "разъясни", "утвержда",    "полага",       "сообща",
        "цитирова",     "процитирова", "продолжи",    "повтори",  "уверя",       "заключи",      "анонсирова",
        "пожела",       "поблагодари", "признава",    "рассужда", "поясня",      "отмеча",       "говори",
        "рассказыва",   "подчеркива",  "подчёркива",  "объясня",  "добавля",     "замеча",       "указыва",
        "уточня",       "предупрежда", "напомина",    "сказа",    "заяви",       "отмети",       "подчеркну",
        "добави",       "сообщи",      "поясни",      "написа",   "ответи",      "замети",       "указа",
        "уточни",       "рассказа",    "объясни",     "напомни",  "предупреди",  "констатирова", "резюмирова",
        "завери",       "подели",      "высказа",     "признава", "ответствова", "переспроси",   "спроси",
        "поинтересова", "возмути",     "удивля",      "удиви",    "пожалова",    "улыбну",       "усмехну",
        "вздохну",      "рассмея",     "засмея",      "вспомина", "вспомни",     "задава",       "зада"}) {
    for (const char* ending : {"л", "ла", "ли", "ло", "лся", "лась", "лись"}) {
      l.speech_verbs.insert(std::string(stem) + ending);
    }
  }
  // Present tense, third person.
  AddWords(&l.speech_verbs,
           {"утверждает", "полагает", "отвечает", "объясняет", "поясняет", "уточняет", "рассказывает", "признаёт",
            "признает", "напоминает", "предупреждает", "восклицает", "сетует", "жалуется", "говорят", "считают",
            "отмечают", "подчеркивают", "заявляют", "вспоминает", "спрашивает", "интересуется", "возмущается",
            "удивляется", "признаётся", "признается", "рассуждает", "резюмирует", "констатирует", "заключает",
            "возражает", "парирует", "заверяет", "обещает", "соглашается", "добавляют",
            // "— задаётся вопросом аналитик": wonders aloud.
            "задаётся", "задается", "задаются"});
  AddWords(&l.weak_cues, {"назвал", "назвала", "назвали", "называет", "охарактеризовал", "призвал", "считает"});
  AddGendered(&l.pronouns, Gender::kMale, {"он"});
  AddGendered(&l.pronouns, Gender::kFemale, {"она"});
  AddGendered(&l.pronouns, Gender::kPlural, {"они", "мы", "я"});
  AddWords(&l.determiners, {"этот", "эта", "это", "тот", "та"});
  AddWords(&l.skippable, {"также", "тогда", "уже", "ещё", "еще", "затем", "позже", "ранее", "вновь", "снова", "тоже",
                          "же", "при", "этом", "однако", "впрочем", "лично", "сам", "сама", "сами",
                          // Times that open a sentence before its subject: "Вечером Токаев заявил".
                          "вечером", "утром", "днём", "днем", "ночью", "сегодня", "вчера", "накануне", "сейчас",
                          "теперь", "позднее", "недавно", "впоследствии", "наконец", "потом"});
  AddGendered(&l.titles, Gender::kMale, {"господин", "г-н"});
  AddGendered(&l.titles, Gender::kFemale, {"госпожа", "г-жа"});
  AddWords(&l.role_nouns,
           {"президент",       "президента",      "канцлер",       "канцлера",    "министр",      "министра",
            "глава",           "главы",           "лидер",         "лидера",      "председатель", "представитель",
            "пресс-секретарь", "премьер-министр", "премьер",       "мэр",         "губернатор",   "посол",
            "эксперт",         "министерство",    "правительство", "ведомство",   "кремль",       "пресс-служба",
            "источник",        "депутат",         "сенатор",       "директор",    "директора",    "руководитель",
            "заместитель",     "начальник",       "советник",      "помощник",    "член",         "сотрудник",
            "аналитик",        "политолог",       "экономист",     "собеседник",  "вице-министр", "замминистра",
            "зампред",         "вице-премьер",    "спикер",        "вице-спикер", "аким",         "генсек"});
  AddWords(&l.anaphoric_nouns,
           {"политик",      "дипломат",     "сенатор",      "депутат",     "министр",      "глава",       "президент",
            "премьер",      "канцлер",      "лидер",        "мэр",         "губернатор",   "посол",       "эксперт",
            "спикер",       "вице-премьер", "председатель", "директор",    "руководитель", "аналитик",    "экономист",
            "чиновник",     "собеседник",   "генсек",       "замминистра", "зампред",      "вице-спикер", "аким",
            "вице-министр", "политолог",    "советник",     "помощник",    "начальник",    "заместитель"});
  AddWords(&l.function_words,
           {"и",   "в",   "на",    "но", "а",     "что",    "как",   "это",  "по",    "с",    "он", "она",
            "они", "мы",  "я",     "не", "так",   "из",     "к",     "у",    "о",     "об",   "за", "для",
            "от",  "при", "после", "до", "также", "однако", "кроме", "если", "когда", "тогда"});
  AddWords(&l.prepositions,
           {"в",   "на", "с",     "из",     "к",     "у",     "о",     "об",    "за",    "для",   "от",
            "при", "и",  "по",    "во",     "со",    "ко",    "через", "под",   "над",   "перед", "между",
            "без", "до", "после", "против", "около", "среди", "про",   "из-за", "вокруг"});
  AddWords(&l.reporting_preps, {"по"});
  AddWords(&l.conjunctions, {"и", "но", "а"});
  AddWords(&l.relatives, {"который", "которая", "которые"});
  return l;
}

// Final parts of German compounds that name a role or an institution.
constexpr std::array<std::string_view, 40> kGermanRoleEndings = {
    "kanzler",   "kanzlerin",   "präsident",   "präsidentin",  "minister",    "ministerin",   "sprecher", "sprecherin",
    "chef",      "chefin",      "vorsitzende", "vorsitzender", "leiter",      "leiterin",     "direktor", "direktorin",
    "politiker", "politikerin", "abgeordnete", "abgeordneter", "meister",     "meisterin",    "experte",  "expertin",
    "anwalt",    "anwältin",    "richter",     "richterin",    "beauftragte", "beauftragter", "vorstand", "sekretär",
    "polizei",   "regierung",   "ministerium", "gericht",      "behörde",     "agentur",      "zeitung",  "verband"};

}  // namespace

bool Lexicon::IsLyAdverb(std::string_view w) {
  if (w.size() < 5 || !w.ends_with("ly")) return false;
  static constexpr std::array<std::string_view, 16> kNouns = {
      "family",  "rally", "supply", "reply", "july",  "italy", "assembly", "monopoly",
      "anomaly", "belly", "bully",  "jelly", "holly", "lily",  "sally",    "kelly"};
  for (std::string_view n : kNouns) {
    if (n == w) return false;
  }
  return true;
}

namespace {

uint64_t HashWord(std::string_view w) { return WordHash(w); }

}  // namespace

void Lexicon::Finish() {
  std::unordered_map<std::string, uint32_t> bits;
  auto mark = [&](const auto& words, uint32_t bit) {
    for (const auto& w : words) {
      if constexpr (std::is_same_v<std::decay_t<decltype(w)>, std::string>) {
        bits[w] |= bit;
      } else {
        bits[w.first] |= bit;
      }
    }
  };
  mark(speech_verbs, kSpeech);
  mark(weak_cues, kWeak);
  mark(reported_markers, kReported);
  mark(conjunctions, kConj);
  mark(relatives, kRelative);
  mark(pronouns, kPronoun);
  mark(determiners, kDeterminer);
  mark(skippable, kSkippable);
  mark(titles, kTitle);
  mark(role_nouns, kRole);
  mark(function_words, kFunction);
  mark(prepositions, kPreposition);
  mark(name_particles, kParticle);
  mark(reporting_preps, kReporting);
  size_t size = 16;
  while (size < 2 * bits.size()) size *= 2;
  index_.assign(size, {});
  for (auto& [w, b] : bits) {
    size_t slot = HashWord(w) & (size - 1);
    while (!index_[slot].first.empty()) slot = (slot + 1) & (size - 1);
    index_[slot] = {w, b};
  }
}

uint32_t Lexicon::Lookup(std::string_view w) const { return Lookup(w, HashWord(w)); }

uint32_t Lexicon::Lookup(std::string_view w, uint64_t hash) const {
  if (index_.empty() || w.empty()) return 0;
  const size_t mask = index_.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const auto& [key, b] = index_[slot];
    if (key.empty()) return 0;
    if (key.size() == w.size() && key == w) return b;
  }
}

bool Lexicon::IsRoleNoun(std::string_view w) const {
  if ((Lookup(w) & kRole) != 0) return true;
  if (language != Language::kGerman) return false;
  // Inflected forms too: "des Präsidenten", "vom Abgeordneten", "des Sprechers".
  const std::string_view word = w;
  for (std::string_view ending : {"", "n", "en", "s", "es"}) {
    if (!word.ends_with(ending) || word.size() <= ending.size() + 2) continue;
    const std::string_view stem = word.substr(0, word.size() - ending.size());
    if (!ending.empty() && (Lookup(stem) & kRole) != 0) return true;
    for (std::string_view e : kGermanRoleEndings) {
      if (stem.size() > e.size() && stem.ends_with(e)) return true;
    }
  }
  return false;
}

namespace {

Lexicon Finished(Lexicon l) {
  l.Finish();
  return l;
}

}  // namespace

const Lexicon& LexiconFor(Language language) {
  static const Lexicon en = Finished(English());
  static const Lexicon de = Finished(GermanLexicon());
  static const Lexicon ru = Finished(Russian());
  switch (language) {
    case Language::kGerman:
      return de;
    case Language::kRussian:
      return ru;
    case Language::kEnglish:
      break;
  }
  return en;
}

namespace {

struct LanguageEvidence {
  size_t cyrillic = 0;
  size_t latin = 0;
  int en = 0;
  int de = 0;
};

LanguageEvidence Evidence(std::string_view sample);

}  // namespace

Language DetectLanguage(std::string_view text) {
  const LanguageEvidence e = Evidence(text.substr(0, 4000));
  if (e.cyrillic > e.latin) return Language::kRussian;
  return e.de > e.en ? Language::kGerman : Language::kEnglish;
}

Language DetectLanguageOr(std::string_view text, Language fallback) {
  const LanguageEvidence e = Evidence(text.substr(0, 4000));
  return LanguageFromCounts(e.cyrillic, e.latin, e.en, e.de, fallback);
}

Language LanguageFromCounts(size_t cyrillic, size_t latin, int en, int de, Language fallback) {
  if (cyrillic > 2 * latin && cyrillic >= 3) return Language::kRussian;
  if (latin > 2 * cyrillic && latin >= 3) {
    if (de >= en + 2) return Language::kGerman;
    if (en >= de + 2) return Language::kEnglish;
    if (fallback == Language::kRussian) return de > en ? Language::kGerman : Language::kEnglish;
  }
  return fallback;
}

namespace {

LanguageEvidence Evidence(std::string_view sample) {
  size_t cyrillic = 0;
  size_t latin = 0;
  int en = 0;
  int de = 0;
  size_t i = 0;
  while (i < sample.size()) {
    const auto b = static_cast<unsigned char>(sample[i]);
    if (b < 0x80) {
      if (!IsLetter(b)) {
        ++i;
        continue;
      }
      ++latin;
      size_t j = i + 1;
      while (j < sample.size() && static_cast<unsigned char>(sample[j]) < 0x80 && IsLetter(sample[j])) ++j;
      // Function words are short: compare only words of two to five letters.
      if (j - i >= 2 && j - i <= 5) {
        const int vote = FunctionWordVote(sample.substr(i, j - i));
        en += vote > 0 ? 1 : 0;
        de += vote < 0 ? 1 : 0;
      }
      i = j;
      continue;
    }
    size_t len = 0;
    const char32_t c = DecodeAt(sample, i, &len);
    if (c >= 0x400 && c <= 0x4FF) ++cyrillic;
    // Skip the rest of a non-ASCII word.
    i += len;
    while (i < sample.size()) {
      const char32_t d = DecodeAt(sample, i, &len);
      if (!IsLetter(d)) break;
      i += len;
    }
  }
  return {cyrillic, latin, en, de};
}

}  // namespace

Language ResolveLanguage(std::string_view code, std::string_view text) {
  if (code.size() >= 2) {
    const std::string_view c = code.substr(0, 2);
    if (c == "en") return Language::kEnglish;
    if (c == "de") return Language::kGerman;
    if (c == "ru") return Language::kRussian;
  }
  return DetectLanguage(text);
}

}  // namespace newsmon::quote_internal
