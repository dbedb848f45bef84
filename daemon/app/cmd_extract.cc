// `newsmon extract`: owned by the article stage.
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli_io.h"
#include "app/commands.h"
#include "article/extractor.h"

namespace newsmon {

int ExtractCommand(const std::string& file, const std::string& url, const std::string& content_type) {
  auto bytes = ReadFile(file);
  if (!bytes) {
    std::cerr << "cannot read " << file << "\n";
    return 1;
  }
  auto article = ExtractArticle(*bytes, {url, content_type});
  if (!article) {
    std::cerr << file << ": " << article.error().message << "\n";
    return 1;
  }
  std::cout << ArticleToJson(*article) << "\n";
  return 0;
}

}  // namespace newsmon
