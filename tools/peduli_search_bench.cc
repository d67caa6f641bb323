// peduli-search-bench: latency of officers' search (issue 4) on a loaded database.
//
//   peduli-gen --database /tmp/s1m.db --count 1000000
//   peduli-search-bench --database /tmp/s1m.db [--reindex] [--runs 400] [--seed 7]
//
// Migrates, makes the search schema, optionally rebuilds the index (store::Reindex, timed),
// then runs each kind of query `runs` times through search::SearchService (normalisation
// included), first page of 20, and prints one JSON object: per case the p50, p99 and max in
// milliseconds and the mean number of hits. Queries are drawn with a fixed seed from
// indexed citizens: "rare" is a citizen's own first and last name, "common" the most
// frequent first tokens of a sample; "mission" runs limit to the searched citizen's mission.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "modules/search/service.h"
#include "store/migrate.h"
#include "store/search_store.h"

namespace {

using namespace peduli;
using Clock = std::chrono::steady_clock;

struct Person {
  std::string name, nik, mission;
};

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Latency of the officers' citizen search"};
  std::string url;
  bool reindex = false;
  int runs = 400;
  unsigned seed = 7;
  app.add_option("--database", url, "SQLite file path or postgresql:// URL")->required();
  app.add_flag("--reindex", reindex, "Rebuild the search index first");
  app.add_option("--runs", runs, "Queries per case");
  app.add_option("--seed", seed, "Seed of the query sample");
  CLI11_PARSE(app, argc, argv);

  auto db = store::Open(url, 2);
  if (!db.ok()) return std::cerr << db.error().message << "\n", 1;
  store::Database& d = **db;
  if (auto s = store::Migrate(d); !s.ok()) return std::cerr << s.error().message << "\n", 1;
  nlohmann::json out;
  {
    auto lease = d.Acquire();
    if (auto s = store::EnsureSearchSchema(**lease); !s.ok()) {
      return std::cerr << s.error().message << "\n", 1;
    }
  }
  if (reindex) {
    auto t0 = Clock::now();
    auto n = store::Reindex(d);
    if (!n.ok()) return std::cerr << n.error().message << "\n", 1;
    out["reindex"] = {{"citizens", *n},
                      {"seconds", std::chrono::duration<double>(Clock::now() - t0).count()}};
  }

  // The sample: random indexed citizens.
  std::mt19937_64 rng(seed);
  std::vector<Person> people;
  std::map<std::string, int> first_words;
  {
    auto lease = d.Acquire();
    auto max = (*lease)->QueryOne("SELECT COALESCE(MAX(citizen_id), 0) FROM citizen_search");
    if (!max.ok() || max->Int(0) == 0) return std::cerr << "empty index: run --reindex\n", 1;
    std::uniform_int_distribution<int64_t> pick(1, max->Int(0));
    while (people.size() < static_cast<size_t>(std::max(runs, 2000))) {
      auto r = (*lease)->Query(
          "SELECT c.full_name, c.nik, s.mission_code FROM citizen_search s "
          "JOIN citizens c ON c.id = s.citizen_id WHERE s.citizen_id = $1",
          {pick(rng)});
      if (!r.ok()) return std::cerr << r.error().message << "\n", 1;
      if (r->empty() || r->front().Text(2).empty()) continue;
      people.push_back({r->front().Text(0), r->front().Text(1), r->front().Text(2)});
      auto w = Words(people.back().name);
      if (!w.empty()) ++first_words[w.front()];
    }
  }
  std::vector<std::pair<int, std::string>> common;
  for (auto& [w, n] : first_words) common.emplace_back(n, w);
  std::sort(common.rbegin(), common.rend());
  common.resize(std::min<size_t>(common.size(), 5));

  store::SearchStore store(&d);
  search::SearchService svc(&store, [](const std::string&) { return std::string(); });

  auto measure = [&](const std::string& name, auto make) {
    std::vector<double> ms;
    double hits = 0;
    for (int i = 0; i < runs; ++i) {
      search::SearchRequest r = make(i);
      auto t0 = Clock::now();
      auto p = svc.Search(r);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      if (!p.ok()) {
        std::cerr << name << ": " << p.error().message << "\n";
        std::exit(1);
      }
      hits += static_cast<double>(p->hits.size());
    }
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))]; };
    out["cases"][name] = {{"p50_ms", at(0.50)}, {"p99_ms", at(0.99)}, {"max_ms", ms.back()},
                          {"mean_hits", hits / runs}};
  };
  auto rare = [&](const Person& p) {
    auto w = Words(p.name);
    return w.size() > 1 ? w.front() + " " + w.back() : p.name;
  };
  using K = store::SearchQuery;
  measure("name_rare_all", [&](int i) {
    return search::SearchRequest{"", K::kName, rare(people[i]), 0, 20};
  });
  measure("name_rare_mission", [&](int i) {
    return search::SearchRequest{people[i].mission, K::kName, rare(people[i]), 0, 20};
  });
  measure("name_common_all", [&](int i) {
    return search::SearchRequest{"", K::kName, common[i % common.size()].second, 0, 20};
  });
  measure("name_common_mission", [&](int i) {
    return search::SearchRequest{people[i].mission, K::kName, common[i % common.size()].second,
                                 0, 20};
  });
  measure("name_prefix_mission", [&](int i) {
    auto w = Words(people[i].name);
    std::string q;
    for (auto& x : w) q += (q.empty() ? "" : " ") + x.substr(0, 3);
    return search::SearchRequest{people[i].mission, K::kName, q, 0, 20};
  });
  measure("nik_mission", [&](int i) {
    return search::SearchRequest{people[i].mission, K::kNik, people[i].nik, 0, 20};
  });
  measure("nik_all", [&](int i) {
    return search::SearchRequest{"", K::kNik, people[i].nik, 0, 20};
  });
  for (auto& [n, w] : common) out["common_names"].push_back(w);
  std::cout << out.dump(2) << "\n";
  return 0;
}
