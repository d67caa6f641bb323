#include "modules/outbox/outbox.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/log.h"

namespace peduli::outbox {
namespace {

class FileTextGateway : public TextGateway {
 public:
  FileTextGateway(std::string dir, const Clock* clock) : dir_(std::move(dir)), clock_(clock) {}

  Status Send(const std::string& channel, const std::string& to, const std::string& text) override {
    if (channel != "sms" && channel != "whatsapp") return Error::Invalid("channel", "unknown channel");
    std::lock_guard<std::mutex> lock(mu_);
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    std::ofstream out(dir_ + "/" + channel + ".jsonl", std::ios::app);
    if (!out) return Error{Code::kUnavailable, "gateway file not writable", {}};
    out << nlohmann::json{{"at", clock_->NowUnix()}, {"channel", channel}, {"to", to}, {"text", text}}.dump()
        << "\n";
    out.flush();
    if (!out) return Error{Code::kUnavailable, "gateway write failed", {}};
    return Status::Ok();
  }

 private:
  std::string dir_;
  const Clock* clock_;
  std::mutex mu_;
};

}  // namespace

std::unique_ptr<TextGateway> MakeFileTextGateway(std::string dir, const Clock* clock) {
  return std::make_unique<FileTextGateway>(std::move(dir), clock);
}

Result<Rendered> Renderers::Render(const store::OutboxRow& row) const {
  auto it = by_kind_.find(row.m.kind);
  if (it == by_kind_.end()) return Error::NotFound("outbox: no renderer for " + row.m.kind);
  return it->second(row);
}

Status Sender::Deliver(const store::OutboxRow& row, const Rendered& text) {
  const auto& ch = row.m.channel;
  if (ch == "email") {
    if (!mailer_) return Error{Code::kUnavailable, "no mailer", {}};
    return mailer_->Send({row.m.recipient, text.subject, text.text});
  }
  if (ch == "sms" || ch == "whatsapp") {
    if (!texts_) return Error{Code::kUnavailable, "no text gateway", {}};
    return texts_->Send(ch, row.m.recipient, text.text);
  }
  if (ch == "portal") return Status::Ok();  // the inbox shows it
  return Error::NotFound("outbox: unknown channel " + ch);
}

int Sender::RunChannel(const std::string& channel, int limit) {
  if (limit <= 0) return 0;
  const int64_t now = clock_->NowUnix();
  // External channels (a mail server's, an SMS or WhatsApp gateway's contract) are limited
  // for all servers together; portal messages only touch this database.
  auto due = store_->Lease(channel, now, 300, limit, channel != "portal");
  if (!due.ok()) {
    log::Warn("outbox_lease_failed", {{"channel", channel}});
    return 0;
  }
  int sent = 0;
  for (const auto& row : *due) {
    Status s;
    bool permanent = false;
    if (channel == "portal") {
      s = Status::Ok();
    } else {
      auto text = renderers_->Render(row);
      if (!text.ok()) {
        s = text.take_error();
        permanent = true;  // what it was about is gone; trying again will not help
      } else {
        s = Deliver(row, *text);
      }
    }
    if (s.ok()) {
      if (store_->MarkSent(row.id, clock_->NowUnix()).ok()) ++sent;
      continue;
    }
    // row.attempts counts this one.
    const bool give_up = permanent || row.attempts >= limits_.max_attempts;
    const int64_t delay = std::min<int64_t>(
        limits_.retry_base_seconds << std::min<int64_t>(row.attempts - 1, 20), 6 * 3600);
    (void)store_->MarkFailed(row.id, clock_->NowUnix() + delay, s.error().message, give_up);
    log::Warn("outbox_send_failed", {{"id", row.id}, {"channel", channel}, {"kind", row.m.kind},
                                     {"attempts", row.attempts}, {"gave_up", give_up}});
  }
  return sent;
}

int Sender::RunOnce() {
  return RunChannel("email", limits_.email) + RunChannel("sms", limits_.sms) +
         RunChannel("whatsapp", limits_.whatsapp) + RunChannel("portal", limits_.portal);
}

void Sender::Start() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (thread_.joinable()) return;
    stop_ = false;
  }
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      lock.unlock();
      const auto tick = std::chrono::steady_clock::now();
      const int sent = RunOnce();
      lock.lock();
      woken_ = false;
      // A full tick's worth sent: more may be due, so go on at the next second; otherwise
      // wait for a wake-up or five seconds.
      const auto until = tick + std::chrono::seconds(sent > 0 ? 1 : 5);
      // A wake-up never shortens a full tick, so the rates hold.
      cv_.wait_until(lock, until, [this, sent] { return stop_ || (woken_ && sent == 0); });
    }
  });
}

void Sender::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Sender::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace peduli::outbox
