#include "http/templates.h"

#include <ctemplate/template_emitter.h>
#include <ctemplate/template_modifiers.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

namespace peduli::http {

std::string EscapeHtml(const std::string& text) {
  std::string out;
  ctemplate::StringEmitter emitter(&out);
  ctemplate::html_escape.Modify(text.data(), text.size(), nullptr, &emitter, "");
  return out;
}

std::string TextVar(const std::string& key) {
  std::string v = "T_" + key;
  for (auto& c : v) {
    if (c == '.' || c == '-') c = '_';
  }
  return v;
}

Templates::Templates(std::string root, const Catalog* catalog)
    : root_(std::move(root)), catalog_(catalog) {
  ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(root_);
  static const std::regex kVar(R"(\{\{(T_[A-Za-z0-9_]+)\}\})");
  if (!std::filesystem::is_directory(root_)) return;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root_)) {
    if (e.path().extension() != ".tpl") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str(), rel = std::filesystem::relative(e.path(), root_).string();
    std::set<std::string> vars;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kVar); it != std::sregex_iterator(); ++it) {
      vars.insert((*it)[1]);
    }
    for (const auto& lang : Catalog::Languages()) {
      Texts& texts = used_[lang][rel];
      for (const auto& [key, value] : catalog_->All(lang)) {
        if (vars.count(TextVar(key))) texts.emplace_back(TextVar(key), &value);
      }
    }
  }
}

void Templates::SetTextsFor(ctemplate::TemplateDictionary* dict, const std::string& lang,
                            std::initializer_list<const std::string*> files) const {
  auto l = used_.find(Catalog::Normalize(lang));
  if (l == used_.end()) return;
  for (const std::string* f : files) {
    auto t = l->second.find(*f);
    if (t == l->second.end()) continue;
    for (const auto& [var, text] : t->second) dict->SetTemplateGlobalValue(var, *text);
  }
}

std::string Templates::Expand(const std::string& file,
                              const ctemplate::TemplateDictionary& dict) const {
  std::string out;
  if (!ctemplate::ExpandTemplate(file, ctemplate::STRIP_BLANK_LINES, &dict, &out)) {
    throw std::runtime_error("template failed to load or expand: " + file);
  }
  return out;
}

void Templates::SetTexts(ctemplate::TemplateDictionary* dict, const std::string& lang) const {
  for (const auto& [k, v] : catalog_->All(lang)) dict->SetTemplateGlobalValue(TextVar(k), v);
}

Page::Page(const Templates& t, const Request& req, const std::string& title_key,
           const std::string& content_file)
    : t_(t), root_("page") {
  static const std::string kLayout = "http/templates/layout.tpl";
  static const std::string kFields = "http/templates/fields.tpl";
  t.SetTextsFor(&root_, req.lang, {&kLayout, &content_file, &kFields});
  root_.SetTemplateGlobalValue("LANG", req.lang);
  root_.SetTemplateGlobalValue("CSRF", req.csrf);
  root_.SetTemplateGlobalValue("PATH", req.path);
  // htmx: boosted links and forms; pages with field errors (422) and conflicts (409) are
  // shown like any page; nothing of a page is kept in localStorage; no eval, no inline
  // styles (the CSP forbids both).
  static const std::string kHtmxConfig =
      R"({"historyCacheSize":0,"refreshOnHistoryMiss":true,"allowEval":false,)"
      R"("includeIndicatorStyles":false,"attributesToSettle":["class","width","height"],)"
      R"("responseHandling":[{"code":"204","swap":false},)"
      R"({"code":"[2345]..","swap":true}]})";
  root_.SetValue("HTMX_CONFIG", kHtmxConfig);
  root_.SetValue("TITLE", t.catalog().Text(req.lang, title_key));
  root_.ShowSection(req.lang == "en" ? "LANG_EN" : "LANG_ID");
  if (req.principal) {
    auto* s = root_.AddSectionDictionary("SIGNED_IN");
    s->SetValue("NAME", req.principal->name);
    const std::string& role = req.principal->role;
    if (role == "citizen") root_.ShowSection("CITIZEN");
    if (role == "officer" || role == "supervisor" || role == "hq" || role == "hq_admin") {
      root_.ShowSection("CONSOLE");
    }
    if (role == "supervisor" || role == "hq_admin") root_.ShowSection("ADMIN");
    if (role == "dpo") root_.ShowSection("AUDIT");
  } else {
    root_.ShowSection("SIGNED_OUT");
  }
  content_ = root_.AddIncludeDictionary("CONTENT");
  content_->SetFilename(content_file);
}

void Page::Flash(const std::string& text, bool error) {
  auto* f = root_.AddSectionDictionary("FLASH");
  f->SetValue("TEXT", text);
  f->SetValue("ROLE", error ? "alert" : "status");
  if (error) f->ShowSection("FLASH_ERROR");
}

Response Page::Finish(int status) {
  return Response::Html(t_.Expand("http/templates/layout.tpl", root_), status);
}

}  // namespace peduli::http
