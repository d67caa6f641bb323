#include "modules/search/service.h"

#include <algorithm>
#include <sstream>
#include <vector>

#include "modules/registry/phone.h"
#include "modules/search/names.h"

namespace peduli::search {
namespace {

Error Bad(const char* key) { return Error::Invalid("q", key); }

Result<std::string> NameQuery(const std::string& q) {
  std::istringstream in(NameKey(q));
  std::vector<std::string> tokens;
  bool long_enough = false;
  for (std::string t; in >> t;) {
    long_enough = long_enough || t.size() >= 2;
    tokens.push_back(t);
  }
  if (!long_enough) return Bad("err.search.too_short");
  std::string key;
  size_t kept = 0;
  for (const auto& t : tokens) {
    if (t.size() < 2) continue;  // an initial matches too much to narrow anything
    if (++kept > static_cast<size_t>(store::kMaxNameTokens)) {
      return Bad("err.search.too_many_words");
    }
    if (!key.empty()) key += ' ';
    key += t;
  }
  return key;
}

}  // namespace

Result<std::string> SearchService::Normalise(const SearchRequest& r) const {
  switch (r.kind) {
    case store::SearchQuery::kName:
      return NameQuery(r.q);
    case store::SearchQuery::kNik: {
      std::string digits;
      for (char c : r.q) {
        if (c >= '0' && c <= '9') {
          digits.push_back(c);
        } else if (c != ' ' && c != '.' && c != '-') {
          return Bad("err.search.nik");
        }
      }
      if (digits.size() != 16) return Bad("err.search.nik");
      return digits;
    }
    case store::SearchQuery::kPassport: {
      std::string p;
      for (char c : r.q) {
        if (c == ' ' || c == '-') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return Bad("err.search.passport");
        p.push_back(c);
      }
      if (p.size() < 5 || p.size() > 12) return Bad("err.search.passport");
      return p;
    }
    case store::SearchQuery::kPhone: {
      const std::string country = r.mission_code.empty() ? "" : mission_country_(r.mission_code);
      auto e164 = registry::NormalizePhone(r.q, country);
      if (!e164.ok()) return Bad("err.search.phone");
      return std::move(e164.value());
    }
  }
  return Bad("err.search.kind");
}

Result<store::SearchPage> SearchService::Search(const SearchRequest& r) {
  auto text = Normalise(r);
  if (!text.ok()) return text.take_error();
  store::SearchQuery q;
  q.mission_code = r.mission_code;
  q.kind = r.kind;
  q.text = std::move(text.value());
  q.after_id = r.after_id < 0 ? 0 : r.after_id;
  q.limit = std::clamp(r.limit, 1, 100);
  return store_->Search(q);
}

}  // namespace peduli::search
