#include "modules/reference/loader.h"

#include "store/reference_store.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/crypto.h"

namespace peduli::reference {
namespace {

using Data = store::ReferenceData;

// Part of the version: bump it when the way the files are read changes, so that every
// database reloads.
constexpr std::string_view kFormat = "peduli-reference-1";

// country-state-city writes a few codes differently from ISO 3166-2 (Debian iso-codes
// 4.15.0, which data/missions.csv follows), and lacks one that missions.csv needs.
// See data/missions-review.md.
constexpr std::pair<std::string_view, std::string_view> kSubdivisionCodeFixes[] = {
    {"PH-NCR", "PH-00"},    // National Capital Region (Metro Manila)
    {"MX-CDMX", "MX-CMX"},  // Ciudad de México
};
const Data::Subdivision kSubdivisionsAdded[] = {
    {"PG-ESW", "PG", "East Sepik"},
};

const std::set<std::string, std::less<>> kMissionTypes = {"KBRI", "KJRI", "KRI",
                                                          "KDEI", "PTRI", "HQ"};

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An ISO 3166-2 code's part after "CC-": one to three ASCII capitals or digits.
bool IsIsoPart(std::string_view s) {
  return !s.empty() && s.size() <= 3 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

Error Bad(const std::string& file, const std::string& what, size_t line = 0) {
  std::string where = line ? file + ":" + std::to_string(line) : file;
  return Error::Internal("reference data " + where + ": " + what);
}

// One CSV record and the line it starts on.
struct Record {
  size_t line;
  std::vector<std::string> fields;
};

// RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. A line that
// starts with '#' outside a quoted field is a comment; blank lines are skipped.
std::vector<Record> ParseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Record> out;
  size_t i = 0, line = 1;
  while (i < text.size()) {
    if (text[i] == '#' || text[i] == '\n' || text[i] == '\r') {
      size_t nl = text.find('\n', i);
      i = nl == std::string_view::npos ? text.size() : nl + 1;
      ++line;
      continue;
    }
    Record rec{line, {}};
    std::string field;
    bool quoted = false, in_quotes = false;
    for (; i < text.size(); ++i) {
      char c = text[i];
      if (in_quotes) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (c == '"') {
          in_quotes = false;
        } else {
          if (c == '\n') ++line;
          field += c;
        }
      } else if (c == '"' && field.empty() && !quoted) {
        in_quotes = quoted = true;
      } else if (c == ',') {
        rec.fields.push_back(std::move(field));
        field.clear();
        quoted = false;
      } else if (c == '\n') {
        break;
      } else if (c != '\r') {
        field += c;
      }
    }
    rec.fields.push_back(std::move(field));
    out.push_back(std::move(rec));
    ++i;  // past the newline
    ++line;
  }
  return out;
}

// A CSV file read by column name.
class Table {
 public:
  static Result<Table> Parse(const std::string& name, std::string_view text,
                             const std::vector<std::string>& required) {
    Table t;
    t.name_ = name;
    auto recs = ParseCsv(text);
    if (recs.empty()) return Bad(name, "empty");
    for (size_t c = 0; c < recs[0].fields.size(); ++c) t.cols_[recs[0].fields[c]] = c;
    for (const auto& col : required) {
      if (!t.cols_.count(col)) return Bad(name, "no column '" + col + "'");
    }
    for (size_t r = 1; r < recs.size(); ++r) {
      if (recs[r].fields.size() != recs[0].fields.size()) {
        return Bad(name, "expected " + std::to_string(recs[0].fields.size()) + " fields",
                   recs[r].line);
      }
      t.rows_.push_back(std::move(recs[r]));
    }
    return t;
  }
  const std::vector<Record>& rows() const { return rows_; }
  const std::string& Get(const Record& r, const std::string& col) const {
    return r.fields[cols_.at(col)];
  }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::map<std::string, size_t> cols_;
  std::vector<Record> rows_;
};

// Reads the named files under `dir` and feeds them into the version hash.
class Files {
 public:
  Result<std::string> Read(const std::string& dir, const std::string& rel) {
    std::ifstream in(dir + "/" + rel, std::ios::binary);
    if (!in) return Bad(dir + "/" + rel, "cannot be read");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    hashed_ += rel + '\0' + std::to_string(text.size()) + '\0' + text;
    return text;
  }
  std::string Version() const { return crypto::Sha256Hex(std::string(kFormat) + '\0' + hashed_); }

