#pragma once

#include <ctemplate/template.h>

#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "http/i18n.h"
#include "http/message.h"

namespace peduli::http {

// ctemplate files under `root` (the repository's src/), every one starting with
// {{%AUTOESCAPE context="HTML"}}. Catalog texts are template-global values named
// T_<key with '.' as '_'>, so "step.identity" is {{T_step_identity}} in any template.
class Templates {
 public:
  Templates(std::string root, const Catalog* catalog);
  const Catalog& catalog() const { return *catalog_; }
  // Expands one template with `dict`; throws std::runtime_error when it does not load.
  std::string Expand(const std::string& file, const ctemplate::TemplateDictionary& dict) const;
  // Sets every catalog text of `lang` as a template-global value of `dict`.
  void SetTexts(ctemplate::TemplateDictionary* dict, const std::string& lang) const;
  // Sets only the texts the given template files use (a page sets a few dozen, not all).
  void SetTextsFor(ctemplate::TemplateDictionary* dict, const std::string& lang,
                   std::initializer_list<const std::string*> files) const;

 private:
  using Texts = std::vector<std::pair<std::string, const std::string*>>;  // variable, text
  std::string root_;
  const Catalog* catalog_;
  // Per language and template file (relative to root): the texts it names. Built once.
  std::map<std::string, std::map<std::string, Texts>> used_;
};

// One HTML page: the layout (http/templates/layout.tpl) around a content template.
class Page {
 public:
  Page(const Templates& t, const Request& req, const std::string& title_key,
       const std::string& content_file);
  // The content template's dictionary (catalog texts are visible in it too).
  ctemplate::TemplateDictionary& content() { return *content_; }
  // Shows an alert box at the top of the page.
  void Flash(const std::string& text, bool error = false);
  Response Finish(int status = 200);

 private:
  const Templates& t_;
  ctemplate::TemplateDictionary root_;
  ctemplate::TemplateDictionary* content_;
};

// Variable name for a catalog key: "step.identity" -> "T_step_identity".
std::string TextVar(const std::string& key);

// Text escaped for HTML or SVG content and quoted attributes, by ctemplate's own html_escape
// (the same escaping AUTOESCAPE gives template variables): for markup built in code, such
// as the inline SVG of a QR code or the statistics map.
std::string EscapeHtml(const std::string& text);

}  // namespace peduli::http
