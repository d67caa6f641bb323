#include "http/openapi.h"

namespace peduli::http {

using nlohmann::json;

namespace {

json Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

json JsonContent(const json& schema) { return {{"application/json", {{"schema", schema}}}}; }

json Str(const std::string& desc = "") {
  json s = {{"type", "string"}};
  if (!desc.empty()) s["description"] = desc;
  return s;
}

json DateStr() { return {{"type", "string"}, {"format", "date"}}; }

json Object(const json& props, const std::vector<std::string>& required = {}) {
  json o = {{"type", "object"}, {"properties", props}};
  if (!required.empty()) o["required"] = required;
  return o;
}

json Schemas() {
  json s;
  s["Errors"] = Object(
      {{"errors", {{"type", "array"},
                   {"items", Object({{"field", {{"type", "string"}, {"nullable", true}}},
                                     {"code", Str("machine-readable message key")},
                                     {"message", Str("in the user's language")}})}}},
       {"request_id", Str()}},
      {"errors"});
  s["Identity"] = Object({{"nik", Str("16 digits")}, {"full_name", Str()}, {"birth_place", Str()},
                          {"birth_date", DateStr()}, {"sex", {{"type", "string"}, {"enum", {"L", "P"}}}},
                          {"marital_status", {{"type", "string"},
                                              {"enum", {"belum_kawin", "kawin", "cerai_hidup", "cerai_mati"}}}},
                          {"occupation", Str()}, {"education", Str()},
                          {"origin_regency", Str("idn-area-data regency code, e.g. 32.73")}});
  s["Passport"] = Object({{"number", Str()}, {"issue_date", DateStr()}, {"expiry_date", DateStr()},
                          {"office", Str()}});
  s["Stay"] = Object(
      {{"country", Str("ISO 3166-1 alpha-2")}, {"subdivision", Str("ISO 3166-2, e.g. MY-12")},
       {"city", Str()}, {"address", Str()}, {"phone", Str("stored as E.164")},
       {"arrival_date", DateStr()}, {"expected_end_date", DateStr()},
       {"category", {{"type", "string"},
                     {"enum", {"pmi", "student", "crew", "resident", "family", "visitor", "other"}}}},
       {"pmi", Object({{"employer_name", Str()}, {"employer_address", Str()},
                       {"sector", {{"type", "string"}, {"enum", {"formal", "informal"}}}},
                       {"agency", Str()}, {"contract_end_date", DateStr()}})},
       {"student", Object({{"institution", Str()}, {"programme", Str()}})},
       {"crew", Object({{"vessel_name", Str()}, {"flag_state", Str()}, {"manning_agency", Str()}})}});
  s["FamilyMember"] = Object({{"name", Str()}, {"relation", Str()}, {"birth_date", DateStr()},
                              {"nik", Str()}});
  s["EmergencyContact"] = Object({{"name", Str()}, {"relation", Str()}, {"phone", Str()}});
  s["LaporDiri"] = Object({{"identity", Ref("Identity")}, {"passport", Ref("Passport")},
                           {"stay", Ref("Stay")},
                           {"family", {{"type", "array"}, {"items", Ref("FamilyMember")}}},
                           {"emergency_contact", Ref("EmergencyContact")}},
                          {"identity", "passport", "stay", "emergency_contact"});
  json record = s["LaporDiri"];
  record["properties"]["registration_number"] = Str();
  record["properties"]["status"] = {{"type", "string"}, {"enum", {"active", "returned", "deleted"}}};
  record["properties"]["flags"] = {{"type", "array"}, {"items", Str()}};
  record["properties"]["mission"] = Object({{"code", Str()}, {"name", Str()}});
  record["properties"]["stays"] = {{"type", "array"}, {"items", Ref("Stay")}};
  s["LaporDiriRecord"] = record;
  return s;
}

// Request bodies and success responses of the JSON routes, by "METHOD path".
void Describe(const std::string& key, json& op) {
  auto body = [&](const json& schema) {
    op["requestBody"] = {{"required", true}, {"content", JsonContent(schema)}};
  };
  auto ok = [&](int status, const std::string& desc, const json& schema = nullptr) {
    json r = {{"description", desc}};
    if (!schema.is_null()) r["content"] = JsonContent(schema);
    op["responses"][std::to_string(status)] = r;
  };
  if (key == "POST /api/v1/accounts") {
    body(Object({{"email", Str()}, {"password", Str()}, {"name", Str()}}, {"email", "password", "name"}));
    ok(201, "Created; verification mail sent", Object({{"id", {{"type", "integer"}}}}));
  } else if (key == "POST /api/v1/accounts/verify") {
    body(Object({{"token", Str()}}, {"token"}));
    ok(200, "Verified", Object({{"verified", {{"type", "boolean"}}}}));
  } else if (key == "POST /api/v1/sessions") {
    body(Object({{"email", Str()}, {"password", Str()}}, {"email", "password"}));
    ok(201, "Signed in", Object({{"token", Str()}, {"expires_at", {{"type", "integer"}}}}));
  } else if (key == "PUT /api/v1/me/lapor-diri") {
    body(Ref("LaporDiri"));
    ok(201, "Created", Ref("LaporDiriRecord"));
    ok(200, "Updated", Ref("LaporDiriRecord"));
    op["responses"]["409"] = {{"description", "The NIK belongs to another account"},
                              {"content", JsonContent(Ref("Errors"))}};
  } else if (key == "GET /api/v1/me/lapor-diri") {
    ok(200, "The record", Ref("LaporDiriRecord"));
  } else if (key == "POST /api/v1/me/lapor-diri/return") {
    body(Object({{"date", DateStr()}}, {"date"}));
    ok(200, "Stay ended", Ref("LaporDiriRecord"));
  } else if (key == "GET /api/v1/me/lapor-diri/receipt.pdf") {
    op["responses"]["200"] = {{"description", "PDF"},
                              {"content", {{"application/pdf", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
  } else if (key == "GET /api/v1/me/export" || key == "GET /api/v1/verify/{code}" ||
             key == "DELETE /api/v1/me") {
    ok(200, "OK", {{"type", "object"}});
  } else if (key == "DELETE /api/v1/sessions/current") {
    op["responses"]["204"] = {{"description", "Signed out"}};
  } else if (key == "GET /metrics") {
    op["responses"]["200"] = {{"description", "Prometheus text"},
                              {"content", {{"text/plain", {{"schema", Str()}}}}}};
  } else if (key.rfind("GET /api/", 0) == 0 || key == "GET /healthz") {
    ok(200, "OK", {{"type", "object"}});
  } else if (key.rfind("GET ", 0) == 0) {
    op["responses"]["200"] = {{"description", "HTML page"},
                              {"content", {{"text/html", {{"schema", Str()}}}}}};
  } else {
    op["requestBody"] = {{"content", {{"application/x-www-form-urlencoded",
                                       {{"schema", {{"type", "object"}}}}}}}};
    op["responses"]["303"] = {{"description", "Redirect after a successful form post"}};
    op["responses"]["200"] = {{"description", "HTML page (form with errors: 422)"},
                              {"content", {{"text/html", {{"schema", Str()}}}}}};
  }
}

}  // namespace

json OpenApiDocument(const Router& router, const std::string& server_url) {
  json doc = {
      {"openapi", "3.0.3"},
      {"info", {{"title", "Peduli WNI"}, {"version", "1.0.0"},
                {"description", "Portal for Indonesian citizens abroad: Lapor Diri and more."},
                {"license", {{"name", "Proprietary"}, {"url", "https://kemlu.go.id"}}}}},
      {"servers", {{{"url", server_url}}}},
      {"paths", json::object()},
      {"components",
       {{"schemas", Schemas()},
        {"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
          {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "pw_session"}}}}}}},
  };
  int n = 0;
  for (const auto& r : router.routes()) {
    std::string path;
    std::vector<std::string> params;
    size_t i = 0;
    while (i < r.pattern.size()) {
      if (r.pattern[i] == ':') {
        size_t j = r.pattern.find('/', i);
        std::string name = r.pattern.substr(i + 1, j == std::string::npos ? std::string::npos : j - i - 1);
        params.push_back(name);
        path += "{" + name + "}";
        i = j == std::string::npos ? r.pattern.size() : j;
      } else {
        path += r.pattern[i++];
      }
    }
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(c));
    json op = {{"summary", r.summary.empty() ? r.method + " " + path : r.summary},
               {"operationId", "op" + std::to_string(++n)},
               {"responses", json::object()}};
    json tags = json::array({path.rfind("/api/", 0) == 0 ? "api" : "pages"});
    op["tags"] = tags;
    for (const auto& p : params) {
      op["parameters"].push_back({{"name", p}, {"in", "path"}, {"required", true}, {"schema", Str()}});
    }
    if (r.access != Access::kPublic) {
      op["security"] = json::array({{{"bearer", json::array()}}, {{"cookie", json::array()}}});
      op["responses"]["401"] = {{"description", "Not signed in"}, {"content", JsonContent(Ref("Errors"))}};
    } else {
      op["security"] = json::array({json::object()});  // anonymous
    }
    op["responses"]["404"] = {{"description", "Not found"}, {"content", JsonContent(Ref("Errors"))}};
    Describe(r.method + " " + path, op);
    if (path.rfind("/api/", 0) == 0 && r.method != "GET" && r.method != "DELETE") {
      op["responses"]["422"] = {{"description", "Invalid input"}, {"content", JsonContent(Ref("Errors"))}};
    }
    doc["paths"][path][method] = op;
  }
  return doc;
}

}  // namespace peduli::http
