// Attribution: explicit, split, pronoun, descriptor, continuation, apposition,
// organisations, in English, German and Russian. Texts written for these tests.
#include <gtest/gtest.h>

#include "quote/quote.h"
#include "quote_test_util.h"

namespace newsmon {
namespace {

using testing::FindByText;
using testing::LastWord;

struct Fixture {
  LeaderIndex leaders{testing::TestLeaders()};
  std::vector<Quote> Find(std::string_view text, const std::string& lang = "") const {
    return FindQuotes(text, leaders, {lang});
  }
};

TEST(AttributionEn, QuoteThenNameSaid) {
  Fixture f;
  auto q = f.Find("“The harvest was the best in ten years,” Olaf Scholz said.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Olaf Scholz");
  EXPECT_EQ(q[0].method, AttributionMethod::kExplicit);
  EXPECT_EQ(q[0].cue, "said");
  EXPECT_EQ(q[0].leader_id, "de-scholz");
}

TEST(AttributionEn, SaidThenName) {
  Fixture f;
  auto q = f.Find("“We expect more trains next spring,” said Clara Jensen, the rail company’s director.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Clara Jensen");
}

TEST(AttributionEn, NameSaidColonQuote) {
  Fixture f;
  auto q = f.Find("Peter Novak said: “Nobody expected the vote to be this close.”");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Peter Novak");
}

TEST(AttributionEn, AccordingTo) {
  Fixture f;
  auto q = f.Find("The new bridge “will carry twice the traffic of the old one,” according to Maria Holm.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(LastWord(q[0].speaker), "Holm");
}

TEST(AttributionEn, ToldWithAppositive) {
  Fixture f;
  auto q = f.Find(
      "“The data are clear and the trend is not new,” Jane Roe, a lecturer at the University of Elmfield, told "
      "reporters.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Jane Roe");
}

TEST(AttributionEn, SplitQuote) {
  Fixture f;
  auto q = f.Find("“We are ready,” Henrik Dahl said, “but the weather decides when we start.”");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker, "Henrik Dahl");
  EXPECT_EQ(q[1].speaker, "Henrik Dahl");
  EXPECT_EQ(q[1].method, AttributionMethod::kSplit);
}

TEST(AttributionEn, PronounResolvesToRecentCompatibleSpeaker) {
  Fixture f;
  auto q = f.Find(
      "Mrs. Laura Finch met Mr. Owen Price at the port.\n\n“The cranes are old,” Price said.\n\n“We will replace "
      "them within two years,” she said.\n\n“That is too slow,” he added.");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[1].method, AttributionMethod::kPronoun);
  EXPECT_EQ(q[1].speaker, "Laura Finch");
  EXPECT_EQ(q[2].speaker, "Owen Price");
}

TEST(AttributionEn, FullestNameForLaterSurname) {
  Fixture f;
  auto q = f.Find("Friedrich Merz arrived in Astana on Tuesday.\n\n“Our trade has doubled,” Merz said.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Friedrich Merz");
  EXPECT_EQ(q[0].leader_id, "de-merz");
}

TEST(AttributionEn, DescriptorThroughRolesInConfig) {
  Fixture f;
  auto q = f.Find("“We will lift relations to a new level,” the Kazakh president said after the talks.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].method, AttributionMethod::kDescriptor);
  EXPECT_EQ(q[0].leader_id, "kz-tokayev");
}

TEST(AttributionEn, DescriptorDependsOnDate) {
  Fixture f;
  const std::string text = "“The budget is balanced,” the German chancellor said.";
  using namespace std::chrono;
  auto in2023 = FindQuotes(text, f.leaders, {"en", sys_days{2023y / June / 1}});
  auto in2025 = FindQuotes(text, f.leaders, {"en", sys_days{2025y / June / 1}});
  ASSERT_EQ(in2023.size(), 1u);
  ASSERT_EQ(in2025.size(), 1u);
  EXPECT_EQ(in2023[0].leader_id, "de-scholz");
  EXPECT_EQ(in2025[0].leader_id, "de-merz");
}

TEST(AttributionEn, DescriptorThroughEarlierMention) {
  Fixture f;
  auto q =
      f.Find("Finance Minister Alma Vik presented the plan.\n\n“Taxes will not rise,” the minister told parliament.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Alma Vik");
}

TEST(AttributionEn, ParagraphContinuation) {
  Fixture f;
  auto q = f.Find(
      "“The port will reopen on Friday,” harbour master Ian Blake said.\n\n“After that, ships can dock again "
      "without delays.”");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].speaker, "Ian Blake");
  EXPECT_EQ(q[1].method, AttributionMethod::kContinuation);
}

