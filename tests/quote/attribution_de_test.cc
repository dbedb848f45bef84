// German attribution: word order, appositions and nouns that German
// capitalises like names. Texts written for these tests.
#include <gtest/gtest.h>

#include "quote/quote.h"
#include "quote_test_util.h"

namespace newsmon {
namespace {

using testing::FindByText;
using testing::LastWord;

struct Fixture : testing::LanguageFixture {
  Fixture() : LanguageFixture("de") {}
};

std::string SpeakerOf(const std::vector<Quote>& quotes, std::string_view needle) {
  return LastWord(testing::SpeakerOfQuote(quotes, needle));
}

TEST(AttributionDeOrder, AdjectiveBeforeTitleStillOpensTheClause) {
  Fixture f;
  auto q = f.Find(
      "Der Komponist Anton Berger starb am Montag in Graz.\n"
      "Der österreichische Bundeskanzler Peter Hollmann würdigte Berger als „großen Sohn der Stadt Graz“.");
  EXPECT_EQ(SpeakerOf(q, "großen Sohn"), "Hollmann");
}

TEST(AttributionDeOrder, TitleMakesALoneSurnameAName) {
  Fixture f;
  auto q =
      f.Find("Nach der Sitzung sagte Bundesinnenminister Krause: „Der Beschluss ist ein wichtiger Schritt für uns.“");
  EXPECT_EQ(SpeakerOf(q, "Beschluss"), "Krause");
}

TEST(AttributionDeOrder, PresentTenseOfAWeakVerb) {
  Fixture f;
  auto q = f.Find("In seiner Pressemitteilung resümiert Hartmut Klee: „Die Jahre der Haft haben ihn krank gemacht.“");
  EXPECT_EQ(SpeakerOf(q, "Jahre der Haft"), "Klee");
}

TEST(AttributionDeOrder, ImpersonalSubjectBeforeTheSpeaker) {
  Fixture f;
  auto q = f.Find("„Wir sind hier unwillkommene Gäste“, zitierte man Lucia Ferrer vom Sender TVX.");
  EXPECT_EQ(SpeakerOf(q, "unwillkommene"), "Ferrer");
}

TEST(AttributionDeOrder, HiessEsVon) {
  Fixture f;
  auto q = f.Find("„Alle Spuren deuten auf einen Unfall hin“, hieß es vom Abgeordneten Viktor Lamm.");
  EXPECT_EQ(SpeakerOf(q, "Spuren"), "Lamm");
}

TEST(AttributionDeOrder, ZitierteObjectMitDenWorten) {
  Fixture f;
  auto q = f.Find(
      "Der Minister Tom Wendt bot am Abend seinen Rücktritt an.\n"
      "Ein Fernsehsender zitierte Wendt mit den Worten: „Wenn ich das Problem bin, klebe ich nicht an meinem Stuhl.“");
  EXPECT_EQ(SpeakerOf(q, "Stuhl"), "Wendt");
}

TEST(AttributionDeOrder, DomainNameDoesNotEndTheSentence) {
  Fixture f;
  auto q = f.Find("„Das ist eine Größenordnung, die wir selten sehen“, zitiert ndr.de Polizeisprecher Ralf Vogt.");
  EXPECT_EQ(SpeakerOf(q, "Größenordnung"), "Vogt");
}

TEST(AttributionDeApposition, NameAfterRoleWithGenitive) {
  Fixture f;
  auto q = f.Find(
      "Die Sprecherin der Stiftung Verbraucherschutz, Heike van Dam, sagte dazu: „Wir bleiben bei unseren "
      "Ergebnissen.“");
  EXPECT_EQ(SpeakerOf(q, "Ergebnissen"), "Dam");
}

TEST(AttributionDeApposition, NameAfterVerbAndDescriptorWithPreposition) {
  Fixture f;
  auto q = f.Find("„Die Folgen werden immer stärker sichtbar“, sagte der Deutschlandchef von KPX, Hubert Kranz.");
  EXPECT_EQ(SpeakerOf(q, "Folgen"), "Kranz");
}

TEST(AttributionDeApposition, PartyInBracketsEndsTheName) {
  Fixture f;
  auto q =
      f.Find("Der frühere Bürgermeister, Henning Gerber (SPD), warnte die CDU vor einem „populistischen Wahlkampf“.");
  EXPECT_EQ(SpeakerOf(q, "populistischen"), "Gerber");
}

TEST(AttributionDeApposition, MissingClosingComma) {
  Fixture f;
  auto q = f.Find(
      "Hans Abel, der Generalsekretär des Verbandes (UGT) sagte gegenüber der Nachrichtenagentur dpa: „Wir "
      "werden nicht zurückkehren zur Diktatur.“");
  EXPECT_EQ(SpeakerOf(q, "Diktatur"), "Abel");
}

TEST(AttributionDeApposition, ParticleAfterAFullNameStartsAPhrase) {
  Fixture f;
  auto q = f.Find("„Die Pflanzen tauchen früher oder später überall auf“, sagte Martin Hoff von Greenwatch.");
  EXPECT_EQ(SpeakerOf(q, "Pflanzen"), "Hoff");
  auto r = f.Find("„Wir brauchen mehr Geld für die Forschung“, sagte Kurt von Falkenau.");
  EXPECT_EQ(SpeakerOf(r, "Forschung"), "Falkenau");
}

TEST(AttributionDeNouns, NounAfterAnArticleIsNotAName) {
  Fixture f;
  // "Eignung" follows an article elsewhere, so "Eignung Brandts" is not a person.
  auto q = f.Find(
      "Die Abgeordnete Ilse Kramer bezweifelte offen die Eignung Brandts für das Amt.\n"
      "Eignung Brandts hin oder her: „Wir werden am Ende gemeinsam abstimmen müssen, ob es uns gefällt oder nicht.“");
  const Quote* quote = FindByText(q, "abstimmen");
  ASSERT_NE(quote, nullptr);
  EXPECT_EQ(quote->speaker.find("Eignung"), std::string::npos);
}

TEST(AttributionDeNouns, GenitiveOfANameIsNotTheSpeaker) {
  Fixture f;
  auto q = f.Find(
      "Der Senator Paul Brandt sprach am Morgen im Landtag.\n"
      "Den Unmut über Brandts Äußerungen brachte die Sprecherin der Fraktion, Ilse Kramer, zum Ausdruck: „Es gibt "
      "keinen Grund, Positionen aufzugeben.“");
  EXPECT_EQ(SpeakerOf(q, "Positionen"), "Kramer");
}

TEST(AttributionDeNouns, GenitiveBeforeATitleOpensThePhrase) {
  Fixture f;
  auto q = f.Find("Norwegens Ministerpräsident Lars Dahl nannte den Vorfall „eine Tragödie für das ganze Land“.");
  EXPECT_EQ(SpeakerOf(q, "Tragödie"), "Dahl");
}

// A place named earlier is no name of its own; in the genitive after a
// role it belongs to the phrase the article opens, which is the subject, and
// the noun phrase after the verb is the object.
TEST(AttributionDeNouns, RoleWithAPlaceInTheGenitiveOpensTheClause) {
  Fixture f;
  auto q = f.Find(
      "Die Lage in Moldau ist angespannt.\n"
      "Der Gesandte Moldaus nannte die Sanktionen eine Hilfe für sein Volk gegen das „korrupte Regime“ in der "
      "Hauptstadt.");
  EXPECT_EQ(SpeakerOf(q, "korrupte Regime"), "Moldaus");
}

// A sentence that points back at the quote names its speaker after the verb.
TEST(AttributionDeOrder, PointingSentenceAfterTheQuote) {
  Fixture f;
  auto q = f.Find(
      "Der Haushalt wurde am Montag vorgestellt.\n"
      "„Der Haushalt ist solide.“ Das sagte Finanzministerin Karla Weiß am Montag in Berlin.\n"
      "„Wir müssen trotzdem sparen.“ So formulierte es der Staatssekretär Paul Brandt.\n"
      "„Es wird teurer“. Das musste Bauministerin Lena Koch am Dienstag einräumen.");
  EXPECT_EQ(SpeakerOf(q, "Haushalt ist solide"), "Weiß");
  EXPECT_EQ(SpeakerOf(q, "trotzdem sparen"), "Brandt");
  EXPECT_EQ(SpeakerOf(q, "wird teurer"), "Koch");
}

// "Das" opening a sentence that is not about the quote says nothing of it.
TEST(AttributionDeOrder, PointingWordWithoutASpeechVerbIsNoCue) {
  Fixture f;
  auto q = f.Find(
      "Bürgermeister Jens Albers sprach am Abend.\n"
      "„Die Brücke bleibt offen.“ Das Rathaus lag im Dunkeln.");
  EXPECT_EQ(SpeakerOf(q, "Brücke bleibt offen"), "Albers");
}

// A quote with its own full stop ends its sentence; the next one has its
// own subject, not the previous quote's speaker.
TEST(AttributionDeOrder, QuoteWithItsOwnFullStopEndsTheSentence) {
  Fixture f;
  auto q = f.Find(
      "Kanzlerin Eva Stahl griff den Präsidenten an: „Wer das leugnet, kann nichts erwarten.“ Auch der "
      "amerikanische Außenminister Tom Rieger attackierte die Regierung als „größten Förderer des Schmuggels“.");
  EXPECT_EQ(SpeakerOf(q, "nichts erwarten"), "Stahl");
  EXPECT_EQ(SpeakerOf(q, "größten Förderer"), "Rieger");
  // Without a full stop inside the marks it is one sentence and one speaker.
  auto one = f.Find("Kanzlerin Eva Stahl nannte den Plan „mutig“ und die Kosten „überschaubar“.");
  EXPECT_EQ(SpeakerOf(one, "überschaubar"), "Stahl");
}

// A noun of speech with its genitive names whose words the clause reports,
// also when an answer follows.
TEST(AttributionDeNouns, NounOfSpeechWithItsGenitive) {
  Fixture f;
  auto q = f.Find(
      "Der Stadtrat beriet am Abend.\n"
      "Auf die Kritik von Anna Berg, es gehe um einen „teuren Irrweg“, antwortete Bürgermeister Jens Albers "
      "ausweichend.\n"
      "Die Forderung von Greenpeace, die Anlage „sofort stillzulegen“, wies der Betreiber zurück.");
  EXPECT_EQ(SpeakerOf(q, "teuren Irrweg"), "Berg");
  EXPECT_EQ(SpeakerOf(q, "sofort stillzulegen"), "Greenpeace");
}

TEST(AttributionDeNouns, SentenceOpeningAdverbIsNotAName) {
  Fixture f;
  auto q = f.Find(
      "Am Montag hatte Finanzminister Peer Lindahl gute Nachrichten. Dennoch verteidigte er den Kurs der "
      "Regierung. Erstmals sei der Haushalt „aller Voraussicht nach“ ausgeglichen.");
  EXPECT_EQ(SpeakerOf(q, "Voraussicht"), "Lindahl");
}

TEST(AttributionDeColon, PersonBeforeAColonWithoutCue) {
  Fixture f;
  auto q = f.Find("Die Sängerin Nina Vogel zur neuen Heimat: „Die meisten Sachen sind schon umgezogen.“");
  EXPECT_EQ(SpeakerOf(q, "Sachen"), "Vogel");
  auto r = f.Find(
      "Das Fazit von Sandra Keller nach fünf Jahren fällt deutlich aus: „Die hohen Anmeldezahlen zeigen, dass das "
      "Modell funktioniert.“");
  EXPECT_EQ(SpeakerOf(r, "Anmeldezahlen"), "Keller");
}

TEST(AttributionDeColon, PlaceBeforeAColonIsNotASpeaker) {
  Fixture f;
  auto q = f.Find("Die Lage in Hamburg am Abend: „Alle Straßen sind gesperrt, niemand kommt mehr durch.“");
  const Quote* quote = FindByText(q, "Straßen");
  ASSERT_NE(quote, nullptr);
  EXPECT_EQ(quote->speaker, "");
}

TEST(AttributionDeOrder, SoThenVerbThenName) {
  Fixture f;
  auto q = f.Find(
      "Die Senatorin Olga Brenner gewann die Vorwahl deutlich. Ein „außerordentlicher Sieg“, so urteilte Brenner "
      "selbst.");
  EXPECT_EQ(SpeakerOf(q, "außerordentlicher"), "Brenner");
}

TEST(AttributionDeOrder, AnyVerbInvertedAfterTheQuote) {
  Fixture f;
  auto q = f.Find(
      "Der Kandidat Paul Weidner sprach in Hannover.\n"
      "„Ich trete an als ein konservativer Kandidat“, strich Weidner in seiner Rede heraus.");
  EXPECT_EQ(SpeakerOf(q, "konservativer"), "Weidner");
}

TEST(AttributionDeOrder, PassiveZitiert) {
  Fixture f;
  auto q = f.Find(
      "Der Manager Jens Albers übernimmt das Amt.\n"
      "Zu seiner neuen Aufgabe wird Albers auf der Website des Vereins wie folgt zitiert: „Es gab hier auch "
      "schwierige Jahre.“");
  EXPECT_EQ(SpeakerOf(q, "schwierige"), "Albers");
}

TEST(AttributionDeOrder, RelativeClauseSubject) {
  Fixture f;
  auto q = f.Find(
      "Damit fällt die Quote unter die Marke, die Gerd Lohmann in seiner Amtszeit zum Ziel erklärt hatte: „Ich "
      "rechne damit, dass es uns gelingt.“");
  EXPECT_EQ(SpeakerOf(q, "rechne"), "Lohmann");
}

TEST(AttributionDeOrder, LoneNameRightAfterTheVerb) {
  Fixture f;
  auto q = f.Find(
      "Bei einem Empfang für Journalisten sagte Benedikt, dass er „eine Kirche für die Armen“ wolle. Benedikt "
      "lachte.");
  EXPECT_EQ(SpeakerOf(q, "Kirche"), "Benedikt");
}

TEST(AttributionDeOrder, LautAfterTheNameNamesTheSource) {
  Fixture f;
  auto q = f.Find(
      "Der Minister Dirk Hahn trat zurück.\n"
      "„Wir müssen bis Oktober fertig sein“, sagte Hahn laut Spiegel Online.");
  EXPECT_EQ(SpeakerOf(q, "Oktober"), "Hahn");
}

TEST(AttributionDeApposition, NameBeforeDescriptorWithoutClosingComma) {
  Fixture f;
  auto q = f.Find("Karl Singer, ein Klimaexperte vom WWF erklärte, der Bericht sei „ein grundlegendes Dokument“.");
  EXPECT_EQ(SpeakerOf(q, "grundlegendes"), "Singer");
}

TEST(AttributionDeApposition, NameThenEmployer) {
  Fixture f;
  auto q = f.Find("Theo Kunz vom Bankhaus Merck Weber sagte dazu: „Solche Zahlungen gibt es überall.“");
  EXPECT_EQ(SpeakerOf(q, "Zahlungen"), "Kunz");
}

TEST(AttributionDeApposition, ArticleIsNoNameParticle) {
  Fixture f;
  auto q = f.Find(
      "Der Vorsitzende der Gewerkschaft, Nachfolgeorganisation der ÖTV, Frank Berger, würdigte den Toten als „eine "
      "bedeutende Persönlichkeit“.");
  EXPECT_EQ(SpeakerOf(q, "bedeutende"), "Berger");
}

TEST(AttributionDeApposition, NameClosingADescriptorsGenitive) {
  Fixture f;
  auto q = f.Find(
      "„Alle Anzeichen deuten auf einen Anschlag hin“, hieß es vom Abgeordneten des russischen Föderationsrates "
      "Viktor Lamm.");
  EXPECT_EQ(SpeakerOf(q, "Anzeichen"), "Lamm");
}

TEST(AttributionDeTitles, NewspaperAfterADefiniteArticleIsNoQuote) {
  Fixture f;
  auto q = f.Find(
      "Der Minister Karl Brenner sagte der „Nordsee Zeitung“, er werde bleiben. Laut „Abendpost“ ist die Lage "
      "ernst.");
  EXPECT_EQ(FindByText(q, "Nordsee"), nullptr);
  EXPECT_EQ(FindByText(q, "Abendpost"), nullptr);
}

TEST(AttributionDeTitles, IndefiniteArticleBeforeSpeechStaysAQuote) {
  Fixture f;
  auto q = f.Find("Ilse Kramer, Leiterin der Behörde in Bremen, sprach von einer „Gefahr für Leib und Leben“.");
  EXPECT_EQ(SpeakerOf(q, "Gefahr"), "Kramer");
}

TEST(AttributionDeOrder, VerbGoverningTheFragmentBeatsTheNextClause) {
  Fixture f;
  auto q = f.Find(
      "Mirko Kranz, der wegen wiederholter Fouls vom Platz musste, nannte die Strafe „überzogen“, Trainer Jonas "
      "Lehr bezeichnete die Karten als „übertrieben“.");
  EXPECT_EQ(SpeakerOf(q, "überzogen"), "Kranz");
  EXPECT_EQ(SpeakerOf(q, "übertrieben"), "Lehr");
}

TEST(AttributionDeOrder, ModalBeforeTheSubject) {
  Fixture f;
  auto q = f.Find(
      "Der Stürmer Luc Arnaud geriet mit dem Trainer Paul Remy aneinander. Wie die Zeitung berichtete, soll "
      "Arnaud zu Remy gesagt haben: „Das lasse ich mir nicht gefallen.“");
  EXPECT_EQ(SpeakerOf(q, "gefallen"), "Arnaud");
}

TEST(AttributionDeOrder, VerbAfterAnAlsFragment) {
  Fixture f;
  auto q = f.Find(
      "Als „verpasste Chance“ beurteilte der Geschäftsführer der Fraktion, Volker Stein das Treffen. „Wir hätten "
      "mehr erreichen können.“");
  EXPECT_EQ(SpeakerOf(q, "verpasste"), "Stein");
  EXPECT_EQ(SpeakerOf(q, "erreichen"), "Stein");
}

TEST(AttributionDeNouns, ArticleBeforeAGivenNameKeepsTheName) {
  Fixture f;
  auto q = f.Find(
      "Mit 46 Prozent gewann der Ex-Gouverneur Mitt Romley die Vorwahl, um die Mitt Romley sein Lager verstärkte. "
      "„Ich trete an als ein konservativer Kandidat“, strich Romley in Arbutus heraus.");
  EXPECT_EQ(SpeakerOf(q, "konservativer"), "Romley");
}

TEST(AttributionDeNouns, DescriptionBeforeATitleIsNotPartOfTheName) {
  Fixture f;
  auto q = f.Find("Die Delmenhorster Bürgermeisterin Swantje Holm sagte: „Wir haben nichts zu verbergen.“");
  const Quote* quote = FindByText(q, "verbergen");
  ASSERT_NE(quote, nullptr);
  EXPECT_EQ(quote->speaker, "Swantje Holm");
}

// Names in quotation marks that are not speech: the source of a report,
// addresses, a name in the genitive, an English title. Speech next to them stays.
class GermanNamesInMarks : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

TEST_P(GermanNamesInMarks, AreNoQuotes) {
  Fixture f;
  const auto quotes = f.Find(GetParam().first);
  EXPECT_EQ(FindByText(quotes, GetParam().second), nullptr) << GetParam().first;
}

INSTANTIATE_TEST_SUITE_P(
    Quote, GermanNamesInMarks,
    ::testing::Values(
        std::pair{"Wie die „Hilfe für Kinder in Not“ am Montag mitteilte, fehlen in der Region Zelte und Decken.",
                  "Hilfe für Kinder"},
        std::pair{"Die „Initiative Freies Netz“ berichtete über Sperren in mehreren Städten.", "Initiative Freies"},
        std::pair{"Wie „Nordkurier Online“ berichtet, wurde die Brücke gesperrt.", "Nordkurier"},
        std::pair{"Das Verfahren sei „ein Skandal“, schrieb „Der Abendbote“ in einem Kommentar.", "Abendbote"},
        std::pair{"Die Liste ist seit Dienstag auf „stadtarchiv-beispiel.net“ abrufbar.", "stadtarchiv"},
        std::pair{"Teile des „Gesetzes über die Meldepflicht von Hunden“ wurden vom Gericht gekippt.", "Meldepflicht"},
        std::pair{"Das zweite Album der Gruppe, „Songs for the Long Road“, erschien 1999 bei einem kleinen Label.",
                  "Songs for"}));

TEST(AttributionDeNouns, SpeechBesideNamesInMarksStays) {
  Fixture f;
  auto q = f.Find(
      "„We will not give up on this region“, sagte der Minister Karl Brandt.\n"
      "Bürgermeisterin Eva Lorenz sagte „Nein“ zu dem Plan der Regierung.\n"
      "„Die Hilfe kommt zu spät“, sagte Brandt der „Abendpost“.");
  EXPECT_EQ(SpeakerOf(q, "We will not"), "Brandt");
  EXPECT_EQ(SpeakerOf(q, "Nein"), "Lorenz");
  EXPECT_EQ(SpeakerOf(q, "Hilfe kommt"), "Brandt");
}

TEST(AttributionDe, AFrontedObjectBeforeTheColonIsNotTheSpeaker) {
  // Verb second: the object opens the sentence, the subject follows the verb.
  Fixture f;
  auto q = f.Find(
      "Der Landrat Konrad Müller trat am Montag zurück.\n\n"
      "Sämtliche Verantwortung für die Verspätung weist Müller von sich: „Die Planung lag beim Land, nicht bei "
      "uns.“");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Konrad Müller");
}

TEST(AttributionDe, TheArticleAfterTheVerbOpensTheSubjectOfBothVerbs) {
  // "der" after a verb is the subject's article, not a genitive; the second
  // verb ("und nannte") shares that subject.
  Fixture f;
  auto q = f.Find(
      "Der Oppositionsführer Karl Brandt kritisierte den Plan scharf.\n\n"
      "In seiner Erklärung bewertete der neue Finanzminister Erik Roth den Haushalt als solide und nannte die "
      "Kürzungen „maßvoll und gerecht“.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Erik Roth");
}

TEST(AttributionDe, TheAttributionClosingTheSentenceCoversItsFragment) {
  Fixture f;
  auto q = f.Find(
      "Vermutlich habe ein schwerer Komet die Bahn des Mondes gekreuzt, ihm einen „kräftigen Stoß“ gegeben und "
      "so die Kruste aufgerissen, sagte Maren Holt.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "Maren Holt") << "not the subject of the clause the fragment is in";
  q = f.Find(
      "Die genannte Summe sei „viel zu knapp bemessen“, da frühere Turniere das Doppelte gekostet hätten, so die "
      "UEFA.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].speaker, "UEFA");
}

TEST(AttributionDe, APhraseOfCapitalisedWordsOnlyIsAName) {
  Fixture f;
  auto q = f.Find(
      "Die Umweltministerin Anna Berg fordert vom Land einen „Flood Response Plan“, mit dem die Dörfer "
      "vorbereitet werden sollen. Sie nannte die bisherige Planung „völlig unzureichend“.");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "völlig unzureichend");
}

}  // namespace
}  // namespace newsmon