 private:
  std::string hashed_;
};

Status ReadRegions(Files& files, const std::string& web_dir, Data& d) {
  const std::string base = "node_modules/idn-area-data/data/";
  auto text = files.Read(web_dir, base + "provinces.csv");
  if (!text.ok()) return text.take_error();
  auto provinces = Table::Parse(base + "provinces.csv", *text, {"code", "name"});
  if (!provinces.ok()) return provinces.take_error();
  std::set<std::string> known;
  for (const auto& r : provinces->rows()) {
    const auto& code = provinces->Get(r, "code");
    if (code.size() != 2 || !IsDigits(code)) return Bad(provinces->name(), "bad code", r.line);
    d.provinces.push_back({code, provinces->Get(r, "name")});
    known.insert(code);
  }
  // Regencies then districts: each code is its parent's code plus ".NN".
  struct Level {
    const char* file;
    const char* parent_col;
  };
  for (Level level :
       {Level{"regencies.csv", "province_code"}, Level{"districts.csv", "regency_code"}}) {
    text = files.Read(web_dir, base + level.file);
    if (!text.ok()) return text.take_error();
    auto t = Table::Parse(base + level.file, *text, {"code", level.parent_col, "name"});
    if (!t.ok()) return t.take_error();
    std::set<std::string> parents = std::move(known);
    known.clear();
    for (const auto& r : t->rows()) {
      const auto& code = t->Get(r, "code");
      const auto& parent = t->Get(r, level.parent_col);
      if (!parents.count(parent) || code.size() != parent.size() + 3 ||
          code.compare(0, parent.size() + 1, parent + ".") != 0 ||
          !IsDigits(std::string_view(code).substr(parent.size() + 1))) {
        return Bad(t->name(), "bad code or parent", r.line);
      }
      if (level.file == std::string_view("regencies.csv")) {
        d.regencies.push_back({code, parent, t->Get(r, "name")});
      } else {
        d.districts.push_back({code, parent, t->Get(r, "name")});
      }
      known.insert(code);
    }
  }
  return Status::Ok();
}

// i18n-iso-countries: {"countries": {"MY": "Malaysia", "US": ["United States of America",
// "USA", ...]}}; the first name of a list is the official one.
Result<std::map<std::string, std::string>> CountryNames(Files& files, const std::string& web_dir,
                                                        const std::string& lang) {
  const std::string rel = "node_modules/i18n-iso-countries/langs/" + lang + ".json";
  auto text = files.Read(web_dir, rel);
  if (!text.ok()) return text.take_error();
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.contains("countries") || !j["countries"].is_object()) {
    return Bad(rel, "not an i18n-iso-countries locale");
  }
  std::map<std::string, std::string> names;
  for (const auto& [code, v] : j["countries"].items()) {
    if (v.is_string()) {
      names[code] = v.get<std::string>();
    } else if (v.is_array() && !v.empty() && v[0].is_string()) {
      names[code] = v[0].get<std::string>();
    }
  }
  return names;
}

Status ReadCountries(Files& files, const std::string& web_dir, Data& d) {
  auto en = CountryNames(files, web_dir, "en");
  if (!en.ok()) return en.take_error();
  auto id = CountryNames(files, web_dir, "id");
  if (!id.ok()) return id.take_error();
  for (const auto& [code, name_en] : *en) {
    auto it = id->find(code);
    d.countries.push_back({code, it == id->end() ? name_en : it->second, name_en});
  }
  if (d.countries.size() < 200) return Bad("i18n-iso-countries", "too few countries");
  return Status::Ok();
}

Status ReadSubdivisions(Files& files, const std::string& web_dir, Data& d) {
  const std::string rel = "node_modules/country-state-city/lib/assets/state.json";
  auto text = files.Read(web_dir, rel);
  if (!text.ok()) return text.take_error();
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return Bad(rel, "not a list of states");
  std::set<std::string> countries;
  for (const auto& c : d.countries) countries.insert(c.code);
  std::map<std::string, Data::Subdivision> out;
  for (const auto& s : j) {
    if (!s.is_object()) continue;
    std::string country = s.value("countryCode", ""), part = s.value("isoCode", "");
    std::string code = country + "-" + part;
    for (const auto& [from, to] : kSubdivisionCodeFixes) {
      if (code == from) code = to;
    }
    part = code.substr(country.size() + 1);
    // Codes outside ISO's shape ("US-UM-67", "RU-UA-40") are left out.
    if (!countries.count(country) || !IsIsoPart(part)) continue;
    out.emplace(code, Data::Subdivision{code, country, s.value("name", "")});
  }
  for (const auto& s : kSubdivisionsAdded) out.emplace(s.code, s);
  for (auto& [code, s] : out) d.subdivisions.push_back(std::move(s));
  return Status::Ok();
}

// A ';'-separated list item; a trailing '?' marks it uncertain.
struct Item {
  std::string value;
  bool uncertain = false;
};

std::vector<Item> Items(const std::string& field) {
  std::vector<Item> out;
  std::stringstream ss(field);
  std::string part;
  while (std::getline(ss, part, ';')) {
    auto b = part.find_first_not_of(" \t"), e = part.find_last_not_of(" \t");
    if (b == std::string::npos) continue;
    part = part.substr(b, e - b + 1);
    Item it;
    if (part.back() == '?') {
      it.uncertain = true;
      part.pop_back();
    }
    it.value = part;
    out.push_back(std::move(it));
  }
  return out;
}

