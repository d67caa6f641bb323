#include "modules/registry/service.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "core/crypto.h"
#include "core/date.h"
#include "modules/registry/codec.h"
#include "modules/registry/prepare.h"
#include "modules/verification/checks.h"

namespace peduli::registry {
namespace {

std::string Upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string FoldCity(const std::string& s) { return reference::FoldName(s); }

// "PWNI-2026-7K3M9QXA": year of registration and 8 random base32 characters.
std::string NewRegistrationNumber(int64_t now) {
  return "PWNI-" + std::to_string(Date::FromUnix(now).year) + "-" +
         Upper(crypto::RandomToken(5));
}

}  // namespace

RegistryService::RegistryService(store::RegistryStore* store,
                                 const reference::ReferenceService* ref, const Clock* clock,
                                 audit::AuditService* audit)
    : store_(store), ref_(ref), clock_(clock), audit_(audit) {}

ValidationOutcome RegistryService::Validate(const LaporDiri& in) const {
  ReferenceContext ctx(*ref_, Date::FromUnix(clock_->NowUnix()));
  return ValidateLaporDiri(in, ctx);
}

Result<SubmitResult> RegistryService::Submit(int64_t account_id, const LaporDiri& in,
                                             int64_t entered_by) {
  ReferenceContext ctx(*ref_, Date::FromUnix(clock_->NowUnix()));
  auto prepared = PrepareWrite(in, ctx, *ref_, clock_->NowUnix());
  if (!prepared.ok()) return prepared.take_error();
  store::CitizenWrite& w = *prepared;
  w.account_id = account_id;
  w.entered_by = entered_by ? entered_by : account_id;
  const LaporDiri& d = w.data;

  auto existing = store_->FindByAccount(account_id);
  if (!existing.ok() && existing.error().code != Code::kNotFound) return existing.take_error();
  const std::string payload = ToJson(d).dump();

  SubmitResult result;
  result.warnings = w.flags;
  if (verify_) w.verify = verification::SystemsToCheck(existing.ok() ? &existing->data : nullptr, d);
  w.verify_reason = existing.ok() ? "changed" : "submitted";
  if (!existing.ok()) {
    auto id = store_->Create(w, NewRegistrationNumber(w.now), crypto::RandomToken(20), payload);
    if (!id.ok()) return id.take_error();
    result.created = true;
  } else {
    const CitizenRecord& old = *existing;
    bool active = old.status == "active" && !old.stays.empty() && old.stays.front().ended_at == 0;
    const Stay& cur = old.data.stay;
    bool moved = !active || cur.country != d.stay.country || cur.subdivision != d.stay.subdivision ||
                 FoldCity(cur.city) != FoldCity(d.stay.city);
    PEDULI_TRY(store_->Update(old.id, w, moved, payload));
    result.moved = moved;
  }
  if (!w.verify.empty() && on_enqueued_) on_enqueued_();
  auto rec = store_->FindByAccount(account_id);
  if (!rec.ok()) return rec.take_error();
  result.record = std::move(rec.value());
  return result;
}

Result<SubmitResult> RegistryService::EnterAtCounter(const LaporDiri& in, int64_t officer_id,
                                                     const CounterCheck& allow) {
  ReferenceContext ctx(*ref_, Date::FromUnix(clock_->NowUnix()));
  auto prepared = PrepareWrite(in, ctx, *ref_, clock_->NowUnix());
  if (!prepared.ok()) return prepared.take_error();
  store::CitizenWrite& w = *prepared;
  w.entered_by = officer_id;
  w.account_id = 0;  // never touches an account's draft
  const LaporDiri& d = w.data;
  auto existing = store_->FindByNik(d.identity.nik);
  if (!existing.ok() && existing.error().code != Code::kNotFound) return existing.take_error();
  PEDULI_TRY(allow(w, existing.ok() ? &existing.value() : nullptr));
  const std::string payload = ToJson(d).dump();

  SubmitResult result;
  result.warnings = w.flags;
  if (verify_) w.verify = verification::SystemsToCheck(existing.ok() ? &existing->data : nullptr, d);
  w.verify_reason = existing.ok() ? "changed" : "submitted";
  int64_t id = 0;
  if (!existing.ok()) {
    auto created = store_->Create(w, NewRegistrationNumber(w.now), crypto::RandomToken(20), payload);
    if (!created.ok() && created.error().message == "registry.nik_taken") {
      // Someone registered the NIK meanwhile: the officer checks that record first.
      return Error::Conflict("counter.existing_record");
    }
    if (!created.ok()) return created.take_error();
    id = *created;
    result.created = true;
  } else {
    const CitizenRecord& old = *existing;
    bool active = old.status == "active" && !old.stays.empty() && old.stays.front().ended_at == 0;
    const Stay& cur = old.data.stay;
    bool moved = !active || cur.country != d.stay.country || cur.subdivision != d.stay.subdivision ||
                 FoldCity(cur.city) != FoldCity(d.stay.city);
    PEDULI_TRY(store_->Update(old.id, w, moved, payload));
    result.moved = moved;
    id = old.id;
  }
  if (!w.verify.empty() && on_enqueued_) on_enqueued_();
  auto rec = store_->FindById(id);
  if (!rec.ok()) return rec.take_error();
  result.record = std::move(rec.value());
  return result;
}

Result<CitizenRecord> RegistryService::Get(int64_t account_id) {
  return store_->FindByAccount(account_id);
}

Status RegistryService::Return(int64_t account_id, const std::string& date) {
  auto rec = store_->FindByAccount(account_id);
  if (!rec.ok()) return rec.take_error();
  auto d = Date::Parse(date);
  if (!d) return Error::Invalid("date", "err.date.invalid");
  Date today = Date::FromUnix(clock_->NowUnix());
  if (d->DaysSinceEpoch() > today.DaysSinceEpoch() + 1) return Error::Invalid("date", "err.date.future");
  if (rec->stays.empty() || rec->stays.front().ended_at != 0) {
    return Error::Conflict("registry.no_active_stay");
  }
  auto arrival = Date::Parse(rec->stays.front().stay.arrival_date);
  if (arrival && *d < *arrival) return Error::Invalid("date", "err.return.before_arrival");
  return store_->Return(rec->id, d->ToString(), clock_->NowUnix());
}

std::string RegistryService::Initials(const std::string& full_name) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(full_name);
  std::string out;
  bool start = true;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    if (u_isalpha(c) && start) {
      icu::UnicodeString one(c);
      one.toUpper();
      std::string s;
      one.toUTF8String(s);
      if (!out.empty()) out += " ";
      out += s + ".";
    }
    start = u_isspace(c);
    i = u.moveIndex32(i, 1);
  }
  return out;
}

