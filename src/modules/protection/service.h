#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/mail/mailer.h"
#include "core/clock.h"
#include "core/result.h"
#include "modules/audit/service.h"
#include "modules/policy/policy.h"
#include "modules/reference/service.h"
#include "modules/search/service.h"
#include "store/accounts_store.h"
#include "store/protection_store.h"
#include "store/registry_store.h"

namespace peduli::protection {

// Who asks, from where: staff reads and writes are audited with it. A reporter without an
// account has account_id 0 and role "public"; another module acting on its own (crisis
// response) uses role "system".
struct Context {
  policy::Actor actor;
  std::string ip;
  std::string request_id;
};

// The lists of the issue (codes; labels are "protection.category.<code>" etc.).
extern const std::vector<std::string> kCategories;
extern const std::vector<std::string> kPriorities;  // urgent, high, normal, low
extern const std::vector<std::string> kRiskFlags;
extern const std::vector<std::string> kStates;      // new, triaged, in_progress, resolved, closed
extern const std::vector<std::string> kOutcomes;
extern const std::vector<std::string> kPartners;
extern const std::vector<std::string> kChannels;    // officer-opened: walk_in, hotline, news, other
extern const std::vector<std::string> kActionKinds; // what an officer adds by hand

// Trafficking, violence and death-penalty cases are restricted (their subject's name is
// masked for those who do not handle them).
bool IsRestrictedCategory(const std::string& category);
// The time allowed for each step of a case of this priority: urgent 4 h, high 24 h, normal
// 72 h, low 7 days. Overdue escalates to the mission's supervisor, and after as long again
// to HQ.
int64_t DeadlineSeconds(const std::string& priority);
int64_t HqGraceSeconds(const std::string& priority);
// "red" (overdue), "amber" (less than a quarter of the time left), "green", or "" (no
// deadline: resolved or closed).
std::string Rag(const store::CaseRow& c, int64_t now);
// "Siti Aminah" -> "S*** A***".
std::string MaskName(const std::string& name);
// "PW-" and 8 random base32 characters in two groups ("PW-K7QM-2XDA"): 40 random bits, so
// a tracking number says nothing about others.
std::string NewTrackingNumber();
// The default priority of a category reported by a citizen or the public.
std::string DefaultPriority(const std::string& category);

// What opens a case, from any source. ProtectionService::OpenCase is the one entry point
// (crisis response, issue 9, calls it with source "crisis" and an external_ref).
struct OpenRequest {
  std::string source = "officer";  // citizen, public, officer, panic, crisis
  std::string channel;             // officer: walk_in, hotline, news, other
  std::string category;
  std::string priority;            // "" = DefaultPriority(category)
  std::vector<std::string> risk_flags;
  std::string mission_code;        // "" = the actor's mission (officers)
  int64_t citizen_id = 0;          // a known Lapor Diri record, linked at once
  std::string external_ref;        // "crisis:<id>"
  // The person concerned, as reported.
  std::string subject_name, subject_nik, subject_passport, subject_birth_date;
  std::string country, location, employer, agency, phone, last_contact, summary, position;
  // Who reported.
  int64_t reporter_account_id = 0;
  std::string reporter_name, reporter_contact, reporter_relation;
  bool with_follow_link = false;   // public reports: a secret follow link
  std::string ip_hash;
};

struct Opened {
  store::CaseRow c;
  std::string follow_token;  // only for a new follow link; never stored in clear
};

// One step of a case as a reporter sees it: no internal notes, no names of staff.
struct PublicEntry {
  int64_t at = 0;
  std::string kind;      // report, state, note, contact, visit, legal_aid, referral, transfer
  std::string to_state;
  std::string outcome;
  std::string body;      // only for non-internal notes
};

struct PublicView {
  store::CaseRow c;  // the caller shows only tracking number, category, state, mission
  std::vector<PublicEntry> entries;
};
// The steps of `actions` a reporter may see (no internal ones, no staff names).
PublicView ToPublic(const store::CaseRow& c, const std::vector<store::CaseActionRow>& actions);

// A possible Lapor Diri record for the case's subject.
struct MatchProposal {
  int64_t citizen_id = 0;
  std::string name;
  std::string nik_masked;
  std::string birth_date;
  std::string mission_code;
  std::string reason;  // nik, name_birth_date
};

struct CaseView {
  store::CaseRow c;  // subject name and identifiers masked when name_masked
  std::vector<store::CaseActionRow> actions;
  std::vector<MatchProposal> proposals;
  std::string rag;
  bool name_masked = false;
  bool can_act = false;     // mission staff and the lock allows
  bool locked = false;      // assigned to someone else: only they and the supervisor act
  bool can_assign = false;  // the mission's supervisor
  bool can_reveal = false;  // masked, and the actor may reveal with a reason
};

struct QueuePage {
  std::vector<store::CaseRow> cases;  // names masked where the actor may not see them
  std::vector<bool> masked;           // parallel to cases
  int64_t next_after_due = 0, next_after_id = 0;  // 0 id: no more
};

// What an officer adds to a case (one action).
struct ActionInput {
  std::string kind;  // note, contact, visit, legal_aid, referral, state, reclassify
  std::string body;
  bool internal = true;
  std::string to_state, outcome;
  std::string amount;  // wages recovered, whole units, as typed
  std::string currency;
  // reclassify (re-triage): the new category and priority ("" keeps the current one). A
  // restricted category restricts the case; a case once restricted stays so. A new priority
  // restarts the step's deadline. Always internal: the reporter is not told.
  std::string category, priority;
};

// Referrals (tracked objects, migration 0022; src/modules/protection/referrals.cc).
extern const std::vector<std::string> kReferralTargets;  // mission, hq, partner
// What the receiver sees: "summary" (category, country, what happened, masked name),
// "contact" (+ the name, phone and location), "full" (+ identifiers, employer, agency and the
// public steps of the timeline). Internal notes never leave the referring mission.
extern const std::vector<std::string> kReferralScopes;
extern const std::vector<std::string> kReferralStates;  // pending, accepted, rejected, revoked, done

struct ReferralInput {
  std::string to_kind;       // mission, hq, partner
  std::string to_mission;    // mission: the receiving mission's code (hq: HQ-PWNI)
  std::string partner;       // partner: one of kPartners
  std::string partner_name;  // partner: which one
  std::string scope;         // one of kReferralScopes
  std::string reason;        // why (the receiver sees it)
  bool consent = false;      // the citizen consented
  bool override_consent = false;  // without consent: supervisors only, with a reason, audited
  std::string override_reason;
  // partner: where to send the secret link (optional; without it the referrer hands the
  // link over). Used for that one message only, never stored with the referral.
  std::string partner_email;
};

struct ReferralCreated {
  store::ReferralRow r;
  std::string link_token;  // partner: the secret link's token, shown once, never stored
};

// One referral as its receiver sees it: only what the scope allows.
struct ReferralView {
  store::ReferralRow r;          // link_hash cleared
  store::CaseRow c;              // only the scope's fields; the rest cleared
  bool name_masked = true;       // scope "summary"
  bool full = false;             // scope "full": identifiers and the public steps
  std::vector<PublicEntry> entries;  // scope "full": the steps a reporter sees
  bool can_decide = false;       // pending: accept or reject
  bool can_finish = false;       // accepted: done
};

// Protection cases: reporting from four doors, the console's queue and case page, the
// assignment lock, deadlines and escalation, masking of restricted cases, matching to
// Lapor Diri records, transfers between missions and referrals to partners.
// Access: policy kReadCases / kActOnCase / kAssignCase / kRevealRestricted on the case's
// mission; who may not read a case gets kNotFound, who may read but not act kForbidden.
// Thread-safe (state lives in the stores).
class ProtectionService {
 public:
  // None owned; all must outlive the service. `accounts` finds who is told of a step
  // (messages go through the outbox, notify.cc).
  ProtectionService(store::ProtectionStore* store, store::RegistryStore* records,
                    search::SearchService* search, store::AccountsStore* accounts,
                    audit::AuditService* audit, const reference::ReferenceService* ref,
                    const Clock* clock)
      : store_(store), records_(records), search_(search), accounts_(accounts), audit_(audit),
        ref_(ref), clock_(clock) {}

