#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "http/pipeline.h"
#include "http/templates.h"

namespace peduli::stats {

// Server-Sent Events without holding a connection open in the HTTP layer (it answers whole
// bodies): each response carries one event and ends; EventSource reconnects after `retry` ms
// with Last-Event-ID, and that request waits (up to 20 s) for the counters to change past
// that generation (store::WaitStatsChanged; every counted write notifies after its commit).
// A write is seen within the wake-up plus one read: well under a second. At most
// `max_streams` requests wait at once across every live page (each holds a worker thread);
// the others get the current data at once and a longer retry.
//
// `read` gives the event's data; its error becomes the error page. The statistics dashboard
// and the crisis counts both stream through this.
http::Response LiveEvent(http::Request& req, int max_streams, const std::string& event,
                         const std::function<Result<nlohmann::json>()>& read,
                         const http::Templates& templates);

}  // namespace peduli::stats