TEST(AttributionEn, OrganisationsSpeak) {
  Fixture f;
  auto q = f.Find("“Detainees were denied lawyers for weeks,” HRW said in a report.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "HRW");
  auto m = f.Find("“The border crossing stays closed until further notice,” the ministry said.");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].method, AttributionMethod::kDescriptor);
  EXPECT_EQ(m[0].speaker, "the ministry");
}

TEST(AttributionEn, NameInsidePrepositionalPhraseIsNotTheSpeaker) {
  Fixture f;
  auto q = f.Find("“No decision has been made,” a spokesman for Vladimir Putin said.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_TRUE(q[0].leader_id.empty());
}

TEST(AttributionDe, SagteName) {
  Fixture f;
  auto q = f.Find("„Die Gespräche waren offen und konstruktiv“, sagte Bundeskanzler Friedrich Merz in Berlin.", "de");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Friedrich Merz");
  EXPECT_EQ(q[0].leader_id, "de-merz");
}

TEST(AttributionDe, SoName) {
  Fixture f;
  auto q = f.Find("Hans Weber leitet das Amt seit Jahren. „Wir brauchen mehr Personal“, so Weber.", "de");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(LastWord(q[0].speaker), "Weber");
}

TEST(AttributionDe, SagteErAndDescriptor) {
  Fixture f;
  auto q = f.Find(
      "Der Bürgermeister Karl Sommer besuchte die Baustelle.\n\n„Das dauert zu lange“, sagte er.\n\nDer Kanzler "
      "erklärte: „Wir halten an dem Plan fest.“",
      "de");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].method, AttributionMethod::kPronoun);
  EXPECT_EQ(LastWord(q[0].speaker), "Sommer");
  EXPECT_EQ(q[1].method, AttributionMethod::kDescriptor);
  EXPECT_EQ(q[1].leader_id, "de-merz");
}

TEST(AttributionDe, KonjunktivPartialQuote) {
  Fixture f;
  auto q = f.Find(
      "Die Ministerin Eva Brandt äußerte sich am Montag. Die Lage sei „ernst, aber beherrschbar“, erklärte "
      "Brandt.",
      "de");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(LastWord(q[0].speaker), "Brandt");
}

TEST(AttributionDe, LautName) {
  Fixture f;
  auto q = f.Find("Laut Jonas Keller ist die Brücke „in einem erbärmlichen Zustand“.", "de");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(LastWord(q[0].speaker), "Keller");
}

TEST(AttributionDe, AppositiveAfterDescriptor) {
  Fixture f;
  auto q =
      f.Find("„Wir rechnen mit einer Entscheidung im Sommer“, sagte der Sprecher des Verbandes, Lukas Brenner.", "de");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(LastWord(q[0].speaker), "Brenner");
}

TEST(AttributionRu, ZayavilAndPronoun) {
  Fixture f;
  auto q = f.Find(
      "Президент Казахстана Касым-Жомарт Токаев заявил: «Мы продолжим реформы».\n\n«Это важно для всех», — "
      "сказал он.",
      "ru");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].leader_id, "kz-tokayev");
  EXPECT_EQ(q[1].method, AttributionMethod::kPronoun);
  EXPECT_EQ(q[1].leader_id, "kz-tokayev");
}

