// Every template escapes: rendered with <script> in every value it names, none survives.
// Every catalog text a template uses exists in both languages.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "http/i18n.h"
#include "http/templates.h"

namespace peduli::http {
namespace {

const std::string kRoot = std::string(PEDULI_SOURCE_DIR) + "/src";
const std::string kHostile = "<script>alert(\"x\")</script>'\" onmouseover=alert(1) javascript:alert(1)";

std::vector<std::string> AllTemplates() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(kRoot)) {
    if (e.path().extension() == ".tpl") {
      out.push_back(std::filesystem::relative(e.path(), kRoot).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Read(const std::string& rel) {
  std::ifstream in(kRoot + "/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Fills `d` for template `rel`: every variable gets the hostile value, every section is
// shown (and given one hostile dictionary), every include points at a template that
// exists, filled the same way.
void FillHostile(ctemplate::TemplateDictionary* d, const std::string& rel, int depth) {
  std::string text = Read(rel);
  static const std::regex marker(R"(\{\{([#>]?)([A-Za-z_][A-Za-z0-9_]*)\}\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), marker); it != std::sregex_iterator(); ++it) {
    std::string kind = (*it)[1], name = (*it)[2];
    if (kind == "#") {
      d->AddSectionDictionary(name)->SetValue("UNUSED", "");
      d->ShowSection(name);
    } else if (kind == ">") {
      if (depth > 2) continue;
      auto* inc = d->AddIncludeDictionary(name);
      std::string file = name == "CONTENT" ? "http/templates/error.tpl" : "http/templates/fields.tpl";
      inc->SetFilename(file);
      FillHostile(inc, file, depth + 1);
    } else {
      d->SetValue(name, kHostile);
    }
  }
  // Values inside sections are looked up in the section's dictionary first.
  d->SetTemplateGlobalValue("VALUE", kHostile);
  d->SetTemplateGlobalValue("LABEL", kHostile);
  d->SetTemplateGlobalValue("NAME", kHostile);
}

TEST(TemplatesTest, EveryTemplateDeclaresAutoescape) {
  auto all = AllTemplates();
  ASSERT_GE(all.size(), 15u);
  for (const auto& t : all) {
    EXPECT_EQ(Read(t).rfind("{{%AUTOESCAPE context=\"HTML\"}}", 0), 0u) << t;
  }
}

TEST(TemplatesTest, HostileValuesAreEscapedEverywhere) {
  Catalog c;
  c.Load(std::string(PEDULI_SOURCE_DIR) + "/i18n");
  Templates t(kRoot, &c);
  for (const auto& rel : AllTemplates()) {
    ctemplate::TemplateDictionary d("test");
    FillHostile(&d, rel, 0);
    std::string out = t.Expand(rel, d);
    EXPECT_EQ(out.find("<script>alert"), std::string::npos) << rel;
    EXPECT_EQ(out.find("\" onmouseover"), std::string::npos) << rel;
    EXPECT_EQ(out.find("'\" onmouseover"), std::string::npos) << rel;
  }
}

TEST(CatalogTest, EveryTextATemplateUsesExistsInBothLanguages) {
  Catalog c;
  c.Load(std::string(PEDULI_SOURCE_DIR) + "/i18n");
  std::set<std::string> vars_with_text;
  for (const auto& lang : Catalog::Languages()) {
    for (const auto& [k, v] : c.All(lang)) {
      if (lang == "id") vars_with_text.insert(TextVar(k));
      EXPECT_FALSE(v.empty()) << lang << " " << k;
      EXPECT_TRUE(c.Has(lang == "id" ? "en" : "id", k)) << "only in " << lang << ": " << k;
    }
  }
  static const std::regex var(R"(\{\{(T_[A-Za-z0-9_]+)\}\})");
  for (const auto& rel : AllTemplates()) {
    std::string text = Read(rel);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), var); it != std::sregex_iterator(); ++it) {
      EXPECT_TRUE(vars_with_text.count((*it)[1])) << rel << " uses " << (*it)[1] << " with no text";
    }
  }
}

}  // namespace
}  // namespace peduli::http
