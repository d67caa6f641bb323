#pragma once

#include <map>
#include <string>
#include <vector>

namespace peduli::http {

// UI text in Indonesian (default) and English, loaded from i18n/<lang>.json and the module
// catalogs i18n/<lang>/*.json: flat objects of key -> text; a key defined twice is an
// error. Immutable after Load, so safe to share between threads.
class Catalog {
 public:
  static const std::vector<std::string>& Languages();  // {"id", "en"}
  // Throws on a missing or malformed file: a start-up failure.
  void Load(const std::string& dir);
  // The text of `key` in `lang`; Indonesian when the language lacks it; the key itself
  // when no catalog has it (a test checks that none is missing).
  const std::string& Text(const std::string& lang, const std::string& key) const;
  bool Has(const std::string& lang, const std::string& key) const;
  const std::map<std::string, std::string>& All(const std::string& lang) const;
  // "id" or "en" for any input.
  static std::string Normalize(const std::string& lang);

 private:
  std::map<std::string, std::map<std::string, std::string>> texts_;
};

}  // namespace peduli::http
