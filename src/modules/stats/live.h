#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "http/pipeline.h"
#include "http/templates.h"

namespace peduli::stats {

// How many requests may wait for a change at once, across every live page. A waiting
// request holds a socket and a closure, not a thread.
inline constexpr int kMaxLiveWaiters = 4096;

// Server-Sent Events in answers of one event each: each response carries one event and
// ends; EventSource reconnects after `retry` ms with Last-Event-ID, and a request whose id is
// the current generation waits (up to 20 s) for the counters to change past it
// (store::NotifyStatsChanged, called by every counted write after its commit). Waiting
// holds no thread (http::Response::later): one watcher thread sees the change and a few
// workers read and send the waiting pages' events, so a write is seen within one read of
// the change, and hundreds of officers' pages can wait during a crisis. Beyond
// `max_waiters` a request gets the current data at once and a longer retry.
//
// `read` gives the event's data, on another thread after the request has returned: it must
// own what it uses (capture by value). Its error becomes the error page. The statistics
// dashboard and the crisis counts both stream through this.
http::Response LiveEvent(http::Request& req, int max_waiters, const std::string& event,
                         std::function<Result<nlohmann::json>()> read,
                         const http::Templates& templates);

// Stops the watcher and workers and drops the waiting requests unanswered; before the
// stores `read` uses are destroyed (main, after the server stops).
void StopLive();

}  // namespace peduli::stats