  // Called after a committed step queued messages (main.cc wakes the outbox's sender).
  void OnQueued(std::function<void()> f) { on_queued_ = std::move(f); }

  // Validates and opens a case (field errors "category", "priority", "subject_name",
  // "summary", "mission", ...). Staff openers need kActOnCase on the mission; "system"
  // (another module) and the reporting doors below need nothing. In the same transaction it
  // queues the reporter's message (public, citizen and panic reports) and, for an urgent
  // case, the mission's duty officers' (notify.cc).
  Result<Opened> OpenCase(const Context& ctx, OpenRequest r);

  // A report without an account (/lapor-kasus). `honeypot` is a field people never fill:
  // when it is not empty nothing is stored and a made-up tracking number is returned.
  // kTooMany "protection.too_many" beyond kPublicReportsPerHour from one address.
  Result<Opened> ReportPublic(const Context& ctx, OpenRequest r, const std::string& honeypot);
  static constexpr int64_t kPublicReportsPerHour = 5;
  // A signed-in citizen's report (/lindungi); prefilled from Lapor Diri by Prefill.
  Result<Opened> ReportAsCitizen(const Context& ctx, OpenRequest r);
  // What /lindungi starts from: mission, country, location, phone, employer and agency of
  // the citizen's current stay. kNotFound without a record.
  Result<OpenRequest> Prefill(int64_t account_id);
  // The panic button: an urgent case at the mission of the citizen's current stay (HQ
  // without a record) with its location and phone and the optional shared `position`
  // ("lat,lon"). A second press within 15 minutes adds to the same case. Notifies the
  // mission's duty officers.
  Result<Opened> Panic(const Context& ctx, const std::string& position);

