#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace peduli::registry {

// Normalises a phone number as typed to E.164 ("+60123456789") with libphonenumber.
// `default_region` (ISO 3166-1 alpha-2, any case) is how a number written in national form
// is read: the stay country for the phone abroad ("012-345 6789" in "MY"), "ID" for an
// emergency contact at home ("0812-3456-7890"). A number starting with "+" is read in its
// own country whatever the region; an empty or unknown region then does no harm.
// Returns Invalid with message "err.phone.invalid" (and no field: the caller knows where
// the number came from) when the text is empty, longer than 40 characters, contains
// letters, cannot be parsed, or is not a valid number for its country (IsValidNumber).
// Thread-safe.
Result<std::string> NormalizePhone(std::string_view raw, std::string_view default_region);

}  // namespace peduli::registry
