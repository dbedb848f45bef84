// Tracked-leader resolution in short passages written the way wire stories
// are, in English, German and Russian: every grammatical form and spelling,
// speaker not addressee, roles by the story's date, spokesmen and namesakes
// that are not the leader, dialogue, transcripts and split quotes. Texts
// written for these tests.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "quote/quote.h"
#include "quote_test_util.h"

namespace newsmon {
namespace {

using namespace std::chrono;

struct Passage {
  const char* name;
  const char* language;
  const char* text;
  const char* quote;   // words inside the quote that is checked
  const char* leader;  // expected leader id; "" for a quote that is nobody tracked
  std::optional<sys_days> date = std::nullopt;
};

void PrintTo(const Passage& p, std::ostream* os) { *os << p.name; }

const LeaderIndex& Leaders() {
  static const LeaderIndex index(testing::TestLeaders());
  return index;
}

class LeaderPassage : public ::testing::TestWithParam<Passage> {};

TEST_P(LeaderPassage, ResolvesAsAReaderWould) {
  const Passage& p = GetParam();
  const auto quotes = FindQuotes(p.text, Leaders(), {p.language, p.date});
  const Quote* q = testing::FindByText(quotes, p.quote);
  ASSERT_NE(q, nullptr) << "no quote holding \"" << p.quote << "\" among " << quotes.size();
  EXPECT_EQ(q->leader_id, p.leader) << "speaker \"" << q->speaker << "\"";
}

constexpr sys_days kIn2023{2023y / June / 1};
constexpr sys_days kIn2026{2026y / March / 1};

// Names in every case and spelling.
INSTANTIATE_TEST_SUITE_P(
    Forms, LeaderPassage,
    ::testing::Values(Passage{"RuGenitivePoSlovam", "ru",
                              "По словам Токаева, «Казахстан готов поставлять больше нефти в Германию».",
                              "готов поставлять", "kz-tokayev"},
                      Passage{"RuInstrumental", "ru",
                              "Встреча с Токаевым прошла в Берлине. «Мы открываем новую главу», — сказал Олаф Шольц.",
                              "новую главу", "de-scholz"},
                      Passage{"RuKazakhLetters", "ru", "«Наши отношения выходят на новый уровень», — заявил Тоқаев.",
                              "новый уровень", "kz-tokayev"},
                      Passage{"RuFirstNameHyphenated", "ru",
                              "«Мы ценим германские инвестиции», — отметил Касым-Жомарт Токаев на встрече с бизнесом.",
                              "германские инвестиции", "kz-tokayev"},
                      Passage{"DeGenitive", "de",
                              "Nach Tokajews Worten ist „die Partnerschaft mit Deutschland strategisch“.",
                              "strategisch", "kz-tokayev"},
                      Passage{"DeFirstNameTransliterated", "de",
                              "„Wir brauchen mehr Investitionen“, sagte Kassym-Schomart Tokajew in Astana.",
                              "mehr Investitionen", "kz-tokayev"},
                      Passage{"EnQasym", "en", "\"Our door is open to German business,\" Qasym-Zhomart Toqaev said.",
                              "door is open", "kz-tokayev"},
                      Passage{"EnPlaceBetweenNameAndVerb", "en",
                              "Tokayev in Astana told the forum: \"Kazakhstan will double its transit capacity.\"",
                              "double its transit", "kz-tokayev"},
                      Passage{"EnDatelineBetweenNameAndVerb", "en",
                              "Toqaev on September 16 told the forum: \"Kazakhstan will double its transit capacity.\"",
                              "double its transit", "kz-tokayev"}));

// The speaker, not the person spoken to.
INSTANTIATE_TEST_SUITE_P(
    Addressee, LeaderPassage,
    ::testing::Values(
        Passage{"EnToldScholz", "en", "\"We are ready to supply more oil,\" Tokayev told Scholz.", "supply more oil",
                "kz-tokayev", kIn2023},
        Passage{"EnScholzToldTokayev", "en", "Scholz told Tokayev: \"Germany wants long-term contracts.\"",
                "long-term contracts", "de-scholz", kIn2023},
        Passage{"RuSkazalToDative", "ru", "«Германия остаётся нашим ключевым партнёром», — сказал Токаев Олафу Шольцу.",
                "ключевым партнёром", "kz-tokayev", kIn2023},
        Passage{"DeSagteZu", "de", "„Wir wollen die Route über das Kaspische Meer ausbauen“, sagte Tokajew zu Scholz.",
                "Kaspische Meer", "kz-tokayev", kIn2023}));

// Roles by date; an explicit mention in the story beats the role table.
INSTANTIATE_TEST_SUITE_P(
    Roles, LeaderPassage,
    ::testing::Values(
        Passage{"EnChancellorIn2023", "en", "\"The energy partnership is working,\" the German chancellor said.",
                "energy partnership", "de-scholz", kIn2023},
        Passage{"EnChancellorIn2026", "en", "\"The energy partnership is working,\" the German chancellor said.",
                "energy partnership", "de-merz", kIn2026},
        Passage{"EnEarlierMentionBeatsTheTable", "en",
                "Tokayev met Olaf Scholz in Astana on Tuesday.\n\n\"Our companies are ready,\" the chancellor said.",
                "companies are ready", "de-scholz", kIn2026},
        Passage{"EnKazakhLeader", "en",
                "\"We will not be a transit hub for sanctioned goods,\" the Kazakh leader said.", "transit hub",
                "kz-tokayev", kIn2026},
        Passage{"EnHeadOfState", "en",
                "\"Reforms will continue,\" Kazakhstan's head of state said in his annual address.", "Reforms will",
                "kz-tokayev", kIn2026},
        Passage{"RuGlavaGosudarstva", "ru",
                "Токаев выступил на форуме в Астане. «Реформы будут продолжены», — подчеркнул глава государства.",
                "Реформы будут", "kz-tokayev", kIn2026},
        Passage{"DeKremlchef", "de", "„Die Sanktionen werden scheitern“, sagte der Kremlchef am Montag.",
                "Sanktionen werden", "ru-putin", kIn2026},
        Passage{"EnFormerChancellor", "en",
                "\"I never doubted the pipeline deal,\" former chancellor Olaf Scholz said on Monday.", "never doubted",
                "de-scholz", kIn2026}));

// Not the leader.
INSTANTIATE_TEST_SUITE_P(
    NotTheLeader, LeaderPassage,
    ::testing::Values(
        Passage{"EnSpokesman", "en", "\"The chancellor has no plans to travel,\" Scholz's spokesman said.",
                "no plans to travel", "", kIn2023},
        Passage{"RuKremlinPressSecretary", "ru",
                "«Президент пока не планирует визит», — сказал пресс-секретарь Кремля Дмитрий Песков.",
                "не планирует визит", ""},
        Passage{"EnQuoteAboutTheLeader", "en",
                "\"Tokayev has been a reliable partner,\" said Anna Weber, a trade analyst in Berlin.",
                "reliable partner", ""},
        Passage{"EnNamesake", "en", "\"The mine will reopen in May,\" Tokarev said.", "mine will reopen", ""},
        Passage{"EnOppositionLeader", "en",
                "Tokayev spoke in Astana on Monday.\n\n\"The reforms are cosmetic,\" the opposition leader said.",
                "reforms are cosmetic", "", kIn2026},
        Passage{"RuOppositionLeader", "ru",
                "Токаев выступил в Астане. «Реформы косметические», — сказал лидер оппозиции.", "косметические", "",
                kIn2026},
        Passage{"EnPresidentOfAnotherCountry", "en",
                "Tokayev met Scholz in Berlin.\n\n\"Sanctions will stay,\" the French president said.", "will stay", "",
                kIn2023},
        Passage{"DeSprecher", "de", "„Der Kanzler reist nicht nach Astana“, sagte ein Regierungssprecher.",
                "reist nicht", "", kIn2023}));

// Formats: dash dialogue, transcripts, split quotes. (A transcript's answer
// without quote marks is not a direct quote in the annotated sets, so only
// quoted answers are tested.)
INSTANTIATE_TEST_SUITE_P(
    Formats, LeaderPassage,
    ::testing::Values(
        Passage{"RuDashDialogue", "ru", "— Германия является для нас важнейшим партнёром в Европе, — сказал Токаев.",
                "важнейшим партнёром", "kz-tokayev"},
        Passage{"RuSplitQuote", "ru",
                "«Мы увеличим поставки, — заявил Токаев, — если маршрут через Каспий заработает в полную силу».",
                "увеличим поставки", "kz-tokayev"},
        Passage{"EnSplitQuote", "en",
                "\"We will increase supplies,\" Tokayev said, \"once the Caspian route runs at full capacity.\"",
                "full capacity", "kz-tokayev"},
        Passage{"EnTranscriptLabel", "en",
                "In an interview with the network, Kazakhstan's president Kassym-Jomart Tokayev (TOKAYEV) answered "
                "questions on sanctions.\n\nQUESTION: \"Will Kazakhstan help Russia evade sanctions?\"\n\nTOKAYEV: "
                "\"We comply with every sanctions regime that applies to our banks.\"",
                "comply with every", "kz-tokayev"}));

}  // namespace
}  // namespace newsmon
