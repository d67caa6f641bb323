#include "http/i18n.h"

#include <algorithm>
#include <filesystem>
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
  namespace fs = std::filesystem;
  for (const auto& lang : Languages()) {
    // The shared catalog, then one file per module under <lang>/, in name order.
    std::vector<std::string> files = {dir + "/" + lang + ".json"};
    std::vector<std::string> parts;
    if (fs::is_directory(dir + "/" + lang)) {
      for (const auto& e : fs::directory_iterator(dir + "/" + lang)) {
        if (e.path().extension() == ".json") parts.push_back(e.path().string());
      }
    }
    std::sort(parts.begin(), parts.end());
    files.insert(files.end(), parts.begin(), parts.end());
    auto& m = texts_[lang];
    for (const auto& file : files) {
      std::ifstream in(file);
      if (!in) throw std::runtime_error("missing catalog " + file);
      auto j = nlohmann::json::parse(in);
      for (auto& [k, v] : j.items()) {
        if (!m.emplace(k, v.get<std::string>()).second) {
          throw std::runtime_error("catalog key defined twice: " + k + " in " + file);
        }
      }
    }
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
