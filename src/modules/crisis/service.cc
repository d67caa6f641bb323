#include "modules/crisis/service.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "modules/registry/model.h"

namespace peduli::crisis {
namespace {

using nlohmann::json;

constexpr size_t kMaxTitle = 200;
constexpr size_t kMaxText = 2000;
// A one-tap link lives this long after its alert (the safety side also refuses it once
// the crisis is closed).
constexpr int64_t kLinkSeconds = 30 * 86400;

std::string Scope(const Context& ctx) { return policy::ScopeOf(ctx.actor); }

bool IsHq(const Context& ctx) { return ctx.actor.role == "hq" || ctx.actor.role == "hq_admin"; }

}  // namespace

std::vector<std::string> ParseCategories(const std::string& text) {
  std::vector<std::string> out;
  auto j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

bool CrisisService::MayManage(const Context& ctx, const std::string& mission_code) const {
  return policy::Allowed(ctx.actor, policy::Action::kManageCrisis, mission_code);
}

Status CrisisService::Validate(const Context& ctx, const std::string& mission,
                               const CrisisInput& in, Area* area) const {
  std::vector<FieldError> errors;
  if (std::find(kLevels.begin(), kLevels.end(), in.level) == kLevels.end()) {
    errors.push_back({"level", "crisis.err.level"});
  }
  auto text = [&](const std::string& v, const char* field, size_t max) {
    if (v.empty()) errors.push_back({field, "err.required"});
    else if (v.size() > max) errors.push_back({field, "crisis.err.too_long"});
  };
  text(in.title_id, "title_id", kMaxTitle);
  text(in.title_en, "title_en", kMaxTitle);
  text(in.text_id, "text_id", kMaxText);
  text(in.text_en, "text_en", kMaxText);
  if (std::find(kTextChannels.begin(), kTextChannels.end(), in.text_channels) ==
      kTextChannels.end()) {
    errors.push_back({"text_channels", "crisis.err.text_channels"});
  }
  for (const auto& c : in.categories) {
    if (std::find(registry::kCategories.begin(), registry::kCategories.end(), c) ==
        registry::kCategories.end()) {
      errors.push_back({"categories", "crisis.err.category"});
      break;
    }
  }
  auto parsed = ParseAreaText(in.area, *ref_);
  if (!parsed.ok()) {
    const auto& e = parsed.error();
    errors.push_back({"area", e.fields.empty() ? "crisis.err.area_format" : e.fields[0].key});
  } else {
    *area = std::move(*parsed);
    // A mission writes for its own jurisdiction: each country and subdivision named must be
    // one it serves (its stays are the only audience of its shapes anyway).
    if (!mission.empty()) {
      const auto& rules = ref_->Jurisdictions();
      auto serves = [&](const std::string& country, const std::string& sub) {
        return std::any_of(rules.begin(), rules.end(), [&](const auto& j) {
          return j.mission_code == mission && j.country == country &&
                 (sub.empty() || j.subdivision.empty() || j.subdivision == sub);
        });
      };
      bool ok = true;
      for (const auto& c : area->countries) ok = ok && serves(c, "");
      for (const auto& s : area->subdivisions) ok = ok && serves(s.substr(0, 2), s);
      if (!ok) errors.push_back({"area", "crisis.err.area_jurisdiction"});
    }
  }
  (void)ctx;
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return Status::Ok();
}

Result<int64_t> CrisisService::Create(const Context& ctx, const CrisisInput& in) {
  // HQ's crises belong to no mission; a supervisor's to their own.
  const std::string mission = IsHq(ctx) ? "" : ctx.actor.mission_code;
  if (!MayManage(ctx, mission)) return Error::Forbidden();
  Area area;
  PEDULI_TRY(Validate(ctx, mission, in, &area));
  store::CrisisRow c;
  c.mission_code = mission;
  c.level = in.level;
  c.title_id = in.title_id;
  c.title_en = in.title_en;
  c.text_id = in.text_id;
  c.text_en = in.text_en;
  c.area = area.ToJson().dump();
  c.categories = json(in.categories).dump();
  c.safety_check = in.safety_check;
  c.text_channels = in.text_channels;
  c.created_by = ctx.actor.account_id;
  c.created_at = clock_->NowUnix();
  return store_->Create(c, audit_->MakeEntry(ctx.actor, "crisis.create", 0, "crisis", ctx.ip,
                                             ctx.request_id, {{"level", in.level}}));
}

Result<store::CrisisRow> CrisisService::Load(const Context& ctx, int64_t id) const {
  auto c = store_->Get(id);
  if (!c.ok()) return c.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCrisis, c->mission_code)) {
    return Error::NotFound();
  }
  // Mission staff read HQ's crises and their own mission's, not another mission's.
  if (!c->mission_code.empty() && !Scope(ctx).empty() && Scope(ctx) != c->mission_code) {
    return Error::NotFound();
  }
  return c;
}

