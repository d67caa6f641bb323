#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace peduli::services {

// What an online payment provider would implement (issue 5: "no payment gateway is needed;
// the interface for one is"). None is wired today: fees are recorded at the counter
// (ServicesService::RecordPayment, method cash | card | transfer). A provider's confirmation
// would be recorded the same way with method "gateway" and its reference as the receipt.
class PaymentGateway {
 public:
  virtual ~PaymentGateway() = default;
  struct Checkout {
    std::string redirect_url;  // where the citizen pays
    std::string reference;     // the provider's id of this payment
  };
  // Starts paying `amount_minor` in `currency` for application `application_id`; the
  // provider calls back (or is polled) with the reference. kUnavailable when it is down.
  virtual Result<Checkout> Start(int64_t application_id, int64_t amount_minor,
                                 const std::string& currency, const std::string& return_url) = 0;
  // Whether the payment with `reference` is settled.
  virtual Result<bool> Settled(const std::string& reference) = 0;
};

}  // namespace peduli::services
