// Russian institutions as sources: the nominative of "в Кремле", a press
// service, a kind of organisation the story introduced by name, and a role
// with an organisation that refers back to the person named with it. Texts
// written for these tests.
#include <gtest/gtest.h>

#include "quote/quote.h"
#include "quote_test_util.h"

namespace newsmon {
namespace {

struct Fixture : testing::LanguageFixture {
  Fixture() : LanguageFixture("ru") {}
};

using testing::SpeakerOfQuote;
constexpr auto SpeakerOf = SpeakerOfQuote;

TEST(AttributionRuInstitution, LocativeSourceInTheNominative) {
  Fixture f;
  auto q = f.Find("«Все вопросы будут решены в рабочем порядке», — заявили в Кремле.");
  EXPECT_EQ(SpeakerOf(q, "рабочем порядке"), "Кремль");
}

TEST(AttributionRuInstitution, KindOfOrganisationRefersToTheOneNamedBefore) {
  Fixture f;
  auto q = f.Find(
      "В городе открылись две новые станции, сообщили в акимате Караганды.\n"
      "«Станции разгрузят центральный проспект», — отметили в пресс-службе акимата.\n"
      "Работу по найму ведёт Агентство внешней занятости при министерстве труда.\n"
      "«Мы не берём плату за трудоустройство», — сообщили в самом агентстве.");
  EXPECT_EQ(SpeakerOf(q, "разгрузят"), "акимат Караганды");
  EXPECT_EQ(SpeakerOf(q, "не берём плату"), "Агентство внешней занятости");
}

TEST(AttributionRuInstitution, PressServiceSpeaksForTheOrganisationInTheNominative) {
  Fixture f;
  auto q = f.Find("«Итоги года доложены главе государства», — сообщает пресс-служба Акорды.");
  EXPECT_EQ(SpeakerOf(q, "Итоги года"), "Акорда");
}

TEST(AttributionRuInstitution, RoleWithOrganisationIsThePersonNamedWithIt) {
  Fixture f;
  auto q = f.Find(
      "Об этом сообщил заместитель председателя Нацбанка Руслан Омаров.\n"
      "— Мы проводим интервенции редко, — сказал зампред Нацбанка.\n"
      "«Целевого курса нет», — добавил зампред Минфина.");
  EXPECT_EQ(SpeakerOf(q, "интервенции редко"), "Руслан Омаров");
  // No one was named with the finance ministry: not Омаров.
  EXPECT_NE(SpeakerOf(q, "Целевого курса"), "Руслан Омаров");
}

TEST(AttributionRuRole, NationalityChoosesBetweenTwoHoldersOfTheRole) {
  Fixture f;
  auto q = f.Find(
      "Министр торговли Казахстана Арман Сеитов и федеральный министр экономики Германии Марта Кох подписали "
      "меморандум. «Речь идёт о совместной переработке», — подчеркнул казахстанский министр.\n"
      "«Нам нужны надёжные поставки», — заявила немецкий министр.");
  EXPECT_EQ(SpeakerOf(q, "совместной переработке"), "Арман Сеитов");
  EXPECT_EQ(SpeakerOf(q, "надёжные поставки"), "Марта Кох");
}

TEST(AttributionRuRole, WonderingAloudIsSpeech) {
  Fixture f;
  auto q = f.Find("«Кто будет строить генерацию?» — задаётся вопросом аналитик Дамир Серикбаев.");
  EXPECT_EQ(SpeakerOf(q, "строить генерацию"), "Дамир Серикбаев");
}

TEST(AttributionRuRole, HeadOfACompanyIsNotTheHeadOfState) {
  Fixture f;
  auto q = f.Find(
      "Глава государства Касым-Жомарт Токаев провёл совещание по развитию энергетики. На нём выступил "
      "председатель правления АО «Ортау Уголь» Нурбол Жаксылыков.\n"
      "«Мы закроем две старые шахты к весне», — отметил глава компании.\n"
      "«Сроки модернизации сдвигаться не должны», — сказал Токаев.");
  const Quote* company = testing::FindByText(q, "старые шахты");
  ASSERT_NE(company, nullptr);
  EXPECT_EQ(company->speaker, "Нурбол Жаксылыков");
  EXPECT_TRUE(company->leader_id.empty());
  const Quote* president = testing::FindByText(q, "Сроки модернизации");
  ASSERT_NE(president, nullptr);
  EXPECT_EQ(president->leader_id, "kz-tokayev");
}

TEST(AttributionRuRole, HeadOfAnUnnamedFundIsNoLeader) {
  Fixture f;
  auto q = f.Find(
      "Глава государства Касым-Жомарт Токаев посетил Караганду.\n"
      "«Портфель проектов вырос вдвое», — сообщил глава фонда.");
  const Quote* fund = testing::FindByText(q, "Портфель проектов");
  ASSERT_NE(fund, nullptr);
  EXPECT_TRUE(fund->leader_id.empty()) << fund->speaker;
  EXPECT_NE(fund->speaker, "Касым-Жомарт Токаев");
}

TEST(AttributionRuRole, PersonNamedAfterARoleInTheGenitiveIsReportedInTheNominative) {
  Fixture f;
  auto q = f.Find(
      "Министр энергетики принял генерального директора ТОО «Каспий Сервис» Ербола Сарсенова.\n"
      "«Терминал заработает в мае», — сказал руководитель компании.");
  EXPECT_EQ(SpeakerOf(q, "Терминал заработает"), "Ербол Сарсенов");
}

TEST(AttributionRuInstitution, CompanyKnownByItsLegalFormSpeaksForItsKind) {
  Fixture f;
  auto q = f.Find(
      "Порт Актау принял первый паром ПАО «Бозащы Ферри». "
      "«Мы удвоим число рейсов к осени», — говорится в сообщении компании.");
  EXPECT_EQ(SpeakerOf(q, "удвоим число"), "Бозащы Ферри");
}

TEST(AttributionRuRole, RepresentativeIsTheSpokesmanNamedBefore) {
  Fixture f;
  auto q = f.Find(
      "Официальный представитель МИД Казахстана Айгуль Ыбыраева провела брифинг. «Консультации продолжатся в "
      "Вене», — сказала она. Пресс-секретарь правительства Марат Досмаганбетов назвал переговоры трудными. — Мы "
      "рассчитываем на компромисс, — добавил представитель кабмина.");
  EXPECT_EQ(SpeakerOf(q, "на компромисс"), "Марат Досмаганбетов");
}

TEST(AttributionRuInstitution, BareLegalFormIsTheCompanyGivenIt) {
  Fixture f;
  auto q = f.Find(
      "Вице-министр сообщил, что ремонт на ТОО „Ортау Нефтехим“ перенесён. «Установку запустят в апреле», — "
      "говорится в сообщении ТОО. — Цены не вырастут, — пообещал он.");
  EXPECT_EQ(SpeakerOf(q, "запустят в апреле"), "Ортау Нефтехим");
  EXPECT_NE(SpeakerOf(q, "Цены не вырастут"), "Ортау Нефтехим") << "a company is not a man the pronoun refers to";
  EXPECT_NE(SpeakerOf(q, "Цены не вырастут"), "ТОО");
}

TEST(AttributionRuInstitution, RegionAndSeatBelongToTheInstitutionsName) {
  Fixture f;
  auto q = f.Find(
      "Из затопленных сёл Жанакалинского района вывезли 300 человек, сообщили в Департаменте по чрезвычайным "
      "ситуациям Атырауской области. «Вода пойдёт на спад к выходным», — говорится в сообщении ведомства.\n"
      "В акимате Атырауской области заверили, что жильё восстановят. «Подрядчик уже выбран», — сообщили в "
      "пресс-службе акимата.\n"
      "В посольстве Казахстана в Вене ответили на запрос. «Документы готовы», — говорится в заявлении "
      "посольства.");
  EXPECT_EQ(SpeakerOf(q, "на спад"), "Департамент по чрезвычайным ситуациям Атырауской области")
      << "the institution after the plural verb, not a district before it";
  EXPECT_EQ(SpeakerOf(q, "Подрядчик"), "акимат Атырауской области");
  EXPECT_EQ(SpeakerOf(q, "Документы готовы"), "посольство Казахстана в Вене");
}

TEST(AttributionRuInstitution, AgencyNamedWithItsFullGenitiveComplement) {
  Fixture f;
  auto q = f.Find(
      "В Агентстве по надзору и развитию страхового рынка подтвердили, что проверка завершена. «Нарушений не "
      "выявлено», — заявили в агентстве.");
  EXPECT_EQ(SpeakerOf(q, "Нарушений не"), "Агентство по надзору и развитию страхового рынка");
}

TEST(AttributionRuRole, OfficeInSeveralWordsRefersBack) {
  Fixture f;
  auto q = f.Find(
      "Министр иностранных дел Германии Клара Майр провела переговоры в Ташкенте. Аким области Данияр Ергалиев "
      "встретил делегацию.\n"
      "— Мы ценим открытость партнёров, — сказала глава немецкого внешнеполитического ведомства.\n"
      "По словам главы региона, «гостиницы готовы принять всех участников».");
  EXPECT_EQ(SpeakerOf(q, "ценим открытость"), "Клара Майр");
  EXPECT_EQ(SpeakerOf(q, "гостиницы готовы"), "Данияр Ергалиев");
}

TEST(AttributionRuRole, RoleOfAListOfOfficesIsSeen) {
  Fixture f;
  auto q = f.Find(
      "Министр спорта, туризма и молодёжной политики Таджикистана Рустам Кодиров открыл стадион. «Это подарок "
      "городу», — процитировала министра пресс-служба ведомства.");
  EXPECT_EQ(SpeakerOf(q, "подарок"), "Рустам Кодиров") << "the one quoted, whatever the gender of the verb";
}

TEST(AttributionRuRole, AddressReadOutIsTheHeadOfStatesInTheNominative) {
  Fixture f;
  auto q = f.Find(
      "Министр образования Бахром Алиев огласил поздравление президента Шавката Мирзиёева. «Знание — главный "
      "капитал страны», — говорится в обращении главы государства.\n"
      "Сам министр добавил: «Занятия начнутся в сентябре».");
  const Quote* address = testing::FindByText(q, "главный");
  ASSERT_NE(address, nullptr);
  EXPECT_EQ(address->speaker, "Шавкат Мирзиёев");
  EXPECT_EQ(address->leader_id, "uz-mirziyoyev");
  EXPECT_EQ(SpeakerOf(q, "Занятия начнутся"), "Бахром Алиев");
}

TEST(AttributionRuInterview, DashLinesWithoutAuthorsWordsAreQuestionsAndAnswers) {
  Fixture f;
  auto q = f.Find(
      "Директор ТОО «Шалкар Логистик» Ерлан Кенжебеков рассказал агентству, как выросли перевозки.\n"
      "— Сколько контейнеров вы перевезли за год?\n"
      "— Около тридцати тысяч. Это вдвое больше, чем годом ранее.\n"
      "— А что с тарифами?\n"
      "— Тарифы пока держим, но топливо дорожает.");
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].text, "Сколько контейнеров вы перевезли за год?");
  EXPECT_EQ(q[0].speaker, "") << "the interviewer is nobody the story names";
  EXPECT_EQ(q[1].text, "Около тридцати тысяч. Это вдвое больше, чем годом ранее.");
  EXPECT_EQ(q[1].speaker, "Ерлан Кенжебеков");
  EXPECT_EQ(q[2].speaker, "");
  EXPECT_EQ(q[3].speaker, "Ерлан Кенжебеков");
}