TEST(AttributionRu, PoSlovam) {
  Fixture f;
  auto q = f.Find("По словам Путина, «переговоры идут трудно».", "ru");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].leader_id, "ru-putin");
}

TEST(AttributionRu, DescriptorPresidentOfKazakhstan) {
  Fixture f;
  auto q = f.Find("«Мы откроем новые маршруты», — отметил президент Казахстана.", "ru");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].leader_id, "kz-tokayev");
}

TEST(AttributionAuto, LanguageGuessedWhenEmpty) {
  Fixture f;
  auto q = f.Find("„Wir sind zufrieden mit dem Ergebnis“, sagte die Trainerin Lena Vogt nach dem Spiel.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(LastWord(q[0].speaker), "Vogt");
}

TEST(AttributionEn, RoleSubjectKeepsAPartialQuoteButNotItsSpeaker) {
  Fixture f;
  auto q = f.Find(
      "“We will win this state,” said Tom Baker. Baker, the independent Vermont senator who is challenging two "
      "rivals, enjoys “Modern Family.”");
  const Quote* quote = FindByText(q, "Modern Family");
  ASSERT_NE(quote, nullptr);
  EXPECT_NE(quote->speaker, "Vermont");
}

TEST(AttributionEn, ShowNamedAfterOnOrCalledIsNoQuote) {
  Fixture f;
  auto q = f.Find(
      "“I expect to be questioned,” Dana Ruiz said on “Sunday Morning Live.” She also starred in a play called "
      "“Brokers,” which ran for a year.");
  EXPECT_EQ(FindByText(q, "Sunday Morning"), nullptr);
  EXPECT_EQ(FindByText(q, "Brokers"), nullptr);
  ASSERT_NE(FindByText(q, "questioned"), nullptr);
}

TEST(AttributionEn, SpeechAfterToldStaysAQuote) {
  Fixture f;
  auto q = f.Find("Dana Ruiz told reporters on Monday: “We Will Win This.”");
  ASSERT_NE(FindByText(q, "We Will Win"), nullptr);
}

TEST(AttributionEn, CapitalisedModifiersWithARoleBeforeTheName) {
  Fixture f;
  auto q = f.Find(
      "Mark Hollis spoke first. “He is funny, and I would love to see him,” New Haven attorney Eric Lane said of "
      "Hollis. “But as a leader he worries me.”");
  EXPECT_EQ(LastWord(FindByText(q, "funny")->speaker), "Lane");
  EXPECT_EQ(LastWord(FindByText(q, "worries")->speaker), "Lane");
}

TEST(AttributionEn, AppositionAfterTheQuote) {
  Fixture f;
  auto q = f.Find(
      "Mark Hollis spoke first. “That would have been the fairer thing to do,” the county press secretary, Josh "
      "Ernst, said on Tuesday.");
  EXPECT_EQ(LastWord(FindByText(q, "fairer")->speaker), "Ernst");
}

TEST(AttributionEn, SurnameEndingInLyIsNoAdverb) {
  Fixture f;
  auto q = f.Find(
      "Senator Ann Kimberly spoke on Monday. “That is financed by the taxpayers they just fired,” said Senator "
      "Joe Hammerly, Democrat of Ohio. Hastily, Kimberly left.");
  EXPECT_EQ(FindByText(q, "financed")->speaker, "Joe Hammerly");
}

TEST(AttributionEn, PossessiveBeforeARoleAndAppositionAfterSaid) {
  Fixture f;
  auto q = f.Find(
      "Mark Hollis won the primary. “We are treating every vote the same,” said Hollis’s deputy campaign manager, "
      "Rich Benton, who ran the ground game.");
  EXPECT_EQ(LastWord(FindByText(q, "treating")->speaker), "Benton");
  auto r = f.Find(
      "“The odds are better than even,” said another leading court advocate, Andrew Pinker of the law firm Mayer "
      "Lane.");
  EXPECT_EQ(LastWord(FindByText(r, "odds")->speaker), "Pinker");
}

TEST(AttributionEn, SecondFragmentOfASentenceKeepsTheFirstSpeaker) {
  Fixture f;
  auto q = f.Find(
      "Vice President Tom Baxter, Ruiz said, had been in the Senate for “a thousand years” and passed “hundreds "
      "of bills.”");
  EXPECT_EQ(LastWord(FindByText(q, "thousand")->speaker), "Ruiz");
  EXPECT_EQ(LastWord(FindByText(q, "hundreds")->speaker), "Ruiz");
}

TEST(AttributionEn, APlaceOpeningTheSentenceIsNotItsSubject) {
  Fixture f;
  auto q = f.Find(
      "Campaigning at a school gym in Des Moines, Iowa, Senator Ann Ortiz attacked her rival, calling him "
      "\u201ca total failure.\u201d\n\n"
      "Representative Jim Jordan spoke next. Jordan, who chairs the panel, called the plan \u201ca bad deal for "
      "Ohio.\u201d");
  const Quote* failure = FindByText(q, "total failure");
  ASSERT_NE(failure, nullptr);
  EXPECT_EQ(LastWord(failure->speaker), "Ortiz");
  const Quote* deal = FindByText(q, "bad deal");
  ASSERT_NE(deal, nullptr);
  EXPECT_EQ(LastWord(deal->speaker), "Jordan") << "a surname the text gave in full stays a person";
}

TEST(AttributionEn, ACapitalisedWordInsideASentenceIsNoSpeechVerb) {
  Fixture f;
  auto q = f.Find(
      "Senator Ann Ortiz also said at the time that the United States has turned into a \u201cparking lot for "
      "other countries\u2019 problems.\u201d");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(LastWord(q[0].speaker), "Ortiz") << "\"States\" is no \"states\"";
}

TEST(AttributionRu, SpeakerAfterPoSlovamInTheNominative) {
  Fixture f;
  auto q = f.Find(
      "По словам Константина Косачева, \u00abсанкции не сработали\u00bb.\n"
      "По словам Анны Ивановой, \u00abрынок вырос на треть\u00bb.\n"
      "По словам Дмитрия Зеленского, \u00abвсё решится весной\u00bb.",
      "ru");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].speaker, "Константин Косачев");
  EXPECT_EQ(q[1].speaker, "Анна Иванова");
  EXPECT_EQ(q[2].speaker, "Дмитрий Зеленский");
}

