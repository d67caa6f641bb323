#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace peduli {

// Request counts and latency histograms by route, and calls to outside systems, in the
// Prometheus text format.
// Thread-safe. Labels are route patterns, never concrete paths, so no personal data or
// unbounded cardinality reaches /metrics.
class Metrics {
 public:
  void ObserveRequest(const std::string& method, const std::string& route, int status,
                      double seconds);
  // Calls to outside systems (mail, registries): system, outcome, latency.
  void ObserveExternal(const std::string& system, const std::string& outcome, double seconds);
  // A value that goes up and down (queue depth). `labels` is `name="value",...`.
  void SetGauge(const std::string& name, const std::string& labels, double value);
  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1,    2.5,   10};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
    void Observe(double s);
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
  std::map<std::pair<std::string, std::string>, Histogram> external_;
  std::map<std::string, std::map<std::string, double>> gauges_;
};

}  // namespace peduli