Status CrisisService::Update(const Context& ctx, int64_t id, const CrisisInput& in) {
  auto c = Load(ctx, id);
  if (!c.ok()) return c.take_error();
  if (!MayManage(ctx, c->mission_code)) return Error::Forbidden();
  Area area;
  PEDULI_TRY(Validate(ctx, c->mission_code, in, &area));
  store::CrisisRow w = *c;
  w.level = in.level;
  w.title_id = in.title_id;
  w.title_en = in.title_en;
  w.text_id = in.text_id;
  w.text_en = in.text_en;
  w.area = area.ToJson().dump();
  w.categories = json(in.categories).dump();
  w.safety_check = in.safety_check;
  w.text_channels = in.text_channels;
  w.updated_at = clock_->NowUnix();
  return store_->Update(w, audit_->MakeEntry(ctx.actor, "crisis.update", 0, "crisis", ctx.ip,
                                             ctx.request_id, {{"crisis_id", id}}));
}

Result<CrisisView> CrisisService::Get(const Context& ctx, int64_t id) {
  auto c = Load(ctx, id);
  if (!c.ok()) return c.take_error();
  CrisisView v;
  v.c = *c;
  if (auto a = ParseAreaText(c->area, *ref_); a.ok()) v.area = std::move(*a);
  v.categories = ParseCategories(c->categories);
  v.can_manage = MayManage(ctx, c->mission_code) && c->state != "closed";
  auto alerts = store_->Alerts(id);
  if (!alerts.ok()) return alerts.take_error();
  v.alerts = std::move(*alerts);
  auto counts = outbox_->CountsByRef("crisis:" + std::to_string(id));
  if (!counts.ok()) return counts.take_error();
  v.delivery = *counts;
  if (c->state != "draft") {
    auto placed = store_->PeopleBy(id, false);
    if (!placed.ok()) return placed.take_error();
    v.placed = std::move(*placed);
    auto missions = store_->PeopleBy(id, true);
    if (!missions.ok()) return missions.take_error();
    v.missions = std::move(*missions);
  }
  return v;
}

Result<std::vector<store::CrisisRow>> CrisisService::List(const Context& ctx) {
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCrisis, Scope(ctx))) return Error::Forbidden();
  return store_->List(Scope(ctx), 200);
}

Status CrisisService::Collect(const store::CrisisRow& c, AudienceBuilder* b) const {
  for (const auto& country : b->Countries()) {
    PEDULI_TRY(store_->ForEachCandidate(country, c.mission_code,
                                        [b](const store::AudienceCandidate& a) { b->Consider(a); }));
  }
  return Status::Ok();
}

Result<Reach> CrisisService::Preview(const Context& ctx, int64_t id) {
  auto c = Load(ctx, id);
  if (!c.ok()) return c.take_error();
  auto area = ParseAreaText(c->area, *ref_);
  if (!area.ok()) return area.take_error();
  AudienceBuilder b(&*area, places_, ParseCategories(c->categories),
                    Date::FromUnix(clock_->NowUnix()).ToString(), false);
  PEDULI_TRY(Collect(*c, &b));
  return b.reach();
}