TEST(AttributionRuInterview, LabelledLinesNameTheirSpeaker) {
  Fixture f;
  auto q = f.Find(
      "На вопросы агентства ответил председатель правления банка Тимур Тасболатов.\n"
      "Вопрос: Будет ли банк снижать ставки?\n"
      "Тасболатов: Не раньше весны. Инфляция ещё высока.");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].speaker, "");
  EXPECT_EQ(q[1].text, "Не раньше весны. Инфляция ещё высока.");
  EXPECT_EQ(q[1].speaker, "Тимур Тасболатов");
}

TEST(AttributionRuInterview, AListSetOffByDashesIsNoInterview) {
  Fixture f;
  auto q = f.Find(
      "Правительство утвердило меры поддержки аграриев.\n"
      "— снижение пошлин на удобрения;\n"
      "— Субсидии на покупку техники.\n"
      "— Льготные кредиты для фермеров.");
  EXPECT_TRUE(q.empty()) << "no line asks a question, and speech opens with a capital";
}

TEST(AttributionRuInterview, OneDashLineIsNoInterview) {
  Fixture f;
  auto q = f.Find("Жители ждут решения.\n— Когда же начнут ремонт?\nОтвета пока нет.");
  EXPECT_TRUE(q.empty());
}

TEST(AttributionRuRole, ElderAndYoungerOfOneSurnameAreToldApart) {
  Fixture f;
  auto q = f.Find(
      "Хозяйством руководит Ержан Садыков, а его сын Тимур Садыков отвечает за продажи.\n"
      "«Цены на семена выросли вдвое», — сказал Садыков-младший.\n"
      "«Мы переживали и не такое», — заметил Садыков-старший.\n"
      "Матч решил гол Нурлана Тлеубаева, который посвятил его отцу Болату Тлеубаеву. «Горжусь», — сказал "
      "Тлеубаев-старший.");
  EXPECT_EQ(SpeakerOf(q, "семена"), "Тимур Садыков");
  EXPECT_EQ(SpeakerOf(q, "не такое"), "Ержан Садыков");
  EXPECT_EQ(SpeakerOf(q, "Горжусь"), "Болат Тлеубаев");
  q = f.Find(
      "На поле вышел Арман Кодиров вместе с отцом Маратом Кодировым. «Мы ждали этого десять лет», — сказал "
      "Кодиров-старший.");
  EXPECT_EQ(SpeakerOf(q, "десять лет"), "Марат Кодиров") << "the instrumental's ending is two letters";
}

