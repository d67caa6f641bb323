#pragma once

#include <nlohmann/json.hpp>

#include "http/router.h"

namespace peduli::http {

// An OpenAPI 3.0 document for every route of `router`: paths and methods from the routes
// themselves (so none can be missed), request and response schemas for the JSON API.
nlohmann::json OpenApiDocument(const Router& router, const std::string& server_url);

}  // namespace peduli::http