Result<store::CrisisStore::SendResult> CrisisService::Send(const Context& ctx, int64_t id) {
  auto c = Load(ctx, id);
  if (!c.ok()) return c.take_error();
  if (!MayManage(ctx, c->mission_code)) return Error::Forbidden();
  if (c->state == "closed") return Error{Code::kConflict, "crisis.err.closed", {}};
  const int64_t now = clock_->NowUnix();
  const std::string today = Date::FromUnix(now).ToString();
  std::vector<store::CrisisPersonWrite> people;
  // An area of countries and subdivisions only is selected, placed and scored by the
  // database in the send's transaction (SendByCodes): at 10M citizens a whole country is
  // millions of stays, too many to carry through the server. Circles and polygons need the
  // haversine and the polygon test, so their audience is built here and written in batches.
  std::optional<store::CodeAudience> codes;
  if (c->state == "draft") {
    auto area = ParseAreaText(c->area, *ref_);
    if (!area.ok()) return area.take_error();
    if (!area->HasShapes()) {
      codes.emplace();
      codes->countries = area->countries;
      codes->subdivisions = area->subdivisions;
      codes->categories = ParseCategories(c->categories);
      codes->mission = c->mission_code;
      codes->today = today;
      const VulnerabilityDates d = DatesFor(today);
      codes->young_after = d.young_after;
      codes->old_until = d.old_until;
      const Places* places = places_;
      codes->city_known = [places](const std::string& country, const std::string& sub,
                                   const std::string& city) {
        return places->City(country, sub, city).has_value();
      };
    } else {
      AudienceBuilder b(&*area, places_, ParseCategories(c->categories), today, true);
      PEDULI_TRY(Collect(*c, &b));
      people = std::move(b.people());
    }
  }
  store::CrisisAlertRow alert;
  alert.level = c->level;
  alert.title_id = c->title_id;
  alert.title_en = c->title_en;
  alert.text_id = c->text_id;
  alert.text_en = c->text_en;
  alert.safety_check = c->safety_check;
  alert.text_channels = c->text_channels;
  alert.sent_by = ctx.actor.account_id;
  alert.sent_at = now;
  auto entry = audit_->MakeEntry(ctx.actor, "crisis.send", 0, "crisis alert", ctx.ip,
                                 ctx.request_id, {{"crisis_id", id}});
  auto sent = codes ? store_->SendByCodes(id, *codes, alert, entry)
                    : store_->Send(id, people, alert, entry);
  if (sent.ok() && on_queued_) on_queued_();
  return sent;
}

Result<outbox::Rendered> CrisisService::RenderAlert(const store::OutboxRow& row) const {
  auto p = json::parse(row.m.payload, nullptr, false);
  if (!p.is_object()) return Error::NotFound();
  const int64_t alert_id = p.value("alert_id", int64_t{0});
  const int64_t citizen_id = p.value("citizen_id", int64_t{0});
  auto a = store_->GetAlert(alert_id);
  if (!a.ok()) return a.take_error();
  static const std::map<std::string, std::pair<const char*, const char*>> kLevelWords = {
      {"information", {"INFORMASI", "INFORMATION"}},
      {"caution", {"WASPADA", "CAUTION"}},
      {"danger", {"BAHAYA", "DANGER"}},
      {"evacuate", {"EVAKUASI", "EVACUATE"}}};
  auto lw = kLevelWords.count(a->level) ? kLevelWords.at(a->level)
                                        : std::pair<const char*, const char*>{"", ""};
  // Both languages in one message: a phone may be read by someone else in the family, and a
  // crisis is no time to guess the reader's language. English first when the account chose it.
  const bool en = row.m.locale == "en";
  const std::string id_part = std::string("[") + lw.first + "] " + a->title_id + "\n" + a->text_id;
  const std::string en_part = std::string("[") + lw.second + "] " + a->title_en + "\n" + a->text_en;
  outbox::Rendered out;
  out.subject = "Peduli WNI: " + (en ? a->title_en : a->title_id);
  out.text = (en ? en_part + "\n\n" + id_part : id_part + "\n\n" + en_part) + "\n";
  if (a->safety_check && tokens_ && citizen_id) {
    const std::string link =
        SafetyLink(base_url_, tokens_->Issue(a->crisis_id, citizen_id, a->sent_at + kLinkSeconds));
    out.text += "\nApakah Anda aman? / Are you safe?\n" + link + "\n";
  }
  return out;
}

}  // namespace peduli::crisis