TEST(AttributionRuPointing, ASentenceAfterTheQuotePointsBackAtIt) {
  Fixture f;
  auto q = f.Find(
      "Рынок ждёт решения регулятора.\n"
      "«Ставка останется прежней до весны.» Об этом в среду заявил председатель Нацбанка Тимур Сулейменов.\n"
      "«Дефицита бюджета не будет». Об этом говорится в сообщении Минфина.\n"
      "«Это ошибка и провал». Так прокомментировал решение политолог Иван Петров.\n"
      "«Цены вырастут уже к весне, это очевидно». Такое мнение высказала экономист Анна Ли.");
  ASSERT_EQ(q.size(), 4u) << "a short quote that is a sentence of its own is speech, not a name";
  EXPECT_EQ(q[0].speaker, "Тимур Сулейменов");
  EXPECT_EQ(q[1].speaker, "Минфин") << "not the speaker of the quote before";
  EXPECT_EQ(q[2].speaker, "Иван Петров");
  EXPECT_EQ(q[3].speaker, "Анна Ли");
}

TEST(AttributionRuPointing, WhoseWordsAPressServiceCitesSpeaks) {
  Fixture f;
  auto q = f.Find(
      "Глава государства Касым-Жомарт Токаев провёл совещание по энергетике.\n"
      "«Модернизацию надо завершить до зимы», – цитирует пресс-служба Акорды слова президента.\n"
      "По информации ведомства, «все котлы заменят к октябрю».\n"
      "Глава государства отметил: «Ответственность ляжет на руководителей».\n"
      "«Работы идут по графику», — приводит слова министра энергетики Алмаса Ержанова пресс-служба "
      "министерства.");
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].leader_id, "kz-tokayev") << "the president quoted, not the press service";
  EXPECT_EQ(q[1].leader_id, "") << "a ministry's information is not the president's";
  EXPECT_EQ(q[2].leader_id, "kz-tokayev") << "a role and its genitive complement before the verb";
  EXPECT_EQ(q[3].speaker, "Алмас Ержанов");
}

