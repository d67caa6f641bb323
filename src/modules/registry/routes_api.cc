#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/pipeline.h"
#include "modules/registry/codec.h"
#include "modules/registry/receipt_pdf.h"
#include "modules/registry/routes.h"
#include "modules/console/citizen_view.h"
#include "modules/verification/routes.h"

namespace peduli::registry {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

json RecordJson(const CitizenRecord& rec, const reference::ReferenceService& ref) {
  json j = ToJson(rec.data);
  j["registration_number"] = rec.registration_number;
  j["status"] = rec.status;
  j["flags"] = rec.flags;
  j["created_at"] = rec.created_at;
  j["updated_at"] = rec.updated_at;
  json mission = nullptr;
  if (!rec.stays.empty()) {
    const auto& cur = rec.stays.front();
    const auto* m = ref.FindMission(cur.mission_code);
    mission = {{"code", cur.mission_code},
               {"name", m ? m->name : cur.mission_code},
               {"city", m ? m->city : ""},
               {"address", m && !m->address.empty() ? json(m->address) : json(nullptr)},
               {"phone", m && !m->phone.empty() ? json(m->phone) : json(nullptr)},
               {"timezone", m ? m->timezone : "UTC"},
               {"jurisdiction_note", cur.jurisdiction_note}};
  }
  j["mission"] = mission;
  json stays = json::array();
  for (const auto& s : rec.stays) {
    json sj = StayToJson(s.stay);
    sj["mission_code"] = s.mission_code;
    sj["current"] = s.ended_at == 0;
    sj["started_at"] = s.started_at;
    sj["ended_at"] = s.ended_at ? json(s.ended_at) : json(nullptr);
    sj["end_reason"] = s.end_reason.empty() ? json(nullptr) : json(s.end_reason);
    sj["return_date"] = s.return_date.empty() ? json(nullptr) : json(s.return_date);
    stays.push_back(sj);
  }
  j["stays"] = stays;
  return j;
}

Result<std::string> ReceiptPdfFor(const CitizenRecord& rec, const RoutesDeps& d,
                                  const std::string& lang) {
  const auto& c = d.templates->catalog();
  const auto& ref = d.registry->reference();
  auto T = [&](const char* key) { return c.Text(lang, key); };
  ReceiptPdf p;
  p.title = T("receipt.title");
  p.subtitle = T("receipt.subtitle");
  std::string tz = "UTC";
  std::string mission = rec.stays.empty() ? "" : rec.stays.front().mission_code;
  if (const auto* m = ref.FindMission(mission)) {
    mission = m->name;
    tz = m->timezone;
  }
  const auto& s = rec.data.stay;
  std::string place = s.city;
  if (const auto* sub = ref.FindSubdivision(s.subdivision)) place += ", " + sub->name;
  place += ", " + std::string(ref.CountryName(s.country, lang));
  std::string nik = rec.data.identity.nik;
  std::string masked = nik.size() == 16 ? nik.substr(0, 6) + "******" + nik.substr(12) : nik;
  auto date = [](const std::string& iso) {
    auto dd = Date::Parse(iso);
    return dd ? FormatDateId(*dd) : iso;
  };
  p.rows = {
      {T("receipt.registration_number"), rec.registration_number},
      {T("identity.full_name"), rec.data.identity.full_name},
      {T("identity.nik"), masked},
      {T("identity.birth"), rec.data.identity.birth_place + ", " + date(rec.data.identity.birth_date)},
      {T("passport.number"), rec.data.passport.number},
      {T("stay.place"), place},
      {T("stay.category"), T(("category." + s.category).c_str())},
      {T("stay.arrival_date"), date(s.arrival_date)},
      {T("receipt.mission"), mission},
      {T("receipt.registered_at"), FormatLocalTime(rec.created_at, tz)},
      {T("receipt.status"), T(("status." + rec.status).c_str())},
  };
  p.verify_url = d.base_url + "/verify/" + rec.verify_code;
  p.qr_caption = T("receipt.qr_caption");
  p.footer = T("receipt.footer");
  return RenderReceiptPdf(p);
}

void RegisterApiRoutes(http::Router& r, const RoutesDeps& d) {
  const auto* t = d.templates;
  auto* reg = d.registry;

  r.Get("/api/v1/me/lapor-diri", Access::kCitizen, [reg, t, d](Request& req) {
    auto rec = reg->Get(req.principal->account_id);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *t);
    json j = RecordJson(*rec, reg->reference());
    if (d.verification) j["verification"] = verification::CitizenStates(*d.verification, rec->id);
    if (d.reviews) {
      j["review"] = console::CitizenReviewJson(console::CitizenReviewOf(*d.reviews, rec->id, reg->reference()));
    }
    return Response::Json(j);
  }, "The signed-in citizen's Lapor Diri record, with current and past stays");

