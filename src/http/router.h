#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/message.h"

namespace peduli::http {

using Handler = std::function<Response(Request&)>;

// Who may call a route. The pipeline enforces it before the handler runs, so handlers do
// not hand-code sign-in checks.
enum class Access {
  kPublic,   // anyone
  kSignedIn, // any signed-in account
  kCitizen,  // a signed-in citizen
};

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/me/lapor-diri", "/verify/:code"
  Access access = Access::kPublic;
  Handler handler;
  std::string summary;  // one line, for the OpenAPI document
};

// Matches method + path to a route. 404 when no pattern matches, 405 when the path matches
// with another method.
class Router {
 public:
  void Add(Route r);
  void Get(std::string pattern, Access a, Handler h, std::string summary = "") {
    Add({"GET", std::move(pattern), a, std::move(h), std::move(summary)});
  }
  void Post(std::string pattern, Access a, Handler h, std::string summary = "") {
    Add({"POST", std::move(pattern), a, std::move(h), std::move(summary)});
  }
  void Put(std::string pattern, Access a, Handler h, std::string summary = "") {
    Add({"PUT", std::move(pattern), a, std::move(h), std::move(summary)});
  }
  void Delete(std::string pattern, Access a, Handler h, std::string summary = "") {
    Add({"DELETE", std::move(pattern), a, std::move(h), std::move(summary)});
  }

  enum class Match { kFound, kNotFound, kMethodNotAllowed };
  // On kFound sets `route` and fills request.params.
  Match Find(Request& req, const Route** route) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // ":name" captures a segment
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace peduli::http
