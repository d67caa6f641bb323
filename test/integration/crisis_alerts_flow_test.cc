// Crisis alerts (issue 9, item 1) through the real server process, on every backend: HQ
// writes an alert for Kuala Lumpur, previews its reach, sends it; the delivery counts move as the
// outbox sender works; the demo citizen finds it in the in-portal inbox; another mission's
// officer learns nothing of a mission's crisis; the form works without JavaScript.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/server_process.h"
#include "support/sign_in.h"
#include "support/test_db.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

const char* kJson = "Content-Type: application/json";

class CrisisAlertsFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam(), 2);
    server_ = std::make_unique<ServerProcess>(db_->dir(), db_->url(), std::vector<std::string>{"--demo"});
    hq_ = StaffSignIn(server_->url(), "hq@demo.peduli.test");
    ASSERT_FALSE(hq_.empty());
  }
  HttpResult Call(const std::string& method, const std::string& path, const std::string& token,
                  const std::string& body = "") {
    return HttpCall(method, server_->url() + path, body, {kJson, "Authorization: Bearer " + token});
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::string hq_;
};

TEST_P(CrisisAlertsFlow, WritePreviewSendDeliver) {
  json in = {{"level", "danger"}, {"title_id", "Banjir di Kuala Lumpur"}, {"title_en", "Floods in Kuala Lumpur"},
             {"text_id", "Hindari daerah rendah."}, {"text_en", "Avoid low-lying areas."},
             {"area", {{"subdivisions", {"MY-14"}}}}, {"categories", json::array()},
             {"safety_check", true}};
  auto created = Call("POST", "/api/v1/crises", hq_, in.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = json::parse(created.body)["id"];
  const std::string base = "/api/v1/crises/" + std::to_string(id);

  auto bad = Call("POST", "/api/v1/crises", hq_, json{{"level", "danger"}, {"area", {{"countries", {"XX"}}}}}.dump());
  EXPECT_EQ(bad.status, 422) << bad.body;
  // Text channels: SMS unless the writer chooses; the choice is a list, and an unknown
  // channel is the field's error.
  EXPECT_EQ(json::parse(Call("GET", base, hq_).body)["text_channels"], json::array({"sms"}));
  json pager = in;
  pager["text_channels"] = {"sms", "pager"};
  auto refused = Call("POST", "/api/v1/crises", hq_, pager.dump());
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("text_channels"), std::string::npos) << refused.body;
  json both = in;
  both["text_channels"] = {"whatsapp", "sms"};
  auto other = Call("POST", "/api/v1/crises", hq_, both.dump());
  ASSERT_EQ(other.status, 201) << other.body;
  const std::string other_path =
      "/api/v1/crises/" + std::to_string(json::parse(other.body)["id"].get<int64_t>());
  EXPECT_EQ(json::parse(Call("GET", other_path, hq_).body)["text_channels"],
            json::array({"sms", "whatsapp"}));

  auto preview = Call("GET", base + "/preview", hq_);
  ASSERT_EQ(preview.status, 200) << preview.body;
  const json reach = json::parse(preview.body);
  ASSERT_GT(reach["total"].get<int64_t>(), 0);
  EXPECT_TRUE(reach["by_mission"].contains("KBRI-KUALA-LUMPUR"));

  auto page = Call("GET", "/konsol/krisis/" + std::to_string(id) + "/pratinjau", hq_);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(std::to_string(reach["total"].get<int64_t>())), std::string::npos);

  auto sent = Call("POST", base + "/send", hq_);
  ASSERT_EQ(sent.status, 201) << sent.body;
  const json alert = json::parse(sent.body);
  EXPECT_TRUE(alert["first"].get<bool>());
  EXPECT_EQ(alert["audience"], reach["total"]);
  EXPECT_GT(alert["queued"].get<int64_t>(), 0);

  // The sender (portal messages at once, others at their rate) moves the counts.
  json crisis;
  for (int i = 0; i < 50; ++i) {
    crisis = json::parse(Call("GET", base, hq_).body);
    if (crisis["delivery"]["sent"].get<int64_t>() > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_GT(crisis["delivery"]["sent"].get<int64_t>(), 0);
  EXPECT_EQ(crisis["state"], "active");

  // The demo citizen (KBRI Kuala Lumpur, MY-14) reads it in the inbox, with the link.
  const std::string warga = SignIn(server_->url(), "warga@demo.peduli.test", "peduli-demo-2026");
  auto inbox = Call("GET", "/api/v1/me/messages", warga);
  ASSERT_EQ(inbox.status, 200);
  const json msgs = json::parse(inbox.body)["messages"];
  bool found = false;
  for (const auto& m : msgs) {
    if (m["text"].get<std::string>().find("Banjir di Kuala Lumpur") != std::string::npos) {
      found = true;
      EXPECT_NE(m["text"].get<std::string>().find("/aman/"), std::string::npos);
    }
  }
  EXPECT_TRUE(found) << inbox.body;
  auto inbox_page = Call("GET", "/pesan", warga);
  EXPECT_EQ(inbox_page.status, 200);
  EXPECT_NE(inbox_page.body.find("Floods in Kuala Lumpur"), std::string::npos);

  // A second alert goes to the same people.
  auto again = Call("POST", base + "/send", hq_);
  ASSERT_EQ(again.status, 201);
  EXPECT_FALSE(json::parse(again.body)["first"].get<bool>());
  EXPECT_EQ(json::parse(again.body)["audience"], reach["total"]);
  EXPECT_EQ(json::parse(Call("GET", base + "/alerts", hq_).body)["alerts"].size(), 2u);
}

TEST_P(CrisisAlertsFlow, MissionCrisisScope) {
  const std::string sup = StaffSignIn(server_->url(), "supervisor.kl@demo.peduli.test");
  json in = {{"level", "caution"}, {"title_id", "Waspada"}, {"title_en", "Caution"},
             {"text_id", "Teks"}, {"text_en", "Text"},
             {"area", {{"circles", {{{"lat", 3.07}, {"lon", 101.52}, {"radius_km", 30}}}}}}};
  auto created = Call("POST", "/api/v1/crises", sup, in.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/crises/" + std::to_string(json::parse(created.body)["id"].get<int64_t>());
  const std::string jeddah = StaffSignIn(server_->url(), "petugas.jeddah@demo.peduli.test");
  EXPECT_EQ(Call("GET", path, jeddah).status, 404);
  const std::string officer = StaffSignIn(server_->url(), "petugas.kl@demo.peduli.test");
  EXPECT_EQ(Call("GET", path, officer).status, 200);
  EXPECT_EQ(Call("POST", path + "/send", officer).status, 403);
  EXPECT_EQ(Call("GET", path, hq_).status, 200);
  // Outside the mission's jurisdiction.
  in["area"] = {{"countries", {"JP"}}};
  EXPECT_EQ(Call("POST", "/api/v1/crises", sup, in.dump()).status, 422);
}

INSTANTIATE_TEST_SUITE_P(Backends, CrisisAlertsFlow, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace peduli::testing