  r.Put("/api/v1/me/lapor-diri", Access::kCitizen, [reg, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *t);
    auto res = reg->Submit(req.principal->account_id, FromJson(*b));
    if (!res.ok()) return http::ErrorResponse(req, res.error(), *t);
    json j = RecordJson(res->record, reg->reference());
    j["warnings"] = res->warnings;
    return Response::Json(j, res->created ? 201 : 200);
  }, "Create (201) or update (200) Lapor Diri; 409 when the NIK is another account's");

  r.Post("/api/v1/me/lapor-diri/return", Access::kCitizen, [reg, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *t);
    auto st = reg->Return(req.principal->account_id, b->value("date", std::string()));
    if (!st.ok()) return http::ErrorResponse(req, st.error(), *t);
    auto rec = reg->Get(req.principal->account_id);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *t);
    return Response::Json(RecordJson(*rec, reg->reference()));
  }, "Report the return to Indonesia; ends the current stay");

  r.Get("/api/v1/me/lapor-diri/receipt.pdf", Access::kCitizen, [reg, d](Request& req) {
    auto rec = reg->Get(req.principal->account_id);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *d.templates);
    auto pdf = ReceiptPdfFor(*rec, d, req.lang);
    if (!pdf.ok()) return http::ErrorResponse(req, pdf.error(), *d.templates);
    Response res = Response::Text(std::move(pdf.value()), "application/pdf");
    res.Set("Content-Disposition", "inline; filename=\"bukti-lapor-diri.pdf\"");
    return res;
  }, "The receipt (Bukti Lapor Diri) as PDF");

  r.Get("/api/v1/me/export", Access::kCitizen, [reg, d](Request& req) {
    auto acc = d.accounts->Account(req.principal->account_id);
    if (!acc.ok()) return http::ErrorResponse(req, acc.error(), *d.templates);
    json account = {{"id", acc->id}, {"email", acc->email}, {"name", acc->name},
                    {"locale", acc->locale}, {"created_at", acc->created_at},
                    {"email_verified_at", acc->email_verified_at}};
    auto out = reg->Export(req.principal->account_id, account);
    if (!out.ok()) return http::ErrorResponse(req, out.error(), *d.templates);
    Response res = Response::Json(*out);
    res.Set("Content-Disposition", "attachment; filename=\"data-saya-peduli-wni.json\"");
    return res;
  }, "All data about the signed-in citizen (UU PDP right of access)");

  r.Delete("/api/v1/me", Access::kCitizen, [reg, t, d](Request& req) {
    auto st = reg->Delete(req.principal->account_id);
    if (!st.ok()) return http::ErrorResponse(req, st.error(), *t);
    d.accounts->ForgetSessions(req.principal->account_id);
    return Response::Json({{"deleted", true}});
  }, "Delete the account; the record is anonymised (docs/DATA-PROTECTION.md)");

  r.Get("/api/v1/verify/:code", Access::kPublic, [reg, t](Request& req) {
    auto v = reg->Verify(req.params["code"]);
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *t);
    return Response::Json({{"genuine", true}, {"initials", v->initials},
                           {"mission", {{"code", v->mission_code}, {"name", v->mission_name}}},
                           {"registered_on", LocalDate(v->registered_at, v->timezone).ToString()},
                           {"stay_active", v->stay_active}});
  }, "Check a receipt's code: genuine, initials, mission, date, whether the stay is active");
}

}  // namespace peduli::registry