TEST(AttributionRu, PossessivePronounAndAnOrganisationBeforeTheName) {
  Fixture f;
  auto q = f.Find(
      "Глава МИД Ержан Ашикбаев провёл переговоры в Берлине.\n"
      "Запад, по его словам, \u00abне понимает региональных реалий\u00bb.",
      "ru");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Ержан Ашикбаев") << "the ministry's acronym is no part of the name";
  EXPECT_EQ(q[0].method, AttributionMethod::kPronoun);
}

TEST(AttributionRu, AnInstitutionSpeaksThroughAnImpersonalPluralVerb) {
  Fixture f;
  auto q = f.Find(
      "Министр Ержан Ашикбаев провёл переговоры в Берлине.\n"
      "В МВД Казахстана сообщили, что \u00abпроверки на границе будут усилены уже с понедельника\u00bb.\n"
      "\u00abСпрос на рейсы растёт каждый месяц\u00bb, \u2014 сообщили в пресс-службе авиакомпании.",
      "ru");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(LastWord(q[0].speaker), "Казахстана") << q[0].speaker;
  EXPECT_EQ(LastWord(q[1].speaker), "авиакомпания")
      << q[1].speaker;  // no airline named before: the kind, in the nominative
}

TEST(AttributionRu, ThePrepositionGovernsOnlyTheObliqueName) {
  Fixture f;
  auto q = f.Find(
      "\u00abМы договорились о поставках зерна до конца года\u00bb, \u2014 заявил на встрече с Ахметовым "
      "Сергей Кравцов.",
      "ru");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Сергей Кравцов");
}

