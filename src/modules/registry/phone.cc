#include "modules/registry/phone.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

namespace peduli::registry {
namespace {

Error PhoneInvalid() { return Error{Code::kInvalid, "err.phone.invalid", {}}; }

}  // namespace

Result<std::string> NormalizePhone(std::string_view raw, std::string_view default_region) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;

  // libphonenumber reads letters as a keypad ("0812-FLOWERS"); on this form a letter is a
  // typo, not a vanity number.
  if (raw.empty() || raw.size() > 40) return PhoneInvalid();
  for (char c : raw) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return PhoneInvalid();
  }

  std::string region;
  for (char c : default_region) {
    region.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  if (region.size() != 2) region = "ZZ";  // "unknown": only "+..." numbers parse

  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(raw), region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
    return PhoneInvalid();
  }
  if (!util.IsValidNumber(number)) return PhoneInvalid();
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

}  // namespace peduli::registry
