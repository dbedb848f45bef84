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

}  // namespace
}  // namespace newsmon
