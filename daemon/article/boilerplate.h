// Boilerplate that survives the structural pass because nothing in the
// markup marks it: modern pages style it with generated class names, so only
// its words give it away.
//
//   std::vector<std::string> body = ExtractBody(dom, options);
//   DropBoilerplateParagraphs(body);
//
// Dropped, in English, German and Russian:
//  * affiliate disclosures ("we may earn a commission from links on this
//    page"), and price notes ("pricing and availability subject to change");
//  * newsletter, subscription and log-in boxes: a short paragraph with two
//    different words of that vocabulary ("sign up" and "inbox");
//  * template placeholder text ("Lorem ipsum …");
//  * copyright lines, and the consent text under a form ("By signing up,
//    you agree to …");
//  * a lone "Advertisement" / "Anzeige" / "Реклама";
//  * labels of the lists that follow a story ("Related topics", "Mehr zum
//    Thema", "Читайте также"), when they end the body;
//  * a teaser list or a reference list after the story, with its label;
//  * the byline author's bio among the last three paragraphs.
// Each rule holds only for short paragraphs, so story prose that mentions a
// newsletter or a commission stays.
#pragma once

#include <span>
#include <string>
#include <vector>

namespace newsmon::article {

// `authors` are the byline's names: a bio of one of them among the last
// paragraphs ("Ann Lee is a senior editor who covers …") goes too.
void DropBoilerplateParagraphs(std::vector<std::string>& paragraphs, std::span<const std::string> authors = {});

}  // namespace newsmon::article
