#include "modules/election/demo.h"

namespace peduli::election {

Status SeedDemo(ElectionService& service, int64_t now) {
  auto existing = service.store().FindElection(kDemoElection);
  if (existing.ok()) return Status::Ok();
  if (existing.error().code != Code::kNotFound) return existing.take_error();
  auto id = service.store().CreateElection(
      {0, kDemoElection, "Pemilu 2029 (demo)", "2029-02-14", "2029-01-15", "open"}, now);
  if (!id.ok()) return id.take_error();
  auto v = service.Generate(kDemoElection, "KBRI-KUALA-LUMPUR", 0);
  if (!v.ok()) return v.take_error();
  return Status::Ok();
}

}  // namespace peduli::election
