#include "core/metrics.h"

#include <sstream>

namespace peduli {

void Metrics::Histogram::Observe(double s) {
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (s <= kBuckets[i]) ++buckets[i];
  }
  ++count;
  sum += s;
}

void Metrics::ObserveRequest(const std::string& method, const std::string& route, int status,
                             double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{method, route, status}];
  latency_[{method, route}].Observe(seconds);
}

void Metrics::ObserveExternal(const std::string& system, const std::string& outcome,
                              double seconds) {
  std::lock_guard lock(mu_);
  external_[{system, outcome}].Observe(seconds);
}

namespace {
void WriteHistogram(std::ostringstream& o, const std::string& name, const std::string& labels,
                    const auto& h, const auto& bounds) {
  for (size_t i = 0; i < bounds.size(); ++i) {
    o << name << "_bucket{" << labels << ",le=\"" << bounds[i] << "\"} " << h.buckets[i] << "\n";
  }
  o << name << "_bucket{" << labels << ",le=\"+Inf\"} " << h.count << "\n";
  o << name << "_sum{" << labels << "} " << h.sum << "\n";
  o << name << "_count{" << labels << "} " << h.count << "\n";
}
}  // namespace

void Metrics::SetGauge(const std::string& name, const std::string& labels, double value) {
  std::lock_guard lock(mu_);
  gauges_[name][labels] = value;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::ostringstream o;
  o << "# HELP peduli_http_requests_total HTTP requests by method, route and status.\n"
    << "# TYPE peduli_http_requests_total counter\n";
  for (const auto& [k, n] : requests_) {
    o << "peduli_http_requests_total{method=\"" << std::get<0>(k) << "\",route=\""
      << std::get<1>(k) << "\",status=\"" << std::get<2>(k) << "\"} " << n << "\n";
  }
  o << "# HELP peduli_http_request_duration_seconds HTTP request latency by route.\n"
    << "# TYPE peduli_http_request_duration_seconds histogram\n";
  for (const auto& [k, h] : latency_) {
    WriteHistogram(o, "peduli_http_request_duration_seconds",
                   "method=\"" + k.first + "\",route=\"" + k.second + "\"", h, kBuckets);
  }
  o << "# HELP peduli_external_call_duration_seconds Calls to outside systems.\n"
    << "# TYPE peduli_external_call_duration_seconds histogram\n";
  for (const auto& [k, h] : external_) {
    WriteHistogram(o, "peduli_external_call_duration_seconds",
                   "system=\"" + k.first + "\",outcome=\"" + k.second + "\"", h, kBuckets);
  }
  for (const auto& [name, series] : gauges_) {
    o << "# TYPE " << name << " gauge\n";
    for (const auto& [labels, v] : series) o << name << "{" << labels << "} " << v << "\n";
  }
  return o.str();
}

}  // namespace peduli