  // The reporter's view through the follow link's secret; kNotFound for an unknown one.
  Result<PublicView> Follow(const std::string& token);
  // The signed-in citizen's own reports.
  Result<std::vector<store::CaseRow>> MyCases(int64_t account_id);
  Result<PublicView> MyCase(int64_t account_id, int64_t case_id);

  // The queue of the actor's scope (HQ: all; `min_escalation` 2: escalated to HQ). Runs the
  // escalation first. Audited (names of linked citizens).
  Result<QueuePage> Queue(const Context& ctx, store::CaseFilter f);
  // One page of the whole queue under `f` for an export (`format`: "csv", "xlsx"): masked
  // as the queue, audited ("export_cases", with the format and the page's case ids) before
  // it is returned; page after page by the keyset in `next_after_*`. At most
  // kExportPageMax rows a page.
  Result<QueuePage> ExportPage(const Context& ctx, store::CaseFilter f, const std::string& format);
  static constexpr int kExportPageMax = 1000;
  // One case with its timeline and match proposals. Audited before returned.
  Result<CaseView> Get(const Context& ctx, int64_t id);
  // Appends an officer's action. kInvalid with fields "kind", "body", "to_state",
  // "outcome", "amount", "partner", "consent"; kForbidden "protection.locked" when the case
  // is assigned to another officer.
  Result<store::CaseRow> Act(const Context& ctx, int64_t id, const ActionInput& in);
  // Assigns (the lock) to an officer or supervisor of the case's mission; 0 releases.
  Result<store::CaseRow> Assign(const Context& ctx, int64_t id, int64_t assignee_account_id);
  // Hands the case to another mission (or HQ-PWNI). The receiving mission owns it from now
  // on; the sender no longer reads it. Unassigns it and restarts its deadline.
  Result<store::CaseRow> Transfer(const Context& ctx, int64_t id, const std::string& to_mission,
                                  const std::string& reason);
  // Links the case to a Lapor Diri record the officer confirmed (which the officer may
  // read).
  Result<store::CaseRow> ConfirmMatch(const Context& ctx, int64_t id, int64_t citizen_id);
  // The unmasked name of a restricted case, for a stated reason (required, "reason"):
  // recorded as an internal action and in the audit log.
  Result<std::string> Reveal(const Context& ctx, int64_t id, const std::string& reason);

