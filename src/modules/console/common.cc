#include "modules/console/common.h"

#include <algorithm>
#include <charconv>

#include "core/date.h"
#include "modules/registry/routes.h"

namespace peduli::console {

using nlohmann::json;

namespace {

int64_t ToInt(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() ? v : -1;
}

bool In(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

json Nullable(int64_t v) { return v ? json(v) : json(nullptr); }
json Nullable(const std::string& v) { return v.empty() ? json(nullptr) : json(v); }

}  // namespace

std::string MissionOf(const registry::CitizenRecord& rec) {
  return rec.stays.empty() ? "" : rec.stays.front().mission_code;
}

Result<registry::CitizenRecord> Authorised(const http::Request& req, const RoutesDeps& d,
                                           policy::Action action) {
  const int64_t id = ToInt(req.params.count("id") ? req.params.at("id") : "");
  if (id <= 0) return Error::NotFound();
  auto rec = d.records->FindById(id);
  if (!rec.ok()) return rec.take_error();
  const std::string mission = MissionOf(*rec);
  const Actor actor = policy::ActorOf(*req.principal);
  if (!policy::Allowed(actor, policy::Action::kReadCitizen, mission)) return Error::NotFound();
  if (!policy::Allowed(actor, action, mission)) return Error::Forbidden();
  return rec;
}

std::string PurposeOr(const http::Request& req, const RoutesDeps& d, const std::string& fallback) {
  std::string p = d.console->Purpose(req.principal->csrf);
  return p.empty() ? fallback : p;
}

Origin OriginOf(const http::Request& req, const std::string& purpose) {
  return {purpose, req.remote_ip, req.request_id};
}

Result<QueueQuery> ParseQueue(const http::Request& req) {
  QueueQuery q;
  auto get = [&](const char* k) { return req.QueryParam(k).value_or(""); };
  if (!get("tab").empty()) q.tab = get("tab");
  if (!get("state").empty()) q.state = get("state");
  q.category = get("category");
  if (!get("date").empty()) q.date_field = get("date");
  q.from = get("from");
  q.to = get("to");
  q.mine = get("mine") == "1";
  q.after = get("after");
  std::vector<FieldError> errors;
  if (q.tab != "laporan" && q.tab != "perhatian" && q.tab != "duplikat") {
    errors.push_back({"tab", "err.choice"});
  }
  if (!In(kStates, q.state)) errors.push_back({"state", "err.choice"});
  if (!q.category.empty() && !In(registry::kCategories, q.category)) {
    errors.push_back({"category", "err.choice"});
  }
  if (q.date_field != "submitted" && q.date_field != "arrival") errors.push_back({"date", "err.choice"});
  if (!q.from.empty() && !Date::Parse(q.from)) errors.push_back({"from", "err.date.invalid"});
  if (!q.to.empty() && !Date::Parse(q.to)) errors.push_back({"to", "err.date.invalid"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return q;
}

Result<json> LoadQueue(const QueueQuery& q, const Actor& actor, const RoutesDeps& d,
                       std::vector<int64_t>* ids) {
  const std::string scope = policy::ScopeOf(actor);
  auto& st = d.console->store();
  auto counts = st.Counts(scope, q.category);
  if (!counts.ok()) return counts.take_error();
  auto attention = st.AttentionCount(scope);
  if (!attention.ok()) return attention.take_error();
  auto duplicates = st.DuplicateCount(scope);
  if (!duplicates.ok()) return duplicates.take_error();
  json c = json::object();
  for (const auto& s : kStates) c[s] = counts->count(s) ? counts->at(s) : 0;
  c["attention"] = *attention;
  c["duplicates"] = *duplicates;
  json out = {{"tab", q.tab}, {"scope", scope.empty() ? json(nullptr) : json(scope)},
              {"counts", c}};
  json items = json::array();
  json next = nullptr;
  constexpr int kPage = 50;
  const size_t dot = q.after.find('.');
  if (q.tab == "laporan") {
    store::QueueFilter f;
    f.mission_code = scope;
    f.state = q.state;
    f.category = q.category;
    if (q.date_field == "submitted") {
      if (auto dd = Date::Parse(q.from)) f.submitted_from = dd->DaysSinceEpoch() * 86400;
      if (auto dd = Date::Parse(q.to)) f.submitted_to = (dd->DaysSinceEpoch() + 1) * 86400;
    } else {
      f.arrival_from = q.from;
      f.arrival_to = q.to;
    }
    if (q.mine) f.assigned_to = actor.account_id;
    if (dot != std::string::npos) {
      f.after_submitted_at = std::max<int64_t>(0, ToInt(q.after.substr(0, dot)));
      f.after_id = std::max<int64_t>(0, ToInt(q.after.substr(dot + 1)));
    }
    f.limit = kPage;
    auto page = st.Queue(f);
    if (!page.ok()) return page.take_error();
    for (const auto& it : page->items) {
      ids->push_back(it.citizen_id);
      json v = json::object();
      for (const auto& [system, state] : it.verdicts) v[system] = state;
      items.push_back({{"citizen_id", it.citizen_id}, {"full_name", it.full_name},
                       {"nik", MaskNik(it.nik)}, {"mission_code", it.mission_code},
                       {"category", it.category}, {"arrival_date", Nullable(it.arrival_date)},
                       {"submitted_at", it.submitted_at}, {"state", it.state},
                       {"assigned_to", it.assigned_to ? json{{"id", it.assigned_to},
                                                             {"name", it.assignee_name}}
                                                      : json(nullptr)},
                       {"verification", v}});
    }
    if (page->more && !page->items.empty()) {
      next = std::to_string(page->items.back().submitted_at) + "." +
             std::to_string(page->items.back().citizen_id);
    }
  } else if (q.tab == "perhatian") {
    int64_t after_id = 0;
    std::string after_system;
    if (dot != std::string::npos) {
      after_id = std::max<int64_t>(0, ToInt(q.after.substr(0, dot)));
      after_system = q.after.substr(dot + 1);
    }
    auto page = st.Attention(scope, q.category, after_id, after_system, kPage + 1);
    if (!page.ok()) return page.take_error();
    for (size_t i = 0; i < page->size() && i < static_cast<size_t>(kPage); ++i) {
      const auto& it = (*page)[i];
      ids->push_back(it.citizen_id);
      items.push_back({{"citizen_id", it.citizen_id}, {"full_name", it.full_name},
                       {"nik", MaskNik(it.nik)}, {"mission_code", it.mission_code},
                       {"category", it.category}, {"system", it.system}, {"state", it.state},
                       {"updated_at", it.updated_at}});
    }
    if (page->size() > static_cast<size_t>(kPage)) {
      const auto& last = (*page)[kPage - 1];
      next = std::to_string(last.citizen_id) + "." + last.system;
    }
  } else {
    auto page = st.Duplicates(scope, std::max<int64_t>(0, ToInt(q.after)), kPage + 1);
    if (!page.ok()) return page.take_error();
    for (size_t i = 0; i < page->size() && i < static_cast<size_t>(kPage); ++i) {
      const auto& it = (*page)[i];
      ids->push_back(it.existing_citizen_id);
      items.push_back({{"id", it.id}, {"citizen_id", it.existing_citizen_id},
                       {"full_name", it.full_name}, {"nik", MaskNik(it.nik)},
                       {"mission_code", it.mission_code}, {"created_at", it.created_at},
                       {"href", "/konsol/duplikat/" + std::to_string(it.id)}});
    }
    if (page->size() > static_cast<size_t>(kPage)) next = std::to_string((*page)[kPage - 1].id);
  }
  out["items"] = items;
  out["next_after"] = next;
  return out;
}

json ReviewJson(const store::ReviewState& s) {
  return {{"state", s.state}, {"reason", Nullable(s.reason)},
          {"decided_at", Nullable(s.decided_at)},
          {"decided_by_mission", Nullable(s.decided_mission)},
          {"submitted_at", Nullable(s.submitted_at)}, {"version", s.version}};
}

json StaffRecordJson(const registry::CitizenRecord& rec, const RoutesDeps& d) {
  json j = registry::RecordJson(rec, *d.ref);
  j["id"] = rec.id;
  json v = json::array();
  if (auto results = d.verification->Results(rec.id); results.ok()) {
    for (const auto& r : *results) {
      v.push_back({{"system", r.system}, {"state", r.state},
                   {"mismatched_fields", r.mismatched_fields},
                   {"detail", json::parse(r.detail.empty() ? "{}" : r.detail, nullptr, false)},
                   {"checked_at", Nullable(r.checked_at)}});
    }
  }
  j["verification"] = v;
  if (auto review = d.console->Review(rec.id); review.ok()) {
    json rj = ReviewJson(*review);
    rj["decided_by"] = Nullable(review->decided_by);
    rj["assigned_to"] = review->assigned_to
                            ? json{{"id", review->assigned_to}, {"name", review->assignee_name}}
                            : json(nullptr);
    json history = json::array();
    if (auto ev = d.console->store().Events(rec.id); ev.ok()) {
      for (const auto& e : *ev) {
        history.push_back({{"state", e.state}, {"reason", Nullable(e.reason)},
                           {"actor_account_id", Nullable(e.actor_account_id)},
                           {"actor_role", Nullable(e.actor_role)},
                           {"mission_code", Nullable(e.mission_code)}, {"at", e.at}});
      }
    }
    rj["history"] = history;
    j["review"] = rj;
  }
  if (auto entry = d.console->store().EntryOf(rec.id); entry.ok()) {
    const bool walk_in = entry->entered_by != 0 && entry->entered_by != entry->account_id;
    j["entered_by"] = walk_in ? json{{"account_id", entry->entered_by}, {"name", entry->name},
                                     {"role", entry->role},
                                     {"mission_code", Nullable(entry->mission_code)}}
                              : json(nullptr);
  }
  return j;
}

}  // namespace peduli::console
