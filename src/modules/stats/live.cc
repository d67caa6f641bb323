#include "modules/stats/live.h"

#include <atomic>

#include "store/stats_store.h"

namespace peduli::stats {

namespace {
// Requests waiting now, across every live page.
std::atomic<int> g_waiting{0};
}  // namespace

http::Response LiveEvent(http::Request& req, int max_streams, const std::string& event,
                         const std::function<Result<nlohmann::json>()>& read,
                         const http::Templates& templates) {
  uint64_t generation = store::StatsGeneration();
  int retry = 200;
  auto last = req.Header("last-event-id");
  if (last && *last == std::to_string(generation)) {
    if (g_waiting.fetch_add(1) < max_streams) {
      generation = store::WaitStatsChanged(generation, 20000);
    } else {
      retry = 5000;
    }
    g_waiting.fetch_sub(1);
  }
  std::string body = "retry: " + std::to_string(retry) + "\n";
  if (!last || *last != std::to_string(generation)) {
    auto data = read();
    if (!data.ok()) return http::ErrorResponse(req, data.error(), templates);
    body += "id: " + std::to_string(generation) + "\nevent: " + event + "\ndata: " + data->dump() + "\n\n";
  } else {
    body += "id: " + std::to_string(generation) + "\n: nothing new\n\n";
  }
  http::Response res = http::Response::Text(std::move(body), "text/event-stream; charset=utf-8");
  res.Set("Cache-Control", "no-store");
  return res;
}

}  // namespace peduli::stats
