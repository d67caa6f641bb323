#include "http/router.h"

#include <gtest/gtest.h>

namespace peduli::http {
namespace {

Request Req(const std::string& method, const std::string& path) {
  Request r;
  r.method = method;
  r.path = path;
  return r;
}

Response Named(const std::string& n) { return Response::Text(n, "text/plain"); }

TEST(RouterTest, MatchesPathParametersAndAnswers404And405OnPurpose) {
  Router r;
  r.Get("/verify/:code", Access::kPublic, [](Request& q) { return Named(q.params["code"]); });
  r.Put("/api/v1/me/lapor-diri", Access::kCitizen, [](Request&) { return Named("put"); });
  const Route* route = nullptr;
  Request get = Req("GET", "/verify/abc");
  ASSERT_EQ(r.Find(get, &route), Router::Match::kFound);
  EXPECT_EQ(route->handler(get).body, "abc");
  EXPECT_EQ(get.route, "/verify/:code");
  Request head = Req("HEAD", "/verify/abc");
  EXPECT_EQ(r.Find(head, &route), Router::Match::kFound);
  Request post = Req("POST", "/verify/abc");
  EXPECT_EQ(r.Find(post, &route), Router::Match::kMethodNotAllowed);
  Request deeper = Req("GET", "/verify/abc/def");
  EXPECT_EQ(r.Find(deeper, &route), Router::Match::kNotFound);
  Request trailing = Req("PUT", "/api/v1/me/lapor-diri/");
  EXPECT_EQ(r.Find(trailing, &route), Router::Match::kFound);
}

TEST(MessageTest, ParsesFormsCookiesAndQueries) {
  auto f = ParseUrlEncoded("identity.full_name=%C4%90%E1%BA%B7ng+Siti&x=1&x=2&empty=&bad=%zz");
  EXPECT_EQ(f.find("identity.full_name")->second, "Đặng Siti");
  EXPECT_EQ(f.count("x"), 2u);
  EXPECT_EQ(f.find("empty")->second, "");
  EXPECT_EQ(f.find("bad")->second, "%zz");
  Request q;
  q.query = "lang=en&next=%2Fberanda";
  q.headers = {{"cookie", "a=1; pw_session=tok; b=2"}};
  EXPECT_EQ(q.QueryParam("next"), "/beranda");
  EXPECT_EQ(q.Cookie("pw_session"), "tok");
  EXPECT_FALSE(q.Cookie("pw"));
  EXPECT_EQ(SetCookieValue("pw_session", "t", true, 0),
            "pw_session=t; Path=/; SameSite=Lax; HttpOnly; Secure; Max-Age=0");
}

}  // namespace
}  // namespace peduli::http
