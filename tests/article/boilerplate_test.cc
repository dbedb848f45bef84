#include "article/boilerplate.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsmon::article {
namespace {

const std::string kProse =
    "The ministers met in the capital on Tuesday and agreed a timetable for the new pipeline, officials said.";

std::vector<std::string> Dropped(std::vector<std::string> body) {
  DropBoilerplateParagraphs(body);
  return body;
}

TEST(ArticleBoilerplate, AffiliateDisclosuresGoInEachLanguage) {
  const std::vector<std::string> expected = {kProse};
  EXPECT_EQ(Dropped({"We may earn a commission when you buy through links on our site.", kProse}), expected);
  EXPECT_EQ(Dropped({kProse, "This post contains affiliate links; see the disclosure page."}), expected);
  EXPECT_EQ(Dropped({"Dieser Artikel enthält Affiliate-Links. Wir erhalten eine Provision, wenn Sie kaufen.", kProse}),
            expected);
  EXPECT_EQ(Dropped({"В этой статье есть партнерские ссылки.", kProse}), expected);
  EXPECT_EQ(Dropped({kProse, "Deal pricing and availability subject to change after publication."}), expected);
}

TEST(ArticleBoilerplate, StoriesAboutCommissionsAndAffiliatesStay) {
  const std::vector<std::string> story = {
      "The European Commission said it would earn back the funds through new levies, and linked them to the "
      "sanctions package.",
      "Affiliate programs: sellers pay creators through affiliate links when viewers buy.",
      "The commission will meet again in March."};
  EXPECT_EQ(Dropped(story), story);
}

TEST(ArticleBoilerplate, SubscriptionBoxesNeedTwoCallsToAct) {
  const std::vector<std::string> expected = {kProse};
  EXPECT_EQ(Dropped({kProse, "Sign up for our weekly newsletter."}), expected);
  EXPECT_EQ(Dropped({kProse, "Already have an account? Log in"}), expected);
  EXPECT_EQ(Dropped({kProse, "Jetzt den Newsletter abonnieren und nichts verpassen."}), expected);
  EXPECT_EQ(Dropped({kProse, "Подпишитесь на нашу рассылку."}), expected);
  // One word of the vocabulary is a story about it.
  const std::vector<std::string> story = {kProse, "The paper's newsletter reached a million readers last year."};
  EXPECT_EQ(Dropped(story), story);
}

TEST(ArticleBoilerplate, ConsentTextUnderAFormGoes) {
  const std::vector<std::string> expected = {kProse};
  EXPECT_EQ(Dropped({kProse, "By signing up, you agree to receive text messages from the ferry desk."}), expected);
  EXPECT_EQ(Dropped({kProse, "Mit dem Absenden stimmen Sie der Datenschutzerklärung zu."}), expected);
  EXPECT_EQ(Dropped({kProse, "Нажимая кнопку, вы соглашаетесь с условиями."}), expected);
  // A story's own "by clicking" is no consent.
  const std::vector<std::string> story = {kProse, "By clicking the map, readers can see every ferry route."};
  EXPECT_EQ(Dropped(story), story);
}

TEST(ArticleBoilerplate, CopyrightLinesAndAdLabelsGo) {
  const std::vector<std::string> expected = {kProse, kProse};
  EXPECT_EQ(Dropped({kProse, "Advertisement", kProse, "Copyright © 2026 Example Media. All rights reserved."}),
            expected);
  EXPECT_EQ(Dropped({"Anzeige", kProse, kProse, "© 2026 Beispiel Verlag"}), expected);
  // A heading about copyright is not a copyright line.
  const std::vector<std::string> story = {"Copyright law after the ruling", kProse};
  EXPECT_EQ(Dropped(story), story);
}

TEST(ArticleBoilerplate, ListLabelsGoOnlyAtTheEnd) {
  EXPECT_EQ(Dropped({kProse, "Related topics:", "Share this"}), std::vector<std::string>{kProse});
  EXPECT_EQ(Dropped({kProse, "Mehr zum Thema"}), std::vector<std::string>{kProse});
  EXPECT_EQ(Dropped({kProse, "Further reading"}), std::vector<std::string>{kProse});
  EXPECT_EQ(Dropped({kProse, "Читайте также"}), std::vector<std::string>{kProse});
  const std::vector<std::string> middle = {kProse, "Tags", kProse};
  EXPECT_EQ(Dropped(middle), middle);
}

TEST(ArticleBoilerplate, ATeaserListAfterTheStoryGoesWithItsLabel) {
  const std::vector<std::string> story = {kProse, kProse, kProse, kProse};
  std::vector<std::string> page = story;
  for (const char* p : {"Read This Next", "Harbour Ferries Return", "The old ferry line reopens in spring.",
                        "A Week on the Coast", "Five towns worth the detour this summer."}) {
    page.emplace_back(p);
  }
  EXPECT_EQ(Dropped(page), story);
  // Long paragraphs after the label are the story going on, not teasers.
  std::vector<std::string> continued = story;
  continued.emplace_back("Related");
  continued.push_back(kProse + " " + kProse + " " + kProse + " " + kProse);
  EXPECT_EQ(Dropped(continued), continued);
  // Early in the body, a label is a subheading.
  std::vector<std::string> early = {kProse, "Recommended", "Short answer first.", kProse, kProse, kProse, kProse};
  EXPECT_EQ(Dropped(early), early);
}

TEST(ArticleBoilerplate, AReferenceListAfterTheStoryGoesWithItsLabel) {
  const std::vector<std::string> story = {kProse, kProse, kProse, kProse};
  std::vector<std::string> page = story;
  for (const char* p : {"References", "Berg K, et al. (2021). Ferry timetables and commuter choice. Transport Review.",
                        "Harbour Board. Annual report. https://harbour.example/report. Accessed 3 May 2026.",
                        "Lind A. Pipelines and ports. University Press, 2019."}) {
    page.emplace_back(p);
  }
  EXPECT_EQ(Dropped(page), story);
  std::vector<std::string> german = story;
  for (const char* p : {"Quellen:", "Hafenamt: Jahresbericht 2025, abgerufen am 3. Mai 2026."}) german.emplace_back(p);
  EXPECT_EQ(Dropped(german), story);
  // A "Sources" section in prose (who was asked) is part of the story.
  std::vector<std::string> prose = story;
  for (const char* p : {"Sources", "The harbour master, who has run the port for a decade, spoke to us by phone.",
                        "Two ferry captains described the new timetable as workable."}) {
    prose.emplace_back(p);
  }
  EXPECT_EQ(Dropped(prose), prose);
  // Early in the body, the label is a subheading.
  std::vector<std::string> early = {kProse, "Sources", "Census 2021 figures.", kProse, kProse, kProse, kProse};
  EXPECT_EQ(Dropped(early), early);
}

TEST(ArticleBoilerplate, TheBylineAuthorsBioAfterTheStoryGoes) {
  const std::vector<std::string> story = {kProse, kProse, kProse, kProse};
  const std::vector<std::string> authors = {"Mara Lindqvist"};
  auto with = [&](std::vector<std::string> tail) {
    std::vector<std::string> page = story;
    page.insert(page.end(), tail.begin(), tail.end());
    DropBoilerplateParagraphs(page, authors);
    return page;
  };
  EXPECT_EQ(with({"Mara Lindqvist is a senior editor who covers ports and shipping for the paper."}), story);
  EXPECT_EQ(with({"By Mara Lindqvist Mara Lindqvist has been writing about ferries since 2019."}), story);
  EXPECT_EQ(with({"Mara is a freelance writer based on the coast.", "Share this"}), story);
  // Someone else's bio, a story sentence about the author, and a bio in the
  // middle of the body stay.
  const std::vector<std::string> other = with({"Ann Lee is a senior editor who covers ports."});
  EXPECT_EQ(other.size(), story.size() + 1);
  const std::vector<std::string> told = with({"Mara Lindqvist asked the harbour master about the timetable."});
  EXPECT_EQ(told.size(), story.size() + 1);
  std::vector<std::string> middle = {kProse, "Mara Lindqvist is a senior editor.", kProse, kProse, kProse, kProse};
  std::vector<std::string> kept = middle;
  DropBoilerplateParagraphs(kept, authors);
  EXPECT_EQ(kept, middle);
  // A one-word byline is the outlet as often as a person.
  std::vector<std::string> outlet = story;
  outlet.emplace_back("Harbourside is a family-run shop on the coast.");
  std::vector<std::string> outlet_kept = outlet;
  DropBoilerplateParagraphs(outlet_kept, std::vector<std::string>{"Harbourside"});
  EXPECT_EQ(outlet_kept, outlet);
}

TEST(ArticleBoilerplate, PlaceholderTextGoes) {
  const std::vector<std::string> expected = {kProse, kProse};
  EXPECT_EQ(
      Dropped({kProse, "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.", kProse}),
      expected);
  const std::vector<std::string> story = {kProse, "Loremo Ipsen, the harbour master, spoke on Monday."};
  EXPECT_EQ(Dropped(story), story);
}

TEST(ArticleBoilerplate, NeverEmptiesABody) {
  const std::vector<std::string> only = {"Sign up for our newsletter."};
  EXPECT_EQ(Dropped(only), only);
  EXPECT_TRUE(Dropped({}).empty());
}

}  // namespace
}  // namespace newsmon::article
