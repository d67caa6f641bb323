#include "modules/stats/live.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "store/stats_store.h"

namespace peduli::stats {

namespace {

using Clock = std::chrono::steady_clock;

// Requests waiting now, across every live page.
std::atomic<int> g_waiting{0};

// The waiting requests, a watcher that wakes on every counter change (or every 250 ms, for
// the 20 s deadlines), and two workers that run the due requests' reads and send them.
class Hub {
 public:
  static Hub& Get() {
    static Hub* hub = new Hub();  // never destroyed: StopLive() ends its threads
    return *hub;
  }

  // `fire` runs once on a worker when the generation is no longer `seen` or at the deadline.
  void Wait(uint64_t seen, std::function<void()> fire) {
    std::lock_guard<std::mutex> l(mu_);
    if (stopped_) return;
    if (threads_.empty()) {
      threads_.emplace_back([this] { Watch(); });
      for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { Work(); });
    }
    waiting_.push_back({seen, Clock::now() + std::chrono::seconds(20), std::move(fire)});
  }

  void Stop() {
    std::vector<std::thread> threads;
    {
      std::lock_guard<std::mutex> l(mu_);
      stopped_ = true;
      waiting_.clear();
      due_.clear();
      threads.swap(threads_);
    }
    cv_.notify_all();
    for (auto& t : threads) t.join();  // the watcher wakes within 250 ms
  }

 private:
  struct Waiter {
    uint64_t seen;
    Clock::time_point deadline;
    std::function<void()> fire;
  };

  void Watch() {
    uint64_t generation = store::StatsGeneration();
    for (;;) {
      generation = store::WaitStatsChanged(generation, 250);
      const auto now = Clock::now();
      std::lock_guard<std::mutex> l(mu_);
      if (stopped_) return;
      bool any = false;
      for (auto it = waiting_.begin(); it != waiting_.end();) {
        if (it->seen != generation || it->deadline <= now) {
          due_.push_back(std::move(it->fire));
          it = waiting_.erase(it);
          any = true;
        } else {
          ++it;
        }
      }
      if (any) cv_.notify_all();
    }
  }

  void Work() {
    std::unique_lock<std::mutex> l(mu_);
    for (;;) {
      cv_.wait(l, [this] { return stopped_ || !due_.empty(); });
      if (stopped_) return;
      auto fire = std::move(due_.front());
      due_.pop_front();
      l.unlock();
      fire();
      l.lock();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopped_ = false;
  std::vector<Waiter> waiting_;
  std::deque<std::function<void()>> due_;
  std::vector<std::thread> threads_;
};

// The event for a client whose last id is `last` ("" for none): the data when the counters
// moved past it, else a comment that keeps the id.
http::Response Answer(const http::Request& req, const std::string& last, int retry,
                      const std::string& event,
                      const std::function<Result<nlohmann::json>()>& read,
                      const http::Templates& templates) {
  const uint64_t generation = store::StatsGeneration();
  std::string body = "retry: " + std::to_string(retry) + "\n";
  if (last != std::to_string(generation)) {
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

}  // namespace

http::Response LiveEvent(http::Request& req, int max_waiters, const std::string& event,
                         std::function<Result<nlohmann::json>()> read,
                         const http::Templates& templates) {
  const uint64_t generation = store::StatsGeneration();
  const std::string last = req.Header("last-event-id").value_or("");
  if (last != std::to_string(generation)) return Answer(req, last, 200, event, read, templates);
  if (g_waiting.fetch_add(1) >= max_waiters) {
    g_waiting.fetch_sub(1);
    return Answer(req, last, 5000, event, read, templates);
  }
  http::Response res = http::Response::Text("", "text/event-stream; charset=utf-8");
  res.Set("Cache-Control", "no-store");
  const http::Templates* t = &templates;
  res.later = [req, last, generation, event, read = std::move(read), t](
                  std::function<void(http::Response)> send) {
    Hub::Get().Wait(generation, [req, last, event, read, t, send = std::move(send)] {
      g_waiting.fetch_sub(1);
      send(Answer(req, last, 200, event, read, *t));
    });
  };
  return res;
}

void StopLive() { Hub::Get().Stop(); }

}  // namespace peduli::stats