TEST(AttributionRu, AGenitiveComplementIsReportedInTheNominative) {
  Fixture f;
  auto q = f.Find(
      "Об этом сообщила пресс-служба Госдумы.\n"
      "\u00abНовые маршруты откроются весной\u00bb, \u2014 говорится в сообщении Госдумы.\n"
      "\u00abСроки могут сдвинуться\u00bb, \u2014 говорится в заявлении МИД Казахстана.",
      "ru");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker, "Госдума") << "not the longest form seen, the nominative";
  EXPECT_EQ(q[1].speaker, "МИД Казахстана") << "a longer name carries its own genitive";
}

TEST(AttributionRu, TheOneQuotedIsTheObjectOfCitirovat) {
  Fixture f;
  auto q = f.Find(
      "Канцлер провёл переговоры с Фридрихом Вальтером.\n"
      "\u00abСотрудничество будет расширено\u00bb, \u2014 цитирует Вальтера пресс-служба.",
      "ru");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(LastWord(q[0].speaker), "Вальтер") << q[0].speaker;
}

TEST(AttributionRu, APlaceNameIsNoOne) {
  Fixture f;
  auto q = f.Find(
      "Министр транспорта Арман Сеитов провёл совещание в Ташкенте.\n"
      "Грузы пойдут через Узбекистан, Таджикистан и Туркмению.\n"
      "\u00abМы расширим коридор уже в этом году\u00bb, \u2014 сказал он.",
      "ru");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Арман Сеитов");
}

TEST(AttributionRu, AnInstitutionAfterARoleNounIsNoOne) {
  // The genitive after a role noun names where the person works; the pronoun
  // goes back to the person, not to the institution.
  Fixture f;
  auto q = f.Find(
      "Председатель Союза пекарей Акмолинской области Серик Байжанов назвал решение правильным. "
      "\u00abМука шла к нам по заниженным ценам\u00bb, \u2014 сказал он.\n"
      "Заместитель председателя Минфина Нурлан Сапаров пояснил решение. "
      "\u00abИнфляция замедляется\u00bb, \u2014 сказал он.",
      "ru");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker, "Серик Байжанов");
  EXPECT_EQ(q[1].speaker, "Нурлан Сапаров");
}

TEST(AttributionRu, APlaceThePrepositionGovernsIsNotPartOfTheName) {
  Fixture f;
  auto q = f.Find(
      "\u2014 Это мой первый полумарафон, \u2014 признался 29-летний инженер из Бухары Фарход Каримов.\n"
      "\u2014 Зрители очень помогли, \u2014 добавил Каримов.",
      "ru");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker, "Фарход Каримов");
  EXPECT_EQ(q[1].speaker, "Фарход Каримов");
}

TEST(AttributionRu, GivenNamesAndPatronymicsAfterANounStayNames) {
  // Women's given names end like a genitive: they stay names where a name
  // can stand (ending the clause, before a patronymic).
  Fixture f;
  auto q = f.Find(
      "\u2014 Третий день не вывозят мусор, \u2014 рассказала жительница района Айгерим.\n"
      "\u00abБюджет исполнен\u00bb, \u2014 сказала министр Мария Петровна Соколова.",
      "ru");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker, "Айгерим");
  EXPECT_EQ(q[1].speaker, "Мария Петровна Соколова");
}

TEST(AttributionRu, ANameInMarksDoesNotCutTheSubjectFromItsVerb) {
  // The journal's name sits in the participle clause between the subject
  // and the verb that governs the quoted words.
  Fixture f;
  auto q = f.Find(
      "Дирижёр Нуржан Алиев рассказал о концерте.\n"
      "Музыкальный критик Мария Соколова, написавшая отзыв для журнала \u00abЖулдыз\u00bb, назвала "
      "программу \u00abсамой смелой за последние годы\u00bb.",
      "ru");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Мария Соколова");
}