  // ---- referrals (referrals.cc) ----
  // Refers the case (the referring mission's staff, under the lock). Field errors "to_kind",
  // "to_mission", "partner", "partner_name", "scope", "reason", "consent",
  // "override_reason". Without the citizen's consent only a supervisor may refer, with a
  // reason: audited as "case_referral_consent_override". A partner gets a secret link.
  Result<ReferralCreated> Refer(const Context& ctx, int64_t case_id, const ReferralInput& in);
  // The case's referrals, for those who read the case (audited with the case's read).
  Result<std::vector<store::ReferralRow>> CaseReferrals(const Context& ctx, int64_t case_id);
  // The referring mission withdraws a pending or accepted referral (kConflict otherwise).
  Result<store::ReferralRow> Revoke(const Context& ctx, int64_t case_id, int64_t referral_id,
                                    const std::string& note);
  // The receiving mission's staff: "accept" or "reject" a pending referral, "done" an
  // accepted one. kNotFound for who is not the receiver (or `case_id` not its case, when
  // not 0); kConflict "protection.referral.bad_transition" for a move its state forbids.
  Result<store::ReferralRow> Decide(const Context& ctx, int64_t case_id, int64_t referral_id,
                                    const std::string& decision, const std::string& note);
  // Referrals to the actor's mission (HQ: to every mission), newest first; audited.
  Result<std::vector<std::pair<store::ReferralRow, store::CaseRow>>> Incoming(
      const Context& ctx, bool open_only);
  // The receiver's limited view; audited ("read_referral") before it is returned.
  Result<ReferralView> IncomingView(const Context& ctx, int64_t referral_id);
  // A partner through its secret link (no account): the same limited view, and its
  // decisions. kNotFound for an unknown token.
  Result<ReferralView> PartnerView(const Context& ctx, const std::string& token);
  Result<store::ReferralRow> PartnerDecide(const Context& ctx, const std::string& token,
                                           const std::string& decision, const std::string& note);

  // ---- the BP2MI risk list (risk.cc) ----
  // Workers of the actor's scope flagged by BP2MI and not yet reviewed (names: audited
  // "read_risk_list" before returned). A mission sees only its own.
  // `mission` "" = the actor's scope; another mission than the actor's: kForbidden.
  Result<std::vector<store::RiskRow>> RiskList(const Context& ctx, const std::string& mission = "");
  // Marks the worker's current verdict reviewed with a note (required): mission staff.
  // kNotFound when the worker is not on the actor's list.
  Status ReviewRisk(const Context& ctx, int64_t citizen_id, const std::string& note);
  // Opens a case at the worker's mission prefilled from their record and the verdict
  // (category "contract", the risks in the summary) and marks the verdict reviewed.
  Result<Opened> OpenFromRisk(const Context& ctx, int64_t citizen_id);

  // ---- the HQ dashboard ----
  // Counts by mission x category x state, overdue, escalated and restricted (no names).
  // HQ for every mission (`mission` filter optional); mission staff for their own.
  Result<std::vector<store::CaseCountRow>> Dashboard(const Context& ctx, std::string mission,
                                                     const std::string& category);

  // Raises overdue cases (store::ProtectionStore::Escalate); each raise queues a message to
  // the mission's duty officers (and HQ's, at level 2) in its transaction. Run on every
  // queue read and by a periodic job.
  Result<int> EscalateOverdue();

