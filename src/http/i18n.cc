#include "http/i18n.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace peduli::http {

const std::vector<std::string>& Catalog::Languages() {
  static const std::vector<std::string> kLangs = {"id", "en"};
  return kLangs;
}

std::string Catalog::Normalize(const std::string& lang) { return lang == "en" ? "en" : "id"; }

void Catalog::Load(const std::string& dir) {
  for (const auto& lang : Languages()) {
    std::ifstream in(dir + "/" + lang + ".json");
    if (!in) throw std::runtime_error("missing catalog " + dir + "/" + lang + ".json");
    auto j = nlohmann::json::parse(in);
    auto& m = texts_[lang];
    for (auto& [k, v] : j.items()) m[k] = v.get<std::string>();
  }
}

const std::string& Catalog::Text(const std::string& lang, const std::string& key) const {
  for (const auto& l : {Normalize(lang), std::string("id")}) {
    auto t = texts_.find(l);
    if (t == texts_.end()) continue;
    auto it = t->second.find(key);
    if (it != t->second.end()) return it->second;
  }
  thread_local std::string missing;
  missing = key;
  return missing;
}

bool Catalog::Has(const std::string& lang, const std::string& key) const {
  auto t = texts_.find(lang);
  return t != texts_.end() && t->second.count(key);
}

const std::map<std::string, std::string>& Catalog::All(const std::string& lang) const {
  static const std::map<std::string, std::string> kEmpty;
  auto t = texts_.find(Normalize(lang));
  return t == texts_.end() ? kEmpty : t->second;
}

}  // namespace peduli::http