Result<PublicVerification> RegistryService::Verify(const std::string& code) {
  if (code.size() < 16 || code.size() > 64) return Error::NotFound();
  auto r = store_->FindByVerifyCode(code);
  if (!r.ok()) return r.take_error();
  PublicVerification v;
  v.initials = Initials(r->full_name);
  v.mission_code = r->mission_code;
  if (const auto* m = ref_->FindMission(r->mission_code)) {
    v.mission_name = m->name;
    v.timezone = m->timezone;
  }
  v.registered_at = r->created_at;
  v.stay_active = r->stay_active && r->status == "active";
  return v;
}

Result<nlohmann::json> RegistryService::Export(int64_t account_id, const nlohmann::json& account) {
  nlohmann::json out = {{"account", account}, {"exported_at", clock_->NowUnix()}};
  auto rec = store_->FindByAccount(account_id);
  if (!rec.ok() && rec.error().code != Code::kNotFound) return rec.take_error();
  if (rec.ok()) {
    nlohmann::json lapor = ToJson(rec->data);
    lapor["registration_number"] = rec->registration_number;
    lapor["status"] = rec->status;
    lapor["flags"] = rec->flags;
    lapor["created_at"] = rec->created_at;
    lapor["updated_at"] = rec->updated_at;
    nlohmann::json stays = nlohmann::json::array();
    for (const auto& s : rec->stays) {
      auto j = StayToJson(s.stay);
      j["mission_code"] = s.mission_code;
      j["started_at"] = s.started_at;
      j["ended_at"] = s.ended_at ? nlohmann::json(s.ended_at) : nlohmann::json(nullptr);
      j["end_reason"] = s.end_reason;
      j["return_date"] = s.return_date;
      stays.push_back(j);
    }
    lapor["stays"] = stays;
    out["lapor_diri"] = lapor;
  } else {
    out["lapor_diri"] = nullptr;
  }
  auto draft = LoadDraft(account_id);
  out["draft"] = draft.empty() ? nlohmann::json(nullptr) : nlohmann::json(draft);
  out["open_duplicate_claims"] = store_->OpenDuplicateClaims(account_id);
  if (rec.ok() && audit_) {
    PEDULI_TRY(audit_->Record({account_id, "citizen", ""}, "export_own", rec->id, "access", "", ""));
  }
  return out;
}

Status RegistryService::Delete(int64_t account_id) {
  if (!deletion_guard_) return store_->Anonymise(account_id, clock_->NowUnix());
  // Asked inside the anonymising transaction, so a case opened at the same moment either
  // commits first (and is counted) or waits and then finds the account gone.
  std::string refused;
  Status s = store_->Anonymise(account_id, clock_->NowUnix(),
                               [&](store::Connection& c) -> Result<std::string> {
                                 auto reason = deletion_guard_(c, account_id);
                                 if (reason.ok()) refused = *reason;
                                 return reason;
                               });
  if (!s.ok() && !refused.empty()) {
    PEDULI_TRY(store_->RecordDeletionRefused(account_id, clock_->NowUnix(), "refused_open_case"));
  }
  return s;
}

std::map<std::string, std::string> RegistryService::LoadDraft(int64_t account_id) {
  auto text = store_->LoadDraft(account_id);
  if (!text) return {};
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object()) return {};
  std::map<std::string, std::string> out;
  for (auto& [k, v] : j.items()) {
    if (v.is_string()) out[k] = v.get<std::string>();
  }
  return out;
}

Status RegistryService::SaveDraft(int64_t account_id,
                                  const std::map<std::string, std::string>& fields) {
  return store_->SaveDraft(account_id, nlohmann::json(fields).dump(), clock_->NowUnix());
}

}  // namespace peduli::registry
