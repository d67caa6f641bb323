#include "http/forms.h"

namespace peduli::http {

std::map<std::string, std::string> TranslateErrors(const Error& e, const Catalog& c,
                                                   const std::string& lang) {
  std::map<std::string, std::string> out;
  for (const auto& f : e.fields) {
    auto& slot = out[f.field];
    if (slot.empty()) slot = c.Text(lang, f.key);  // the first error of a field is shown
  }
  return out;
}

namespace {
std::string IdOf(const std::string& name) {
  std::string id = "f-" + name;
  for (auto& ch : id) {
    if (ch == '.') ch = '-';
  }
  return id;
}
}  // namespace

void AddFields(ctemplate::TemplateDictionary* dict, const std::vector<Field>& fields,
               const std::map<std::string, std::string>& values,
               const std::map<std::string, std::string>& errors, const Catalog& c,
               const std::string& lang) {
  for (const auto& f : fields) {
    auto* d = dict->AddSectionDictionary("FIELD");
    const std::string id = IdOf(f.name);
    auto v = values.find(f.name);
    const std::string value = v == values.end() ? "" : v->second;
    d->SetValue("ID", id);
    d->SetValue("NAME", f.name);
    d->SetValue("LABEL", c.Text(lang, f.label_key));
    d->SetValue("VALUE", value);
    if (f.required) d->ShowSection("REQUIRED");
    if (!f.hint_key.empty()) d->SetValueAndShowSection("HINT", c.Text(lang, f.hint_key), "HAS_HINT");
    if (!f.autocomplete.empty()) d->SetValueAndShowSection("AUTOCOMPLETE", f.autocomplete, "HAS_AUTOCOMPLETE");
    if (!f.inputmode.empty()) d->SetValueAndShowSection("INPUTMODE", f.inputmode, "HAS_INPUTMODE");
    if (!f.maxlength.empty()) d->SetValueAndShowSection("MAXLENGTH", f.maxlength, "HAS_MAXLENGTH");
    auto e = errors.find(f.name);
    if (e != errors.end()) {
      d->SetValueAndShowSection("ERROR", e->second, "HAS_ERROR");
      d->ShowSection("INVALID");
    }
    if (f.type == "select") {
      auto* s = d->AddSectionDictionary("DROPDOWN");
      auto add = [&](ctemplate::TemplateDictionary* parent, const Option& o) {
        auto* od = parent->AddSectionDictionary("OPTION");
        od->SetValue("VALUE", o.first);
        od->SetValue("LABEL", o.second);
        if (o.first == value) od->ShowSection("CHOSEN");
      };
      for (const auto& o : f.options) add(s, o);
      for (const auto& g : f.groups) {
        auto* gd = s->AddSectionDictionary("GROUP");
        gd->SetValue("LABEL", g.label);
        for (const auto& o : g.options) add(gd, o);
      }
    } else if (f.type == "textarea") {
      d->ShowSection("TEXTAREA");
    } else {
      d->SetValueAndShowSection("TYPE", f.type, "INPUT");
    }
  }
}

void IncludeFields(ctemplate::TemplateDictionary* dict, const std::vector<Field>& fields,
                   const std::map<std::string, std::string>& values,
                   const std::map<std::string, std::string>& errors, const Catalog& c,
                   const std::string& lang, const std::string& include_name) {
  auto* inc = dict->AddIncludeDictionary(include_name);
  inc->SetFilename("http/templates/fields.tpl");
  AddFields(inc, fields, values, errors, c, lang);
}

}  // namespace peduli::http