TEST(AttributionRu, ACompanyNamedInMarksIsTheSource) {
  Fixture f;
  auto q = f.Find(
      "\u00abДобыча выросла на пять процентов\u00bb, \u2014 говорится в сообщении \u00abКазатомпрома\u00bb.\n"
      "\u00abРейсы станут ежедневными\u00bb, \u2014 говорится в заявлении \u00abSCAT Airlines\u00bb.",
      "ru");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker, "Казатомпром") << "a one-word name back in the nominative";
  EXPECT_EQ(q[1].speaker, "SCAT Airlines");
}

TEST(AttributionRu, ABarePersonNounRefersBackToTheOneTheStoryFollows) {
  Fixture f;
  auto q = f.Find(
      "Об этом заявил глава комитета Совета Федерации по международным делам Григорий Карасин.\n"
      "\u00abИзоляция России \u2014 это миф\u00bb, \u2014 сказал он.\n"
      "Сенатор напомнил, что \u00abсанкции уже ударили по европейской экономике\u00bb. "
      "\u00abЕвропейцы платят за газ втрое больше\u00bb, \u2014 подчеркнул политик.",
      "ru");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[1].speaker, "Григорий Карасин");
  EXPECT_EQ(q[2].speaker, "Григорий Карасин");
}

TEST(AttributionRu, ANounOpeningTheSentenceAndItsGenitiveAreNotTheName) {
  Fixture f;
  auto q = f.Find(
      "Вице-спикер Совфеда Константин Косачев высказался в том же духе. По словам Косачева, "
      "\u00abразговоры о \u201eполной изоляции\u201c давно никто всерьёз не воспринимает\u00bb.",
      "ru");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Константин Косачев");
}

TEST(AttributionRu, ANameAPrepositionGovernsBeforeTheVerbIsNotItsSubject) {
  Fixture f;
  auto q = f.Find(
      "Официальный представитель МИД Мария Захарова в своём Telegram-канале назвала решение ЕС "
      "\u00abабсурдным\u00bb.",
      "ru");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Мария Захарова");
}

TEST(AttributionRu, ASoCalledTermIsNoQuoteEvenWithACue) {
  Fixture f;
  auto q = f.Find(
      "В таможне отмечают, что так называемый \u00abтеневой\u00bb импорт через посредников сократился. "
      "\u00abСхемы стали сложнее\u00bb, \u2014 сказал начальник управления Асет Нурланов.",
      "ru");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Асет Нурланов");
}

TEST(AttributionRu, AFeminineVerbIsNotAManOfTheSameRole) {
  // "глава" is the role of both; "сказала" rules out the man.
  Fixture f;
  auto q = f.Find(
      "Глава государства Касым-Жомарт Токаев принял в Астане министра иностранных дел Германии.\n"
      "\u00abМы высоко ценим позицию Казахстана\u00bb, \u2014 сказала глава германского МИД.\n"
      "\u00abЛюбая авария сразу отражается на бюджете\u00bb, \u2014 сказал глава государства.",
      "ru");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_TRUE(q[0].leader_id.empty()) << q[0].speaker;
  EXPECT_NE(q[0].speaker, "Касым-Жомарт Токаев");
  EXPECT_EQ(q[1].leader_id, "kz-tokayev") << q[1].speaker;
}

TEST(AttributionRu, AnAdjectiveAfterAPrepositionIsNoOneAPronounCouldMean) {
  Fixture f;
  auto q = f.Find(
      "\u2014 Другого маршрута сегодня нет, \u2014 говорит аналитик Тимур Ахметов.\n"
      "Эксперт напомнил, что нефть идёт через Прикаспийский магистральный нефтепровод. "
      "\u00abЛюбая авария сразу отражается на бюджете\u00bb, \u2014 добавил он.",
      "ru");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].speaker, "Тимур Ахметов");
}