  // Officers and supervisors of `mission` who may be assigned a case: (account id, name).
  std::vector<std::pair<int64_t, std::string>> Assignees(const std::string& mission);

  const reference::ReferenceService& reference() const { return *ref_; }
  int64_t Now() const { return clock_->NowUnix(); }

 private:
  // One page of the actor's scope under `f` (f.limit rows), masked, audited as `action`.
  Result<QueuePage> ListPage(const Context& ctx, store::CaseFilter f, const char* action,
                             nlohmann::json details);
  // Trims `r`, fills its default priority, and returns its field errors.
  std::vector<FieldError> Check(OpenRequest& r) const;
  // The case if the actor may read it (kNotFound otherwise).
  Result<store::CaseRow> Readable(const Context& ctx, int64_t id);
  // Whether the actor sees the subject's name unmasked.
  bool SeesName(const policy::Actor& a, const store::CaseRow& c) const;
  // kForbidden unless the actor may act on it now (mission staff, the lock).
  Status MayAct(const Context& ctx, const store::CaseRow& c) const;
  store::CaseActionRow ActionBy(const Context& ctx, const std::string& kind) const;
  std::vector<MatchProposal> Proposals(const Context& ctx, const store::CaseRow& c);
  // A receiver's move (accept, reject, done) on `r`, recorded and audited.
  Result<store::ReferralRow> Move(const Context& ctx, const store::ReferralRow& r,
                                  const std::string& decision, const std::string& note,
                                  bool by_receiver);
  Result<ReferralView> ViewOf(const store::ReferralRow& r, bool may_decide);

  // ---- messages (notify.cc) ----
  // Queued inside the step's transaction (the store's `within` hooks), so a committed step
  // has its messages and a rolled-back one none. None carries personal data: the tracking
  // number, the state in plain words, a link; never a name, the story, a note's text or the
  // reporter's follow link. Dedup keys name the case, the step and the recipient.
  // Who hears of a case's public steps (the steps ToPublic shows).
  struct Reporter {
    std::string email;       // a public reporter's address, or the reporting citizen's
    std::string phone;       // a public reporter's number (E.164): SMS
    int64_t account_id = 0;  // the reporting citizen: the portal inbox
    std::string locale;      // the account's language; "" unknown (Indonesian, English below)
  };
  // The reporting account, or a public report's contact read as an email address or a
  // phone number (libphonenumber, read as Indonesian when written nationally: family
  // reports come from home). Looked up before the write's transaction.
  Reporter ReporterOf(const store::CaseRow& c);
  // The reporter's messages of one step ("report", "state", "note", "contact", "visit",
  // "legal_aid", "linked"), keyed by `step_key`.
  Status QueueStep(store::Connection& c, const store::CaseRow& after, const Reporter& to,
                   const std::string& step, const std::string& step_key) const;
  // The duty officers of the case's mission (its supervisors, or its officers when it has
  // none: there is no rota yet); `why`: urgent, panic, transfer, escalated, escalated_hq (HQ's
  // users too).
  Status QueueDuty(store::Connection& c, const store::CaseRow& after, const std::string& why,
                   const std::string& step_key) const;
  // A referral's messages: a new one to its receiver (the mission's duty officers, HQ's
  // users, or the partner's `partner_email` with the secret link `link_token`); accepted,
  // rejected or done to the referring mission's duty officers.
  Status QueueReferral(store::Connection& c, const store::ReferralRow& r,
                       const std::string& tracking, const std::string& partner_email,
                       const std::string& link_token) const;
  // After a commit that queued something.
  void Queued() const {
    if (on_queued_) on_queued_();
  }

  store::ProtectionStore* store_;
  store::RegistryStore* records_;
  search::SearchService* search_;
  store::AccountsStore* accounts_;
  audit::AuditService* audit_;
  const reference::ReferenceService* ref_;
  const Clock* clock_;
  std::function<void()> on_queued_;
};

}  // namespace peduli::protection
