#include "modules/crisis/evacuation.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "core/date.h"
#include "http/xlsx_bytes.h"

namespace peduli::crisis {

const std::vector<std::string> kTransportModes = {"air", "sea", "land"};

namespace {

constexpr const char* kPurpose = "krisis";

std::string Today(int64_t now) {
  std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

bool NeedsSplp(const store::EvacEntry& e, const std::string& today) {
  if (!e.splp_number.empty()) return false;
  return e.passport_number.empty() || e.passport_expiry.empty() || e.passport_expiry < today;
}

bool FamilyNeedsSplp(const store::EvacEntry& e, int64_t family_id, const std::string& today) {
  auto it = e.family_documents.find(family_id);
  if (it == e.family_documents.end()) return true;
  const auto& d = it->second;
  return d.passport_number.empty() || d.passport_expiry.empty() || d.passport_expiry < today;
}

Status EvacuationService::Mark(const SafetyContext& ctx, int64_t crisis_id, int64_t citizen_id,
                               EvacInput in) {
  auto sk = safety_->StaffCrisis(ctx, crisis_id);
  if (!sk.ok()) return sk.take_error();
  auto p = safety_->store().Person(crisis_id, citizen_id);
  if (!p.ok()) return p.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCrisis, p->mission_code)) return Error::NotFound();
  if (!policy::Allowed(ctx.actor, policy::Action::kRecordSafety, p->mission_code)) return Error::Forbidden();
  std::vector<FieldError> errors;
  in.destination = Trim(in.destination);
  in.splp_number = Trim(in.splp_number);
  if (in.destination.size() > 200) errors.push_back({"destination", "err.safety.too_long"});
  if (in.splp_number.size() > 40) errors.push_back({"splp_number", "err.safety.too_long"});
  auto family = safety_->store().FamilyOf(citizen_id);
  if (!family.ok()) return family.take_error();
  for (int64_t id : in.family_ids) {
    if (std::none_of(family->begin(), family->end(), [&](const auto& f) { return f.id == id; })) {
      errors.push_back({"family", "err.choice"});
      break;
    }
  }
  // Family passports, checked as Lapor Diri checks a passport (registry/validation.cc): the
  // number without spaces, uppercase, 6-9 letters and digits; an expiry date that parses.
  // Both or neither; an expired one is kept (the manifest flags the SPLP).
  std::map<int64_t, store::FamilyDocument> documents;
  for (auto [id, doc] : in.documents) {
    if (std::find(in.family_ids.begin(), in.family_ids.end(), id) == in.family_ids.end()) continue;
    std::string number;
    for (char c : doc.passport_number) {
      if (c == ' ' || c == '\t') continue;
      number += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    doc.passport_number = number;
    doc.passport_expiry = Trim(doc.passport_expiry);
    const std::string field = "family_passport." + std::to_string(id);
    const std::string expiry_field = "family_expiry." + std::to_string(id);
    if (number.empty() && doc.passport_expiry.empty()) continue;
    if (number.empty()) {
      errors.push_back({field, "err.required"});
    } else if (number.size() < 6 || number.size() > 9 ||
               !std::all_of(number.begin(), number.end(), [](char c) {
                 return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
               })) {
      errors.push_back({field, "err.passport.number"});
    }
    if (doc.passport_expiry.empty()) {
      errors.push_back({expiry_field, "err.required"});
    } else if (!Date::Parse(doc.passport_expiry)) {
      errors.push_back({expiry_field, "err.date.invalid"});
    }
    documents[id] = doc;
  }
  if (in.transport_id) {
    auto ts = safety_->store().Transports(crisis_id, p->mission_code);
    if (!ts.ok()) return ts.take_error();
    if (std::none_of(ts->begin(), ts->end(), [&](const auto& t) { return t.id == in.transport_id; })) {
      errors.push_back({"transport", "err.choice"});
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  store::EvacEntry e;
  e.crisis_id = crisis_id;
  e.citizen_id = citizen_id;
  e.transport_id = in.transport_id;
  e.family_ids = in.family_ids;
  e.family_documents = std::move(documents);
  e.splp_number = in.splp_number;
  e.destination = in.destination;
  auto entry = safety_->audit().MakeEntry(ctx.actor, "crisis_evac_mark", citizen_id, kPurpose,
                                          ctx.ip, ctx.request_id,
                                          {{"crisis_id", crisis_id}, {"transport_id", in.transport_id},
                                           {"family", in.family_ids.size()}});
  return safety_->store().MarkEvacuee(e, ctx.actor.account_id, safety_->clock().NowUnix(), &entry,
                                      in.keep_existing);
}

Status EvacuationService::Unmark(const SafetyContext& ctx, int64_t crisis_id, int64_t citizen_id) {
  auto sk = safety_->StaffCrisis(ctx, crisis_id);
  if (!sk.ok()) return sk.take_error();
  auto p = safety_->store().Person(crisis_id, citizen_id);
  if (!p.ok()) return p.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCrisis, p->mission_code)) return Error::NotFound();
  if (!policy::Allowed(ctx.actor, policy::Action::kRecordSafety, p->mission_code)) return Error::Forbidden();
  auto entry = safety_->audit().MakeEntry(ctx.actor, "crisis_evac_unmark", citizen_id, kPurpose,
                                          ctx.ip, ctx.request_id, {{"crisis_id", crisis_id}});
  return safety_->store().UnmarkEvacuee(crisis_id, citizen_id, &entry);
}

Result<int64_t> EvacuationService::CreateTransport(const SafetyContext& ctx, int64_t crisis_id,
                                                   const std::string& name, const std::string& mode,
                                                   int64_t departure_at) {
  auto sk = safety_->StaffCrisis(ctx, crisis_id);
  if (!sk.ok()) return sk.take_error();
  // Transports belong to the mission that organises them: mission staff only.
  const std::string mission = ctx.actor.mission_code.empty() ? sk->first.mission_code : ctx.actor.mission_code;
  if (!policy::Allowed(ctx.actor, policy::Action::kRecordSafety, mission)) return Error::Forbidden();
  if (sk->first.state != "active") return Error::Conflict("safety.crisis_closed");
  std::vector<FieldError> errors;
  const std::string n = Trim(name);
  if (n.empty()) errors.push_back({"name", "err.required"});
  if (n.size() > 200) errors.push_back({"name", "err.safety.too_long"});
  if (std::find(kTransportModes.begin(), kTransportModes.end(), mode) == kTransportModes.end()) {
    errors.push_back({"mode", "err.choice"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  store::TransportRow t;
  t.crisis_id = crisis_id;
  t.mission_code = mission;
  t.name = n;
  t.mode = mode;
  t.departure_at = departure_at;
  t.created_by = ctx.actor.account_id;
  t.created_at = safety_->clock().NowUnix();
  return safety_->store().CreateTransport(t);
}

Result<std::vector<store::TransportRow>> EvacuationService::Transports(const SafetyContext& ctx,
                                                                       int64_t crisis_id) {
  auto sk = safety_->StaffCrisis(ctx, crisis_id);
  if (!sk.ok()) return sk.take_error();
  return safety_->store().Transports(crisis_id, sk->second);
}

Result<std::vector<store::EvacEntry>> EvacuationService::Evacuees(const SafetyContext& ctx,
                                                                  int64_t crisis_id,
                                                                  int64_t transport_id) {
  auto sk = safety_->StaffCrisis(ctx, crisis_id);
  if (!sk.ok()) return sk.take_error();
  auto list = safety_->store().Evacuees(crisis_id, sk->second, transport_id);
  if (!list.ok()) return list.take_error();
  std::vector<int64_t> ids;
  for (const auto& e : *list) ids.push_back(e.citizen_id);
  PEDULI_TRY(safety_->audit().Record(ctx.actor, "crisis_evac_list", 0, kPurpose, ctx.ip,
                                     ctx.request_id, {{"crisis_id", crisis_id}, {"shown", ids.size()}},
                                     ids));
  return list;
}

Result<Manifest> EvacuationService::BuildManifest(const SafetyContext& ctx, int64_t crisis_id,
                                                  int64_t transport_id, const std::string& format) {
  auto sk = safety_->StaffCrisis(ctx, crisis_id);
  if (!sk.ok()) return sk.take_error();
  Manifest m;
  m.crisis = sk->first;
  if (transport_id > 0) {
    auto ts = safety_->store().Transports(crisis_id, sk->second);
    if (!ts.ok()) return ts.take_error();
    auto it = std::find_if(ts->begin(), ts->end(), [&](const auto& t) { return t.id == transport_id; });
    if (it == ts->end()) return Error::NotFound();
    m.transport = *it;
  }
  auto list = safety_->store().Evacuees(crisis_id, sk->second, transport_id > 0 ? transport_id : -1);
  if (!list.ok()) return list.take_error();
  const std::string today = Today(safety_->clock().NowUnix());
  std::vector<int64_t> ids;
  for (const auto& e : *list) {
    ids.push_back(e.citizen_id);
    ManifestLine l;
    l.citizen_id = e.citizen_id;
    l.name = e.name;
    l.birth_date = e.birth_date;
    l.destination = e.destination.empty() ? e.origin_regency : e.destination;
    l.needs_splp = NeedsSplp(e, today);
    if (!e.splp_number.empty()) {
      l.document = e.splp_number;
      l.document_kind = "splp";
    } else if (!e.passport_number.empty()) {
      l.document = e.passport_number;
      l.document_kind = "passport";
    }
    m.lines.push_back(l);
    for (const auto& f : e.family) {
      if (std::find(e.family_ids.begin(), e.family_ids.end(), f.id) == e.family_ids.end()) continue;
      ManifestLine fl;
      fl.citizen_id = e.citizen_id;
      fl.name = f.name;
      fl.relation = f.relation;
      fl.birth_date = f.birth_date;
      fl.destination = l.destination;
      // Lapor Diri holds no documents for family members: what the officer recorded at
      // marking, if anything.
      fl.needs_splp = FamilyNeedsSplp(e, f.id, today);
      if (auto d = e.family_documents.find(f.id); d != e.family_documents.end() &&
                                                  !d->second.passport_number.empty()) {
        fl.document = d->second.passport_number;
        fl.document_kind = "passport";
      }
      m.lines.push_back(fl);
    }
  }
  PEDULI_TRY(safety_->audit().Record(ctx.actor, "crisis_manifest_export", 0, kPurpose, ctx.ip,
                                     ctx.request_id,
                                     {{"crisis_id", crisis_id}, {"transport_id", transport_id},
                                      {"format", format}, {"lines", m.lines.size()}},
                                     ids));
  return m;
}

std::vector<std::string> ManifestHeader(const http::Catalog& texts, const std::string& lang) {
  std::vector<std::string> head;
  for (const char* k : {"no", "name", "relation", "document", "document_no", "birth_date",
                        "destination", "needs_splp"}) {
    head.push_back(texts.Text(lang, std::string("safety.manifest.col.") + k));
  }
  return head;
}

std::vector<std::string> ManifestCells(const http::Catalog& texts, const ManifestLine& l, size_t n,
                                       const std::string& lang) {
  const std::string kind = l.document_kind == "passport" ? texts.Text(lang, "safety.manifest.passport")
                           : l.document_kind == "splp"   ? std::string("SPLP")
                                                         : std::string("-");
  return {std::to_string(n), l.name, l.relation.empty() ? "-" : l.relation, kind,
          l.document.empty() ? "-" : l.document, l.birth_date.empty() ? "-" : l.birth_date,
          l.destination.empty() ? "-" : l.destination,
          l.needs_splp ? texts.Text(lang, "safety.manifest.yes") : "-"};
}

std::string ManifestTitle(const http::Catalog& texts, const Manifest& m, const std::string& lang) {
  std::string t = texts.Text(lang, "safety.manifest.title") + ": " +
                  (lang == "en" ? m.crisis.title_en : m.crisis.title_id);
  if (m.transport.id) t += " · " + m.transport.name + " (" + m.transport.mode + ")";
  return t;
}

Result<std::string> ManifestXlsx(const http::Catalog& texts, const Manifest& m, const std::string& lang) {
  return http::XlsxBytes("manifes", [&](lxw_worksheet* ws, lxw_format* bold) {
    worksheet_write_string(ws, 0, 0, ManifestTitle(texts, m, lang).c_str(), bold);
    const auto head = ManifestHeader(texts, lang);
    for (size_t c = 0; c < head.size(); ++c) {
      worksheet_write_string(ws, 2, static_cast<lxw_col_t>(c), head[c].c_str(), bold);
    }
    lxw_row_t row = 3;
    size_t n = 0;
    for (const auto& l : m.lines) {
      const auto cells = ManifestCells(texts, l, ++n, lang);
      for (size_t c = 0; c < cells.size(); ++c) {
        worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), cells[c].c_str(), nullptr);
      }
      ++row;
    }
  });
}

}  // namespace peduli::crisis
