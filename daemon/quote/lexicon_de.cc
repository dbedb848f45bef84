// The German word lists for attribution (split from lexicon.cc, which
// keeps English, Russian and the language guess).
#include <initializer_list>
#include <string>
#include <vector>

#include "quote/lexicon.h"

namespace newsmon::quote_internal {

Lexicon GermanLexicon() {
  Lexicon l;
  l.language = Language::kGerman;
  AddWords(&l.speech_verbs,
           {"sagte",       "sagt",        "sagten",      "sagen",       "gesagt",       "sage",        "sagen",
            "erklärte",    "erklärt",     "erklärten",   "erklären",    "betonte",      "betont",      "betonten",
            "meinte",      "meint",       "meinten",     "fügte",       "ergänzte",     "ergänzt",     "sprach",
            "spricht",     "äußerte",     "äußert",      "schrieb",     "schreibt",     "schrieben",   "teilte",
            "teilt",       "antwortete",  "antwortet",   "fragte",      "fragt",        "rief",        "ruft",
            "unterstrich", "bekräftigte", "versicherte", "bestätigte",  "verkündete",   "zitiert",     "zitierte",
            "berichtete",  "berichtet",   "erläuterte",  "erläutert",   "kommentierte", "kommentiert", "räumte",
            "gab",         "gibt",        "sagte,",      "mahnte",      "appellierte",  "verwies",     "führte",
            "führt",       "stellte",     "stellt",      "hieß",        "heißt",        "erwiderte",   "entgegnete",
            "konterte",    "twitterte",   "verkündet",   "kritisierte", "kritisiert",   "warnte",      "warnt",
            "forderte",    "fordert",     "bemerkte",    "beklagte",    "behauptete",   "behauptet",   "argumentierte",
            "resümierte",  "bilanzierte", "skandierten", "riefen",      "schimpfte",    "lobte",       "glaubt",
            "glaubte",     "meinten",     "befand",      "urteilte",    "sagten",       "erklärt",     "betonten",
            "so",          "hatte",       "habe",        "wird",        "wurde",        "verkündeten", "bekannte",
            "gestand",     "mitteilte",   "sagen",       "bezeichnete", "nannte",       "beschrieb",   "hinzufügte",
            "gesprochen",  "erklärt",     "geäußert",    "betont",      "kommentierte", "twitterte",   "postete",
            "schreiben",   "äußerten",    "zeigte",      "zeigt"});
  // "so" and auxiliaries are cues only in the narrow positions checked by the attributor.
  l.speech_verbs.erase("hatte");
  l.speech_verbs.erase("habe");
  l.speech_verbs.erase("wird");
  l.speech_verbs.erase("wurde");
  l.speech_verbs.erase("so");
  l.speech_verbs.erase("sagte,");
  AddWords(&l.weak_cues, {"bezeichnete", "bezeichnet", "bezeichneten", "nannte",   "nennt",     "sprach",  "spricht",
                          "warnte",      "warnt",      "kritisierte",  "forderte", "fordert",   "lobte",   "würdigte",
                          "sieht",       "sah",        "hält",         "hielt",    "beschrieb", "wertete", "sprachen",
                          "nannten",     "forderten",  "kritisierten", "warf",     "wirft",     "glaubt",  "glaubte",
                          "bezeichne",   "sei",        "seien",        "habe",     "hätten",    "werde",   "würde",
                          "könne",       "müsse",      "solle",        "wolle",    "dürfe",     "gebe",    "wäre",
                          "hätte",       "seiner",     "ihrer",        "zufolge",  "laut"});
  AddGendered(&l.pronouns, Gender::kMale, {"er"});
  AddGendered(&l.pronouns, Gender::kFemale, {"sie"});
  AddGendered(&l.pronouns, Gender::kPlural, {"wir", "ich", "man"});
  AddWords(&l.determiners,
           {"der",   "die",  "das",   "ein", "eine", "des",    "dem",   "den",    "einer", "eines", "einem",
            "einen", "sein", "seine", "ihr", "ihre", "dieser", "diese", "dieses", "zwei",  "drei",  "mehrere"});
  AddWords(&l.skippable,
           {"auch",      "ebenfalls", "zudem",   "außerdem", "bereits",    "schon",     "noch",      "dann",
            "später",    "hat",       "hatte",   "habe",     "weiter",     "weiterhin", "dazu",      "darauf",
            "daraufhin", "damals",    "jedoch",  "aber",     "nun",        "jetzt",     "gestern",   "heute",
            "zuvor",     "kürzlich",  "erneut",  "wiederum", "allerdings", "ferner",    "gegenüber", "dabei",
            "deshalb",   "daher",     "dagegen", "zuletzt",  "mehrfach",   "außerdem"});
  AddGendered(&l.titles, Gender::kMale, {"herr", "herrn"});
  AddGendered(&l.titles, Gender::kFemale, {"frau"});
  AddGendered(
      &l.titles, Gender::kUnknown,
      {"dr.",        "prof.",        "präsident",     "kanzler",         "minister",          "bürgermeister",
       "senator",    "gouverneur",   "papst",         "könig",           "königin",           "pfarrer",
       "bischof",    "us-präsident", "bundeskanzler", "bundeskanzlerin", "ministerpräsident", "ministerpräsidentin",
       "altkanzler", "ex-kanzler",   "deutsche",      "deutschen"});
  AddWords(&l.role_nouns, {"kanzler",
                           "kanzlerin",
                           "präsident",
                           "präsidentin",
                           "minister",
                           "ministerin",
                           "sprecher",
                           "sprecherin",
                           "chef",
                           "chefin",
                           "vorsitzende",
                           "vorsitzender",
                           "leiter",
                           "leiterin",
                           "direktor",
                           "direktorin",
                           "politiker",
                           "politikerin",
                           "abgeordnete",
                           "abgeordneter",
                           "bürgermeister",
                           "bürgermeisterin",
                           "senator",
                           "gouverneur",
                           "sekretär",
                           "sekretärin",
                           "experte",
                           "expertin",
                           "anwalt",
                           "anwältin",
                           "verteidiger",
                           "verteidigerin",
                           "richter",
                           "richterin",
                           "trainer",
                           "kommissar",
                           "kommissarin",
                           "beauftragte",
                           "beauftragter",
                           "vorstand",
                           "polizei",
                           "regierung",
                           "ministerium",
                           "gericht",
                           "behörde",
                           "behörden",
                           "partei",
                           "zeitung",
                           "agentur",
                           "verband",
                           "unternehmen",
                           "konzern",
                           "staatsanwaltschaft",
                           "mitteilung",
                           "erklärung",
                           "bericht",
                           "nachrichtenagentur",
                           "sender",
                           "magazin",
                           "kommission",
                           "rat",
                           "fraktion",
                           "gewerkschaft",
                           "opposition",
                           "polizeisprecher",
                           "sprecher",
                           "kritiker",
                           "demonstranten",
                           "anhänger",
                           "vertreter",
                           "vertreterin",
                           "mitglied",
                           "generalsekretär",
                           "aktivist",
                           "aktivistin",
                           "forscher",
                           "forscherin",
                           "wissenschaftler",
                           "wissenschaftlerin",
                           "ökonom",
                           "analyst",
                           "diplomat",
                           "botschafter",
                           "organisation",
                           "institut",
                           "stiftung",
                           "vereinigung",
                           "ministerium",
                           "ministeriums",
                           "regierungssprecher",
                           "landrat",
                           "staatschef",
                           "premierminister",
                           "premier",
                           "außenminister",
                           "innenminister",
                           "papst",
                           "bischof",
                           "könig",
                           "königin",
                           "kandidat",
                           "kandidatin",
                           "schiedsrichter",
                           "spieler",
                           "spielerin",
                           "zeuge",
                           "zeugin",
                           "autor",
                           "autorin",
                           "journalist",
                           "journalistin",
                           "ermittler",
                           "feuerwehr",
                           "armee",
                           "militär",
                           "sprecherin",
                           "mitarbeiter"});
  AddWords(
      &l.function_words,
      {"der",     "die",       "das",       "ein",      "eine",     "und",      "oder",       "aber",    "doch",
       "in",      "im",        "an",        "am",       "auf",      "für",      "mit",        "von",     "vom",
       "zu",      "zum",       "zur",       "bei",      "beim",     "nach",     "vor",        "aus",     "über",
       "unter",   "er",        "sie",       "es",       "wir",      "ich",      "ihr",        "man",     "wie",
       "wenn",    "als",       "da",        "dass",     "daß",      "so",       "auch",       "nun",     "dann",
       "dazu",    "darauf",    "daraufhin", "dies",     "diese",    "dieser",   "dieses",     "jedoch",  "laut",
       "nach",    "gegenüber", "zudem",     "außerdem", "bereits",  "später",   "weiter",     "des",     "dem",
       "den",     "einer",     "eines",     "einem",    "einen",    "was",      "wer",        "warum",   "hier",
       "dort",    "heute",     "gestern",   "montag",   "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
       "sonntag", "sein",      "seine",     "ihre",     "nicht",    "kein",     "keine",      "alle",    "viele",
       "deshalb", "daher",     "trotz",     "während",  "seit",     "bis",      "ob",         "weil",    "damit",
       "zwar",    "sondern",   "denn",      "wo",       "welche",   "welcher",  "allerdings", "dabei",   "zuvor",
       "erst",    "schon",     "noch",      "immer",    "mehr",     "neben",    "ebenfalls",  "sagte",   "erklärte",
       "hieß",    "heißt",     "unter",     "gegen",    "ohne",     "um",       "ab"});
  AddWords(&l.prepositions,
           {"von", "für", "bei", "aus", "mit", "des", "der",  "gegen", "über", "an",        "auf", "nach",
            "zu",  "zur", "zum", "im",  "in",  "vom", "beim", "und",   "oder", "gegenüber", "als"});
  AddWords(&l.name_particles, {"von", "van", "de", "der", "den", "zu", "da", "di", "al", "bin", "el", "la", "le"});
  AddWords(&l.reporting_preps, {"laut", "zufolge", "nach"});
  AddWords(&l.speech_verbs,
           {"begründete",      "bezweifelte", "verurteilte", "sicherte",       "schilderte", "wies",
            "verteidigte",     "lobte",       "bedauerte",   "beschwichtigte", "drohte",     "prophezeite",
            "prognostizierte", "versprach",   "zitiert",     "zitierte",       "kündigte",   "bekannte",
            "ergänzte",        "analysierte", "erinnerte",   "resümierte",     "rief",       "schwärmte",
            "klagte",          "monierte",    "bemängelte",  "befürchtete",    "mutmaßte",   "wandte",
            "zugesichert",     "versicherte", "nahm",        "vermutete",      "ergänzte",   "präzisierte",
            "relativierte"});
  AddWords(
      &l.reported_markers,
      {"sei",     "seien",   "habe",    "hätten", "werde", "würde",  "könne", "müsse", "solle",   "wolle",  "dürfe",
       "gebe",    "wäre",    "hätte",   "fehle",  "liege", "gehe",   "stehe", "komme", "brauche", "bleibe", "mache",
       "müssten", "könnten", "sollten", "würden", "wären", "seiest", "lasse", "trage", "zeige",   "handle", "halte"});
  for (const char* w : {"sei", "seien", "habe", "hätten", "werde", "würde", "könne", "müsse", "solle", "wolle", "dürfe",
                        "gebe", "wäre", "hätte", "zufolge", "laut", "seiner", "ihrer"}) {
    l.weak_cues.erase(w);
  }
  AddWords(&l.skippable, {"sich", "dazu", "jedoch"});
  // "sagte gegenüber der Zeitung": the phrase after it is not the speaker.
  l.skippable.erase("gegenüber");
  AddWords(&l.weak_cues, {"begrüßte", "begrüßten", "wertete", "bewertete", "beurteilte", "verurteilte", "feierte",
                          "charakterisierte", "umschrieb", "kritisiert", "lobt", "würdigt"});
  AddWords(&l.speech_verbs, {"schätzte", "urteilte", "resümiert", "bemerkt", "beteuerte", "unterstrich", "hob",
                             "formulierte", "einräumen", "eingeräumt", "zugeben", "zugegeben"});
  // Weak verbs give the present from the past: "erklärte" -> "erklärt",
  // "kommentierte" -> "kommentiert", so one list covers both tenses.
  for (auto* set : {&l.speech_verbs, &l.weak_cues}) {
    std::vector<std::string> present;
    for (const std::string& w : *set) {
      if (w.size() > 5 && w.ends_with("te")) present.push_back(w.substr(0, w.size() - 1));
    }
    for (std::string& w : present) set->insert(std::move(w));
  }
  AddWords(&l.prepositions,
           {"am", "ins", "vor", "seit", "durch", "während", "wegen", "unter", "ohne", "um", "trotz", "bis", "neben",
            "hinter", "zwischen", "gegenüber", "innerhalb", "außerhalb", "angesichts"});
  AddWords(&l.conjunctions, {"und", "aber", "doch", "sondern", "denn", "oder"});
  AddWords(&l.relatives, {"der", "die", "das", "welcher", "welche", "dessen", "deren"});
  return l;
}

}  // namespace newsmon::quote_internal
