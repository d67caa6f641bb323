#pragma once

#include <ctemplate/template.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "http/i18n.h"

namespace peduli::http {

using Option = std::pair<std::string, std::string>;  // value, label (already translated)

struct OptionGroup {
  std::string label;
  std::vector<Option> options;
};

// One input of a server-rendered form. `name` is the dotted JSON path used by the API
// and by field errors ("identity.nik"), so one validation serves both.
struct Field {
  std::string name;
  std::string label_key;
  std::string type = "text";  // text, email, password, date, tel, select, textarea
  std::vector<Option> options;
  std::vector<OptionGroup> groups;  // select with <optgroup>s
  std::string hint_key;
  std::string autocomplete;
  std::string inputmode;
  bool required = true;
  std::string maxlength;
};

// Field errors translated, keyed by field name.
std::map<std::string, std::string> TranslateErrors(const Error& e, const Catalog& c,
                                                   const std::string& lang);

// Fills `dict` (for http/templates/fields.tpl) with one FIELD section per field, each
// with its label, the value as typed and the error next to it.
void AddFields(ctemplate::TemplateDictionary* dict, const std::vector<Field>& fields,
               const std::map<std::string, std::string>& values,
               const std::map<std::string, std::string>& errors, const Catalog& c,
               const std::string& lang);

// Adds an include of fields.tpl named FIELDS to `dict` and fills it.
void IncludeFields(ctemplate::TemplateDictionary* dict, const std::vector<Field>& fields,
                   const std::map<std::string, std::string>& values,
                   const std::map<std::string, std::string>& errors, const Catalog& c,
                   const std::string& lang, const std::string& include_name = "FIELDS");

}  // namespace peduli::http
