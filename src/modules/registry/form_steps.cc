#include "modules/registry/form_steps.h"

#include "modules/registry/model.h"

namespace peduli::registry {

const std::vector<Step>& Steps() {
  static const std::vector<Step> s = {
      {"identitas", "step.identity"}, {"paspor", "step.passport"},
      {"negara", "step.country"},     {"tempat-tinggal", "step.stay"},
      {"keluarga", "step.family"},    {"kontak-darurat", "step.emergency"},
      {"periksa", "step.review"},
  };
  return s;
}

int StepIndex(const std::string& slug) {
  for (size_t i = 0; i < Steps().size(); ++i) {
    if (Steps()[i].slug == slug) return static_cast<int>(i);
  }
  return -1;
}

namespace {

std::vector<http::Option> Choices(const std::vector<std::string>& values, const std::string& prefix,
                                  const http::Catalog& c, const std::string& lang) {
  std::vector<http::Option> out;
  for (const auto& v : values) out.emplace_back(v, c.Text(lang, prefix + v));
  return out;
}

http::Field Date(std::string name, std::string label, bool required = true) {
  return {.name = std::move(name), .label_key = std::move(label), .type = "date",
          .hint_key = "hint.date", .required = required};
}

}  // namespace

bool FieldOnStep(const std::string& field, const std::string& slug) {
  auto starts = [&](const char* p) { return field.rfind(p, 0) == 0; };
  if (slug == "identitas") return starts("identity.");
  if (slug == "paspor") return starts("passport.");
  if (slug == "negara") return field == "stay.country" || field == "stay.category";
  if (slug == "tempat-tinggal") {
    return starts("stay.") && field != "stay.country" && field != "stay.category";
  }
  if (slug == "keluarga") return starts("family");
  if (slug == "kontak-darurat") return starts("emergency_contact.");
  return false;
}

std::vector<http::Field> StepFields(const std::string& slug,
                                    const std::map<std::string, std::string>& values,
                                    const reference::ReferenceService& ref,
                                    const http::Catalog& c, const std::string& lang) {
  auto value = [&](const std::string& k) {
    auto it = values.find(k);
    return it == values.end() ? std::string() : it->second;
  };
  std::vector<http::Field> f;
  if (slug == "identitas") {
    http::Field regency{.name = "identity.origin_regency", .label_key = "identity.origin_regency",
                        .type = "select", .hint_key = "hint.origin_regency"};
    for (const auto& p : ref.Provinces()) {
      http::OptionGroup g{p.name, {}};
      for (const auto& r : ref.RegenciesOf(p.code)) g.options.emplace_back(r.code, r.name);
      regency.groups.push_back(std::move(g));
    }
    f = {
        {.name = "identity.full_name", .label_key = "identity.full_name",
         .hint_key = "hint.full_name", .autocomplete = "name", .maxlength = "100"},
        {.name = "identity.nik", .label_key = "identity.nik", .hint_key = "hint.nik",
         .autocomplete = "off", .inputmode = "numeric", .maxlength = "16"},
        {.name = "identity.birth_place", .label_key = "identity.birth_place"},
        Date("identity.birth_date", "identity.birth_date"),
        {.name = "identity.sex", .label_key = "identity.sex", .type = "select",
         .options = Choices({"L", "P"}, "sex.", c, lang)},
        {.name = "identity.marital_status", .label_key = "identity.marital_status",
         .type = "select", .options = Choices(kMaritalStatuses, "marital.", c, lang)},
        {.name = "identity.occupation", .label_key = "identity.occupation"},
        {.name = "identity.education", .label_key = "identity.education", .type = "select",
         .options = Choices(kEducationLevels, "education.", c, lang)},
        std::move(regency),
    };
  } else if (slug == "paspor") {
    f = {
        {.name = "passport.number", .label_key = "passport.number", .hint_key = "hint.passport",
         .autocomplete = "off", .maxlength = "9"},
        Date("passport.issue_date", "passport.issue_date"),
        Date("passport.expiry_date", "passport.expiry_date"),
        {.name = "passport.office", .label_key = "passport.office", .hint_key = "hint.passport_office"},
    };
  } else if (slug == "negara") {
    http::Field country{.name = "stay.country", .label_key = "stay.country", .type = "select"};
    for (const auto& ct : ref.CountriesByName(lang)) {
      if (ct.code == "ID") continue;
      country.options.emplace_back(ct.code, lang == "en" ? ct.name_en : ct.name_id);
    }
    f = {std::move(country),
         {.name = "stay.category", .label_key = "stay.category", .type = "select",
          .options = Choices(kCategories, "category.", c, lang), .hint_key = "hint.category"}};
  } else if (slug == "tempat-tinggal") {
    const std::string country = value("stay.country");
    if (ref.HasSubdivisions(country)) {
      http::Field sub{.name = "stay.subdivision", .label_key = "stay.subdivision", .type = "select"};
      for (const auto& s : ref.SubdivisionsOf(country)) sub.options.emplace_back(s.code, s.name);
      f.push_back(std::move(sub));
    }
    f.push_back({.name = "stay.city", .label_key = "stay.city", .autocomplete = "address-level2"});
    f.push_back({.name = "stay.address", .label_key = "stay.address", .type = "textarea",
                 .autocomplete = "street-address"});
    f.push_back({.name = "stay.phone", .label_key = "stay.phone", .type = "tel",
                 .hint_key = "hint.phone", .autocomplete = "tel"});
    f.push_back(Date("stay.arrival_date", "stay.arrival_date"));
    f.push_back(Date("stay.expected_end_date", "stay.expected_end_date", false));
    const std::string cat = value("stay.category");
    if (cat == "pmi") {
      f.push_back({.name = "stay.pmi.employer_name", .label_key = "pmi.employer_name"});
      f.push_back({.name = "stay.pmi.employer_address", .label_key = "pmi.employer_address",
                   .type = "textarea"});
      f.push_back({.name = "stay.pmi.sector", .label_key = "pmi.sector", .type = "select",
                   .options = Choices({"formal", "informal"}, "sector.", c, lang),
                   .hint_key = "hint.sector"});
      f.push_back({.name = "stay.pmi.agency", .label_key = "pmi.agency"});
      f.push_back(Date("stay.pmi.contract_end_date", "pmi.contract_end_date"));
    } else if (cat == "student") {
      f.push_back({.name = "stay.student.institution", .label_key = "student.institution"});
      f.push_back({.name = "stay.student.programme", .label_key = "student.programme"});
    } else if (cat == "crew") {
      http::Field flag{.name = "stay.crew.flag_state", .label_key = "crew.flag_state", .type = "select"};
      for (const auto& ct : ref.CountriesByName(lang)) {
        flag.options.emplace_back(ct.code, lang == "en" ? ct.name_en : ct.name_id);
      }
      f.push_back({.name = "stay.crew.vessel_name", .label_key = "crew.vessel_name"});
      f.push_back(std::move(flag));
      f.push_back({.name = "stay.crew.manning_agency", .label_key = "crew.manning_agency"});
    }
  } else if (slug == "kontak-darurat") {
    f = {
        {.name = "emergency_contact.name", .label_key = "emergency.name"},
        {.name = "emergency_contact.relation", .label_key = "emergency.relation",
         .hint_key = "hint.emergency_relation"},
        {.name = "emergency_contact.phone", .label_key = "emergency.phone", .type = "tel",
         .hint_key = "hint.emergency_phone", .autocomplete = "off"},
    };
  } else if (slug == "keluarga") {
    size_t rows = 0;
    while (values.count("family." + std::to_string(rows) + ".name")) ++rows;
    for (size_t i = 0; i <= rows; ++i) {  // the rows so far, and one empty row to add
      std::string p = "family." + std::to_string(i) + ".";
      bool blank = i == rows;
      f.push_back({.name = p + "name", .label_key = "family.name", .required = !blank});
      f.push_back({.name = p + "relation", .label_key = "family.relation", .type = "select",
                   .options = Choices(kFamilyRelations, "relation.", c, lang), .required = !blank});
      f.push_back(Date(p + "birth_date", "family.birth_date", !blank));
      f.push_back({.name = p + "nik", .label_key = "family.nik", .hint_key = "hint.family_nik",
                   .inputmode = "numeric", .required = false, .maxlength = "16"});
    }
  }
  return f;
}

}  // namespace peduli::registry