Status ReadMissions(Files& files, const std::string& data_dir, Data& d) {
  const std::string rel = "missions.csv";
  auto text = files.Read(data_dir, rel);
  if (!text.ok()) return text.take_error();
  auto t = Table::Parse(rel, *text,
                        {"code", "type", "name", "city", "country", "timezone", "serves_countries",
                         "serves_subdivisions", "serves_cities", "notes", "address", "phone"});
  if (!t.ok()) return t.take_error();
  std::set<std::string> countries, subdivisions, codes;
  for (const auto& c : d.countries) countries.insert(c.code);
  for (const auto& s : d.subdivisions) subdivisions.insert(s.code);
  // How many missions list each subdivision: a subdivision listed by several is split,
  // and serves_cities applies to it.
  std::map<std::string, int> claims;
  for (const auto& r : t->rows()) {
    for (const auto& s : Items(t->Get(r, "serves_subdivisions"))) ++claims[s.value];
  }
  for (const auto& r : t->rows()) {
    auto get = [&](const char* col) -> const std::string& { return t->Get(r, col); };
    Data::Mission m{get("code"),     get("type"),    get("name"),  get("city"), get("country"),
                    get("timezone"), get("address"), get("phone"), get("notes")};
    if (m.code.empty() || !codes.insert(m.code).second) {
      return Bad(rel, "bad or repeated code", r.line);
    }
    if (!kMissionTypes.count(m.type)) return Bad(rel, "unknown type " + m.type, r.line);
    if (!countries.count(m.country)) return Bad(rel, "unknown country " + m.country, r.line);
    if (m.name.empty() || m.city.empty() || m.timezone.empty()) {
      return Bad(rel, "name, city and timezone are required", r.line);
    }
    auto subs = Items(get("serves_subdivisions"));
    auto cities = Items(get("serves_cities"));
    bool cities_used = false;
    for (const auto& c : Items(get("serves_countries"))) {
      if (!countries.count(c.value)) return Bad(rel, "unknown country " + c.value, r.line);
      bool split = std::any_of(subs.begin(), subs.end(), [&](const Item& s) {
        return s.value.compare(0, c.value.size() + 1, c.value + "-") == 0;
      });
      if (!split) d.jurisdictions.push_back({m.code, c.value, "", "", c.uncertain});
    }
    for (const auto& s : subs) {
      if (!subdivisions.count(s.value)) return Bad(rel, "unknown subdivision " + s.value, r.line);
      std::string country = s.value.substr(0, s.value.find('-'));
      if (claims[s.value] > 1 && !cities.empty()) {
        cities_used = true;
        for (const auto& c : cities) {
          d.jurisdictions.push_back(
              {m.code, country, s.value, c.value, s.uncertain || c.uncertain});
        }
      } else {
        d.jurisdictions.push_back({m.code, country, s.value, "", s.uncertain});
      }
    }
    if (!cities.empty() && !cities_used) {
      return Bad(rel, "serves_cities without a subdivision shared with another mission", r.line);
    }
    d.missions.push_back(std::move(m));
  }
  if (!codes.count("HQ-PWNI")) return Bad(rel, "no HQ-PWNI row");
  std::sort(d.missions.begin(), d.missions.end(),
            [](const auto& a, const auto& b) { return a.code < b.code; });
  return Status::Ok();
}

}  // namespace

Result<SourceData> ReadReferenceSources(const std::string& web_dir, const std::string& data_dir) {
  Files files;
  SourceData out;
  PEDULI_TRY(ReadRegions(files, web_dir, out.data));
  PEDULI_TRY(ReadCountries(files, web_dir, out.data));
  PEDULI_TRY(ReadSubdivisions(files, web_dir, out.data));
  PEDULI_TRY(ReadMissions(files, data_dir, out.data));
  out.version = files.Version();
  return out;
}

Status LoadReferenceData(store::Database& db, const std::string& web_dir,
                         const std::string& data_dir) {
  auto src = ReadReferenceSources(web_dir, data_dir);
  if (!src.ok()) return src.take_error();
  auto store = store::NewReferenceStore(db);
  auto current = store->Version();
  if (!current.ok()) return current.take_error();
  if (*current == src->version) return Status::Ok();
  auto replaced = store->Replace(src->data, src->version);
  if (!replaced.ok()) return replaced.take_error();
  return Status::Ok();
}

Result<std::unique_ptr<ReferenceService>> LoadAndOpen(store::Database& db, const std::string& assets) {
  PEDULI_TRY(LoadReferenceData(db, assets + "/web", assets + "/data"));
  auto store = store::NewReferenceStore(db);
  return ReferenceService::Load(*store);
}

}  // namespace peduli::reference
