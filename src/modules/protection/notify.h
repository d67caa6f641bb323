// Protection's messages through the outbox (issue 6, item 6): what is queued is decided in
// ProtectionService (notify.cc, in the step's transaction); the words are written when a
// message is sent, from the catalogs (i18n/<lang>/protection.json).
#pragma once

#include <string>

#include "http/i18n.h"
#include "modules/outbox/outbox.h"

namespace peduli::protection {

// Registers the renderers of the kinds "protection_step" (the reporter), "protection_duty"
// (the mission's duty officers) and "protection_referral" (a referral's receiver, or its
// referring mission). In the recipient's language ("id", "en"); for an unknown one
// (locale "") Indonesian with English below. `base_url` prefixes the links. Neither
// pointer is owned; both outlive the renderers.
void RegisterRenderers(outbox::Renderers& renderers, const http::Catalog* texts,
                       std::string base_url);

}  // namespace peduli::protection
