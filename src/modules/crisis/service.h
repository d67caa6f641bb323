#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "modules/audit/service.h"
#include "modules/crisis/area.h"
#include "modules/crisis/audience.h"
#include "modules/crisis/safety_token.h"
#include "modules/outbox/outbox.h"
#include "modules/policy/policy.h"
#include "modules/reference/service.h"
#include "store/crisis_store.h"
#include "store/outbox_store.h"

namespace peduli::crisis {

struct Context {
  policy::Actor actor;
  std::string ip;
  std::string request_id;
};

inline const std::vector<std::string> kLevels = {"information", "caution", "danger", "evacuate"};
// The text channels an alert can use (CrisisRow::text_channels), the default first: SMS
// reaches a prepaid phone with no data; both at once doubles every phone's messages.
inline const std::vector<std::string> kTextChannels = {"sms", "whatsapp", "sms,whatsapp", "none"};

// What an officer writes. `area` is the JSON of area.h.
struct CrisisInput {
  std::string level;
  std::string title_id, title_en, text_id, text_en;
  std::string area;
  std::vector<std::string> categories;  // stay categories; empty = everyone
  bool safety_check = false;
  std::string text_channels = "sms";  // one of kTextChannels
};

struct CrisisView {
  store::CrisisRow c;
  Area area;
  std::vector<std::string> categories;
  bool can_manage = false;
  std::vector<store::CrisisAlertRow> alerts;
  store::OutboxCounts delivery;
  std::map<std::string, int64_t> placed;  // fixed audience by placement (after sending)
  std::map<std::string, int64_t> missions;  // fixed audience by mission
};

// Crisis alerts (issue 9, item 1): HQ writes crises for any area (mission_code ""), a
// mission's supervisor for its own jurisdiction (policy kManageCrisis); HQ and the
// mission's staff read them (kReadCrisis; others get kNotFound). Sending fixes the audience
// the first time and queues the alert in the outbox for everyone in it.
class CrisisService {
 public:
  // None owned. `tokens` may be null until the safety side is wired: alerts then go out
  // without a one-tap link.
  CrisisService(store::CrisisStore* store, store::OutboxStore* outbox,
                const reference::ReferenceService* ref, const Places* places,
                audit::AuditService* audit, const Clock* clock, std::string base_url)
      : store_(store), outbox_(outbox), ref_(ref), places_(places), audit_(audit), clock_(clock),
        base_url_(std::move(base_url)) {}
  void SetSafetyTokens(const SafetyTokens* tokens) { tokens_ = tokens; }
  // Called after a send has queued messages (wakes the outbox sender).
  void OnQueued(std::function<void()> fn) { on_queued_ = std::move(fn); }

  // kInvalid with field errors; kForbidden when the actor may not write crises.
  Result<int64_t> Create(const Context& ctx, const CrisisInput& in);
  Status Update(const Context& ctx, int64_t id, const CrisisInput& in);
  Result<CrisisView> Get(const Context& ctx, int64_t id);
  Result<std::vector<store::CrisisRow>> List(const Context& ctx);
  // Who the crisis reaches: computed now for a draft, the fixed audience once sent
  // (plus its placement counts). Counts only; no personal data.
  Result<Reach> Preview(const Context& ctx, int64_t id);
  // Sends the crisis's current text as an alert (audited). kConflict when closed.
  Result<store::CrisisStore::SendResult> Send(const Context& ctx, int64_t id);

  // The outbox renderer of kind "crisis_alert": both languages, and the one-tap safety
  // link when the alert asks for a safety check.
  Result<outbox::Rendered> RenderAlert(const store::OutboxRow& row) const;

  // Whether the actor may write a crisis for `mission_code` ("" = HQ's).
  bool MayManage(const Context& ctx, const std::string& mission_code) const;
  const reference::ReferenceService& ref() const { return *ref_; }
  int64_t Now() const { return clock_->NowUnix(); }

 private:
  Status Validate(const Context& ctx, const std::string& mission, const CrisisInput& in,
                  Area* area) const;
  Result<store::CrisisRow> Load(const Context& ctx, int64_t id) const;
  Status Collect(const store::CrisisRow& c, AudienceBuilder* b) const;

  store::CrisisStore* store_;
  store::OutboxStore* outbox_;
  const reference::ReferenceService* ref_;
  const Places* places_;
  audit::AuditService* audit_;
  const Clock* clock_;
  std::string base_url_;
  const SafetyTokens* tokens_ = nullptr;
  std::function<void()> on_queued_;
};

// The categories JSON of a crisis ("[]" = everyone) as a list.
std::vector<std::string> ParseCategories(const std::string& json_text);

}  // namespace peduli::crisis
