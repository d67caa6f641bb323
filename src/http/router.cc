#include "http/router.h"

namespace peduli::http {
namespace {
std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}
}  // namespace

void Router::Add(Route r) {
  compiled_.push_back({Split(r.pattern)});
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(Request& req, const Route** route) const {
  auto segs = Split(req.path);
  bool path_matched = false;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const auto& pat = compiled_[i].segments;
    if (pat.size() != segs.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t k = 0; k < pat.size() && ok; ++k) {
      if (!pat[k].empty() && pat[k][0] == ':') {
        params[pat[k].substr(1)] = segs[k];
      } else {
        ok = pat[k] == segs[k];
      }
    }
    if (!ok) continue;
    path_matched = true;
    const bool method_ok = routes_[i].method == req.method ||
                           (req.method == "HEAD" && routes_[i].method == "GET");
    if (!method_ok) continue;
    req.params = std::move(params);
    req.route = routes_[i].pattern;
    *route = &routes_[i];
    return Match::kFound;
  }
  return path_matched ? Match::kMethodNotAllowed : Match::kNotFound;
}

}  // namespace peduli::http