TEST(AttributionRuLeader, ABareRoleIsTheOneLeaderTheStoryNamesAndAsItSpellsHim) {
  Fixture f;
  auto q = f.Find(
      "Президент провёл встречу с инвесторами в Астане.\n"
      "«Мы открыты для честного бизнеса», – подчеркнул Президент.\n"
      "«Инфляция замедлится к лету», – сказал в интервью «Вестнику» премьер-министр Ерлан Досмаганбетов.\n"
      "Вечером Касым-Жомарт Токаев вылетел в Ташкент.");
  const Quote* president = testing::FindByText(q, "честного бизнеса");
  ASSERT_NE(president, nullptr);
  EXPECT_EQ(president->leader_id, "kz-tokayev");
  EXPECT_EQ(president->speaker, "Касым-Жомарт Токаев") << "the story's spelling, not the configured one";
  EXPECT_EQ(SpeakerOf(q, "замедлится"), "Ерлан Досмаганбетов") << "the outlet told, in the dative, is no source";
}

TEST(AttributionRuLeader, ATimeOpeningTheSentenceIsNoPartOfTheName) {
  Fixture f;
  auto q = f.Find("Вечером Касым-Жомарт Токаев заявил: «Мы открыты для честного бизнеса».");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Касым-Жомарт Токаев");
  EXPECT_EQ(q[0].leader_id, "kz-tokayev");
}

TEST(AttributionRuLeader, ABareRoleOfTwoNamedLeadersIsNoOne) {
  Fixture f;
  auto q = f.Find(
      "«Мы открыты для честного бизнеса», – подчеркнул президент.\n"
      "Касым-Жомарт Токаев и Шавкат Мирзиёев обсудили транзит.");
  const Quote* president = testing::FindByText(q, "честного бизнеса");
  ASSERT_NE(president, nullptr);
  EXPECT_EQ(president->leader_id, "") << "two presidents named: which one said it is unknown";
}

TEST(AttributionRuHeadline, HeadlineQuoteTakesTheSpeakerOfTheBodysFullQuote) {
  Fixture f;
  auto q = f.Find(
      "Глава МИД Австрии: «Степь больше не окраина»\n"
      "Министр иностранных дел Германии Клара Майр провела переговоры в Астане. «Степь больше не окраина. Мы "
      "ищем здесь союзников», — заявила Майр.");
  const Quote* headline = testing::FindByText(q, "Степь больше не окраина");
  ASSERT_NE(headline, nullptr);
  EXPECT_EQ(headline->speaker, "Клара Майр");
}

}  // namespace
}  // namespace newsmon
