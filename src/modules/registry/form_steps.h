#pragma once

#include <string>
#include <vector>

#include "http/forms.h"
#include "modules/reference/service.h"

namespace peduli::registry {

// The steps of the Lapor Diri form. Each works without JavaScript: choices that depend on
// an earlier answer (a country's states, a category's fields) come on a later step.
struct Step {
  std::string slug;       // "identitas"
  std::string title_key;  // catalog key
};

const std::vector<Step>& Steps();
// -1 when unknown.
int StepIndex(const std::string& slug);

// The fields of a step, given the answers so far (`values`, flat JSON paths).
std::vector<http::Field> StepFields(const std::string& slug,
                                    const std::map<std::string, std::string>& values,
                                    const reference::ReferenceService& ref,
                                    const http::Catalog& c, const std::string& lang);

// Whether an error at `field` belongs on step `slug`.
bool FieldOnStep(const std::string& field, const std::string& slug);

}  // namespace peduli::registry
