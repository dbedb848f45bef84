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
//  * copyright lines;
//  * a lone "Advertisement" / "Anzeige" / "Реклама";
//  * labels of the lists that follow a story ("Related topics", "Mehr zum
//    Thema", "Читайте также"), when they end the body.
// Each rule holds only for short paragraphs, so story prose that mentions a
// newsletter or a commission stays.
#pragma once

#include <string>
#include <vector>

namespace newsmon::article {

void DropBoilerplateParagraphs(std::vector<std::string>& paragraphs);

}  // namespace newsmon::article
