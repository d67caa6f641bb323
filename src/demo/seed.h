#pragma once

#include "core/result.h"
#include "modules/accounts/second_factor.h"
#include "modules/accounts/service.h"
#include "modules/reference/service.h"
#include "modules/registry/service.h"
#include "store/db.h"

namespace peduli::demo {

// Demo accounts (README lists them; all passwords "peduli-demo-2026"):
inline constexpr const char* kDemoPassword = "peduli-demo-2026";
inline constexpr const char* kDemoCitizen = "warga@demo.peduli.test";      // has a Lapor Diri
inline constexpr const char* kDemoNewCitizen = "baru@demo.peduli.test";    // has none yet
// A second citizen with a mailbox in Kuala Lumpur: the crisis browser test (issue 9) needs two
// answers from emailed one-tap links ("safe" and "need help").
inline constexpr const char* kDemoNeighbour = "tetangga@demo.peduli.test";
inline constexpr const char* kDemoOfficerKl = "petugas.kl@demo.peduli.test";
inline constexpr const char* kDemoOfficerJeddah = "petugas.jeddah@demo.peduli.test";
inline constexpr const char* kDemoHq = "hq@demo.peduli.test";
inline constexpr const char* kDemoDpo = "dpo@demo.peduli.test";
inline constexpr const char* kDemoSupervisorKl = "supervisor.kl@demo.peduli.test";
inline constexpr const char* kDemoHqAdmin = "admin@demo.peduli.test";
inline constexpr const char* kDemoElectionKl = "pemilu.kl@demo.peduli.test";  // PPLN Kuala Lumpur

// Every demo staff account is enrolled in the TOTP second factor with this one secret
// (base32), so a person can add it to an authenticator app and tests can compute codes.
// DEMO ONLY: it is published in the README; real staff enrol their own secret.
inline constexpr const char* kDemoTotpSecret = "PEDULIWNIDEMOTOTPSECRET234567ABC";

// On a database without accounts: creates the demo accounts and a synthetic population
// (synthetic.h). Does nothing on a database that has accounts. With `second_factor`, the
// staff accounts are enrolled with kDemoTotpSecret.
Status SeedIfEmpty(store::Database& db, accounts::AccountsService& accounts,
                   registry::RegistryService& registry, const reference::ReferenceService& ref,
                   int population = 5000,
                   accounts::SecondFactorService* second_factor = nullptr);

}  // namespace peduli::demo