TEST(AttributionRu, RoleNounsAndGenitiveChainsBeforeTheName) {
  Fixture f;
  auto q = f.Find(
      "Директор Центра евразийских исследований Андрей Суздальцев заявил \u00abИзвестиям\u00bb, что Астана "
      "\u00abбалансирует между Москвой и Брюсселем\u00bb.\n"
      "\u2014 Это прагматичная политика, \u2014 пояснил эксперт.\n"
      "Член комитета Госдумы по делам СНГ Константин Затулин написал в своём Telegram-канале: "
      "\u00abПартнёры должны определиться\u00bb.",
      "ru");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].speaker, "Андрей Суздальцев");
  EXPECT_EQ(q[1].speaker, "Андрей Суздальцев");
  EXPECT_EQ(q[2].speaker, "Константин Затулин");
}

TEST(AttributionRu, ADescriptionBeforeANameInMarksDoesNotTakeOverTheDialogue) {
  Fixture f;
  auto q = f.Find(
      "\u2014 Маршрут через Каспий дороже, \u2014 говорит аналитик консалтинговой компании "
      "\u00abСтепь Аналитикс\u00bb Тимур Ахметов. \u2014 Но другого пути сегодня нет.",
      "ru");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker, "Тимур Ахметов");
  EXPECT_EQ(q[1].speaker, "Тимур Ахметов");
}

TEST(AttributionRu, TheOutletToldIsNotTheSpeaker) {
  Fixture f;
  auto q = f.Find(
      "\u00abМы строго соблюдаем режим\u00bb, \u2014 заявил РИА Новости источник в правительстве республики.\n"
      "\u00abРежим не изменится\u00bb, \u2014 заявил ТАСС министр торговли Арман Шаккалиев.\n"
      "\u00abКонтроль усилен\u00bb, \u2014 цитирует Шаккалиева пресс-служба.",
      "ru");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].speaker, "источник в правительстве республики");
  EXPECT_EQ(q[1].speaker, "Арман Шаккалиев");
  EXPECT_EQ(LastWord(q[2].speaker), "Шаккалиев") << q[2].speaker;
}

TEST(AttributionEn, AParticipleOrSubordinatorOpeningTheSentenceIsNoName) {
  Fixture f;
  auto q = f.Find(
      "Appearing before cheering supporters on Monday, Clara Jensen, 52, said it was too early to celebrate but "
      "added, \u201cI think you all have an idea of the results.\u201d\n\n"
      "\u201cIt is a big moment,\u201d said Tom Reyes, a party strategist. Unless rivals quit the race, "
      "\u201cit is very hard to see how she is stopped.\u201d");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[0].speaker, "Clara Jensen");
  EXPECT_EQ(q[2].speaker, "Tom Reyes");
}

TEST(AttributionEn, TheSpeakerInvertedAfterAShortPhraseThatEndsTheQuotesClause) {
  Fixture f;
  auto q = f.Find(
      "The vote signals \u201cthe start of a new era\u201d for the region, said Clara Jensen, the leader of "
      "the Harbour Party.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Clara Jensen");
}

TEST(AttributionEn, AStrayCommaAfterThePartyLabelAndAnInfinitiveVerb) {
  Fixture f;
  auto q = f.Find(
      "Sen. Tom Reyes (D-Ore.), said after a lunch on Tuesday that he hadn\u2019t had a chance to read the plan, "
      "but called it a \u201cstarting point for our talks.\u201d");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Tom Reyes");
}

TEST(AttributionEn, ThePartyLabelEndsTheNameBeforeAnAppositive) {
  Fixture f;
  auto q = f.Find(
      "Sen. Tom Reyes (R-Ore.), also a presidential hopeful, called the rally \u201cshameful\u201d in a post on "
      "Sunday.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Tom Reyes");
}

TEST(AttributionEn, AParticipleAfterTheQuoteKeepsTheSubjectOfTheCueBefore) {
  Fixture f;
  auto q = f.Find(
      "In October, Ms. Jensen, who made a fortune betting against mortgage lenders, told investors that fears "
      "about drug makers like Harbour Pharma were \u201coverblown,\u201d adding that Harbour Pharma still had room "
      "to grow.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(LastWord(q[0].speaker), "Jensen") << q[0].speaker;
}

}  // namespace
}  // namespace newsmon
